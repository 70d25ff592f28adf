//! The customer app, on a phone: `/order/{shop}`.

use leptos::{either::Either, prelude::*};
use leptos_meta::Title;

use crate::{
    components::{
        ErrorPanel, Loading, ShopStatus,
        auth::{AccountBar, CustomerSignIn, use_current_user},
        use_shop,
    },
    model::{Drink, Shop, User},
};

#[component]
pub fn OrderPage() -> impl IntoView {
    let shop = use_shop();
    let user = use_current_user();
    view! {
        <main class="app customer">
            <Transition fallback=Loading>
                {move || Suspend::new(async move {
                    match (shop.await, user.await) {
                        (Ok(shop), Ok(user)) => Either::Left(view! { <Welcome shop user/> }),
                        (Err(error), _) | (_, Err(error)) => {
                            Either::Right(view! { <ErrorPanel error/> })
                        }
                    }
                })}
            </Transition>
        </main>
    }
}

#[component]
fn Welcome(shop: Shop, user: Option<User>) -> impl IntoView {
    let menu_shown = RwSignal::new(false);
    let lead = if shop.open {
        "Free coffee, made for you. Scan the code on the booth screen to order."
    } else {
        "The booth is closed right now. Come back soon!"
    };
    view! {
        <Title text=shop.name.clone()/>
        <header class="topbar">
            <span class="brand">"Crema"</span>
            <ShopStatus open=shop.open/>
        </header>
        <section class="welcome">
            <h1>{shop.name}</h1>
            <p class="lead">{lead}</p>
        </section>
        <button
            class="button wide"
            type="button"
            aria-controls="menu"
            aria-expanded=move || menu_shown.get().to_string()
            on:click=move |_| menu_shown.update(|shown| *shown = !*shown)
        >
            {move || if menu_shown.get() { "Hide the menu" } else { "See the menu" }}
        </button>
        <ul id="menu" class="menu" hidden=move || !menu_shown.get()>
            {shop.menu.into_iter().map(|drink| view! { <DrinkCard drink/> }).collect_view()}
        </ul>
        {match user {
            Some(user) => Either::Left(view! { <AccountBar user/> }),
            None => Either::Right(view! { <CustomerSignIn/> }),
        }}
    }
}

#[component]
fn DrinkCard(drink: Drink) -> impl IntoView {
    let options = drink
        .groups
        .iter()
        .map(|group| group.name.as_str())
        .collect::<Vec<_>>()
        .join(" · ");
    view! {
        <li class="drink" class:sold-out=!drink.available>
            <span class="drink-icon" aria-hidden="true">{drink.icon}</span>
            <span class="drink-name">{drink.name}</span>
            <span class="drink-options">{options}</span>
            {(!drink.available).then(|| view! { <span class="tag">"Sold out"</span> })}
        </li>
    }
}
