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



# ---------------------------------------------------------------------------
# 2. Go + Echo + GORM, terse user
# ---------------------------------------------------------------------------
def _go_race_output():
    race = """
==================
WARNING: DATA RACE
Write at 0x00c0003a2158 by goroutine 41:
  github.com/labstack/echo/v4.(*Response).WriteHeader()
      /home/dev/go/pkg/mod/github.com/labstack/echo/v4@v4.12.0/response.go:63 +0x1f4
  github.com/labstack/echo/v4.(*Response).Write()
      /home/dev/go/pkg/mod/github.com/labstack/echo/v4@v4.12.0/response.go:75 +0x7c
  encoding/json.(*Encoder).Encode()
      /usr/local/go/src/encoding/json/stream.go:231 +0x3a4
  github.com/labstack/echo/v4.DefaultJSONSerializer.Serialize()
      /home/dev/go/pkg/mod/github.com/labstack/echo/v4@v4.12.0/json.go:22 +0x1a8
  github.com/labstack/echo/v4.(*context).json()
      /home/dev/go/pkg/mod/github.com/labstack/echo/v4@v4.12.0/context.go:512 +0x2bc
  github.com/labstack/echo/v4.(*context).JSON()
      /home/dev/go/pkg/mod/github.com/labstack/echo/v4@v4.12.0/context.go:525 +0x84
  github.com/brightcart/stockroom/internal/handler.(*Handler).ListOrders()
      /home/dev/src/stockroom/internal/handler/order.go:58 +0x4d0
  github.com/labstack/echo/v4/middleware.(*timeoutHandler).ServeHTTP.func1()
      /home/dev/go/pkg/mod/github.com/labstack/echo/v4@v4.12.0/middleware/timeout.go:185 +0x1e8

Previous read at 0x00c0003a2158 by goroutine 39:
  github.com/labstack/echo/v4.(*Response).WriteHeader()
      /home/dev/go/pkg/mod/github.com/labstack/echo/v4@v4.12.0/response.go:58 +0x64
  github.com/labstack/echo/v4/middleware.TimeoutWithConfig.func1.1()
      /home/dev/go/pkg/mod/github.com/labstack/echo/v4@v4.12.0/middleware/timeout.go:128 +0x3c4
  net/http.(*timeoutHandler).ServeHTTP()
      /usr/local/go/src/net/http/server.go:3521 +0x6b0
  github.com/labstack/echo/v4/middleware.TimeoutWithConfig.func1()
      /home/dev/go/pkg/mod/github.com/labstack/echo/v4@v4.12.0/middleware/timeout.go:140 +0x218
  github.com/labstack/echo/v4.(*Echo).ServeHTTP.func1()
      /home/dev/go/pkg/mod/github.com/labstack/echo/v4@v4.12.0/echo.go:663 +0x1b0
  github.com/labstack/echo/v4.(*Echo).ServeHTTP()
      /home/dev/go/pkg/mod/github.com/labstack/echo/v4@v4.12.0/echo.go:669 +0x3f8
  net/http/httptest.(*Server).wrap.func1()
      /usr/local/go/src/net/http/httptest/server.go:381 +0x88

Goroutine 41 (running) created at:
  github.com/labstack/echo/v4/middleware.(*timeoutHandler).ServeHTTP()
      /home/dev/go/pkg/mod/github.com/labstack/echo/v4@v4.12.0/middleware/timeout.go:178 +0x2a4
  net/http.(*timeoutHandler).ServeHTTP.func1()
      /usr/local/go/src/net/http/server.go:3465 +0xd8

Goroutine 39 (running) created at:
  net/http.(*Server).Serve()
      /usr/local/go/src/net/http/server.go:3285 +0x8ec
  net/http/httptest.(*Server).goServe.func1()
      /usr/local/go/src/net/http/httptest/server.go:311 +0xa4
==================
"""
    lines = ["=== RUN   TestListOrders_Timeout"]
    lines.append(race.strip("\n"))
    lines.append("2026/05/19 10:41:07 http: superfluous response.WriteHeader call from "
                 "github.com/labstack/echo/v4.(*Response).WriteHeader (response.go:63)")
    lines.append(race.strip("\n").replace("0x00c0003a2158", "0x00c0004b10e8")
                 .replace("goroutine 41", "goroutine 57").replace("goroutine 39", "goroutine 55")
                 .replace("Goroutine 41", "Goroutine 57").replace("Goroutine 39", "Goroutine 55")
                 .replace("ListOrders()", "GetItem()").replace("order.go:58", "item.go:41"))
    lines.append("    testing.go:1398: race detected during execution of test")
    lines.append("--- FAIL: TestListOrders_Timeout (5.02s)")
    lines.append("=== RUN   TestGetItem")
    lines.append("    testing.go:1398: race detected during execution of test")
    lines.append("--- FAIL: TestGetItem (0.03s)")
    lines.append("FAIL")
    lines.append("FAIL\tgithub.com/brightcart/stockroom/internal/handler\t6.118s")
    lines.append("ok  \tgithub.com/brightcart/stockroom/internal/model\t(cached)")
    lines.append("ok  \tgithub.com/brightcart/stockroom/internal/repo\t3.902s")
    lines.append("?   \tgithub.com/brightcart/stockroom/cmd/server\t[no test files]")
    lines.append("FAIL")
    return "\n".join(lines)


@session
def stockroom_echo_gorm():
    turns = [
        U("PATCH /items/:id with quantity 0 -> nothing happens, still old qty. fix"),
        A("Looking at the item handler and module versions."),
        T("Read", "go.mod", """
module github.com/brightcart/stockroom

go 1.22.3

require (
	github.com/golang-jwt/jwt/v5 v5.2.1
	github.com/labstack/echo/v4 v4.12.0
	github.com/pressly/goose/v3 v3.20.0
	github.com/stretchr/testify v1.9.0
	github.com/testcontainers/testcontainers-go/modules/postgres v0.31.0
	gorm.io/driver/postgres v1.5.7
	gorm.io/gorm v1.25.10
)
"""),
        T("Read", "internal/handler/item.go", """
package handler

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/brightcart/stockroom/internal/model"
)

type UpdateItemRequest struct {
	Quantity int    `json:"quantity"`
	Location string `json:"location"`
}

func (h *Handler) UpdateItem(c echo.Context) error {
	var req UpdateItemRequest
	if err := c.Bind(&req); err != nil {
		return echo.NewHTTPError(http.StatusBadRequest, err.Error())
	}
	var item model.Item
	if err := h.db.First(&item, c.Param("id")).Error; err != nil {
		return err
	}
	if err := h.db.Model(&item).Updates(model.Item{Quantity: req.Quantity, Location: req.Location}).Error; err != nil {
		return err
	}
	return c.JSON(http.StatusOK, item)
}
"""),
        T("Bash", "curl -s -X PATCH localhost:8080/items/311 -H 'content-type: application/json' -d '{\"quantity\":0}' | jq .", """
{
  "id": 311,
  "sku": "BC-CHAIR-OAK-02",
  "name": "Oak chair, set of 2",
  "quantity": 14,
  "location": "A-03-2",
  "created_at": "2026-03-02T08:14:11.20331Z",
  "updated_at": "2026-05-19T10:02:57.118204Z",
  "deleted_at": null
}
"""),
        A("""
`Updates()` with a struct only writes non-zero fields - GORM can't tell "quantity 0" from "quantity not set", so 0
is silently dropped (same for `location: ""`). That's documented GORM behaviour, not a bug in our code path.

Fix: make the request fields pointers so "absent" and "zero" differ, and build a `map[string]any` with only the
fields that were sent - maps are written as-is, zero values included.
"""),
        T("Edit", "internal/handler/item.go", """
@@ -10,8 +10,8 @@ import (
 type UpdateItemRequest struct {
-	Quantity int    `json:"quantity"`
-	Location string `json:"location"`
+	Quantity *int    `json:"quantity"`
+	Location *string `json:"location"`
 }
@@ -24,7 +24,17 @@ func (h *Handler) UpdateItem(c echo.Context) error {
-	if err := h.db.Model(&item).Updates(model.Item{Quantity: req.Quantity, Location: req.Location}).Error; err != nil {
+	changes := map[string]any{}
+	if req.Quantity != nil {
+		if *req.Quantity < 0 {
+			return echo.NewHTTPError(http.StatusUnprocessableEntity, "quantity must be >= 0")
+		}
+		changes["quantity"] = *req.Quantity
+	}
+	if req.Location != nil {
+		changes["location"] = *req.Location
+	}
+	if err := h.db.Model(&item).Updates(changes).Error; err != nil {
 		return err
 	}
"""),
        T("Bash", "go test ./internal/handler/... -run TestUpdateItem -v", """
=== RUN   TestUpdateItem
=== RUN   TestUpdateItem/sets_quantity
=== RUN   TestUpdateItem/sets_quantity_to_zero
=== RUN   TestUpdateItem/keeps_location_when_absent
=== RUN   TestUpdateItem/rejects_negative
--- PASS: TestUpdateItem (1.84s)
    --- PASS: TestUpdateItem/sets_quantity (0.02s)
    --- PASS: TestUpdateItem/sets_quantity_to_zero (0.01s)
    --- PASS: TestUpdateItem/keeps_location_when_absent (0.01s)
    --- PASS: TestUpdateItem/rejects_negative (0.00s)
PASS
ok  	github.com/brightcart/stockroom/internal/handler	2.311s
"""),
        U("ok. next: delete an item, create it again with same sku -> 500"),
        T("Bash", "docker compose logs api --tail 12", """
api-1  | {"time":"2026-05-19T10:08:31.44Z","level":"INFO","method":"DELETE","uri":"/items/287","status":204,"latency_ms":6}
api-1  | {"time":"2026-05-19T10:08:40.02Z","level":"ERROR","method":"POST","uri":"/items","status":500,"latency_ms":9,"error":"ERROR: duplicate key value violates unique constraint \\"idx_items_sku\\" (SQLSTATE 23505)"}
api-1  | 2026/05/19 10:08:40 /home/dev/src/stockroom/internal/handler/item.go:71 ERROR: duplicate key value violates unique constraint "idx_items_sku" (SQLSTATE 23505)
api-1  | [4.812ms] [rows:0] INSERT INTO "items" ("sku","name","quantity","location","created_at","updated_at","deleted_at") VALUES ('BC-LAMP-BRS-01','Brass lamp',3,'C-11-1','2026-05-19 10:08:40.013','2026-05-19 10:08:40.013',NULL) RETURNING "id"
"""),
        A("""
`model.Item` embeds `gorm.Model`, so DELETE is a soft delete: the row stays with `deleted_at` set. The unique
index on `sku` covers soft-deleted rows too, so the new insert collides with the "deleted" one.

Fix: replace it with a partial unique index, `UNIQUE (sku) WHERE deleted_at IS NULL`. I can do that either with a
GORM tag (`uniqueIndex:idx_items_sku_active,where:deleted_at IS NULL`) picked up by AutoMigrate, or as a goose
migration. Which one?
"""),
        U("""
goose. no AutoMigrate in prod, ever. we tried AutoMigrate on prod last year, it silently changed a column type on
the 40M row stock_movements table and locked it for ~20 min at peak. migrations = goose sql files only,
AutoMigrate only allowed in throwaway local stuff.
"""),
        T("Bash", "goose -dir migrations create items_sku_partial_unique sql", """
2026/05/19 10:11:02 Created new file: migrations/20260519101102_items_sku_partial_unique.sql
"""),
        T("Edit", "migrations/20260519101102_items_sku_partial_unique.sql", """
@@ -0,0 +1,9 @@
+-- +goose Up
+DROP INDEX IF EXISTS idx_items_sku;
+CREATE UNIQUE INDEX idx_items_sku_active ON items (sku) WHERE deleted_at IS NULL;
+
+-- +goose Down
+DROP INDEX IF EXISTS idx_items_sku_active;
+CREATE UNIQUE INDEX idx_items_sku ON items (sku);
"""),
        T("Edit", "internal/model/item.go", """
@@ -8,7 +8,7 @@ import "gorm.io/gorm"
 type Item struct {
 	gorm.Model
-	SKU      string `gorm:"size:64;not null;uniqueIndex:idx_items_sku" json:"sku"`
+	SKU      string `gorm:"size:64;not null" json:"sku"` // unique among live rows: see migration 20260519101102
 	Name     string `gorm:"size:200;not null" json:"name"`
 	Quantity int    `gorm:"not null;default:0" json:"quantity"`
 	Location string `gorm:"size:32" json:"location"`
"""),
        T("Bash", "GOOSE_DRIVER=postgres GOOSE_DBSTRING=\"$LOCAL_DSN\" goose -dir migrations up", """
2026/05/19 10:12:20 OK   20260519101102_items_sku_partial_unique.sql (21.37ms)
2026/05/19 10:12:20 goose: successfully migrated database to version: 20260519101102
"""),
        T("Bash", "go test ./...", """
?   	github.com/brightcart/stockroom/cmd/server	[no test files]
ok  	github.com/brightcart/stockroom/internal/handler	4.771s
ok  	github.com/brightcart/stockroom/internal/model	0.412s
ok  	github.com/brightcart/stockroom/internal/repo	3.655s
"""),
        U("some endpoints hang forever under load. want 5s timeout on every request. echo has a middleware for it"),
        T("Bash", "psql \"$LOCAL_DSN\" -c \"select round(mean_exec_time) ms, calls, left(query,90) q from pg_stat_statements order by mean_exec_time desc limit 5\"", """
  ms  | calls |                                             q
------+-------+--------------------------------------------------------------------------------------------
 2314 |   188 | SELECT * FROM "orders" WHERE created_at >= $1 AND "orders"."deleted_at" IS NULL ORDER BY cr
  611 |    42 | SELECT count(*) FROM "stock_movements" WHERE item_id = $1
   38 |  9120 | SELECT * FROM "items" WHERE "items"."id" = $1 AND "items"."deleted_at" IS NULL ORDER BY "it
   12 |   804 | INSERT INTO "orders" ("customer_id","status","total_cents","created_at","updated_at","delet
    4 | 22731 | SELECT * FROM "order_lines" WHERE "order_lines"."order_id" IN ($1,$2,$3,$4,$5,$6,$7,$8,$9,
(5 rows)
"""),
        A("""
Side note: the orders listing is the slow one (2.3 s mean) - it filters and sorts on `orders.created_at`, which has
no index. A timeout will cut it off but not make it faster. I'll add the timeout first as asked: echo's
`middleware.TimeoutWithConfig`.
"""),
        T("Edit", "cmd/server/main.go", """
@@ -38,6 +38,10 @@ func main() {
 	e.Use(middleware.RequestID())
 	e.Use(middleware.Recover())
 	e.Use(slogecho.New(logger))
+	e.Use(middleware.TimeoutWithConfig(middleware.TimeoutConfig{
+		Timeout:      5 * time.Second,
+		ErrorMessage: "request timed out",
+	}))
"""),
        T("Bash", "go test -race ./...", _go_race_output()),
        A("""
That's the known problem with echo's `Timeout` middleware: it runs the handler in a separate goroutine and, when
the deadline fires, writes the 503 from the original goroutine while our handler is still writing to the same
`echo.Response` - hence the data race and the "superfluous response.WriteHeader" warnings. The echo docs
themselves warn it's easy to misuse. I'd revert it.

Alternative that doesn't race: `middleware.ContextTimeout` (echo >= 4.11) only puts a deadline on the request
context; the handler stays on its goroutine. For it to actually stop work, every GORM call has to run with that
context (`db.WithContext(c.Request().Context())`), then pgx cancels the query when the deadline passes.
"""),
        U("revert. do the context one"),
        T("Edit", "cmd/server/main.go", """
@@ -38,10 +38,7 @@ func main() {
 	e.Use(slogecho.New(logger))
-	e.Use(middleware.TimeoutWithConfig(middleware.TimeoutConfig{
-		Timeout:      5 * time.Second,
-		ErrorMessage: "request timed out",
-	}))
+	e.Use(middleware.ContextTimeout(5 * time.Second))
"""),
        T("Bash", "grep -rn 'h\\.db\\.' internal/handler | grep -v WithContext", """
internal/handler/item.go:22:	if err := h.db.First(&item, c.Param("id")).Error; err != nil {
internal/handler/item.go:38:	if err := h.db.Model(&item).Updates(changes).Error; err != nil {
internal/handler/item.go:57:	if err := h.db.Create(&item).Error; err != nil {
internal/handler/item.go:71:	if err := h.db.Delete(&model.Item{}, c.Param("id")).Error; err != nil {
internal/handler/item.go:88:	q := h.db.Model(&model.Item{}).Order("sku")
internal/handler/order.go:31:	q := h.db.Preload("Lines").Where("created_at >= ?", since).Order("created_at desc")
internal/handler/order.go:49:	if err := h.db.Preload("Lines.Item").First(&order, c.Param("id")).Error; err != nil {
internal/handler/order.go:77:	err := h.db.Transaction(func(tx *gorm.DB) error {
internal/handler/stock.go:19:	if err := h.db.Where("item_id = ?", id).Find(&moves).Error; err != nil {
internal/handler/stock.go:34:	h.db.Model(&model.StockMovement{}).Where("item_id = ?", id).Count(&total)
"""),
        T("Edit", "internal/handler/handler.go", """
@@ -14,3 +14,10 @@ type Handler struct {
 	db  *gorm.DB
 	log *slog.Logger
 }
+
+// tx returns the DB bound to the request context, so ContextTimeout (and client
+// disconnects) cancel the running query. Handlers must use h.tx(c), never h.db directly.
+func (h *Handler) tx(c echo.Context) *gorm.DB {
+	return h.db.WithContext(c.Request().Context())
+}
"""),
        T("Bash", "sed -i 's/h\\.db\\./h.tx(c)./g' internal/handler/item.go internal/handler/order.go internal/handler/stock.go && go vet ./... && go test -race ./...", """
?   	github.com/brightcart/stockroom/cmd/server	[no test files]
ok  	github.com/brightcart/stockroom/internal/handler	7.904s
ok  	github.com/brightcart/stockroom/internal/model	1.233s
ok  	github.com/brightcart/stockroom/internal/repo	5.310s
"""),
        U("also gorm.ErrRecordNotFound -> 500 everywhere. should be 404"),
        T("Edit", "internal/server/errors.go", """
@@ -0,0 +1,31 @@
+package server
+
+import (
+	"context"
+	"errors"
+	"net/http"
+
+	"github.com/labstack/echo/v4"
+	"gorm.io/gorm"
+)
+
+// HTTPErrorHandler maps domain/DB errors to status codes in one place; handlers just `return err`.
+func HTTPErrorHandler(e *echo.Echo) echo.HTTPErrorHandler {
+	return func(err error, c echo.Context) {
+		switch {
+		case errors.Is(err, gorm.ErrRecordNotFound):
+			err = echo.NewHTTPError(http.StatusNotFound, "not found")
+		case errors.Is(err, context.DeadlineExceeded):
+			err = echo.NewHTTPError(http.StatusGatewayTimeout, "request timed out")
+		}
+		e.DefaultHTTPErrorHandler(err, c)
+	}
+}
"""),
        T("Bash", "go build ./... && curl -s -i localhost:8080/items/999999 | head -5", """
HTTP/1.1 404 Not Found
Content-Type: application/json
Vary: Accept-Encoding
X-Request-Id: 3qTzL8wP0fX1cK9bR2vN5mH7dJ4sG6yE
Date: Tue, 19 May 2026 10:31:12 GMT
"""),
        A("""
Wired in `cmd/server/main.go` with `e.HTTPErrorHandler = server.HTTPErrorHandler(e)`. Handlers keep returning the
raw error; not-found becomes 404 and an expired request context becomes 504.
"""),
        U("""
staging deploy fails health check since this morning. env from the secret:
DATABASE_DSN=host=pg-staging.brightcart.internal user=stockroom password=stk_Pw9vQ2mX7rT4 dbname=stockroom port=5432 sslmode=disable
JWT_SECRET=f3a9c2e71b8d4f6a0c5e9b2d7a1f3c8e
"""),
        T("Bash", "kubectl -n staging logs deploy/stockroom --tail=6", """
{"time":"2026-05-19T10:33:02Z","level":"INFO","msg":"starting stockroom","version":"1.14.2","commit":"9c1e2f4"}
{"time":"2026-05-19T10:33:02Z","level":"ERROR","msg":"db connect","error":"failed to connect to `user=stockroom database=stockroom`: 10.42.0.12:5432 (pg-staging.brightcart.internal): server error: FATAL: no pg_hba.conf entry for host \\"10.42.3.17\\", user \\"stockroom\\", database \\"stockroom\\", no encryption (SQLSTATE 28000)"}
{"time":"2026-05-19T10:33:02Z","level":"ERROR","msg":"exiting","error":"db connect: failed to connect"}
"""),
        A("""
The staging Postgres only accepts encrypted connections (`pg_hba.conf` has `hostssl` lines only, hence "no
encryption"), and the DSN says `sslmode=disable`. Set `sslmode=require` in the secret and restart the deployment.
Also - you pasted the DB password and JWT secret here; if this chat log gets shared anywhere, rotate them.
"""),
        U("k. fixed, green. thx"),
        A("Should I add the index on `orders.created_at` now, for that 2.3 s listing query?"),
        U("later. todo"),
    ]
    return {
        "id": "stockroom_echo_gorm",
        "project": "stockroom",
        "cwd_files": ["go.mod", "cmd/server/main.go", "internal/handler/item.go", "internal/handler/order.go",
                      "internal/handler/handler.go", "internal/model/item.go", "internal/server/errors.go",
                      "migrations/20260519101102_items_sku_partial_unique.sql"],
        "turns": turns,
        "gold": [
            G("PROJECT", "stockroom: Go 1.22 inventory API, Echo v4 + GORM + Postgres, goose migrations",
              ["echo", "gorm"], ["go 1.22", "postgres", "goose", "stockroom", "inventory"]),
            G("BUG_FIX", "PATCH quantity 0 ignored: GORM Updates(struct) skips zero values -> pointer fields + map",
              ["quantity"], ["zero", "map", "pointer", "non-zero"], files=["internal/handler/item.go"]),
            G("BUG_FIX", "re-creating soft-deleted SKU hit unique index -> partial unique index WHERE deleted_at IS NULL",
              ["sku"], ["partial", "deleted_at", "soft", "where"],
              files=["migrations/20260519101102_items_sku_partial_unique.sql"]),
            G("DECISION", "schema changes only as goose SQL migrations, never AutoMigrate in prod",
              ["goose"], ["automigrate", "migration", "sql", "prod"]),
            G("FAILED", "AutoMigrate on prod changed a column type and locked the 40M-row table ~20 min",
              ["automigrate"], ["lock", "40m", "column", "stock_movements", "20 min", "type"], failure=True),
            G("FAILED", "echo Timeout middleware: data race / superfluous WriteHeader under -race, reverted",
              ["timeout"], ["race", "writeheader", "goroutine", "superfluous", "revert"], failure=True),
            G("DECISION", "5s request deadline via echo ContextTimeout middleware",
              ["context"], ["contexttimeout", "context timeout", "5s", "5 s", "5 second", "deadline"]),
            G("PATTERN", "handlers use h.tx(c) = db.WithContext(request ctx), never h.db directly",
              ["context"], ["withcontext", "h.tx", "gorm", "handler", "h.db"],
              files=["internal/handler/handler.go"]),
            G("PATTERN", "central HTTPErrorHandler: gorm.ErrRecordNotFound -> 404, DeadlineExceeded -> 504",
              ["404"], ["recordnotfound", "record not found", "errorhandler", "error handler", "not found"],
              files=["internal/server/errors.go"]),
            G("BUG_FIX", "staging DB refused (pg_hba, no encryption): DSN needs sslmode=require",
              ["sslmode"], ["require", "pg_hba", "ssl", "staging", "encryption"]),
            G("TODO", "add index on orders.created_at (orders listing 2.3s mean)",
              ["created_at"], ["index", "orders", "slow", "2.3"]),
        ],
        "dead_ends": [
            D("uniqueIndex ... where: GORM tag picked up by AutoMigrate (offered, user chose goose)", ["uniqueindex", "automigrate"]),
        ],
        "secrets": ["stk_Pw9vQ2mX7rT4", "f3a9c2e71b8d4f6a0c5e9b2d7a1f3c8e"],
    }



