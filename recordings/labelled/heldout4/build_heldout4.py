"""Build the heldout4 labelled sessions (written blind to the extractor's rules).

Deterministic: long tool output is generated from a seeded RNG, so re-running gives
byte-identical JSON. Validation at the end refuses to write a session whose labels name a
keyword that does not occur in the session text or a secret that is not verbatim in a turn.

    python3 recordings/labelled/heldout4/build_heldout4.py
"""
from __future__ import annotations

import json
import random
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent
SESSIONS: list[dict] = []


def U(text: str) -> dict:
    return {"role": "user", "text": text}


def A(text: str) -> dict:
    return {"role": "assistant", "text": text}


def T(name: str, inp: str, out: str) -> dict:
    return {"role": "tool", "name": name, "input": inp, "output": out}


def fact(kind: str, summary: str, all_of: list[str], any_of: list[str],
         files: list[str] | None = None, failure: bool = False) -> dict:
    f = {"kind": kind, "summary": summary, "all_of": all_of, "any_of": any_of,
         "files": files or []}
    if failure:
        f["failure"] = True
    return f


def session(**kw) -> None:
    kw.setdefault("dead_ends", [])
    kw.setdefault("secrets", [])
    SESSIONS.append(kw)


# --------------------------------------------------------------------------------------
# 1. Nuxt 3 storefront — chatty user; hydration bug; cart persistence decision; two dead
#    ends (ClientOnly tried yesterday, persistedstate/localStorage tried by a colleague).
# --------------------------------------------------------------------------------------

def vitest_run(rng: random.Random, failing: str | None, total: int) -> str:
    files = ["components/ProductCard.spec.ts", "stores/cart.spec.ts", "composables/useCart.spec.ts",
             "utils/money.spec.ts", "utils/formatShopDate.spec.ts", "pages/checkout.spec.ts"]
    lines = [" RUN  v1.4.0 /home/eva/code/bloom-storefront", ""]
    passed = total - (1 if failing else 0)
    for f in files:
        n = rng.randint(2, 6)
        ms = rng.randint(8, 140)
        mark = "❯" if failing and f.startswith(failing) else "✓"
        lines.append(f" {mark} {f}  ({n} tests{' | 1 failed' if mark == '❯' else ''}) {ms}ms")
    lines.append("")
    return "\n".join(lines), passed


session(
    id="nuxt_storefront",
    project="bloom-storefront",
    cwd_files=["components/ProductCard.vue", "stores/cart.ts", "utils/formatShopDate.ts",
               "nuxt.config.ts"],
    turns=[],
)


def build_nuxt() -> None:
    rng = random.Random(41)
    s = SESSIONS[-1]
    head, _ = vitest_run(rng, "components/ProductCard", 23)
    fail_out = head + """ FAIL  components/ProductCard.spec.ts > ProductCard > shows sale end in shop time even when the browser is elsewhere
AssertionError: expected 'Sale ends 3/14/2024, 11:00:00 PM' to contain 'Sale ends 15-03-2024 00:00'

 ❯ components/ProductCard.spec.ts:38:32
     36|     process.env.TZ = 'America/New_York'
     37|     const wrapper = await mountSuspended(ProductCard, { props: { product } })
     38|     expect(wrapper.text()).toContain('Sale ends 15-03-2024 00:00')
       |                                ^
     39|   })

 Test Files  1 failed | 5 passed (6)
      Tests  1 failed | 22 passed (23)
   Start at  10:42:17
   Duration  3.91s (transform 612ms, setup 1.20s, collect 1.77s, tests 402ms)
"""
    head2, _ = vitest_run(rng, None, 23)
    pass_out = head2 + """ Test Files  6 passed (6)
      Tests  23 passed (23)
   Start at  10:44:02
   Duration  3.64s (transform 590ms, setup 1.12s, collect 1.70s, tests 371ms)
"""
    head3, _ = vitest_run(rng, None, 26)
    pass_out2 = head3 + """ Test Files  6 passed (6)
      Tests  26 passed (26)
   Start at  11:07:45
   Duration  3.80s (transform 601ms, setup 1.15s, collect 1.74s, tests 455ms)
"""
    s["turns"] = [
        U("hiya! hope your day's going well ☕ so I'm back on the bloom storefront (nuxt 3.11 + pinia, "
          "we deploy on vercel). Two annoying things: there's a hydration mismatch warning on every "
          "product page, and the cart empties whenever you refresh the page. could you take a look? "
          "no rush, I'm on my second coffee anyway"),
        A("Happy to — sounds like a good morning. Let me start with the hydration warning; I'll run "
          "the dev server and load a product page so we can see the exact mismatch."),
        T("Bash", "npx nuxi dev --port 3001 & sleep 8; curl -s localhost:3001/p/peony-bundle > /dev/null; sleep 2; kill %1",
          """Nuxi 3.11.1
Nuxt 3.11.2 with Nitro 2.9.6

  ➜ Local:    http://localhost:3001/
  ➜ Network:  use --host to expose

ℹ Vite client warmed up in 1873ms
ℹ Vite server warmed up in 1544ms
✔ Nitro built in 702 ms
[Vue warn]: Hydration text content mismatch on <span class="price-date">
  - rendered on server: Sale ends 3/14/2024, 11:00:00 PM
  - expected on client: Sale ends 3/15/2024, 12:00:00 AM
  at <ProductCard product= {id: 'peony-bundle', name: 'Peony bundle', price: 3495, saleEndsAt: '2024-03-14T23:00:00Z'} >
  at <Anonymous>
  at <ProductPage onVnodeUnmounted=fn<onVnodeUnmounted> ref=Ref< undefined > >
[Vue warn]: Hydration completed but contains mismatches."""),
        A("That's the classic one: the server renders the date with `toLocaleString()` in *its* time "
          "zone (UTC on Vercel, and UTC in the dev container), the browser re-renders in the visitor's "
          "zone, and the strings differ. Let me confirm in the component."),
        T("Read", "components/ProductCard.vue", """<script setup lang="ts">
import type { Product } from '~/types/product'
const props = defineProps<{ product: Product }>()
const cart = useCartStore()
const saleEnds = computed(() =>
  props.product.saleEndsAt ? new Date(props.product.saleEndsAt).toLocaleString() : null)
</script>

<template>
  <article class="product-card">
    <NuxtImg :src="product.image" width="320" height="320" />
    <h3>{{ product.name }}</h3>
    <p class="price">{{ formatEuro(product.price) }}</p>
    <span v-if="saleEnds" class="price-date">Sale ends {{ saleEnds }}</span>
    <button @click="cart.add(product.id)">Add to basket</button>
  </article>
</template>"""),
        A("Confirmed. Two ways out:\n\n1. Wrap the date in `<ClientOnly>` so the server doesn't render it at all.\n"
          "2. Format the date in one fixed time zone — the shop's — with `Intl.DateTimeFormat` and an explicit "
          "`timeZone`, so server and client produce the identical string.\n\nI'd lean to 2: the text is in the "
          "SSR HTML (good for SEO and no layout shift), and for a shop whose sale deadlines are set in shop time "
          "it's arguably more correct anyway."),
        U("oh nice, yes the shop tz thing!! all our customers are in the netherlands anyway so "
          "Europe/Amsterdam is right. I actually tried the ClientOnly wrapper yesterday afternoon and "
          "ditched it — the price block jumps down by a line when the date pops in, looked awful on "
          "mobile and lighthouse CLS went to 0.21. so definitely not that"),
        A("Good to know, I'll skip `<ClientOnly>`. I'll add a failing test first that renders with the "
          "process in New York time, then add a small `formatShopDate` util."),
        T("Edit", "components/ProductCard.spec.ts", """@@ -30,0 +31,10 @@
+  it('shows sale end in shop time even when the browser is elsewhere', async () => {
+    const product = { id: 'peony-bundle', name: 'Peony bundle', price: 3495,
+                      image: '/img/peony.jpg', saleEndsAt: '2024-03-14T23:00:00Z' }
+    process.env.TZ = 'America/New_York'
+    const wrapper = await mountSuspended(ProductCard, { props: { product } })
+    expect(wrapper.text()).toContain('Sale ends 15-03-2024 00:00')
+  })"""),
        T("Bash", "npx vitest run", fail_out),
        T("Write", "utils/formatShopDate.ts", """// Sale deadlines are set in shop time; formatting in one fixed zone keeps the SSR
// string and the hydrated string identical (no hydration mismatch).
const SHOP_TZ = 'Europe/Amsterdam'

const fmt = new Intl.DateTimeFormat('nl-NL', {
  timeZone: SHOP_TZ, day: '2-digit', month: '2-digit', year: 'numeric',
  hour: '2-digit', minute: '2-digit', hour12: false,
})

export function formatShopDate(iso: string): string {
  return fmt.format(new Date(iso)).replace(',', '')
}"""),
        T("Edit", "components/ProductCard.vue", """@@ -4,3 +4,3 @@
 const cart = useCartStore()
 const saleEnds = computed(() =>
-  props.product.saleEndsAt ? new Date(props.product.saleEndsAt).toLocaleString() : null)
+  props.product.saleEndsAt ? formatShopDate(props.product.saleEndsAt) : null)"""),
        T("Bash", "npx vitest run", pass_out),
        A("Green. The hydration mismatch is gone too — I reloaded the product page and the console is "
          "clean. Now the cart. Let me look at the store."),
        T("Read", "stores/cart.ts", """export const useCartStore = defineStore('cart', () => {
  const lines = ref<CartLine[]>([])
  const count = computed(() => lines.value.reduce((n, l) => n + l.qty, 0))
  function add(productId: string) {
    const line = lines.value.find(l => l.productId === productId)
    line ? line.qty++ : lines.value.push({ productId, qty: 1 })
  }
  return { lines, count, add }
})"""),
        A("There's no persistence at all — the cart lives only in Pinia state, so a refresh starts from "
          "an empty array. The usual quick fix is `pinia-plugin-persistedstate` with localStorage, but on "
          "an SSR app that has a catch — want me to go through options?"),
        U("ahh right, about that — my colleague Joost tried exactly pinia-plugin-persistedstate with "
          "localStorage back in the spring and it fell over: the server renders the empty cart, then the "
          "basket badge flickers 0 → 3 on the client, and worse, the checkout route middleware runs on "
          "the server so it thought the cart was empty and redirected people to /shop. we reverted it. "
          "so please no localStorage"),
        A("That matches what I'd expect — localStorage simply doesn't exist on the server. The option that "
          "works on both sides is a cookie via Nuxt's `useCookie`: the server reads it from the request, so "
          "SSR renders the real cart, the middleware sees it, and the client gets the same value. The limit "
          "is ~4 KB per cookie, so we'd store only product ids and quantities and look up names/prices "
          "from the catalogue."),
        U("cookie sounds good, go for it. keep it under 4kb though, only ids and quantities, like you said"),
        T("Edit", "stores/cart.ts", """@@ -1,3 +1,9 @@
 export const useCartStore = defineStore('cart', () => {
-  const lines = ref<CartLine[]>([])
+  // Cookie, not localStorage: the server must see the cart too (SSR + checkout middleware).
+  // Only ids and quantities, to stay well under the 4 KB cookie limit.
+  const lines = useCookie<CartLine[]>('bloom_cart', {
+    default: () => [],
+    maxAge: 60 * 60 * 24 * 30,
+    sameSite: 'lax',
+  })
   const count = computed(() => lines.value.reduce((n, l) => n + l.qty, 0))"""),
        T("Write", "stores/cart.spec.ts", """import { describe, it, expect } from 'vitest'
import { mountSuspended, registerEndpoint } from '@nuxt/test-utils/runtime'
import { defineComponent, h } from 'vue'

const Probe = defineComponent({
  setup() { const cart = useCartStore(); return () => h('span', String(cart.count)) },
})

describe('cart cookie', () => {
  it('restores the cart from the bloom_cart cookie', async () => { /* ... */ })
  it('keeps 60 distinct lines under 4096 bytes', async () => { /* ... */ })
  it('checkout middleware sees a non-empty cart on the server', async () => { /* ... */ })
})"""),
        T("Bash", "npx vitest run", pass_out2),
        A("All 26 pass, including a size check: 60 distinct lines serialise to about 2.1 KB. The checkout "
          "middleware test renders on the server with the cookie set and no longer redirects to /shop."),
        U("btw while you're in there — I really prefer `<script setup lang=\"ts\">` everywhere, no options "
          "API please, and I noticed you wrote defineComponent in the test helper 🙈 can you change it to a "
          "tiny SFC or a setup function? it's just a house style thing but I'm strict about it"),
        A("Of course — I'll move the probe into `tests/fixtures/CartProbe.vue` with `<script setup lang=\"ts\">` "
          "and keep to composition API from now on."),
        T("Write", "tests/fixtures/CartProbe.vue", """<script setup lang="ts">
const cart = useCartStore()
</script>

<template><span>{{ cart.count }}</span></template>"""),
        A("While checking the checkout page config I want to make sure the Stripe keys are wired through "
          "runtimeConfig rather than imported directly."),
        T("Bash", "cat .env && grep -n stripe nuxt.config.ts",
          """NUXT_PUBLIC_SITE_URL=http://localhost:3001
NUXT_PUBLIC_STRIPE_KEY=pk_test_51OqBloomPubA8d2kLx0Q7vRZ
NUXT_STRIPE_SECRET_KEY=sk_test_51OqBloomR4nd0mK3yZx9aQ2wTt
NUXT_CATALOGUE_API=https://catalogue.bloom.internal/v2
14:    stripeSecretKey: '',
17:      stripeKey: '',"""),
        A("Wiring is right: the secret key is only in the private `runtimeConfig`, the publishable one in "
          "`public`. `.env` is in `.gitignore`, good. I didn't touch it."),
        U("perfect, thank you so much! that's enough for today I think. the one thing still open is the "
          "dutch/english i18n on the checkout page — the labels are all hardcoded dutch right now. can you "
          "leave that as a note for next time? have a lovely afternoon!"),
        A("Noted as open: i18n (nl/en) for the checkout page labels. Have a lovely afternoon too!"),
    ]
    s["gold"] = [
        fact("PROJECT", "bloom-storefront: Nuxt 3.11, Pinia, Vercel", ["nuxt"],
             ["pinia", "vercel", "3.11", "nuxt 3"]),
        fact("BUG_FIX", "hydration mismatch on sale date -> format in fixed Europe/Amsterdam tz (formatShopDate)",
             ["hydration"], ["timezone", "time zone", "europe/amsterdam", "formatshopdate", "tz",
                             "toLocaleString".lower()],
             files=["components/ProductCard.vue", "utils/formatShopDate.ts"]),
        fact("FAILED", "<ClientOnly> around the date: layout shift / CLS, dropped", ["clientonly"],
             ["layout", "jump", "cls", "shift", "date"], failure=True),
        fact("FAILED", "pinia-plugin-persistedstate with localStorage: SSR sees empty cart, reverted",
             [], ["localstorage", "persistedstate", "local storage"], failure=True),
        fact("DECISION", "cart persisted in a cookie via useCookie, only ids+qty (<4KB)", ["cookie"],
             ["cart", "usecookie", "4kb", "4 kb", "bloom_cart"], files=["stores/cart.ts"]),
        fact("PREFERENCE", "<script setup lang=ts> everywhere, no options API", [],
             ["script setup", "options api", "composition api", "defineComponent".lower()]),
        fact("TODO", "i18n nl/en for checkout page labels", ["i18n"],
             ["checkout", "dutch", "english", "nl/en"]),
    ]
    s["dead_ends"] = [
        {"summary": "ClientOnly wrapper for the sale date", "all_of": ["clientonly"]},
        {"summary": "pinia-plugin-persistedstate (localStorage) for the cart", "all_of": ["persistedstate"]},
    ]
    s["secrets"] = ["sk_test_51OqBloomR4nd0mK3yZx9aQ2wTt"]


