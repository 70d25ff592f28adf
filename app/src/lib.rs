//! Crema's apps, isomorphic: rendered on the server, hydrated in the browser.
//!
//! - [`model`]: the types both sides share (shops, menus, settings).
//! - [`error`]: the error a person sees, shared by every server function.
//! - [`api`]: server functions, by resource.
//! - [`pages`]: the home page and the three apps (customer, barista, display).
//! - [`components`]: pieces the pages share.
//! - `ssr`: server-only state, database access and services.

pub mod api;
pub mod components;
pub mod error;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod ssr;

use leptos::prelude::*;
use leptos_meta::{Link, Meta, MetaTags, Stylesheet, Title, provide_meta_context};
use leptos_router::{
    SsrMode,
    components::{Route, Router, Routes},
    path,
};

const REGISTER_SERVICE_WORKER: &str = "if ('serviceWorker' in navigator) \
    addEventListener('load', () => navigator.serviceWorker.register('/sw.js'));";

/// The HTML document around every page, rendered on the server only, under a
/// Content-Security-Policy whose nonce its scripts carry.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    ssr::headers::set_content_security_policy();
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <link rel="manifest" href="/manifest.webmanifest"/>
                <link rel="apple-touch-icon" href="/icons/icon-192.png"/>
                <AutoReload options=options.clone()/>
                <HydrationScripts options/>
                <MetaTags/>
            </head>
            <body>
                <App/>
                // The service worker keeps the app openable offline (public/sw.js).
                <script nonce=leptos::nonce::use_nonce() inner_html=REGISTER_SERVICE_WORKER></script>
            </body>
        </html>
    }
}

/// The router of all of Crema's pages.
///
/// Every page renders with [`SsrMode::Async`]: the server waits for its data and sends
/// complete HTML, so a phone on slow Wi-Fi sees real content before the wasm arrives.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    components::auth::AuthEpoch::provide();

    view! {
        <Stylesheet id="leptos" href="/pkg/crema.css"/>
        <Link rel="icon" href="/favicon.svg" type_="image/svg+xml"/>
        <Meta name="theme-color" content="#3b2417"/>
        <Title formatter=|title: String| {
            if title.is_empty() { "Crema".to_owned() } else { format!("{title} · Crema") }
        }/>
        <components::live::OfflineNotice/>
        <Router>
            <Routes fallback=pages::NotFound>
                <Route path=path!("/") view=pages::Home ssr=SsrMode::Async/>
                <Route path=path!("/order/:shop") view=pages::order::OrderPage ssr=SsrMode::Async/>
                <Route
                    path=path!("/order/:shop/:order")
                    view=pages::order::OrderView
                    ssr=SsrMode::Async
                />
                <Route
                    path=path!("/barista/:shop")
                    view=pages::barista::BaristaPage
                    ssr=SsrMode::Async
                />
                <Route
                    path=path!("/display/:shop")
                    view=pages::display::DisplayPage
                    ssr=SsrMode::Async
                />
                <Route path=path!("/dev/mailbox") view=pages::DevMailbox ssr=SsrMode::Async/>
            </Routes>
        </Router>
    }
}