# ---------------------------------------------------------------------------
# 3. TypeScript tRPC + Next.js app router, non-native English user
# ---------------------------------------------------------------------------
_NEXT_ROUTES = """
Route (app)                                  Size     First Load JS
┌ ○ /                                        5.41 kB         103 kB
├ ○ /_not-found                              871 B          88.3 kB
├ ƒ /api/auth/[...nextauth]                  0 B                0 B
├ ƒ /api/stripe/webhook                      0 B                0 B
├ ƒ /api/trpc/[trpc]                         0 B                0 B
├ ƒ /groups                                  3.12 kB         131 kB
├ ƒ /groups/[groupId]                        9.84 kB         152 kB
├ ƒ /groups/[groupId]/expenses/new           14.2 kB         163 kB
├ ƒ /groups/[groupId]/settle                 6.07 kB         149 kB
├ ƒ /invite/[token]                          2.33 kB         118 kB
└ ○ /login                                   1.9 kB          112 kB
+ First Load JS shared by all                87.4 kB
  ├ chunks/23-8c1f0b1e7a9d2c4b.js            31.6 kB
  ├ chunks/fd9d1056-4b1d5e2a7c3f9e80.js      53.6 kB
  └ other shared chunks (total)              2.15 kB


ƒ Middleware                                 28.4 kB

○  (Static)   prerendered as static content
ƒ  (Dynamic)  server-rendered on demand
"""


@session
def tabsplit_trpc():
    turns = [
        U("""
Hi! I am working on tabsplit, it is app for share expenses between friends (like splitwise but for our
association). Next 14 with app router + tRPC v11 + Prisma. I have a problem: in the expense list the `createdAt`
is coming like a string and not a Date, so `format(expense.createdAt, "d MMM")` crash. But typescript say it is
Date! Can you look please?
"""),
        A("Sure. Let me check the versions and how the tRPC server and client are set up."),
        T("Read", "package.json", """
{
  "name": "tabsplit",
  "private": true,
  "scripts": {
    "dev": "next dev",
    "build": "prisma generate && next build",
    "start": "next start",
    "lint": "next lint",
    "test": "vitest run",
    "e2e": "playwright test"
  },
  "dependencies": {
    "@prisma/client": "5.14.0",
    "@tanstack/react-query": "^5.40.0",
    "@trpc/client": "11.0.0-rc.364",
    "@trpc/react-query": "11.0.0-rc.364",
    "@trpc/server": "11.0.0-rc.364",
    "date-fns": "^3.6.0",
    "next": "14.2.3",
    "next-auth": "5.0.0-beta.18",
    "react": "18.3.1",
    "react-dom": "18.3.1",
    "react-hook-form": "^7.51.4",
    "stripe": "^15.8.0",
    "zod": "^3.23.8"
  },
  "devDependencies": {
    "@playwright/test": "^1.44.0",
    "@types/node": "^20.12.12",
    "@types/react": "^18.3.2",
    "prisma": "5.14.0",
    "typescript": "^5.4.5",
    "vitest": "^1.6.0"
  }
}
"""),
        T("Read", "src/server/trpc.ts", """
import { initTRPC, TRPCError } from "@trpc/server";
import { ZodError } from "zod";
import type { Context } from "./context";

const t = initTRPC.context<Context>().create({
  errorFormatter({ shape, error }) {
    return {
      ...shape,
      data: { ...shape.data, zodError: error.cause instanceof ZodError ? error.cause.flatten() : null },
    };
  },
});

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;
export const publicProcedure = t.procedure;
export const protectedProcedure = t.procedure.use(({ ctx, next }) => {
  if (!ctx.session?.user) throw new TRPCError({ code: "UNAUTHORIZED" });
  return next({ ctx: { session: ctx.session } });
});
"""),
        T("Read", "src/trpc/react.tsx", """
"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { httpBatchLink, loggerLink } from "@trpc/client";
import { createTRPCReact } from "@trpc/react-query";
import { useState } from "react";
import type { AppRouter } from "~/server/root";

export const api = createTRPCReact<AppRouter>();

export function TRPCReactProvider({ children }: { children: React.ReactNode }) {
  const [queryClient] = useState(() => new QueryClient());
  const [trpcClient] = useState(() =>
    api.createClient({
      links: [
        loggerLink({ enabled: () => process.env.NODE_ENV === "development" }),
        httpBatchLink({ url: "/api/trpc" }),
      ],
    }),
  );
  return (
    <api.Provider client={trpcClient} queryClient={queryClient}>
      <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
    </api.Provider>
  );
}
"""),
        A("""
That's the cause: there's no transformer. By default tRPC sends the response through plain `JSON.stringify`, so
a `Date` becomes an ISO string on the wire and stays a string on the client. The TypeScript type is inferred
from the server procedure's return type, so it still *says* `Date` - types and runtime disagree, and date-fns
gets a string.

Fix: use `superjson` as the transformer, which keeps Date, Map, Set, BigInt, etc. In v11 it must be set in two
places: in `initTRPC.create()` on the server and on the link on the client (it moved from `createClient` to the
links in v11).
"""),
        T("Bash", "npm i superjson", """
added 2 packages, and audited 487 packages in 3s

142 packages are looking for funding
  run `npm fund` for details

found 0 vulnerabilities
"""),
        T("Edit", "src/server/trpc.ts", """
@@ -1,8 +1,10 @@
 import { initTRPC, TRPCError } from "@trpc/server";
+import superjson from "superjson";
 import { ZodError } from "zod";
 import type { Context } from "./context";

 const t = initTRPC.context<Context>().create({
+  transformer: superjson,
   errorFormatter({ shape, error }) {
"""),
        T("Edit", "src/trpc/react.tsx", """
@@ -4,6 +4,7 @@ import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
 import { httpBatchLink, loggerLink } from "@trpc/client";
 import { createTRPCReact } from "@trpc/react-query";
 import { useState } from "react";
+import superjson from "superjson";
 import type { AppRouter } from "~/server/root";
@@ -16,7 +17,7 @@ export function TRPCReactProvider({ children }: { children: React.ReactNode }) {
-        httpBatchLink({ url: "/api/trpc" }),
+        httpBatchLink({ url: "/api/trpc", transformer: superjson }),
"""),
        T("Bash", "npx tsc --noEmit && echo TSC_OK", "TSC_OK"),
        U("""
Super, it works now, the dates are Date!! Thank you. Next question: in the server component of the group page I
do `fetch("http://localhost:3000/api/trpc/group.byId?input=...")` to get the group. My colleague Joost say this is
not good practice. How is better?
"""),
        A("""
Joost is right. Calling your own API over HTTP from a server component costs an extra network hop, loses the
types (you parse JSON by hand), does not forward the user's cookies so `ctx.session` is empty, and the hard-coded
absolute URL breaks once deployed.

Better: a server-side caller. `src/trpc/server.ts` (marked `import "server-only"`) builds the context from
`headers()` and exposes `api = createCaller(ctx)`; server components call `await api.group.byId(...)` directly,
in-process, fully typed. Client components keep using the React Query hooks from `~/trpc/react`. So the rule
would be: server components -> `~/trpc/server`, client components -> `~/trpc/react`.
"""),
        U("ok yes do like this"),
        T("Edit", "src/trpc/server.ts", """
@@ -0,0 +1,16 @@
+import "server-only";
+
+import { headers } from "next/headers";
+import { cache } from "react";
+import { createCallerFactory } from "~/server/trpc";
+import { createTRPCContext } from "~/server/context";
+import { appRouter } from "~/server/root";
+
+const createContext = cache(() => {
+  const h = new Headers(headers());
+  h.set("x-trpc-source", "rsc");
+  return createTRPCContext({ headers: h });
+});
+
+export const api = createCallerFactory(appRouter)(createContext);
"""),
        T("Edit", "src/app/groups/[groupId]/page.tsx", """
@@ -1,15 +1,10 @@
 import { notFound } from "next/navigation";
+import { api } from "~/trpc/server";
 import ExpenseList from "./expense-list";

 export default async function GroupPage({ params }: { params: { groupId: string } }) {
-  const input = encodeURIComponent(JSON.stringify({ json: { id: params.groupId } }));
-  const res = await fetch(`http://localhost:3000/api/trpc/group.byId?input=${input}`, { cache: "no-store" });
-  if (!res.ok) notFound();
-  const group = (await res.json()).result.data.json;
+  const group = await api.group.byId({ id: params.groupId });
+  if (!group) notFound();
   return (
     <main className="mx-auto max-w-2xl p-4">
"""),
        T("Bash", "npm run build", """
> tabsplit@0.1.0 build
> prisma generate && next build

Environment variables loaded from .env
Prisma schema loaded from prisma/schema.prisma

✔ Generated Prisma Client (v5.14.0) to ./node_modules/@prisma/client in 142ms

  ▲ Next.js 14.2.3
  - Environments: .env.local, .env

   Creating an optimized production build ...
 ✓ Compiled successfully
   Linting and checking validity of types ...
   Collecting page data ...
   Generating static pages (0/6) ...
   Generating static pages (1/6)
   Generating static pages (2/6)
   Generating static pages (4/6)
 ✓ Generating static pages (6/6)
   Finalizing page optimization ...
   Collecting build traces ...
""" + _NEXT_ROUTES),
        U("""
Now I want to make the api more fast. I read in a blog that edge runtime is much faster. Can we put
`runtime = "edge"` in the route of trpc? Just to try.
"""),
        A("We can try - one concern is Prisma, which normally needs the Node runtime. Let's see what the build says."),
        T("Edit", "src/app/api/trpc/[trpc]/route.ts", """
@@ -3,6 +3,8 @@ import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
 import { createTRPCContext } from "~/server/context";
 import { appRouter } from "~/server/root";

+export const runtime = "edge";
+
 const handler = (req: Request) =>
   fetchRequestHandler({
"""),
        T("Bash", "npm run build", """
> tabsplit@0.1.0 build
> prisma generate && next build

✔ Generated Prisma Client (v5.14.0) to ./node_modules/@prisma/client in 139ms

  ▲ Next.js 14.2.3
  - Environments: .env.local, .env

   Creating an optimized production build ...
 ⚠ Compiled with warnings

./node_modules/@prisma/client/runtime/library.js
A Node.js API is used (process.cwd at line: 1) which is not supported in the Edge Runtime.
Learn more: https://nextjs.org/docs/api-reference/edge-runtime

Import trace for requested module:
./node_modules/@prisma/client/runtime/library.js
./node_modules/.prisma/client/index.js
./node_modules/@prisma/client/index.js
./src/server/db.ts
./src/server/context.ts
./src/app/api/trpc/[trpc]/route.ts

   Linting and checking validity of types ...
   Collecting page data ...
Error [PrismaClientValidationError]: PrismaClient is not configured to run in Vercel Edge Functions or Edge Middleware. In order to run Prisma Client on edge runtime, either:
- Use Prisma Accelerate: https://pris.ly/d/accelerate
- Use Driver Adapters: https://pris.ly/d/driver-adapters

If this is unexpected, please open an issue: https://pris.ly/prisma-prisma-bug-report
    at Object.<anonymous> (/home/ines/code/tabsplit/.next/server/app/api/trpc/[trpc]/route.js:1:48211)
    at /home/ines/code/tabsplit/.next/server/edge-runtime-webpack.js:1:712 {
  clientVersion: '5.14.0'
}

> Build error occurred
Error: Failed to collect page data for /api/trpc/[trpc]
    at /home/ines/code/tabsplit/node_modules/next/dist/build/utils.js:1268:15
    at process.processTicksAndRejections (node:internal/process/task_queues:95:5) {
  type: 'Error'
}
"""),
        A("""
As feared: the regular Prisma Client (with its query engine) can't run on the Edge runtime. The ways around it
are Prisma Accelerate (a paid proxy), or driver adapters (e.g. `@prisma/adapter-neon`), which are still a preview
feature in 5.14. Honestly, our API time is dominated by the Postgres queries, not by Node cold starts, so edge
would not buy much here. I suggest reverting.
"""),
        U("Ah ok, no. We don't pay for Accelerate and I don't want preview features in prod. Revert please, we stay on nodejs."),
        T("Edit", "src/app/api/trpc/[trpc]/route.ts", """
@@ -3,8 +3,6 @@ import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
 import { createTRPCContext } from "~/server/context";
 import { appRouter } from "~/server/root";

-export const runtime = "edge";
-
 const handler = (req: Request) =>
"""),
        T("Bash", "npm run build 2>&1 | tail -4", """
○  (Static)   prerendered as static content
ƒ  (Dynamic)  server-rendered on demand
"""),
        U("Next: the expense list become long for the big groups (the ski trip has 400 expenses!). I need pagination. What you suggest?"),
        A("""
Two main options:
1. **Offset pagination** (`skip`/`take`, page 1, 2, 3...). Simple and gives page numbers, but if someone adds an
   expense while you browse you get duplicates or skipped rows, and deep pages get slower.
2. **Cursor pagination** with `useInfiniteQuery`: the procedure takes a `cursor` (last expense id) and returns
   `nextCursor`; tRPC v11 wires `cursor` into `useInfiniteQuery` automatically, and Prisma supports
   `cursor: { id }` + `take: limit + 1`. Stable when new rows arrive.

I'd go with 2. Do you want a "Load more" button or automatic loading when scrolling to the end?
"""),
        U("The cursor one. For button or scroll I don't know yet... do the button for now."),
        T("Edit", "src/server/routers/expense.ts", """
@@ -12,15 +12,32 @@ export const expenseRouter = createTRPCRouter({
   list: protectedProcedure
-    .input(z.object({ groupId: z.string().cuid() }))
-    .query(({ ctx, input }) =>
-      ctx.db.expense.findMany({
-        where: { groupId: input.groupId },
-        orderBy: { createdAt: "desc" },
-        include: { paidBy: true, shares: true },
-      }),
-    ),
+    .input(
+      z.object({
+        groupId: z.string().cuid(),
+        limit: z.number().int().min(1).max(100).default(20),
+        cursor: z.string().cuid().nullish(),
+      }),
+    )
+    .query(async ({ ctx, input }) => {
+      const items = await ctx.db.expense.findMany({
+        where: { groupId: input.groupId },
+        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
+        take: input.limit + 1,
+        cursor: input.cursor ? { id: input.cursor } : undefined,
+        include: { paidBy: true, shares: true },
+      });
+      let nextCursor: string | undefined;
+      if (items.length > input.limit) nextCursor = items.pop()!.id;
+      return { items, nextCursor };
+    }),
"""),
        T("Edit", "src/app/groups/[groupId]/expense-list.tsx", """
@@ -1,18 +1,34 @@
 "use client";

 import { format } from "date-fns";
 import { api } from "~/trpc/react";

 export default function ExpenseList({ groupId }: { groupId: string }) {
-  const { data } = api.expense.list.useQuery({ groupId });
+  const { data, fetchNextPage, hasNextPage, isFetchingNextPage } = api.expense.list.useInfiniteQuery(
+    { groupId, limit: 20 },
+    { getNextPageParam: (last) => last.nextCursor },
+  );
+  const expenses = data?.pages.flatMap((p) => p.items) ?? [];
   return (
-    <ul className="divide-y">
-      {data?.map((e) => (
-        <ExpenseRow key={e.id} expense={e} />
-      ))}
-    </ul>
+    <>
+      <ul className="divide-y">
+        {expenses.map((e) => (
+          <ExpenseRow key={e.id} expense={e} />
+        ))}
+      </ul>
+      {hasNextPage && (
+        <button className="btn mt-4 w-full" onClick={() => fetchNextPage()} disabled={isFetchingNextPage}>
+          {isFetchingNextPage ? "Loading…" : "Load more"}
+        </button>
+      )}
+    </>
   );
 }
"""),
        T("Bash", "npx vitest run", """
 RUN  v1.6.0 /home/ines/code/tabsplit

 ✓ src/lib/split.test.ts  (14 tests) 9ms
 ✓ src/lib/currency.test.ts  (8 tests) 4ms
 ✓ src/server/routers/balance.test.ts  (11 tests) 412ms
 ✓ src/server/routers/group.test.ts  (7 tests) 388ms
 ✓ src/server/routers/expense.test.ts  (12 tests) 655ms
   ✓ expense.list > returns first page of 20 with nextCursor
   ✓ expense.list > second page starts after cursor, no duplicates
   ✓ expense.list > last page has no nextCursor
 ✓ src/server/routers/settle.test.ts  (6 tests) 301ms

 Test Files  6 passed (6)
      Tests  58 passed (58)
   Start at  16:22:41
   Duration  2.84s (transform 611ms, setup 0ms, collect 1.92s, tests 1.77s, environment 1ms, prepare 1.03s)
"""),
        U("""
Very nice. Small thing, I see you kept `export default function ExpenseList`. Please always named exports, no
`export default`, only in page.tsx / layout.tsx because Next need it.
"""),
        T("Edit", "src/app/groups/[groupId]/expense-list.tsx", """
@@ -4,7 +4,7 @@ import { format } from "date-fns";
 import { api } from "~/trpc/react";

-export default function ExpenseList({ groupId }: { groupId: string }) {
+export function ExpenseList({ groupId }: { groupId: string }) {
"""),
        T("Edit", "src/app/groups/[groupId]/page.tsx", """
@@ -1,6 +1,6 @@
 import { notFound } from "next/navigation";
 import { api } from "~/trpc/server";
-import ExpenseList from "./expense-list";
+import { ExpenseList } from "./expense-list";
"""),
        U("""
Thanks. Last problem for today, the settle-up with Stripe does not work on my local. The webhook always fail.
This is my .env.local:

DATABASE_URL="postgresql://tabsplit:tabs!Pg_4471@localhost:5432/tabsplit"
STRIPE_SECRET_KEY=sk_test_51PqA7cLkR2x9ZbN4mW8vT3yH6jF0dS5gE1uK7iO2pQ9rX4
STRIPE_WEBHOOK_SECRET=whsec_8aF3kL0pQ7mZ2xC9vB4nW6tY1uI5oR3e

and I run `stripe listen --forward-to localhost:3000/api/stripe/webhook` in other terminal.
"""),
        T("Read", "src/app/api/stripe/webhook/route.ts", """
import { NextResponse } from "next/server";
import { stripe } from "~/server/stripe";
import { markSettlementPaid } from "~/server/settle";

export async function POST(req: Request) {
  const body = await req.json();
  const sig = req.headers.get("stripe-signature")!;
  let event;
  try {
    event = stripe.webhooks.constructEvent(JSON.stringify(body), sig, process.env.STRIPE_WEBHOOK_SECRET!);
  } catch (err) {
    console.error(err);
    return NextResponse.json({ error: "bad signature" }, { status: 400 });
  }
  if (event.type === "checkout.session.completed") await markSettlementPaid(event.data.object.id);
  return NextResponse.json({ received: true });
}
"""),
        T("Bash", "npm run dev 2>&1 | grep -A3 -m1 Stripe", """
StripeSignatureVerificationError: No signatures found matching the expected signature for payload. Are you passing the raw request body you received from Stripe?
Learn more about webhook signing and explore webhook integration examples for various frameworks at https://github.com/stripe/stripe-node#webhook-signing
    at validateComputedSignature (webpack-internal:///(rsc)/./node_modules/stripe/esm/Webhooks.js:149:19)
"""),
        A("""
The signature is an HMAC over the exact bytes Stripe sent. The route does `req.json()` and then
`JSON.stringify(body)` again - the re-serialised string has different whitespace/key formatting, so the HMAC no
longer matches. It has to be the raw body: `const body = await req.text()` and pass that to `constructEvent`.

(One more thing to check: `stripe listen` prints its own `whsec_...` when it starts; for local testing
`STRIPE_WEBHOOK_SECRET` must be that one, not the one from the dashboard endpoint.)
"""),
        T("Edit", "src/app/api/stripe/webhook/route.ts", """
@@ -4,11 +4,11 @@ import { markSettlementPaid } from "~/server/settle";

 export async function POST(req: Request) {
-  const body = await req.json();
+  const body = await req.text(); // raw body: the signature is computed over the exact bytes
   const sig = req.headers.get("stripe-signature")!;
   let event;
   try {
-    event = stripe.webhooks.constructEvent(JSON.stringify(body), sig, process.env.STRIPE_WEBHOOK_SECRET!);
+    event = stripe.webhooks.constructEvent(body, sig, process.env.STRIPE_WEBHOOK_SECRET!);
"""),
        T("Bash", "stripe trigger checkout.session.completed", """
Setting up fixture for: checkout_session
Running fixture for: checkout_session
Setting up fixture for: payment_page
Running fixture for: payment_page
Setting up fixture for: payment_method
Running fixture for: payment_method
Setting up fixture for: payment_page_confirm
Running fixture for: payment_page_confirm
Trigger succeeded! Check dashboard for event details.

# in the stripe listen terminal:
2026-05-21 16:41:09   --> checkout.session.completed [evt_1PqB2cLkR2x9ZbN4Qe7Lm0Ds]
2026-05-21 16:41:09  <--  [200] POST http://localhost:3000/api/stripe/webhook [evt_1PqB2cLkR2x9ZbN4Qe7Lm0Ds]
"""),
        U("It works!! Thank you so much. Tomorrow I will write the e2e test with Playwright for the settle-up flow, please remind me."),
        A("""
Great! Summary of today:
- Dates: superjson transformer on server + client link.
- Server components use the `createCaller`-based `api` from `~/trpc/server`, no more fetch to our own API.
- Edge runtime tried and reverted (Prisma can't run there without Accelerate / preview driver adapters).
- Expense list: cursor pagination with `useInfiniteQuery` and a "Load more" button.
- Stripe webhook: verify the raw body (`req.text()`).
- Open: Playwright e2e test for the settle-up flow.

Also - should I add some rate limiting on `expense.create`? Anyone in a group can spam it right now.
"""),
        U("bye! 👋"),
    ]
    return {
        "id": "tabsplit_trpc",
        "project": "tabsplit",
        "cwd_files": ["package.json", "src/server/trpc.ts", "src/trpc/react.tsx", "src/trpc/server.ts",
                      "src/server/routers/expense.ts", "src/app/groups/[groupId]/page.tsx",
                      "src/app/groups/[groupId]/expense-list.tsx", "src/app/api/trpc/[trpc]/route.ts",
                      "src/app/api/stripe/webhook/route.ts", ".env.local"],
        "turns": turns,
        "gold": [
            G("PROJECT", "tabsplit: expense sharing app, Next.js 14 app router + tRPC v11 + Prisma + React Query",
              ["trpc", "next"], ["prisma", "14", "app router", "tabsplit", "react query", "expense"]),
            G("BUG_FIX", "Dates arrived as strings: superjson transformer on initTRPC and on the client link (v11)",
              ["superjson"], ["date", "string", "transformer", "link"],
              files=["src/server/trpc.ts", "src/trpc/react.tsx"]),
            G("PATTERN", "server components call tRPC via createCaller in src/trpc/server.ts, client via react hooks",
              ["caller"], ["server component", "rsc", "fetch", "server-only", "trpc/server"],
              files=["src/trpc/server.ts"]),
            G("FAILED", "edge runtime on the tRPC route: Prisma client can't run on edge, reverted to nodejs",
              ["edge"], ["prisma", "revert", "nodejs", "node", "accelerate"], failure=True),
            G("DECISION", "expense list uses cursor pagination (useInfiniteQuery, nextCursor) with a Load more button",
              ["cursor"], ["infinite", "useinfinitequery", "pagination", "load more", "nextcursor"],
              files=["src/server/routers/expense.ts"]),
            G("PREFERENCE", "named exports only, export default only in page.tsx/layout.tsx",
              ["export"], ["named", "default"]),
            G("BUG_FIX", "Stripe webhook signature failed: verify raw body req.text(), not re-stringified JSON",
              ["webhook"], ["req.text", "raw", "signature", "text()", "stringify"],
              files=["src/app/api/stripe/webhook/route.ts"]),
            G("TODO", "Playwright e2e test for the settle-up flow",
              ["settle"], ["playwright", "e2e", "end-to-end", "test"]),
        ],
        "dead_ends": [
            D("edge runtime for the tRPC route (tried, reverted)", ["edge"]),
            D("offset pagination (offered, not picked)", ["offset"]),
            D("Prisma Accelerate (rejected, paid)", ["accelerate"]),
            D("Prisma driver adapters (rejected, preview)", ["adapter"]),
            D("fetch to own /api/trpc from server components (replaced)", ["localhost:3000/api/trpc"]),
        ],
        "secrets": ["tabs!Pg_4471", "sk_test_51PqA7cLkR2x9ZbN4mW8vT3yH6jF0dS5gE1uK7iO2pQ9rX4",
                    "whsec_8aF3kL0pQ7mZ2xC9vB4nW6tY1uI5oR3e"],
    }



