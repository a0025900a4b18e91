from _common import U, A, T, write

CF_TOKEN = "qT7vN2xK9mLp4RzW8bYc3HdF6sJa1GeU5oXi0VtB"

PKG = '''{
  "name": "feira-shop",
  "version": "0.4.0",
  "private": true,
  "type": "module",
  "engines": { "node": ">=18.17.0" },
  "scripts": {
    "build": "qwik build",
    "build.client": "vite build",
    "build.preview": "vite build --ssr src/entry.preview.tsx",
    "build.server": "vite build -c adapters/cloudflare-pages/vite.config.ts",
    "build.types": "tsc --incremental --noEmit",
    "deploy": "wrangler pages deploy ./dist",
    "dev": "vite --mode ssr",
    "lint": "eslint \\"src/**/*.ts*\\"",
    "preview": "qwik build preview && vite preview --open",
    "serve": "wrangler pages dev ./dist --compatibility-flags=nodejs_als",
    "test": "vitest run"
  },
  "devDependencies": {
    "@builder.io/qwik": "^1.5.7",
    "@builder.io/qwik-city": "^1.5.7",
    "@types/node": "^20.12.7",
    "autoprefixer": "^10.4.19",
    "eslint-plugin-qwik": "^1.5.7",
    "postcss": "^8.4.38",
    "prisma": "^5.14.0",
    "tailwindcss": "^3.4.3",
    "typescript": "5.4.5",
    "vite": "^5.2.11",
    "vite-tsconfig-paths": "^4.3.2",
    "vitest": "^1.6.0",
    "wrangler": "^3.57.0"
  },
  "dependencies": {
    "@neondatabase/serverless": "^0.9.3",
    "@prisma/adapter-neon": "^5.14.0",
    "@prisma/client": "^5.14.0",
    "zod": "^3.23.8"
  }
}'''

ROUTE = '''import { component$ } from "@builder.io/qwik";
import { routeLoader$, type DocumentHead } from "@builder.io/qwik-city";
import { getPrisma } from "~/lib/prisma";
import { ProductGallery } from "~/components/product/gallery";
import { AddToCart } from "~/components/cart/add-to-cart";

export const useProduct = routeLoader$(async ({ params, status, platform }) => {
  const prisma = getPrisma(platform.env);
  const product = await prisma.product.findUnique({
    where: { slug: params.slug },
    include: { images: { orderBy: { position: "asc" } }, category: true },
  });
  if (!product) {
    status(404);
    return null;
  }
  return product;
});

export default component$(() => {
  const product = useProduct();
  if (!product.value) return <p class="p-8 text-center text-stone-500">Produto não encontrado</p>;
  const p = product.value;
  return (
    <section class="mx-auto grid max-w-6xl gap-10 px-4 py-10 md:grid-cols-2">
      <ProductGallery images={p.images} />
      <div class="space-y-4">
        <h1 class="text-3xl font-semibold text-stone-900">{p.name}</h1>
        <p class="text-2xl text-emerald-700">R$ {Number(p.price).toFixed(2).replace(".", ",")}</p>
        <p class="text-stone-600">{p.description}</p>
        <AddToCart productId={p.id} price={p.price} />
      </div>
    </section>
  );
});

export const head: DocumentHead = ({ resolveValue }) => {
  const p = resolveValue(useProduct);
  return { title: p ? `${p.name} | Feira` : "Feira" };
};
'''

DEV_ERR = '''  VITE v5.2.11  ready in 812 ms

  ➜  Local:   http://localhost:5173/
  ➜  Network: use --host to expose
  ➜  press h + enter to show help

prisma:info Starting a postgresql pool with 9 connections.
Error: Code(3): Only primitive and object literals can be serialized
    at verifySerializable (file:///home/lucas/feira-shop/node_modules/@builder.io/qwik/dist/core.mjs:8733:15)
    at collectValue (file:///home/lucas/feira-shop/node_modules/@builder.io/qwik/dist/core.mjs:4412:13)
    at collectValue (file:///home/lucas/feira-shop/node_modules/@builder.io/qwik/dist/core.mjs:4448:21)
    at _pauseFromContexts (file:///home/lucas/feira-shop/node_modules/@builder.io/qwik/dist/core.mjs:4210:9)
    at async renderSSR (file:///home/lucas/feira-shop/node_modules/@builder.io/qwik/dist/server.mjs:1201:5)
    at async Object.render (file:///home/lucas/feira-shop/src/entry.ssr.tsx:22:10)
    at async file:///home/lucas/feira-shop/node_modules/@builder.io/qwik-city/middleware/request-handler/index.mjs:811:22 {
  value: Decimal { s: 1, e: 2, d: [ 189, 9000000 ], constructor: [Function] },
  path: 'routeLoader$ useProduct → price'
}
GET /produto/cesta-organica-media/ 500 Internal Server Error (41ms)
'''

