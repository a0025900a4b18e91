from _common import U, A, T, G, D, write

SLOT_PICKER = '''import Component from '@glimmer/component';
import { tracked } from '@glimmer/tracking';
import { action } from '@ember/object';
import { service } from '@ember/service';

export default class SlotPickerComponent extends Component {
  @service store;
  @tracked selected = [];
  @tracked isLoading = false;

  get freeSlots() {
    return this.args.slots.filter((s) => !s.isBooked);
  }

  isSelected = (slot) => this.selected.includes(slot);

  @action
  toggle(slot) {
    if (this.isSelected(slot)) {
      this.selected.splice(this.selected.indexOf(slot), 1);
    } else {
      this.selected.push(slot);
    }
    console.log('selected', this.selected.length);
  }

  @action
  async confirm() {
    this.isLoading = true;
    try {
      await this.args.onConfirm(this.selected);
    } finally {
      this.isLoading = false;
    }
  }
}
'''

PACKAGE_JSON = '''{
  "name": "clinic-web",
  "version": "2.7.0",
  "private": true,
  "description": "Appointment booking front-end for the clinics",
  "scripts": {
    "build": "ember build --environment=production",
    "lint": "concurrently \\"npm:lint:*(!fix)\\" --names \\"lint:\\"",
    "lint:hbs": "ember-template-lint .",
    "lint:js": "eslint . --cache",
    "start": "ember serve --proxy http://localhost:4000",
    "test": "ember test"
  },
  "devDependencies": {
    "@babel/eslint-parser": "^7.23.3",
    "@ember/optional-features": "^2.0.0",
    "@ember/test-helpers": "^3.2.0",
    "@glimmer/component": "^1.1.2",
    "@glimmer/tracking": "^1.1.2",
    "broccoli-asset-rev": "^3.0.0",
    "date-fns": "^2.30.0",
    "ember-auto-import": "^2.7.0",
    "ember-cli": "~5.4.0",
    "ember-cli-babel": "^8.2.0",
    "ember-cli-htmlbars": "^6.3.0",
    "ember-cli-moment-shim": "^3.8.0",
    "ember-concurrency": "^4.0.0",
    "ember-data": "~5.3.0",
    "ember-fetch": "^8.1.2",
    "ember-load-initializers": "^2.1.2",
    "ember-modifier": "^4.1.0",
    "ember-page-title": "^8.0.0",
    "ember-power-calendar": "^0.18.0",
    "ember-power-select": "^6.0.1",
    "ember-qunit": "^8.0.1",
    "ember-resolver": "^11.0.1",
    "ember-source": "~5.4.0",
    "ember-template-lint": "^5.11.2",
    "eslint": "^8.52.0",
    "eslint-plugin-ember": "^11.11.1",
    "loader.js": "^4.7.0",
    "qunit": "^2.20.0",
    "qunit-dom": "^2.0.0",
    "webpack": "^5.89.0"
  },
  "engines": {
    "node": ">= 18"
  },
  "ember": {
    "edition": "octane"
  }
}
'''

FIX_EDIT = '''--- a/app/components/slot-picker.js
+++ b/app/components/slot-picker.js
@@ -16,12 +16,13 @@ export default class SlotPickerComponent extends Component {
   @action
   toggle(slot) {
+    // @tracked only sees assignments to `selected`, not push/splice on the array:
+    // always assign a new array so the template re-renders.
     if (this.isSelected(slot)) {
-      this.selected.splice(this.selected.indexOf(slot), 1);
+      this.selected = this.selected.filter((s) => s !== slot);
     } else {
-      this.selected.push(slot);
+      this.selected = [...this.selected, slot];
     }
-    console.log('selected', this.selected.length);
   }'''

TEST_SLOT = '''Environment: development
cleaning up...
Built project successfully. Stored in "/home/marta/work/clinic-web/tmp/class-tests_dist-Xk2pQ.tmp".
ok 1 Chrome 119.0 - [88 ms] - Integration | Component | slot-picker: it renders the free slots
ok 2 Chrome 119.0 - [41 ms] - Integration | Component | slot-picker: booked slots are not shown
ok 3 Chrome 119.0 - [57 ms] - Integration | Component | slot-picker: clicking a slot marks it selected
ok 4 Chrome 119.0 - [63 ms] - Integration | Component | slot-picker: clicking a selected slot unselects it
ok 5 Chrome 119.0 - [72 ms] - Integration | Component | slot-picker: confirm passes the selected slots

1..5
# tests 5
# pass  5
# skip  0
# todo  0
# fail  0

# ok'''

