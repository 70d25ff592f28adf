use leptos::prelude::*;

use crate::{error::AppError, i18n};

/// What a page shows while its data is on the way.
#[component]
pub fn Loading() -> impl IntoView {
    view! { <p class="loading" role="status">{i18n::common().loading}</p> }
}

/// An error, in words a person can act on.
#[component]
pub fn ErrorPanel(error: AppError) -> impl IntoView {
    let t = i18n::common();
    view! {
        <section class="panel error" role="alert">
            <h1>{(t.error_title)(error.status)}</h1>
            <p>{t.error_text(&error)}</p>
            <a href="/" rel="external">{t.see_all_shops}</a>
        </section>
    }
}