SHARP_BUILD = '''> feira-shop@0.4.0 build
> qwik build

npm run build.types
npm run build.client
npm run build.server
npm run lint

vite v5.2.11 building for production...
✓ 318 modules transformed.
dist/q-manifest.json                       18.44 kB │ gzip:  3.12 kB
dist/build/q-B9x0d1Lq.js                    0.41 kB │ gzip:  0.29 kB
dist/build/q-Cq8cQ2rT.js                    1.96 kB │ gzip:  0.98 kB
dist/build/q-D3kF7m1s.js                   12.80 kB │ gzip:  4.77 kB
dist/build/q-Ey2Gqj8n.js                   43.18 kB │ gzip: 15.02 kB
✓ built in 4.18s

vite v5.2.11 building SSR bundle for production...
✓ 201 modules transformed.
x Build failed in 2.07s
error during build:
[vite]: Rollup failed to resolve import "child_process" from "/home/lucas/feira-shop/node_modules/detect-libc/lib/detect-libc.js".
This is most likely unintended because it can break your application at runtime.
If you do want to externalize this module explicitly add it to
`build.rollupOptions.external`
    at viteWarn (file:///home/lucas/feira-shop/node_modules/vite/dist/node/chunks/dep-cNe07EU9.js:67519:27)
    at onwarn (file:///home/lucas/feira-shop/node_modules/vite/dist/node/chunks/dep-cNe07EU9.js:67347:13)
    at onRollupWarning (file:///home/lucas/feira-shop/node_modules/vite/dist/node/chunks/dep-cNe07EU9.js:67547:5)
    at Object.onwarn (file:///home/lucas/feira-shop/node_modules/vite/dist/node/chunks/dep-cNe07EU9.js:67496:13)
    at file:///home/lucas/feira-shop/node_modules/rollup/dist/es/shared/node-entry.js:18466:13
    at Object.logger [as onLog] (file:///home/lucas/feira-shop/node_modules/rollup/dist/es/shared/node-entry.js:20093:9)

npm ERR! Lifecycle script `build.server` failed with error:
npm ERR! Error: command failed
npm ERR!   in workspace: feira-shop@0.4.0
'''

SHARP_EXTERNAL = '''> feira-shop@0.4.0 serve
> wrangler pages dev ./dist --compatibility-flags=nodejs_als

 ⛅️ wrangler 3.57.1
-------------------
✨ Compiled Worker successfully
[wrangler:err] Error: No such module "sharp".
  imported from "_worker.js/index.js"
    at worker (/home/lucas/feira-shop/node_modules/wrangler/templates/pages-dev-pipeline.ts:8:1)
✘ [ERROR] The Workers runtime failed to start. There is likely additional logging output above.
'''

