//! The barista app, on a tablet: `/barista/{shop}`.

use leptos::{either::EitherOf3, prelude::*};
use leptos_meta::Title;

use crate::{
    api::auth::StaffApp,
    components::{
        ErrorPanel, Loading, ShopStatus,
        auth::{AccountBar, StaffAccessDenied, use_staff_access},
        use_shop,
    },
    model::{Shop, User},
};

#[component]
pub fn BaristaPage() -> impl IntoView {
    let access = use_staff_access(StaffApp::Barista);
    let shop = use_shop();
    // Set in the browser each time the shop arrives, so it also tells that the page is live.
    let updated_at = RwSignal::new(None::<String>);
    Effect::new(move || {
        if shop.with(Option::is_some) {
            updated_at.set(Some(String::from(
                js_sys::Date::new_0().to_locale_time_string("en-GB"),
            )));
        }
    });

    view! {
        <main class="app barista">
            <Transition fallback=Loading>
                {move || Suspend::new(async move {
                    match (access.await, shop.await) {
                        (Err(error), _) => EitherOf3::A(view! {
                            <StaffAccessDenied app=StaffApp::Barista error/>
                        }),
                        (Ok(user), Ok(details)) => EitherOf3::B(view! {
                            <Counter shop=details user/>
                            <footer class="toolbar">
                                <button class="button" type="button" on:click=move |_| shop.refetch()>
                                    "Refresh"
                                </button>
                                <span class="updated" aria-live="polite">
                                    {move || updated_at.get().map(|time| format!("Updated {time}"))}
                                </span>
                            </footer>
                        }),
                        (Ok(_), Err(error)) => EitherOf3::C(view! { <ErrorPanel error/> }),
                    }
                })}
            </Transition>
        </main>
    }
}

#[component]
fn Counter(shop: Shop, user: User) -> impl IntoView {
    let capacity = shop.settings.capacity;
    view! {
        <Title text=format!("Barista · {}", shop.name)/>
        <header class="topbar">
            <h1>{shop.name}</h1>
            <ShopStatus open=shop.open/>
        </header>
        <AccountBar user/>
        <section class="panel">
            <p class="lead">
                {if shop.open {
                    format!("Taking orders: up to {capacity} at a time.")
                } else {
                    "Closed: customers cannot order.".to_owned()
                }}
            </p>
        </section>
    }
}
