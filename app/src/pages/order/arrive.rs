//! Arriving with the booth's code: the order starts, or a screen says why it can't.

use leptos::{either::Either, prelude::*};
use leptos_router::{NavigateOptions, hooks::use_navigate};

use super::TopBar;
use crate::{
    api::orders::{StartOrder, my_orders},
    components::{IdempotencyKey, Loading},
    error::AppError,
    model::{OrderState, Shop},
};

/// Starts the order with `token`, then goes to its page. Starting is a change, so it
/// happens in the browser once the page is live, never while a page renders (link
/// previews and reloads start nothing).
#[component]
pub fn Arrive(shop: Shop, token: String) -> impl IntoView {
    let start = ServerAction::<StartOrder>::new();
    let slug = shop.slug.clone();
    let key = IdempotencyKey::new();
    Effect::new(move |started: Option<()>| {
        if started.is_none() {
            untrack(|| {
                start.dispatch(StartOrder {
                    key: Some(key.get()),
                    shop: slug.clone(),
                    token: token.clone(),
                });
            });
        }
    });
    let navigate = use_navigate();
    Effect::new(move || {
        if let Some(Ok(order)) = start.value().get() {
            let path = format!("/order/{}/{}", order.shop, order.id);
            navigate(
                &path,
                NavigateOptions {
                    replace: true,
                    ..Default::default()
                },
            );
        }
    });
    let name = shop.name.clone();
    view! {
        <TopBar name=shop.name.clone() open=shop.open/>
        {move || match start.value().get() {
            Some(Err(error)) => Either::Left(view! {
                <Refusal error shop=shop.slug.clone() name=name.clone()/>
            }),
            _ => Either::Right(view! {
                <section class="panel starting" aria-busy="true">
                    <h1>"Starting your order…"</h1>
                    <Loading/>
                </section>
            }),
        }}
    }
}

/// Why the code did not start an order, and what to do now.
#[component]
fn Refusal(error: AppError, shop: String, name: String) -> impl IntoView {
    let (title, hint) = match error.code.as_str() {
        "shop_closed" => ("The booth is closed", "Come back when it opens again."),
        "at_capacity" => (
            "Lots of orders right now",
            "Try the same code again in a few minutes, or scan the booth screen again.",
        ),
        "no_drinks_left" => (
            "This code's drinks are gone",
            "Scan the new code on the booth screen: a fresh one appears every few minutes.",
        ),
        "daily_limit_reached" => ("That's today's coffee", ""),
        "order_in_progress" => ("You already have an order", ""),
        "invalid_token" => (
            "This code has expired",
            "Codes change every few minutes. Scan the one on the booth screen now.",
        ),
        _ => (
            "That didn't work",
            "Please scan the code on the booth screen again.",
        ),
    };
    let in_progress = (error.code == "order_in_progress").then(|| view! { <OpenOrderLink/> });
    view! {
        <section class=format!("panel refused {}", error.code) role="alert">
            <h1>{title}</h1>
            <p>{error.message}</p>
            {(!hint.is_empty()).then(|| view! { <p class="muted">{hint}</p> })}
            {in_progress}
            <a class="button secondary wide" href=format!("/order/{shop}")>
                {format!("Back to {name}")}
            </a>
        </section>
    }
}

/// A link to the person's order in progress.
#[component]
fn OpenOrderLink() -> impl IntoView {
    let orders = LocalResource::new(my_orders);
    move || {
        let open = orders.get().and_then(Result::ok).and_then(|orders| {
            orders.into_iter().find(|order| {
                matches!(
                    order.state,
                    OrderState::AwaitingDrink | OrderState::Queued | OrderState::Making
                )
            })
        });
        open.map(|order| {
            let label = order.number.map_or_else(
                || "Go to your order".to_owned(),
                |n| format!("Go to your order #{n}"),
            );
            let href = format!("/order/{}/{}", order.shop, order.id);
            view! { <a class="button wide" href=href>{label}</a> }
        })
    }
}
