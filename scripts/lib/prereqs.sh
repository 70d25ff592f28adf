# Installs, once and visibly, the tools the scripts need. Each function returns quickly
# when its tool is already there.
# shellcheck shell=bash

CARGO_LEPTOS_VERSION="0.3.10"

ensure_rust_tools() {
  command -v rustup >/dev/null || fail "rustup is required: https://rustup.rs"
  local installed
  installed="$(rustup component list --installed)"
  for component in clippy rustfmt; do
    grep -q "^$component" <<<"$installed" || { step "adding rustup component $component"; rustup component add "$component"; }
  done
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    step "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi
}

ensure_cargo_leptos() {
  if [[ $(cargo leptos --version 2>/dev/null) != "cargo-leptos $CARGO_LEPTOS_VERSION" ]]; then
    step "installing cargo-leptos $CARGO_LEPTOS_VERSION (once per machine; about 30 minutes on 2 cores)"
    cargo install cargo-leptos --version "$CARGO_LEPTOS_VERSION" --locked
  fi
}

# cargo-leptos calls the wasm-bindgen on PATH, which must match the library in Cargo.lock.
ensure_wasm_bindgen() {
  local want
  want="$(awk '$0 == "name = \"wasm-bindgen\"" { getline; gsub(/[^0-9.]/, ""); print }' Cargo.lock)"
  [[ -n $want ]] || fail "no wasm-bindgen in Cargo.lock"
  if [[ $(wasm-bindgen --version 2>/dev/null) != "wasm-bindgen $want"* ]]; then
    step "installing wasm-bindgen-cli $want (the version in Cargo.lock)"
    # Not --locked: its lock file names a crate version the registry no longer has.
    cargo install wasm-bindgen-cli --version "$want"
  fi
}

ensure_node() {
  command -v npm >/dev/null || apt_install nodejs npm
}

# Installs the npm packages of folder $1 when its lock file changed since the last install.
npm_install() {
  local dir="$ROOT/$1"
  if [[ ! -f $dir/node_modules/.package-lock.json || $dir/package-lock.json -nt $dir/node_modules/.package-lock.json ]]; then
    step "installing the npm packages of $1"
    npm ci --prefix "$dir" --no-audit --no-fund --loglevel=error >/dev/null
  fi
}

# Release bundles go through wasm-opt; Debian's binaryen is too old for Leptos' wasm, so
# we use binaryen from npm.
ensure_wasm_opt() {
  ensure_node
  npm_install scripts/tools
  export PATH="$ROOT/scripts/tools/node_modules/.bin:$PATH"
}

# Chromium for the browser tests, with the emoji font phones have (the menu's icons).
ensure_chromium() {
  command -v chromium >/dev/null || apt_install chromium
  dpkg -s fonts-noto-color-emoji >/dev/null 2>&1 || apt_install fonts-noto-color-emoji
  CHROMIUM_PATH="$(command -v chromium)"
  export CHROMIUM_PATH
}

# A real QR decoder, for the display's tests.
ensure_zbar() {
  command -v zbarimg >/dev/null || apt_install zbar-tools
}

# Everything needed to build the site.
ensure_build_tools() {
  ensure_rust_tools
  ensure_cargo_leptos
  ensure_wasm_bindgen
  ensure_wasm_opt
}
