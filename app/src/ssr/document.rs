//! The HTML document around every page, rendered on the server only, and its
//! Content-Security-Policy: scripts only with the render's nonce (the hydration script,
//! which then loads the app's module) and WebAssembly; everything else from this origin.

use std::{path::Path, sync::OnceLock};

use axum::http::{HeaderValue, header::CONTENT_SECURITY_POLICY, request::Parts};
use leptos::{either::Either, nonce::use_nonce, prelude::*};
use leptos_axum::ResponseOptions;
use leptos_meta::MetaTags;

use super::idempotency::fresh_key;
use crate::{App, components::FreshKey};

/// The customer app's own bundle, without the staff apps (scripts/lib/site.sh builds it
/// beside the bundle of every app).
const CUSTOMER_BUNDLE: &str = "crema-customer";

const REGISTER_SERVICE_WORKER: &str = "if ('serviceWorker' in navigator) \
    addEventListener('load', () => navigator.serviceWorker.register('/sw.js'));";

/// The HTML document around every page, rendered on the server only, under a
/// Content-Security-Policy whose nonce its scripts carry.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    set_content_security_policy();
    provide_context(FreshKey(fresh_key));
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <link rel="manifest" href="/manifest.webmanifest"/>
                <link rel="apple-touch-icon" href="/icons/icon-192.png"/>
                <AutoReload options=options.clone()/>
                <Styles options=options.clone()/>
                <HydrationScripts options=bundle(options)/>
                <MetaTags/>
            </head>
            <body>
                <App/>
                // The service worker keeps the app openable offline (public/sw.js).
                <script nonce=use_nonce() inner_html=REGISTER_SERVICE_WORKER></script>
            </body>
        </html>
    }
}

/// The app's CSS, in the page itself: a phone paints (and the code's page posts its form)
/// without waiting for one more round trip. Under `cargo leptos watch`, which swaps the
/// stylesheet as it changes, and before the site is built, the stylesheet is linked.
#[component]
fn Styles(options: LeptosOptions) -> impl IntoView {
    static INLINE: OnceLock<Option<String>> = OnceLock::new();
    let css = INLINE.get_or_init(|| {
        let path = site_file(&options, &format!("{}.css", options.output_name));
        (!watching())
            .then(|| std::fs::read_to_string(path).ok())
            .flatten()
    });
    match css {
        // As it is: CSS is not HTML, and a `<style>` holds text raw.
        Some(css) => Either::Left(view! { <style inner_html=css.as_str()></style> }),
        None => {
            let href = format!("/{}/{}.css", options.site_pkg_dir, options.output_name);
            Either::Right(view! { <link id="leptos" rel="stylesheet" href=href/> })
        }
    }
}

/// The bundle a page loads: the customer app's pages (`/order/…`) load the customer app's
/// own bundle when the site has one (a release build); every other page, and every page
/// under `cargo leptos watch` (which builds only the other), loads the bundle of every app.
fn bundle(mut options: LeptosOptions) -> LeptosOptions {
    static BUILT: OnceLock<bool> = OnceLock::new();
    let built = *BUILT.get_or_init(|| {
        !watching() && site_file(&options, &format!("{CUSTOMER_BUNDLE}.wasm")).exists()
    });
    let customer_page =
        use_context::<Parts>().is_some_and(|parts| parts.uri.path().starts_with("/order/"));
    if built && customer_page {
        options.output_name = CUSTOMER_BUNDLE.into();
    }
    options
}

/// A file of the site's bundle folder.
fn site_file(options: &LeptosOptions, name: &str) -> std::path::PathBuf {
    Path::new(&*options.site_root)
        .join(&*options.site_pkg_dir)
        .join(name)
}

/// Whether `cargo leptos watch` runs the server.
fn watching() -> bool {
    std::env::var_os("LEPTOS_WATCH").is_some()
}

/// The policy for a page rendered with `nonce`. Styles allow inline ones: the app's CSS
/// is in the page (see `Styles`), and the server renders a few `style="…"`; `cargo leptos
/// watch` adds its reload socket.
pub fn content_security_policy(nonce: &str, watching: bool) -> String {
    let reload = if watching { " ws: wss:" } else { "" };
    format!(
        "default-src 'self'; \
         script-src 'nonce-{nonce}' 'strict-dynamic' 'wasm-unsafe-eval'; \
         style-src 'self' 'unsafe-inline'; \
         img-src 'self' data:; \
         connect-src 'self'{reload}; \
         worker-src 'self'; \
         manifest-src 'self'; \
         object-src 'none'; \
         base-uri 'none'; \
         form-action 'self'; \
         frame-ancestors 'none'"
    )
}

/// Gives the page being rendered its policy, with the render's nonce.
pub fn set_content_security_policy() {
    let (Some(nonce), Some(response)) = (use_nonce(), use_context::<ResponseOptions>()) else {
        return;
    };
    if let Ok(policy) = HeaderValue::from_str(&content_security_policy(&nonce, watching())) {
        response.insert_header(CONTENT_SECURITY_POLICY, policy);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_need_the_nonce() {
        let policy = content_security_policy("abc", false);

        assert!(policy.contains("script-src 'nonce-abc' 'strict-dynamic' 'wasm-unsafe-eval';"));
        assert!(!policy.contains("ws:"));
        assert!(content_security_policy("abc", true).contains("connect-src 'self' ws: wss:"));
    }
}
