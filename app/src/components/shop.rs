use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::{api::shops::get_shop, error::AppError, i18n, model::Shop};

/// The `:shop` segment of the URL.
pub fn use_shop_slug() -> Memo<String> {
    let params = use_params_map();
    Memo::new(move |_| params.read().get("shop").unwrap_or_default())
}

/// The shop named by the URL.
pub fn use_shop() -> Resource<Result<Shop, AppError>> {
    let slug = use_shop_slug();
    Resource::new(move || slug.get(), get_shop)
}

/// "Open" or "Closed", in words and colour.
#[component]
pub fn ShopStatus(#[prop(into)] open: Signal<bool>) -> impl IntoView {
    let t = i18n::common();
    view! {
        <span class="status" class:open=open class:closed=move || !open.get()>
            {move || if open.get() { t.open } else { t.closed }}
        </span>
    }
}
