from h17lib import U, A, T, G, D, write

EFFECTS = '''import { inject } from '@angular/core';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { catchError, map, of, switchMap } from 'rxjs';
import { VehiclesApi } from '../vehicles.api';
import { VehiclesActions } from './vehicles.actions';

export const loadVehicles = createEffect(
  (actions$ = inject(Actions), api = inject(VehiclesApi)) =>
    actions$.pipe(
      ofType(VehiclesActions.load),
      switchMap(({ depotId }) =>
        api.list(depotId).pipe(
          map((vehicles) => VehiclesActions.loadSuccess({ vehicles })),
          catchError((error) => of(VehiclesActions.loadFailure({ error: error.message })))
        )
      )
    ),
  { functional: true }
);

export const refreshOnStatusChange = createEffect(
  (actions$ = inject(Actions)) =>
    actions$.pipe(
      ofType(VehiclesActions.statusChanged),
      map(({ depotId }) => VehiclesActions.load({ depotId }))
    ),
  { functional: true }
);'''

APP_CONFIG = '''import { ApplicationConfig, isDevMode } from '@angular/core';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { provideAnimations } from '@angular/platform-browser/animations';
import { provideStore } from '@ngrx/store';
import { provideStoreDevtools } from '@ngrx/store-devtools';

import { routes } from './app.routes';
import { authInterceptor } from './core/auth.interceptor';
import { vehiclesFeature } from './vehicles/state/vehicles.reducer';

export const appConfig: ApplicationConfig = {
  providers: [
    provideRouter(routes, withComponentInputBinding()),
    provideHttpClient(withInterceptors([authInterceptor])),
    provideAnimations(),
    provideStore({ [vehiclesFeature.name]: vehiclesFeature.reducer }),
    provideStoreDevtools({ maxAge: 25, logOnly: !isDevMode() }),
  ],
};'''

REDUCER = '''import { createFeature, createReducer, createSelector, on } from '@ngrx/store';
import { Vehicle } from '../vehicle.model';
import { VehiclesActions } from './vehicles.actions';

export interface VehiclesState {
  vehicles: Vehicle[];
  loading: boolean;
  error: string | null;
  statusFilter: Vehicle['status'] | 'all';
}

const initialState: VehiclesState = { vehicles: [], loading: false, error: null, statusFilter: 'all' };

export const vehiclesFeature = createFeature({
  name: 'vehicles',
  reducer: createReducer(
    initialState,
    on(VehiclesActions.load, (s) => ({ ...s, loading: true, error: null })),
    on(VehiclesActions.loadSuccess, (s, { vehicles }) => ({ ...s, vehicles, loading: false })),
    on(VehiclesActions.loadFailure, (s, { error }) => ({ ...s, loading: false, error })),
    on(VehiclesActions.updated, (s, { vehicle }) => ({
      ...s,
      vehicles: s.vehicles.map((v) => (v.id === vehicle.id ? { ...v, ...vehicle } : v)),
    })),
    on(VehiclesActions.removed, (s, { id }) => ({ ...s, vehicles: s.vehicles.filter((v) => v.id !== id) })),
    on(VehiclesActions.setStatusFilter, (s, { statusFilter }) => ({ ...s, statusFilter }))
  ),
  extraSelectors: ({ selectVehicles, selectStatusFilter }) => ({
    selectFiltered: createSelector(selectVehicles, selectStatusFilter, (vs, f) =>
      f === 'all' ? vs : vs.filter((v) => v.status === f)
    ),
    selectById: (id: string) => createSelector(selectVehicles, (vs) => vs.find((v) => v.id === id)),
  }),
});'''

BUILD_OK = '''$ npx ng build --configuration development
Application bundle generation complete. [6.214 seconds]

Initial chunk files   | Names                                 |  Raw size
vendor.js             | vendor                                |   3.41 MB |
polyfills.js          | polyfills                             |  83.60 kB |
styles.css            | styles                                |  96.12 kB |
main.js               | main                                  |  58.37 kB |

                      | Initial total                         |   3.64 MB

Lazy chunk files      | Names                                 |  Raw size
chunk-3KQ2ZJ7V.js     | vehicles-routes                       |  41.88 kB |
chunk-TZ4NPOWB.js     | depots-routes                         |  22.05 kB |
chunk-6DFJ2A3M.js     | settings-routes                       |   9.71 kB |

Output location: /home/lucie/dev/fleet-console/dist/fleet-console'''

