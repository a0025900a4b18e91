from h17lib import U, A, T, G, D, write

HEALTH = '''==============================================================================
lazy:                                                                       ✅

lazy.nvim ~
- {lazy.nvim} version `11.14.1`
- ✅ OK {git} `version 2.45.2`
- ✅ OK no existing packages found by other package managers
- ✅ OK packer_compiled.lua not found

luarocks ~
- checking `luarocks` installation
- ⚠️ WARNING {luarocks} not installed
- ⚠️ WARNING Lazy won't be able to install plugins that require `luarocks`.
  Here's a list of plugins that require `luarocks`:
    * none

==============================================================================
nvim-treesitter:                                                            ✅

Installation ~
- ✅ OK `tree-sitter` found 0.22.6 (parser generator, only needed for :TSInstallFromGrammar)
- ✅ OK `node` found v22.5.1 (only needed for :TSInstallFromGrammar)
- ✅ OK `git` executable found.
- ✅ OK `cc` executable found. Selected from { vim.NIL, "cc", "gcc", "clang", "cl", "zig" }

OS Info:
{ machine = "x86_64", release = "6.9.7-arch1-1", sysname = "Linux" } ~

  - Parser/Features         H L F I J
  - bash                    ✓ ✓ ✓ . ✓
  - lua                     ✓ ✓ ✓ ✓ ✓
  - python                  ✓ ✓ ✓ ✓ ✓
  - typescript              ✓ ✓ ✓ ✓ ✓
  - vimdoc                  ✓ ✓ ✓ . ✓

==============================================================================
telescope:                                                                  ✅

Checking for required plugins ~
- ✅ OK plenary installed.
- ✅ OK nvim-treesitter installed.

Checking external dependencies ~
- ✅ OK rg: found ripgrep 14.1.0
- ✅ OK fd: found fd 10.1.0

===== Installed extensions ===== ~

Telescope Extension: `fzf` ~
- ✅ OK lib working as expected

==============================================================================
vim.provider:                                                             ⚠️

Clipboard (optional) ~
- ✅ OK Clipboard tool found: wl-copy

Node.js provider (optional) ~
- ⚠️ WARNING Missing "neovim" npm (or yarn, pnpm) package.
  - ADVICE:
    - Run in shell: npm install -g neovim

Perl provider (optional) ~
- ⚠️ WARNING "Neovim::Ext" cpan module is not installed

Python 3 provider (optional) ~
- ⚠️ WARNING No Python executable found that can `import neovim`. Using the first available executable for diagnostics.
- ❌ ERROR Python provider error:
  - ADVICE:
    - provider/pythonx: Could not load Python :
      /usr/bin/python3 does not have the "neovim" module.

Ruby provider (optional) ~
- ⚠️ WARNING `ruby` and `gem` must be in $PATH.'''

turns = [
    U("quick one — :checkhealth shows a bunch of warnings and even an ERROR for my nvim config. are any of "
      "them actually important?"),
    T("Bash", "nvim --headless '+checkhealth' '+w! /tmp/health.txt' '+qa' && cat /tmp/health.txt", HEALTH),
    A("Nothing important. Everything that your config actually uses is green: lazy.nvim, treesitter parsers, "
      "telescope with ripgrep/fd and the fzf native extension. The warnings and the one ERROR are all under "
      "`vim.provider`: the Node, Perl, Python 3 and Ruby *providers* are only needed for legacy remote plugins "
      "written in those languages, and none of your plugins are. The luarocks warning is also harmless — no "
      "plugin in your spec needs it.\n\nIf the noise bothers you, you can silence them with "
      "`vim.g.loaded_python3_provider = 0` (and the same for `node`, `perl`, `ruby`) in `init.lua`."),
    U("nah leave them, doesn't matter"),
    A("Sure, leaving them as they are."),
    U("while I have you: what's my keymap for live grep again? I always forget"),
    T("Bash", "grep -rn 'live_grep\\|find_files\\|buffers' lua/",
      '''lua/plugins/telescope.lua:14:      { "<leader>ff", function() require("telescope.builtin").find_files() end, desc = "Find files" },
lua/plugins/telescope.lua:15:      { "<leader>fg", function() require("telescope.builtin").live_grep() end, desc = "Live grep" },
lua/plugins/telescope.lua:16:      { "<leader>fb", function() require("telescope.builtin").buffers() end, desc = "Buffers" },'''),
    A("`<leader>fg` (your leader is space, so `Space f g`). `<leader>ff` is find files and `<leader>fb` buffers."),
    U("ahh right, fg. thanks. is telescope still the thing to use btw, or is everyone on fzf-lua now? I keep "
      "seeing it on reddit"),
    A("Both are fine and actively maintained. fzf-lua is noticeably faster on very large repos because it "
      "drives the `fzf` binary directly; telescope is more extensible and you already have the fzf-native "
      "sorter, which closes most of the gap. Switching would mean porting your keymaps and the two custom "
      "pickers in `lua/plugins/telescope.lua`. Only worth it if grep feels slow for you."),
    U("nah it's fine, I'm happy with telescope"),
    T("Read", "init.lua",
      '''vim.g.mapleader = " "
vim.g.maplocalleader = "\\\\"

local lazypath = vim.fn.stdpath("data") .. "/lazy/lazy.nvim"
if not (vim.uv or vim.loop).fs_stat(lazypath) then
  vim.fn.system({ "git", "clone", "--filter=blob:none", "https://github.com/folke/lazy.nvim.git", "--branch=stable", lazypath })
end
vim.opt.rtp:prepend(lazypath)

require("config.options")
require("config.keymaps")
require("lazy").setup("plugins", { change_detection = { notify = false } })'''),
    A("For reference, your `init.lua` is the standard lazy.nvim bootstrap: options and keymaps in "
      "`lua/config/`, one spec file per plugin under `lua/plugins/`. Nothing to change there."),
    U("cool, that's all I needed. have a good evening!"),
    A("You too, enjoy!"),
]

sess = {
    "id": "h17_nvim_lua",
    "project": "nvim-config",
    "cwd_files": ["init.lua", "lua/plugins/telescope.lua", "lua/config/keymaps.lua"],
    "turns": turns,
    "gold": [
        G("PROJECT", "Neovim config in Lua with lazy.nvim (plugins in lua/plugins/), telescope",
          ["lazy.nvim"], ["neovim", "nvim", "lua", "plugins"]),
    ],
    "dead_ends": [
        D("switch from telescope to fzf-lua (discussed, declined)", ["fzf-lua"]),
        D("silence provider warnings via vim.g.loaded_*_provider = 0 (declined)", ["loaded_python3_provider"]),
    ],
    "secrets": [],
}

if __name__ == "__main__":
    write(sess)