# ---------------------------------------------------------------------------
# 4. Rust CLI with clap + tokio, user who thinks aloud (the long one)
# ---------------------------------------------------------------------------
import random as _random

_CRATES_COMMON = """proc-macro2 1.0.84|unicode-ident 1.0.12|libc 0.2.155|cfg-if 1.0.0|autocfg 1.3.0|once_cell 1.19.0
pin-project-lite 0.2.14|bytes 1.6.0|itoa 1.0.11|memchr 2.7.2|smallvec 1.13.2|scopeguard 1.2.0|log 0.4.21
futures-core 0.3.30|futures-sink 0.3.30|futures-channel 0.3.30|futures-io 0.3.30|futures-task 0.3.30
pin-utils 0.1.0|slab 0.4.9|quote 1.0.36|syn 2.0.66|futures-macro 0.3.30|futures-util 0.3.30
tokio-macros 2.2.0|mio 0.8.11|socket2 0.5.7|lock_api 0.4.12|parking_lot_core 0.9.10|parking_lot 0.12.3
signal-hook-registry 1.4.2|num_cpus 1.16.0|tokio 1.37.0|tracing-core 0.1.32|tracing-attributes 0.1.27
tracing 0.1.40|http 1.1.0|http-body 1.0.0|http-body-util 0.1.1|httparse 1.8.0|httpdate 1.0.3
tower-service 0.3.2|try-lock 0.2.5|want 0.3.1|atomic-waker 1.1.2|equivalent 1.0.1|hashbrown 0.14.5
indexmap 2.2.6|fnv 1.0.7|tokio-util 0.7.11|h2 0.4.5|hyper 1.3.1|hyper-util 0.1.5|percent-encoding 2.3.1
form_urlencoded 1.2.1|tinyvec_macros 0.1.1|tinyvec 1.6.0|unicode-bidi 0.3.15|unicode-normalization 0.1.23
idna 0.5.0|url 2.5.0|base64 0.22.1|mime 0.3.17|serde 1.0.203|serde_derive 1.0.203|ryu 1.0.18
serde_json 1.0.117|serde_urlencoded 0.7.1|ipnet 2.9.0|sync_wrapper 0.1.2|tower-layer 0.3.2
pin-project-internal 1.1.5|pin-project 1.1.5|tower 0.4.13|encoding_rs 0.8.34|utf8parse 0.2.1
anstyle-parse 0.2.4|anstyle 1.0.7|anstyle-query 1.0.3|colorchoice 1.0.1|is_terminal_polyfill 1.70.0
anstream 0.6.14|clap_lex 0.7.0|strsim 0.11.1|heck 0.5.0|clap_builder 4.5.2|clap_derive 4.5.4|clap 4.5.4
bitflags 2.5.0|unicase 2.7.0|getopts 0.2.21|unicode-width 0.1.12|pulldown-cmark-escape 0.10.1
pulldown-cmark 0.10.3|number_prefix 0.4.0|portable-atomic 1.6.0|console 0.15.8|indicatif 0.17.8
anyhow 1.0.86|thiserror-impl 1.0.61|thiserror 1.0.61|regex-syntax 0.8.3|aho-corasick 1.1.3
regex-automata 0.4.6|regex 1.10.4|lazy_static 1.4.0|sharded-slab 0.1.7|thread_local 1.1.8
nu-ansi-term 0.46.0|tracing-log 0.2.0|tracing-subscriber 0.3.18|humantime 2.1.0"""

_CRATES_OPENSSL = "cc 1.0.98|pkg-config 0.3.30|vcpkg 0.2.15|openssl-sys 0.9.102"
_CRATES_RUSTLS = ("cc 1.0.98|getrandom 0.2.15|untrusted 0.9.0|spin 0.9.8|ring 0.17.8|zeroize 1.8.1|"
                  "subtle 2.5.0|rustls-pki-types 1.7.0|rustls-webpki 0.102.4|rustls 0.23.8|"
                  "webpki-roots 0.26.1|tokio-rustls 0.26.0|hyper-rustls 0.27.2|reqwest 0.12.4|"
                  "hrefcheck 0.6.0 (/home/maren/src/hrefcheck)")


def _compiling(spec):
    out = []
    for part in spec.replace("\n", "|").split("|"):
        part = part.strip()
        if part:
            name, ver = part.split(" ", 1)
            out.append(f"   Compiling {name} v{ver}")
    return out


def _link_report():
    rnd = _random.Random(11)
    files = ["docs/guide/install.md", "docs/guide/config.md", "docs/guide/async.md", "docs/reference/cli.md",
             "docs/reference/api.md", "docs/howto/deploy.md", "docs/howto/migrate-v2.md", "docs/blog/2025-10-release.md",
             "docs/blog/2026-02-roadmap.md", "docs/contributing.md", "docs/faq.md", "docs/changelog.md"]
    ok_urls = ["https://docs.rs/tokio/latest/tokio/", "https://docs.rs/reqwest/0.12.4/reqwest/",
               "https://doc.rust-lang.org/book/ch16-00-concurrency.html", "https://crates.io/crates/clap",
               "https://www.rust-lang.org/tools/install", "https://developer.mozilla.org/en-US/docs/Web/HTTP/Status/429",
               "https://datatracker.ietf.org/doc/html/rfc9110#section-10.2.3", "https://kubernetes.io/docs/concepts/workloads/",
               "https://www.postgresql.org/docs/16/sql-createindex.html", "https://semver.org/",
               "https://keepachangelog.com/en/1.1.0/", "https://docs.docker.com/build/building/multi-stage/",
               "https://opentelemetry.io/docs/languages/rust/", "https://serde.rs/derive.html"]
    gh_repos = ["tokio-rs/tokio", "seanmonstar/reqwest", "clap-rs/clap", "rustls/rustls", "hyperium/hyper",
                "serde-rs/serde", "dtolnay/anyhow", "dtolnay/thiserror", "console-rs/indicatif",
                "pulldown-cmark/pulldown-cmark", "tokio-rs/tracing", "rust-lang/cargo", "sfackler/rust-openssl",
                "briny-docs/hrefcheck", "briny-docs/site", "briny-docs/theme"]
    lines = ["    Finished `release` profile [optimized] target(s) in 0.09s",
             "     Running `target/release/hrefcheck docs/ --format plain`",
             "scanning 214 markdown files under docs/ ...",
             "found 1412 links (1097 unique), checking with concurrency=64"]
    n429 = 0
    for i in range(330):
        f = rnd.choice(files)
        ln = rnd.randint(3, 480)
        r = rnd.random()
        if r < 0.42:
            repo = rnd.choice(gh_repos)
            kind = rnd.choice(["issues", "pull", "blob/main/README.md", "releases/tag/v0.12.0", "discussions",
                               "blob/master/CHANGELOG.md", "tree/main/examples"])
            num = rnd.randint(12, 6400)
            url = f"https://github.com/{repo}/{kind}" + (f"/{num}" if kind in ("issues", "pull", "discussions") else "")
            if i > 40 and rnd.random() < 0.75:
                n429 += 1
                lines.append(f"✖ 429 Too Many Requests  {url}  ({f}:{ln})  retry-after=60")
            else:
                lines.append(f"✔ 200 {url}  ({f}:{ln})  {rnd.randint(180, 900)}ms")
        elif r < 0.93:
            url = rnd.choice(ok_urls)
            lines.append(f"✔ 200 {url}  ({f}:{ln})  {rnd.randint(40, 700)}ms")
        elif r < 0.97:
            url = rnd.choice(["https://briny.dev/docs/v1/setup", "https://old.briny.dev/blog/intro",
                              "https://docs.briny.dev/reference/env-vars"])
            lines.append(f"✖ 404 Not Found  {url}  ({f}:{ln})")
        else:
            lines.append(f"↪ 301 http://briny.dev/pricing -> https://briny.dev/pricing  ({f}:{ln})")
    lines += ["", "summary: 1412 checked, 1143 ok, 19 redirects, 38 broken (404), 212 rate-limited (429), 0 timeouts",
              "elapsed: 41.7s",
              "error: 250 links failed",
              "Error: link check failed"]
    return "\n".join(lines)


def _musl_openssl_failure():
    lines = ["   Compiling " + l.split("Compiling ", 1)[1] for l in _compiling(_CRATES_COMMON)[:70]]
    lines += _compiling(_CRATES_OPENSSL)
    lines += _compiling(_CRATES_COMMON)[70:96]
    lines.append("""error: failed to run custom build command for `openssl-sys v0.9.102`

Caused by:
  process didn't exit successfully: `/home/maren/src/hrefcheck/target/release/build/openssl-sys-5b1e0a4f2c9d8e37/build-script-main` (exit status: 101)
  --- stdout
  cargo:rerun-if-env-changed=X86_64_UNKNOWN_LINUX_MUSL_OPENSSL_LIB_DIR
  X86_64_UNKNOWN_LINUX_MUSL_OPENSSL_LIB_DIR unset
  cargo:rerun-if-env-changed=OPENSSL_LIB_DIR
  OPENSSL_LIB_DIR unset
  cargo:rerun-if-env-changed=X86_64_UNKNOWN_LINUX_MUSL_OPENSSL_INCLUDE_DIR
  X86_64_UNKNOWN_LINUX_MUSL_OPENSSL_INCLUDE_DIR unset
  cargo:rerun-if-env-changed=OPENSSL_INCLUDE_DIR
  OPENSSL_INCLUDE_DIR unset
  cargo:rerun-if-env-changed=X86_64_UNKNOWN_LINUX_MUSL_OPENSSL_DIR
  X86_64_UNKNOWN_LINUX_MUSL_OPENSSL_DIR unset
  cargo:rerun-if-env-changed=OPENSSL_DIR
  OPENSSL_DIR unset
  cargo:rerun-if-env-changed=OPENSSL_NO_PKG_CONFIG
  cargo:rerun-if-env-changed=PKG_CONFIG_ALLOW_CROSS_x86_64-unknown-linux-musl
  cargo:rerun-if-env-changed=PKG_CONFIG_ALLOW_CROSS_x86_64_unknown_linux_musl
  cargo:rerun-if-env-changed=TARGET_PKG_CONFIG_ALLOW_CROSS
  cargo:rerun-if-env-changed=PKG_CONFIG_ALLOW_CROSS
  cargo:rerun-if-env-changed=PKG_CONFIG_x86_64-unknown-linux-musl
  cargo:rerun-if-env-changed=PKG_CONFIG_x86_64_unknown_linux_musl
  cargo:rerun-if-env-changed=TARGET_PKG_CONFIG
  cargo:rerun-if-env-changed=PKG_CONFIG
  cargo:rerun-if-env-changed=PKG_CONFIG_SYSROOT_DIR_x86_64-unknown-linux-musl
  cargo:rerun-if-env-changed=PKG_CONFIG_SYSROOT_DIR_x86_64_unknown_linux_musl
  cargo:rerun-if-env-changed=TARGET_PKG_CONFIG_SYSROOT_DIR
  cargo:rerun-if-env-changed=PKG_CONFIG_SYSROOT_DIR
  run pkg_config fail: pkg-config has not been configured to support cross-compilation.

  Install a sysroot for the target platform and configure it via
  PKG_CONFIG_SYSROOT_DIR and PKG_CONFIG_PATH, or install a
  cross-compiling wrapper for pkg-config and set it via
  PKG_CONFIG environment variable.

  --- stderr
  thread 'main' panicked at /home/maren/.cargo/registry/src/index.crates.io-6f17d22bba15001f/openssl-sys-0.9.102/build/find_normal.rs:190:5:


  Could not find directory of OpenSSL installation, and this `-sys` crate cannot
  proceed without this knowledge. If OpenSSL is installed and this crate had
  trouble finding it,  you can set the `OPENSSL_DIR` environment variable for the
  compilation process.

  Make sure you also have the development packages of openssl installed.
  For example, `libssl-dev` on Ubuntu or `openssl-devel` on Fedora.

  If you're in a situation where you think the directory *should* be found
  automatically, please open an issue at https://github.com/sfackler/rust-openssl
  and include the following information:

  $HOST = x86_64-unknown-linux-gnu
  $TARGET = x86_64-unknown-linux-musl
  openssl-sys = 0.9.102


  note: run with `RUST_BACKTRACE=1` environment variable to display a backtrace
warning: build failed, waiting for other jobs to finish...""")
    return "\n".join(lines)