karma_lines = ["$ npx ng test --watch=false --browsers=ChromeHeadless",
               "- Generating browser application bundles (phase: setup)...",
               "✔ Browser application bundle generation complete.",
               "25 11 2024 14:02:11.402:INFO [karma-server]: Karma v6.4.3 server started at http://localhost:9876/",
               "25 11 2024 14:02:11.404:INFO [launcher]: Launching browsers ChromeHeadless with concurrency unlimited",
               "25 11 2024 14:02:11.411:INFO [launcher]: Starting browser ChromeHeadless",
               "25 11 2024 14:02:12.870:INFO [Chrome Headless 124.0.6367.207 (Linux x86_64)]: Connected on socket 9Wq1x with id 71633290"]
specs = ["AppComponent should create the app", "AuthInterceptor adds bearer token",
         "AuthInterceptor skips assets", "DepotListComponent should create", "DepotListComponent renders depots",
         "vehiclesFeature reducer load sets loading", "vehiclesFeature reducer loadSuccess stores vehicles",
         "vehiclesFeature reducer updated merges vehicle", "vehiclesFeature reducer removed drops vehicle",
         "vehicles selectors selectFiltered all", "vehicles selectors selectFiltered by status",
         "loadVehicles effect emits loadSuccess", "loadVehicles effect emits loadFailure",
         "StatusBadgeComponent maps status to color", "SettingsPageComponent should create"]
for i, s in enumerate(specs, 1):
    karma_lines.append(f"Chrome Headless 124.0.6367.207 (Linux x86_64): Executed {i} of {len(specs) + 3} SUCCESS (0 secs / {0.011 * i:.3f} secs)")
err = '''Chrome Headless 124.0.6367.207 (Linux x86_64) VehicleListComponent should create FAILED
	NullInjectorError: R3InjectorError(Standalone[VehicleListComponent])[_Store -> _Store]:
	  NullInjectorError: No provider for _Store!
	error properties: Object({ ngTempTokenPath: null, ngTokenPath: [ '_Store', '_Store' ] })
	NullInjectorError: R3InjectorError(Standalone[VehicleListComponent])[_Store -> _Store]:
	  NullInjectorError: No provider for _Store!
	    at NullInjector.get (node_modules/@angular/core/fesm2022/core.mjs:1654:27)
	    at R3Injector.get (node_modules/@angular/core/fesm2022/core.mjs:3093:33)
	    at R3Injector.get (node_modules/@angular/core/fesm2022/core.mjs:3093:33)
	    at ChainedInjector.get (node_modules/@angular/core/fesm2022/core.mjs:15717:36)
	    at lookupTokenUsingModuleInjector (node_modules/@angular/core/fesm2022/core.mjs:5978:39)
	    at getOrCreateInjectable (node_modules/@angular/core/fesm2022/core.mjs:6026:12)
	    at ɵɵdirectiveInject (node_modules/@angular/core/fesm2022/core.mjs:11861:19)
	    at ɵɵinject (node_modules/@angular/core/fesm2022/core.mjs:1125:59)
	    at inject (node_modules/@angular/core/fesm2022/core.mjs:1211:12)
	    at new VehicleListComponent (src/app/vehicles/vehicle-list.component.ts:38:25)'''
karma_lines.append(err)
karma_lines.append(err.replace("should create FAILED", "renders one row per vehicle FAILED"))
karma_lines.append(err.replace("should create FAILED", "filter select dispatches setStatusFilter FAILED"))
karma_lines.append(f"Chrome Headless 124.0.6367.207 (Linux x86_64): Executed {len(specs) + 3} of {len(specs) + 3} (3 FAILED) (0.412 secs / 0.298 secs)")
karma_lines.append("TOTAL: 3 FAILED, %d SUCCESS" % len(specs))
KARMA = "\n".join(karma_lines)