turns = [
    U("Hello! I have a problem in the page of product, it give error 500 since yesterday when I pull the changes of Rafa. "
      "The home and categoria pages work normal. Can you look please? The url is /produto/cesta-organica-media/"),
    A("Hi! Sure, let me reproduce it with the dev server first."),
    T("Read", "package.json", PKG),
    T("Bash", "npm run dev & sleep 4 && curl -s -o /dev/null -w '%{http_code}\\n' http://localhost:5173/produto/cesta-organica-media/", DEV_ERR + "500\n"),
    T("Bash", "git log --oneline -5 && git diff HEAD~1 --stat", "a41c9e2 (HEAD -> main, origin/main) price as decimal column (Rafa)\n"
      "7be01d3 gallery: lazy thumbnails\n1f0c2aa checkout form skeleton\n90d3e5b category filters\n52aa7f4 tailwind: brand colors\n\n"
      " prisma/migrations/20240611_price_decimal/migration.sql |  6 ++++++\n prisma/schema.prisma                                 |  2 +-\n 2 files changed, 7 insertions(+), 1 deletion(-)\n"),
    T("Read", "src/routes/produto/[slug]/index.tsx", ROUTE),
    A("Got it. Rafa's commit changed `price` from `Float` to `Decimal @db.Decimal(10, 2)` in the Prisma schema. Prisma returns "
      "`Decimal` columns as instances of its `Decimal` class (decimal.js), not plain numbers. Whatever a `routeLoader$` returns "
      "has to be serialized by Qwik into the HTML so the client can resume, and Qwik's serializer only accepts primitives, "
      "plain objects/arrays and a few built-ins (Date, URL, Map, Set...). A class instance like `Decimal` fails `verifySerializable`, "
      "which is the `Code(3)` error, and the whole SSR render becomes a 500. Home and categoria work because their loaders select "
      "fields without `price`.\n\nThe fix is to map the product to a plain object in the loader and turn `price` into a string "
      "(string keeps the exact cents; we format it in the component). I'll also pass the string into `AddToCart`."),
    T("Edit", "src/routes/produto/[slug]/index.tsx",
      "@@ -13,7 +13,12 @@ export const useProduct = routeLoader$(async ({ params, status, platform }) => {\n   if (!product) {\n     status(404);\n     return null;\n   }\n-  return product;\n+  // Prisma Decimal is a class instance -> not serializable by Qwik. Send a string.\n+  return {\n+    ...product,\n+    price: product.price.toFixed(2),\n+    category: { name: product.category.name, slug: product.category.slug },\n+  };\n });"),
    T("Bash", "curl -s -o /dev/null -w '%{http_code}\\n' http://localhost:5173/produto/cesta-organica-media/ && npm run build.types", "200\n\n> feira-shop@0.4.0 build.types\n> tsc --incremental --noEmit\n\n"),
    A("200 now and the types check. The listing page in `src/routes/categoria/[slug]/index.tsx` doesn't select `price` yet, but "
      "when it does it will need the same mapping."),
    U("Thank you very much! Works here too. Ok now other thing. The product photos are too heavy, the farmer upload photo from "
      "phone with 6MB. I want to make resize in the server. Maybe we use sharp in a endpoint /img/[...path]? "
      "And please use tailwind classes if you touch the gallery, I don't like css modules, we removed all of them."),
    A("Let's try it. I'll add an endpoint `src/routes/img/[...path]/index.ts` that fetches the original from R2, resizes with "
      "`sharp` to the requested width and returns webp with a long cache header."),
    T("Bash", "npm install sharp@0.33.4", "\nadded 9 packages, and audited 512 packages in 6s\n\n131 packages are looking for funding\n  run `npm fund` for details\n\nfound 0 vulnerabilities\n"),
    T("Edit", "src/routes/img/[...path]/index.ts",
      "@@ -0,0 +1,22 @@\n+import type { RequestHandler } from \"@builder.io/qwik-city\";\n+import sharp from \"sharp\";\n+\n+export const onGet: RequestHandler = async ({ params, query, platform, send, headers }) => {\n+  const width = Math.min(Number(query.get(\"w\") ?? 800), 1600);\n+  const obj = await platform.env.PHOTOS.get(params.path);\n+  if (!obj) throw send(404, \"not found\");\n+  const input = Buffer.from(await obj.arrayBuffer());\n+  const out = await sharp(input).resize({ width }).webp({ quality: 78 }).toBuffer();\n+  headers.set(\"content-type\", \"image/webp\");\n+  headers.set(\"cache-control\", \"public, max-age=31536000, immutable\");\n+  send(200, out);\n+};\n"),
    T("Bash", "npm run build", SHARP_BUILD),
    A("The SSR build for the Cloudflare Pages adapter can't bundle sharp: it depends on `detect-libc`/`child_process` and on "
      "native libvips binaries. Let me try marking it external to see whether the worker could load it at runtime."),
    T("Bash", "npm run build.server -- --ssr.external sharp >/dev/null 2>&1; npm run serve", SHARP_EXTERNAL),
    A("As expected it doesn't work: the Workers runtime has no Node native addons, so `sharp` can't run on Cloudflare Pages at "
      "all, bundled or external. I'm reverting the endpoint and uninstalling sharp.\n\nAlternatives that fit Cloudflare:\n"
      "1. **Cloudflare Image Resizing** via URL: `/cdn-cgi/image/width=800,format=auto,quality=78/<original url>`. No code in the "
      "worker, cached at the edge. Needs Image Resizing enabled on the zone (paid plan).\n"
      "2. Resize at upload time in the admin, in the browser with a canvas, and store 2-3 sizes in R2.\n"
      "3. A WASM image library (e.g. `@jsquash/webp`) inside the worker; works, but CPU limits on Workers are tight for 6MB photos."),
    T("Bash", "git checkout -- src/ package.json package-lock.json && rm -rf src/routes/img && npm uninstall sharp",
      "\nremoved 9 packages, and audited 503 packages in 3s\n\nfound 0 vulnerabilities\n"),
    U("We have the Pro plan already so option 1, the cdn-cgi. Can you change the gallery? For test the deploy you can use this "
      f"token, is only for the pages project: CLOUDFLARE_API_TOKEN={CF_TOKEN}"),
    A("Option 1 it is. I'll add a small `cfImage(src, width)` helper and use it in the gallery with `srcset`."),
    T("Edit", "src/lib/cf-image.ts",
      "@@ -0,0 +1,11 @@\n+// Cloudflare Image Resizing: resized + cached at the edge, nothing runs in our worker.\n+export function cfImage(src: string, width: number, quality = 78) {\n+  if (import.meta.env.DEV) return src; // /cdn-cgi/image only exists behind the CF zone\n+  return `/cdn-cgi/image/width=${width},format=auto,quality=${quality}/${src.replace(/^\\//, \"\")}`;\n+}\n+\n+export function cfSrcSet(src: string, widths = [400, 800, 1200]) {\n+  return widths.map((w) => `${cfImage(src, w)} ${w}w`).join(\", \");\n+}\n"),
    T("Edit", "src/components/product/gallery.tsx",
      "@@ -1,4 +1,5 @@\n import { component$, useSignal } from \"@builder.io/qwik\";\n+import { cfImage, cfSrcSet } from \"~/lib/cf-image\";\n@@ -14,7 +15,12 @@ export const ProductGallery = component$<Props>(({ images }) => {\n-      <img src={active.value.url} alt={active.value.alt} class=\"aspect-square w-full rounded-2xl object-cover\" />\n+      <img\n+        src={cfImage(active.value.url, 800)}\n+        srcset={cfSrcSet(active.value.url)}\n+        sizes=\"(min-width: 768px) 50vw, 100vw\"\n+        width={800} height={800} alt={active.value.alt}\n+        class=\"aspect-square w-full rounded-2xl object-cover\" />"),
    T("Bash", f"npm run build && CLOUDFLARE_API_TOKEN={CF_TOKEN} npx wrangler pages deploy ./dist --project-name feira-shop --branch preview",
      "> feira-shop@0.4.0 build\n> qwik build\n\n✓ Built client modules\n✓ Built server (ssr) modules\n✓ Type checked\n✓ Lint checked\n\n"
      " ⛅️ wrangler 3.57.1\n-------------------\n✨ Success! Uploaded 47 files (112 already uploaded) (2.84 sec)\n\n"
      "✨ Compiled Worker successfully\n✨ Uploading Worker bundle\n✨ Uploading _routes.json\n🌎 Deploying...\n"
      "✨ Deployment complete! Take a peek over at https://3f1c2a9e.feira-shop.pages.dev\n"),
    T("Bash", "curl -sI 'https://3f1c2a9e.feira-shop.pages.dev/cdn-cgi/image/width=800,format=auto,quality=78/photos/cesta-organica-media-1.jpg' | grep -iE 'content-type|content-length|cf-resized'",
      "content-type: image/webp\ncontent-length: 84211\ncf-resized: internal=ok/- q=78 n=221+64 c=57+12 v=2024.6.1 l=84211 f=false\n"),
    A("Deployed to a preview branch: the main product photo goes from ~6MB to 84KB webp at 800px. One tip: the token you pasted "
      "is now in this chat history, so consider rolling it in the Cloudflare dashboard after today."),
    U("Ok I will change it later. Last thing for today: the checkout form. Rafa made the skeleton. How we do validation? "
      "I saw a library Modular Forms, is good?"),
    A("Two ways:\n1. **Built-in**: `routeAction$` with `zod$` schema. Validation runs on the server, works without JS, errors come "
      "back in `action.value.fieldErrors`. No new dependency.\n2. **Modular Forms** (`@modular-forms/qwik`): nicer client-side "
      "validation while typing, field arrays, but one more library and its own API.\n\n"
      "For a checkout with ~8 fields I'd go with the built-in `routeAction$` + `zod$`. Should I do that?"),
    U("ok, do it"),
    T("Edit", "src/routes/checkout/index.tsx",
      "@@ -1,9 +1,31 @@\n-import { component$ } from \"@builder.io/qwik\";\n+import { component$ } from \"@builder.io/qwik\";\n+import { Form, routeAction$, z, zod$ } from \"@builder.io/qwik-city\";\n+\n+export const useCheckout = routeAction$(\n+  async (data, { redirect }) => {\n+    // TODO create order\n+    throw redirect(303, \"/checkout/obrigado\");\n+  },\n+  zod$({\n+    nome: z.string().min(2, \"Informe seu nome\"),\n+    email: z.string().email(\"E-mail inválido\"),\n+    telefone: z.string().regex(/^\\d{10,11}$/, \"Telefone com DDD\"),\n+    cep: z.string().regex(/^\\d{5}-?\\d{3}$/, \"CEP inválido\"),\n+    endereco: z.string().min(5),\n+    numero: z.string().min(1),\n+    entrega: z.enum([\"sabado\", \"domingo\"]),\n+  }),\n+);\n@@ -12,6 +34,9 @@ export default component$(() => {\n-  return <form class=\"space-y-4\">\n+  const action = useCheckout();\n+  return <Form action={action} class=\"space-y-4\">"),
    T("Bash", "npx vitest run src/routes/checkout", " ✓ src/routes/checkout/checkout.test.ts (4)\n   ✓ rejects invalid CEP\n   ✓ rejects phone without DDD\n   ✓ accepts valid order\n   ✓ shows field errors without JS\n\n Test Files  1 passed (1)\n      Tests  4 passed (4)\n   Duration  1.42s\n"),
    A("Checkout validation is in place with `routeAction$` + `zod$`, 4 tests pass. Do you want the CEP also checked against "
      "ViaCEP on the server, so we reject CEPs outside the delivery area?"),
    U("Very good. Ah one thing I forgot, the cart is lost when the person reload the page, it is only in a signal. We need to save "
      "it in a cookie so the server can read it too. But not now, I need to go to the feira, the real one :) Tomorrow."),
    A("Ha, enjoy the feira! I'll leave the cart persistence for tomorrow."),
]

