//! The HTML document around every page, rendered on the server only, and its
//! Content-Security-Policy: scripts only with the render's nonce (the hydration script,
//! which then loads the app's module) and WebAssembly; everything else from this origin.

use std::sync::OnceLock;

use axum::http::{HeaderValue, header::CONTENT_SECURITY_POLICY, request::Parts};
use leptos::{
    either::{Either, EitherOf4},
    nonce::use_nonce,
    prelude::*,
};
use leptos_axum::ResponseOptions;
use leptos_meta::MetaTags;
use serde_json::json;

use super::{
    auth::caller::Caller,
    idempotency::fresh_key,
    site::{self, Bundles, watching},
};
use crate::{App, components::FreshKey};

const REGISTER_SERVICE_WORKER: &str = "if ('serviceWorker' in navigator) \
    addEventListener('load', () => navigator.serviceWorker.register('/sw.js'));";

/// A page without the app still shows its banner while the phone is offline (the app's
/// `OfflineNotice` does it once live).
const OFFLINE_NOTICE: &str = "{ const notice = document.querySelector('.link-notice.offline');\
    const show = () => { notice.hidden = navigator.onLine; };\
    addEventListener('online', show); addEventListener('offline', show); show(); }";

/// The address of the page being rendered, when the browser asked for another one: the
/// order's page that answers the code's start form (server/src/scan.rs). The page shows
/// its own address before the app reads it.
#[derive(Clone)]
pub struct ShownAt(pub String);

/// The HTML document around every page, rendered on the server only, under a
/// Content-Security-Policy whose nonce its scripts carry.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    set_content_security_policy();
    provide_context(FreshKey(fresh_key));
    let lang = super::language::of_request();
    provide_context(lang);
    let (path, query) = use_context::<Parts>()
        .map(|parts| {
            let uri = &parts.uri;
            (
                uri.path().to_owned(),
                uri.query().unwrap_or_default().to_owned(),
            )
        })
        .unwrap_or_default();
    let customer = path.starts_with("/order/");
    let code = app_code(&path, &query, Caller::current().user.is_some());
    let bundle = BundleFiles::named(&options, Bundles::of(&options).for_page(customer));
    let offline_notice = (code != AppCode::Hydrate)
        .then(|| view! { <script nonce=use_nonce() inner_html=OFFLINE_NOTICE></script> });
    let shown_at = use_context::<ShownAt>().map(|ShownAt(path)| {
        let show = format!("history.replaceState(null, '', {});", json!(path));
        view! { <script nonce=use_nonce() inner_html=show></script> }
    });
    let code = match code {
        AppCode::Hydrate => EitherOf4::A(view! { <Hydrate bundle/> }),
        AppCode::Preload => EitherOf4::B(view! { <Preload bundle/> }),
        AppCode::Prefetch => EitherOf4::C(view! { <Prefetch bundle/> }),
        AppCode::Forms => EitherOf4::D(()),
    };
    view! {
        <!DOCTYPE html>
        <html lang=lang.tag()>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                {shown_at}
                <link rel="manifest" href="/manifest.webmanifest"/>
                <link rel="apple-touch-icon" href="/icons/icon-192.png"/>
                <AutoReload options=options.clone()/>
                <Styles options/>
                {code}
                <MetaTags/>
            </head>
            <body>
                <App/>
                {offline_notice}
                // The service worker keeps the app openable offline (public/sw.js).
                <script nonce=use_nonce() inner_html=REGISTER_SERVICE_WORKER></script>
            </body>
        </html>
    }
}

/// What a page does with the app's code (the wasm bundle).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum AppCode {
    /// Loads it and comes alive.
    Hydrate,
    /// Stays forms, and fetches the bundle at once for the page it turns into.
    Preload,
    /// Stays forms, and fetches the bundle, unhurried, for the page that comes next.
    Prefetch,
    /// Stays forms.
    Forms,
}

/// The customer app's pages before an order are forms, which the server answers: the
/// phones' bundle has no code for them (lib.rs). Signed out, every step to signing in is
/// one (a phone's first visit loads no wasm at all). The pages where a person stays a
/// while fetch the bundle that the order's page then finds in the cache: the one asking
/// for the e-mailed code, the shop's page and a refusal (before the next scan). Signed
/// in, the code's page turns into the order's in place (pages::order::arrive), so it
/// starts loading the bundle at once: a browser drops what a page still fetches when the
/// next one arrives. An order's page, signed in, comes alive, as every staff page does.
fn app_code(path: &str, query: &str, signed_in: bool) -> AppCode {
    let Some(page) = path.strip_prefix("/order/") else {
        return AppCode::Hydrate;
    };
    let an_order = page.trim_end_matches('/').contains('/');
    let has = |wanted: &str| {
        form_urlencoded::parse(query.as_bytes())
            .any(|(name, value)| name == wanted && !value.is_empty())
    };
    match (signed_in, an_order) {
        (false, _) if has(crate::api::auth::CODE_SENT_TO) => AppCode::Prefetch,
        (false, _) => AppCode::Forms,
        (true, true) => AppCode::Hydrate,
        (true, false) if has("t") && !has("__err") => AppCode::Preload,
        (true, false) => AppCode::Prefetch,
    }
}

