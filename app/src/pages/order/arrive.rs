//! Arriving with the booth's code: the order starts, or a screen says why it can't.

use leptos::{either::Either, html::Form, nonce::use_nonce, prelude::*, server_fn::ServerFn};
use leptos_router::{NavigateOptions, hooks::use_navigate};

use super::TopBar;
use crate::{
    api::orders::{StartOrder, my_orders},
    components::IdempotencyKey,
    error::AppError,
    model::{OrderState, Shop},
};

/// Posts the form just before it at once, while the page is still arriving, so the order
/// starts without waiting for the app (which then leaves the form alone: `data-sent`).
/// Without JavaScript, the form's button does it.
const SUBMIT_AT_ONCE: &str = "const form = document.currentScript.previousElementSibling; \
    form.dataset.sent = ''; form.requestSubmit(); form.querySelector('button').disabled = true;";

/// Starts the order with `token`, then goes to its page. Starting is a change, so it is a
/// form: a browser posts it as soon as the page arrives (a script just after it), the app
/// when it renders the page itself (after signing in), and without JavaScript the person
/// taps its button; a page render starts nothing (link previews). A refusal comes back in
/// the address and shows here.
#[component]
pub fn Arrive(shop: Shop, token: String) -> impl IntoView {
    let start = ServerAction::<StartOrder>::new();
    let key = IdempotencyKey::new();
    let navigate = use_navigate();
    Effect::new(move || {
        let Some(result) = start.value().get() else {
            return;
        };
        key.answered(&result);
        if let Ok(order) = result {
            let path = format!("/order/{}/{}", order.shop, order.id);
            let replace = NavigateOptions {
                replace: true,
                ..Default::default()
            };
            navigate(&path, replace);
        }
    });
    let input = StartOrder {
        shop: shop.slug.clone(),
        token,
        key: None,
    };
    let fields = input.clone();
    let send = move || {
        start.dispatch(StartOrder {
            key: Some(key.get()),
            ..input.clone()
        });
    };
    let form = NodeRef::<Form>::new();
    let unsent = send.clone();
    Effect::new(move || {
        if form
            .get()
            .is_some_and(|form| !form.has_attribute("data-sent"))
        {
            unsent();
        }
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        send();
    };
    let name = shop.name.clone();
    view! {
        <TopBar name=shop.name.clone() open=shop.open/>
        {move || match start.value().get() {
            Some(Err(error)) => Either::Left(view! {
                <Refusal error shop=shop.slug.clone() name=name.clone()/>
            }),
            _ => Either::Right(view! {
                <form
                    node_ref=form
                    class="panel starting"
                    method="post"
                    action=StartOrder::url()
                    aria-busy=move || start.pending().get().to_string()
                    on:submit=on_submit.clone()
                >
                    <input type="hidden" name="shop" value=fields.shop.clone()/>
                    <input type="hidden" name="token" value=fields.token.clone()/>
                    <input type="hidden" name="key" value=key.get()/>
                    <h1>"Your drink is on us"</h1>
                    <p>"This code starts your order; then you choose."</p>
                    <button class="button wide" type="submit" disabled=move || start.pending().get()>
                        "Start my order"
                    </button>
                </form>
                <script nonce=use_nonce() inner_html=SUBMIT_AT_ONCE></script>
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