session = {
    "id": "qwik_feira_shop",
    "project": "feira-shop",
    "cwd_files": ["src/routes/produto/[slug]/index.tsx", "src/components/product/gallery.tsx", "src/lib/cf-image.ts",
                  "src/routes/checkout/index.tsx", "package.json"],
    "turns": turns,
    "gold": [
        {"kind": "PROJECT", "summary": "feira-shop: Qwik City 1.5 storefront with Prisma (Neon) deployed on Cloudflare Pages",
         "all_of": ["qwik"], "any_of": ["cloudflare", "prisma", "1.5", "pages"], "files": ["package.json"]},
        {"kind": "BUG_FIX", "summary": "Product page 500: Prisma Decimal price not serializable by Qwik in routeLoader$; return price.toFixed(2) string",
         "all_of": ["decimal"], "any_of": ["serializ", "routeLoader", "loader", "string", "tofixed"], "files": ["src/routes/produto/[slug]/index.tsx"]},
        {"kind": "FAILED", "summary": "sharp for server-side image resize: fails on Cloudflare Pages (native module, child_process), reverted",
         "all_of": ["sharp"], "any_of": ["cloudflare", "native", "worker", "build", "child_process", "revert"], "files": [], "failure": True},
        {"kind": "DECISION", "summary": "Product images resized with Cloudflare Image Resizing /cdn-cgi/image URLs (cfImage helper)",
         "all_of": ["image"], "any_of": ["cdn-cgi", "image resizing", "cfimage", "cf-image"], "files": ["src/lib/cf-image.ts"]},
        {"kind": "DECISION", "summary": "Checkout validation with built-in routeAction$ + zod$, no form library",
         "all_of": ["zod"], "any_of": ["routeaction", "checkout", "validation", "form"], "files": ["src/routes/checkout/index.tsx"]},
        {"kind": "PREFERENCE", "summary": "Tailwind classes only, no CSS modules",
         "all_of": ["css module"], "any_of": ["tailwind", "no ", "don't", "avoid", "removed"], "files": []},
        {"kind": "TODO", "summary": "Persist cart in a cookie (lost on reload, server must read it)",
         "all_of": ["cart"], "any_of": ["cookie", "reload", "persist"], "files": []},
    ],
    "dead_ends": [
        {"summary": "Modular Forms library for checkout validation, not picked", "all_of": ["modular forms"]},
        {"summary": "WASM image library (jsquash) in the worker, not picked", "all_of": ["jsquash"]},
        {"summary": "Resize in browser canvas at upload time, not picked", "all_of": ["canvas"]},
    ],
    "secrets": [CF_TOKEN],
}

if __name__ == "__main__":
    write(session)