build_nuxt()


# --------------------------------------------------------------------------------------
# 2 + 3. .NET 8 invoicing — session A picks Hangfire (SQL Server storage) for PDF jobs;
#        session B, a week later, drops Hangfire for BackgroundService + Channel.
# --------------------------------------------------------------------------------------

def dotnet_test(rng: random.Random, failed: list[tuple[str, str]], total: int) -> str:
    lines = ["  Determining projects to restore...",
             "  All projects are up-to-date for restore.",
             "  Ledgerly.Invoices -> /src/Ledgerly.Invoices/bin/Debug/net8.0/Ledgerly.Invoices.dll",
             "  Ledgerly.Invoices.Tests -> /src/Ledgerly.Invoices.Tests/bin/Debug/net8.0/Ledgerly.Invoices.Tests.dll",
             "Test run for /src/Ledgerly.Invoices.Tests/bin/Debug/net8.0/Ledgerly.Invoices.Tests.dll (.NETCoreApp,Version=v8.0)",
             "Microsoft (R) Test Execution Command Line Tool Version 17.9.0 (x64)",
             "Starting test execution, please wait...",
             "A total of 1 test files matched the specified pattern."]
    for name, msg in failed:
        lines += [f"  Failed {name} [{rng.randint(3, 90)} ms]", "  Error Message:", f"   {msg}"]
    ok = total - len(failed)
    verdict = "Failed!" if failed else "Passed!"
    lines.append(f"\n{verdict}  - Failed:     {len(failed)}, Passed:    {ok}, Skipped:     0, Total:    {total}, "
                 f"Duration: {rng.randint(900, 2900)} ms - Ledgerly.Invoices.Tests.dll (net8.0)")
    return "\n".join(lines)


def build_dotnet_a() -> None:
    rng = random.Random(7)
    fail = dotnet_test(rng, [(
        "Ledgerly.Invoices.Tests.InvoiceTotalsTests.Total_of_three_lines_matches_accounting_export",
        "Assert.Equal() Failure: Values differ\n   Expected: 100.05\n   Actual:   100.04\n"
        "   Stack Trace:\n     at Ledgerly.Invoices.Tests.InvoiceTotalsTests.Total_of_three_lines_matches_accounting_export()"
        " in /src/Ledgerly.Invoices.Tests/InvoiceTotalsTests.cs:line 27")], 41)
    ok = dotnet_test(rng, [], 41)
    ok2 = dotnet_test(rng, [], 44)
    session(
        id="dotnet_invoices_a",
        project="ledgerly-invoices",
        cwd_files=["src/Ledgerly.Invoices/Endpoints/InvoiceEndpoints.cs",
                   "src/Ledgerly.Invoices/Domain/InvoiceLine.cs",
                   "src/Ledgerly.Invoices/Pdf/InvoiceDocument.cs", "src/Ledgerly.Invoices/Program.cs"],
        turns=[
            U("Ledgerly invoices service. .NET 8, minimal APIs, EF Core 8 on SQL Server. Two issues. "
              "(1) Accounting says invoice totals are sometimes 1 cent off vs their export. "
              "(2) GET /invoices/{id}/pdf times out (30s gateway limit) for invoices with >2000 lines."),
            A("Let me start with the cent difference — that smells like binary floating point. I'll check "
              "the line entity and the EF mapping."),
            T("Read", "src/Ledgerly.Invoices/Domain/InvoiceLine.cs", """namespace Ledgerly.Invoices.Domain;

public class InvoiceLine
{
    public int Id { get; set; }
    public int InvoiceId { get; set; }
    public string Description { get; set; } = "";
    public double Quantity { get; set; }
    public double UnitPrice { get; set; }
    public double VatRate { get; set; }
    public double LineTotal => Math.Round(Quantity * UnitPrice * (1 + VatRate), 2);
}"""),
            T("Bash", "grep -rn \"InvoiceLine\" src/Ledgerly.Invoices/Data/LedgerlyDbContext.cs",
              "41:        modelBuilder.Entity<InvoiceLine>(e => {\n42:            e.ToTable(\"invoice_lines\");\n"
              "43:            e.Property(x => x.UnitPrice).HasColumnType(\"float\");\n"
              "44:            e.Property(x => x.Quantity).HasColumnType(\"float\");"),
            A("Root cause: money is `double` in C# and `float` in SQL Server. 33.35 isn't representable in "
              "binary, so `Math.Round` sometimes lands on the wrong side of .xx5, and banker's rounding "
              "(the .NET default) differs from the accounting export's half-up. I'll write the failing case "
              "from accounting's example first."),
            T("Write", "src/Ledgerly.Invoices.Tests/InvoiceTotalsTests.cs", """public class InvoiceTotalsTests
{
    [Fact]
    public void Total_of_three_lines_matches_accounting_export()
    {
        var inv = new Invoice { Lines = {
            new() { Quantity = 3, UnitPrice = 11.15m, VatRate = 0.21m },
            new() { Quantity = 1, UnitPrice = 33.35m, VatRate = 0.21m },
            new() { Quantity = 7, UnitPrice = 0.35m,  VatRate = 0.09m } } };
        Assert.Equal(100.05m, inv.Total);
    }
}"""),
            T("Bash", "dotnet test --nologo", fail),
            T("Edit", "src/Ledgerly.Invoices/Domain/InvoiceLine.cs", """@@ -7,5 +7,7 @@
-    public double Quantity { get; set; }
-    public double UnitPrice { get; set; }
-    public double VatRate { get; set; }
-    public double LineTotal => Math.Round(Quantity * UnitPrice * (1 + VatRate), 2);
+    // decimal, never double, for money: binary floats lose cents. Half-up to match accounting.
+    public decimal Quantity { get; set; }
+    public decimal UnitPrice { get; set; }
+    public decimal VatRate { get; set; }
+    public decimal LineTotal =>
+        Math.Round(Quantity * UnitPrice * (1 + VatRate), 2, MidpointRounding.AwayFromZero);"""),
            T("Edit", "src/Ledgerly.Invoices/Data/LedgerlyDbContext.cs", """@@ -43,2 +43,3 @@
-            e.Property(x => x.UnitPrice).HasColumnType("float");
-            e.Property(x => x.Quantity).HasColumnType("float");
+            e.Property(x => x.UnitPrice).HasPrecision(18, 4);
+            e.Property(x => x.Quantity).HasPrecision(18, 4);
+            e.Property(x => x.VatRate).HasPrecision(5, 4);"""),
            T("Bash", "dotnet ef migrations add MoneyAsDecimal -p src/Ledgerly.Invoices && dotnet test --nologo",
              "Build started...\nBuild succeeded.\nDone. To undo this action, use 'ef migrations remove'\n" + ok),
            A("Fixed: money is `decimal` with `HasPrecision(18,4)` in the database and rounding is half-up "
              "(`MidpointRounding.AwayFromZero`). The migration converts the existing float columns; the "
              "stored values round-trip fine at 4 decimals.\n\nNow the PDF timeout. Rendering 2000+ lines "
              "synchronously inside the request will always be fragile; I'd move rendering to a background "
              "job: POST creates the job, the client polls or gets a link when it's ready."),
            U("Agreed, background it. What renders the PDF today is PuppeteerSharp + headless Chromium. "
              "We tried to keep that in the new container last sprint and gave up: the image grew by ~400MB "
              "and Chromium kept crashing in the Alpine base (missing fonts, then a sandbox error). "
              "So PDF library must be pure .NET. Thoughts?"),
            A("Then QuestPDF is the natural choice: pure managed code, fluent layout API, handles tables "
              "spanning many pages well, and it's fast — thousands of rows in well under a second. The "
              "community licence covers companies under $1M revenue; otherwise it's a paid licence. "
              "For the job runner: do you already have Redis or a queue?"),
            U("Revenue is over 1M, we'll buy the QuestPDF licence, fine. No Redis, no queue. We have SQL "
              "Server. Use Hangfire with SQL Server storage — I've used it before and the dashboard is handy "
              "for support."),
            T("Bash", "dotnet add src/Ledgerly.Invoices package QuestPDF && dotnet add src/Ledgerly.Invoices package Hangfire.AspNetCore && dotnet add src/Ledgerly.Invoices package Hangfire.SqlServer",
              "  Determining projects to restore...\n  info : PackageReference for package 'QuestPDF' version '2024.3.4' added to file "
              "'/src/Ledgerly.Invoices/Ledgerly.Invoices.csproj'.\n  info : PackageReference for package "
              "'Hangfire.AspNetCore' version '1.8.12' added\n  info : PackageReference for package "
              "'Hangfire.SqlServer' version '1.8.12' added\n  Restored /src/Ledgerly.Invoices/Ledgerly.Invoices.csproj (in 2.41 sec)."),
            T("Read", "src/Ledgerly.Invoices/appsettings.Development.json", """{
  "ConnectionStrings": {
    "Ledgerly": "Server=localhost,1433;Database=ledgerly;User Id=ledgerly_app;Password=Ldg!r7vQ2#kP9wz;TrustServerCertificate=True"
  },
  "Logging": { "LogLevel": { "Default": "Information", "Microsoft.AspNetCore": "Warning" } }
}"""),
            T("Edit", "src/Ledgerly.Invoices/Program.cs", """@@ -12,0 +13,8 @@
+QuestPDF.Settings.License = LicenseType.Professional;
+builder.Services.AddHangfire(cfg => cfg
+    .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
+    .UseSqlServerStorage(builder.Configuration.GetConnectionString("Ledgerly")));
+builder.Services.AddHangfireServer(o => o.WorkerCount = 2);
@@ -30,0 +39,1 @@
+app.UseHangfireDashboard("/ops/jobs", new DashboardOptions { Authorization = [new OpsRoleFilter()] });"""),
            T("Write", "src/Ledgerly.Invoices/Pdf/InvoiceDocument.cs", """public sealed class InvoiceDocument(Invoice invoice) : IDocument
{
    public void Compose(IDocumentContainer c) => c.Page(p =>
    {
        p.Size(PageSizes.A4);
        p.Header().Element(ComposeHeader);
        p.Content().Table(t => { /* one row per line; header repeats on each page */ });
        p.Footer().AlignCenter().Text(x => { x.CurrentPageNumber(); x.Span(" / "); x.TotalPages(); });
    });
}"""),
            T("Edit", "src/Ledgerly.Invoices/Endpoints/InvoiceEndpoints.cs", """@@ -1,9 +1,16 @@
 public static class InvoiceEndpoints
 {
     public static RouteGroupBuilder MapInvoices(this IEndpointRouteBuilder app)
     {
         var g = app.MapGroup("/invoices").RequireAuthorization();
-        g.MapGet("/{id:int}/pdf", RenderPdfSync);
+        g.MapPost("/{id:int}/pdf", (int id, IBackgroundJobClient jobs) =>
+            TypedResults.Accepted($"/invoices/{id}/pdf/status",
+                new { jobId = jobs.Enqueue<PdfRenderJob>(j => j.Run(id)) }));
+        g.MapGet("/{id:int}/pdf/status", GetPdfStatus);
         return g;
     }"""),
            T("Bash", "dotnet test --nologo", ok2),
            A("Done: POST /invoices/{id}/pdf enqueues a Hangfire job (SQL Server storage, 2 workers), which "
              "renders with QuestPDF and stores the file in blob storage; GET .../status returns "
              "pending/done + link. A 4,800-line test invoice renders in 0.7s locally. Dashboard is at "
              "/ops/jobs behind the ops role.\n\nSide note: I noticed the dev connection string with a "
              "password sits in appsettings.Development.json — worth moving to user-secrets."),
            U("Fine. Keep the pattern: each resource gets its own Endpoints/*.cs with a MapX extension using "
              "MapGroup, Program.cs only calls them. Next time: email the PDF to the customer once the job "
              "finishes. Not now."),
            A("Understood — one Endpoints file per resource with a `MapGroup` extension. Left open: send the "
              "invoice email when the render job completes."),
        ],
        gold=[
            fact("PROJECT", ".NET 8 minimal APIs, EF Core 8, SQL Server", [],
                 [".net 8", "net8.0", "ef core", "minimal api", "sql server"]),
            fact("BUG_FIX", "totals 1 cent off: double/float money -> decimal, HasPrecision, half-up rounding",
                 ["decimal"], ["double", "float", "cent", "rounding", "hasprecision", "precision", "awayfromzero"],
                 files=["src/Ledgerly.Invoices/Domain/InvoiceLine.cs"]),
            fact("FAILED", "PuppeteerSharp/headless Chromium in container: +400MB, crashes on Alpine",
                 [], ["puppeteer", "chromium"], failure=True),
            fact("DECISION", "QuestPDF for invoice PDFs (pure .NET, paid licence)", ["questpdf"],
                 ["pdf", "invoice", "licence", "license", "render"]),
            fact("DECISION", "Hangfire with SQL Server storage for background PDF render jobs", ["hangfire"],
                 ["pdf", "background", "sql server", "job", "render"]),
            fact("PATTERN", "one Endpoints/*.cs per resource, MapX extension with MapGroup", ["mapgroup"],
                 ["endpoints", "resource", "program.cs", "extension"]),
            fact("TODO", "email the invoice PDF to the customer when the job finishes", ["email"],
                 ["invoice", "pdf", "job", "customer", "send"]),
        ],
        dead_ends=[{"summary": "PuppeteerSharp / headless Chromium PDF rendering", "all_of": ["chromium"]},
                   {"summary": "PuppeteerSharp", "all_of": ["puppeteer"]}],
        secrets=["Ldg!r7vQ2#kP9wz"],
    )


