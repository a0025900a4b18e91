from _h import *

TOKEN = "nfp_4QeW9sT2kLm8vXb1Rz7YcN3pHd6Uj0Af5Gt2"

HUGO_TOML = '''baseURL = "https://studiobrisa.pt/"
languageCode = "pt-pt"
title = "Studio Brisa — Arquitetura"
theme = "brisa"
enableRobotsTXT = true

[params]
  description = "Atelier de arquitetura em Lisboa"
  instagram = "studio.brisa"
  email = "ola@studiobrisa.pt"

[markup.goldmark.renderer]
  unsafe = true

[imaging]
  quality = 80
  resampleFilter = "Lanczos"

[menu]
  [[menu.main]]
    name = "Projetos"
    url = "/work/"
    weight = 1
  [[menu.main]]
    name = "Estúdio"
    url = "/sobre/"
    weight = 2
  [[menu.main]]
    name = "Contacto"
    url = "/contacto/"
    weight = 3
'''

HEAD_HTML = '''<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>{{ if .IsHome }}{{ site.Title }}{{ else }}{{ .Title }} · {{ site.Title }}{{ end }}</title>
  <meta name="description" content="{{ with .Description }}{{ . }}{{ else }}{{ site.Params.description }}{{ end }}">
  {{ $opts := dict "transpiler" "libsass" "targetPath" "css/main.css" "outputStyle" "compressed" }}
  {{ $css := resources.Get "scss/main.scss" | toCSS $opts | fingerprint }}
  <link rel="stylesheet" href="{{ $css.RelPermalink }}" integrity="{{ $css.Data.Integrity }}">
  <script src="https://code.jquery.com/jquery-3.7.1.min.js"></script>
  {{ $js := resources.Get "js/lightbox.js" | minify | fingerprint }}
  <script defer src="{{ $js.RelPermalink }}"></script>
</head>
'''

GALLERY_HTML = '''{{/* gallery of a project page; images listed in front matter */}}
<section class="gallery">
  {{ range .Params.images }}
    {{ $img := resources.Get (printf "images/work/%s/%s" $.File.ContentBaseName .) }}
    {{ $thumb := $img.Resize "800x webp q80" }}
    <a href="{{ $img.RelPermalink }}" class="gallery__item" data-lightbox>
      <img src="{{ $thumb.RelPermalink }}" width="{{ $thumb.Width }}" height="{{ $thumb.Height }}" loading="lazy" alt="">
    </a>
  {{ end }}
</section>
'''

HUGO_NIL = '''Start building sites … 
hugo v0.125.4-cc3574ef4f41fccbe88d9443ed066eb10867ada2+extended darwin/arm64 BuildDate=2024-04-25T13:27:26Z VendorInfo=brew

ERROR render of "page" failed: "/Users/ines/sites/studio-brisa/themes/Brisa/layouts/work/single.html:14:5": execute of template failed: template: work/single.html:14:5: executing "main" at <partial "gallery.html" .>: error calling partial: "/Users/ines/sites/studio-brisa/themes/Brisa/layouts/partials/gallery.html:4:25": execute of template failed: template: partials/gallery.html:4:25: executing "partials/gallery.html" at <$img.Resize>: nil pointer evaluating resource.Resource.Resize
Total in 187 ms
Error: error building site: render: failed to render pages: render of "page" failed: "/Users/ines/sites/studio-brisa/themes/Brisa/layouts/work/single.html:14:5": execute of template failed: template: work/single.html:14:5: executing "main" at <partial "gallery.html" .>: error calling partial: "/Users/ines/sites/studio-brisa/themes/Brisa/layouts/partials/gallery.html:4:25": execute of template failed: template: partials/gallery.html:4:25: executing "partials/gallery.html" at <$img.Resize>: nil pointer evaluating resource.Resource.Resize
'''