def _musl_ok():
    lines = _compiling(_CRATES_COMMON) + _compiling(_CRATES_RUSTLS)
    lines.append("    Finished `release` profile [optimized] target(s) in 1m 52s")
    return "\n".join(lines)


def _cargo_test():
    tests = """check::tests::classifies_2xx_as_ok|check::tests::classifies_3xx_as_redirect|check::tests::classifies_404_as_broken
check::tests::retries_429_with_retry_after_seconds|check::tests::retries_429_with_retry_after_http_date
check::tests::gives_up_after_three_429s|check::tests::caps_retry_after_at_60s|check::tests::timeout_is_reported
extract::tests::finds_inline_links|extract::tests::finds_reference_links|extract::tests::skips_code_blocks
extract::tests::skips_mailto_and_tel|extract::tests::resolves_relative_links|extract::tests::keeps_line_numbers
extract::tests::dedups_by_url_fragment_stripped|limiter::tests::limits_per_host|limiter::tests::hosts_are_independent
limiter::tests::permit_released_on_drop|limiter::tests::host_is_case_insensitive|report::tests::plain_format
report::tests::json_format|report::tests::github_annotations_format|report::tests::exit_code_nonzero_on_broken
robots::tests::parses_disallow|robots::tests::wildcard_user_agent|robots::tests::missing_robots_allows_all
cli::tests::parses_defaults|cli::tests::per_host_default_is_4|cli::tests::github_token_from_env|cli::tests::exclude_globs"""
    names = [t for t in tests.replace("\n", "|").split("|") if t]
    lines = ["   Compiling hrefcheck v0.6.0 (/home/maren/src/hrefcheck)",
             "    Finished `test` profile [unoptimized + debuginfo] target(s) in 6.81s",
             "     Running unittests src/main.rs (target/debug/deps/hrefcheck-1f0c7e2b9a4d3e55)", "",
             f"running {len(names)} tests"]
    lines += [f"test {n} ... ok" for n in names]
    lines += ["", f"test result: ok. {len(names)} passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.38s", "",
              "     Running tests/cli.rs (target/debug/deps/cli-8e3a9b1c0d2f4a67)", "", "running 6 tests",
              "test help_lists_all_flags ... ok", "test exits_zero_on_clean_docs ... ok",
              "test exits_one_on_broken_link ... ok", "test json_output_is_valid ... ok",
              "test respects_exclude ... ok", "test per_host_limit_flag ... ok", "",
              "test result: ok. 6 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 1.94s"]
    return "\n".join(lines)


@session
def hrefcheck_clap_tokio():
    turns = [
        U("""
ok so. hrefcheck. it's the link checker we run over the docs site before every release. last night's run was
basically useless, github rate-limited us and half the report is 429s. hmm. I think we need to stop hammering
hosts. a global limit? no wait, the global --concurrency already exists and github is like 40% of our links, a
global cap would still hit github with everything. so per-host. yeah, per host, max 4 in flight per host, that's
what browsers do-ish. let's look at the current code first, then I'll decide.
"""),
        A("Let me read the manifest and the main loop, then run it against the docs to see the current behaviour."),
        T("Read", "Cargo.toml", """
[package]
name = "hrefcheck"
version = "0.6.0"
edition = "2021"
rust-version = "1.76"

[dependencies]
anyhow = "1"
clap = { version = "4.5", features = ["derive"] }
futures = "0.3"
indicatif = "0.17"
pulldown-cmark = { version = "0.10", default-features = false }
reqwest = { version = "0.12", features = ["json", "blocking"] }
serde = { version = "1", features = ["derive"] }
serde_json = "1"
thiserror = "1"
tokio = { version = "1.37", features = ["full"] }
tracing = "0.1"
tracing-subscriber = { version = "0.3", features = ["env-filter"] }
url = "2"

[profile.release]
lto = "thin"
strip = true
"""),
        T("Read", "src/main.rs", """
use anyhow::Result;
use clap::Parser;
use futures::stream::{self, StreamExt};

mod check;
mod cli;
mod extract;
mod report;
mod robots;

#[tokio::main]
async fn main() -> Result<()> {
    let cli = cli::Cli::parse();
    tracing_subscriber::fmt().with_env_filter(cli.log_filter()).init();

    let links = extract::collect(&cli.paths, &cli.exclude)?;
    eprintln!("found {} links ({} unique), checking with concurrency={}", links.total, links.unique.len(), cli.concurrency);

    let client = check::client(&cli)?;
    let results: Vec<_> = stream::iter(links.unique)
        .map(|link| check::check(&client, &cli, link))
        .buffer_unordered(cli.concurrency)
        .collect()
        .await;

    report::print(&results, cli.format)?;
    report::exit_code(&results)
}
"""),
        T("Bash", "cargo run --release -- docs/ --format plain", _link_report()),
        A("""
Confirms it: 212 of the 250 failures are 429s, all from github.com, and they start after ~40 requests - github's
unauthenticated limit kicks in and we keep firing 64 at a time at it. The 38 real 404s are on our own old domains.

Proposal:
1. `src/limiter.rs`: a `HostLimiter` holding `host -> Arc<Semaphore>` (N permits per host, default 4,
   `--per-host N`). Each check acquires the global slot (the existing `buffer_unordered`) *and* a host permit.
2. On 429, honour `Retry-After` (seconds or HTTP date), retry at most 3 times, never sleep more than 60 s,
   then report it as rate-limited instead of broken.
For the map I'd use `dashmap` to avoid lock contention. Sound right?
"""),
        U("""
hmm. Retry-After... github sends seconds I think. ok yes do both. keep the global --concurrency too, it still caps
total sockets. dashmap though... nah, I'd rather not pull a crate for this, the lock is held for like a
nanosecond to clone an Arc, a plain Mutex<HashMap> is fine. oh and wait, actually if we send a token github gives
5000/h instead of 60. so add --github-token too, read from env HREFCHECK_GITHUB_TOKEN, only sent to github.com
and api.github.com obviously.
"""),
        T("Edit", "src/limiter.rs", """
@@ -0,0 +1,34 @@
+use std::collections::HashMap;
+use std::sync::{Arc, Mutex};
+
+use tokio::sync::{OwnedSemaphorePermit, Semaphore};
+
+/// At most `per_host` requests in flight per host, on top of the global --concurrency cap.
+pub struct HostLimiter {
+    per_host: usize,
+    hosts: Mutex<HashMap<String, Arc<Semaphore>>>,
+}
+
+impl HostLimiter {
+    pub fn new(per_host: usize) -> Self {
+        Self { per_host, hosts: Mutex::new(HashMap::new()) }
+    }
+
+    pub async fn acquire(&self, host: &str) -> OwnedSemaphorePermit {
+        let sem = {
+            let mut hosts = self.hosts.lock().unwrap();
+            hosts
+                .entry(host.to_ascii_lowercase())
+                .or_insert_with(|| Arc::new(Semaphore::new(self.per_host)))
+                .clone()
+        }; // lock dropped before awaiting
+        sem.acquire_owned().await.expect("semaphore never closed")
+    }
+}
"""),
        T("Edit", "src/check.rs", """
@@ -31,18 +31,46 @@ pub async fn check(client: &Client, cli: &Cli, link: Link) -> LinkResult {
-    let resp = client.get(link.url.clone()).send().await;
-    classify(link, resp)
+    let host = link.url.host_str().unwrap_or_default().to_owned();
+    let _permit = limiter.acquire(&host).await;
+    let mut attempt = 0;
+    loop {
+        attempt += 1;
+        let mut req = client.get(link.url.clone());
+        if let Some(token) = cli.github_token.as_deref() {
+            if host == "github.com" || host == "api.github.com" {
+                req = req.bearer_auth(token);
+            }
+        }
+        let resp = req.send().await;
+        match &resp {
+            Ok(r) if r.status() == StatusCode::TOO_MANY_REQUESTS && attempt < MAX_ATTEMPTS => {
+                let wait = retry_after(r.headers()).unwrap_or(Duration::from_secs(2u64.pow(attempt)));
+                tokio::time::sleep(wait.min(MAX_RETRY_AFTER)).await;
+            }
+            _ => return classify(link, resp, attempt),
+        }
+    }
 }
+
+const MAX_ATTEMPTS: u32 = 3;
+const MAX_RETRY_AFTER: Duration = Duration::from_secs(60);
"""),
        T("Edit", "src/cli.rs", """
@@ -18,6 +18,14 @@ pub struct Cli {
     #[arg(short, long, default_value_t = 64)]
     pub concurrency: usize,

+    /// Max requests in flight per host
+    #[arg(long, default_value_t = 4)]
+    pub per_host: usize,
+
+    /// GitHub token, sent only to github.com / api.github.com (raises the rate limit)
+    #[arg(long, env = "HREFCHECK_GITHUB_TOKEN", hide_env_values = true)]
+    pub github_token: Option<String>,
+
     #[arg(long, value_enum, default_value_t = Format::Plain)]
     pub format: Format,
"""),
        T("Bash", "cargo build", """
   Compiling hrefcheck v0.6.0 (/home/maren/src/hrefcheck)
error[E0599]: no method named `env` found for struct `Arg` in the current scope
   --> src/cli.rs:26:19
    |
26  |     #[arg(long, env = "HREFCHECK_GITHUB_TOKEN", hide_env_values = true)]
    |                 ^^^ method not found in `Arg`
    |
note: the method `env` exists on the type `Arg`, but it is only available with the `env` feature
   --> /home/maren/.cargo/registry/src/index.crates.io-6f17d22bba15001f/clap_builder-4.5.2/src/builder/arg.rs:2129:5

error[E0599]: no method named `hide_env_values` found for struct `Arg` in the current scope
   --> src/cli.rs:26:49
    |
26  |     #[arg(long, env = "HREFCHECK_GITHUB_TOKEN", hide_env_values = true)]
    |                                                 ^^^^^^^^^^^^^^^ method not found in `Arg`

For more information about this error, try `rustc --explain E0599`.
error: could not compile `hrefcheck` (bin "hrefcheck") due to 2 previous errors
"""),
        A("""
The derive just expands `env = ...` into a call to `Arg::env()`, and clap only compiles that method in when its
`env` cargo feature is on - we only have `derive`. Adding the feature.
"""),
        T("Edit", "Cargo.toml", """
@@ -8,7 +8,7 @@ rust-version = "1.76"
 anyhow = "1"
-clap = { version = "4.5", features = ["derive"] }
+clap = { version = "4.5", features = ["derive", "env"] }
 futures = "0.3"
"""),
        T("Bash", "cargo test", _cargo_test()),
        U("""
ok let me run it for real.

$ HREFCHECK_GITHUB_TOKEN=ghp_R8vK2mQ9xT4wL7nB3cY6zH1jF5sD0aP8eU2i cargo run --release -- docs/ --format plain | tail -3
summary: 1412 checked, 1355 ok, 19 redirects, 38 broken (404), 0 rate-limited (429), 0 timeouts
elapsed: 58.3s
error: 38 links failed

zero 429s. slower, 58s vs 41, but who cares, it's correct now. the 38 404s are real, I'll fix those in the docs
repo myself.
"""),
        U("""
next, release. CI builds x86_64-unknown-linux-musl so it runs on the alpine runners. I never actually tried that
target locally... let me just try it.
"""),
        T("Bash", "rustup target add x86_64-unknown-linux-musl && cargo build --release --target x86_64-unknown-linux-musl",
          "info: component 'rust-std' for target 'x86_64-unknown-linux-musl' is up to date\n" + _musl_openssl_failure()),
        A("""
That's reqwest's default TLS backend: `native-tls` -> `openssl-sys`, which needs an OpenSSL built for musl and
there isn't one on this machine (nor on a plain CI image). Two ways out:
1. Keep native-tls and add `openssl = { version = "0.10", features = ["vendored"] }`, which compiles OpenSSL from
   source for the target. Works, but needs musl-gcc + perl + make in CI and adds a couple of minutes per build.
2. Switch reqwest to rustls: `default-features = false, features = ["rustls-tls", "json", "http2", ...]`. Pure
   Rust (ring for crypto), no system OpenSSL at all, and the binary stays fully static. Root certs come from
   `webpki-roots`, so it doesn't read the system CA store.

I'd do 2.
"""),
        U("""
vendored... I did that on the invoice-exporter and CI went from 3 to 9 minutes. no. rustls. hmm but does rustls
trust our corporate proxy CA? ... it doesn't need to, hrefcheck runs on the public runners, outside the VPN.
ok rustls, go.
"""),
        T("Edit", "Cargo.toml", """
@@ -13,7 +13,12 @@ indicatif = "0.17"
 pulldown-cmark = { version = "0.10", default-features = false }
-reqwest = { version = "0.12", features = ["json", "blocking"] }
+reqwest = { version = "0.12", default-features = false, features = [
+    "rustls-tls",
+    "json",
+    "http2",
+    "blocking",
+] }
 serde = { version = "1", features = ["derive"] }
"""),
        T("Bash", "cargo build --release --target x86_64-unknown-linux-musl", _musl_ok()),
        T("Bash", "file target/x86_64-unknown-linux-musl/release/hrefcheck && cargo tree --target x86_64-unknown-linux-musl -i openssl-sys", """
target/x86_64-unknown-linux-musl/release/hrefcheck: ELF 64-bit LSB pie executable, x86-64, version 1 (SYSV), static-pie linked, stripped
error: package ID specification `openssl-sys` did not match any packages
"""),
        U("static, no openssl. let me run the musl binary with robots on, that's how CI calls it"),
        T("Bash", "./target/x86_64-unknown-linux-musl/release/hrefcheck docs/ --respect-robots --format plain", """
scanning 214 markdown files under docs/ ...
found 1412 links (1097 unique), checking with concurrency=64, per-host=4
thread 'tokio-runtime-worker' panicked at /home/maren/.cargo/registry/src/index.crates.io-6f17d22bba15001f/tokio-1.37.0/src/runtime/blocking/shutdown.rs:51:21:
Cannot drop a runtime in a context where blocking is not allowed. This happens when a runtime is dropped from within an asynchronous context.
note: run with `RUST_BACKTRACE=1` environment variable to display a backtrace
thread 'tokio-runtime-worker' panicked at /home/maren/.cargo/registry/src/index.crates.io-6f17d22bba15001f/tokio-1.37.0/src/runtime/blocking/shutdown.rs:51:21:
Cannot drop a runtime in a context where blocking is not allowed. This happens when a runtime is dropped from within an asynchronous context.
Error: check task panicked: JoinError::Panic(Id(17), ...)
"""),
        T("Read", "src/robots.rs", """
use std::collections::HashMap;
use std::sync::Mutex;
use url::Url;

static CACHE: Mutex<Option<HashMap<String, Rules>>> = Mutex::new(None);

pub fn allowed(url: &Url) -> bool {
    let origin = url.origin().ascii_serialization();
    let mut cache = CACHE.lock().unwrap();
    let cache = cache.get_or_insert_with(HashMap::new);
    let rules = cache.entry(origin.clone()).or_insert_with(|| {
        let body = reqwest::blocking::get(format!("{origin}/robots.txt"))
            .and_then(|r| r.text())
            .unwrap_or_default();
        Rules::parse(&body, "hrefcheck")
    });
    rules.allows(url.path())
}
"""),
        A("""
Not a musl or rustls issue - it happens on any target with `--respect-robots`. `robots.rs` uses
`reqwest::blocking`, and the blocking client internally creates and drops its *own* tokio runtime. We call it
from inside a task on our `#[tokio::main]` runtime, and tokio refuses to drop a runtime from within an async
context, hence the panic. (It also held a std `Mutex` across the whole HTTP request, serialising every robots
fetch.)

Fix: make `allowed()` async, fetch robots.txt with the same async `Client` we already have, cache per origin in
a `tokio::sync::Mutex`-guarded map, and drop the `blocking` feature entirely so it can't creep back.
"""),
        T("Edit", "src/robots.rs", """
@@ -1,18 +1,27 @@
 use std::collections::HashMap;
-use std::sync::Mutex;
+use std::sync::Arc;
+use tokio::sync::Mutex;
+use reqwest::Client;
 use url::Url;

-static CACHE: Mutex<Option<HashMap<String, Rules>>> = Mutex::new(None);
+#[derive(Default)]
+pub struct Robots {
+    cache: Mutex<HashMap<String, Arc<Rules>>>,
+}

-pub fn allowed(url: &Url) -> bool {
-    let origin = url.origin().ascii_serialization();
-    let mut cache = CACHE.lock().unwrap();
-    let cache = cache.get_or_insert_with(HashMap::new);
-    let rules = cache.entry(origin.clone()).or_insert_with(|| {
-        let body = reqwest::blocking::get(format!("{origin}/robots.txt"))
-            .and_then(|r| r.text())
-            .unwrap_or_default();
-        Rules::parse(&body, "hrefcheck")
-    });
-    rules.allows(url.path())
+impl Robots {
+    pub async fn allowed(&self, client: &Client, url: &Url) -> bool {
+        let origin = url.origin().ascii_serialization();
+        if let Some(r) = self.cache.lock().await.get(&origin) {
+            return r.allows(url.path());
+        }
+        let body = match client.get(format!("{origin}/robots.txt")).send().await {
+            Ok(resp) if resp.status().is_success() => resp.text().await.unwrap_or_default(),
+            _ => String::new(),
+        };
+        let rules = Arc::new(Rules::parse(&body, "hrefcheck"));
+        self.cache.lock().await.insert(origin, rules.clone());
+        rules.allows(url.path())
+    }
 }
"""),
        T("Edit", "Cargo.toml", """
@@ -17,7 +17,6 @@ reqwest = { version = "0.12", default-features = false, features = [
     "rustls-tls",
     "json",
     "http2",
-    "blocking",
 ] }
"""),
        T("Bash", "cargo test -q 2>&1 | grep 'test result' && cargo build -q --release --target x86_64-unknown-linux-musl && ./target/x86_64-unknown-linux-musl/release/hrefcheck docs/ --respect-robots --format plain | tail -3", """
test result: ok. 30 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.41s
test result: ok. 6 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 2.02s
summary: 1412 checked, 1349 ok, 19 redirects, 38 broken (404), 0 rate-limited (429), 6 skipped (robots), 0 timeouts
elapsed: 61.0s
error: 38 links failed
"""),
        U("""
cool cool. hmm, what else. errors: I see check.rs returns anyhow::Result now in a couple of places. let's keep
it like in our other tools: anyhow only in main.rs / the binary edge, thiserror enums for everything in the
modules. don't mix them. can you fix check.rs?
"""),
        T("Edit", "src/check.rs", """
@@ -1,12 +1,22 @@
-use anyhow::{Context, Result};
+use thiserror::Error;
+
+#[derive(Debug, Error)]
+pub enum CheckError {
+    #[error("building HTTP client: {0}")]
+    Client(#[source] reqwest::Error),
+    #[error("invalid Retry-After header: {0:?}")]
+    RetryAfter(String),
+}
@@ -20,9 +30,9 @@
-pub fn client(cli: &Cli) -> Result<Client> {
+pub fn client(cli: &Cli) -> Result<Client, CheckError> {
     Client::builder()
         .user_agent(concat!("hrefcheck/", env!("CARGO_PKG_VERSION")))
         .timeout(cli.timeout)
         .build()
-        .context("building HTTP client")
+        .map_err(CheckError::Client)
 }
"""),
        T("Bash", "cargo clippy --all-targets -- -D warnings && git add -A && git commit -qm 'per-host limiter, 429 retry, github token, rustls for musl, async robots' && git log --oneline -1", """
    Checking hrefcheck v0.6.0 (/home/maren/src/hrefcheck)
    Finished `dev` profile [unoptimized + debuginfo] target(s) in 3.12s
a41c9d7 per-host limiter, 429 retry, github token, rustls for musl, async robots
"""),
        U("""
good. one more thing for later, not today: right now if you ctrl-c in the middle of a run you lose everything,
no report at all. would be nice to catch SIGINT with tokio::signal and print the partial report of what was
checked so far. leave it, I need to get the release out.
"""),
        A("""
Noted for next time. Recap:
- Per-host limit (`--per-host`, default 4, `Mutex<HashMap<host, Arc<Semaphore>>>`) on top of `--concurrency`.
- 429s retried with `Retry-After`, max 3 attempts, capped at 60 s; `--github-token` / `HREFCHECK_GITHUB_TOKEN`,
  only sent to GitHub hosts.
- clap needs its `env` feature for `env = ...`.
- musl build: reqwest on rustls (openssl-sys couldn't build for musl), binary is static-pie.
- robots.txt fetched async (reqwest::blocking panicked inside the runtime); `blocking` feature removed.
- Errors: thiserror in modules, anyhow only in main.
- Open: Ctrl-C -> print partial report.

Do you want me to set up cargo-dist for the release artifacts while you're at it?
"""),
        U("pushing the tag now. later!"),
    ]
    return {
        "id": "hrefcheck_clap_tokio",
        "project": "hrefcheck",
        "cwd_files": ["Cargo.toml", "src/main.rs", "src/cli.rs", "src/check.rs", "src/limiter.rs", "src/robots.rs"],
        "turns": turns,
        "gold": [
            G("PROJECT", "hrefcheck: Rust CLI link checker for the docs site (clap 4 derive, tokio, reqwest)",
              ["clap"], ["tokio", "reqwest", "link", "hrefcheck", "rust"]),
            G("DECISION", "per-host concurrency limit (semaphore per host, --per-host default 4) on top of --concurrency",
              ["host"], ["semaphore", "per-host", "per host", "limit", "concurrency"],
              files=["src/limiter.rs"]),
            G("DECISION", "on 429 honour Retry-After, max 3 attempts, capped at 60s; GitHub token raises limit",
              ["429"], ["retry-after", "retry", "attempts", "60", "token"], files=["src/check.rs"]),
            G("BUG_FIX", "clap `env = ...` failed with E0599: enable clap's env feature in Cargo.toml",
              ["clap", "env"], ["feature", "e0599", "cargo.toml"], files=["Cargo.toml"]),
            G("FAILED", "musl static build with reqwest default native-tls failed: openssl-sys can't find OpenSSL",
              ["openssl"], ["musl", "native-tls", "openssl-sys", "static"], failure=True),
            G("DECISION", "reqwest with default-features=false + rustls-tls so the musl binary is fully static",
              ["rustls"], ["musl", "reqwest", "static", "default-features", "openssl"], files=["Cargo.toml"]),
            G("BUG_FIX", "--respect-robots panicked (reqwest::blocking drops a runtime inside tokio): robots fetch made async",
              ["blocking"], ["runtime", "robots", "async", "panic"], files=["src/robots.rs"]),
            G("PREFERENCE", "anyhow only in main/binary, thiserror enums in modules, don't mix",
              ["anyhow", "thiserror"], ["main", "binary", "module", "bin", "mix"]),
            G("TODO", "catch Ctrl-C/SIGINT with tokio::signal and print the partial report",
              ["partial"], ["ctrl-c", "ctrl+c", "ctrl c", "sigint", "signal", "interrupt"]),
        ],
        "dead_ends": [
            D("vendored OpenSSL for musl (offered, rejected: slow CI)", ["vendored"]),
            D("dashmap for the per-host map (offered, rejected)", ["dashmap"]),
            D("cargo-dist for release artifacts (asked, never answered)", ["cargo-dist"]),
        ],
        "secrets": ["ghp_R8vK2mQ9xT4wL7nB3cY6zH1jF5sD0aP8eU2i"],
    }