NPM_ERESOLVE = '''$ npm i @ngrx/store@18 @ngrx/effects@18 @ngrx/entity@18 @ngrx/store-devtools@18
npm ERR! code ERESOLVE
npm ERR! ERESOLVE unable to resolve dependency tree
npm ERR!
npm ERR! While resolving: fleet-console@0.14.0
npm ERR! Found: @angular/core@17.3.8
npm ERR! node_modules/@angular/core
npm ERR!   @angular/core@"^17.3.0" from the root project
npm ERR!   peer @angular/core@"17.3.8" from @angular/animations@17.3.8
npm ERR!   node_modules/@angular/animations
npm ERR!     @angular/animations@"^17.3.0" from the root project
npm ERR!
npm ERR! Could not resolve dependency:
npm ERR! peer @angular/core@"^18.0.0" from @ngrx/store@18.0.2
npm ERR! node_modules/@ngrx/store
npm ERR!   @ngrx/store@"18" from the root project
npm ERR!
npm ERR! Fix the upstream dependency conflict, or retry
npm ERR! this command with --force or --legacy-peer-deps
npm ERR! to accept an incorrect (and potentially broken) dependency resolution.
npm ERR!
npm ERR!
npm ERR! For a full report see:
npm ERR! /home/lucie/.npm/_logs/2024-11-25T13_21_40_118Z-eresolve-report.txt

npm ERR! A complete log of this run can be found in: /home/lucie/.npm/_logs/2024-11-25T13_21_40_118Z-debug-0.log'''