/// Only where scripts run: a browser without them (or with them off) has no use for the
/// bundle, and skips a preload that this media query does not match.
const SCRIPTING: &str = "(scripting: enabled)";

/// The addresses of a bundle's two files: its JavaScript module and its wasm.
struct BundleFiles {
    js: String,
    wasm: String,
}

impl BundleFiles {
    /// Bundle `stem`'s files in the site's bundle folder.
    fn named(options: &LeptosOptions, stem: &str) -> Self {
        let pkg = &options.site_pkg_dir;
        Self {
            js: format!("/{pkg}/{stem}.js"),
            wasm: format!("/{pkg}/{stem}.wasm"),
        }
    }
}

/// Loads `bundle` and brings the page alive, as Leptos's `HydrationScripts` does, but
/// with preloads that a browser without scripts skips.
#[component]
fn Hydrate(bundle: BundleFiles) -> impl IntoView {
    let (js, wasm) = (json!(bundle.js), json!(bundle.wasm));
    let start = format!(
        "import({js}).then((app) => \
         app.default({{ module_or_path: {wasm} }}).then(() => app.hydrate()));"
    );
    view! {
        <Preload bundle/>
        <script type="module" nonce=use_nonce() inner_html=start></script>
    }
}

/// Loads `bundle` as the page that comes alive asks for it (`Hydrate`), for the page that
/// comes alive, or the one this one turns into.
#[component]
fn Preload(bundle: BundleFiles) -> impl IntoView {
    view! {
        <link rel="modulepreload" href=bundle.js crossorigin="" media=SCRIPTING/>
        <link
            rel="preload"
            href=bundle.wasm
            r#as="fetch"
            r#type="application/wasm"
            crossorigin=""
            media=SCRIPTING
        />
    }
}

/// Fetches `bundle` at low priority into the browser's cache, for the next page.
/// Chromium fetches a `<link rel="prefetch">` whatever its media, so a script writes the
/// links: without scripts, nothing is fetched.
#[component]
fn Prefetch(bundle: BundleFiles) -> impl IntoView {
    let files = json!([bundle.js, bundle.wasm]);
    let script = format!(
        "for (const href of {files}) document.head.append(\
         Object.assign(document.createElement('link'), {{ rel: 'prefetch', href }}));"
    );
    view! { <script nonce=use_nonce() inner_html=script></script> }
}

/// The app's CSS, in the page itself: a phone paints (and the code's page posts its form)
/// without waiting for one more round trip. Under `cargo leptos watch`, which swaps the
/// stylesheet as it changes, and before the site is built, the stylesheet is linked.
#[component]
fn Styles(options: LeptosOptions) -> impl IntoView {
    static INLINE: OnceLock<Option<String>> = OnceLock::new();
    let css = INLINE.get_or_init(|| {
        let path = site::pkg_file(&options, &format!("{}.css", options.output_name));
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
    fn a_customer_page_before_the_order_stays_forms() {
        use AppCode::*;
        let cases = [
            // (path, query, signed in) → what it does with the bundle
            ("/barista/demo", "", false, Hydrate),
            ("/order/demo", "t=abc", false, Forms),
            ("/order/demo", "", false, Forms),
            ("/order/demo/0190", "", false, Forms),
            ("/order/demo", "t=abc&email=a%40b.org", false, Prefetch),
            ("/order/demo", "email=a%40b.org&__err=e30", false, Prefetch),
            ("/order/demo", "t=abc", true, Preload),
            ("/order/demo", "t=abc&__err=e30", true, Prefetch),
            ("/order/demo", "t=", true, Prefetch),
            ("/order/demo/", "", true, Prefetch),
            ("/order/demo/0190", "", true, Hydrate),
        ];
        for (path, query, signed_in, expected) in cases {
            assert_eq!(app_code(path, query, signed_in), expected, "{path}?{query}");
        }
    }

    #[test]
    fn scripts_need_the_nonce() {
        let policy = content_security_policy("abc", false);

        assert!(policy.contains("script-src 'nonce-abc' 'strict-dynamic' 'wasm-unsafe-eval';"));
        assert!(!policy.contains("ws:"));
        assert!(content_security_policy("abc", true).contains("connect-src 'self' ws: wss:"));
    }
}