# ---------------------------------------------------------------------------
# 5. Kotlin Multiplatform shared module, user who changes their mind
# ---------------------------------------------------------------------------
def _xcode_sqlite_failure():
    syms = ["sqlite3_bind_blob", "sqlite3_bind_double", "sqlite3_bind_int64", "sqlite3_bind_null",
            "sqlite3_bind_text16", "sqlite3_busy_timeout", "sqlite3_changes", "sqlite3_close_v2",
            "sqlite3_column_blob", "sqlite3_column_bytes", "sqlite3_column_count", "sqlite3_column_double",
            "sqlite3_column_int64", "sqlite3_column_name", "sqlite3_column_text16", "sqlite3_column_type",
            "sqlite3_db_config", "sqlite3_errcode", "sqlite3_errmsg", "sqlite3_exec", "sqlite3_extended_errcode",
            "sqlite3_finalize", "sqlite3_open_v2", "sqlite3_prepare16_v2", "sqlite3_reset", "sqlite3_step",
            "sqlite3_threadsafe", "sqlite3_wal_checkpoint_v2"]
    out = ["ld: warning: ignoring duplicate libraries: '-lc++'",
           "Undefined symbols for architecture arm64:"]
    for s in syms:
        out.append(f'  "_{s}", referenced from:')
        out.append(f"      _co_touchlab_sqliter_sqlite3_{s.split('_', 1)[1]}_wrapped in Shared[arm64][2](result.o)")
    out += ["ld: symbol(s) not found for architecture arm64",
            "clang: error: linker command failed with exit code 1 (use -v to see invocation)",
            "",
            "** BUILD FAILED **",
            "",
            "The following build commands failed:",
            "\tLd /Users/lea/Library/Developer/Xcode/DerivedData/iosApp-fkqzgbdxhqmrcaaoxqsbhzmtrnll/Build/Products/Debug-iphonesimulator/iosApp.app/iosApp normal (in target 'iosApp' from project 'iosApp')",
            "(1 failure)"]
    return "\n".join(out)


@session
def trailmate_kmp():
    turns = [
        U("""
Morning! In trailmate's shared module I want an offline cache for the trails, so the app still works up in the
mountains without signal. Let's use multiplatform-settings and just store the trail list as one JSON string
under a key. Quick and dirty is fine for now.
"""),
        A("Morning! Let me check the version catalog and the shared module's build file first."),
        T("Read", "gradle/libs.versions.toml", """
[versions]
agp = "8.4.0"
kotlin = "1.9.23"
ktor = "2.3.11"
coroutines = "1.8.0"
serialization = "1.6.3"
datetime = "0.6.0"
settings = "1.1.1"

[libraries]
ktor-client-core = { module = "io.ktor:ktor-client-core", version.ref = "ktor" }
ktor-client-okhttp = { module = "io.ktor:ktor-client-okhttp", version.ref = "ktor" }
ktor-client-darwin = { module = "io.ktor:ktor-client-darwin", version.ref = "ktor" }
ktor-client-content-negotiation = { module = "io.ktor:ktor-client-content-negotiation", version.ref = "ktor" }
ktor-serialization-kotlinx-json = { module = "io.ktor:ktor-serialization-kotlinx-json", version.ref = "ktor" }
kotlinx-coroutines-core = { module = "org.jetbrains.kotlinx:kotlinx-coroutines-core", version.ref = "coroutines" }
kotlinx-serialization-json = { module = "org.jetbrains.kotlinx:kotlinx-serialization-json", version.ref = "serialization" }
kotlinx-datetime = { module = "org.jetbrains.kotlinx:kotlinx-datetime", version.ref = "datetime" }
multiplatform-settings = { module = "com.russhwolf:multiplatform-settings-no-arg", version.ref = "settings" }

[plugins]
androidApplication = { id = "com.android.application", version.ref = "agp" }
androidLibrary = { id = "com.android.library", version.ref = "agp" }
kotlinMultiplatform = { id = "org.jetbrains.kotlin.multiplatform", version.ref = "kotlin" }
kotlinSerialization = { id = "org.jetbrains.kotlin.plugin.serialization", version.ref = "kotlin" }
"""),
        T("Read", "shared/build.gradle.kts", """
plugins {
    alias(libs.plugins.kotlinMultiplatform)
    alias(libs.plugins.androidLibrary)
}

kotlin {
    androidTarget {
        compilations.all { kotlinOptions { jvmTarget = "17" } }
    }
    listOf(iosX64(), iosArm64(), iosSimulatorArm64()).forEach {
        it.binaries.framework {
            baseName = "Shared"
            isStatic = true
        }
    }

    sourceSets {
        commonMain.dependencies {
            implementation(libs.ktor.client.core)
            implementation(libs.ktor.client.content.negotiation)
            implementation(libs.ktor.serialization.kotlinx.json)
            implementation(libs.kotlinx.coroutines.core)
            implementation(libs.kotlinx.datetime)
            implementation(libs.multiplatform.settings)
        }
        androidMain.dependencies {
            implementation(libs.ktor.client.okhttp)
        }
        iosMain.dependencies {
            implementation(libs.ktor.client.darwin)
        }
        commonTest.dependencies {
            implementation(kotlin("test"))
            implementation("org.jetbrains.kotlinx:kotlinx-coroutines-test:1.8.0")
        }
    }
}

android {
    namespace = "app.trailmate.shared"
    compileSdk = 34
    defaultConfig { minSdk = 26 }
}
"""),
        A("""
Simple enough: a `TrailCache` in commonMain that takes a `Settings`, encodes `List<Trail>` with
`Json.encodeToString` under `"trails.v1"`, plus a timestamp key for staleness.
"""),
        T("Edit", "shared/src/commonMain/kotlin/app/trailmate/cache/TrailCache.kt", """
@@ -0,0 +1,24 @@
+package app.trailmate.cache
+
+import app.trailmate.model.Trail
+import com.russhwolf.settings.Settings
+import kotlinx.datetime.Clock
+import kotlinx.serialization.encodeToString
+import kotlinx.serialization.json.Json
+
+class TrailCache(private val settings: Settings, private val json: Json) {
+    fun save(trails: List<Trail>) {
+        settings.putString(KEY, json.encodeToString(trails))
+        settings.putLong(KEY_SAVED_AT, Clock.System.now().toEpochMilliseconds())
+    }
+
+    fun load(): List<Trail> =
+        settings.getStringOrNull(KEY)?.let { json.decodeFromString(it) } ?: emptyList()
+
+    private companion object {
+        const val KEY = "trails.v1"
+        const val KEY_SAVED_AT = "trails.v1.savedAt"
+    }
+}
"""),
        U("""
Hmm wait. Actually no. Thinking about it, offline we'll need to filter trails by region and by difficulty, and
it's ~3000 trails with the GPX points. One giant JSON blob in NSUserDefaults / SharedPreferences will be horrible
to query and slow to decode. Let's do SQLDelight instead. Sorry for the back and forth!
"""),
        A("""
No problem, better now than after shipping. Removing `TrailCache.kt` and the settings dependency, then adding
SQLDelight 2: the Gradle plugin, `android-driver` for androidMain, `native-driver` for iosMain, and an
expect/actual `DriverFactory`.
"""),
        T("Bash", "rm shared/src/commonMain/kotlin/app/trailmate/cache/TrailCache.kt && git status --short", """
 M gradle/libs.versions.toml
 M shared/build.gradle.kts
"""),
        T("Edit", "gradle/libs.versions.toml", """
@@ -6,7 +6,7 @@ coroutines = "1.8.0"
 serialization = "1.6.3"
 datetime = "0.6.0"
-settings = "1.1.1"
+sqldelight = "2.0.2"
@@ -17,7 +17,10 @@ kotlinx-serialization-json = { module = "org.jetbrains.kotlinx:kotlinx-serialization-json", version.ref = "serialization" }
 kotlinx-datetime = { module = "org.jetbrains.kotlinx:kotlinx-datetime", version.ref = "datetime" }
-multiplatform-settings = { module = "com.russhwolf:multiplatform-settings-no-arg", version.ref = "settings" }
+sqldelight-android-driver = { module = "app.cash.sqldelight:android-driver", version.ref = "sqldelight" }
+sqldelight-native-driver = { module = "app.cash.sqldelight:native-driver", version.ref = "sqldelight" }
+sqldelight-coroutines = { module = "app.cash.sqldelight:coroutines-extensions", version.ref = "sqldelight" }
@@ -27,3 +30,4 @@ kotlinMultiplatform = { id = "org.jetbrains.kotlin.multiplatform", version.ref = "kotlin" }
 kotlinSerialization = { id = "org.jetbrains.kotlin.plugin.serialization", version.ref = "kotlin" }
+sqldelight = { id = "app.cash.sqldelight", version.ref = "sqldelight" }
"""),
        T("Edit", "shared/build.gradle.kts", """
@@ -1,6 +1,7 @@
 plugins {
     alias(libs.plugins.kotlinMultiplatform)
     alias(libs.plugins.androidLibrary)
+    alias(libs.plugins.sqldelight)
 }
@@ -22,13 +23,16 @@ kotlin {
             implementation(libs.kotlinx.datetime)
-            implementation(libs.multiplatform.settings)
+            implementation(libs.sqldelight.coroutines)
         }
         androidMain.dependencies {
             implementation(libs.ktor.client.okhttp)
+            implementation(libs.sqldelight.android.driver)
         }
         iosMain.dependencies {
             implementation(libs.ktor.client.darwin)
+            implementation(libs.sqldelight.native.driver)
         }
@@ -40,3 +44,9 @@ android {
     defaultConfig { minSdk = 26 }
 }
+
+sqldelight {
+    databases {
+        create("TrailDatabase") { packageName.set("app.trailmate.db") }
+    }
+}
"""),
        T("Edit", "shared/src/commonMain/sqldelight/app/trailmate/db/Trail.sq", """
@@ -0,0 +1,27 @@
+CREATE TABLE trail (
+    id TEXT NOT NULL PRIMARY KEY,
+    name TEXT NOT NULL,
+    region TEXT NOT NULL,
+    difficulty INTEGER NOT NULL,
+    length_m INTEGER NOT NULL,
+    elevation_gain_m INTEGER NOT NULL,
+    gpx_points BLOB NOT NULL,
+    updated_at INTEGER NOT NULL
+);
+
+CREATE INDEX trail_region_difficulty ON trail(region, difficulty);
+
+selectByRegion:
+SELECT id, name, region, difficulty, length_m, elevation_gain_m FROM trail
+WHERE region = ? AND difficulty <= ? ORDER BY name;
+
+selectById:
+SELECT * FROM trail WHERE id = ?;
+
+upsert:
+INSERT OR REPLACE INTO trail VALUES ?;
+
+deleteOlderThan:
+DELETE FROM trail WHERE updated_at < ?;
"""),
        T("Edit", "shared/src/commonMain/kotlin/app/trailmate/data/TrailRepository.kt", """
@@ -0,0 +1,33 @@
+package app.trailmate.data
+
+import app.cash.sqldelight.coroutines.asFlow
+import app.cash.sqldelight.coroutines.mapToList
+import app.trailmate.db.TrailDatabase
+import app.trailmate.network.TrailApi
+import kotlinx.coroutines.Dispatchers
+import kotlinx.coroutines.flow.Flow
+import kotlinx.coroutines.withContext
+
+/** The DB is the source of truth: UI observes Flows from SQLDelight, refresh() only writes into the DB. */
+class TrailRepository(private val db: TrailDatabase, private val api: TrailApi) {
+
+    fun trailsIn(region: String, maxDifficulty: Int): Flow<List<TrailSummary>> =
+        db.trailQueries.selectByRegion(region, maxDifficulty.toLong(), ::TrailSummary)
+            .asFlow()
+            .mapToList(Dispatchers.Default)
+
+    suspend fun refresh(region: String) = withContext(Dispatchers.Default) {
+        val remote = api.trails(region)
+        db.transaction {
+            remote.forEach { db.trailQueries.upsert(it.toEntity()) }
+        }
+    }
+}
"""),
        T("Bash", "./gradlew :shared:allTests", """
> Task :shared:generateCommonMainTrailDatabaseInterface
> Task :shared:compileKotlinIosSimulatorArm64
> Task :shared:linkDebugTestIosSimulatorArm64
> Task :shared:iosSimulatorArm64Test

app.trailmate.network.TrailApiTest[iosSimulatorArm64] > decodesTrailList()[iosSimulatorArm64] FAILED
    kotlinx.serialization.SerializationException: Serializer for class 'TrailDto' is not found.
    Please ensure that class is marked as '@Serializable' and that the serialization compiler plugin is applied.

        at 0   test.kexe   0x104f1c2a3   kfun:kotlin.Throwable#<init>(kotlin.String?){} + 119
        at 1   test.kexe   0x104f165d7   kfun:kotlin.Exception#<init>(kotlin.String?){} + 115
        at 2   test.kexe   0x104fd0f1b   kfun:kotlinx.serialization.SerializationException#<init>(kotlin.String?){} + 115
        at 3   test.kexe   0x104fd8a47   kfun:kotlinx.serialization.internal#platformSpecificSerializerNotRegistered__at__kotlin.reflect.KClass<*>(){}kotlin.Nothing + 235
        at 4   test.kexe   0x104fd5e2f   kfun:kotlinx.serialization#serializer__at__kotlin.reflect.KClass<0:0>(){0\u00a7<kotlin.Any>}kotlinx.serialization.KSerializer<0:0> + 175

app.trailmate.data.TrailRepositoryTest[iosSimulatorArm64] > refreshWritesTrails()[iosSimulatorArm64] FAILED
    kotlinx.serialization.SerializationException at TrailRepositoryTest.kt:41

> Task :shared:testDebugUnitTest

app.trailmate.network.TrailApiTest > decodesTrailList FAILED
    kotlinx.serialization.SerializationException at TrailApiTest.kt:28

9 tests completed, 3 failed

FAILURE: Build failed with an exception.

* What went wrong:
Execution failed for task ':shared:iosSimulatorArm64Test'.
> There were failing tests. See the report at: file:///Users/lea/dev/trailmate/shared/build/reports/tests/iosSimulatorArm64Test/index.html

BUILD FAILED in 1m 12s
"""),
        A("""
`TrailDto` *is* annotated `@Serializable`, but that annotation is only a marker - the actual `serializer()` is
generated at compile time by the kotlinx.serialization **compiler plugin**. The shared module has the runtime
library (via ktor-serialization-kotlinx-json) but never applies the plugin, so nothing gets generated and the
lookup fails at runtime. It was already in the version catalog, just not applied in `shared/build.gradle.kts`.
"""),
        T("Edit", "shared/build.gradle.kts", """
@@ -1,7 +1,8 @@
 plugins {
     alias(libs.plugins.kotlinMultiplatform)
     alias(libs.plugins.androidLibrary)
+    alias(libs.plugins.kotlinSerialization)
     alias(libs.plugins.sqldelight)
 }
"""),
        T("Bash", "./gradlew :shared:allTests", """
> Task :shared:compileKotlinIosSimulatorArm64
> Task :shared:linkDebugTestIosSimulatorArm64
> Task :shared:iosSimulatorArm64Test
> Task :shared:testDebugUnitTest
> Task :shared:allTests

BUILD SUCCESSFUL in 58s
31 actionable tasks: 9 executed, 22 up-to-date
"""),
        U("Nice. Now iOS: Ahmed says the iOS app doesn't link anymore since the DB stuff. Can you check?"),
        T("Bash", "cd iosApp && xcodebuild -scheme iosApp -sdk iphonesimulator -destination 'platform=iOS Simulator,name=iPhone 15' build 2>&1 | tail -70",
          _xcode_sqlite_failure()),
        A("""
The framework is built with `isStatic = true`. SQLDelight's native driver (via SQLiter) calls the system
`libsqlite3`, and with a static framework that dependency isn't carried along - the final app link has to pull
in sqlite3 itself, and nobody tells it to. Either add `libsqlite3.tbd` under "Link Binary With Libraries" in
Xcode, or put the linker flag on the framework in Gradle. I'll do the Gradle one so it lives with the module.
"""),
        T("Edit", "shared/build.gradle.kts", """
@@ -12,6 +12,7 @@ kotlin {
         it.binaries.framework {
             baseName = "Shared"
             isStatic = true
+            linkerOpts.add("-lsqlite3")
         }
"""),
        T("Bash", "cd iosApp && xcodebuild -scheme iosApp -sdk iphonesimulator -destination 'platform=iOS Simulator,name=iPhone 15' build 2>&1 | tail -3", """
ld: warning: ignoring duplicate libraries: '-lc++'

** BUILD SUCCEEDED **
"""),
        U("""
Great. Oh, and I was thinking: what if we use the Ktor CIO engine everywhere? Then there's one engine in
commonMain instead of okhttp on Android and darwin on iOS. Less stuff. Let's try it.
"""),
        T("Edit", "shared/build.gradle.kts", """
@@ -20,6 +20,7 @@ kotlin {
         commonMain.dependencies {
             implementation(libs.ktor.client.core)
+            implementation("io.ktor:ktor-client-cio:2.3.11")
             implementation(libs.ktor.client.content.negotiation)
@@ -28,11 +29,9 @@ kotlin {
         androidMain.dependencies {
-            implementation(libs.ktor.client.okhttp)
             implementation(libs.sqldelight.android.driver)
         }
         iosMain.dependencies {
-            implementation(libs.ktor.client.darwin)
             implementation(libs.sqldelight.native.driver)
         }
"""),
        T("Bash", "./gradlew :shared:iosSimulatorArm64Test --tests 'app.trailmate.network.*'", """
> Task :shared:compileKotlinIosSimulatorArm64
> Task :shared:linkDebugTestIosSimulatorArm64
> Task :shared:iosSimulatorArm64Test

app.trailmate.network.TrailApiLiveTest[iosSimulatorArm64] > fetchesRegionsFromStaging()[iosSimulatorArm64] FAILED
    kotlin.IllegalStateException: TLS sessions are not supported on Native platform.
        at 0   test.kexe   0x1032a1f7b   kfun:kotlin.Throwable#<init>(kotlin.String?){} + 119
        at 1   test.kexe   0x10329b2d3   kfun:kotlin.Exception#<init>(kotlin.String?){} + 115
        at 2   test.kexe   0x10329b4b7   kfun:kotlin.RuntimeException#<init>(kotlin.String?){} + 115
        at 3   test.kexe   0x10329bb8f   kfun:kotlin.IllegalStateException#<init>(kotlin.String?){} + 115
        at 4   test.kexe   0x1034c0e03   kfun:io.ktor.network.tls#tls__at__io.ktor.network.sockets.Socket(kotlin.coroutines.CoroutineContext;io.ktor.network.tls.TLSConfig){}io.ktor.network.sockets.Socket + 263

4 tests completed, 1 failed

BUILD FAILED in 41s
"""),
        A("""
That's the catch with CIO in Ktor 2.x: on Kotlin/Native it has no TLS implementation, so any `https://` call
fails - and all our endpoints are HTTPS. It would only work for plain HTTP. I'd go back to OkHttp on Android and
Darwin (NSURLSession) on iOS; the engine choice is invisible to common code anyway because `HttpClient()` picks
the one on the classpath.
"""),
        U("Meh. Ok, revert it, keep okhttp + darwin then."),
        T("Bash", "git checkout -- shared/build.gradle.kts && git stash list && ./gradlew -q :shared:allTests && echo TESTS_OK", "TESTS_OK"),
        A("""
Wait - that `git checkout` also threw away the uncommitted `-lsqlite3`, serialization plugin and SQLDelight
changes in that file. Re-applying them now.
"""),
        T("Edit", "shared/build.gradle.kts", """
@@ -1,6 +1,8 @@
 plugins {
     alias(libs.plugins.kotlinMultiplatform)
     alias(libs.plugins.androidLibrary)
+    alias(libs.plugins.kotlinSerialization)
+    alias(libs.plugins.sqldelight)
 }
@@ -12,6 +14,7 @@ kotlin {
             baseName = "Shared"
             isStatic = true
+            linkerOpts.add("-lsqlite3")
         }
@@ -22,13 +25,16 @@ kotlin {
             implementation(libs.kotlinx.datetime)
-            implementation(libs.multiplatform.settings)
+            implementation(libs.sqldelight.coroutines)
         }
         androidMain.dependencies {
             implementation(libs.ktor.client.okhttp)
+            implementation(libs.sqldelight.android.driver)
         }
         iosMain.dependencies {
             implementation(libs.ktor.client.darwin)
+            implementation(libs.sqldelight.native.driver)
         }
@@ -40,3 +46,9 @@ android {
+sqldelight {
+    databases {
+        create("TrailDatabase") { packageName.set("app.trailmate.db") }
+    }
+}
"""),
        T("Bash", "./gradlew :shared:allTests && git diff --stat", """
BUILD SUCCESSFUL in 1m 3s
31 actionable tasks: 12 executed, 19 up-to-date
 gradle/libs.versions.toml                                  |  9 ++++++---
 shared/build.gradle.kts                                    | 18 ++++++++++++++++--
 shared/src/commonMain/kotlin/app/trailmate/data/TrailRepository.kt | 33 +++++++++++++++++++++++++++++++++
 shared/src/commonMain/sqldelight/app/trailmate/db/Trail.sq | 27 +++++++++++++++++++++++++++
 4 files changed, 83 insertions(+), 4 deletions(-)
"""),
        U("""
Ok good catch. Next, DI. I want Koin in shared so iOS and Android get the same graph... hmm, actually, no. For a
module with like six classes Koin is overkill, and the Swift side of Koin is ugly. Let's just have a manual
`SharedGraph` object that builds everything lazily; iOS calls `SharedGraph.shared.trailRepository`.
"""),
        T("Edit", "shared/src/commonMain/kotlin/app/trailmate/SharedGraph.kt", """
@@ -0,0 +1,28 @@
+package app.trailmate
+
+import app.trailmate.data.TrailRepository
+import app.trailmate.db.DriverFactory
+import app.trailmate.db.TrailDatabase
+import app.trailmate.network.TrailApi
+import app.trailmate.network.createHttpClient
+
+/** Manual dependency graph for the shared module (no DI framework). Platform code creates it once. */
+class SharedGraph(driverFactory: DriverFactory, baseUrl: String) {
+    private val http by lazy { createHttpClient() }
+    private val db by lazy { TrailDatabase(driverFactory.create()) }
+    private val api by lazy { TrailApi(http, baseUrl) }
+
+    val trailRepository by lazy { TrailRepository(db, api) }
+
+    companion object {
+        lateinit var shared: SharedGraph
+            private set
+
+        fun init(driverFactory: DriverFactory, baseUrl: String) {
+            shared = SharedGraph(driverFactory, baseUrl)
+        }
+    }
+}
"""),
        A("""
Done. One thing for the Swift side: `trailsIn()` returns a `Flow` and `refresh()` is `suspend`, which Swift sees
as a completion-handler function and an opaque `Kotlinx_coroutines_coreFlow`. Do you want SKIE or
KMP-NativeCoroutines so Swift gets real `async`/`await` and `AsyncSequence`?
"""),
        U("""
Let me ask Ahmed about that. Last thing: the staging API. It's behind basic auth, put this in as the debug base
url: https://trailmate-staging:Hk7$pL2q9Wm@api-staging.trailmate.app/v2
"""),
        A("""
I'd rather not hard-code that in the shared module - it would end up in git and inside every debug build. How
about: it goes in `local.properties` (already gitignored), and the BuildKonfig Gradle plugin turns it into a
generated `BuildKonfig.STAGING_API_URL` constant at build time, so common code can read it and CI can inject it
from its own secret.
"""),
        U("ok fine, do that"),
        T("Bash", "echo 'trailmate.stagingApiUrl=https://trailmate-staging:Hk7$pL2q9Wm@api-staging.trailmate.app/v2' >> local.properties && git check-ignore -v local.properties", """
.gitignore:8:local.properties	local.properties
"""),
        T("Edit", "shared/build.gradle.kts", """
@@ -4,6 +4,7 @@ plugins {
     alias(libs.plugins.kotlinSerialization)
     alias(libs.plugins.sqldelight)
+    id("com.codingfeline.buildkonfig") version "0.15.1"
 }
@@ -52,3 +53,14 @@ sqldelight {
+
+buildkonfig {
+    packageName = "app.trailmate"
+    defaultConfigs {
+        val props = java.util.Properties().apply {
+            rootProject.file("local.properties").takeIf { it.exists() }?.inputStream()?.use { load(it) }
+        }
+        val url = props.getProperty("trailmate.stagingApiUrl") ?: System.getenv("TRAILMATE_STAGING_API_URL") ?: ""
+        buildConfigField(com.codingfeline.buildkonfig.compiler.FieldSpec.Type.STRING, "STAGING_API_URL", url)
+    }
+}
"""),
        T("Bash", "./gradlew -q :shared:generateBuildKonfig && grep -c STAGING_API_URL shared/build/buildkonfig/commonMain/app/trailmate/BuildKonfig.kt && git status --short", """
1
 M gradle/libs.versions.toml
 M shared/build.gradle.kts
?? shared/src/commonMain/kotlin/app/trailmate/SharedGraph.kt
?? shared/src/commonMain/kotlin/app/trailmate/data/TrailRepository.kt
?? shared/src/commonMain/sqldelight/app/trailmate/db/Trail.sq
"""),
        U("""
Perfect, thank you! For next week: we need to simplify the GPX points before storing them (Douglas-Peucker or
similar), the DB is already 80MB with the full tracks. Bye!
"""),
        A("""
Have a good one! Where we are:
- Offline cache: SQLDelight `TrailDatabase` (region/difficulty index), repository exposes Flows.
- Serialization compiler plugin applied (missing plugin caused "Serializer ... not found").
- iOS link fixed with `-lsqlite3` on the static framework.
- Ktor CIO tried and reverted (no TLS on Native); OkHttp + Darwin stay.
- Manual `SharedGraph` instead of a DI framework.
- Staging URL read from `local.properties` through BuildKonfig, not committed.
- Next week: GPX point simplification before storing (DB is 80 MB).
"""),
    ]
    return {
        "id": "trailmate_kmp",
        "project": "trailmate",
        "cwd_files": ["gradle/libs.versions.toml", "shared/build.gradle.kts",
                      "shared/src/commonMain/kotlin/app/trailmate/data/TrailRepository.kt",
                      "shared/src/commonMain/kotlin/app/trailmate/SharedGraph.kt",
                      "shared/src/commonMain/sqldelight/app/trailmate/db/Trail.sq", "local.properties"],
        "turns": turns,
        "gold": [
            G("PROJECT", "trailmate: KMP shared module for Android + iOS (Kotlin 1.9, Ktor 2.3, SQLDelight)",
              ["android", "ios"], ["kmp", "multiplatform", "kotlin", "shared module"]),
            G("DECISION", "offline trail cache in SQLDelight (query by region/difficulty, ~3000 trails with GPX)",
              ["sqldelight"], ["offline", "cache", "region", "difficulty"],
              files=["shared/src/commonMain/sqldelight/app/trailmate/db/Trail.sq"]),
            G("PATTERN", "repository exposes SQLDelight queries as Flow (asFlow/mapToList), refresh() only writes DB",
              ["flow"], ["asflow", "maptolist", "repository", "source of truth", "sqldelight"],
              files=["shared/src/commonMain/kotlin/app/trailmate/data/TrailRepository.kt"]),
            G("BUG_FIX", "'Serializer for class not found': apply kotlinx.serialization compiler plugin in shared",
              ["serializ"], ["plugin", "not found", "compiler"], files=["shared/build.gradle.kts"]),
            G("BUG_FIX", "iOS app link failed (undefined _sqlite3_*): linkerOpts -lsqlite3 on static framework",
              ["sqlite"], ["linker", "lsqlite3", "undefined", "link", "framework"],
              files=["shared/build.gradle.kts"]),
            G("FAILED", "Ktor CIO engine everywhere: no TLS on Kotlin/Native, reverted to OkHttp + Darwin",
              ["cio"], ["tls", "native", "ios", "revert", "darwin", "okhttp"], failure=True),
            G("DECISION", "manual SharedGraph object for dependencies, no DI framework",
              ["manual"], ["sharedgraph", "di", "injection", "wiring", "graph"],
              files=["shared/src/commonMain/kotlin/app/trailmate/SharedGraph.kt"]),
            G("DECISION", "staging API URL/credentials in gitignored local.properties via BuildKonfig, not in code",
              ["local.properties"], ["buildkonfig", "staging", "credential", "gitignore", "secret", "url"]),
            G("TODO", "simplify GPX points (Douglas-Peucker) before storing, DB is 80MB",
              ["simplif"], ["gpx", "douglas", "peucker", "80mb", "80 mb", "track"]),
        ],
        "dead_ends": [
            D("multiplatform-settings JSON blob cache (user changed mind)", ["multiplatform-settings"]),
            D("Ktor CIO engine in commonMain (tried, reverted)", ["cio"]),
            D("Koin for DI (considered, dropped)", ["koin"]),
            D("SKIE (asked, never answered)", ["skie"]),
            D("KMP-NativeCoroutines (asked, never answered)", ["nativecoroutines"]),
        ],
        "secrets": ["Hk7$pL2q9Wm"],
    }



