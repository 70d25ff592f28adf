//! The board's lanes and cards, and the steps a barista takes on them. A step shows at
//! once (optimistic) and is reconciled with the server's answer: when another barista
//! was quicker, the card goes where it really is and a notice says who has it.

use leptos::{either::Either, prelude::*, task::spawn_local, wasm_bindgen::JsCast};

use crate::components::BoardState;
use crate::{
    api::orders::{act_on_order, get_order},
    i18n,
    model::{Order, OrderAction, OrderState, UserId},
};

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum LaneKind {
    New,
    Making,
    Ready,
}

impl LaneKind {
    /// Its name in the page's classes and ids.
    fn name(self) -> &'static str {
        match self {
            Self::New => "new",
            Self::Making => "making",
            Self::Ready => "ready",
        }
    }

    fn title(self, t: &i18n::Staff) -> &'static str {
        match self {
            Self::New => t.new,
            Self::Making => t.making,
            Self::Ready => t.ready,
        }
    }

    /// The most columns of cards the lane takes when busy: the queue gets the room.
    fn most_columns(self) -> usize {
        match self {
            Self::New => 4,
            Self::Making | Self::Ready => 2,
        }
    }

    fn holds(self, state: &BoardState, order: &Order, now: Option<f64>) -> bool {
        match self {
            Self::New => order.state == OrderState::Queued,
            Self::Making => order.state == OrderState::Making,
            // Ready orders leave the board after the shop's retention.
            Self::Ready => order.waiting_on_counter() && state.still_ready(order, now),
        }
    }
}

fn millis(at: &str) -> f64 {
    js_sys::Date::parse(at)
}

#[component]
pub fn Lane(state: BoardState, kind: LaneKind) -> impl IntoView {
    let cards = move || {
        let now = if kind == LaneKind::Ready {
            state.now.get()
        } else {
            None
        };
        let mut orders: Vec<Order> = state.orders.with(|orders| {
            orders
                .iter()
                .filter(|order| kind.holds(&state, order, now))
                .cloned()
                .collect()
        });
        // Oldest first; on Making, mine before the others'.
        orders.sort_by_key(|order| {
            let theirs = kind == LaneKind::Making && order.barista_id != state.me.get_value();
            (
                theirs,
                order.number.unwrap_or(i32::MAX),
                order.created_at.clone(),
            )
        });
        orders
    };
    let cards = Memo::new(move |_| cards());
    let count = move || cards.with(Vec::len);
    let layout = move || Layout::of(kind, count());
    let shown = move || {
        let most = layout().most;
        cards.with(|cards| cards.iter().take(most).cloned().collect::<Vec<_>>())
    };
    let t = i18n::staff();
    let more = move || {
        let unseen = count().saturating_sub(layout().most);
        (unseen > 0).then(|| view! { <li class="more">{(t.more)(unseen)}</li> })
    };
    let name = kind.name();
    view! {
        <section
            class=format!("lane {name}")
            aria-labelledby=format!("lane-{name}")
            data-density=move || layout().density
            style=move || format!("--columns: {}", layout().columns)
        >
            <h2 id=format!("lane-{name}")>{kind.title(t)} " " <span class="count">{count}</span></h2>
            <ul class="cards">
                <For each=shown key=|order| (order.id, order.updated_at.clone(), order.state) let:order>
                    <Card state order/>
                </For>
                {more}
            </ul>
        </section>
    }
}

/// How a lane lays its cards out for how many it holds: full cards in one column while
/// calm; past that compact ones (the step to take, the others once a card is selected),
/// in up to [`ROWS`] rows and the lane's most columns, so a tablet shows them all without
/// scrolling, and "+N more" past them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Layout {
    density: &'static str,
    columns: usize,
    most: usize,
}

/// The rows of compact cards a lane fills on a 768 px high tablet.
const ROWS: usize = 3;

impl Layout {
    fn of(kind: LaneKind, count: usize) -> Self {
        if count <= ROWS {
            return Self {
                density: "calm",
                columns: 1,
                most: ROWS,
            };
        }
        let columns = count.div_ceil(ROWS).min(kind.most_columns());
        Self {
            density: "busy",
            columns,
            most: columns * ROWS,
        }
    }
}