turns = [
    U("Hello, I have a problem with the vehicles list in fleet-console. The list stay empty since I add the "
      "effect yesterday. In the network tab there is no request to /api/vehicles at all, nothing. The action "
      "[Vehicles] Load is dispatched, I see it in the devtools. Can you check please?"),
    A("Sure. Since the action shows up in the Store devtools but no HTTP call happens, the effect itself is "
      "probably never running. Let me look at the effect and at how the app is bootstrapped."),
    T("Read", "src/app/vehicles/state/vehicles.effects.ts", EFFECTS),
    T("Read", "src/app/app.config.ts", APP_CONFIG),
    A("Found it. The effects file is fine, but nothing registers it. In a standalone Angular app there is no "
      "`EffectsModule.forRoot()`; effects are only instantiated when they are passed to `provideEffects(...)`, "
      "either in `app.config.ts` or in a route's `providers`. Functional effects are just exported constants, "
      "so until someone provides them nobody subscribes to `actions$` and `[Vehicles] Load` goes nowhere. "
      "The store still works (reducers are registered with `provideStore`), which is why the action appears "
      "in devtools. I'll add `provideEffects(vehiclesEffects)` to `app.config.ts`."),
    U("ah ok, I didn't know that. Yes please. And keep the effects like this, we use functional effects "
      "everywhere in this project (createEffect with functional: true and inject()), no classes."),
    T("Edit", "src/app/app.config.ts",
      '''@@ -5,9 +5,11 @@ import { provideAnimations } from '@angular/platform-browser/animations';
 import { provideStore } from '@ngrx/store';
+import { provideEffects } from '@ngrx/effects';
 import { provideStoreDevtools } from '@ngrx/store-devtools';
 
 import { routes } from './app.routes';
 import { authInterceptor } from './core/auth.interceptor';
 import { vehiclesFeature } from './vehicles/state/vehicles.reducer';
+import * as vehiclesEffects from './vehicles/state/vehicles.effects';
 
@@ -17,6 +19,7 @@ export const appConfig: ApplicationConfig = {
     provideAnimations(),
     provideStore({ [vehiclesFeature.name]: vehiclesFeature.reducer }),
+    provideEffects(vehiclesEffects),
     provideStoreDevtools({ maxAge: 25, logOnly: !isDevMode() }),
   ],'''),
    T("Bash", "npx ng build --configuration development", BUILD_OK),
    A("Build is clean. Reload the page and you should see the `GET /api/vehicles?depot=...` request and "
      "`[Vehicles] Load Success` after it."),
    U("It work now, thank you! Next question. The reducer is a bit ugly, we keep an array and do find/map for "
      "each update, and the depot has 600 vehicles sometimes. My colleague Karim say we should normalize the "
      "state. What you think?"),
    T("Read", "src/app/vehicles/state/vehicles.reducer.ts", REDUCER),
    A("Karim is right, with 600 items and frequent status updates the `map`/`find` over an array is both slower "
      "and more code. Options:\n\n1. **@ngrx/entity** — `createEntityAdapter<Vehicle>()` inside the existing "
      "feature: state becomes `{ ids, entities }`, updates are `adapter.updateOne`, selectors come from "
      "`adapter.getSelectors()`. Smallest change, same actions and effects.\n2. **NgRx SignalStore** "
      "(`@ngrx/signals` with `withEntities`) — the new signal-based store. Nice API, but it's a different "
      "paradigm from the global store you use everywhere else, and the effects would need rewriting.\n"
      "3. **ComponentStore** local to the vehicle list — only fits if nobody else needs vehicles state, but "
      "the dashboard also reads it.\n\nI'd go with option 1."),
    U("ok, entity. And please put the selectors in vehicles.selectors.ts, I don't like when they are inside the "
      "reducer file with extraSelectors, it's hard to find them."),
    T("Bash", "npm i @ngrx/entity@17.2.0",
      '''added 1 package, and audited 1187 packages in 4s

162 packages are looking for funding
  run `npm fund` for details

found 0 vulnerabilities'''),
    T("Edit", "src/app/vehicles/state/vehicles.reducer.ts",
      '''@@ -1,33 +1,28 @@
-import { createFeature, createReducer, createSelector, on } from '@ngrx/store';
+import { createFeature, createReducer, on } from '@ngrx/store';
+import { EntityState, createEntityAdapter } from '@ngrx/entity';
 import { Vehicle } from '../vehicle.model';
 import { VehiclesActions } from './vehicles.actions';
 
-export interface VehiclesState {
-  vehicles: Vehicle[];
+export interface VehiclesState extends EntityState<Vehicle> {
   loading: boolean;
   error: string | null;
   statusFilter: Vehicle['status'] | 'all';
 }
 
-const initialState: VehiclesState = { vehicles: [], loading: false, error: null, statusFilter: 'all' };
+export const adapter = createEntityAdapter<Vehicle>({ sortComparer: (a, b) => a.plate.localeCompare(b.plate) });
+
+const initialState: VehiclesState = adapter.getInitialState({ loading: false, error: null, statusFilter: 'all' });
 
 export const vehiclesFeature = createFeature({
   name: 'vehicles',
   reducer: createReducer(
     initialState,
     on(VehiclesActions.load, (s) => ({ ...s, loading: true, error: null })),
-    on(VehiclesActions.loadSuccess, (s, { vehicles }) => ({ ...s, vehicles, loading: false })),
+    on(VehiclesActions.loadSuccess, (s, { vehicles }) => adapter.setAll(vehicles, { ...s, loading: false })),
     on(VehiclesActions.loadFailure, (s, { error }) => ({ ...s, loading: false, error })),
-    on(VehiclesActions.updated, (s, { vehicle }) => ({
-      ...s,
-      vehicles: s.vehicles.map((v) => (v.id === vehicle.id ? { ...v, ...vehicle } : v)),
-    })),
-    on(VehiclesActions.removed, (s, { id }) => ({ ...s, vehicles: s.vehicles.filter((v) => v.id !== id) })),
+    on(VehiclesActions.updated, (s, { vehicle }) => adapter.updateOne({ id: vehicle.id, changes: vehicle }, s)),
+    on(VehiclesActions.removed, (s, { id }) => adapter.removeOne(id, s)),
     on(VehiclesActions.setStatusFilter, (s, { statusFilter }) => ({ ...s, statusFilter }))
   ),
-  extraSelectors: ({ selectVehicles, selectStatusFilter }) => ({
-    ...
-  }),
 });'''),
    T("Edit", "src/app/vehicles/state/vehicles.selectors.ts",
      '''@@ -0,0 +1,17 @@
+import { createSelector } from '@ngrx/store';
+import { adapter, vehiclesFeature } from './vehicles.reducer';
+
+const { selectAll, selectEntities, selectTotal } = adapter.getSelectors();
+
+export const selectVehiclesState = vehiclesFeature.selectVehiclesState;
+export const selectAllVehicles = createSelector(selectVehiclesState, selectAll);
+export const selectVehicleEntities = createSelector(selectVehiclesState, selectEntities);
+export const selectVehicleCount = createSelector(selectVehiclesState, selectTotal);
+export const selectStatusFilter = vehiclesFeature.selectStatusFilter;
+export const selectLoading = vehiclesFeature.selectLoading;
+
+export const selectFilteredVehicles = createSelector(selectAllVehicles, selectStatusFilter, (vs, f) =>
+  f === 'all' ? vs : vs.filter((v) => v.status === f)
+);
+
+export const selectVehicleById = (id: string) => createSelector(selectVehicleEntities, (e) => e[id]);'''),
    T("Bash", "npx ng test --watch=false --browsers=ChromeHeadless", KARMA),
    A("Reducer and selector specs pass. The three failures are all in `VehicleListComponent`'s spec and they "
      "are not caused by the entity change: `NullInjectorError: No provider for _Store!`. The component is "
      "standalone and calls `inject(Store)`, but its spec only does `imports: [VehicleListComponent]`, so "
      "TestBed has no store at all (before, the component got the list via an `@Input`, which is why the spec "
      "never needed one). The usual fix for a component spec is `provideMockStore` with an initial state and "
      "`overrideSelector` for the selectors it reads, rather than the real store."),
    T("Edit", "src/app/vehicles/vehicle-list.component.spec.ts",
      '''@@ -1,14 +1,27 @@
 import { ComponentFixture, TestBed } from '@angular/core/testing';
+import { MockStore, provideMockStore } from '@ngrx/store/testing';
 import { VehicleListComponent } from './vehicle-list.component';
+import { selectFilteredVehicles, selectLoading } from './state/vehicles.selectors';
+import { VEHICLES_FIXTURE } from '../../testing/fixtures';
 
 describe('VehicleListComponent', () => {
   let fixture: ComponentFixture<VehicleListComponent>;
+  let store: MockStore;
 
   beforeEach(async () => {
-    await TestBed.configureTestingModule({ imports: [VehicleListComponent] }).compileComponents();
+    await TestBed.configureTestingModule({
+      imports: [VehicleListComponent],
+      providers: [
+        provideMockStore({
+          selectors: [
+            { selector: selectFilteredVehicles, value: VEHICLES_FIXTURE },
+            { selector: selectLoading, value: false },
+          ],
+        }),
+      ],
+    }).compileComponents();
+    store = TestBed.inject(MockStore);
     fixture = TestBed.createComponent(VehicleListComponent);'''),
    T("Bash", "npx ng test --watch=false --browsers=ChromeHeadless 2>&1 | tail -3",
      '''Chrome Headless 124.0.6367.207 (Linux x86_64): Executed 18 of 18 SUCCESS (0.389 secs / 0.301 secs)
TOTAL: 18 SUCCESS'''),
    U("Good! Also I see NgRx 18 is out. Can we upgrade? Maybe it fix also the typing thing with createFeature "
      "that Karim complain about."),
    A("Let's try; NgRx usually follows Angular majors closely, so this may be blocked by the peer dependency."),
    T("Bash", "npm i @ngrx/store@18 @ngrx/effects@18 @ngrx/entity@18 @ngrx/store-devtools@18", NPM_ERESOLVE),
    A("As suspected: `@ngrx/store@18` has a peer dependency on `@angular/core ^18`, and you're on 17.3.8. "
      "npm suggests `--legacy-peer-deps`, but that would install NgRx 18 against Angular 17, which is "
      "unsupported and can break at runtime (NgRx 18 uses Angular 18 APIs). The clean path is to upgrade "
      "Angular first (`ng update @angular/core@18 @angular/cli@18`) and NgRx right after."),
    U("no no, we don't do legacy-peer-deps in this repo, never, it already burned us once. Stay on 17, the "
      "Angular 18 upgrade is planned for next quarter anyway."),
    T("Bash", "git checkout -- package.json package-lock.json && npm ci",
      '''added 1186 packages, and audited 1187 packages in 19s

162 packages are looking for funding
  run `npm fund` for details

found 0 vulnerabilities'''),
    T("Bash", "git status --short",
      ''' M package-lock.json
 M package.json
 M src/app/app.config.ts
 M src/app/vehicles/state/vehicles.reducer.ts
 M src/app/vehicles/vehicle-list.component.spec.ts
?? src/app/vehicles/state/vehicles.selectors.ts'''),
    A("Back on NgRx 17 (package.json still shows the `@ngrx/entity@17.2.0` addition, which is what we want). "
      "Everything else is as before."),
    U("ok. Last thing, can you write a Cypress test for the filter by status on the vehicles page? ... actually "
      "no, I don't have time today, I have a meeting in 5 min. We do it tomorrow, don't forget."),
    A("No problem — open item for next time: Cypress e2e test for the status filter on the vehicles page. "
      "One question for then: should the selected status filter also be kept in the URL query params, so a "
      "link to `/vehicles?status=maintenance` opens pre-filtered?"),
    U("thanks, bye!"),
]