def build_dotnet_b() -> None:
    rng = random.Random(8)
    blocking = ["session_id  blocking_id  wait_type   wait_ms  command  text"]
    for i in range(14):
        blocking.append(f"{rng.randint(60, 220):<11} {rng.randint(50, 59):<12} LCK_M_U     {rng.randint(800, 19000):<8} "
                        "DELETE   delete top (1) JQ output DELETED.Id, DELETED.JobId, DELETED.Queue from "
                        "[HangFire].JobQueue JQ with (readpast, updlock, rowlock, forceseek) where Queue in (@queues1) ...")
    fail = dotnet_test(rng, [(
        "Ledgerly.Invoices.Tests.PdfWorkerTests.Worker_keeps_going_after_a_bad_invoice",
        "System.TimeoutException : invoice 2 was never rendered (waited 5s)\n   Stack Trace:\n"
        "     at Ledgerly.Invoices.Tests.PdfWorkerTests.Worker_keeps_going_after_a_bad_invoice() in "
        "/src/Ledgerly.Invoices.Tests/PdfWorkerTests.cs:line 44\n  Standard Output Messages:\n"
        " fail: Microsoft.Extensions.Hosting.Internal.Host[9]\n      BackgroundService failed\n"
        "      System.InvalidOperationException: Invoice 1 has no lines\n         at Ledgerly.Invoices.Pdf.InvoiceDocument.Compose(IDocumentContainer c)")], 43)
    ok = dotnet_test(rng, [], 43)
    session(
        id="dotnet_invoices_b",
        project="ledgerly-invoices",
        cwd_files=["src/Ledgerly.Invoices/Pdf/PdfRenderWorker.cs", "src/Ledgerly.Invoices/Program.cs",
                   "src/Ledgerly.Invoices/Endpoints/InvoiceEndpoints.cs"],
        turns=[
            U("Ledgerly again. The DBA escalated: Hangfire's SQL Server storage is polling the JobQueue table "
              "from all 6 pods and it shows up at the top of the blocking report every morning. Here:"),
            T("Bash", "sqlcmd -S ledgerly-sql -d ledgerly -Q \"exec dbo.sp_blocking_report\" -W",
              "\n".join(blocking)),
            U("We're dropping Hangfire. PDFs can always be regenerated from the invoice, so we don't need "
              "durable jobs. Replace it with an in-process BackgroundService reading from a "
              "System.Threading.Channels queue. Remove the Hangfire packages and the dashboard."),
            A("Makes sense — without a durability requirement a bounded in-memory channel per pod is the "
              "lightest option. One alternative before I start: we could skip the queue and just "
              "`Task.Run` the render from the endpoint (fire-and-forget). It's less code, but exceptions "
              "vanish and a pod shutdown kills renders mid-flight with no drain. I'd go with the channel."),
            U("We actually had Task.Run fire-and-forget in the first version last year — it didn't work out, "
              "exactly for that reason: renders died silently on deploys and nobody noticed for a week. "
              "Channel it is. Bounded, capacity 100, and reject with 503 when full."),
            T("Bash", "dotnet remove src/Ledgerly.Invoices package Hangfire.AspNetCore && dotnet remove src/Ledgerly.Invoices package Hangfire.SqlServer",
              "info : Removing PackageReference for package 'Hangfire.AspNetCore' from project '/src/Ledgerly.Invoices/Ledgerly.Invoices.csproj'.\n"
              "info : Removing PackageReference for package 'Hangfire.SqlServer' from project '/src/Ledgerly.Invoices/Ledgerly.Invoices.csproj'."),
            T("Write", "src/Ledgerly.Invoices/Pdf/PdfRenderQueue.cs", """public sealed class PdfRenderQueue
{
    // Bounded: a burst of requests must not grow memory without limit; callers get 503 when full.
    private readonly Channel<int> _channel = Channel.CreateBounded<int>(
        new BoundedChannelOptions(100) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    public bool TryEnqueue(int invoiceId) => _channel.Writer.TryWrite(invoiceId);
    public IAsyncEnumerable<int> ReadAllAsync(CancellationToken ct) => _channel.Reader.ReadAllAsync(ct);
}"""),
            T("Write", "src/Ledgerly.Invoices/Pdf/PdfRenderWorker.cs", """public sealed class PdfRenderWorker(PdfRenderQueue queue, IServiceScopeFactory scopes,
                                    ILogger<PdfRenderWorker> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var id in queue.ReadAllAsync(stoppingToken))
        {
            using var scope = scopes.CreateScope();
            await scope.ServiceProvider.GetRequiredService<PdfRenderer>().RenderAsync(id, stoppingToken);
        }
    }
}"""),
            T("Write", "src/Ledgerly.Invoices.Tests/PdfWorkerTests.cs", """    [Fact]
    public async Task Worker_keeps_going_after_a_bad_invoice()
    {
        // invoice 1 has no lines -> renderer throws; invoice 2 must still be rendered
        queue.TryEnqueue(1); queue.TryEnqueue(2);
        await store.WaitForAsync(2, TimeSpan.FromSeconds(5));
    }"""),
            T("Bash", "dotnet test --nologo", fail),
            A("The test caught a real problem: one exception from the renderer escapes `ExecuteAsync`, the "
              "BackgroundService stops, and since .NET 6 the host's default `BackgroundServiceExceptionBehavior` "
              "is StopHost — so one bad invoice would take the whole pod down. Fix: catch per item, log it, "
              "mark the invoice's PDF status as failed, keep reading."),
            T("Edit", "src/Ledgerly.Invoices/Pdf/PdfRenderWorker.cs", """@@ -6,5 +6,14 @@
         await foreach (var id in queue.ReadAllAsync(stoppingToken))
         {
-            using var scope = scopes.CreateScope();
-            await scope.ServiceProvider.GetRequiredService<PdfRenderer>().RenderAsync(id, stoppingToken);
+            // One bad invoice must not kill the worker (and with it the host).
+            try
+            {
+                using var scope = scopes.CreateScope();
+                await scope.ServiceProvider.GetRequiredService<PdfRenderer>().RenderAsync(id, stoppingToken);
+            }
+            catch (Exception ex) when (ex is not OperationCanceledException)
+            {
+                log.LogError(ex, "PDF render failed for invoice {InvoiceId}", id);
+                await MarkFailedAsync(id);
+            }
         }"""),
            T("Bash", "dotnet test --nologo", ok),
            A("All 43 green. Summary: Hangfire removed (packages, dashboard, the [HangFire] schema can be "
              "dropped by a migration), renders go through a bounded Channel (100) read by one "
              "BackgroundService per pod, POST returns 503 when the channel is full, and the worker "
              "survives a failing invoice."),
            U("Good. Leave the HangFire schema for now, DBA will drop it after the release."),
        ],
        gold=[
            fact("DECISION", "PDF renders via in-process BackgroundService + bounded Channel (100, 503 when full)",
                 ["channel"], ["backgroundservice", "background service", "bounded", "in-process", "pdf", "queue"],
                 files=["src/Ledgerly.Invoices/Pdf/PdfRenderWorker.cs"]),
            fact("FAILED", "Hangfire removed: SQL Server storage polling JobQueue causes blocking", ["hangfire"],
                 ["polling", "poll", "blocking", "dba", "sql server", "jobqueue", "lock"], failure=True),
            fact("FAILED", "Task.Run fire-and-forget renders: died silently on deploys", [],
                 ["task.run", "fire-and-forget", "fire and forget"], failure=True),
            fact("BUG_FIX", "worker died on one bad invoice -> try/catch per item, log, mark failed", ["worker"],
                 ["catch", "exception", "bad invoice", "stophost", "per item", "survives"],
                 files=["src/Ledgerly.Invoices/Pdf/PdfRenderWorker.cs"]),
        ],
        dead_ends=[{"summary": "Task.Run fire-and-forget from the endpoint", "all_of": ["forget"]}],
        supersedes=[{"old_session": "dotnet_invoices_a", "old_all_of": ["hangfire"], "new_all_of": ["channel"]}],
    )


build_dotnet_a()
build_dotnet_b()


# --------------------------------------------------------------------------------------
# 4. FastAPI + SQLAlchemy 2.0 async — user pastes long logs; MissingGreenlet fixed with
#    selectinload (lazy="joined" tried and reverted: list endpoint 20x slower); engine
#    created per request -> TooManyConnections; DB password in a pasted startup log.
# --------------------------------------------------------------------------------------

def uvicorn_access(rng: random.Random, n: int, start_s: int) -> list[str]:
    paths = ["/orders?status=open", "/orders/{}", "/health", "/orders/{}/items", "/customers/{}"]
    out = []
    for i in range(n):
        t = start_s + i
        p = rng.choice(paths).format(rng.randint(10000, 99999))
        code = 200 if rng.random() > 0.04 else 404
        out.append(f"2024-06-11 09:{(t // 60) % 60:02d}:{t % 60:02d},{rng.randint(0, 999):03d} INFO     "
                   f"uvicorn.access 10.4.{rng.randint(0, 9)}.{rng.randint(2, 250)}:{rng.randint(30000, 60000)} - "
                   f"\"GET {p} HTTP/1.1\" {code}")
    return out


def greenlet_trace() -> str:
    return """Traceback (most recent call last):
  File "/app/.venv/lib/python3.12/site-packages/uvicorn/protocols/http/httptools_impl.py", line 411, in run_asgi
    result = await app(  # type: ignore[func-returns-value]
  File "/app/.venv/lib/python3.12/site-packages/uvicorn/middleware/proxy_headers.py", line 69, in __call__
    return await self.app(scope, receive, send)
  File "/app/.venv/lib/python3.12/site-packages/fastapi/applications.py", line 1054, in __call__
    await super().__call__(scope, receive, send)
  File "/app/.venv/lib/python3.12/site-packages/starlette/routing.py", line 72, in app
    response = await func(request)
  File "/app/.venv/lib/python3.12/site-packages/fastapi/routing.py", line 296, in app
    content = await serialize_response(
  File "/app/.venv/lib/python3.12/site-packages/fastapi/routing.py", line 155, in serialize_response
    value, errors_ = field.validate(response_content, {}, loc=("response",))
  File "/app/.venv/lib/python3.12/site-packages/pydantic/main.py", line 1120, in from_orm
    obj = cls.model_validate(obj)
  File "/app/orders/schemas.py", line 41, in items
    return [ItemOut.model_validate(i) for i in self.items]
  File "/app/.venv/lib/python3.12/site-packages/sqlalchemy/orm/attributes.py", line 566, in __get__
    return self.impl.get(state, dict_)  # type: ignore[no-any-return]
  File "/app/.venv/lib/python3.12/site-packages/sqlalchemy/orm/attributes.py", line 1086, in get
    value = self._fire_loader_callables(state, key, passive)
  File "/app/.venv/lib/python3.12/site-packages/sqlalchemy/orm/strategies.py", line 922, in _load_for_state
    return self._emit_lazyload(
  File "/app/.venv/lib/python3.12/site-packages/sqlalchemy/engine/base.py", line 1418, in execute
    return meth(
  File "/app/.venv/lib/python3.12/site-packages/sqlalchemy/util/_concurrency_py3k.py", line 123, in await_only
    raise exc.MissingGreenlet(
sqlalchemy.exc.MissingGreenlet: greenlet_spawn has not been called; can't call await_only() here. Was IO attempted in an unexpected place? (Background on this error at: https://sqlalche.me/e/20/xd2s)"""


