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
  name_bundles_by_content
}

# Names each bundle after its content, /pkg/<bundle>.<hash>.js and .wasm (their
# precompressed copies too), so that browsers keep them for good (app/src/ssr/site.rs);
# then gives the service worker (public/sw.js) the site's version and the customer
# bundle's files to keep.
name_bundles_by_content() {
  local site="$ROOT/target/site" bundle hash file version customer=""
  for bundle in crema crema-customer; do
    hash="$(cat "$site/pkg/$bundle.js" "$site/pkg/$bundle.wasm" | sha256sum | cut -c1-16)"
    for file in "$site/pkg/$bundle".{js,wasm}*; do
      mv "$file" "$site/pkg/$bundle.$hash.${file#"$site/pkg/$bundle."}"
    done
    if [[ $bundle == crema-customer ]]; then
      customer="/pkg/$bundle.$hash"
    fi
  done
  version="$(find "$site" -type f ! -name 'sw.js*' -print0 | LC_ALL=C sort -z | xargs -0 cat | sha256sum | cut -c1-16)"
  sed -i -e "s|^const VERSION = .*|const VERSION = '$version';|" \
    -e "s|^const BUNDLE = .*|const BUNDLE = ['$customer.js', '$customer.wasm'];|" "$site/sw.js"
  grep -q "^const VERSION = '$version';" "$site/sw.js" || fail "public/sw.js has no VERSION line"
  grep -q "^const BUNDLE = \['$customer.js'" "$site/sw.js" || fail "public/sw.js has no BUNDLE line"
  # The worker changed after precompression: it is served as it is now.
  rm -f "$site"/sw.js.{br,gz}
}
