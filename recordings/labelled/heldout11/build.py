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


if __name__ == "__main__":
    ids = sys.argv[1:] or list(SESSIONS)
    for sid in ids:
        write(sid)