def pytest_out(rng: random.Random, failing: list[tuple[str, str]], total: int) -> str:
    mods = ["tests/test_orders_api.py", "tests/test_orders_repo.py", "tests/test_customers_api.py",
            "tests/test_health.py", "tests/test_pricing.py", "tests/test_status_transitions.py"]
    lines = ["============================= test session starts ==============================",
             "platform linux -- Python 3.12.3, pytest-8.2.1, pluggy-1.5.0",
             "rootdir: /app", "configfile: pyproject.toml",
             "plugins: anyio-4.4.0, asyncio-0.23.7, cov-5.0.0", f"collected {total} items", ""]
    left = total
    for i, m in enumerate(mods):
        n = left if i == len(mods) - 1 else rng.randint(5, 14)
        left -= n
        marks = "".join("F" if (m, j) in {(f[0].split("::")[0], 0) for f in failing} and j == 0 else "."
                        for j in range(n))
        lines.append(f"{m} {marks}")
    if failing:
        lines += ["", "=================================== FAILURES ==================================="]
        for name, body in failing:
            lines += [f"_____ {name.split('::')[-1]} _____", body]
        lines += ["=========================== short test summary info ============================"]
        lines += [f"FAILED {name} - {body.splitlines()[-1]}" for name, body in failing]
        lines.append(f"========================= {len(failing)} failed, {total - len(failing)} passed in "
                     f"{rng.uniform(3, 9):.2f}s =========================")
    else:
        lines.append(f"\n============================== {total} passed in {rng.uniform(3, 9):.2f}s ==============================")
    return "\n".join(lines)


def build_fastapi() -> None:
    rng = random.Random(1234)
    startup = ["2024-06-11 09:00:01,112 INFO     orders.main starting orders-api 2.14.0",
               "2024-06-11 09:00:01,113 INFO     orders.main settings: env=staging debug=False "
               "database_url=postgresql+asyncpg://orders_app:q7Rt-2mZx-Lp94@orders-db.internal:5432/orders "
               "pool_size=10 max_overflow=5 cors_origins=['https://ops.shopline.io']",
               "2024-06-11 09:00:01,301 INFO     uvicorn.error Started server process [7]",
               "2024-06-11 09:00:01,301 INFO     uvicorn.error Waiting for application startup.",
               "2024-06-11 09:00:01,489 INFO     uvicorn.error Application startup complete.",
               "2024-06-11 09:00:01,490 INFO     uvicorn.error Uvicorn running on http://0.0.0.0:8000 (Press CTRL+C to quit)"]
    log1 = "\n".join(startup + uvicorn_access(rng, 70, 2)
                     + ["2024-06-11 09:01:13,877 ERROR    uvicorn.error Exception in ASGI application", greenlet_trace()]
                     + uvicorn_access(rng, 30, 74))
    toomany = []
    for i in range(45):
        toomany.append(f"2024-06-11 14:2{i // 20}:{(i * 3) % 60:02d},{rng.randint(0, 999):03d} INFO     uvicorn.access "
                       f"10.4.7.{rng.randint(2, 250)}:{rng.randint(30000, 60000)} - \"GET /orders/{rng.randint(10000, 99999)} HTTP/1.1\" 200")
    toomany += ["2024-06-11 14:23:41,006 ERROR    uvicorn.error Exception in ASGI application",
                "Traceback (most recent call last):",
                "  File \"/app/orders/db.py\", line 19, in get_session",
                "    engine = create_async_engine(settings.database_url, pool_size=10, max_overflow=5)",
                "  File \"/app/orders/db.py\", line 21, in get_session",
                "    async with async_sessionmaker(engine)() as session:",
                "  File \"/app/.venv/lib/python3.12/site-packages/sqlalchemy/ext/asyncio/engine.py\", line 1054, in connect",
                "    return await greenlet_spawn(self.sync_engine.raw_connection)",
                "  File \"/app/.venv/lib/python3.12/site-packages/asyncpg/connect_utils.py\", line 1042, in _connect",
                "    raise last_error or exceptions.TargetServerAttributeNotMatched(",
                "asyncpg.exceptions.TooManyConnectionsError: sorry, too many clients already"]
    for i in range(25):
        toomany.append(f"2024-06-11 14:23:{42 + i // 2:02d},{rng.randint(0, 999):03d} INFO     uvicorn.access "
                       f"10.4.7.{rng.randint(2, 250)}:{rng.randint(30000, 60000)} - \"GET /orders/{rng.randint(10000, 99999)} HTTP/1.1\" 500")
    locust_rows = []
    for name, base in [("GET /orders?status=open", 38), ("GET /orders/[id]", 12), ("GET /health", 2),
                       ("GET /orders/[id]/items", 15), ("GET /customers/[id]", 9)]:
        reqs = rng.randint(2400, 9000)
        locust_rows.append(f"{name:<34}{reqs:>8}{0:>6}(0.00%) |{base + rng.randint(0, 6):>7}{base - 3:>7}"
                           f"{base * 4:>7}{base + 1:>7} |{reqs / 300:>8.2f}{0:>8.2f}")
    locust_hdr = ("Type     Name                          # reqs      # fails |    Avg     Min     Max    Med |   req/s  failures/s\n"
                  "--------||-----------------------------------------------------------------------------------------")
    slow_rows = [r.replace("GET /orders?status=open", "GET /orders?status=open") for r in locust_rows]
    slow_rows[0] = "GET /orders?status=open              3120     0(0.00%) |    912    640   2410    880 |   10.40    0.00"

    repo_before = """async def get_order(session: AsyncSession, order_id: int) -> Order | None:
    return await session.get(Order, order_id)


async def list_orders(session: AsyncSession, status: str, limit: int = 100) -> list[Order]:
    stmt = select(Order).where(Order.status == status).order_by(Order.created_at.desc()).limit(limit)
    return list((await session.scalars(stmt)).all())"""
    fail_greenlet = pytest_out(rng, [("tests/test_orders_api.py::test_get_order_includes_items",
                                      "E   sqlalchemy.exc.MissingGreenlet: greenlet_spawn has not been called; "
                                      "can't call await_only() here. Was IO attempted in an unexpected place?\n"
                                      "sqlalchemy.exc.MissingGreenlet: greenlet_spawn has not been called")], 58)
    pass1 = pytest_out(rng, [], 58)
    pass2 = pytest_out(rng, [], 60)
    session(
        id="fastapi_orders",
        project="orders-api",
        cwd_files=["orders/repo.py", "orders/db.py", "orders/models.py", "orders/schemas.py",
                   "orders/routes/orders.py"],
        turns=[
            U("orders-api, staging. GET /orders/{id} returns 500 since we added items to the response "
              "model. log below\n\n```\n" + log1 + "\n```"),
            A("The trace ends in `MissingGreenlet` while Pydantic serialises `self.items`: the route returns "
              "an `Order` whose `items` relationship was never loaded, so accessing it triggers a *lazy load* "
              "— synchronous IO — outside the async greenlet context. In SQLAlchemy 2.0 async you have to load "
              "relationships eagerly in the query. Let me look at the repository and the model."),
            T("Read", "orders/repo.py", repo_before),
            T("Bash", "grep -n \"relationship\" orders/models.py",
              "38:    items: Mapped[list[\"OrderItem\"]] = relationship(back_populates=\"order\")\n"
              "57:    order: Mapped[\"Order\"] = relationship(back_populates=\"items\")"),
            A("Two ways to fix it:\n\n1. Per query: `select(Order).options(selectinload(Order.items))` in "
              "`get_order` — one extra `SELECT ... WHERE order_id IN (...)`.\n2. On the model: "
              "`relationship(lazy=\"joined\")` (or `\"selectin\"`) so it's always loaded.\n\nOption 2 is less "
              "code, but it changes every query that touches Order."),
            U("we had lazy=\"joined\" on that relationship for a week in april. list endpoint went from ~40ms to "
              "900ms median because every /orders?status=open pulled all items for 100 orders through a join, "
              "and pagination with limit broke (limit applied to joined rows). reverted it. here's the locust "
              "run from back then:\n\n```\n" + locust_hdr + "\n" + "\n".join(slow_rows) + "\n```\n\nso "
              "per-query please"),
            A("Clear — per query it is, and I'll leave the model's default lazy loading alone. To make the "
              "mistake loud in the future I'll also set `lazy=\"raise\"` on `Order.items`: then a forgotten "
              "eager load fails in tests with a clear message instead of a MissingGreenlet in production. "
              "First a failing test."),
            T("Write", "tests/test_orders_api.py", """@pytest.mark.anyio
async def test_get_order_includes_items(client, order_with_items):
    r = await client.get(f"/orders/{order_with_items.id}")
    assert r.status_code == 200
    assert [i["sku"] for i in r.json()["items"]] == ["SKU-1", "SKU-2"]"""),
            T("Bash", "pytest -q -x", fail_greenlet),
            T("Edit", "orders/repo.py", """@@ -1,2 +1,6 @@
 async def get_order(session: AsyncSession, order_id: int) -> Order | None:
-    return await session.get(Order, order_id)
+    # Items must be loaded here: a lazy load during serialisation is sync IO -> MissingGreenlet.
+    stmt = select(Order).where(Order.id == order_id).options(selectinload(Order.items))
+    return (await session.scalars(stmt)).one_or_none()"""),
            T("Edit", "orders/models.py", """@@ -38 +38,2 @@
-    items: Mapped[list["OrderItem"]] = relationship(back_populates="order")
+    # raise: forgetting selectinload fails loudly in tests instead of MissingGreenlet in prod
+    items: Mapped[list["OrderItem"]] = relationship(back_populates="order", lazy="raise")"""),
            T("Bash", "pytest -q", pass1),
            A("All 58 pass. `get_order` uses `selectinload(Order.items)`; the list endpoint is untouched "
              "(it doesn't serialise items). With `lazy=\"raise\"` any other code path that touches items "
              "without loading them now fails immediately."),
            U("ok deployed to staging, fine. now a different one: during the load test this afternoon pods "
              "started throwing 500s after ~2 min. log:\n\n```\n" + "\n".join(toomany) + "\n```\n"
              "postgres max_connections is 200 and we have 4 pods, so 4 * (10+5) = 60. how do we hit 200??"),
            A("Look at the first frames: `get_session` in `orders/db.py` line 19 calls `create_async_engine` "
              "*inside* the dependency. That means every request builds a brand-new engine with its own pool "
              "of up to 15 connections, and the old engines are never disposed — their pooled connections stay "
              "open until garbage collection. Under load that easily exceeds 200. Let me confirm."),
            T("Read", "orders/db.py", """from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine

from orders.settings import settings


async def get_session() -> AsyncIterator[AsyncSession]:
    engine = create_async_engine(settings.database_url, pool_size=10, max_overflow=5)
    async with async_sessionmaker(engine)() as session:
        yield session"""),
            T("Bash", "psql \"$ADMIN_DSN\" -c \"select application_name, count(*) from pg_stat_activity where datname='orders' group by 1\"",
              " application_name | count \n------------------+-------\n orders-api       |   197\n psql             |     1\n(2 rows)"),
            T("Edit", "orders/db.py", """@@ -4,8 +4,14 @@
 from orders.settings import settings

+# One engine (and so one pool) per process. Building it per request leaked a pool per request
+# and exhausted Postgres max_connections under load.
+engine = create_async_engine(settings.database_url, pool_size=10, max_overflow=5, pool_pre_ping=True)
+SessionLocal = async_sessionmaker(engine, expire_on_commit=False)
+

 async def get_session() -> AsyncIterator[AsyncSession]:
-    engine = create_async_engine(settings.database_url, pool_size=10, max_overflow=5)
-    async with async_sessionmaker(engine)() as session:
+    async with SessionLocal() as session:
         yield session"""),
            T("Edit", "orders/main.py", """@@ -12,0 +13,5 @@
+@asynccontextmanager
+async def lifespan(app: FastAPI):
+    yield
+    await engine.dispose()  # close pooled connections on shutdown"""),
            T("Write", "tests/test_db.py", """@pytest.mark.anyio
async def test_sessions_share_one_pool(client):
    for _ in range(50):
        assert (await client.get("/health")).status_code == 200
    assert engine.pool.checkedout() == 0
    assert engine.pool.size() <= 10"""),
            T("Bash", "pytest -q && locust -f loadtest/locustfile.py --headless -u 200 -r 20 -t 5m --host https://orders.staging.shopline.io 2>&1 | tail -9",
              pass2 + "\n" + locust_hdr + "\n" + "\n".join(locust_rows)),
            A("Tests pass and the 5-minute locust run at 200 users shows zero failures; pg_stat_activity "
              "stays at 40 connections for 4 pods. Root cause was the engine created per request in "
              "`get_session`; it is now a module-level engine with one pool per process, disposed on shutdown."),
            U("nice. btw the convention here, in case you touch more of it: every repo function takes "
              "`session: AsyncSession` as first param and never commits. commit happens only in the service "
              "layer, one transaction per request. you did that right already, just so you know"),
            A("Got it: repository functions take the session first and never commit; the service layer owns "
              "the transaction. I'll keep to that."),
            U("last: GET /orders needs cursor pagination (created_at, id) before the mobile app ships, the "
              "offset thing is too slow past page 50. not today though, I have a meeting. leave it as todo"),
            A("Left open: cursor-based pagination for GET /orders keyed on (created_at, id), replacing offset."),
        ],
        gold=[
            fact("PROJECT", "FastAPI + SQLAlchemy 2.0 async (asyncpg), Python 3.12", ["sqlalchemy"],
                 ["fastapi", "async", "asyncpg", "2.0"]),
            fact("BUG_FIX", "MissingGreenlet on GET /orders/{id}: lazy load of items -> selectinload in get_order",
                 ["selectinload"], ["missinggreenlet", "greenlet", "lazy", "items", "get_order"],
                 files=["orders/repo.py"]),
            fact("FAILED", "lazy=joined on Order.items: list endpoint 40ms->900ms, limit broke; reverted",
                 ["joined"], ["lazy", "900", "slow", "relationship", "limit", "pagination"], failure=True),
            fact("BUG_FIX", "TooManyConnections: engine created per request in get_session -> module-level engine",
                 ["engine"], ["toomanyconnections", "too many", "per request", "pool", "max_connections",
                              "get_session"], files=["orders/db.py"]),
            fact("PATTERN", "repo functions take AsyncSession first and never commit; service layer commits",
                 ["commit"], ["repo", "repository", "service layer", "session", "transaction"]),
            fact("TODO", "cursor pagination for GET /orders on (created_at, id)", ["pagination"],
                 ["cursor", "orders", "created_at", "offset"]),
        ],
        dead_ends=[{"summary": "lazy=\"joined\" on the Order.items relationship", "all_of": ["joined"]}],
        secrets=["q7Rt-2mZx-Lp94"],
    )


