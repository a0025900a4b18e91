from _common import U, A, T, G, D, write

turns = [
    U("""hey! happy wednesday. super small one today, I promise"""),
    A("""Happy Wednesday! Small ones are welcome. What is it?"""),
    U("""my friend pointed out there's a typo on the about page, "recieve", and the footer still says © 2025. embarrassing lol. can you fix both?"""),
    T("Bash", "grep -rn 'recieve\\|2025' routes components islands", '''routes/about.tsx:23:          I love to recieve postcards, so if you liked a post, send one!
components/Footer.tsx:9:      <p>© 2025 Mira Okafor · built with Fresh</p>'''),
    A("""Found both. For the footer I'd compute the year instead of hard-coding it, so it doesn't go stale again. Since `Footer` is a server-rendered component (not an island), `new Date().getFullYear()` runs at render time on the server and ships no JS."""),
    U("""oh nice, yes do that"""),
    T("Edit", "routes/about.tsx", '''@@ -23 +23 @@
-          I love to recieve postcards, so if you liked a post, send one!
+          I love to receive postcards, so if you liked a post, send one!'''),
    T("Edit", "components/Footer.tsx", '''@@ -9 +9 @@
-      <p>© 2025 Mira Okafor · built with Fresh</p>
+      <p>© {new Date().getFullYear()} Mira Okafor · built with Fresh</p>'''),
    T("Bash", "deno task check", '''Task check deno fmt --check && deno lint && deno check **/*.ts && deno check **/*.tsx
Checked 31 files
Checked 27 files
Check file:///home/mira/site/main.ts
Check file:///home/mira/site/dev.ts
Check file:///home/mira/site/routes/about.tsx
Check file:///home/mira/site/components/Footer.tsx
Check file:///home/mira/site/routes/index.tsx
Check file:///home/mira/site/routes/posts/[slug].tsx
Check file:///home/mira/site/islands/ThemeToggle.tsx'''),
    U("""that was fast. btw, dumb question, I always forget: what's the difference between an island and a normal component in Fresh again?"""),
    A("""Not dumb at all. In Fresh, everything renders to HTML on the server by default and ships zero JavaScript. A file in `islands/` is the exception: Fresh also bundles it and hydrates it in the browser, so it can use state, effects and event handlers. Your `ThemeToggle` is an island because it needs `onClick` and `localStorage`; the footer is plain HTML, so it stays a normal component. Rule of thumb: only make something an island if it needs to react to the user in the browser."""),
    U("""ahh right, that's why the toggle is in that folder. ok cool. can you commit and push? it deploys on push"""),
    T("Bash", 'git add routes/about.tsx components/Footer.tsx && git commit -m "about: fix typo; footer: current year" && git push', '''[main 8d1e0f3] about: fix typo; footer: current year
 2 files changed, 2 insertions(+), 2 deletions(-)
Enumerating objects: 11, done.
Counting objects: 100% (11/11), done.
Delta compression using up to 8 threads
Compressing objects: 100% (5/5), done.
Writing objects: 100% (6/6), 612 bytes | 612.00 KiB/s, done.
Total 6 (delta 4), reused 0 (delta 0), pack-reused 0
remote: Resolving deltas: 100% (4/4), completed with 4 local objects.
To github.com:miraokafor/site.git
   51c2b7a..8d1e0f3  main -> main'''),
    T("Bash", "sleep 40 && curl -s https://miraokafor.deno.dev/about | grep -o 'receive postcards\\|© [0-9]*'", '''receive postcards
© 2026'''),
    A("""Pushed, and Deno Deploy already serves it: the about page says "receive" and the footer shows © 2026."""),
    U("""perfect, thank you!! that's all for today, enjoy your day :)"""),
    A("""You too, see you next time!"""),
]

session = {
    "id": "h6_fresh_site",
    "project": "mira-site",
    "cwd_files": ["routes/about.tsx", "components/Footer.tsx", "deno.json", "fresh.gen.ts"],
    "turns": turns,
    "gold": [
        G("PROJECT", "Personal site on Deno + Fresh (islands for interactive parts), deployed to Deno Deploy on push",
          ["fresh", "deno"], ["site", "deploy", "deno.dev", "personal"]),
    ],
    "dead_ends": [],
    "secrets": [],
}

if __name__ == "__main__":
    write(session)
