//! The booth screen's two boards: preparing and ready, by number, none hidden.

use leptos::prelude::*;

use crate::{
    components::BoardState,
    i18n,
    model::{Order, OrderState},
};

/// The most numbers each board shows, oldest preparing and newest ready first; past
/// them, "+N more" says how many wait unseen.
const MOST_PREPARING: usize = 40;
const MOST_READY: usize = 20;

/// How tightly a board packs its numbers, by how many it holds: all of them stay on
/// the screen, smaller and in more columns as the queue grows (the CSS's
/// `data-density`), the drinks' names given up first.
fn density(count: usize, calm: usize, busy: usize) -> &'static str {
    if count <= calm {
        "calm"
    } else if count <= busy {
        "busy"
    } else {
        "rush"
    }
}

/// Preparing (queued and being made, oldest first) and ready (newest first).
#[component]
pub(super) fn Boards(state: BoardState) -> impl IntoView {
    let preparing = Memo::new(move |_| {
        let mut orders: Vec<Order> = state.orders.with(|orders| {
            orders
                .iter()
                .filter(|order| matches!(order.state, OrderState::Queued | OrderState::Making))
                .cloned()
                .collect()
        });
        orders.sort_by_key(|order| order.number);
        orders
    });
    let ready = Memo::new(move |_| {
        let now = state.now.get();
        let mut orders: Vec<Order> = state.orders.with(|orders| {
            orders
                .iter()
                .filter(|order| order.waiting_on_counter() && state.still_ready(order, now))
                .cloned()
                .collect()
        });
        orders.sort_by(|a, b| b.updated_at.cmp(&a.updated_at));
        orders
    });
    let first = |orders: Memo<Vec<Order>>, most: usize| {
        move || orders.with(|orders| orders.iter().take(most).cloned().collect::<Vec<_>>())
    };
    let t = i18n::staff();
    let more = move |orders: Memo<Vec<Order>>, most: usize| {
        move || {
            let unseen = orders.with(Vec::len).saturating_sub(most);
            (unseen > 0).then(|| view! { <li class="more">{(t.more)(unseen)}</li> })
        }
    };
    let drink = move |order: &Order| {
        state.shop.with_value(|shop| {
            order
                .drink
                .as_deref()
                .and_then(|drink| shop.drink(drink))
                .map(|drink| drink.name.clone())
                .unwrap_or_default()
        })
    };
    view! {
        <section
            class="board preparing"
            aria-labelledby="preparing-title"
            data-density=move || density(preparing.with(Vec::len), 8, 20)
        >
            <h2 id="preparing-title">{t.preparing}</h2>
            <ul>
                <For each=first(preparing, MOST_PREPARING) key=|order| (order.id, order.state) let:order>
                    <li class:making=order.state == OrderState::Making>
                        <span class="number">{order.number.map(|n| format!("#{n}"))}</span>
                        {order.robot.then(|| view! { <span class="board-robot">{t.robot}</span> })}
                        <span class="order-drink">{drink(&order)}</span>
                    </li>
                </For>
                {more(preparing, MOST_PREPARING)}
            </ul>
        </section>
        <section
            class="board ready"
            aria-labelledby="ready-title"
            data-density=move || density(ready.with(Vec::len), 6, 12)
        >
            <h2 id="ready-title">{t.ready}</h2>
            <ul>
                <For each=first(ready, MOST_READY) key=|order| order.id let:order>
                    <li class:fresh={
                        let id = order.id;
                        move || state.fresh.with(|fresh| fresh.contains(&id))
                    }>
                        <span class="number">{order.number.map(|n| format!("#{n}"))}</span>
                        {order.robot.then(|| view! { <span class="board-robot">{t.robot}</span> })}
                        {order.customer_name.map(|name| view! { <span class="order-name">{name}</span> })}
                    </li>
                </For>
                {more(ready, MOST_READY)}
            </ul>
        </section>
    }
}
