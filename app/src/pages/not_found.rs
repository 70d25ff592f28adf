use leptos::prelude::*;
use leptos_meta::Title;

use crate::{components::ErrorPanel, error::AppError};

/// Any address no page answers. The server sends it with status 404.
#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <Title text="Not found"/>
        <main class="app">
            <ErrorPanel error=AppError::not_found("There is no page at this address.")/>
        </main>
    }
}