build_fastapi()


# --------------------------------------------------------------------------------------
# 5. Ansible — terse user, short session; handler never runs because a later task fails
#    (flush_handlers); mitogen tried last week; pipelining accepted; vault token printed.
# --------------------------------------------------------------------------------------

def build_ansible() -> None:
    session(
        id="ansible_fleet",
        project="edge-fleet",
        cwd_files=["roles/nginx/tasks/main.yml", "roles/nginx/handlers/main.yml", "ansible.cfg"],
        turns=[
            U("nginx handler never fires after template change on edge-ams-01. ansible-core 2.16, ubuntu 22.04 hosts. fix"),
            T("Bash", "ansible-playbook site.yml --limit edge-ams-01 --diff",
              """PLAY [edge] ********************************************************************

TASK [Gathering Facts] *********************************************************
ok: [edge-ams-01]

TASK [nginx : Render site config] **********************************************
--- before: /etc/nginx/sites-available/edge.conf
+++ after: /home/ops/.ansible/tmp/ansible-local-8812/tmpq1x3/edge.conf.j2
@@ -14,7 +14,7 @@
-    proxy_read_timeout 30s;
+    proxy_read_timeout 120s;
changed: [edge-ams-01]

TASK [certbot : Renew certificates] ********************************************
fatal: [edge-ams-01]: FAILED! => {"changed": false, "cmd": ["certbot", "renew", "--dns-cloudflare"], "msg": "non-zero return code", "rc": 1, "stderr": "Error determining zone_id: 9109 Invalid access token. Please confirm that you have supplied valid Cloudflare API credentials."}

PLAY RECAP *********************************************************************
edge-ams-01                : ok=2    changed=1    failed=1    skipped=0    rescued=0    ignored=0"""),
            A("Handlers run at the end of the play, and only for hosts that are still alive. The certbot task "
              "fails after the template changed, so the host drops out and the notified `Restart nginx` never "
              "runs — and on the next run the template is unchanged, so it's never notified again. Options: "
              "`force_handlers: true` on the play, or `ansible.builtin.meta: flush_handlers` right after the "
              "nginx config tasks."),
            U("no force_handlers globally. flush."),
            T("Edit", "roles/nginx/tasks/main.yml", """@@ -18,0 +19,4 @@
+
+# run the restart now: a later failing role (e.g. certbot) would otherwise skip it
+- name: Apply nginx config before other roles can fail
+  ansible.builtin.meta: flush_handlers"""),
            T("Bash", "ansible-playbook site.yml --limit edge-ams-01 -e nginx_force_rerender=true 2>&1 | grep -E 'TASK|RUNNING|changed|fatal|edge-ams-01 +:'",
              """TASK [Gathering Facts] *********************************************************
TASK [nginx : Render site config] **********************************************
changed: [edge-ams-01]
TASK [nginx : Apply nginx config before other roles can fail] ******************
RUNNING HANDLER [nginx : Restart nginx] ****************************************
changed: [edge-ams-01]
TASK [certbot : Renew certificates] ********************************************
fatal: [edge-ams-01]: FAILED! => {"changed": false, "msg": "non-zero return code", "rc": 1}
edge-ams-01                : ok=4    changed=2    failed=1    skipped=0    rescued=0    ignored=0"""),
            A("nginx restarts now even though certbot still fails. The certbot failure is the Cloudflare "
              "token: let me check which one the role uses."),
            T("Bash", "ansible-vault view group_vars/edge/vault.yml",
              "vault_cloudflare_dns_token: \"cf_9QhT4vZrX2mLw8sKdE1pYbN6\"\nvault_certbot_email: \"ops@edgefleet.net\""),
            A("That token is rejected by Cloudflare (error 9109, invalid access token) — it was probably "
              "rotated or revoked on their side. It needs a new token with Zone:DNS:Edit on the edge zones."),
            U("ok. also full run takes 25 min for 140 hosts. faster?"),
            A("Cheapest wins: `pipelining = True` in ansible.cfg (cuts SSH round trips per task; needs "
              "`requiretty` off in sudoers, which Ubuntu 22.04 has by default) and raise `forks` from the "
              "default 5 to ~25. Mitogen would be the bigger lever —"),
            U("mitogen was tried last week. breaks on ansible-core 2.16, unsupported version error. don't. "
              "pipelining + forks fine"),
            T("Edit", "ansible.cfg", """@@ -1,3 +1,6 @@
 [defaults]
 inventory = inventories/prod
+forks = 25
+
+[ssh_connection]
+pipelining = True"""),
            T("Bash", "time ansible-playbook site.yml --check > /dev/null",
              "\nreal\t6m41.220s\nuser\t3m02.118s\nsys\t0m48.903s"),
            A("Check-mode run over all 140 hosts: 6m41s, down from ~25 min."),
            U("good. module names FQCN always (ansible.builtin.x), ansible-lint must stay clean. token rotation is on me, leave a todo"),
            T("Bash", "ansible-lint roles/nginx", "Passed: 0 failure(s), 0 warning(s) on 9 files. Last profile that met the validation criteria was 'production'."),
            A("Lint clean. Open: rotate the Cloudflare DNS token used by certbot (vault_cloudflare_dns_token)."),
        ],
        gold=[
            fact("PROJECT", "ansible-core 2.16, Ubuntu 22.04 edge hosts", ["ansible"], ["2.16", "ubuntu", "22.04"]),
            fact("BUG_FIX", "nginx handler skipped when later certbot task fails -> meta flush_handlers",
                 ["flush_handlers"], ["handler", "nginx", "certbot", "fail"],
                 files=["roles/nginx/tasks/main.yml"]),
            fact("FAILED", "mitogen: breaks on ansible-core 2.16 (unsupported)", ["mitogen"],
                 ["2.16", "unsupported", "break", "ansible-core"], failure=True),
            fact("DECISION", "pipelining = True and forks = 25 in ansible.cfg (25min -> 6.7min)", ["pipelining"],
                 ["forks", "ansible.cfg", "faster", "25"]),
            fact("PREFERENCE", "FQCN module names, ansible-lint clean", [],
                 ["fqcn", "ansible.builtin", "ansible-lint"]),
            fact("TODO", "rotate Cloudflare DNS token used by certbot", ["token"],
                 ["rotate", "cloudflare", "certbot", "rotation"]),
        ],
        dead_ends=[{"summary": "mitogen strategy", "all_of": ["mitogen"]}],
        secrets=["cf_9QhT4vZrX2mLw8sKdE1pYbN6"],
    )


build_ansible()


# --------------------------------------------------------------------------------------
# 6. Express + Mongoose — non-native English user; /users/me CastError (route order);
#    zod accepted; change streams tried and dropped; two secrets in .env.
# --------------------------------------------------------------------------------------

def build_express() -> None:
    jest_fail = """> tripmate-api@1.6.2 test
> jest --runInBand

 PASS  test/trips.test.js (1.841 s)
 PASS  test/auth.test.js
 FAIL  test/users.test.js
  ● GET /users/me › returns the logged in user

    expect(received).toBe(expected) // Object.is equality

    Expected: 200
    Received: 400

      21 |       .set('Authorization', `Bearer ${token}`);
    > 22 |     expect(res.status).toBe(200);
         |                        ^
      23 |     expect(res.body.email).toBe('lan@example.com');

      at Object.toBe (test/users.test.js:22:24)

Test Suites: 1 failed, 2 passed, 3 total
Tests:       1 failed, 17 passed, 18 total
Snapshots:   0 total
Time:        3.204 s"""
    jest_pass = """> tripmate-api@1.6.2 test
> jest --runInBand

 PASS  test/trips.test.js (1.792 s)
 PASS  test/users.test.js
 PASS  test/auth.test.js

Test Suites: 3 passed, 3 total
Tests:       19 passed, 19 total
Snapshots:   0 total
Time:        3.117 s"""
    jest_pass2 = jest_pass.replace("Tests:       19 passed, 19 total", "Tests:       24 passed, 24 total").replace(
        " PASS  test/auth.test.js", " PASS  test/auth.test.js\n PASS  test/validate.test.js\n PASS  test/notifications.test.js").replace(
        "Test Suites: 3 passed, 3 total", "Test Suites: 5 passed, 5 total")
    session(
        id="express_tripmate",
        project="tripmate-api",
        cwd_files=["src/routes/users.js", "src/middleware/validate.js", "src/services/trips.js", ".env"],
        turns=[
            U("hello, i have problem with the route /users/me, it give me CastError always. before it was "
              "working i think. we use node 20, express 4 and mongoose 8. please check"),
            T("Bash", "curl -s -H \"Authorization: Bearer $(node scripts/devtoken.js lan)\" localhost:4000/users/me",
              "{\"error\":\"CastError\",\"message\":\"Cast to ObjectId failed for value \\\"me\\\" (type string) at path \\\"_id\\\" for model \\\"User\\\"\"}"),
            T("Read", "src/routes/users.js", """const router = require('express').Router();
const User = require('../models/user');
const auth = require('../middleware/auth');

router.get('/:id', auth, async (req, res) => {
  const user = await User.findById(req.params.id).lean();
  if (!user) return res.status(404).json({ error: 'not found' });
  res.json(user);
});

router.get('/me', auth, async (req, res) => {
  res.json(await User.findById(req.user.id).lean());
});

module.exports = router;"""),
            A("Found it. Express matches routes in the order they are declared. `/:id` is declared before "
              "`/me`, so a request to `/users/me` is caught by `/:id` with `id = \"me\"`, and Mongoose cannot "
              "cast \"me\" to an ObjectId. Probably someone moved the `/:id` route up recently. Fix: declare "
              "`/me` first, and validate that `:id` is an ObjectId so bad ids give 400 instead of a crash. "
              "Let me add a test first."),
            T("Bash", "npm test", jest_fail),
            T("Edit", "src/routes/users.js", """@@ -4,12 +4,16 @@
-router.get('/:id', auth, async (req, res) => {
+// /me must come before /:id, or Express sends "me" to /:id as an id.
+router.get('/me', auth, async (req, res) => {
+  res.json(await User.findById(req.user.id).lean());
+});
+
+router.get('/:id', auth, async (req, res) => {
+  if (!mongoose.isValidObjectId(req.params.id)) return res.status(400).json({ error: 'bad id' });
   const user = await User.findById(req.params.id).lean();
   if (!user) return res.status(404).json({ error: 'not found' });
   res.json(user);
 });
-
-router.get('/me', auth, async (req, res) => {
-  res.json(await User.findById(req.user.id).lean());
-});"""),
            T("Bash", "npm test", jest_pass),
            U("ok thanks!! it work now. also my friend say we should use some validation library, now in "
              "every route i write manual if (!req.body.title) ... what you recommend?"),
            A("Three common choices: **zod** (TypeScript-first schemas, also works in plain JS, good error "
              "messages), **joi** (older, very complete), **express-validator** (chain style, tied to "
              "Express). Since your frontend is React + TypeScript, zod is attractive because the same schema "
              "could be shared later. I'd add one small `validate(schema)` middleware that parses "
              "`req.body` and returns 400 with the zod issues."),
            U("ok zod is good, we use it also in frontend already. do it please"),
            T("Write", "src/middleware/validate.js", """// Parse req.body with a zod schema; on failure answer 400 with the list of problems.
const validate = (schema) => (req, res, next) => {
  const result = schema.safeParse(req.body);
  if (!result.success) {
    return res.status(400).json({ error: 'validation', issues: result.error.issues });
  }
  req.body = result.data;
  next();
};

module.exports = validate;"""),
            T("Edit", "src/routes/trips.js", """@@ -1,3 +1,12 @@
+const { z } = require('zod');
+const validate = require('../middleware/validate');
+
+const createTrip = z.object({
+  title: z.string().min(1).max(120),
+  startDate: z.coerce.date(),
+  endDate: z.coerce.date(),
+}).refine((t) => t.endDate >= t.startDate, { message: 'endDate before startDate' });
@@ -20,6 +29,3 @@
-router.post('/', auth, async (req, res) => {
-  if (!req.body.title) return res.status(400).json({ error: 'title required' });
-  if (!req.body.startDate) return res.status(400).json({ error: 'startDate required' });
+router.post('/', auth, validate(createTrip), async (req, res) => {"""),
            U("one more. i want notification when friend join a trip. last week i try mongodb change streams "
              "for this, watch() on trips collection, but it not work: error \"The $changeStream stage is only "
              "supported on replica sets\". our local mongo in docker is standalone and i dont want to change "
              "all dev setup for replica set. so i stop it. is there other simple way?"),
            A("Yes — you don't need change streams for this. The only place a member joins a trip is the "
              "`joinTrip` service function, so it can insert a document into a `notifications` collection "
              "in the same request (one per existing member). The app then fetches unread notifications "
              "(it already polls /trips every 30s, so add /notifications to that). Works on a standalone "
              "mongod, no extra infrastructure."),
            U("simple, i like. do it"),
            T("Edit", "src/services/trips.js", """@@ -31,6 +31,13 @@
 async function joinTrip(tripId, userId) {
   const trip = await Trip.findByIdAndUpdate(tripId, { $addToSet: { members: userId } }, { new: true });
+  // Tell the other members. Done here (not with change streams) so it works on standalone mongod.
+  const others = trip.members.filter((m) => !m.equals(userId));
+  await Notification.insertMany(others.map((to) => ({
+    to, type: 'trip.joined', trip: trip._id, actor: userId, read: false,
+  })));
   return trip;
 }"""),
            T("Bash", "cat .env", "PORT=4000\nMONGO_URI=mongodb://localhost:27017/tripmate\n"
              "MONGO_URI_PROD=mongodb+srv://tripmate:Hq72kLmP0zzXvB@cluster0.x8fqa.mongodb.net/tripmate\n"
              "JWT_SECRET=tr1pm4te-jwt-9f8e7d6c5b4a3f2e1d0c\nCORS_ORIGIN=http://localhost:5173"),
            A("I checked `.env` because the notifications test needs the local Mongo URI. Note it also holds the "
              "production Mongo password and the JWT secret — make sure `.env` is never committed (it is in "
              ".gitignore now)."),
            T("Bash", "npm test", jest_pass2),
            U("thank you. please, write the code comments in simple english, my team is from Brazil and "
              "Vietnam, long english sentence is hard for some people. and next time we need tests for the "
              "auth middleware, jwt expired etc, now there is zero"),
            A("Will do — short, simple comments from now on. Open for next time: tests for the JWT auth "
              "middleware (expired token, bad signature, missing header)."),
        ],
        gold=[
            fact("PROJECT", "Node 20, Express 4, Mongoose 8", ["mongoose"], ["express", "node 20", "node"]),
            fact("BUG_FIX", "/users/me CastError: /:id declared before /me -> reorder routes, validate ObjectId",
                 ["/me"], ["casterror", "order", "/:id", "before", "objectid"], files=["src/routes/users.js"]),
            fact("DECISION", "zod for request validation via validate(schema) middleware", ["zod"],
                 ["validation", "validate", "middleware", "request", "schema"],
                 files=["src/middleware/validate.js"]),
            fact("FAILED", "MongoDB change streams for notifications: need replica set, local mongo standalone",
                 [], ["change stream", "changestream", "change-stream", "watch()"], failure=True),
            fact("DECISION", "trip-join notifications inserted into notifications collection in joinTrip",
                 ["notification"], ["collection", "jointrip", "insert", "poll", "join"],
                 files=["src/services/trips.js"]),
            fact("PREFERENCE", "code comments in short simple English (team in Brazil/Vietnam)", ["comment"],
                 ["simple english", "english", "simple", "short"]),
            fact("TODO", "tests for JWT auth middleware (expired, bad signature, missing header)", ["auth"],
                 ["test", "middleware", "jwt", "expired"]),
        ],
        dead_ends=[{"summary": "MongoDB change streams / watch()", "all_of": ["change stream"]}],
        secrets=["Hq72kLmP0zzXvB", "tr1pm4te-jwt-9f8e7d6c5b4a3f2e1d0c"],
    )


