//! What happened to an order: its receipt and the journey of its events.

use leptos::prelude::*;

use crate::{
    i18n,
    model::{Event, EventKind, Order, Shop},
};

/// The order in short: drink, number, times and state.
#[component]
pub(super) fn Receipt(
    shop: StoredValue<Shop>,
    order: RwSignal<Order>,
    journey: RwSignal<Vec<Event>>,
) -> impl IntoView {
    let t = i18n::customer();
    let what = move || {
        order.with(|order| {
            order.drink.as_deref().map_or_else(
                || t.not_chosen.to_owned(),
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
            <h2 id="receipt-title">{t.your_order}</h2>
            <dl>
                <dt>{t.drink}</dt>
                <dd>{what}</dd>
                <dt>{t.number}</dt>
                <dd>{move || order.with(|order| order.number.map_or_else(|| t.number_later.to_owned(), |n| format!("#{n}")))}</dd>
                <dt>{t.ordered}</dt>
                <dd><Clock at=order.with_untracked(|order| order.created_at.clone())/></dd>
                {move || ready_at().map(|at| view! {
                    <dt>{t.ready}</dt>
                    <dd><Clock at/></dd>
                })}
                <dt>{t.status}</dt>
                <dd>{move || (t.state)(order.with(|order| order.state))}</dd>
            </dl>
            <a
                class="receipt-path"
                href=order.with_untracked(|order| format!("/how/{}/{}", order.shop, order.id.0))
                rel="external"
            >
                {t.see_path}
            </a>
        </section>
    }
}

/// Every step of the order so far, in words.
#[component]
pub(super) fn Journey(journey: RwSignal<Vec<Event>>) -> impl IntoView {
    let t = i18n::customer();
    view! {
        <section class="panel journey" aria-labelledby="journey-title">
            <h2 id="journey-title">{t.journey}</h2>
            <ol>
                <For each=move || journey.get() key=|event| event.seq let:event>
                    <li>
                        <Clock at=event.at.clone()/>
                        <span>{t.event_text(&event)}</span>
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
            // 24-hour, as both languages write it at a booth.
            shown.set(format!("{:02}:{:02}", date.get_hours(), date.get_minutes()));
        }
    });
    view! { <time datetime=datetime>{shown}</time> }
}