# ---------------------------------------------------------------------------
# 6. Laravel Livewire, session a (decides polling)
# ---------------------------------------------------------------------------
@session
def fleetdesk_livewire_a():
    turns = [
        U("""
Hi! Working on fleetdesk today (our vehicle maintenance portal). Since we upgraded to Livewire 3 the search box
on the work-order board doesn't filter anymore while typing. You type, nothing happens, and then when you click
somewhere else it suddenly filters.
"""),
        A("Let me look at the dependencies and the board component."),
        T("Read", "composer.json", """
{
    "name": "harborline/fleetdesk",
    "type": "project",
    "require": {
        "php": "^8.2",
        "laravel/framework": "^11.9",
        "laravel/sanctum": "^4.0",
        "laravel/tinker": "^2.9",
        "livewire/livewire": "^3.5",
        "spatie/laravel-permission": "^6.7"
    },
    "require-dev": {
        "fakerphp/faker": "^1.23",
        "laravel/breeze": "^2.0",
        "laravel/pint": "^1.13",
        "mockery/mockery": "^1.6",
        "nunomaduro/collision": "^8.0",
        "pestphp/pest": "^2.34",
        "pestphp/pest-plugin-laravel": "^2.4",
        "pestphp/pest-plugin-livewire": "^2.1"
    },
    "autoload": {
        "psr-4": { "App\\\\": "app/", "Database\\\\Factories\\\\": "database/factories/" }
    }
}
"""),
        T("Read", "app/Livewire/WorkOrderBoard.php", """
<?php

namespace App\\Livewire;

use App\\Models\\WorkOrder;
use Livewire\\Component;
use Livewire\\WithPagination;

class WorkOrderBoard extends Component
{
    use WithPagination;

    public string $search = '';
    public ?int $depotId = null;

    public function mount(): void
    {
        $this->depotId = auth()->user()->depot_id;
    }

    public function render()
    {
        $orders = WorkOrder::query()
            ->with(['vehicle', 'mechanic'])
            ->where('depot_id', $this->depotId)
            ->when($this->search, fn ($q) => $q->where(fn ($q) => $q
                ->where('title', 'like', "%{$this->search}%")
                ->orWhereHas('vehicle', fn ($v) => $v->where('plate', 'like', "%{$this->search}%"))))
            ->orderByRaw("FIELD(status, 'blocked', 'in_progress', 'open', 'done')")
            ->paginate(30);

        return view('livewire.work-order-board', ['orders' => $orders]);
    }
}
"""),
        T("Read", "resources/views/livewire/work-order-board.blade.php", """
<div class="space-y-4">
    <input type="search" wire:model="search" placeholder="Search title or plate…"
           class="w-full rounded border-gray-300" />

    <div class="grid grid-cols-4 gap-4">
        @foreach (['blocked', 'in_progress', 'open', 'done'] as $status)
            <x-board-column :status="$status" :orders="$orders->where('status', $status)" />
        @endforeach
    </div>

    {{ $orders->links() }}
</div>
<x-work-order-modal />
"""),
        A("""
This is a Livewire 3 behaviour change: in v2 `wire:model` synced on every keystroke; in v3 it's **deferred** by
default - the value is only sent with the next request (an action, or here the `change` event on blur). For
live filtering you now have to opt in with `.live`, and a debounce keeps it from firing a request per keystroke.
"""),
        T("Edit", "resources/views/livewire/work-order-board.blade.php", """
@@ -1,5 +1,5 @@
 <div class="space-y-4">
-    <input type="search" wire:model="search" placeholder="Search title or plate…"
+    <input type="search" wire:model.live.debounce.300ms="search" placeholder="Search title or plate…"
            class="w-full rounded border-gray-300" />
"""),
        T("Bash", "php artisan test --filter=WorkOrderBoard", """

   PASS  Tests\\Feature\\Livewire\\WorkOrderBoardTest
  ✓ it renders the board for the user's depot                          0.31s
  ✓ it filters by title                                                 0.06s
  ✓ it filters by plate                                                 0.05s
  ✓ it does not show other depots' orders                               0.04s

  Tests:    4 passed (9 assertions)
  Duration: 0.71s

"""),
        U("""
Works, thanks! Next one: the dispatchers want the board to update by itself when a mechanic changes the status of
a work order on their tablet. Right now they have to refresh the page all the time.
"""),
        A("""
Two ways:
1. **`wire:poll.10s`** on the board: Livewire re-renders it every 10 seconds. Zero infrastructure, one attribute.
   Costs one board query per open board every 10 s.
2. **Broadcasting with Laravel Reverb + Echo**: fire a `WorkOrderUpdated` event on save, the board listens on a
   private depot channel and refreshes instantly. Needs a websocket server process (Reverb) and a queue worker.

For the current pilot (one depot, a handful of dispatchers) polling is plenty and much simpler. I'd do 1.
"""),
        U("ok do it"),
        T("Edit", "resources/views/livewire/work-order-board.blade.php", """
@@ -1,4 +1,5 @@
-<div class="space-y-4">
+<div wire:poll.10s>
+<div class="space-y-4">
     <input type="search" wire:model.live.debounce.300ms="search" placeholder="Search title or plate…"
@@ -12,3 +13,4 @@
     {{ $orders->links() }}
 </div>
+</div>
 <x-work-order-modal />
"""),
        T("Bash", "php artisan test --filter=WorkOrderBoard", """

   FAIL  Tests\\Feature\\Livewire\\WorkOrderBoardTest
  ⨯ it renders the board for the user's depot                          0.29s
  ⨯ it filters by title                                                 0.05s
  ⨯ it filters by plate                                                 0.05s
  ⨯ it does not show other depots' orders                               0.04s
  ───────────────────────────────────────────────────────────────────────────
   FAILED  Tests\\Feature\\Livewire\\WorkOrderBoardTest > it renders the board for the user's depot
  Livewire\\Features\\SupportMultipleRootElementDetection\\MultipleRootElementsDetectedException

  Livewire only supports one HTML element per component. Multiple root elements detected for component: [work-order-board]

  at vendor/livewire/livewire/src/Features/SupportMultipleRootElementDetection/SupportMultipleRootElementDetection.php:33
     29▕         $count = $dom->documentElement ? count($this->getRootElements($dom)) : 0;
     30▕
     31▕         if ($count > 1) {
     32▕             throw new MultipleRootElementsDetectedException($component);
  ➜  33▕         }
     34▕     }

      +8 vendor frames
  9   tests/Feature/Livewire/WorkOrderBoardTest.php:14

  Tests:    4 failed (0 assertions)
  Duration: 0.68s

"""),
        A("""
My wrapper made it obvious, but the problem was already there: the view had `<x-work-order-modal />` *after* the
closing `</div>`, so the component had two root elements. Livewire 3 needs exactly one root element to put its
`wire:id`/snapshot on (in v2 it silently used the first one, which is also why the modal never re-rendered
before). Fix: a single root `<div>` carrying `wire:poll.10s`, with the modal inside it.
"""),
        T("Edit", "resources/views/livewire/work-order-board.blade.php", """
@@ -1,16 +1,15 @@
-<div wire:poll.10s>
-<div class="space-y-4">
+<div wire:poll.10s class="space-y-4">
     <input type="search" wire:model.live.debounce.300ms="search" placeholder="Search title or plate…"
            class="w-full rounded border-gray-300" />
@@ -13,4 +12,5 @@
     {{ $orders->links() }}
+
+    <x-work-order-modal />
 </div>
-</div>
-<x-work-order-modal />
"""),
        T("Bash", "php artisan test --filter=WorkOrderBoard", """

   PASS  Tests\\Feature\\Livewire\\WorkOrderBoardTest
  ✓ it renders the board for the user's depot                          0.30s
  ✓ it filters by title                                                 0.05s
  ✓ it filters by plate                                                 0.05s
  ✓ it does not show other depots' orders                               0.04s

  Tests:    4 passed (9 assertions)
  Duration: 0.69s

"""),
        U("""
Cool. While you're in there: the create/edit work order component has 15 public properties and a giant rules()
array, plus the same rules copy-pasted in the "quick add" component. Can we clean that up?
"""),
        A("""
Livewire 3 Form objects are made for this: a `WorkOrderForm extends Livewire\\Form` holds the fields with
`#[Validate]` attributes plus `store()`/`update()`, and both components just declare
`public WorkOrderForm $form;` and bind `wire:model="form.title"`. Rules live in one place.
"""),
        T("Edit", "app/Livewire/Forms/WorkOrderForm.php", """
@@ -0,0 +1,47 @@
+<?php
+
+namespace App\\Livewire\\Forms;
+
+use App\\Models\\WorkOrder;
+use Livewire\\Attributes\\Validate;
+use Livewire\\Form;
+
+class WorkOrderForm extends Form
+{
+    public ?WorkOrder $workOrder = null;
+
+    #[Validate('required|string|max:120')]
+    public string $title = '';
+
+    #[Validate('required|exists:vehicles,id')]
+    public ?int $vehicle_id = null;
+
+    #[Validate('nullable|exists:users,id')]
+    public ?int $mechanic_id = null;
+
+    #[Validate('required|in:low,normal,high,critical')]
+    public string $priority = 'normal';
+
+    #[Validate('nullable|string|max:5000')]
+    public ?string $notes = null;
+
+    #[Validate('nullable|integer|min:0|max:2000000')]
+    public ?int $odometer_km = null;
+
+    public function setWorkOrder(WorkOrder $workOrder): void
+    {
+        $this->workOrder = $workOrder;
+        $this->fill($workOrder->only(['title', 'vehicle_id', 'mechanic_id', 'priority', 'notes', 'odometer_km']));
+    }
+
+    public function store(int $depotId): WorkOrder
+    {
+        $this->validate();
+        return WorkOrder::create($this->except('workOrder') + ['depot_id' => $depotId, 'status' => 'open']);
+    }
+
+    public function update(): void
+    {
+        $this->validate();
+        $this->workOrder->update($this->except('workOrder'));
+    }
+}
"""),
        T("Edit", "app/Livewire/WorkOrderEditor.php", """
@@ -3,62 +3,25 @@
 namespace App\\Livewire;

+use App\\Livewire\\Forms\\WorkOrderForm;
 use App\\Models\\WorkOrder;
 use Livewire\\Component;

 class WorkOrderEditor extends Component
 {
-    public ?WorkOrder $workOrder = null;
-    public string $title = '';
-    public ?int $vehicle_id = null;
-    (... 12 more properties ...)
-
-    protected function rules(): array
-    {
-        return [
-            'title' => 'required|string|max:120',
-            (... 14 rules ...)
-        ];
-    }
+    public WorkOrderForm $form;
+
+    public function mount(?WorkOrder $workOrder = null): void
+    {
+        if ($workOrder?->exists) {
+            $this->form->setWorkOrder($workOrder);
+        }
+    }

     public function save()
     {
-        $data = $this->validate();
-        ...
+        $this->form->workOrder ? $this->form->update() : $this->form->store(auth()->user()->depot_id);
+        $this->dispatch('work-order-saved');
+        return $this->redirectRoute('board');
     }
"""),
        T("Edit", "tests/Feature/Livewire/WorkOrderEditorTest.php", """
@@ -0,0 +1,32 @@
+<?php
+
+use App\\Livewire\\WorkOrderEditor;
+use App\\Models\\User;
+use App\\Models\\Vehicle;
+use App\\Models\\WorkOrder;
+use Livewire\\Livewire;
+
+beforeEach(fn () => $this->actingAs(User::factory()->dispatcher()->create()));
+
+it('requires a title and a vehicle', function () {
+    Livewire::test(WorkOrderEditor::class)
+        ->set('form.title', '')
+        ->call('save')
+        ->assertHasErrors(['form.title' => 'required', 'form.vehicle_id' => 'required']);
+});
+
+it('creates a work order in the user depot', function () {
+    $vehicle = Vehicle::factory()->create();
+
+    Livewire::test(WorkOrderEditor::class)
+        ->set('form.title', 'Replace brake pads')
+        ->set('form.vehicle_id', $vehicle->id)
+        ->call('save')
+        ->assertRedirect(route('board'));
+
+    expect(WorkOrder::where('title', 'Replace brake pads')->first())
+        ->depot_id->toBe(auth()->user()->depot_id)
+        ->status->toBe('open');
+});
"""),
        U("""
nice. and yes, keep writing the tests like this in Pest style, not the PHPUnit classes - we're slowly moving
everything over to Pest anyway.
"""),
        T("Bash", "php artisan test", """

   PASS  Tests\\Unit\\OdometerFormatterTest
  ✓ it formats kilometres with thousands separator                      0.01s
  ✓ it returns a dash for null                                          0.01s

   PASS  Tests\\Feature\\Auth\\AuthenticationTest
  ✓ login screen can be rendered                                        0.12s
  ✓ users can authenticate using the login screen                       0.09s
  ✓ users can not authenticate with invalid password                    0.24s
  ✓ users can logout                                                    0.03s

   PASS  Tests\\Feature\\Livewire\\QuickAddTest
  ✓ it creates an open work order from the quick add bar                0.11s
  ✓ it validates the plate exists                                       0.05s

   PASS  Tests\\Feature\\Livewire\\WorkOrderBoardTest
  ✓ it renders the board for the user's depot                          0.08s
  ✓ it filters by title                                                 0.05s
  ✓ it filters by plate                                                 0.05s
  ✓ it does not show other depots' orders                               0.04s

   PASS  Tests\\Feature\\Livewire\\WorkOrderEditorTest
  ✓ it requires a title and a vehicle                                   0.07s
  ✓ it creates a work order in the user depot                           0.09s

   PASS  Tests\\Feature\\Notifications\\WorkOrderAssignedTest
  ✓ it notifies the mechanic when assigned                              0.06s

  Tests:    15 passed (38 assertions)
  Duration: 1.52s

"""),
        U("""
Great. Random question: the "you've been assigned a work order" emails to mechanics don't arrive locally, not even
in Mailtrap. Can you check the mail part of my .env?
"""),
        T("Bash", "grep -E '^(MAIL_|QUEUE_)' .env", """
MAIL_MAILER=smtp
MAIL_HOST=sandbox.smtp.mailtrap.io
MAIL_PORT=2525
MAIL_USERNAME=4f1c2a9b7d3e11
MAIL_PASSWORD=9e3b7c1a5f2d84
MAIL_FROM_ADDRESS="noreply@fleetdesk.harborline.eu"
QUEUE_CONNECTION=database
"""),
        T("Bash", "php artisan queue:monitor database:default && grep -n 'ShouldQueue' app/Notifications/WorkOrderAssigned.php", """
  Queue name ................................................... Size / Status
  [database] default ........................................... [7] OK

8:class WorkOrderAssigned extends Notification implements ShouldQueue
"""),
        A("""
Mail config is fine. The notification implements `ShouldQueue` and `QUEUE_CONNECTION=database`, so the emails
are sitting in the `jobs` table (7 waiting) - nothing processes them locally because no worker is running.
Run `php artisan queue:work` (or `composer run dev` if you add it there) and they'll go out to Mailtrap.
"""),
        U("""
ahh right, forgot the worker, of course. Okay, last thing: `closeOrder()` on the board should only be allowed for
the depot manager, right now any logged-in user can call it from devtools. Not today though, put it on the list.
"""),
        A("""
Noted. Summary:
- Search: `wire:model.live.debounce.300ms` (v3 defers `wire:model` by default).
- Board refreshes itself with `wire:poll.10s`; single root element fixed (modal moved inside).
- Work order fields/validation moved into the `WorkOrderForm` Form object; Pest tests added.
- Local emails: they're queued, run `php artisan queue:work`.
- Open: restrict `closeOrder()` to the depot manager (policy + `$this->authorize()`).

Should I also put the search term and depot filter in the query string with `#[Url]` so a filtered board can be
bookmarked?
"""),
    ]
    return {
        "id": "fleetdesk_livewire_a",
        "project": "fleetdesk",
        "cwd_files": ["composer.json", "app/Livewire/WorkOrderBoard.php", "app/Livewire/WorkOrderEditor.php",
                      "app/Livewire/Forms/WorkOrderForm.php", "resources/views/livewire/work-order-board.blade.php",
                      "tests/Feature/Livewire/WorkOrderEditorTest.php", ".env"],
        "turns": turns,
        "gold": [
            G("PROJECT", "fleetdesk: vehicle maintenance portal, Laravel 11 + Livewire 3, Pest",
              ["laravel", "livewire"], ["laravel 11", "livewire 3", "pest", "fleetdesk", "maintenance", "php 8"]),
            G("BUG_FIX", "search didn't filter while typing: Livewire 3 defers wire:model -> wire:model.live.debounce.300ms",
              ["wire:model"], ["live", "defer", "debounce"],
              files=["resources/views/livewire/work-order-board.blade.php"]),
            G("DECISION", "work-order board refreshes itself with wire:poll.10s (no websockets for the pilot)",
              ["poll"], ["10s", "10 s", "board", "wire:poll", "refresh"]),
            G("BUG_FIX", "MultipleRootElementsDetected: modal was outside the root div, single root element now",
              ["root"], ["multiple", "single", "one", "element", "modal"],
              files=["resources/views/livewire/work-order-board.blade.php"]),
            G("PATTERN", "work order fields + #[Validate] rules live in Livewire Form object WorkOrderForm",
              ["form"], ["workorderform", "form object", "validate", "livewire\\forms"],
              files=["app/Livewire/Forms/WorkOrderForm.php"]),
            G("PREFERENCE", "write tests in Pest style, not PHPUnit classes (migrating to Pest)",
              ["pest"], ["phpunit", "style", "class", "migrat"]),
            G("PATTERN", "notifications are queued (database queue): run php artisan queue:work locally",
              ["queue"], ["queue:work", "worker", "notification", "mail", "email"]),
            G("TODO", "restrict closeOrder() to the depot manager (policy/authorize)",
              ["close"], ["manager", "policy", "authoriz", "depot"]),
        ],
        "dead_ends": [
            D("Reverb broadcasting for live board (offered, polling chosen)", ["reverb"]),
            D("#[Url] query-string filters (asked, never answered)", ["#[url]"]),
        ],
        "secrets": ["9e3b7c1a5f2d84"],
    }


