//! The customer app, on a phone.
//!
//! - `/order/{shop}?t=<token>`: where the booth screen's QR code leads. Signs the person
//!   in if needed, then starts the order with the token ([`arrive`]).
//! - `/order/{shop}`: without a token, how to order, and the person's orders.
//! - `/order/{shop}/{order}`: one order, live: choosing the drink ([`choose`], its cards
//!   in [`options`]), then following it to the counter ([`follow`]), with its receipt and
//!   journey ([`receipt`]).

mod arrive;
mod choose;
mod follow;
mod notify;
pub(crate) mod options;
mod receipt;

use leptos::{either::EitherOf4, prelude::*};
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::{
    api::orders::my_orders,
    components::{
        ErrorPanel, Loading, ShopStatus,
        auth::{AccountBar, CustomerSignIn, use_current_user},
        use_shop,
    },
    i18n,
    model::{Drink, Order, Role, Shop, User},
};

pub use follow::OrderView;

#[component]
pub fn OrderPage() -> impl IntoView {
    let shop = use_shop();
    let user = use_current_user();
    let query = use_query_map();
    let token = Memo::new(move |_| query.read().get("t").filter(|token| !token.is_empty()));
    view! {
        <main class="app customer">
            <Transition fallback=Loading>
                {move || Suspend::new(async move {
                    match (shop.await, user.await, token.get()) {
                        (Ok(shop), Ok(Some(_)), Some(token)) => {
                            EitherOf4::A(view! { <arrive::Arrive shop token/> })
                        }
                        (Ok(shop), Ok(Some(user)), None) => {
                            EitherOf4::B(view! { <Landing shop user/> })
                        }
                        (Ok(shop), Ok(None), token) => {
                            EitherOf4::C(view! { <Welcome shop scanned=token.is_some()/> })
                        }
                        (Err(error), _, _) | (_, Err(error), _) => {
                            EitherOf4::D(view! { <ErrorPanel error/> })
                        }
                    }
                })}
            </Transition>
        </main>
    }
}

/// The app's header: the shop and whether it is open.
#[component]
fn TopBar(name: String, #[prop(into)] open: Signal<bool>) -> impl IntoView {
    view! {
        <Title text=name.clone()/>
        <header class="topbar">
            <span class="brand">"Crema"</span>
            <span class="topbar-shop">{name}</span>
            <ShopStatus open/>
        </header>
    }
}

/// Signed out: what the booth offers, and the sign-in. A person who scanned the code
/// comes back here signed in, with the code still in the address, and orders.
#[component]
fn Welcome(shop: Shop, scanned: bool) -> impl IntoView {
    let t = i18n::customer();
    let lead = match (shop.open, scanned) {
        _ if shop.archived => t.ended,
        (false, _) => t.closed_lead,
        (true, true) => t.scanned_lead,
        (true, false) => t.welcome_lead,
    };
    view! {
        <TopBar name=shop.name.clone() open=shop.open/>
        <section class="welcome">
            <h1>{shop.name.clone()}</h1>
            <p class="lead">{lead}</p>
        </section>
        <CustomerSignIn/>
        <MenuPreview menu=shop.menu/>
    }
}

/// Signed in, without a code: how to order, and the person's orders.
#[component]
fn Landing(shop: Shop, user: User) -> impl IntoView {
    // Staff have no orders of their own (and may not ask for them).
    let customer = user.role == Role::Customer;
    let orders = Resource::new(
        move || customer,
        |customer| async move {
            if customer {
                my_orders().await
            } else {
                Ok(Vec::new())
            }
        },
    );
    let slug = shop.slug.clone();
    let t = i18n::customer();
    let lead = if shop.archived {
        t.ended
    } else if shop.open {
        t.scan_to_order
    } else {
        t.closed_lead
    };
    view! {
        <TopBar name=shop.name.clone() open=shop.open/>
        <section class="panel scan">
            <span class="scan-icon" aria-hidden="true">"▣"</span>
            <h1>{lead}</h1>
            {shop.wait_estimate_s.map(|wait| view! {
                <p class="muted">{(t.typical_wait)(wait)}</p>
            })}
        </section>
        <Suspense fallback=Loading>
            {move || {
                let slug = slug.clone();
                Suspend::new(async move {
                    orders.await.ok().filter(|orders| !orders.is_empty()).map(|orders| view! {
                        <MyOrders orders slug/>
                    })
                })
            }}
        </Suspense>
        <MenuPreview menu=shop.menu/>
        <AccountBar user/>
    }
}

/// The person's orders, newest first, each a link to its page.
#[component]
fn MyOrders(orders: Vec<Order>, slug: String) -> impl IntoView {
    let t = i18n::customer();
    view! {
        <section class="panel" aria-labelledby="my-orders">
            <h2 id="my-orders">{t.your_orders}</h2>
            <ul class="order-list">
                {orders
                    .into_iter()
                    .filter(|order| order.shop == slug)
                    .map(|order| {
                        let label = order
                            .number
                            .map_or_else(|| t.new_order.to_owned(), |number| format!("#{number}"));
                        view! {
                            <li>
                                <a href=format!("/order/{}/{}", order.shop, order.id)>
                                    <span class="order-number">{label}</span>
                                    <span class=format!("state {}", order.state.as_str())>
                                        {(t.state)(order.state)}
                                    </span>
                                </a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
    }
}

/// The menu, to look at before ordering: folded, and opened by the browser itself (the
/// signed-out pages have no wasm).
#[component]
fn MenuPreview(menu: Vec<Drink>) -> impl IntoView {
    let t = i18n::customer();
    view! {
        <details class="menu-preview">
            <summary class="button secondary wide">{t.see_menu}</summary>
            <ul id="menu" class="menu">
                {menu
                    .into_iter()
                    .map(|drink| {
                        let options = drink.group_names();
                        view! {
                            <li class="drink" class:sold-out=!drink.available>
                                <span class="drink-icon" aria-hidden="true">{drink.icon}</span>
                                <span class="drink-name">{drink.name}</span>
                                <span class="drink-options">{options}</span>
                                {(!drink.available).then(|| view! { <span class="tag">{t.sold_out}</span> })}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </details>
    }
}