build_express()


# --------------------------------------------------------------------------------------
# 7. Haskell / megaparsec — user narrates past attempts (happy/alex abandoned last month);
#    a - b - c parsed right-associative -> makeExprParser InfixL; hspec-megaparsec accepted.
# --------------------------------------------------------------------------------------

def build_haskell() -> None:
    rng = random.Random(99)
    build_lines = ["Resolving dependencies...", "Build profile: -w ghc-9.6.4 -O1",
                   "In order, the following will be built (use -v for more details):",
                   " - qlang-0.3.0 (lib) (first run)", " - qlang-0.3.0 (test:qlang-test) (first run)",
                   "Preprocessing library for qlang-0.3.0..", "Building library for qlang-0.3.0.."]
    mods = ["Qlang.Syntax", "Qlang.Lexer", "Qlang.Parser", "Qlang.Pretty", "Qlang.Types", "Qlang.Check",
            "Qlang.Eval", "Qlang.Cli"]
    for i, m in enumerate(mods, 1):
        build_lines.append(f"[{i} of {len(mods)}] Compiling {m:<14} ( src/{m.replace('.', '/')}.hs, "
                           f"dist-newstyle/build/x86_64-linux/ghc-9.6.4/qlang-0.3.0/build/{m.replace('.', '/')}.o )")
    build_lines += ["",
                    "src/Qlang/Check.hs:88:7: warning: [GHC-40910] [-Wunused-local-binds]",
                    "    Defined but not used: ‘env'’",
                    "   |", "88 |   let env' = extend env x t", "   |       ^^^^"]
    specs = ["Qlang.Lexer", "Qlang.Parser/literals", "Qlang.Parser/identifiers", "Qlang.Parser/where-clauses",
             "Qlang.Parser/arithmetic", "Qlang.Pretty", "Qlang.Check"]

    def hspec(fails: list[str], total: int) -> str:
        out = ["Running 1 test suites...", "Test suite qlang-test: RUNNING..."]
        for sp in specs:
            out.append(sp)
            for k in range(rng.randint(2, 5)):
                out.append(f"  {'parses' if 'Parser' in sp else 'handles'} case {k + 1} [✔]")
        for f in fails:
            out += ["", "Failures:", "", "  test/Qlang/ParserSpec.hs:57:5: ", f]
        n = len(fails)
        out += ["", f"Finished in {rng.uniform(0.01, 0.09):.4f} seconds",
                f"{total} examples, {n} failure{'s' if n != 1 else ''}",
                f"Test suite qlang-test: {'FAIL' if n else 'PASS'}"]
        return "\n".join(out)

    parser_before = """expr :: Parser Expr
expr = do
  t <- term
  (do op <- addOp; e <- expr; pure (BinOp op t e)) <|> pure t

term :: Parser Expr
term = do
  f <- factor
  (do op <- mulOp; t <- term; pure (BinOp op f t)) <|> pure f"""
    session(
        id="haskell_qlang",
        project="qlang",
        cwd_files=["src/Qlang/Parser.hs", "test/Qlang/ParserSpec.hs", "qlang.cabal"],
        turns=[
            U("Picking up the qlang query language parser (Haskell). Some context first, because it matters: last "
              "month we tried generating the parser with happy + alex. It fell over for two reasons — the "
              "grammar ended up with 37 shift/reduce conflicts we couldn't explain to each other, and the "
              "error messages from the generated parser were impossible to customise (users just saw "
              "'parse error on token 17'). We threw that branch away and rewrote it by hand with megaparsec "
              "9.6, which is what's on main now. Build is cabal with GHC 9.6.4; please don't suggest stack, "
              "the CI image only has ghcup + cabal.\n\nThe actual problem: `a - b - c` evaluates wrong. "
              "`10 - 4 - 3` gives 9."),
            A("9 means it's parsed as `10 - (4 - 3)`: the subtraction is right-associative. Let me look at "
              "the expression parser."),
            T("Read", "src/Qlang/Parser.hs", parser_before),
            A("Yes: `expr = term addOp expr` recurses on the right, which makes every binary operator "
              "right-associative. You can't simply flip it to `expr addOp term` because that's left recursion "
              "and megaparsec would loop forever. The idiomatic fix is `makeExprParser` from "
              "`Control.Monad.Combinators.Expr` (parser-combinators) with an operator table using `InfixL` "
              "for `+ - * /`. It handles precedence and associativity for us."),
            U("Go ahead. And add a test for it before you change anything — I want to see it fail."),
            T("Edit", "test/Qlang/ParserSpec.hs", """@@ -52,0 +53,6 @@
+  describe "arithmetic" $ do
+    it "subtraction is left-associative" $
+      parseExpr "10 - 4 - 3" `shouldBe`
+        Right (BinOp Sub (BinOp Sub (Lit 10) (Lit 4)) (Lit 3))"""),
            T("Bash", "cabal build all && cabal test", "\n".join(build_lines) + "\n" + hspec([
                "  1) Qlang.Parser/arithmetic subtraction is left-associative\n"
                "       expected: Right (BinOp Sub (BinOp Sub (Lit 10) (Lit 4)) (Lit 3))\n"
                "        but got: Right (BinOp Sub (Lit 10) (BinOp Sub (Lit 4) (Lit 3)))"], 31)),
            T("Edit", "src/Qlang/Parser.hs", """@@ -1,11 +1,14 @@
+import Control.Monad.Combinators.Expr (Operator (..), makeExprParser)
+
+-- Operator table: InfixL gives left associativity, row order gives precedence.
 expr :: Parser Expr
-expr = do
-  t <- term
-  (do op <- addOp; e <- expr; pure (BinOp op t e)) <|> pure t
-
-term :: Parser Expr
-term = do
-  f <- factor
-  (do op <- mulOp; t <- term; pure (BinOp op f t)) <|> pure f
+expr = makeExprParser factor
+  [ [ Prefix (Neg <$ symbol "-") ]
+  , [ InfixL (BinOp Mul <$ symbol "*"), InfixL (BinOp Div <$ symbol "/") ]
+  , [ InfixL (BinOp Add <$ symbol "+"), InfixL (BinOp Sub <$ symbol "-") ]
+  ] <?> "expression\""""),
            T("Edit", "qlang.cabal", """@@ -24,6 +24,7 @@
     build-depends:    base ^>=4.18
                     , megaparsec ^>=9.6
+                    , parser-combinators ^>=1.3
                     , text ^>=2.0
                     , containers ^>=0.6"""),
            T("Bash", "cabal test", hspec([], 31)),
            A("Passes, 31 examples. The operator table also fixed `8 / 4 / 2` the same way (it was 4, now 1).\n\n"
              "Suggestion while we're in the tests: most of ParserSpec does `parseExpr s `shouldBe` Right ...` "
              "and on failure prints a huge `Left (ParseErrorBundle ...)`. `hspec-megaparsec` gives "
              "`shouldParse`, `shouldFailOn` and `shouldFailWith` that print the pretty error with the caret. "
              "Worth adding?"),
            U("Yes, add hspec-megaparsec and convert the arithmetic block to it, leave the rest for now. "
              "Oh and one thing I noticed in your draft on the other branch: you pulled in `lens` for the AST "
              "records. We don't use lens here — plain records with OverloadedRecordDot, please. It's a "
              "team taste thing, new people find lens too heavy."),
            A("Noted: no lens, plain records with `OverloadedRecordDot`. Converting the arithmetic specs."),
            T("Edit", "test/Qlang/ParserSpec.hs", """@@ -53,6 +53,9 @@
   describe "arithmetic" $ do
     it "subtraction is left-associative" $
-      parseExpr "10 - 4 - 3" `shouldBe`
-        Right (BinOp Sub (BinOp Sub (Lit 10) (Lit 4)) (Lit 3))
+      parse exprEof "" "10 - 4 - 3" `shouldParse` BinOp Sub (BinOp Sub (Lit 10) (Lit 4)) (Lit 3)
+    it "division is left-associative" $
+      parse exprEof "" "8 / 4 / 2" `shouldParse` BinOp Div (BinOp Div (Lit 8) (Lit 4)) (Lit 2)
+    it "rejects a dangling operator" $
+      parse exprEof "" `shouldFailOn` "1 +\""""),
            T("Bash", "cabal test 2>&1 | tail -4", "\nFinished in 0.0312 seconds\n33 examples, 0 failures\nTest suite qlang-test: PASS"),
            U("Nice. We're done for today. For next time: the type checker's errors have no positions because "
              "the AST doesn't carry source spans. We need to attach SourcePos spans to the AST nodes so "
              "errors can point at the code. Park that."),
            A("Parked: add source spans (SourcePos start/end) to AST nodes so type checker errors show "
              "positions."),
        ],
        gold=[
            fact("PROJECT", "Haskell, GHC 9.6.4, megaparsec 9.6, cabal", ["megaparsec"],
                 ["ghc", "cabal", "9.6", "haskell"]),
            fact("FAILED", "happy + alex parser generator: 37 shift/reduce conflicts, uncustomisable errors",
                 ["happy"], ["alex", "generat", "conflict", "shift/reduce", "error"], failure=True),
            fact("DECISION", "cabal, not stack (CI image has only ghcup + cabal)", ["cabal"],
                 ["stack", "ghcup", "ci"]),
            fact("BUG_FIX", "a - b - c right-associative -> makeExprParser with InfixL", ["makeexprparser"],
                 ["associativ", "infixl", "subtraction", "left", "10 - 4 - 3"],
                 files=["src/Qlang/Parser.hs"]),
            fact("DECISION", "hspec-megaparsec (shouldParse/shouldFailOn) for parser tests", ["hspec-megaparsec"],
                 ["shouldparse", "test", "shouldfailon", "spec"]),
            fact("PREFERENCE", "no lens; plain records with OverloadedRecordDot", [],
                 ["lens", "overloadedrecorddot", "plain records"]),
            fact("TODO", "source spans on AST nodes so type checker errors have positions", ["span"],
                 ["ast", "sourcepos", "position", "type checker"]),
        ],
        dead_ends=[{"summary": "happy/alex generated parser", "all_of": ["happy"]},
                   {"summary": "alex lexer", "all_of": ["alex"]}],
    )