#[component]
fn Card(state: BoardState, order: Order) -> impl IntoView {
    let id = order.id;
    let what = order.drink.as_deref().map_or_else(String::new, |drink| {
        state
            .shop
            .with_value(|shop| shop.describe(drink, order.choices.as_deref().unwrap_or_default()))
    });
    let mine = order.barista_id.is_some() && order.barista_id == state.me.get_value();
    let (t, words) = (i18n::staff(), i18n::common());
    let maker = order
        .barista_id
        .filter(|_| order.state == OrderState::Making && !mine)
        .map(|barista| {
            let name = state.name_of(barista);
            (t.has_it)(name.as_deref().unwrap_or(t.another_barista))
        });
    // Parsed in the browser only, where the clock runs (the server renders no age).
    let created = StoredValue::new(order.created_at.clone());
    let age = move || {
        state
            .now
            .get()
            .map(|now| ((now - created.with_value(|at| millis(at))) / 1000.0).max(0.0) as u64)
    };
    let tone = move || match age() {
        None | Some(0..120) => "fresh",
        Some(120..300) => "waiting",
        Some(_) => "late",
    };
    let fresh = move || state.fresh.with(|fresh| fresh.contains(&id));
    let cancelling = RwSignal::new(false);
    let reason = RwSignal::new(String::new());
    let number = order.number.map(|n| format!("#{n}")).unwrap_or_default();
    let name = order.customer_name.clone();
    let robot = order.robot;
    let step = move |action: OrderAction| {
        // Read the card's own values first: the optimistic move below replaces the card
        // (and disposes of them) at once.
        let reason = (action == OrderAction::Cancel).then(|| reason.get_untracked());
        let before = state
            .orders
            .with_untracked(|orders| orders.iter().find(|o| o.id == id).cloned());
        if let Some(before) = before.clone() {
            state.upsert(optimistic(before, action, state.me.get_value()));
        }
        spawn_local(async move {
            match act_on_order(id, action, reason).await {
                Ok(order) => state.upsert(order),
                Err(error) => {
                    state.notice.set(Some(words.error_text(&error)));
                    // Where the order really is now.
                    match get_order(id).await {
                        Ok(order) => state.upsert(order),
                        Err(_) => {
                            if let Some(before) = before {
                                state.upsert(before);
                            }
                        }
                    }
                }
            }
        });
    };
    let order_state = order.state;
    // The keys a bump bar sends are the buttons' `aria-keyshortcuts` (see `keys`).
    let actions = move || match order_state {
        OrderState::Queued => Either::Left(view! {
            <button class="button" type="button" aria-keyshortcuts="M" on:click=move |_| step(OrderAction::Claim)>{t.make}</button>
        }),
        OrderState::Making if mine => Either::Right(Either::Left(view! {
            <button class="button done" type="button" aria-keyshortcuts="D" on:click=move |_| step(OrderAction::Complete)>{t.done}</button>
            <button class="button secondary" type="button" on:click=move |_| step(OrderAction::Release)>{t.release}</button>
        })),
        OrderState::Ready => Either::Right(Either::Right(Either::Left(view! {
            <button class="button done" type="button" aria-keyshortcuts="H" on:click=move |_| step(OrderAction::Pickup)>{t.handed_over}</button>
            <button class="button secondary" type="button" aria-keyshortcuts="R" on:click=move |_| step(OrderAction::Recall)>{t.recall}</button>
        }))),
        _ => Either::Right(Either::Right(Either::Right(()))),
    };
    let can_cancel = matches!(order.state, OrderState::Queued | OrderState::Making);
    // The selected order's card takes the focus when it appears, so the focus follows an
    // order from lane to lane after each step, by keys or by touch.
    let card = NodeRef::<leptos::html::Li>::new();
    Effect::new(move || {
        if state.selected.get() == Some(id)
            && let Some(card) = card.get()
            && !card.contains(
                document()
                    .active_element()
                    .as_ref()
                    .map(|active| active.unchecked_ref::<web_sys::Node>()),
            )
        {
            let _ = card.focus();
        }
    });
    let select = move |_| {
        if state.selected.get_untracked() != Some(id) {
            state.selected.set(Some(id));
        }
    };
    // Focus taken elsewhere on the page (not to another card, nor to this order's card
    // in its next lane) ends the selection, so an update of the card does not pull the
    // focus back to it.
    let leave = move |event: leptos::ev::FocusEvent| {
        let off_the_cards = event
            .related_target()
            .and_then(|to| to.dyn_into::<web_sys::Element>().ok())
            .is_some_and(|to| to.closest(".card").ok().flatten().is_none());
        if off_the_cards && state.selected.get_untracked() == Some(id) {
            state.selected.set(None);
        }
    };
    view! {
        <li
            node_ref=card
            class=move || format!("card {}", tone())
            class:fresh=fresh
            class:mine=mine
            class:selected=move || state.selected.get() == Some(id)
            tabindex="-1"
            data-order=id.to_string()
            on:focusin=select
            on:focusout=leave
        >
            <div class="card-head">
                <span class="card-number">{number.clone()}</span>
                {name.map(|name| view! { <span class="card-name">{name}</span> })}
                {robot.then(|| view! { <span class="card-robot">{t.robot}</span> })}
                <span class="card-age">{move || age().map(|age| format!("{}:{:02}", age / 60, age % 60))}</span>
            </div>
            <p class="card-drink">{what}</p>
            {maker.map(|maker| view! { <p class="card-maker">{maker}</p> })}
            {move || if cancelling.get() {
                Either::Left(view! {
                    <div class="card-cancel">
                        <label>
                            {t.cancel_why}
                            <input type="text" maxlength="200" bind:value=reason/>
                        </label>
                        <div class="card-actions">
                            <button class="button danger" type="button" on:click=move |_| step(OrderAction::Cancel)>
                                {(t.cancel_number)(&number)}
                            </button>
                            <button class="button secondary" type="button" on:click=move |_| cancelling.set(false)>
                                {words.keep_it}
                            </button>
                        </div>
                    </div>
                })
            } else {
                Either::Right(view! {
                    <div class="card-actions">
                        {actions()}
                        {can_cancel.then(|| view! {
                            <button class="button secondary cancel-step" type="button" on:click=move |_| cancelling.set(true)>
                                {t.cancel_step}
                            </button>
                        })}
                    </div>
                })
            }}
        </li>
    }
}