NETLIFY_LOG = '''11:42:02 AM: build-image version: 2cd4b5f6f2a4e8d3c1c7e0a5b6f9d1f3e8a2c4b7 (noble)
11:42:02 AM: buildbot version: 9f7a0e31c2b2c7d5e0a7bd1f54c0f1f0c2b7a4d1
11:42:02 AM: Fetching cached dependencies
11:42:02 AM: Failed to fetch cache, continuing with build
11:42:02 AM: Starting to prepare the repo for build
11:42:03 AM: No cached dependencies found. Cloning fresh repo
11:42:03 AM: git clone --filter=blob:none https://github.com/studio-brisa/site
11:42:04 AM: Preparing Git Reference refs/heads/main
11:42:05 AM: Starting to install dependencies
11:42:05 AM: Attempting Hugo version from HUGO_VERSION environment variable: 0.125.4
11:42:09 AM: Hugo version 0.125.4 (extended) installed
11:42:09 AM: Finished installing dependencies
11:42:09 AM: Detected 0 framework(s)
11:42:09 AM: Section completed: initializing
11:42:10 AM: Netlify Build
11:42:10 AM: ────────────────────────────────────────────────────────────────
11:42:10 AM: ​
11:42:10 AM: ❯ Version
11:42:10 AM:   @netlify/build 29.56.1
11:42:10 AM: ​
11:42:10 AM: ❯ Flags
11:42:10 AM:   accountId: 5f1e0c2a9b8d7e6f5a4b3c21
11:42:10 AM:   baseRelDir: true
11:42:10 AM:   buildId: 6744c9a1f2e3d40008a1b2c3
11:42:10 AM:   deployId: 6744c9a1f2e3d40008a1b2c5
11:42:10 AM: ​
11:42:10 AM: ❯ Current directory
11:42:10 AM:   /opt/build/repo
11:42:10 AM: ​
11:42:10 AM: ❯ Config file
11:42:10 AM:   /opt/build/repo/netlify.toml
11:42:10 AM: ​
11:42:10 AM: ❯ Context
11:42:10 AM:   production
11:42:10 AM: ​
11:42:10 AM: build.command from netlify.toml
11:42:10 AM: ────────────────────────────────────────────────────────────────
11:42:10 AM: ​
11:42:10 AM: $ hugo --gc --minify
11:42:10 AM: Start building sites …
11:42:10 AM: hugo v0.125.4-cc3574ef4f41fccbe88d9443ed066eb10867ada2+extended linux/amd64 BuildDate=2024-04-25T13:27:26Z VendorInfo=gohugoio
11:42:10 AM: Error: module "brisa" not found; either add it as a Hugo Module or store it in "/opt/build/repo/themes".: module does not exist
11:42:10 AM: ​
11:42:10 AM: "build.command" failed
11:42:10 AM: ────────────────────────────────────────────────────────────────
11:42:10 AM: ​
11:42:10 AM:   Error message
11:42:10 AM:   Command failed with exit code 255: hugo --gc --minify (https://ntl.fyi/exit-code-255)
11:42:10 AM: ​
11:42:10 AM:   Error location
11:42:10 AM:   In build.command from netlify.toml:
11:42:10 AM:   hugo --gc --minify
11:42:10 AM: ​
11:42:10 AM:   Resolved config
11:42:10 AM:   build:
11:42:10 AM:     command: hugo --gc --minify
11:42:10 AM:     commandOrigin: config
11:42:10 AM:     environment:
11:42:10 AM:       - HUGO_VERSION
11:42:10 AM:       - HUGO_ENV
11:42:10 AM:     publish: /opt/build/repo/public
11:42:10 AM:     publishOrigin: config
11:42:11 AM: Build failed due to a user error: Build script returned non-zero exit code: 2
11:42:11 AM: Failing build: Failed to build site
11:42:11 AM: Finished processing build request in 9.118s
'''