# ---------------------------------------------------------------------------
# 7. Laravel Livewire, session b (reverses polling -> Reverb)
# ---------------------------------------------------------------------------
def _pt_query_digest():
    head = """
# 2.1s user time, 60ms system time, 41.22M rss, 118.67M vsz
# Current date: Mon Jun 15 08:41:03 2026
# Hostname: db-fleetdesk-01
# Files: /var/log/mysql/mysql-slow.log
# Overall: 211.94k total, 14 unique, 58.87 QPS, 89.41x concurrency _______
# Time range: 2026-06-14T08:00:01 to 2026-06-15T08:00:00
# Attribute          total     min     max     avg     95%  stddev  median
# ============     ======= ======= ======= ======= ======= ======= =======
# Exec time         321868s   102ms     14s      2s      4s      1s      1s
# Lock time            85s       0    41ms   400us     1ms     1ms   194us
# Rows sent          6.21M       0     312   30.72   30.00    6.14   30.00
# Rows examine       1.54G       0  18.92k   7.63k  12.80k   2.91k   7.38k
# Query size        98.72M     112   1.22k  488.40  563.87   83.17  487.09

# Profile
# Rank Query ID                            Response time     Calls  R/Call V/M
# ==== =================================== ================= ====== ====== =====
#    1 0x8A3F1C9E2B7D40A6F5E1C3B2A9D87E10  231517.2043 71.9% 101442 2.2823  0.51 SELECT work_orders vehicles
#    2 0x1D6E9B4C7A2F03E8D5B1A6C9F4E27B3D   68312.0912 21.2% 101442 0.6734  0.22 SELECT work_orders
#    3 0x5C2A8F1E6D9B07C4A3E5F2D1B8C64A9E   14203.5510  4.4%   5133 2.7671  0.38 SELECT vehicles work_orders
#    4 0x9F4B2D7E1C6A08B5E3D9F1A2C7E45B6D    5121.8870  1.6%   2210 2.3176  0.19 SELECT users model_has_roles
# MISC 0xMISC                                 2713.1201  0.8%   1713 1.5839   0.0 <10 ITEMS>

# Query 1: 28.18 QPS, 64.31x concurrency, ID 0x8A3F1C9E2B7D40A6F5E1C3B2A9D87E10 at byte 48211093
# Scores: V/M = 0.51
# Time range: 2026-06-14T08:00:01 to 2026-06-15T07:59:58
# Attribute    pct   total     min     max     avg     95%  stddev  median
# ============ === ======= ======= ======= ======= ======= ======= =======
# Count         47  101442
# Exec time     71 231517s   104ms     14s      2s      4s      1s      2s
# Rows sent     49   3.04M      30      30      30      30       0      30
# Rows examine  61 950.12M   8.91k  12.80k   9.37k  12.80k   1.02k   9.16k
# String:
# Databases    fleetdesk
# Hosts        10.20.1.14 (50721/50%), 10.20.1.15 (50721/50%)
# Users        fleetdesk
# Query_time distribution
#   1us
#  10us
# 100us
#   1ms
#  10ms
# 100ms  ##########
#    1s  ################################################################
#  10s+  #
# Tables
#    SHOW TABLE STATUS FROM `fleetdesk` LIKE 'work_orders'\\G
#    SHOW CREATE TABLE `fleetdesk`.`work_orders`\\G
# EXPLAIN /*!50100 PARTITIONS*/
select * from `work_orders` where `depot_id` = 4 and (`title` like '%%' or exists (select * from `vehicles` where `work_orders`.`vehicle_id` = `vehicles`.`id` and `plate` like '%%')) order by FIELD(status, 'blocked', 'in_progress', 'open', 'done') limit 30 offset 0\\G

# Query 2: 28.18 QPS, 18.98x concurrency, ID 0x1D6E9B4C7A2F03E8D5B1A6C9F4E27B3D at byte 48209811
# Attribute    pct   total     min     max     avg     95%  stddev  median
# ============ === ======= ======= ======= ======= ======= ======= =======
# Count         47  101442
# Exec time     21  68312s   102ms      6s   673ms      1s   311ms   612ms
# Rows examine  36 561.30M   4.12k   6.02k   5.53k   6.02k   402.1   5.49k
select count(*) as aggregate from `work_orders` where `depot_id` = 4 and (`title` like '%%' or exists (select * from `vehicles` where `work_orders`.`vehicle_id` = `vehicles`.`id` and `plate` like '%%'))\\G
"""
    return head