/// The order as the step will leave it, shown before the server answers.
fn optimistic(mut order: Order, action: OrderAction, me: Option<UserId>) -> Order {
    match action {
        OrderAction::Claim => {
            order.state = OrderState::Making;
            order.barista_id = me;
        }
        OrderAction::Release => {
            order.state = OrderState::Queued;
            order.barista_id = None;
        }
        OrderAction::Complete => order.state = OrderState::Ready,
        OrderAction::Recall => order.state = OrderState::Making,
        // Any time will do: handed over, it leaves the board.
        OrderAction::Pickup => order.picked_up_at = Some(order.updated_at.clone()),
        OrderAction::Cancel => order.state = OrderState::Cancelled,
    }
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lane_packs_its_cards_tighter_as_it_fills_and_counts_what_it_cannot_show() {
        let layout = |kind, count| {
            let Layout {
                density,
                columns,
                most,
            } = Layout::of(kind, count);
            (density, columns, most)
        };
        assert_eq!(layout(LaneKind::New, 0), ("calm", 1, 3));
        assert_eq!(layout(LaneKind::New, 3), ("calm", 1, 3));
        assert_eq!(layout(LaneKind::New, 4), ("busy", 2, 6));
        assert_eq!(layout(LaneKind::New, 12), ("busy", 4, 12));
        assert_eq!(layout(LaneKind::New, 40), ("busy", 4, 12));
        assert_eq!(layout(LaneKind::Making, 6), ("busy", 2, 6));
        assert_eq!(layout(LaneKind::Ready, 9), ("busy", 2, 6));
    }
}