FORM_JS = '''import Component from '@glimmer/component';
import { tracked } from '@glimmer/tracking';
import { action } from '@ember/object';
import { service } from '@ember/service';

export default class AppointmentFormComponent extends Component {
  @service store;
  @service router;
  @service flashMessages;
  @tracked isLoading = false;
  @tracked error = null;

  @action
  async save(event) {
    event.preventDefault();
    if (this.isLoading) return;
    this.isLoading = true;
    this.error = null;
    try {
      await this.args.appointment.save();
      this.flashMessages.success('Termin gespeichert');
      this.router.transitionTo('appointments.show', this.args.appointment.id);
    } catch (e) {
      this.error = e.errors?.[0]?.detail ?? 'Unbekannter Fehler';
    } finally {
      this.isLoading = false;
    }
  }
}
'''

FORM_EDIT = '''--- a/app/components/appointment-form.js
+++ b/app/components/appointment-form.js
@@ -1,30 +1,27 @@
 import Component from '@glimmer/component';
 import { tracked } from '@glimmer/tracking';
-import { action } from '@ember/object';
 import { service } from '@ember/service';
+import { task } from 'ember-concurrency';

 export default class AppointmentFormComponent extends Component {
   @service store;
   @service router;
   @service flashMessages;
-  @tracked isLoading = false;
   @tracked error = null;

-  @action
-  async save(event) {
-    event.preventDefault();
-    if (this.isLoading) return;
-    this.isLoading = true;
+  // drop: a second submit while saving is ignored (replaces the isLoading guard)
+  save = task({ drop: true }, async (event) => {
+    event.preventDefault();
     this.error = null;
     try {
       await this.args.appointment.save();
       this.flashMessages.success('Termin gespeichert');
       this.router.transitionTo('appointments.show', this.args.appointment.id);
     } catch (e) {
       this.error = e.errors?.[0]?.detail ?? 'Unbekannter Fehler';
-    } finally {
-      this.isLoading = false;
     }
-  }
+  });
 }'''

HBS_EDIT = '''--- a/app/components/appointment-form.hbs
+++ b/app/components/appointment-form.hbs
@@ -1,4 +1,4 @@
-<form {{on "submit" this.save}} class="appointment-form">
+<form {{on "submit" this.save.perform}} class="appointment-form">
   <Fields::Patient @appointment={{@appointment}} />
   <Fields::Slot @appointment={{@appointment}} />
@@ -9,7 +9,7 @@
-  <button type="submit" disabled={{this.isLoading}}>
-    {{if this.isLoading "Speichern…" "Speichern"}}
+  <button type="submit" disabled={{this.save.isRunning}}>
+    {{if this.save.isRunning "Speichern…" "Speichern"}}
   </button>
 </form>'''

SLOT_TASK_EDIT = '''--- a/app/components/slot-picker.js
+++ b/app/components/slot-picker.js
@@ -1,13 +1,13 @@
 import Component from '@glimmer/component';
 import { tracked } from '@glimmer/tracking';
 import { action } from '@ember/object';
 import { service } from '@ember/service';
+import { task } from 'ember-concurrency';

 export default class SlotPickerComponent extends Component {
   @service store;
   @tracked selected = [];
-  @tracked isLoading = false;
@@ -28,12 +28,7 @@ export default class SlotPickerComponent extends Component {
-  @action
-  async confirm() {
-    this.isLoading = true;
-    try {
-      await this.args.onConfirm(this.selected);
-    } finally {
-      this.isLoading = false;
-    }
-  }
+  confirm = task({ drop: true }, async () => {
+    await this.args.onConfirm(this.selected);
+  });
 }'''

NPM_ADD = '''npm WARN deprecated @embroider/macros@1.13.3: please upgrade
added 214 packages, changed 9 packages, and audited 1893 packages in 38s

231 packages are looking for funding
  run `npm fund` for details

4 moderate severity vulnerabilities

To address all issues, run:
  npm audit fix

Run `npm audit` for details.'''

