#!/usr/bin/env python3
"""Writes the blind labelled set heldout11 (one JSON per session) next to this script.

Run:  python3 build.py            -> writes every session defined below
      python3 build.py ID [ID..]  -> writes only those sessions
"""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def U(text):
    return {"role": "user", "text": text.strip("\n")}


def A(text):
    return {"role": "assistant", "text": text.strip("\n")}


def T(name, inp, out=""):
    return {"role": "tool", "name": name, "input": inp.strip("\n"), "output": out.strip("\n")}


def G(kind, summary, all_of, any_of, files=(), failure=False):
    g = {"kind": kind, "summary": summary, "all_of": list(all_of), "any_of": list(any_of),
         "files": list(files)}
    if failure:
        g["failure"] = True
    return g


def D(summary, all_of):
    return {"summary": summary, "all_of": list(all_of)}


SESSIONS = {}


def session(fn):
    SESSIONS[fn.__name__] = fn
    return fn


def write(sid):
    s = SESSIONS[sid]()
    assert s["id"] == sid, (s["id"], sid)
    s.setdefault("dead_ends", [])
    s.setdefault("secrets", [])
    s.setdefault("supersedes", [])
    for t in s["turns"]:
        assert t["role"] in ("user", "assistant", "tool"), t
    path = os.path.join(HERE, sid + ".json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(s, f, indent=1, ensure_ascii=False)
        f.write("\n")
    text = " ".join(t.get("text", "") + t.get("input", "") + t.get("output", "") for t in s["turns"])
    for sec in s["secrets"]:
        assert sec in text, ("secret not in session", sid, sec)
    print(f"{sid}: {len(s['turns'])} turns, ~{len(text) // 4} tokens, {len(s['gold'])} gold, "
          f"{len(s['dead_ends'])} dead ends, {len(s['secrets'])} secrets")


# ---------------------------------------------------------------------------
# 1. Django + HTMX, chatty user
# ---------------------------------------------------------------------------
@session
def pawbook_htmx():
    turns = [
        U("""
Hey! Hope your day is going well :) So I've got this little vet clinic booking app, pawbook, it's Django 5 with HTMX
sprinkled on top. Since I switched the "Book" button on the slot list to hx-post it gives a 403 every single time
someone clicks it. It worked totally fine when it was a normal form post. Could you have a look? Oh and btw, I much
prefer plain function-based views, the class-based view stuff always confuses me, so please keep it that way
if you touch anything.
"""),
        A("Happy to. Let me look at the dependencies and the booking view first."),
        T("Read", "requirements.txt", """
Django==5.0.6
django-htmx==1.17.3
django-environ==0.11.2
psycopg[binary]==3.1.19
whitenoise==6.6.0
gunicorn==22.0.0
pytest==8.2.1
pytest-django==4.8.0
factory-boy==3.3.0
"""),
        T("Read", "booking/views.py", """
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_POST

from .models import Slot, Booking


@login_required
def slot_list(request):
    slots = Slot.objects.upcoming().select_related("vet", "room")
    return render(request, "booking/slot_list.html", {"slots": slots})


@login_required
@require_POST
def book_slot(request, slot_id):
    slot = get_object_or_404(Slot, pk=slot_id, booked=False)
    Booking.objects.create(slot=slot, owner=request.user)
    slot.booked = True
    slot.save(update_fields=["booked"])
    return render(request, "booking/partials/slot_rows.html", {"slots": [slot]})
"""),
        T("Read", "templates/booking/partials/slot_rows.html", """
{% for slot in slots %}
<tr id="slot-{{ slot.id }}">
  <td>{{ slot.starts_at|date:"D d M H:i" }}</td>
  <td>{{ slot.vet.display_name }}</td>
  <td>{{ slot.room.name }}</td>
  <td>
    {% if slot.booked %}
      <span class="badge badge-muted">Booked</span>
    {% else %}
      <button class="btn btn-sm"
              hx-post="{% url 'booking:book' slot.id %}"
              hx-target="closest tr"
              hx-swap="outerHTML">Book</button>
    {% endif %}
  </td>
</tr>
{% endfor %}
"""),
        T("Bash", "python manage.py runserver 0.0.0.0:8000", """
Watching for file changes with StatReloader
Performing system checks...

System check identified no issues (0 silenced).
May 14, 2026 - 09:12:44
Django version 5.0.6, using settings 'pawbook.settings'
Starting development server at http://0.0.0.0:8000/
Quit the server with CONTROL-C.

[14/May/2026 09:12:51] "GET /booking/slots/ HTTP/1.1" 200 18422
[14/May/2026 09:12:51] "GET /static/js/htmx.min.js HTTP/1.1" 304 0
[14/May/2026 09:12:51] "GET /static/css/app.css HTTP/1.1" 304 0
Forbidden (CSRF token missing.): /booking/slots/412/book/
[14/May/2026 09:12:55] "POST /booking/slots/412/book/ HTTP/1.1" 403 2503
Forbidden (CSRF token missing.): /booking/slots/413/book/
[14/May/2026 09:12:58] "POST /booking/slots/413/book/ HTTP/1.1" 403 2503
"""),
        A("""
Found it. The old version was a `<form method="post">` with `{% csrf_token %}` inside, so the token travelled as a
hidden field. Now the button does `hx-post` on its own, outside any form, so htmx sends an empty body and no
`X-CSRFToken` header - `CsrfViewMiddleware` rejects it with "CSRF token missing".

The usual fix is to tell htmx to send the token as a header on every request, once, on `<body>` in `base.html`.
Django reads `X-CSRFToken` by default (`CSRF_HEADER_NAME = "HTTP_X_CSRFTOKEN"`), so no settings change needed.
"""),
        T("Edit", "templates/base.html", """
@@ -14,7 +14,7 @@
   <script src="{% static 'js/htmx.min.js' %}" defer></script>
 </head>
-<body class="h-full">
+<body class="h-full" hx-headers='{"X-CSRFToken": "{{ csrf_token }}"}'>
   {% include "partials/navbar.html" %}
   <main class="container">
     {% block content %}{% endblock %}
"""),
        T("Edit", "booking/tests/test_views.py", """
@@ -41,3 +41,15 @@ def test_book_slot_marks_slot_booked(client, user, slot):
     assert resp.status_code == 200
     slot.refresh_from_db()
     assert slot.booked
+
+
+def test_book_slot_htmx_with_csrf_header(user, slot):
+    client = Client(enforce_csrf_checks=True)
+    client.force_login(user)
+    page = client.get(reverse("booking:slot_list"))
+    token = page.context["csrf_token"]
+    resp = client.post(reverse("booking:book", args=[slot.id]),
+                       HTTP_HX_REQUEST="true", HTTP_X_CSRFTOKEN=str(token))
+    assert resp.status_code == 200
+    assert b"Booked" in resp.content
"""),
        T("Bash", "pytest booking -q", """
.............                                                            [100%]
13 passed in 2.41s
"""),
        U("""
Oh brilliant, that was it!! Clicked around for a bit and booking works again. Thank you!

While we're at it, another weird one: when your session has expired and you click Book, the whole login page
ends up rendered INSIDE the table row, lol. Navbar and all. Looks super weird, a receptionist sent me a screenshot
this morning.
"""),
        A("""
That one is a classic with htmx. `@login_required` answers the POST with a 302 to `/accounts/login/?next=...`.
The browser's XHR follows redirects transparently, so htmx never sees the 302: it just receives the login page
with a 200 and swaps it into `closest tr` like any other response.

A few ways to handle it:
1. A tiny middleware: if the request is an htmx request and the response is a redirect, turn it into a 204 with
   an `HX-Redirect` header, so htmx does a full-page navigation to the login page.
2. Send `HX-Refresh: true` instead, which just reloads the current page (and then the normal redirect happens).
3. Check `request.user.is_authenticated` by hand in every htmx view.

I'd go with 1 - it's one place, works for every view, and the user lands on the login page with `next` set.
"""),
        U("sounds good"),
        T("Edit", "booking/middleware.py", """
@@ -0,0 +1,19 @@
+from django.http import HttpResponse
+
+
+class HtmxLoginRedirectMiddleware:
+    \"\"\"htmx follows 302s inside the XHR and swaps the target page into the fragment.
+    Turn redirects on htmx requests into HX-Redirect so the browser navigates instead.\"\"\"
+
+    def __init__(self, get_response):
+        self.get_response = get_response
+
+    def __call__(self, request):
+        response = self.get_response(request)
+        if getattr(request, "htmx", False) and response.status_code in (301, 302):
+            location = response["Location"]
+            response = HttpResponse(status=204)
+            response["HX-Redirect"] = location
+        return response
"""),
        T("Edit", "pawbook/settings.py", """
@@ -52,6 +52,7 @@ MIDDLEWARE = [
     "django.contrib.auth.middleware.AuthenticationMiddleware",
     "django.contrib.messages.middleware.MessageMiddleware",
     "django_htmx.middleware.HtmxMiddleware",
+    "booking.middleware.HtmxLoginRedirectMiddleware",
     "django.middleware.clickjacking.XFrameOptionsMiddleware",
 ]
"""),
        T("Bash", "pytest booking -q", """
..............                                                           [100%]
14 passed in 2.57s
"""),
        U("""
Perfect. Okay next thing, and this one's more of a "let's see" thing: my colleague Priya suggested we switch on
hx-boost for the whole site so clicking around feels snappier, like an SPA. Can we just try it and see what
breaks? :D
"""),
        A("Sure - adding `hx-boost=\"true\"` on `<body>` so every normal link and form goes through htmx."),
        T("Edit", "templates/base.html", """
@@ -16,7 +16,7 @@
-<body class="h-full" hx-headers='{"X-CSRFToken": "{{ csrf_token }}"}'>
+<body class="h-full" hx-boost="true" hx-headers='{"X-CSRFToken": "{{ csrf_token }}"}'>
"""),
        U("""
hmm ok so the slot pages are nice and fast. BUT the dashboard is broken now, the occupancy chart is gone after
navigating to it from the menu, and the console says:

Uncaught Error: Canvas is already in use. Chart with ID '0' must be destroyed before the canvas with ID
'occupancyChart' can be reused.
    at new Chart (chart.umd.js:13:84321)
    at dashboard.js:7:17
    at htmx.min.js:1:27104

and when I hit the back button I get a half-rendered page with no styles on the table. Ugh.
"""),
        A("""
Yeah, that's the typical hx-boost cost. With boost on, htmx swaps the `<body>` instead of loading a new page, so
page-level scripts run again against a DOM where Chart.js still thinks it owns the canvas, and the history
snapshot htmx restores on Back is taken before our per-page CSS classes are applied. We could patch it (destroy
charts on `htmx:beforeSwap`, `hx-history="false"` on the dashboard, move `dashboard.js` init into an
`htmx.onLoad` callback), but that's a rabbit hole for a site where pages already load in ~100 ms.
Want me to revert?
"""),
        U("yes please revert it, not worth it. I'll tell Priya it was a nice idea lol"),
        T("Edit", "templates/base.html", """
@@ -16,7 +16,7 @@
-<body class="h-full" hx-boost="true" hx-headers='{"X-CSRFToken": "{{ csrf_token }}"}'>
+<body class="h-full" hx-headers='{"X-CSRFToken": "{{ csrf_token }}"}'>
"""),
        T("Bash", "git diff --stat", """
 booking/middleware.py       | 19 +++++++++++++++++++
 booking/tests/test_views.py | 12 ++++++++++++
 pawbook/settings.py         |  1 +
 templates/base.html         |  2 +-
 4 files changed, 33 insertions(+), 1 deletion(-)
"""),
        U("""
Good. Now I'd like clicking on a slot to open a little modal with the details (pet name, reason for visit, the
vet's notes). What do you reckon is the nicest way with our setup?
"""),
        A("""
Three reasonable options:
1. **Alpine.js** - `x-data="{open: false}"` on a wrapper, htmx loads the content, Alpine toggles visibility.
   Nice ergonomics, but it's another library in the page.
2. **Native `<dialog>`** - one empty `<dialog id="modal">` in `base.html`; the row does
   `hx-get="/booking/slots/<id>/" hx-target="#modal"` and a 3-line listener calls `showModal()` after the swap.
   No dependency, Escape-to-close and focus trapping come for free.
3. **Bootstrap's modal JS** - works, but we'd pull in bootstrap.bundle just for this.

I'd lean towards 2.
"""),
        U("Let's do the dialog one. I really don't want another JS library in there."),
        T("Edit", "templates/base.html", """
@@ -22,6 +22,14 @@
     {% block content %}{% endblock %}
   </main>
+  <dialog id="modal" class="modal"></dialog>
+  <script>
+    document.body.addEventListener("htmx:afterSwap", (e) => {
+      if (e.detail.target.id === "modal") e.detail.target.showModal();
+    });
+  </script>
 </body>
"""),
        T("Edit", "booking/views.py", """
@@ -1,3 +1,4 @@
+from django.http import HttpResponse
 from django.contrib.auth.decorators import login_required
 from django.shortcuts import get_object_or_404, render
@@ -24,3 +25,15 @@ def book_slot(request, slot_id):
     return render(request, "booking/partials/slot_rows.html", {"slots": [slot]})
+
+
+@login_required
+def slot_detail(request, slot_id):
+    slot = get_object_or_404(Slot.objects.select_related("vet", "room"), pk=slot_id)
+    booking = slot.bookings.select_related("pet").first()
+    ctx = {"slot": slot, "booking": booking}
+    if request.htmx:
+        return render(request, "booking/partials/slot_detail_modal.html", ctx)
+    return render(request, "booking/slot_detail.html", ctx)
"""),
        T("Edit", "templates/booking/partials/slot_detail_modal.html", """
@@ -0,0 +1,14 @@
+<form method="dialog" class="modal-box">
+  <h3>{{ slot.starts_at|date:"l d M, H:i" }} &middot; {{ slot.vet.display_name }}</h3>
+  {% if booking %}
+    <p><strong>{{ booking.pet.name }}</strong> ({{ booking.pet.species }})</p>
+    <p>{{ booking.reason|default:"No reason given" }}</p>
+    <p class="notes">{{ booking.vet_notes|linebreaksbr }}</p>
+  {% else %}
+    <p>Free slot.</p>
+  {% endif %}
+  <button class="btn">Close</button>
+</form>
"""),
        A("""
Done. Same convention as the rest of the app: the view checks `request.htmx` and returns the partial from
`templates/booking/partials/` for htmx requests, and the full page template otherwise, so the URL also works when
opened directly in a new tab. `slot_detail.html` just extends base and includes the same partial.
"""),
        T("Bash", "pytest booking -q", """
................                                                         [100%]
16 passed in 2.73s
"""),
        U("""
Lovely!! One more quick thing, can you check the .env on the staging box looks right? Sanjay set it up and I'm
never sure about those. It's in the repo root on staging, I synced it here.
"""),
        T("Bash", "cat .env", """
DEBUG=True
SECRET_KEY=pb-8f2k!x0q$3n@7w^c9v*m1z&r5t(y6u)j4h
DATABASE_URL=postgres://pawbook:T7r#qW2v9LmZ@pg-staging.pawbook.internal:5432/pawbook
ALLOWED_HOSTS=staging.pawbook.vet
EMAIL_URL=smtp+tls://noreply@pawbook.vet@smtp.eu.mailgun.org:587
"""),
        A("""
Mostly fine: `django-environ` will parse all of those. Two remarks:
- `DEBUG=True` on staging means tracebacks (with settings) are shown to anyone who hits an error page. I'd set it
  to `False` there and rely on the logs.
- `EMAIL_URL` has no password, so mail sending will fail with an auth error unless Mailgun is whitelisting the IP.

Also, the DB password in that file contains a `#`; django-environ handles it inside the URL, but if anyone ever
sources this file in bash it'll be cut at the `#`. Do you want me to move the secret key and DB password into
your secrets manager and keep only references in `.env`?
"""),
        U("""
Cheers, I'll forward that to Sanjay. Last thing for today: the slot list is getting really long on Mondays, I'd
like infinite scroll on it at some point with hx-trigger="revealed" on the last row, but not now, I have to go pick
up my kid. Thanks SO much, this was super helpful!!
"""),
        A("""
You're welcome, have a good afternoon! Quick recap of today:
- 403 on Book fixed (CSRF header via `hx-headers` on `<body>`).
- Expired sessions now redirect to login via `HX-Redirect` instead of swapping the login page into the row.
- hx-boost tried and reverted (broke the dashboard chart and Back navigation).
- Slot details open in a native `<dialog>` modal.
- Still open: infinite scroll on the slot list (`hx-trigger="revealed"`), and the staging `.env` remarks for Sanjay.
"""),
    ]
    return {
        "id": "pawbook_htmx",
        "project": "pawbook",
        "cwd_files": ["manage.py", "requirements.txt", "pawbook/settings.py", "booking/views.py",
                      "booking/middleware.py", "templates/base.html",
                      "templates/booking/partials/slot_rows.html", ".env"],
        "turns": turns,
        "gold": [
            G("PROJECT", "pawbook: vet clinic booking app, Django 5 + HTMX (django-htmx), Postgres",
              ["django", "htmx"], ["5.0", "django 5", "postgres", "psycopg", "vet", "clinic"]),
            G("PREFERENCE", "keep function-based views, no class-based views",
              ["function"], ["view", "cbv", "class"]),
            G("BUG_FIX", "403 CSRF on hx-post: send X-CSRFToken via hx-headers on <body> in base.html",
              ["csrf"], ["hx-headers", "x-csrftoken", "header", "base.html", "body"],
              files=["templates/base.html"]),
            G("BUG_FIX", "expired session swapped login page into the row: middleware turns 302 into HX-Redirect",
              ["redirect"], ["login", "302", "session", "middleware", "row"],
              files=["booking/middleware.py"]),
            G("FAILED", "hx-boost site-wide reverted: broke Chart.js dashboard (canvas in use) and Back",
              ["boost"], ["chart", "canvas", "dashboard", "back", "script", "revert"], failure=True),
            G("DECISION", "slot detail modal = native <dialog> loaded with hx-get + showModal, no extra JS lib",
              ["dialog"], ["modal", "showmodal", "native", "hx-get", "no extra", "library"]),
            G("PATTERN", "views return partials/ template when request.htmx, full page otherwise",
              ["partial"], ["request.htmx", "htmx", "full page", "template"]),
            G("TODO", "infinite scroll on slot list with hx-trigger=revealed",
              ["scroll"], ["revealed", "slot", "infinite", "monday"]),
        ],
        "dead_ends": [
            D("hx-boost on the whole site (tried, reverted)", ["boost"]),
            D("Alpine.js for the modal (offered, not picked)", ["alpine"]),
            D("Bootstrap modal JS (offered, not picked)", ["bootstrap"]),
            D("HX-Refresh instead of HX-Redirect (offered, not picked)", ["hx-refresh"]),
        ],
        "secrets": ["pb-8f2k!x0q$3n@7w^c9v*m1z&r5t(y6u)j4h", "T7r#qW2v9LmZ"],
    }


if __name__ == "__main__":
    ids = sys.argv[1:] or list(SESSIONS)
    for sid in ids:
        write(sid)