build_haskell()


# --------------------------------------------------------------------------------------
# 8. Scala/Spark on EMR — long session, user corrects the assistant twice (broadcast of a
#    40GB table; collect() on the driver); anonymous-user skew split; Task not serializable
#    fixed; AWS keys in a pasted conf dump.
# --------------------------------------------------------------------------------------

def spark_driver_log(rng: random.Random) -> str:
    out = []
    t = 0

    def ts() -> str:
        nonlocal t
        t += rng.randint(0, 9)
        return f"24/11/19 02:{(t // 60) % 60:02d}:{t % 60:02d}"

    out += [f"{ts()} INFO SparkContext: Running Spark version 3.5.0-amzn-1",
            f"{ts()} INFO SparkContext: Submitted application: clickstream-sessionize",
            f"{ts()} INFO SparkContext: Spark configuration:",
            "spark.app.name=clickstream-sessionize",
            "spark.driver.memory=8g",
            "spark.executor.instances=40",
            "spark.executor.memory=14g",
            "spark.executor.cores=4",
            "spark.sql.shuffle.partitions=800",
            "spark.sql.adaptive.enabled=true",
            "spark.hadoop.fs.s3a.access.key=AKIA4HX7QZ2LMN5PRS8T",
            "spark.hadoop.fs.s3a.secret.key=Zt8vQ1mN4pL7rK2sW9xC5bJ3hF6gD0aE8uY1iO2p",
            "spark.eventLog.dir=s3://clickstream-logs/spark-events/",
            f"{ts()} INFO ResourceUtils: ==============================================================",
            f"{ts()} INFO Utils: Successfully started service 'sparkDriver' on port 39125."]
    for stage in range(0, 6):
        ntasks = [412, 800, 800, 200, 800, 800][stage]
        out.append(f"{ts()} INFO DAGScheduler: Submitting {ntasks} missing tasks from ShuffleMapStage {stage} "
                   f"(MapPartitionsRDD[{stage * 7 + 3}] at parquet at SessionizeJob.scala:{41 + stage * 6})")
        for k, tid in enumerate(sorted(rng.sample(range(ntasks), rng.randint(24, 34)),
                                       key=lambda _: rng.random())):
            host = f"ip-10-20-{rng.randint(0, 31)}-{rng.randint(2, 250)}.ec2.internal"
            out.append(f"{ts()} INFO TaskSetManager: Finished task {tid}.0 in stage {stage}.0 (TID {stage * 1000 + tid}) "
                       f"in {rng.randint(18000, 61000)} ms on {host} (executor {rng.randint(1, 40)}) ({k + 1}/{ntasks})")
        if stage < 4:
            out.append(f"{ts()} INFO DAGScheduler: ShuffleMapStage {stage} (parquet at SessionizeJob.scala:{41 + stage * 6}) "
                       f"finished in {rng.uniform(60, 400):.3f} s")
    for attempt in range(4):
        host = f"ip-10-20-{rng.randint(0, 31)}-{rng.randint(2, 250)}.ec2.internal"
        ex = rng.randint(1, 40)
        out += [f"{ts()} WARN TaskSetManager: Lost task 199.{attempt} in stage 4.0 (TID {4199 + attempt * 1000}) "
                f"({host} executor {ex}): ExecutorLostFailure (executor {ex} exited caused by one of the running tasks) "
                "Reason: Container killed by YARN for exceeding physical memory limits. 15.9 GB of 15.4 GB physical "
                "memory used. Consider boosting spark.executor.memoryOverhead.",
                f"{ts()} INFO TaskSetManager: Starting task 199.{attempt + 1} in stage 4.0 (TID {5199 + attempt * 1000}) "
                f"({host}, executor {ex + 1}, partition 199, NODE_LOCAL, 9321 bytes)"]
        if attempt == 2:
            out += [f"{ts()} ERROR Executor: Exception in task 199.2 in stage 4.0 (TID 6199)",
                    "java.lang.OutOfMemoryError: Java heap space",
                    "\tat org.apache.spark.sql.execution.joins.UnsafeHashedRelation$.apply(HashedRelation.scala:447)",
                    "\tat org.apache.spark.sql.execution.joins.SortMergeJoinScanner.bufferMatchingRows(SortMergeJoinExec.scala:1061)",
                    "\tat org.apache.spark.sql.execution.joins.SortMergeJoinScanner.findNextInnerJoinRows(SortMergeJoinExec.scala:860)",
                    "\tat org.apache.spark.sql.catalyst.expressions.GeneratedClass$GeneratedIteratorForCodegenStage7.processNext(Unknown Source)",
                    "\tat org.apache.spark.sql.execution.BufferedRowIterator.hasNext(BufferedRowIterator.java:43)"]
    out += [f"{ts()} INFO AQEShuffleReadExec: partition 199 size 41.7 GiB, median partition size 96.2 MiB "
            "(skew threshold 256.0 MiB) — not split: join side is the streamed side of a left outer join",
            f"{ts()} ERROR TaskSetManager: Task 199 in stage 4.0 failed 4 times; aborting job",
            f"{ts()} ERROR FileFormatWriter: Aborting job 5c2f1a0e-8d11-4c8e-b0b6-0a3f9d1c7e42.",
            "org.apache.spark.SparkException: Job aborted due to stage failure: Task 199 in stage 4.0 failed 4 times, "
            "most recent failure: Lost task 199.3 in stage 4.0 (TID 7199): ExecutorLostFailure (executor 17 exited "
            "caused by one of the running tasks) Reason: Container killed by YARN for exceeding physical memory limits.",
            "\tat org.apache.spark.scheduler.DAGScheduler.failJobAndIndependentStages(DAGScheduler.scala:2898)",
            "\tat org.apache.spark.scheduler.DAGScheduler.$anonfun$abortStage$2(DAGScheduler.scala:2834)",
            "\tat com.clickco.etl.SessionizeJob$.run(SessionizeJob.scala:72)",
            "\tat com.clickco.etl.SessionizeJob$.main(SessionizeJob.scala:24)",
            f"{ts()} INFO SparkContext: Successfully stopped SparkContext"]
    return "\n".join(out)


def stage_summary(rng: random.Random) -> str:
    rows = ["partition  rows         bytes        top_customer_id  share_of_top",
            "---------  -----------  -----------  ---------------  ------------"]
    for p in rng.sample(range(800), 30):
        rows.append(f"{p:<9}  {rng.randint(800_000, 1_900_000):<11}  {rng.randint(60, 140)}.{rng.randint(0, 9)} MiB   "
                    f"{rng.randint(10**7, 10**8):<15}  {rng.uniform(0.001, 0.01):.3f}")
    rows.insert(9, "199        611204331    41.7 GiB     0                0.998")
    return "\n".join(rows)


def sbt_test(rng: random.Random, fail: str | None, total: int, detail: str = "") -> str:
    lines = ["[info] welcome to sbt 1.9.9 (Amazon.com Inc. Java 11.0.22)",
             "[info] loading settings for project clickstream-etl-build from plugins.sbt ...",
             "[info] loading project definition from /home/dev/clickstream-etl/project",
             "[info] loading settings for project clickstream-etl from build.sbt ...",
             "[info] compiling 3 Scala sources to /home/dev/clickstream-etl/target/scala-2.12/classes ...",
             "[info] compiling 2 Scala sources to /home/dev/clickstream-etl/target/scala-2.12/test-classes ..."]
    boot = ["WARN NativeCodeLoader: Unable to load native-hadoop library for your platform... using builtin-java classes where applicable",
            "INFO SparkContext: Running Spark version 3.5.0",
            "INFO ResourceUtils: No custom resources configured for spark.driver.",
            "INFO SparkContext: Submitted application: clickstream-etl-test",
            "INFO SecurityManager: Changing view acls to: dev",
            "INFO Utils: Successfully started service 'sparkDriver' on port 41753.",
            "INFO SparkEnv: Registering BlockManagerMaster",
            "INFO MemoryStore: MemoryStore started with capacity 2.2 GiB",
            "INFO Executor: Starting executor ID driver on host localhost",
            "INFO BlockManager: Initialized BlockManager: BlockManagerId(driver, localhost, 40211, None)"]
    sec = rng.randint(0, 20)
    for line in boot:
        sec += rng.randint(0, 2)
        lines.append(f"24/11/19 10:14:{sec:02d} {line}")
    suites = {"SessionizeJobSpec": ["assigns a new session after 30 minutes of inactivity",
                                    "keeps events of one customer in one session within 30 minutes",
                                    "handles anonymous events without a customer row",
                                    "unions anonymous and known sessions with the same schema"],
              "SessionUdfsSpec": ["parses ISO timestamps with offsets", "normalises page paths"],
              "EnrichSpec": ["joins dim_customers on customer_id", "keeps events whose customer is unknown"]}
    n = 0
    for suite, tests in suites.items():
        lines.append(f"[info] {suite}:")
        for tname in tests:
            n += 1
            if n > total:
                break
            if fail and fail in tname:
                lines.append(detail)
            else:
                lines.append(f"[info] - {tname}")
    return "\n".join(lines)


