# Shared by the scripts: paths, messages and installing what is missing.
# shellcheck shell=bash

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export PATH="$HOME/.cargo/bin:$PATH"
cd "$ROOT"

step() { printf '\033[1;34m==>\033[0m %s\n' "$*" >&2; }
fail() { printf '\033[1;31mFAILED:\033[0m %s\n' "$*" >&2; exit 1; }

# Runs a command as root: directly when we are root, through sudo otherwise.
as_root() {
  if [[ $(id -u) == 0 ]]; then
    "$@"
  elif command -v sudo >/dev/null; then
    sudo "$@"
  else
    fail "need root to run: $* (install it by hand, or run as root)"
  fi
}

# Installs Debian packages, refreshing the package lists once if they are stale.
apt_install() {
  step "installing $* (apt-get)"
  local apt=(env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@")
  if ! as_root "${apt[@]}" >/dev/null; then
    as_root apt-get update -q >/dev/null
    as_root "${apt[@]}" >/dev/null || fail "could not install $*"
  fi
}