BUILD_EDIT = '''--- a/ember-cli-build.js
+++ b/ember-cli-build.js
@@ -1,16 +1,22 @@
 'use strict';

 const EmberApp = require('ember-cli/lib/broccoli/ember-app');

 module.exports = function (defaults) {
-  const app = new EmberApp(defaults, {
+  let app = new EmberApp(defaults, {
     'ember-cli-babel': { enableTypeScriptTransform: false },
     autoImport: { watchDependencies: [] },
   });

-  return app.toTree();
+  const { Webpack } = require('@embroider/webpack');
+  return require('@embroider/compat').compatBuild(app, Webpack, {
+    staticAddonTestSupportTrees: true,
+    staticAddonTrees: true,
+    staticHelpers: true,
+    staticModifiers: true,
+    staticComponents: true,
+    splitAtRoutes: ['admin', 'reports'],
+  });
 };'''

BUILD_FAIL = '''> clinic-web@2.7.0 build
> ember build --environment=production

Environment: production
building... [@embroider/compat/app]
WARNING in @embroider/compat: ember-cli-moment-shim uses a custom treeForVendor with app.import() of a non-npm file; Embroider can only approximate this
WARNING in @embroider/compat: ember-power-calendar@0.18.0 is a v1 addon that uses this.import() inside included(); converting with the generic rewriter
WARNING in @embroider/compat: ember-power-calendar@0.18.0 calls app.import("vendor/ember-power-calendar/register-moment.js") from an addon hook we do not support
building... [@embroider/webpack]

ERROR in ./components/power-calendar/days.js 4:0-71
Module not found: Error: Can't resolve 'ember-power-calendar-utils' in '/home/marta/work/clinic-web/node_modules/.embroider/rewritten-packages/ember-power-calendar.2b1f2ac4/node_modules/ember-power-calendar/components/power-calendar'
resolve 'ember-power-calendar-utils' in '/home/marta/work/clinic-web/node_modules/.embroider/rewritten-packages/ember-power-calendar.2b1f2ac4/node_modules/ember-power-calendar/components/power-calendar'
  Parsed request is a module
  using description file: /home/marta/work/clinic-web/node_modules/.embroider/rewritten-packages/ember-power-calendar.2b1f2ac4/node_modules/ember-power-calendar/package.json (relative path: ./components/power-calendar)
    resolve as module
      looking for modules in /home/marta/work/clinic-web/node_modules/.embroider/rewritten-packages/ember-power-calendar.2b1f2ac4/node_modules/ember-power-calendar/node_modules
        single file module
          /home/marta/work/clinic-web/node_modules/.embroider/rewritten-packages/ember-power-calendar.2b1f2ac4/node_modules/ember-power-calendar/node_modules/ember-power-calendar-utils doesn't exist
      /home/marta/work/clinic-web/node_modules/.embroider/rewritten-packages/ember-power-calendar.2b1f2ac4/node_modules/node_modules doesn't exist or is not a directory
      looking for modules in /home/marta/work/clinic-web/node_modules
        single file module
          /home/marta/work/clinic-web/node_modules/ember-power-calendar-utils doesn't exist
 @ ./components/power-calendar.js 12:0-58
 @ ./assets/clinic-web.js 31:13-70

ERROR in ./helpers/format-slot.js 2:0-28
Module not found: Error: Can't resolve 'moment' in '/home/marta/work/clinic-web/node_modules/.embroider/rewritten-app/helpers'
 @ ./assets/clinic-web.js 88:13-52

ERROR in ./components/calendar-header.js 3:0-28
Module not found: Error: Can't resolve 'moment' in '/home/marta/work/clinic-web/node_modules/.embroider/rewritten-app/components'
 @ ./assets/clinic-web.js 47:13-61

ERROR in ./utils/slot-range.js 1:0-28
Module not found: Error: Can't resolve 'moment' in '/home/marta/work/clinic-web/node_modules/.embroider/rewritten-app/utils'
 @ ./assets/clinic-web.js 142:13-49

webpack 5.89.0 compiled with 4 errors in 27418 ms

Build Error (PackagerRunner)

webpack returned errors to @embroider/webpack


Stack Trace and Error Report: /tmp/error.dump.5e0b7c2d91a4f3e6b8a1d2c0f9e7a6b5.log
'''

