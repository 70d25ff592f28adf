//! One order, live: `/order/{shop}/{order}`. The page starts from the order and its
//! journey, then follows the customer's stream, so a reload, a second tab or a phone
//! waking up shows the current truth.

use leptos::{
    either::{Either, EitherOf3},
    prelude::*,
};
use leptos_router::hooks::use_params_map;

use super::{
    TopBar,
    choose::Choose,
    notify::{MailMe, NotifyMe, notify},
    receipt::{Journey, Receipt},
};
use crate::{
    api::orders::{ActOnOrder, follow_order},
    components::{
        ErrorPanel, Loading,
        auth::{AuthEpoch, CustomerSignIn, use_current_user},
        focus_if_lost,
        live::{LinkNotice, use_event_stream},
        use_shop,
    },
    error::AppError,
    i18n,
    model::{
        Change, Event, Order, OrderAction, OrderFeed, OrderId, OrderState, Shop, TimeoutCause,
    },
};

#[component]
pub fn OrderView() -> impl IntoView {
    let shop = use_shop();
    let user = use_current_user();
    let params = use_params_map();
    let epoch = AuthEpoch::get();
    let feed = Resource::new(
        move || (params.read().get("order").unwrap_or_default(), epoch.get()),
        |(order, _)| async move {
            match order.parse::<OrderId>() {
                Ok(order) => follow_order(order).await,
                Err(_) => Err(AppError::not_found("There is no such order.")),
            }
        },
    );
    view! {
        <main class="app customer">
            <Transition fallback=Loading>
                {move || Suspend::new(async move {
                    match (shop.await, user.await, feed.await) {
                        (Ok(shop), Ok(None), _) => EitherOf3::A(view! {
                            <TopBar name=shop.name.clone() open=shop.open/>
                            <CustomerSignIn/>
                        }),
                        (Ok(shop), Ok(Some(_)), Ok(feed)) => EitherOf3::B(view! { <Tracker shop feed/> }),
                        (Err(error), _, _) | (_, Err(error), _) | (_, _, Err(error)) => {
                            EitherOf3::C(view! { <ErrorPanel error/> })
                        }
                    }
                })}
            </Transition>
        </main>
    }
}

/// The order and its journey, kept current by the customer's stream.
#[component]
fn Tracker(shop: Shop, feed: OrderFeed) -> impl IntoView {
    let since = feed.since;
    let id = feed.order.id;
    let order = RwSignal::new(feed.order);
    let journey = RwSignal::new(feed.journey);
    let open = RwSignal::new(shop.open);
    // What can be ordered follows the counter, while the person chooses.
    let menu = RwSignal::new(shop.menu.clone());
    let slug = shop.slug.clone();
    let link = use_event_stream(
        "/api/v1/me/stream".to_owned(),
        since,
        move |event: Event| {
            match &event.change {
                Change::ShopOpened(_) if event.shop == slug => open.set(true),
                Change::ShopClosed(_) if event.shop == slug => open.set(false),
                Change::ShopArchived(archived) if event.shop == slug && archived.archived => {
                    open.set(false);
                }
                Change::StockChanged(changed) if event.shop == slug => {
                    menu.update(|menu| changed.stock.mark_menu(menu));
                }
                _ => {}
            }
            if event.order_id == Some(id) {
                // Its place in the line moves the status, not the journey; a place
                // told as the order was taken on may come after the step that took it.
                if let Change::OrderPosition(place) = &event.change {
                    order.update(|order| {
                        if order.state == OrderState::Queued {
                            order.queue_position = Some(place.queue_position);
                            order.eta_s = Some(place.eta_s);
                        }
                    });
                    return;
                }
                if let Some(next) = event.change.order() {
                    advance(order, next.clone());
                }
                // The journey read at load may hold events the stream replays.
                if journey
                    .with_untracked(|journey| journey.iter().all(|known| known.seq != event.seq))
                {
                    journey.update(|journey| journey.push(event));
                }
            }
        },
    );
    let choosing = Memo::new(move |_| order.with(|order| order.state == OrderState::AwaitingDrink));
    // Chosen (by the answer or by the stream, whichever comes first), the focus goes to
    // the status.
    Effect::new(move |was: Option<bool>| {
        let now = choosing.get();
        if was == Some(true) && !now {
            focus_if_lost(STATUS_TITLE);
        }
        now
    });
    let shop = StoredValue::new(shop);
    let all_orders = i18n::customer().all_orders;
    view! {
        <TopBar name=shop.with_value(|shop| shop.name.clone()) open/>
        <LinkNotice link/>
        {move || choosing.get().then(|| view! { <Choose menu order/> })}
        // The page's one live region, there from the start (a region that appears with
        // its text is not announced): it says each step of the order, the first included.
        <div class="status-region" role="status">
            {move || (!choosing.get()).then(|| view! { <Status shop order journey/> })}
        </div>
        <CancelButton order/>
        <NotifyMe state=Signal::derive(move || order.with(|order| order.state))/>
        <MailMe order/>
        <Receipt shop order journey/>
        <Journey journey/>
        // The shop's page is the server's (forms: lib.rs), not the app's.
        <a class="back" href=shop.with_value(|shop| format!("/order/{}", shop.slug)) rel="external">
            {all_orders}
        </a>
    }
}

