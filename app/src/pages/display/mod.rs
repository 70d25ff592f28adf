//! The booth screen: `/display/{shop}`.

use leptos::{
    either::{Either, EitherOf3},
    prelude::*,
};
use leptos_meta::Title;

use crate::{
    api::{
        auth::StaffApp,
        shops::{BoothCode, get_booth_code, get_shop},
    },
    components::{
        ErrorPanel, Loading, ShopStatus,
        auth::{AuthEpoch, StaffAccessDenied, use_staff_access},
        use_shop_slug,
    },
    model::Shop,
};

#[component]
pub fn DisplayPage() -> impl IntoView {
    // Both resources are created here, in the same order on the server and in the
    // browser, so hydration pairs each with the data the server sent.
    let access = use_staff_access(StaffApp::Display);
    let slug = use_shop_slug();
    let epoch = AuthEpoch::get();
    let shop = Resource::new(move || slug.get(), get_shop);
    // Only a display may draw the code: it comes again after signing in.
    let code = Resource::new(
        move || (slug.get(), epoch.get()),
        |(slug, _)| get_booth_code(slug),
    );
    // Halls differ: a dark screen reads best under stage light, a light one in daylight.
    let light = RwSignal::new(false);
    view! {
        <main class="app display" class:light=light>
            <Transition fallback=Loading>
                {move || Suspend::new(async move {
                    if let Err(error) = access.await {
                        return EitherOf3::A(view! { <StaffAccessDenied app=StaffApp::Display error/> });
                    }
                    match (shop.await, code.await) {
                        (Ok(shop), Ok(code)) => EitherOf3::B(view! { <Screen shop code/> }),
                        (Err(error), _) | (_, Err(error)) => {
                            EitherOf3::C(view! { <ErrorPanel error/> })
                        }
                    }
                })}
            </Transition>
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
fn Screen(shop: Shop, code: BoothCode) -> impl IntoView {
    view! {
        <Title text=format!("Display · {}", shop.name)/>
        <header class="topbar">
            <h1>{shop.name}</h1>
            <ShopStatus open=shop.open/>
        </header>
        {if shop.open {
            Either::Left(view! {
                <section class="qr-panel">
                    <div class="qr" role="img" aria-label="QR code to order" inner_html=code.svg></div>
                    <p class="qr-caption">"Scan to order your free coffee"</p>
                    <p class="qr-url">{code.url}</p>
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