EMBER_TEST_ALL = "\n".join(
    [
        "Environment: test",
        "cleaning up...",
        'Built project successfully. Stored in "/home/marta/work/clinic-web/tmp/class-tests_dist-9RvfT.tmp".',
    ]
    + [f"ok {i} Chrome 119.0 - [{ms} ms] - {name}" for i, (ms, name) in enumerate([
        (512, "Acceptance | booking: a patient can book a free slot"),
        (388, "Acceptance | booking: booked slots are greyed out"),
        (431, "Acceptance | booking: double submit creates one appointment"),
        (602, "Acceptance | rescheduling: moving an appointment to another day"),
        (275, "Acceptance | rescheduling: cannot move into the past"),
        (219, "Acceptance | login: redirects to the clinic dashboard"),
        (96, "Integration | Component | appointment-form: it renders"),
        (144, "Integration | Component | appointment-form: submit saves and transitions"),
        (133, "Integration | Component | appointment-form: button disabled while saving"),
        (120, "Integration | Component | appointment-form: shows server error detail"),
        (38, "Integration | Component | calendar-header: shows month and year"),
        (35, "Integration | Component | calendar-header: week starts on Monday"),
        (88, "Integration | Component | slot-picker: it renders the free slots"),
        (41, "Integration | Component | slot-picker: booked slots are not shown"),
        (57, "Integration | Component | slot-picker: clicking a slot marks it selected"),
        (63, "Integration | Component | slot-picker: clicking a selected slot unselects it"),
        (72, "Integration | Component | slot-picker: confirm passes the selected slots"),
        (22, "Integration | Helper | format-slot: formats start and end time"),
        (19, "Integration | Helper | format-slot: uses 24h clock"),
        (18, "Integration | Helper | format-slot: handles slots over midnight"),
        (11, "Unit | Model | appointment: it exists"),
        (9, "Unit | Model | appointment: duration in minutes"),
        (8, "Unit | Model | slot: isBooked"),
        (14, "Unit | Route | appointments/show: it exists"),
        (12, "Unit | Serializer | appointment: serializes patient id"),
        (10, "Unit | Utility | slot-range: splits a day into 20 minute slots"),
        (9, "Unit | Utility | slot-range: skips the lunch break"),
    ], 1)]
    + ["", "1..27", "# tests 27", "# pass  27", "# skip  0", "# todo  0", "# fail  0", "", "# ok"])

GREP_MOMENT = '''app/helpers/format-slot.js:2:import moment from 'moment';
app/helpers/format-slot.js:6:  return `${moment(slot.start).format('HH:mm')}–${moment(slot.end).format('HH:mm')}`;
app/components/calendar-header.js:3:import moment from 'moment';
app/components/calendar-header.js:14:    return moment(this.args.month).locale('de').format('MMMM YYYY');
app/utils/slot-range.js:1:import moment from 'moment';
app/utils/slot-range.js:9:  let cursor = moment(day).hour(8).minute(0);
app/utils/slot-range.js:10:  const end = moment(day).hour(18).minute(0);
app/utils/slot-range.js:12:    if (!cursor.isBetween(lunchStart, lunchEnd, null, '[)')) {
app/routes/appointments/reschedule.js:4:import moment from 'moment';
app/routes/appointments/reschedule.js:21:    if (moment(params.date).isBefore(moment(), 'day')) {
app/models/appointment.js:2:import moment from 'moment';
app/models/appointment.js:17:    return moment(this.end).diff(moment(this.start), 'minutes');'''