/// The status's heading, which takes the focus once the order is sent or cancelled.
const STATUS_TITLE: &str = "status-title";

/// Where the order is, in big words.
#[component]
fn Status(
    shop: StoredValue<Shop>,
    order: RwSignal<Order>,
    journey: RwSignal<Vec<Event>>,
) -> impl IntoView {
    let wait = shop.with_value(|shop| shop.wait_estimate_s);
    let t = i18n::customer();
    let drink = move || {
        order.with(|order| {
            shop.with_value(|shop| {
                order
                    .drink
                    .as_deref()
                    .and_then(|drink| shop.drink(drink))
                    .map_or_else(|| t.a_drink.to_owned(), |drink| drink.name.clone())
            })
        })
    };
    let number =
        move || order.with(|order| order.number.map(|n| format!("#{n}")).unwrap_or_default());
    // The last word on an order that ended early: who cancelled it and why.
    let last_message =
        move || journey.with(|journey| journey.last().map(|event| t.event_text(event)));
    let state = move || order.with(|order| order.state);
    // A phone that can buzz does when the drink is ready, and one whose person asked to be
    // told shows it.
    Effect::new(move |was: Option<OrderState>| {
        let now = state();
        if now == OrderState::Ready && was.is_some_and(|was| was != OrderState::Ready) {
            let _ = window().navigator().vibrate_with_duration(400);
            notify(t.ready_title, &(t.ready_text)(&drink(), &number()));
        }
        now
    });
    let body = move || match state() {
        OrderState::AwaitingDrink | OrderState::Queued => (
            t.queued_title,
            (t.queued_text)(&number()),
            order
                .with(|order| order.queue_position.zip(order.eta_s))
                .map(|(position, eta_s)| (t.queue_place)(position, eta_s))
                .or_else(|| wait.map(t.typical_wait)),
        ),
        OrderState::Making => (t.making_title, (t.making_text)(&drink()), None),
        OrderState::Ready if order.with(|order| order.picked_up_at.is_some()) => {
            (t.picked_up_title, (t.picked_up_text)(&drink()), None)
        }
        OrderState::Ready => (t.ready_title, (t.ready_text)(&drink(), &number()), None),
        OrderState::Cancelled => (t.cancelled_title, last_message().unwrap_or_default(), None),
        OrderState::TimedOut => {
            if order.with(|order| order.timeout_cause() == Some(TimeoutCause::CustomerTimeout)) {
                (t.too_late_title, t.too_late_text.to_owned(), None)
            } else {
                (t.missed_title, t.missed_text.to_owned(), None)
            }
        }
    };
    view! {
        <section class=move || format!("panel status-panel {}", state().as_str())>
            <p class="big-number" hidden=move || number().is_empty()>{number}</p>
            <h1 id=STATUS_TITLE tabindex="-1" autofocus>{move || body().0}</h1>
            <p class="status-text">{move || body().1}</p>
            {move || body().2.map(|wait| view! { <p class="muted">{wait}</p> })}
        </section>
    }
}

/// Cancelling, while the customer still may (before a barista starts), with a
/// confirmation.
#[component]
fn CancelButton(order: RwSignal<Order>) -> impl IntoView {
    let cancel = ServerAction::<ActOnOrder>::new();
    let confirming = RwSignal::new(false);
    let (t, words) = (i18n::customer(), i18n::common());
    Effect::new(move || {
        if let Some(Ok(cancelled)) = cancel.value().get() {
            advance(order, cancelled);
            focus_if_lost(STATUS_TITLE);
        }
    });
    let allowed = move || {
        order.with(|order| matches!(order.state, OrderState::AwaitingDrink | OrderState::Queued))
    };
    let error = move || {
        cancel
            .value()
            .get()
            .and_then(Result::err)
            .map(|error| words.error_text(&error))
    };
    let confirm = move |_| {
        cancel.dispatch(ActOnOrder {
            order: order.with_untracked(|order| order.id),
            action: OrderAction::Cancel,
            reason: None,
        });
        confirming.set(false);
    };
    view! {
        <div class="cancel" hidden=move || !allowed()>
            <p class="form-error" role="alert">{error}</p>
            {move || if confirming.get() {
                Either::Left(view! {
                    <p>{t.cancel_question}</p>
                    <div class="button-row">
                        <button class="button danger" type="button" on:click=confirm>
                            {t.yes_cancel}
                        </button>
                        <button class="button secondary" type="button" on:click=move |_| confirming.set(false)>
                            {words.keep_it}
                        </button>
                    </div>
                })
            } else {
                Either::Right(view! {
                    <button
                        class="button secondary wide"
                        type="button"
                        disabled=move || cancel.pending().get()
                        on:click=move |_| confirming.set(true)
                    >
                        {t.cancel_order}
                    </button>
                })
            }}
        </div>
    }
}

/// Shows `next` unless the order on screen is newer: an action's answer can arrive after
/// the stream told of a later step.
pub fn advance(order: RwSignal<Order>, next: Order) {
    // RFC 3339 in UTC with milliseconds: the text sorts as the time does.
    if order.with_untracked(|current| current.updated_at <= next.updated_at) {
        order.set(next);
    }
}