@session
def fleetdesk_livewire_b():
    turns = [
        U("""
Morning. We rolled the board out to all 6 depots last week, so now it's 40+ dispatchers with the board open all
day. The wire:poll every 10s is killing MySQL - CPU at 90% since Tuesday and the slow log is full of the board
query. Here's the digest from yesterday. We need to get rid of the polling.
"""),
        T("Bash", "ssh db-fleetdesk-01 'pt-query-digest --limit 4 /var/log/mysql/mysql-slow.log'", _pt_query_digest()),
        A("""
The numbers line up: 101,442 executions of the board query in 24 h is ~28/s - 40-ish open boards x one poll
every 10 s, each running the `FIELD(status, ...)` ordering plus the `count(*)` for the paginator, examining ~9k
rows per call. Almost all of those renders return exactly the same 30 rows as 10 s earlier.

Options:
1. Band-aid: `wire:poll.30s.visible` - poll less often and only while the tab is visible. Maybe 3-5x less load,
   still wasteful, and updates get slower.
2. Cache the board query per depot for ~10 s and bust it on save. Cuts DB load, but every board still does a
   full Livewire round-trip every 10 s.
3. Push instead of pull: Laravel Reverb (first-party websocket server) + Echo. Saving a work order broadcasts
   `WorkOrderUpdated` on a private `depot.{id}` channel; the board listens with
   `#[On('echo-private:depot.{depotId},WorkOrderUpdated')]` and re-renders only when something changed.
   Needs `reverb:start` and a queue worker running.

I'd go with 3.
"""),
        U("""
Reverb. We tried Pusher on the driver app last year and blew through the free tier's 200k messages/day within a
week, so self-hosted it is. Go.
"""),
        T("Bash", "php artisan install:broadcasting", """

   INFO  Published 'broadcasting' configuration file.

   INFO  Published 'channels' route file.

 ┌ Would you like to install Laravel Reverb? ───────────────────┐
 │ Yes                                                          │
 └──────────────────────────────────────────────────────────────┘

./composer.json has been updated
Running composer update laravel/reverb
Loading composer repositories with package information
Updating dependencies
Lock file operations: 9 installs, 0 updates, 0 removals
  - Locking clue/redis-protocol (v0.3.2)
  - Locking clue/redis-react (v2.7.0)
  - Locking evenement/evenement (v3.0.2)
  - Locking laravel/reverb (v1.0.0)
  - Locking pusher/pusher-php-server (7.2.4)
  - Locking ratchet/rfc6455 (v0.3.1)
  - Locking react/dns (v1.13.0)
  - Locking react/event-loop (v1.5.0)
  - Locking react/socket (v1.15.0)
Writing lock file
Installing dependencies from lock file (including require-dev)
Package operations: 9 installs, 0 updates, 0 removals
  - Installing laravel/reverb (v1.0.0): Extracting archive
  (...)
Generating optimized autoload files
> Illuminate\\Foundation\\ComposerScripts::postAutoloadDump
> @php artisan package:discover --ansi

   INFO  Discovering packages.

   INFO  Reverb installed successfully.

 ┌ Would you like to install and build the Node dependencies required for broadcasting? ┐
 │ Yes                                                                                  │
 └──────────────────────────────────────────────────────────────────────────────────────┘

   INFO  Installing and building Node dependencies.

added 7 packages, and audited 162 packages in 4s

vite v5.2.12 building for production...
✓ 61 modules transformed.
public/build/manifest.json             0.27 kB │ gzip:  0.15 kB
public/build/assets/app-B7xH1kQe.css  38.91 kB │ gzip:  7.02 kB
public/build/assets/app-Cw9u3LzA.js  118.47 kB │ gzip: 37.10 kB
✓ built in 1.88s

   INFO  Node dependencies installed successfully.

"""),
        T("Bash", "grep -E '^(REVERB_|BROADCAST_)' .env", """
BROADCAST_CONNECTION=reverb
REVERB_APP_ID=583021
REVERB_APP_KEY=qk3vx9d1mzf7hw2ntc8r
REVERB_APP_SECRET=s7fj2kq9xw4m1c8v0pz3
REVERB_HOST="localhost"
REVERB_PORT=8080
REVERB_SCHEME=http
"""),
        T("Edit", "app/Events/WorkOrderUpdated.php", """
@@ -0,0 +1,36 @@
+<?php
+
+namespace App\\Events;
+
+use App\\Models\\WorkOrder;
+use Illuminate\\Broadcasting\\InteractsWithSockets;
+use Illuminate\\Broadcasting\\PrivateChannel;
+use Illuminate\\Contracts\\Broadcasting\\ShouldBroadcast;
+use Illuminate\\Foundation\\Events\\Dispatchable;
+use Illuminate\\Queue\\SerializesModels;
+
+class WorkOrderUpdated implements ShouldBroadcast
+{
+    use Dispatchable, InteractsWithSockets, SerializesModels;
+
+    public string $queue = 'broadcasts';
+
+    public function __construct(public WorkOrder $workOrder) {}
+
+    public function broadcastOn(): array
+    {
+        return [new PrivateChannel('depot.'.$this->workOrder->depot_id)];
+    }
+
+    /** Keep the payload tiny: the board re-queries anyway. */
+    public function broadcastWith(): array
+    {
+        return ['id' => $this->workOrder->id, 'status' => $this->workOrder->status];
+    }
+}
"""),
        T("Edit", "app/Models/WorkOrder.php", """
@@ -14,6 +14,11 @@ class WorkOrder extends Model
     protected $casts = [
         'closed_at' => 'datetime',
     ];
+
+    protected $dispatchesEvents = [
+        'saved' => WorkOrderUpdated::class,
+        'deleted' => WorkOrderUpdated::class,
+    ];
"""),
        T("Edit", "routes/channels.php", """
@@ -1,7 +1,11 @@
 <?php

+use App\\Models\\User;
 use Illuminate\\Support\\Facades\\Broadcast;

 Broadcast::channel('App.Models.User.{id}', function ($user, $id) {
     return (int) $user->id === (int) $id;
 });
+
+Broadcast::channel('depot.{depotId}', function (User $user, $depotId) {
+    return $user->depot_id === $depotId;
+});
"""),
        T("Edit", "app/Livewire/WorkOrderBoard.php", """
@@ -4,6 +4,7 @@ namespace App\\Livewire;

 use App\\Models\\WorkOrder;
+use Livewire\\Attributes\\On;
 use Livewire\\Component;
 use Livewire\\WithPagination;
@@ -19,6 +20,12 @@ class WorkOrderBoard extends Component
         $this->depotId = auth()->user()->depot_id;
     }

+    #[On('echo-private:depot.{depotId},WorkOrderUpdated')]
+    public function workOrderUpdated(): void
+    {
+        // nothing to do: receiving the event triggers a re-render with fresh data
+    }
+
     public function render()
"""),
        T("Edit", "resources/views/livewire/work-order-board.blade.php", """
@@ -1,4 +1,4 @@
-<div wire:poll.10s class="space-y-4">
+<div class="space-y-4">
     <input type="search" wire:model.live.debounce.300ms="search" placeholder="Search title or plate…"
"""),
        T("Bash", "php artisan reverb:start --debug", """

   INFO  Starting server on 0.0.0.0:8080 (localhost).

  Connection Established ........................................ 412830917.339401552
  Message Received .............................................. 412830917.339401552

    {
        "event": "pusher:subscribe",
        "data": {
            "auth": "",
            "channel": "private-depot.3"
        }
    }

  Message Handled ............................................... 412830917.339401552
  Connection Pruned ............................................. 412830917.339401552
"""),
        U("""
board loads but nothing updates when I change an order in the other tab. Browser console says:
POST http://fleetdesk.test/broadcasting/auth 403 (Forbidden)
"""),
        T("Bash", "php artisan tinker --execute=\"dump(App\\Models\\User::find(12)->depot_id); dump(gettype(App\\Models\\User::find(12)->depot_id));\"", """
3 // vendor/psy/psysh/src/ExecutionClosure.php(40) : eval()'d code:1
"integer" // vendor/psy/psysh/src/ExecutionClosure.php(40) : eval()'d code:1
"""),
        A("""
Found it, it's my channel callback. Channel names are strings (`private-depot.3`), so the `{depotId}` wildcard
reaches the callback as the string `"3"`, while `$user->depot_id` is an integer. `3 === "3"` is false, the
callback returns false and `/broadcasting/auth` answers 403. (The default `App.Models.User.{id}` channel casts
both sides for exactly this reason.) Casting the parameter fixes it.
"""),
        T("Edit", "routes/channels.php", """
@@ -8,4 +8,4 @@ Broadcast::channel('App.Models.User.{id}', function ($user, $id) {

 Broadcast::channel('depot.{depotId}', function (User $user, $depotId) {
-    return $user->depot_id === $depotId;
+    return $user->depot_id === (int) $depotId;
 });
"""),
        T("Bash", "php artisan queue:work --queue=broadcasts,default --once -v", """
   INFO  Processing jobs from the [broadcasts,default] queues.

  2026-06-15 09:12:44 Illuminate\\Broadcasting\\BroadcastEvent ........... RUNNING
  2026-06-15 09:12:44 Illuminate\\Broadcasting\\BroadcastEvent ...... 18.41ms DONE
"""),
        U("""
works!! mechanic closes an order on the tablet and the board updates within a second. And I just checked
Grafana: MySQL CPU is back to ~15% on staging with the load test running.
"""),
        T("Edit", "tests/Feature/Livewire/WorkOrderBoardTest.php", """
@@ -48,3 +48,22 @@ it('does not show other depots\\' orders', function () {
+
+it('broadcasts WorkOrderUpdated on the depot channel when an order changes', function () {
+    Event::fake([WorkOrderUpdated::class]);
+    $order = WorkOrder::factory()->for(Depot::factory()->create(['id' => 3]))->create();
+
+    $order->update(['status' => 'done']);
+
+    Event::assertDispatched(WorkOrderUpdated::class,
+        fn ($e) => $e->broadcastOn()[0]->name === 'private-depot.3');
+});
+
+it('authorises the depot channel only for users of that depot', function () {
+    $user = User::factory()->create(['depot_id' => 3]);
+
+    $this->actingAs($user)->post('/broadcasting/auth', ['channel_name' => 'private-depot.3', 'socket_id' => '1.1'])
+        ->assertOk();
+    $this->actingAs($user)->post('/broadcasting/auth', ['channel_name' => 'private-depot.4', 'socket_id' => '1.1'])
+        ->assertForbidden();
+});
"""),
        T("Bash", "php artisan test", """

   PASS  Tests\\Unit\\OdometerFormatterTest
  ✓ it formats kilometres with thousands separator                      0.01s
  ✓ it returns a dash for null                                          0.01s

   PASS  Tests\\Feature\\Auth\\AuthenticationTest
  ✓ login screen can be rendered                                        0.12s
  ✓ users can authenticate using the login screen                       0.10s
  ✓ users can not authenticate with invalid password                    0.23s
  ✓ users can logout                                                    0.03s

   PASS  Tests\\Feature\\Livewire\\QuickAddTest
  ✓ it creates an open work order from the quick add bar                0.12s
  ✓ it validates the plate exists                                       0.05s

   PASS  Tests\\Feature\\Livewire\\WorkOrderBoardTest
  ✓ it renders the board for the user's depot                          0.08s
  ✓ it filters by title                                                 0.05s
  ✓ it filters by plate                                                 0.05s
  ✓ it does not show other depots' orders                               0.04s
  ✓ it broadcasts WorkOrderUpdated on the depot channel when an order…  0.06s
  ✓ it authorises the depot channel only for users of that depot        0.09s

   PASS  Tests\\Feature\\Livewire\\WorkOrderEditorTest
  ✓ it requires a title and a vehicle                                   0.07s
  ✓ it creates a work order in the user depot                           0.09s

   PASS  Tests\\Feature\\Notifications\\WorkOrderAssignedTest
  ✓ it notifies the mechanic when assigned                              0.06s

  Tests:    17 passed (43 assertions)
  Duration: 1.71s

"""),
        U("""
One thing: the broadcasts must not sit behind the mail notifications. Monday mornings there's a backlog of a few
hundred assignment emails.
"""),
        A("""
That's why the event already sets `$queue = 'broadcasts'`. The worker just has to drain that queue first:
`php artisan queue:work --queue=broadcasts,default` - a worker always empties the leftmost queue before touching
the next, so a mail backlog on `default` can't delay board updates. In production I'd even give broadcasts their
own worker process.
"""),
        U("""
ok good. Prod is Thursday: we need supervisor entries for reverb:start and the queue worker on the app server,
and the nginx proxy for the websocket path. Kemal does the server stuff, just leave a note in the deploy doc, not
doing it today.
"""),
        T("Edit", "docs/deploy.md", """
@@ -61,3 +61,19 @@ Deploys run `php artisan migrate --force` and `php artisan optimize`.
+
+## Reverb (live board) - TODO before the Thursday release
+
+- [ ] supervisor program `fleetdesk-reverb`: `php artisan reverb:start --host=0.0.0.0 --port=8080`
+- [ ] supervisor program `fleetdesk-broadcasts`: `php artisan queue:work --queue=broadcasts,default --tries=3`
+- [ ] nginx: proxy `/app` and `/apps` to 127.0.0.1:8080 with `Upgrade`/`Connection` headers (websocket)
+- [ ] prod `.env`: `REVERB_HOST=fleetdesk.harborline.eu`, `REVERB_PORT=443`, `REVERB_SCHEME=https`, new app
+      id/key/secret (do not reuse the local ones)
+- [ ] remove the old poll-based board from the release notes
"""),
        A("""
Noted in `docs/deploy.md` for Kemal. Summary: polling removed; the board now updates through Reverb
(`WorkOrderUpdated` on `private-depot.{id}`, fired from the model's `$dispatchesEvents`), the 403 on
`/broadcasting/auth` was the int/string comparison in `routes/channels.php`, broadcasts run on their own
`broadcasts` queue ahead of `default`. Still open: supervisor + nginx for production.
"""),
    ]
    return {
        "id": "fleetdesk_livewire_b",
        "project": "fleetdesk",
        "cwd_files": ["app/Events/WorkOrderUpdated.php", "app/Models/WorkOrder.php", "routes/channels.php",
                      "app/Livewire/WorkOrderBoard.php", "resources/views/livewire/work-order-board.blade.php",
                      "docs/deploy.md", ".env"],
        "turns": turns,
        "gold": [
            G("FAILED", "wire:poll.10s with 40+ dispatchers overloaded MySQL (90% CPU, ~28 board queries/s), removed",
              ["poll"], ["mysql", "cpu", "load", "40", "slow", "database"], failure=True),
            G("DECISION", "live board via Laravel Reverb broadcasting (WorkOrderUpdated on private depot channel)",
              ["reverb"], ["broadcast", "websocket", "echo", "board", "private", "workorderupdated"]),
            G("FAILED", "Pusher on the driver app: blew through free tier 200k messages/day in a week",
              ["pusher"], ["200k", "free tier", "limit", "messages", "quota"], failure=True),
            G("PATTERN", "WorkOrder $dispatchesEvents fires WorkOrderUpdated; board listens with #[On('echo-private:depot.{depotId},...')]",
              ["workorderupdated"], ["dispatchesevents", "echo-private", "#[on", "listen", "saved"],
              files=["app/Models/WorkOrder.php", "app/Livewire/WorkOrderBoard.php"]),
            G("BUG_FIX", "/broadcasting/auth 403: channel param is a string, strict === with int depot_id -> (int) cast",
              ["auth"], ["403", "(int)", "string", "cast", "===", "strict"], files=["routes/channels.php"]),
            G("DECISION", "broadcast events on their own 'broadcasts' queue, worker --queue=broadcasts,default",
              ["queue", "broadcast"], ["dedicated", "separate", "own", "backlog", "--queue", "broadcasts,default"]),
            G("TODO", "prod: supervisor for reverb:start + broadcasts worker, nginx websocket proxy (Kemal, Thursday)",
              ["supervisor"], ["reverb", "nginx", "proxy", "prod", "worker"], files=["docs/deploy.md"]),
        ],
        "dead_ends": [
            D("wire:poll.30s.visible band-aid (offered, not picked)", ["visible"]),
            D("cache the board query per depot (offered, not picked)", ["cache", "board"]),
        ],
        "secrets": ["s7fj2kq9xw4m1c8v0pz3"],
        "supersedes": [
            {"old_session": "fleetdesk_livewire_a", "old_all_of": ["poll"], "new_all_of": ["reverb"]},
        ],
    }



# ---------------------------------------------------------------------------
# 8. Makefile-only C library, near-empty session
# ---------------------------------------------------------------------------
@session
def libcrcx_make():
    turns = [
        U("hi, quick one. I'm new to this repo. how do I build it and run the tests?"),
        T("Bash", "ls", """
LICENSE  Makefile  README.md  include  src  tests
"""),
        T("Read", "Makefile", """
# libcrcx - small CRC-8/16/32/64 library. Plain make, no configure step.
CC      ?= cc
AR      ?= ar
PREFIX  ?= /usr/local
CFLAGS  ?= -O2
CFLAGS  += -std=c99 -Wall -Wextra -pedantic -fPIC -fvisibility=hidden -Iinclude

SRC  := src/crc8.c src/crc16.c src/crc32.c src/crc64.c src/table.c
OBJ  := $(SRC:.c=.o)
TESTS := tests/run_tests

.PHONY: all check install clean

all: libcrcx.a libcrcx.so

libcrcx.a: $(OBJ)
	$(AR) rcs $@ $^

libcrcx.so: $(OBJ)
	$(CC) -shared -o $@ $^ $(LDFLAGS)

$(TESTS): tests/run_tests.c libcrcx.a
	$(CC) $(CFLAGS) -o $@ $< libcrcx.a

check: $(TESTS)
	./$(TESTS)

install: all
	install -d $(DESTDIR)$(PREFIX)/include $(DESTDIR)$(PREFIX)/lib
	install -m 644 include/crcx.h $(DESTDIR)$(PREFIX)/include/
	install -m 644 libcrcx.a libcrcx.so $(DESTDIR)$(PREFIX)/lib/

clean:
	rm -f $(OBJ) libcrcx.a libcrcx.so $(TESTS)
"""),
        A("""
It's a plain Makefile, no configure/CMake step:
- `make` builds both `libcrcx.a` and `libcrcx.so`
- `make check` builds `tests/run_tests` against the static lib and runs it
- `make install PREFIX=$HOME/.local` (default `/usr/local`, `DESTDIR` supported for packaging)
- `CC`/`CFLAGS` can be overridden on the command line.
Let me run it.
"""),
        T("Bash", "make -j4", """
cc -O2 -std=c99 -Wall -Wextra -pedantic -fPIC -fvisibility=hidden -Iinclude   -c -o src/crc8.o src/crc8.c
cc -O2 -std=c99 -Wall -Wextra -pedantic -fPIC -fvisibility=hidden -Iinclude   -c -o src/crc16.o src/crc16.c
cc -O2 -std=c99 -Wall -Wextra -pedantic -fPIC -fvisibility=hidden -Iinclude   -c -o src/crc32.o src/crc32.c
cc -O2 -std=c99 -Wall -Wextra -pedantic -fPIC -fvisibility=hidden -Iinclude   -c -o src/crc64.o src/crc64.c
cc -O2 -std=c99 -Wall -Wextra -pedantic -fPIC -fvisibility=hidden -Iinclude   -c -o src/table.o src/table.c
ar rcs libcrcx.a src/crc8.o src/crc16.o src/crc32.o src/crc64.o src/table.o
cc -shared -o libcrcx.so src/crc8.o src/crc16.o src/crc32.o src/crc64.o src/table.o
"""),
        T("Bash", "make check", """
cc -O2 -std=c99 -Wall -Wextra -pedantic -fPIC -fvisibility=hidden -Iinclude -o tests/run_tests tests/run_tests.c libcrcx.a
./tests/run_tests
crc8/smbus     "123456789" = 0xf4                ok
crc8/maxim     "123456789" = 0xa1                ok
crc16/ccitt    "123456789" = 0x29b1              ok
crc16/arc      "123456789" = 0xbb3d              ok
crc16/modbus   "123456789" = 0x4b37              ok
crc32/iso-hdlc "123456789" = 0xcbf43926          ok
crc32/castagnoli "123456789" = 0xe3069283        ok
crc32 incremental == one-shot (1 MiB random)     ok
crc64/ecma     "123456789" = 0x6c40df5f0b497347  ok
crc64/xz       "123456789" = 0x995dc9bbdf1939fa  ok
empty input returns init ^ xorout                ok
NULL with len 0 is accepted                      ok
12/12 passed
"""),
        U("cool. does it also work with clang? our CI image only has clang"),
        T("Bash", "make clean && make CC=clang check", """
rm -f src/crc8.o src/crc16.o src/crc32.o src/crc64.o src/table.o libcrcx.a libcrcx.so tests/run_tests
clang -O2 -std=c99 -Wall -Wextra -pedantic -fPIC -fvisibility=hidden -Iinclude   -c -o src/crc8.o src/crc8.c
clang -O2 -std=c99 -Wall -Wextra -pedantic -fPIC -fvisibility=hidden -Iinclude   -c -o src/crc16.o src/crc16.c
clang -O2 -std=c99 -Wall -Wextra -pedantic -fPIC -fvisibility=hidden -Iinclude   -c -o src/crc32.o src/crc32.c
clang -O2 -std=c99 -Wall -Wextra -pedantic -fPIC -fvisibility=hidden -Iinclude   -c -o src/crc64.o src/crc64.c
clang -O2 -std=c99 -Wall -Wextra -pedantic -fPIC -fvisibility=hidden -Iinclude   -c -o src/table.o src/table.c
ar rcs libcrcx.a src/crc8.o src/crc16.o src/crc32.o src/crc64.o src/table.o
clang -O2 -std=c99 -Wall -Wextra -pedantic -fPIC -fvisibility=hidden -Iinclude -o tests/run_tests tests/run_tests.c libcrcx.a
./tests/run_tests
crc8/smbus     "123456789" = 0xf4                ok
crc8/maxim     "123456789" = 0xa1                ok
crc16/ccitt    "123456789" = 0x29b1              ok
crc16/arc      "123456789" = 0xbb3d              ok
crc16/modbus   "123456789" = 0x4b37              ok
crc32/iso-hdlc "123456789" = 0xcbf43926          ok
crc32/castagnoli "123456789" = 0xe3069283        ok
crc32 incremental == one-shot (1 MiB random)     ok
crc64/ecma     "123456789" = 0x6c40df5f0b497347  ok
crc64/xz       "123456789" = 0x995dc9bbdf1939fa  ok
empty input returns init ^ xorout                ok
NULL with len 0 is accepted                      ok
12/12 passed
"""),
        A("Yes, clean build with clang too, no warnings, 12/12."),
        U("what's the -fvisibility=hidden thing for?"),
        T("Bash", "make -s libcrcx.so && nm -D --defined-only libcrcx.so", """
0000000000001a40 T crcx_crc16
0000000000001b10 T crcx_crc16_update
0000000000001c30 T crcx_crc32
0000000000001d00 T crcx_crc32_update
0000000000001e90 T crcx_crc64
0000000000001f60 T crcx_crc64_update
0000000000001950 T crcx_crc8
0000000000002080 T crcx_version
"""),
        A("""
It makes every symbol private to the shared library by default; only functions marked `CRCX_API` in
`include/crcx.h` (`__attribute__((visibility("default")))`) are exported. That's why `nm -D` shows just the
public `crcx_*` functions and not the internal table helpers from `table.c` - keeps the ABI surface small.
"""),
        U("ah ok makes sense. is there a pkg-config file too?"),
        A("No, `make install` only installs the header and the two libraries. I can add a `crcx.pc` target if you want one."),
        U("nah not needed, we vendor it anyway. thanks!"),
        A("You're welcome!"),
    ]
    return {
        "id": "libcrcx_make",
        "project": "libcrcx",
        "cwd_files": ["Makefile", "include/crcx.h", "src/crc32.c", "tests/run_tests.c"],
        "turns": turns,
        "gold": [
            G("PROJECT", "libcrcx: C99 CRC library, plain Makefile (make / make check / make install PREFIX=)",
              ["make"], ["c99", "crc", "check", "libcrcx"]),
        ],
        "dead_ends": [
            D("pkg-config file (offered, declined)", ["pkg-config"]),
        ],
        "secrets": [],
    }


if __name__ == "__main__":
    ids = sys.argv[1:] or list(SESSIONS)
    for sid in ids:
        write(sid)