turns = [
    U("Hello! I have a problem with the booking page. When I click on a free slot, it is added in the 'selected' list, "
      "I see in the console the array is growing, but the template not update. Only when I go on another route and come "
      "back I see them as selected. Can you look please? The file is app/components/slot-picker.js"),
    T("Read", "app/components/slot-picker.js", SLOT_PICKER),
    T("Read", "package.json", PACKAGE_JSON),
    A("Found it. `selected` is `@tracked`, but autotracking only notices when the *property* is assigned "
      "(`this.selected = ...`). `push()` and `splice()` change the same array object in place, so Glimmer never "
      "learns that anything changed and the `{{if (this.isSelected slot)}}` in the template keeps its old value — until "
      "the component is re-created when you come back to the route.\n\nTwo ways to fix: always assign a new array "
      "(`this.selected = [...this.selected, slot]`), or use `TrackedArray` from the `tracked-built-ins` addon, which "
      "makes push/splice tracked. It's not in your package.json yet."),
    U("Ok I understand. Do the reassign, we don't want one more addon only for this."),
    T("Edit", "app/components/slot-picker.js", FIX_EDIT),
    T("Bash", 'npx ember test --filter "slot-picker"', TEST_SLOT),
    A("Fixed: `toggle` now assigns a new array in both branches, and I removed the `console.log`. The slot-picker tests pass."),
    U("Good. Another thing. In this component and also in appointment-form there are `isLoading` flags and try/finally "
      "everywhere, it's messy and Jonas forgot one last week so the button stayed disabled. From now we use "
      "ember-concurrency for all async in components, no more async actions with manual isLoading. It is already in "
      "package.json, nobody use it yet. And please stay in plain JS — I know you like to propose typescript but the team "
      "don't know TS, we don't do it in this project."),
    T("Read", "app/components/appointment-form.js", FORM_JS),
    T("Edit", "app/components/appointment-form.js", FORM_EDIT),
    T("Edit", "app/components/appointment-form.hbs", HBS_EDIT),
    T("Edit", "app/components/slot-picker.js", SLOT_TASK_EDIT),
    T("Edit", "app/components/slot-picker.hbs", '''--- a/app/components/slot-picker.hbs
+++ b/app/components/slot-picker.hbs
@@ -12,3 +12,3 @@
-<button type="button" {{on "click" this.confirm}} disabled={{this.isLoading}}>Bestätigen</button>
+<button type="button" {{on "click" this.confirm.perform}} disabled={{this.confirm.isRunning}}>Bestätigen</button>'''),
    T("Bash", "npx ember test", EMBER_TEST_ALL),
    A("Both components now use ember-concurrency tasks (`task({ drop: true }, async () => ...)`) — `drop` also replaces the "
      "`if (this.isLoading) return` double-submit guard — and the templates use `.perform` / `.isRunning`. Plain JS, "
      "no types. All 27 tests pass."),
    U("Super. Next: we want to try Embroider, my colleague said the build is much faster with it. Can you try to switch?"),
    A("Sure. I'll add `@embroider/core`, `@embroider/compat` and `@embroider/webpack`, and wrap the app in `compatBuild` "
      "in ember-cli-build.js with the static flags on. Older v1 addons may not survive the static analysis, we'll see in the build."),
    T("Bash", "npm install --save-dev @embroider/core @embroider/compat @embroider/webpack", NPM_ADD),
    T("Edit", "ember-cli-build.js", BUILD_EDIT),
    T("Bash", "npm run build", BUILD_FAIL),
    A("The Embroider build fails, for two reasons:\n\n1. `ember-power-calendar` 0.18 is an old v1 addon: it registers "
      "things with `app.import()` from its `included()` hook and imports a helper package by a name that only exists in "
      "the classic build. Embroider's compat layer can't rewrite that. Power-calendar 1.x works with Embroider, but it "
      "needs ember-power-select 8 and has a changed API (the `@onSelect` payload and the days block changed).\n"
      "2. `moment` comes from `ember-cli-moment-shim` as a vendor global, so every `import moment from 'moment'` is "
      "unresolvable for webpack.\n\nI can (a) revert to the classic build for now, (b) upgrade the calendar and "
      "power-select first, or (c) write compat adapters for both addons. I'd do (a) today."),
    U("Ok, revert it. Is too much for now. We go back to the classic build."),
    T("Bash", "git checkout -- ember-cli-build.js package.json package-lock.json && npm ci && npm run build 2>&1 | tail -3",
      "added 1679 packages, and audited 1680 packages in 41s\n\n231 packages are looking for funding\n  run `npm fund` for details\n\n"
      "Environment: production\ncleaning up...\nBuilt project successfully. Stored in \"dist/\"."),
    U("Thank you. Now the dates. We have moment AND date-fns both, the bundle is big. What you suggest to use everywhere?"),
    A("Options:\n- **date-fns** — already a dependency, used in 14 files; functions are tree-shaken, so you only ship what you import.\n"
      "- **dayjs** — very small and has a moment-like chained API, so the migration would be mostly mechanical.\n"
      "- **luxon** — best time-zone support, but bigger and a third API style.\n\nI'd standardise on date-fns: "
      "moment is only in 5 files, and dropping moment + ember-cli-moment-shim removes ~70 KB gzipped with the locales."),
    U("date-fns yes"),
    T("Bash", 'grep -rn "moment" app/', GREP_MOMENT),
    T("Edit", "app/helpers/format-slot.js", '''--- a/app/helpers/format-slot.js
+++ b/app/helpers/format-slot.js
@@ -1,7 +1,7 @@
 import { helper } from '@ember/component/helper';
-import moment from 'moment';
+import { format } from 'date-fns';

 export default helper(function formatSlot([slot]) {
-  return `${moment(slot.start).format('HH:mm')}–${moment(slot.end).format('HH:mm')}`;
+  return `${format(slot.start, 'HH:mm')}–${format(slot.end, 'HH:mm')}`;
 });'''),
    T("Edit", "app/components/calendar-header.js", '''--- a/app/components/calendar-header.js
+++ b/app/components/calendar-header.js
@@ -1,16 +1,17 @@
 import Component from '@glimmer/component';
-import moment from 'moment';
+import { format } from 'date-fns';
+import { de } from 'date-fns/locale';

 export default class CalendarHeaderComponent extends Component {
   get title() {
-    return moment(this.args.month).locale('de').format('MMMM YYYY');
+    return format(this.args.month, 'MMMM yyyy', { locale: de });
   }
 }'''),
    T("Bash", 'npx ember test --filter "format-slot|calendar-header"',
      "Environment: test\ncleaning up...\nBuilt project successfully.\n"
      "ok 1 Chrome 119.0 - [38 ms] - Integration | Component | calendar-header: shows month and year\n"
      "ok 2 Chrome 119.0 - [33 ms] - Integration | Component | calendar-header: week starts on Monday\n"
      "ok 3 Chrome 119.0 - [21 ms] - Integration | Helper | format-slot: formats start and end time\n"
      "ok 4 Chrome 119.0 - [17 ms] - Integration | Helper | format-slot: uses 24h clock\n"
      "ok 5 Chrome 119.0 - [18 ms] - Integration | Helper | format-slot: handles slots over midnight\n\n"
      "1..5\n# tests 5\n# pass  5\n# skip  0\n# todo  0\n# fail  0\n\n# ok"),
    A("`format-slot` and `calendar-header` are on date-fns now (note `yyyy`, not `YYYY`, in date-fns format strings). "
      "Three files still use moment: `app/utils/slot-range.js`, `app/routes/appointments/reschedule.js` and "
      "`app/models/appointment.js`. Should I also update the acceptance tests for the rescheduling flow? They freeze "
      "time by stubbing `moment.now`."),
    U("I must go now, meeting in 2 minutes. The rest of moment we do next time, and after that remove "
      "ember-cli-moment-shim from package.json. Thank you very much!"),
    A("OK — left for next time: migrate slot-range.js, reschedule.js and appointment.js to date-fns, then remove "
      "ember-cli-moment-shim. Good meeting!"),
]

