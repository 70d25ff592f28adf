//! The barista app, on a tablet: `/barista/{shop}`. A live board of three lanes (new,
//! making, ready), the steps on each card, the shop's controls and its stock.

mod all_day;
mod card;
mod chime;
mod keys;
mod stock;
mod walk_up;

use std::time::Duration;

use leptos::{either::EitherOf3, prelude::*, task::spawn_local};
use leptos_meta::Title;

use crate::{
    api::{board::get_board, shops::set_shop_open},
    components::{
        BoardState, ErrorPanel, Loading, ShopStatus,
        auth::{AccountBar, AuthEpoch, StaffAccessDenied, use_staff_access},
        live::{LinkStatus, use_event_stream},
        use_shop_slug,
    },
    i18n,
    model::{Board, Event, EventKind, OrderState, StaffApp, User},
};

#[component]
pub fn BaristaPage() -> impl IntoView {
    let access = use_staff_access(StaffApp::Barista);
    let slug = use_shop_slug();
    // Again after signing in: the board is for staff only.
    let epoch = AuthEpoch::get();
    let board = Resource::new(
        move || (slug.get(), epoch.get()),
        |(slug, _)| get_board(slug),
    );
    view! {
        <Title text=i18n::staff().board_title/>
        <main class="app barista">
            <Transition fallback=Loading>
                {move || Suspend::new(async move {
                    match (access.await, board.await) {
                        (Err(error), _) => EitherOf3::A(view! {
                            <StaffAccessDenied app=StaffApp::Barista error shop=slug.get_untracked()/>
                        }),
                        (Ok(user), Ok(board)) => EitherOf3::B(view! { <Counter board user/> }),
                        (Ok(_), Err(error)) => EitherOf3::C(view! { <ErrorPanel error/> }),
                    }
                })}
            </Transition>
        </main>
    }
}

#[component]
fn Counter(board: Board, user: User) -> impl IntoView {
    let shop = board.shop.clone();
    let since = board.since;
    let state = BoardState::new(board, Some(user.id));
    let BoardState {
        open,
        archived,
        remaining,
        ..
    } = state;
    let sound = RwSignal::new(false);
    let chime = chime::Chime::new();
    let typed = keys::use_board_keys(state);
    let (t, words) = (i18n::staff(), i18n::common());

    Effect::new(move || {
        state.now.set(Some(js_sys::Date::now()));
        if let Ok(handle) = set_interval_with_handle(
            move || state.now.set(Some(js_sys::Date::now())),
            Duration::from_secs(1),
        ) {
            on_cleanup(move || handle.clear());
        }
    });

    let slug = shop.slug.clone();
    let link = use_event_stream(
        format!("/api/v1/shops/{slug}/stream"),
        since,
        move |event: Event| {
            let Some(order) = state.receive(&event) else {
                return;
            };
            if event.kind() == EventKind::OrderQueued {
                state.highlight(order.id, Duration::from_secs(4));
                if sound.get_untracked() {
                    chime.play();
                }
            }
            state.upsert(order);
        },
    );

    let in_use = move || {
        state.orders.with(|orders| {
            orders
                .iter()
                .filter(|order| {
                    matches!(
                        order.state,
                        OrderState::AwaitingDrink | OrderState::Queued | OrderState::Making
                    )
                })
                .count()
        })
    };
    let capacity = shop.settings.capacity;
    let toggle_open = move |_| {
        let slug = state.shop.with_value(|shop| shop.slug.clone());
        let next = !open.get_untracked();
        open.set(next);
        spawn_local(async move {
            match set_shop_open(slug, next).await {
                Ok(shop) => open.set(shop.open),
                Err(error) => {
                    open.set(!next);
                    state.notice.set(Some(words.error_text(&error)));
                }
            }
        });
    };

    view! {
        <Title text=(t.board_tab)(&shop.name)/>
        <header class="topbar board-bar">
            <h1>{shop.name.clone()}</h1>
            <LinkStatus link/>
            <ShopStatus open/>
        </header>
        <section class="controls" aria-label=t.shop_controls>
            <button
                class="button"
                class:secondary=move || !open.get()
                type="button"
                disabled=move || archived.get()
                on:click=toggle_open
            >
                {move || match (archived.get(), open.get()) {
                    (true, _) => t.event_ended,
                    (false, true) => t.close_shop,
                    (false, false) => t.open_shop,
                }}
            </button>
            <p class="gauge">
                <strong>{move || (t.of)(in_use(), capacity)}</strong>
                {t.in_progress}
            </p>
            <p class="gauge">
                <strong>{move || remaining.get()}</strong>
                {t.left_on_code}
            </p>
            <button
                class="button secondary"
                type="button"
                aria-pressed=move || sound.get().to_string()
                on:click=move |_| {
                    let on = !sound.get_untracked();
                    sound.set(on);
                    if on {
                        chime.play();
                    }
                }
            >
                {move || if sound.get() { t.sound_on } else { t.sound_off }}
            </button>
        </section>
        <div class="counter-tools">
            <stock::StockPanel state/>
            <walk_up::WalkUp state/>
        </div>
        <p class="board-notice" role="alert" hidden=move || state.notice.with(Option::is_none)>
            {move || state.notice.get()}
            <button class="button small secondary" type="button" on:click=move |_| state.notice.set(None)>
                {t.ok}
            </button>
        </p>
        <all_day::AllDay state/>
        <div class="lanes">
            <card::Lane state kind=card::LaneKind::New/>
            <card::Lane state kind=card::LaneKind::Making/>
            <card::Lane state kind=card::LaneKind::Ready/>
        </div>
        <p class="typed-number" role="status">
            {move || (!typed.get().is_empty()).then(|| (t.typed)(&typed.get()))}
        </p>
        <p class="keys-help">
            {t.keys_help[0]} <kbd>"Enter"</kbd> {t.keys_help[1]}
            <kbd>"M"</kbd> {t.keys_help[2]} <kbd>"D"</kbd> {t.keys_help[3]}
            <kbd>"H"</kbd> {t.keys_help[4]} <kbd>"R"</kbd> {t.keys_help[5]}
            <kbd>"Esc"</kbd> {t.keys_help[6]}
        </p>
        <AccountBar user/>
    }
}
