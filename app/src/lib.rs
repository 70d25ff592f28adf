//! Crema's apps, isomorphic: rendered on the server, hydrated in the browser.
//!
//! - [`model`]: the types both sides share (shops, menus, settings).
//! - [`error`]: the error a person sees, shared by every server function.
//! - [`api`]: server functions, by resource.
//! - [`pages`]: the home page and the four apps (customer, barista, display, the
//!   operator's console).
//! - [`components`]: pieces the pages share.
//! - [`i18n`]: the languages Crema speaks.
//! - `ssr`: server-only state, database access and services, and the HTML document
//!   around every page (`ssr::document::shell`).

pub mod api;
pub mod components;
pub mod error;
pub mod i18n;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod ssr;

use leptos::prelude::*;
use leptos_meta::{Link, Meta, Title, provide_meta_context};
use leptos_router::{
    SsrMode,
    components::{Route, Router, Routes},
    path,
};

/// The router of Crema's pages.
///
/// Every page renders with [`SsrMode::Async`]: the server waits for its data and sends
/// complete HTML, so a phone on slow Wi-Fi sees real content before the wasm arrives.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    i18n::provide();
    components::auth::AuthEpoch::provide();

    view! {
        <Link rel="icon" href="/favicon.svg" type_="image/svg+xml"/>
        <Meta name="theme-color" content="#3b2417"/>
        <Title formatter=|title: String| {
            if title.is_empty() { "Crema".to_owned() } else { format!("{title} · Crema") }
        }/>
        <components::live::OfflineNotice/>
        <Router>{routes()}</Router>
    }
}

/// Every app's routes: the server renders them all, and so does a bundle built with the
/// `staff` feature (the one `cargo leptos watch` builds).
#[cfg(feature = "staff")]
fn routes() -> impl IntoView {
    view! {
        <Routes fallback=pages::NotFound>
            <Route path=path!("/") view=pages::Home ssr=SsrMode::Async/>
            <Route path=path!("/order/:shop") view=pages::order::OrderPage ssr=SsrMode::Async/>
            <Route path=path!("/order/:shop/:order") view=pages::order::OrderView ssr=SsrMode::Async/>
            <Route path=path!("/barista/:shop") view=pages::barista::BaristaPage ssr=SsrMode::Async/>
            <Route path=path!("/display/:shop") view=pages::display::DisplayPage ssr=SsrMode::Async/>
            <Route path=path!("/admin") view=pages::admin::AdminPage ssr=SsrMode::Async/>
            <Route path=path!("/admin/poster/:shop") view=pages::admin::PosterPage ssr=SsrMode::Async/>
            <Route path=path!("/admin/:shop/report") view=pages::admin::ReportPage ssr=SsrMode::Async/>
            <Route path=path!("/how/:shop") view=pages::how::HowPage ssr=SsrMode::Async/>
            <Route path=path!("/how/:shop/:order") view=pages::how::OrderPathPage ssr=SsrMode::Async/>
            <Route path=path!("/dev/mailbox") view=pages::DevMailbox ssr=SsrMode::Async/>
        </Routes>
    }
}

/// The order's page only: the phones' bundle (see `ssr::document`), which leaves every
/// staff page's code out, and the shop's page too (`/order/:shop`: the code's page, the
/// sign-in and the refusals are forms that never load the app). A link from an order's
/// page to any other page is `rel="external"`, so that it loads the page from the server.
#[cfg(not(feature = "staff"))]
fn routes() -> impl IntoView {
    view! {
        <Routes fallback=pages::NotFound>
            <Route path=path!("/order/:shop/:order") view=pages::order::OrderView ssr=SsrMode::Async/>
        </Routes>
    }
}
