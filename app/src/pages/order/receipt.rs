//! What happened to an order: its receipt and the journey of its events.

use leptos::prelude::*;

use super::state_label;
use crate::model::{Event, EventKind, Order, Shop};

/// The order in short: drink, number, times and state.
#[component]
pub(super) fn Receipt(
    shop: StoredValue<Shop>,
    order: RwSignal<Order>,
    journey: RwSignal<Vec<Event>>,
) -> impl IntoView {
    let what = move || {
        order.with(|order| {
            order.drink.as_deref().map_or_else(
                || "Not chosen yet".to_owned(),
                |drink| {
                    shop.with_value(|shop| {
                        shop.describe(drink, order.choices.as_deref().unwrap_or_default())
                    })
                },
            )
        })
    };
    let ready_at = move || {
        journey.with(|journey| {
            journey
                .iter()
                .rev()
                .find(|event| event.kind() == EventKind::OrderReady)
                .map(|event| event.at.clone())
        })
    };
    view! {
        <section class="panel receipt" aria-labelledby="receipt-title">
            <h2 id="receipt-title">"Your order"</h2>
            <dl>
                <dt>"Drink"</dt>
                <dd>{what}</dd>
                <dt>"Number"</dt>
                <dd>{move || order.with(|order| order.number.map_or_else(|| "Given once you choose".to_owned(), |n| format!("#{n}")))}</dd>
                <dt>"Ordered"</dt>
                <dd><Clock at=order.with_untracked(|order| order.created_at.clone())/></dd>
                {move || ready_at().map(|at| view! {
                    <dt>"Ready"</dt>
                    <dd><Clock at/></dd>
                })}
                <dt>"Status"</dt>
                <dd>{move || state_label(order.with(|order| order.state))}</dd>
            </dl>
        </section>
    }
}

/// Every step of the order so far, in words.
#[component]
pub(super) fn Journey(journey: RwSignal<Vec<Event>>) -> impl IntoView {
    view! {
        <section class="panel journey" aria-labelledby="journey-title">
            <h2 id="journey-title">"Journey"</h2>
            <ol>
                <For each=move || journey.get() key=|event| event.seq let:event>
                    <li>
                        <Clock at=event.at/>
                        <span>{event.message}</span>
                    </li>
                </For>
            </ol>
        </section>
    }
}

/// The time of day of an RFC 3339 time in UTC: "14:05 UTC".
pub(super) fn utc_clock(at: &str) -> String {
    at.get(11..16)
        .map_or_else(String::new, |utc| format!("{utc} UTC"))
}

/// A time of day: UTC as the server renders it, the phone's own time once live.
#[component]
fn Clock(at: String) -> impl IntoView {
    let shown = RwSignal::new(utc_clock(&at));
    let datetime = at.clone();
    Effect::new(move || {
        let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_str(&at));
        if !date.get_time().is_nan() {
            let local: String = date.to_locale_time_string("en-GB").into();
            shown.set(local.get(..5).unwrap_or_default().to_owned());
        }
    });
    view! { <time datetime=datetime>{shown}</time> }
}
