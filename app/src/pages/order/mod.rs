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
    model::{Drink, Order, OrderState, Role, Shop, User},
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

/// What an archived shop's pages say.
const ENDED: &str = "This event has ended. Thank you for coming!";

/// Signed out: what the booth offers, and the sign-in. A person who scanned the code
/// comes back here signed in, with the code still in the address, and orders.
#[component]
fn Welcome(shop: Shop, scanned: bool) -> impl IntoView {
    let lead = match (shop.open, scanned) {
        _ if shop.archived => ENDED,
        (false, _) => "The booth is closed right now. Come back soon!",
        (true, true) => "Sign in with your e-mail address and choose your drink: it's free.",
        (true, false) => "Free coffee, made for you. Scan the code on the booth screen to order.",
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
    let lead = if shop.archived {
        ENDED
    } else if shop.open {
        "Scan the QR code on the booth screen to order your drink."
    } else {
        "The booth is closed right now. Come back soon!"
    };
    view! {
        <TopBar name=shop.name.clone() open=shop.open/>
        <section class="panel scan">
            <span class="scan-icon" aria-hidden="true">"▣"</span>
            <h1>{lead}</h1>
            {shop.wait_estimate_s.map(|wait| view! {
                <p class="muted">{format!("Typical wait right now: {}.", minutes(wait))}</p>
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
    view! {
        <section class="panel" aria-labelledby="my-orders">
            <h2 id="my-orders">"Your orders"</h2>
            <ul class="order-list">
                {orders
                    .into_iter()
                    .filter(|order| order.shop == slug)
                    .map(|order| {
                        let label = order
                            .number
                            .map_or_else(|| "New order".to_owned(), |number| format!("#{number}"));
                        view! {
                            <li>
                                <a href=format!("/order/{}/{}", order.shop, order.id)>
                                    <span class="order-number">{label}</span>
                                    <span class=format!("state {}", order.state.as_str())>
                                        {state_label(order.state)}
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
    view! {
        <details class="menu-preview">
            <summary class="button secondary wide">"See the menu"</summary>
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
                                {(!drink.available).then(|| view! { <span class="tag">"Sold out"</span> })}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </details>
    }
}

/// "about 4 min", "under a minute".
fn minutes(seconds: u32) -> String {
    match seconds {
        0..60 => "under a minute".to_owned(),
        _ => format!("about {} min", (seconds + 30) / 60),
    }
}

/// A state in a few words.
pub fn state_label(state: OrderState) -> &'static str {
    match state {
        OrderState::AwaitingDrink => "Choosing",
        OrderState::Queued => "In the queue",
        OrderState::Making => "Being made",
        OrderState::Ready => "Ready for pickup",
        OrderState::Cancelled => "Cancelled",
        OrderState::TimedOut => "Timed out",
    }
}
