use leptos::prelude::*;

use crate::error::AppError;

/// What a page shows while its data is on the way.
#[component]
pub fn Loading() -> impl IntoView {
    view! { <p class="loading" role="status">"Loading…"</p> }
}

/// An error, in words a person can act on.
#[component]
pub fn ErrorPanel(error: AppError) -> impl IntoView {
    let title = match error.status {
        404 => "Not found",
        503 => "Back in a moment",
        _ => "Something went wrong",
    };
    view! {
        <section class="panel error" role="alert">
            <h1>{title}</h1>
            <p>{error.message}</p>
            <a href="/" rel="external">"See all shops"</a>
        </section>
    }
}
