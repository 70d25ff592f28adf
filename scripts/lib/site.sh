# The release site, as scripts/serve ships it and the browser tests run it.
# shellcheck shell=bash

# cargo-leptos' release build (every app's bundle, the server, the CSS and the static
# files, precompressed), then the customer app's own bundle beside it: the customer's
# pages load `crema-customer.*` (app/src/ssr/document.rs), so phones never download the
# staff apps. That bundle builds in a target folder of its own, so that the two builds
# keep their caches.
build_release_site() {
  step "building the release: the server and every app's bundle"
  cargo leptos build --release --precompress
  step "building the customer app's own bundle"
  CARGO_TARGET_DIR="$ROOT/target/customer" LEPTOS_OUTPUT_NAME=crema-customer \
    LEPTOS_SITE_ROOT=target/customer/site \
    cargo leptos build --release --precompress --frontend-only --lib-features=customer
  cp "$ROOT"/target/customer/site/pkg/crema-customer.{js,wasm}* "$ROOT/target/site/pkg/"
}
