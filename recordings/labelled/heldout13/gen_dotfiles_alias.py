from _common import U, A, T, G, write

ALIASES = '''# ~/.dotfiles/zsh/aliases.zsh -- sourced from .zshrc

alias ll='ls -lah --group-directories-first'
alias la='ls -A'
alias ..='cd ..'
alias ...='cd ../..'

# git
alias g='git'
alias gco='git checkout'
alias gd='git diff'
alias gl='git log --oneline --graph --decorate -20'
alias gp='git push'

# misc
alias k='kubectl'
alias tf='terraform'
alias please='sudo $(fc -ln -1)'
'''

INSTALL = '''#!/usr/bin/env bash
# Symlink everything into $HOME. Re-runnable.
set -euo pipefail

DOTFILES="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

link() {
  local src="$1" dst="$2"
  mkdir -p "$(dirname "$dst")"
  if [ -e "$dst" ] && [ ! -L "$dst" ]; then
    mv "$dst" "$dst.bak.$(date +%s)"
  fi
  ln -sfn "$src" "$dst"
  echo "linked $dst"
}

link $DOTFILES/zsh/.zshrc        "$HOME/.zshrc"
link "$DOTFILES/zsh/aliases.zsh" "$HOME/.config/zsh/aliases.zsh"
link "$DOTFILES/tmux/.tmux.conf" "$HOME/.tmux.conf"
link "$DOTFILES/git/.gitconfig"  "$HOME/.gitconfig"
link "$DOTFILES/nvim"            "$HOME/.config/nvim"
'''

SHELLCHECK = '''
In install.sh line 18:
link $DOTFILES/zsh/.zshrc        "$HOME/.zshrc"
     ^-------^ SC2086 (info): Double quote to prevent globbing and word splitting.

Did you mean:
link "$DOTFILES"/zsh/.zshrc        "$HOME/.zshrc"

For more information:
  https://www.shellcheck.net/wiki/SC2086 -- Double quote to prevent globbing ...'''

session = {
    "id": "dotfiles_alias",
    "project": "dotfiles",
    "cwd_files": ["install.sh", "zsh/.zshrc", "zsh/aliases.zsh", "README.md"],
    "turns": [
        U("hi :) quick one. add an alias gs for `git status -sb` in my zsh config"),
        T("Bash", "ls -a && ls zsh", ".\n..\n.git\nREADME.md\ngit\ninstall.sh\nnvim\ntmux\nzsh\n.zshrc\naliases.zsh"),
        T("Read", "zsh/aliases.zsh", ALIASES),
        A("Adding it next to the other git aliases in `zsh/aliases.zsh`."),
        T("Edit", "zsh/aliases.zsh", "@@ -11,6 +11,7 @@ alias gco='git checkout'\n alias gd='git diff'\n alias gl='git log --oneline --graph --decorate -20'\n alias gp='git push'\n+alias gs='git status -sb'\n"),
        T("Bash", "zsh -ic 'alias gs'", "gs='git status -sb'"),
        A("Done. It's live in new shells (or `source ~/.zshrc` in the current one)."),
        U("thanks! also does shellcheck complain about install.sh? I ran it once ages ago"),
        T("Read", "install.sh", INSTALL),
        T("Bash", "shellcheck install.sh", SHELLCHECK),
        A("Just one info-level note: the first `link` call has `$DOTFILES` unquoted. Harmless unless the repo path ever contains a "
          "space, but trivial to fix."),
        T("Edit", "install.sh", "@@ -18 +18 @@\n-link $DOTFILES/zsh/.zshrc        \"$HOME/.zshrc\"\n+link \"$DOTFILES/zsh/.zshrc\"      \"$HOME/.zshrc\"\n"),
        T("Bash", "shellcheck install.sh && echo clean", "clean"),
        U("cool. how's the weather where you are haha"),
        A("No weather on my side, unfortunately, just terminals. Hope it's nice where you are!"),
        U("grey and rainy, classic november. commit it pls"),
        T("Bash", "git add zsh/aliases.zsh install.sh && git commit -m 'zsh: gs alias; install.sh: quote DOTFILES' && git log --oneline -1",
          "[main 4c1e9a2] zsh: gs alias; install.sh: quote DOTFILES\n 2 files changed, 2 insertions(+), 1 deletion(-)\n4c1e9a2 zsh: gs alias; install.sh: quote DOTFILES"),
        A("Committed as `4c1e9a2`."),
        U("ty, bye"),
    ],
    "gold": [
        G("PROJECT", "dotfiles repo: install.sh symlinks zsh/tmux/git/nvim config into $HOME", ["install.sh"], ["symlink", "ln -s", "link", "$home", "home"]),
    ],
    "dead_ends": [],
    "secrets": [],
    "supersedes": [],
}

if __name__ == "__main__":
    write(session)