turns = [
 U("Hi! I'm redoing the styling of our studio site (Hugo, our own theme in themes/brisa). I want to move to Tailwind, "
   "the SCSS has become a mess after three years of \"quick fixes\". Can you set it up with PostCSS through Hugo Pipes?"),
 Read("hugo.toml", HUGO_TOML),
 Bash("ls themes/ themes/*/ themes/*/assets/scss && hugo version", '''themes/:
Brisa

themes/Brisa/:
LICENSE		archetypes	assets		layouts		static		theme.toml

themes/Brisa/assets/scss:
_base.scss	_footer.scss	_gallery.scss	_header.scss	_project.scss	_typography.scss	_vars.scss	main.scss
hugo v0.125.4-cc3574ef4f41fccbe88d9443ed066eb10867ada2+extended darwin/arm64 BuildDate=2024-04-25T13:27:26Z VendorInfo=brew
'''),
 Read("themes/Brisa/layouts/partials/head.html", HEAD_HTML),
 A("Plan for Tailwind with Hugo Pipes: add a `package.json` with `tailwindcss@3`, `postcss`, `postcss-cli` and "
   "`autoprefixer` (Hugo's `css.PostCSS` shells out to `postcss-cli`), a `tailwind.config.js` whose `content` points "
   "at the theme layouts plus `hugo_stats.json`, enable `build.buildStats`, and swap the `toCSS` pipe in `head.html` "
   "for `css.PostCSS`. Setting it up."),
 Bash("npm init -y >/dev/null && npm i -D tailwindcss@3 postcss postcss-cli autoprefixer", '''
added 128 packages, and audited 129 packages in 6s

32 packages are looking for funding
  run `npm fund` for details

found 0 vulnerabilities
'''),
 Write("tailwind.config.js", '''/** @type {import('tailwindcss').Config} */
module.exports = {
  content: ['./hugo_stats.json', './themes/brisa/layouts/**/*.html', './layouts/**/*.html'],
  theme: {
    extend: {
      colors: { areia: '#efe6d8', brisa: '#2f5d62', telha: '#b5523b' },
      fontFamily: { sans: ['"Inter"', 'system-ui', 'sans-serif'], serif: ['"Fraunces"', 'Georgia', 'serif'] },
    },
  },
  plugins: [],
};
'''),
 Edit("themes/Brisa/layouts/partials/head.html", '''@@ -5,3 +5,3 @@
-  {{ $opts := dict "transpiler" "libsass" "targetPath" "css/main.css" "outputStyle" "compressed" }}
-  {{ $css := resources.Get "scss/main.scss" | toCSS $opts | fingerprint }}
+  {{ $css := resources.Get "css/tailwind.css" | css.PostCSS | minify | fingerprint }}'''),
 Bash("hugo server --disableFastRender 2>&1 | head -20", '''Watching for changes in /Users/ines/sites/studio-brisa/{archetypes,assets,content,layouts,package.json,static,themes}
Watching for config changes in /Users/ines/sites/studio-brisa/hugo.toml
Start building sites … 
hugo v0.125.4-cc3574ef4f41fccbe88d9443ed066eb10867ada2+extended darwin/arm64 BuildDate=2024-04-25T13:27:26Z VendorInfo=brew

                   | PT  
-------------------+-----
  Pages            | 41  
  Paginator pages  |  0  
  Non-page files   |  0  
  Static files     | 96  
  Processed images |  0  
  Aliases          |  0  
  Cleaned          |  0  

Built in 612 ms
Environment: "development"
Serving pages from disk
Web Server is available at http://localhost:1313/ (bind address 127.0.0.1)
'''),
 U("Hmm, wait. Now there's a package.json and a node_modules folder and Netlify will have to npm install on every "
   "build, and I'll have to keep Node updated on my laptop too... Actually no, forget Tailwind. Keep the plain SCSS "
   "with Hugo Pipes, I don't want Node in the build at all. I'll clean up the SCSS by hand instead. Sorry for the back "
   "and forth!"),
 Bash("git checkout -- themes/Brisa/layouts/partials/head.html && rm -rf node_modules package.json package-lock.json "
      "tailwind.config.js && git status --short", ""),
 A("No problem — all reverted, the working tree is clean again and the build is back to `toCSS` on "
   "`scss/main.scss` with no Node involved."),
 U("Thanks. While we're here: the gallery on the project pages is broken since I reorganised the images last week. "
   "`hugo` shows a long error, can you look?"),
 Bash("hugo", HUGO_NIL),
 Read("themes/Brisa/layouts/partials/gallery.html", GALLERY_HTML),
 Bash("ls static/images/work/ | head; ls assets 2>/dev/null; ls content/work/", '''casa-alta
casa-do-rio
loja-chiado
patio-graca
assets: No such file or directory
_index.md
casa-alta.md
casa-do-rio.md
loja-chiado.md
patio-graca.md
'''),
 A("The images now live in `static/images/work/<project>/`. `resources.Get` only looks in `assets/` (the project's "
   "and the theme's), never in `static/` — files in `static/` are copied as-is and are not resources. So `$img` is nil "
   "and `.Resize` blows up. Two fixes:\n\n"
   "1. Move the folders to `assets/images/work/` and keep the partial as is.\n"
   "2. Turn each project into a **page bundle**: `content/work/casa-alta/index.md` with its images next to it, and "
   "have the gallery iterate `.Resources.ByType \"image\"` — then the front-matter `images:` list isn't needed "
   "anymore."),
 U("Just move them to assets then, simplest. Hmm, no, actually — bundles. Then each project folder has its own "
   "pictures together with the text, Carla uploads the photos herself and that's much easier for her to understand."),
 Bash('''for p in casa-alta casa-do-rio loja-chiado patio-graca; do mkdir -p content/work/$p && git mv content/work/$p.md content/work/$p/index.md && git mv static/images/work/$p/* content/work/$p/; done; git status --short | head -8; git status --short | wc -l''',
      '''R  content/work/casa-alta.md -> content/work/casa-alta/index.md
R  static/images/work/casa-alta/01-fachada.jpg -> content/work/casa-alta/01-fachada.jpg
R  static/images/work/casa-alta/02-sala.jpg -> content/work/casa-alta/02-sala.jpg
R  static/images/work/casa-alta/03-escada.jpg -> content/work/casa-alta/03-escada.jpg
R  static/images/work/casa-alta/04-patio.jpg -> content/work/casa-alta/04-patio.jpg
R  content/work/casa-do-rio.md -> content/work/casa-do-rio/index.md
R  static/images/work/casa-do-rio/01-margem.jpg -> content/work/casa-do-rio/01-margem.jpg
R  static/images/work/casa-do-rio/02-cozinha.jpg -> content/work/casa-do-rio/02-cozinha.jpg
      31
'''),
 Write("themes/Brisa/layouts/partials/gallery.html", '''{{/* gallery of a project page bundle: every image next to index.md, sorted by name */}}
<section class="gallery">
  {{ range (.Resources.ByType "image").ByName }}
    {{ $thumb := .Resize "800x webp q80" }}
    <a href="{{ .RelPermalink }}" class="gallery__item" data-lightbox>
      <img src="{{ $thumb.RelPermalink }}" width="{{ $thumb.Width }}" height="{{ $thumb.Height }}" loading="lazy"
           alt="{{ with .Title }}{{ . }}{{ end }}">
    </a>
  {{ end }}
</section>
'''),
 Bash("sed -i '' '/^images:/,/^[a-z]*:/{/^  - /d;/^images:/d;}' content/work/*/index.md && hugo --gc --minify", '''Start building sites … 
hugo v0.125.4-cc3574ef4f41fccbe88d9443ed066eb10867ada2+extended darwin/arm64 BuildDate=2024-04-25T13:27:26Z VendorInfo=brew

                   | PT  
-------------------+-----
  Pages            | 41  
  Paginator pages  |  0  
  Non-page files   | 27  
  Static files     | 69  
  Processed images | 27  
  Aliases          |  0  
  Cleaned          |  0  

Total in 2843 ms
'''),
 U("Lovely, the gallery is back and the thumbnails are way smaller. I'll push and check Netlify. Oh, and I can trigger "
   "deploys from the CLI too if you need to check something, my token is " + TOKEN),
 Bash(f"git add -A && git commit -qm 'Project images as page bundles, gallery uses .Resources' && git push -q && sleep 60 && "
      f"NETLIFY_AUTH_TOKEN={TOKEN} netlify api listSiteDeploys --data '{{\"site_id\":\"studio-brisa\",\"per_page\":1}}' "
      "| jq -r '.[0].state, .[0].error_message' && curl -s https://api.netlify.com/api/v1/deploys/6744c9a1f2e3d40008a1b2c5/log | tail -60",
      "error\nBuild script returned non-zero exit code: 2\n" + NETLIFY_LOG),
 A("The build fails before it even renders: `module \"brisa\" not found`. Look at the folder name from earlier: the "
   "theme directory is `themes/Brisa` with a capital B, and `hugo.toml` says `theme = \"brisa\"`. Your Mac's APFS volume "
   "is case-insensitive, so locally Hugo finds `Brisa` when asked for `brisa`; Netlify builds on Linux, where the file "
   "system is case-sensitive, and there is no `themes/brisa`. It probably worked on Netlify before only because the "
   "folder used to be lowercase. Renaming the folder in git (in two steps, since a case-only rename is a no-op on a "
   "case-insensitive disk)."),
 Bash("git log --oneline --follow -- themes/Brisa/theme.toml | head -3 && git mv themes/Brisa themes/brisa-tmp && "
      "git mv themes/brisa-tmp themes/brisa && git commit -qm 'Rename theme dir to lowercase (Netlify is case-sensitive)' && "
      "git push -q && sleep 75 && "
      f"NETLIFY_AUTH_TOKEN={TOKEN} netlify api listSiteDeploys --data '{{\"site_id\":\"studio-brisa\",\"per_page\":1}}' | jq -r '.[0].state, .[0].deploy_time'",
      "3d0e7a1 Tidy theme: capitalised folder\n5b19c4e Initial theme\nready\n47\n"),
 A("Deployed (`ready`, 47 s). And the history confirms it: commit `3d0e7a1 \"Tidy theme: capitalised folder\"` renamed it "
   "to `Brisa`."),
 U("Works! 🎉 Also, small thing since you're in the head.html anyway: the old theme loads jQuery just for the lightbox. "
   "I hate jQuery, vanilla JS only in the theme please."),
 Write("themes/brisa/assets/js/lightbox.js", '''// Minimal lightbox on <dialog>, no dependencies.
(() => {
  const dlg = document.createElement('dialog');
  dlg.className = 'lightbox';
  dlg.innerHTML = '<img alt=""><button class="lightbox__close" aria-label="Fechar">×</button>';
  document.body.append(dlg);
  const img = dlg.querySelector('img');
  document.addEventListener('click', (e) => {
    const a = e.target.closest('a[data-lightbox]');
    if (!a) return;
    e.preventDefault();
    img.src = a.href;
    dlg.showModal();
  });
  dlg.addEventListener('click', (e) => {
    if (e.target === dlg || e.target.matches('.lightbox__close')) dlg.close();
  });
})();
'''),
 Edit("themes/brisa/layouts/partials/head.html", '''@@ -9 +8,0 @@
-  <script src="https://code.jquery.com/jquery-3.7.1.min.js"></script>'''),
 U("Last thing for today: the site has to become bilingual. Portuguese stays the main language at the root, English "
   "goes under /en/. Can you set up the config? The actual translations I'll do later with Carla."),
 Edit("hugo.toml", '''@@ -1,5 +1,7 @@
 baseURL = "https://studiobrisa.pt/"
-languageCode = "pt-pt"
-title = "Studio Brisa — Arquitetura"
 theme = "brisa"
 enableRobotsTXT = true
+defaultContentLanguage = "pt"
+defaultContentLanguageInSubdir = false
+
+[languages.pt]
+  languageCode = "pt-PT"
+  languageName = "Português"
+  title = "Studio Brisa — Arquitetura"
+  weight = 1
+[languages.en]
+  languageCode = "en"
+  languageName = "English"
+  title = "Studio Brisa — Architecture"
+  weight = 2'''),
 Bash("hugo --gc --minify && ls public/ public/en/", '''Start building sites … 
hugo v0.125.4-cc3574ef4f41fccbe88d9443ed066eb10867ada2+extended darwin/arm64 BuildDate=2024-04-25T13:27:26Z VendorInfo=brew

                   | PT | EN  
-------------------+----+-----
  Pages            | 41 |  6  
  Paginator pages  |  0 |  0  
  Non-page files   | 27 |  0  
  Static files     | 69 | 69  
  Processed images | 27 |  0  
  Aliases          |  0 |  1  
  Cleaned          |  0 |  0  

Total in 3012 ms
public/:
404.html	contacto	css	en	images	index.html	index.xml	js	robots.txt	sitemap.xml	sobre	work

public/en/:
index.html	index.xml	sitemap.xml
'''),
 A("Portuguese at the root, English under `/en/`. Translations go in as `index.en.md` next to `index.md` in each "
   "bundle (and `_index.en.md` for sections), so Carla's photos stay shared between both languages. Menus are still "
   "defined once at the top level, so the English menu will show the Portuguese labels until we add "
   "`[[languages.en.menu.main]]` entries. Should the language switcher go in the header or the footer?\n\n"
   "Also: the Netlify token you pasted is now in this conversation's history — I'd revoke it in User settings → "
   "Applications and create a new one."),
 U("perfect, thank you! the contact form we'll do later, probably Netlify Forms with a honeypot field against spam. bye!"),
]