s = {
    "id": "ember_clinic",
    "project": "clinic-web",
    "cwd_files": ["package.json", "ember-cli-build.js", "app/components/slot-picker.js", "app/components/slot-picker.hbs",
                  "app/components/appointment-form.js", "app/components/appointment-form.hbs",
                  "app/components/calendar-header.js", "app/helpers/format-slot.js", "app/utils/slot-range.js",
                  "app/routes/appointments/reschedule.js", "app/models/appointment.js"],
    "turns": turns,
    "gold": [
        G("PROJECT", "clinic-web: Ember 5.4 Octane appointment booking front-end (ember-data, classic ember-cli build)",
          ["clinic-web"], ["ember", "5.4", "octane", "booking", "appointment"]),
        G("BUG_FIX", "slot-picker did not re-render: @tracked array mutated with push/splice; fixed by assigning a new array",
          ["tracked"], ["push", "splice", "new array", "reassign", "re-render", "rerender", "spread"],
          ["app/components/slot-picker.js"]),
        G("DECISION", "all async in components uses ember-concurrency tasks; no manual isLoading flags",
          ["ember-concurrency"], ["task", "isLoading", "async", "loading"]),
        G("PREFERENCE", "plain JavaScript only, no TypeScript (team does not know TS)",
          ["typescript"], ["plain", "javascript", "team", "no ts", "not use"]),
        G("FAILED", "switch to Embroider failed (ember-power-calendar 0.18 and ember-cli-moment-shim incompatible); reverted to classic build",
          ["embroider"], ["power-calendar", "moment", "revert", "classic", "incompatib", "v1 addon"], failure=True),
        G("DECISION", "date-fns is the one date library; moment being replaced",
          ["date-fns"], ["moment", "bundle", "replace", "everywhere", "single", "one date"]),
        G("TODO", "migrate remaining moment usages (slot-range, reschedule route, appointment model) then remove ember-cli-moment-shim",
          ["moment-shim"], ["remove", "package.json", "uninstall", "drop"]),
    ],
    "dead_ends": [
        D("dayjs as the date library", ["dayjs"]),
        D("luxon as the date library", ["luxon"]),
        D("Embroider build", ["embroider"]),
        D("upgrade ember-power-calendar to 1.x / power-select 8 to make Embroider work", ["power-select 8"]),
    ],
    "secrets": [],
}
write(s)
