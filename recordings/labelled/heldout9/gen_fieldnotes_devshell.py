"""Session: Nix flake dev shell (short, almost nothing worth remembering)."""
from _common import U, A, T, write

FLAKE = '''{
  description = "fieldnotes docs site dev shell";

  inputs = {
    nixpkgs.url = "github:NixOS/nixpkgs/nixos-24.11";
    flake-utils.url = "github:numtide/flake-utils";
  };

  outputs = { self, nixpkgs, flake-utils }:
    flake-utils.lib.eachDefaultSystem (system:
      let pkgs = nixpkgs.legacyPackages.${system};
      in {
        devShells.default = pkgs.mkShell {
          packages = with pkgs; [
            nodejs_20
            pnpm
            just
            vale
          ];
          shellHook = ''
            export PATH="$PWD/node_modules/.bin:$PATH"
          '';
        };
      });
}
'''

turns = [
    U("morning. quick one: the docs site build says Astro 5 wants node >= 22 now? can you bump node in the flake"),
    T("Read", "flake.nix", FLAKE),
    T("Bash", "cat package.json | grep -A3 engines", '''  "engines": {
    "node": ">=22.12.0"
  },'''),
    A("Yes — `package.json` was bumped to `\"node\": \">=22.12.0\"` in the Astro upgrade, and the dev shell still "
      "provides `nodejs_20`. Swapping it for `nodejs_22`."),
    T("Edit", "flake.nix", '''@@
           packages = with pkgs; [
-            nodejs_20
+            nodejs_22
             pnpm'''),
    T("Bash", "nix develop -c node --version", '''warning: Git tree '/home/lena/src/fieldnotes' is dirty
v22.11.0'''),
    A("Hm, nixos-24.11's `nodejs_22` is 22.11.0, just under the `>=22.12.0` in `engines`. `nix flake update nixpkgs` "
      "should pull a newer point release from the channel."),
    U("sure"),
    T("Bash", "nix flake update nixpkgs && nix develop -c node --version", '''warning: Git tree '/home/lena/src/fieldnotes' is dirty
• Updated input 'nixpkgs':
    'github:NixOS/nixpkgs/5d67ea6b4b63378b9c13be21e2ec9d1afc921713?narHash=sha256-iYtIz7EpTJRW1d0wN3F0yoDNoqxbUFU8Ch8ntjl9YjI%3D' (2024-12-01)
  → 'github:NixOS/nixpkgs/de1864217bfa9b5845f465e771e0ecb48b30e02d?narHash=sha256-bQpCvbbLZE4R5m7LnW8gC1RZo5fvpTyp2SF6Fq8JjTw%3D' (2025-01-12)
warning: Git tree '/home/lena/src/fieldnotes' is dirty
v22.12.0'''),
    T("Bash", "nix develop -c pnpm build 2>&1 | tail -5", '''warning: Git tree '/home/lena/src/fieldnotes' is dirty
09:14:31 [build] 143 page(s) built in 8.92s
09:14:31 [build] Complete!'''),
    A("Node 22.12.0 in the shell now and the site builds (143 pages). `flake.lock` changed along with `flake.nix`."),
    U("nice. does direnv pick it up by itself or do I need to do something?"),
    A("`.envrc` has `use flake`, so direnv watches `flake.nix` and `flake.lock` and re-evaluates the shell the next "
      "time you `cd` into the directory or press enter in it. If you're already in there, `direnv reload` forces it."),
    U("cool, thanks. commit it pls"),
    T("Bash", "git add flake.nix flake.lock && git commit -q -m 'devshell: node 22' && git log --oneline -1",
      "3b7e1f0 devshell: node 22"),
    A("Done, `3b7e1f0`. Have a good one!"),
]

gold = [
    {"kind": "DECISION", "summary": "fieldnotes dev shell (flake.nix) uses nodejs_22 (Astro 5 needs node >= 22.12)",
     "all_of": ["node"], "any_of": ["22"], "files": ["flake.nix"]},
]

write({
    "id": "fieldnotes_devshell",
    "project": "fieldnotes",
    "cwd_files": ["flake.nix", "flake.lock"],
    "turns": turns,
    "gold": gold,
    "dead_ends": [],
    "secrets": [],
    "supersedes": [],
})