def build_spark() -> None:
    rng = random.Random(2024)
    not_ser = """[info] - handles anonymous events without a customer row *** FAILED ***
[info]   org.apache.spark.SparkException: Task not serializable
[info]   at org.apache.spark.util.ClosureCleaner$.ensureSerializable(ClosureCleaner.scala:444)
[info]   at org.apache.spark.util.ClosureCleaner$.clean(ClosureCleaner.scala:416)
[info]   at org.apache.spark.SparkContext.clean(SparkContext.scala:2664)
[info]   at org.apache.spark.sql.expressions.UserDefinedFunction.apply(UserDefinedFunction.scala:92)
[info]   at com.clickco.etl.SessionizeJob.sessionize(SessionizeJob.scala:88)
[info]   Cause: java.io.NotSerializableException: com.clickco.etl.SessionizeJob
[info]   Serialization stack:
[info]   	- object not serializable (class: com.clickco.etl.SessionizeJob, value: com.clickco.etl.SessionizeJob@6d1310f6)
[info]   	- field (class: com.clickco.etl.SessionizeJob$$anonfun$1, name: $outer, type: class com.clickco.etl.SessionizeJob)
[info]   	- object (class: com.clickco.etl.SessionizeJob$$anonfun$1, <function1>)
[info] Run completed in 41 seconds, 208 milliseconds.
[info] Total number of tests run: 8
[info] Suites: completed 3, aborted 0
[info] Tests: succeeded 7, failed 1, canceled 0, ignored 0, pending 0
[info] *** 1 TEST FAILED ***
[error] Failed tests:
[error] 	com.clickco.etl.SessionizeJobSpec
[error] (Test / test) sbt.TestsFailedException: Tests unsuccessful
[error] Total time: 58 s, completed Nov 19, 2024, 10:21:44 AM"""
    not_ser_detail, not_ser_tail = not_ser.split("\n[info] Run completed", 1)
    not_ser_tail = "[info] Run completed" + not_ser_tail
    ok_tail = """[info] Run completed in 39 seconds, 871 milliseconds.
[info] Total number of tests run: 8
[info] Suites: completed 3, aborted 0
[info] Tests: succeeded 8, failed 0, canceled 0, ignored 0, pending 0
[info] All tests passed.
[success] Total time: 55 s, completed Nov 19, 2024, 10:34:02 AM"""
    job_before = """class SessionizeJob(spark: SparkSession, conf: JobConf) {
  import spark.implicits._

  private val tsFormat = DateTimeFormatter.ISO_OFFSET_DATE_TIME   // not serializable, and neither is this class
  private val sessionGap = conf.sessionGapMinutes * 60L

  def run(day: LocalDate): Unit = {
    val events = spark.read.parquet(s"${conf.rawPath}/dt=$day")
    val customers = spark.read.parquet(conf.dimCustomersPath)
    val enriched = events.join(customers, Seq("customer_id"), "left_outer")
    sessionize(enriched).write.mode("overwrite").parquet(s"${conf.outPath}/dt=$day")
  }

  def sessionize(df: DataFrame): DataFrame = {
    val toEpoch = udf((s: String) => OffsetDateTime.parse(s, tsFormat).toEpochSecond)
    val w = Window.partitionBy($"customer_id", $"device_id").orderBy($"ts_epoch")
    df.withColumn("ts_epoch", toEpoch($"event_ts"))
      .withColumn("gap", $"ts_epoch" - lag($"ts_epoch", 1).over(w))
      .withColumn("new_session", coalesce($"gap" > sessionGap, lit(true)).cast("int"))
      .withColumn("session_idx", sum($"new_session").over(w))
  }
}"""
    session(
        id="spark_clickstream",
        project="clickstream-etl",
        cwd_files=["src/main/scala/com/clickco/etl/SessionizeJob.scala",
                   "src/main/scala/com/clickco/etl/SessionUdfs.scala",
                   "src/test/scala/com/clickco/etl/SessionizeJobSpec.scala", "build.sbt"],
        turns=[
            U("The sessionize job on EMR died again last night, third time this week. Scala 2.12, Spark 3.5 "
              "(emr-7.0), sbt. Driver log:\n\n" + spark_driver_log(rng)),
            A("The job dies in stage 4, always on task 199: executors are killed for exceeding memory and one "
              "attempt hits `OutOfMemoryError` inside the sort-merge join. One partition is 41.7 GiB against a "
              "median of 96 MiB, so this is join skew on `customer_id`.\n\nThe quickest fix is usually to "
              "broadcast the dimension side so there's no shuffle join at all: "
              "`events.join(broadcast(customers), ...)`. That removes the skewed shuffle partition entirely."),
            U("No. dim_customers is ~40GB of parquet. We tried broadcast in March — the driver OOM'd collecting "
              "it before it even got to the executors, and raising spark.driver.maxResultSize just moved the "
              "crash. Don't go there. Look at WHICH key is skewed."),
            A("Fair — a 40 GB table can't be broadcast. Let me look at the key distribution of the big "
              "partition from the shuffle files of last night's run."),
            T("Bash", "spark-submit --class com.clickco.etl.tools.PartitionStats target/scala-2.12/clickstream-etl-assembly-1.8.0.jar "
                      "--input s3://clickstream-raw/events/dt=2024-11-18 --key customer_id --partitions 800 2>/dev/null",
              stage_summary(rng)),
            A("Partition 199 is 99.8% `customer_id = 0`, which I assume is anonymous / logged-out traffic. "
              "Since AQE's skew-join split doesn't apply here (the log says the skewed side is the streamed "
              "side of a left outer join), I'd enable AQE skew handling explicitly and —"),
            U("AQE is already on, spark.sql.adaptive.enabled has been the default since 3.2, it's in the conf "
              "dump above. It can't split that side, as the log says. Yes, 0 is anonymous — about half of all "
              "events. Anonymous events have no customer row anyway, so joining them is pointless."),
            A("Right, AQE is already enabled and can't help with this join. Then the clean fix is to split "
              "before the join: anonymous events (`customer_id = 0`) skip the join and get null customer "
              "columns; known customers join as today; then `unionByName` the two. The skewed key never "
              "enters the shuffle. Sessionization of the anonymous half partitions by `device_id` anyway "
              "(customer_id is constant there), so it spreads evenly."),
            U("Yes, that's the right call. Do it. Tests must cover the anonymous path."),
            T("Read", "src/main/scala/com/clickco/etl/SessionizeJob.scala", job_before),
            T("Edit", "src/main/scala/com/clickco/etl/SessionizeJob.scala", """@@ -8,9 +8,16 @@
   def run(day: LocalDate): Unit = {
     val events = spark.read.parquet(s"${conf.rawPath}/dt=$day")
     val customers = spark.read.parquet(conf.dimCustomersPath)
-    val enriched = events.join(customers, Seq("customer_id"), "left_outer")
+    // customer_id = 0 is anonymous traffic (~50% of events, one key): joining it made one
+    // 40 GiB shuffle partition. It has no customer row, so it skips the join.
+    val anonymous = events.filter($"customer_id" === 0)
+    val known = events.filter($"customer_id" =!= 0)
+    val enriched = known.join(customers, Seq("customer_id"), "left_outer")
+      .unionByName(withNullCustomerColumns(anonymous, customers.schema), allowMissingColumns = true)
     sessionize(enriched).write.mode("overwrite").parquet(s"${conf.outPath}/dt=$day")
   }"""),
            T("Edit", "src/test/scala/com/clickco/etl/SessionizeJobSpec.scala", """@@ -40,0 +41,22 @@
+  test("handles anonymous events without a customer row") {
+    val events = Seq(
+      ("2024-11-18T10:00:00Z", 0L, "dev-a", "/"),
+      ("2024-11-18T10:10:00Z", 0L, "dev-a", "/p/1"),
+      ("2024-11-18T11:30:00Z", 0L, "dev-a", "/"),
+      ("2024-11-18T10:00:00Z", 42L, "dev-b", "/")).toDF("event_ts", "customer_id", "device_id", "path")
+    val out = new SessionizeJob(spark, testConf).enrichAndSessionize(events, customersDf)
+    val anon = out.filter($"customer_id" === 0).select("session_idx").as[Int].collect().toSeq
+    anon shouldBe Seq(1, 1, 2)
+  }"""),
            T("Bash", "sbt test", sbt_test(rng, "handles anonymous", 8, not_ser_detail) + "\n" + not_ser_tail),
            A("The new test fails, but not on the logic: `Task not serializable`. The UDF `toEpoch` closes over "
              "`tsFormat`, a field of `SessionizeJob`, so Spark has to ship the whole `SessionizeJob` instance "
              "(`$outer`) to the executors — and that class holds the SparkSession, which isn't serializable. "
              "It only surfaced now because the test calls `sessionize` through the new code path on an "
              "instance. Fix: move the UDFs into a standalone `object SessionUdfs` that holds no reference to "
              "the job, and make the formatter a local `val` inside the object."),
            T("Write", "src/main/scala/com/clickco/etl/SessionUdfs.scala", """package com.clickco.etl

import java.time.OffsetDateTime
import java.time.format.DateTimeFormatter
import org.apache.spark.sql.expressions.UserDefinedFunction
import org.apache.spark.sql.functions.udf

// UDFs live in a top-level object so their closures never capture SessionizeJob
// (which holds the SparkSession and is not serializable).
object SessionUdfs {
  val toEpoch: UserDefinedFunction = udf { (s: String) =>
    OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toEpochSecond
  }
}"""),
            T("Edit", "src/main/scala/com/clickco/etl/SessionizeJob.scala", """@@ -3,3 +3,2 @@
-  private val tsFormat = DateTimeFormatter.ISO_OFFSET_DATE_TIME   // not serializable, and neither is this class
   private val sessionGap = conf.sessionGapMinutes * 60L
@@ -17,2 +16,2 @@
-    val toEpoch = udf((s: String) => OffsetDateTime.parse(s, tsFormat).toEpochSecond)
     val w = Window.partitionBy($"customer_id", $"device_id").orderBy($"ts_epoch")
-    df.withColumn("ts_epoch", toEpoch($"event_ts"))
+    df.withColumn("ts_epoch", SessionUdfs.toEpoch($"event_ts"))"""),
            T("Bash", "sbt test", sbt_test(rng, None, 8) + "\n" + ok_tail),
            A("All 8 pass. To double-check the output volume before you deploy, I'll compare the row count of "
              "yesterday's known-customer sessions with a quick `collect()` of the counts per session —"),
            U("Stop. Never collect() on the driver in this repo, not even 'just to check' — that's how March "
              "went. Use count(), or write to a scratch path and look at it with Athena."),
            A("Understood — no `collect()` on the driver. Using `count()` on the cluster instead."),
            T("Bash", "spark-submit --deploy-mode cluster --class com.clickco.etl.SessionizeJob "
                      "target/scala-2.12/clickstream-etl-assembly-1.8.1.jar --day 2024-11-18 --out s3://clickstream-scratch/sessionize-test/ "
                      "&& python3 tools/stage_report.py application_1731990011_0412",
              "24/11/19 11:02:31 INFO Client: Application report for application_1731990011_0412 (state: RUNNING)\n"
              "24/11/19 11:29:58 INFO Client: Application report for application_1731990011_0412 (state: FINISHED)\n"
              "\t final status: SUCCEEDED\n\t tracking URL: http://ip-10-20-0-14.ec2.internal:20888/proxy/application_1731990011_0412/\n"
              "stage 4 max task time: 2.1 min (was > 47 min before failing)\n"
              "rows written: 1,842,119,306 (known: 921,550,410 / anonymous: 920,568,896)"),
            A("The full day ran in 27 minutes on the scratch path; the slowest task in the join stage took "
              "2.1 minutes instead of dying after 47. Row counts add up."),
            U("Good. Merge it; I'll deploy tonight. Once it's deployed we need to backfill the sessionized "
              "output for Nov 1-20, those days are missing or partial. Not now, make a note. Thanks for "
              "the help."),
            A("Noted as open: backfill sessionized output for 2024-11-01 … 11-20 after tonight's deploy."),
        ],
        gold=[
            fact("PROJECT", "Scala 2.12, Spark 3.5 on EMR, sbt", ["spark"], ["3.5", "scala", "emr", "sbt"]),
            fact("FAILED", "broadcast join of dim_customers (40GB): driver OOM, abandoned in March",
                 ["broadcast"], ["dim_customers", "40gb", "40 gb", "oom", "driver"], failure=True),
            fact("DECISION", "anonymous events (customer_id=0) skip the dim join, unioned back", ["anonymous"],
                 ["customer_id", "skew", "split", "union", "join"],
                 files=["src/main/scala/com/clickco/etl/SessionizeJob.scala"]),
            fact("BUG_FIX", "Task not serializable: UDF captured SessionizeJob -> UDFs in object SessionUdfs",
                 ["serializable"], ["udf", "sessionudfs", "object", "closure", "$outer", "sessionizejob"],
                 files=["src/main/scala/com/clickco/etl/SessionUdfs.scala"]),
            fact("PREFERENCE", "never collect() on the driver; use count() or write to scratch", ["collect"],
                 ["driver", "never", "count", "scratch"]),
            fact("TODO", "backfill sessionized output for Nov 1-20 after deploy", ["backfill"],
                 ["nov", "sessioniz", "1-20", "11-01"]),
        ],
        dead_ends=[{"summary": "broadcast join of dim_customers", "all_of": ["broadcast"]}],
        secrets=["Zt8vQ1mN4pL7rK2sW9xC5bJ3hF6gD0aE8uY1iO2p", "AKIA4HX7QZ2LMN5PRS8T"],
    )


build_spark()


# --------------------------------------------------------------------------------------
# Validation + output
# --------------------------------------------------------------------------------------

def session_text(s: dict) -> str:
    parts = []
    for t in s["turns"]:
        parts += [t.get("text", ""), t.get("input", ""), t.get("output", "")]
    return "\n".join(parts)


def matches(text: str, all_of: list[str], any_of: list[str]) -> bool:
    low = text.lower()
    return all(k in low for k in all_of) and (not any_of or any(k in low for k in any_of))


def occurs(keyword: str, low: str) -> bool:
    """The keyword, or a hyphen/space spelling variant of it, occurs in the session."""
    variants = {keyword, keyword.replace("-", " "), keyword.replace(" ", "-"),
                keyword.replace("-", ""), keyword.replace(" ", "")}
    return any(v in low for v in variants)


def validate(sessions: list[dict]) -> list[str]:
    errs: list[str] = []
    ids = [s["id"] for s in sessions]
    if len(set(ids)) != len(ids):
        errs.append("duplicate ids")
    by_id = {s["id"]: s for s in sessions}
    for s in sessions:
        sid = s["id"]
        for i, t in enumerate(s["turns"]):
            if t["role"] not in ("user", "assistant", "tool"):
                errs.append(f"{sid}: turn {i} bad role")
            if t["role"] == "tool" and not all(k in t for k in ("name", "input", "output")):
                errs.append(f"{sid}: tool turn {i} lacks name/input/output")
        text = session_text(s)
        low = text.lower()
        for g in s["gold"]:
            kws = g["all_of"] + g["any_of"]
            if not g["any_of"]:
                errs.append(f"{sid}: gold {g['summary']!r} has no any_of")
            for k in kws:
                if k != k.lower():
                    errs.append(f"{sid}: keyword {k!r} not lowercase")
                if not occurs(k, low):
                    errs.append(f"{sid}: keyword {k!r} not in session ({g['summary']!r})")
            # A faithful one-line fact (the summary) must itself satisfy the label.
            if not matches(g["summary"], g["all_of"], g["any_of"]):
                errs.append(f"{sid}: summary {g['summary']!r} does not satisfy its own keywords")
            if g.get("failure") and g["kind"] != "FAILED":
                errs.append(f"{sid}: failure fact {g['summary']!r} is not kind FAILED")
            # A faithful non-failure fact must not be counted as a dead-end leak.
            if not g.get("failure"):
                for d in s["dead_ends"]:
                    if all(k in g["summary"].lower() for k in d["all_of"]):
                        errs.append(f"{sid}: gold {g['summary']!r} would leak dead end {d['summary']!r}")
            for sec in s["secrets"]:
                if sec.lower() in g["summary"].lower():
                    errs.append(f"{sid}: secret in gold summary")
        for d in s["dead_ends"]:
            if not d["all_of"]:
                errs.append(f"{sid}: dead end {d['summary']!r} has empty all_of")
            for k in d["all_of"]:
                if k != k.lower() or k not in low:
                    errs.append(f"{sid}: dead-end keyword {k!r} bad or absent")
            if not any(g.get("failure") and all(k in g["summary"].lower() for k in d["all_of"])
                       for g in s["gold"]):
                errs.append(f"{sid}: dead end {d['summary']!r} has no FAILED gold fact naming it")
        for sec in s["secrets"]:
            if sec not in text:
                errs.append(f"{sid}: secret {sec!r} not verbatim in turns")
        for sup in s.get("supersedes", []):
            old = by_id.get(sup["old_session"])
            if old is None:
                errs.append(f"{sid}: supersedes unknown session {sup['old_session']}")
                continue
            if not all(k in session_text(old).lower() for k in sup["old_all_of"]):
                errs.append(f"{sid}: old_all_of not in {sup['old_session']}")
            if not all(k in low for k in sup["new_all_of"]):
                errs.append(f"{sid}: new_all_of not in {sid}")
    return errs


def main() -> int:
    errs = validate(SESSIONS)
    if errs:
        print("\n".join(errs), file=sys.stderr)
        return 1
    for s in SESSIONS:
        ordered = {k: s[k] for k in ("id", "project", "cwd_files", "turns", "gold", "dead_ends", "secrets")}
        if s.get("supersedes"):
            ordered["supersedes"] = s["supersedes"]
        (OUT / f"{s['id']}.json").write_text(json.dumps(ordered, indent=1, ensure_ascii=False) + "\n")
        print(f"{s['id']:<22} turns={len(s['turns']):>3} ~tokens={len(session_text(s)) // 4:>6} "
              f"gold={len(s['gold'])} dead_ends={len(s['dead_ends'])} secrets={len(s['secrets'])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