sess = {
 "id": "hugo_brisa_site",
 "project": "studio-brisa-site",
 "cwd_files": ["hugo.toml", "themes/brisa/layouts/partials/head.html", "themes/brisa/layouts/partials/gallery.html",
               "themes/brisa/assets/js/lightbox.js", "content/work/casa-alta/index.md", "netlify.toml"],
 "turns": turns,
 "gold": [
  G("PROJECT", "studio-brisa site: Hugo extended 0.125 with custom theme brisa, deployed on Netlify",
    ["brisa"], ["hugo", "netlify", "theme"]),
  G("DECISION", "Styling stays plain SCSS via Hugo Pipes (toCSS); no Node in the build",
    ["scss"], ["pipes", "no node", "tocss", "tailwind", "node"]),
  G("FAILED", "Tailwind via PostCSS set up then dropped: user does not want Node/npm in the Hugo/Netlify build",
    ["tailwind"], ["node", "npm", "dropped", "abandon", "revert"]),
  G("BUG_FIX", "Gallery nil pointer on .Resize: images in static/ are not resources for resources.Get; moved to page bundles",
    ["gallery"], ["nil", "static", "resources.get", "resize"], ["themes/brisa/layouts/partials/gallery.html"]),
  G("DECISION", "Project images live in page bundles content/work/<slug>/ (easier for Carla); gallery iterates .Resources",
    ["bundle"], ["content/work", "carla", ".resources", "images", "photos"]),
  G("BUG_FIX", "Netlify build failed 'module brisa not found': theme dir Brisa vs theme=brisa, case-sensitive Linux vs macOS; renamed to lowercase",
    ["netlify"], ["case", "linux", "macos", "lowercase", "rename"]),
  G("PREFERENCE", "No jQuery; vanilla JS only in the theme",
    ["vanilla"], ["jquery", "js", "javascript"]),
  G("DECISION", "Bilingual site: Portuguese default at root, English under /en/",
    ["/en"], ["portuguese", "pt", "default", "root", "english"], ["hugo.toml"]),
  G("TODO", "Contact form later with Netlify Forms + honeypot",
    ["form"], ["honeypot", "netlify forms", "contact", "later"]),
 ],
 "dead_ends": [
  D("Tailwind via PostCSS / css.PostCSS (dropped)", ["tailwind", "postcss"]),
 ],
 "secrets": [TOKEN],
}
save(sess)