sess = {
    "id": "h17_angular_ngrx",
    "project": "fleet-console",
    "cwd_files": ["package.json", "src/app/app.config.ts", "src/app/vehicles/vehicle-list.component.ts",
                  "src/app/vehicles/state/vehicles.effects.ts", "src/app/vehicles/state/vehicles.reducer.ts",
                  "src/app/vehicles/state/vehicles.selectors.ts"],
    "turns": turns,
    "gold": [
        G("PROJECT", "fleet-console: Angular 17 standalone components + NgRx 17 store/effects",
          ["angular"], ["ngrx", "standalone", "17", "fleet-console"]),
        G("BUG_FIX", "effects never ran: register with provideEffects() in app.config.ts (no EffectsModule in standalone)",
          ["provideeffects"], ["app.config", "never", "register", "not running", "effect"], ["src/app/app.config.ts"]),
        G("PATTERN", "functional effects everywhere (createEffect functional: true + inject()), no classes",
          ["functional"], ["effect", "effects", "inject", "createeffect"]),
        G("DECISION", "normalize vehicles state with @ngrx/entity createEntityAdapter",
          ["entity"], ["adapter", "createentityadapter", "normaliz", "vehicles"], ["src/app/vehicles/state/vehicles.reducer.ts"]),
        G("PREFERENCE", "selectors live in vehicles.selectors.ts, not in the reducer file (no extraSelectors)",
          ["selectors"], ["separate", "vehicles.selectors.ts", "own file", "not in the reducer", "extraselectors"]),
        G("BUG_FIX", "VehicleListComponent spec NullInjectorError No provider for Store -> provideMockStore",
          ["providemockstore"], ["nullinjectorerror", "no provider", "spec", "test", "store"],
          ["src/app/vehicles/vehicle-list.component.spec.ts"]),
        G("FAILED", "NgRx 18 upgrade failed: ERESOLVE, needs Angular 18; no --legacy-peer-deps; stay on 17",
          ["18"], ["ngrx", "eresolve", "peer", "angular", "legacy-peer-deps"], failure=True),
        G("TODO", "Cypress e2e test for the vehicles status filter",
          ["cypress"], ["filter", "status", "e2e", "test"]),
    ],
    "dead_ends": [
        D("NgRx SignalStore (@ngrx/signals withEntities) listed, not chosen", ["signalstore"]),
        D("ComponentStore local to the list, not chosen", ["componentstore"]),
    ],
    "secrets": [],
}

if __name__ == "__main__":
    write(sess)
