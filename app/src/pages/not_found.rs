use leptos::prelude::*;
use leptos_meta::Title;

use crate::{components::ErrorPanel, error::AppError, i18n};

/// Any address no page answers. The server sends it with status 404.
#[component]
pub fn NotFound() -> impl IntoView {
    let t = i18n::common();
    view! {
        <Title text=t.not_found/>
        <main class="app">
            <ErrorPanel error=AppError::not_found(t.no_page)/>
        </main>
    }
}
