//! The booth screen: `/display/{shop}`.

use leptos::{either::Either, prelude::*};
use leptos_meta::Title;

use crate::{
    api::shops::get_booth_code,
    components::{ErrorPanel, Loading, ShopStatus, use_shop},
    model::Shop,
};

#[component]
pub fn DisplayPage() -> impl IntoView {
    let shop = use_shop();
    // Halls differ: a dark screen reads best under stage light, a light one in daylight.
    let light = RwSignal::new(false);
    view! {
        <main class="app display" class:light=light>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match shop.await {
                        Ok(shop) => Either::Left(view! { <Screen shop/> }),
                        Err(error) => Either::Right(view! { <ErrorPanel error/> }),
                    }
                })}
            </Suspense>
            <button
                class="button theme-toggle"
                type="button"
                aria-pressed=move || light.get().to_string()
                on:click=move |_| light.update(|light| *light = !*light)
            >
                {move || if light.get() { "Dark screen" } else { "Light screen" }}
            </button>
        </main>
    }
}

#[component]
fn Screen(shop: Shop) -> impl IntoView {
    let slug = shop.slug.clone();
    let code = Resource::new(move || slug.clone(), get_booth_code);
    view! {
        <Title text=format!("Display · {}", shop.name)/>
        <header class="topbar">
            <h1>{shop.name}</h1>
            <ShopStatus open=shop.open/>
        </header>
        {if shop.open {
            Either::Left(view! {
                <section class="qr-panel">
                    <Suspense fallback=Loading>
                        {move || Suspend::new(async move {
                            match code.await {
                                Ok(code) => Either::Left(view! {
                                    <div class="qr" role="img" aria-label="QR code to order" inner_html=code.svg></div>
                                    <p class="qr-caption">"Scan to order your free coffee"</p>
                                    <p class="qr-url">{code.url}</p>
                                }),
                                Err(error) => Either::Right(view! { <ErrorPanel error/> }),
                            }
                        })}
                    </Suspense>
                </section>
            })
        } else {
            Either::Right(view! {
                <section class="closed-panel">
                    <p class="big">"We're closed"</p>
                    <p>"Come back soon for a free coffee."</p>
                </section>
            })
        }}
    }
}
