//! The booth screen: `/display/{shop}`. The QR code to order with, the drinks being
//! prepared and those ready, by number; live, and left on all day.

mod boards;

use std::time::Duration;

use leptos::{
    either::{Either, EitherOf3},
    prelude::*,
    task::spawn_local,
};
use leptos_meta::Title;

use crate::{
    api::board::{get_board, get_booth_code},
    components::{
        BoardState, ErrorPanel, Loading, ShopStatus,
        auth::{AuthEpoch, StaffAccessDenied, use_staff_access},
        live::{LinkNotice, use_event_stream},
        use_shop_slug,
    },
    i18n,
    model::{Board, BoothCode, Event, EventKind, StaffApp},
};

/// The code gives way to a countdown this long before its window ends, so nobody scans a
/// code that expires while they sign in.
const LAST_SECONDS: f64 = 15.0;
/// How long a newly ready number stays highlighted.
const HIGHLIGHT: Duration = Duration::from_secs(10);

#[component]
pub fn DisplayPage() -> impl IntoView {
    // The resources are created here, in the same order on the server and in the
    // browser, so hydration pairs each with the data the server sent.
    let access = use_staff_access(StaffApp::Display);
    let slug = use_shop_slug();
    let epoch = AuthEpoch::get();
    // Only staff see the board and draw the code: both come again after signing in.
    let board = Resource::new(
        move || (slug.get(), epoch.get()),
        |(slug, _)| get_board(slug),
    );
    let code = Resource::new(
        move || (slug.get(), epoch.get()),
        |(slug, _)| get_booth_code(slug),
    );
    // Halls differ: a dark screen reads best under stage light, a light one in daylight.
    let light = RwSignal::new(false);
    let t = i18n::staff();
    view! {
        <Title text=t.screen_title/>
        <main class="app display" class:light=light>
            <Transition fallback=Loading>
                {move || Suspend::new(async move {
                    if let Err(error) = access.await {
                        return EitherOf3::A(view! { <StaffAccessDenied app=StaffApp::Display error shop=slug.get_untracked()/> });
                    }
                    match (board.await, code.await) {
                        (Ok(board), Ok(code)) => EitherOf3::B(view! { <Screen board code/> }),
                        (Err(error), _) | (_, Err(error)) => {
                            EitherOf3::C(view! { <ErrorPanel error/> })
                        }
                    }
                })}
            </Transition>
            <button
                class="button theme-toggle"
                type="button"
                aria-pressed=move || light.get().to_string()
                on:click=move |_| light.update(|light| *light = !*light)
            >
                {move || if light.get() { t.dark_screen } else { t.light_screen }}
            </button>
        </main>
    }
}

#[component]
fn Screen(board: Board, code: BoothCode) -> impl IntoView {
    let shop = board.shop.clone();
    let since = board.since;
    let state = BoardState::new(board, None);
    let BoardState {
        open,
        archived,
        remaining,
        ..
    } = state;
    let code = RwSignal::new(code);
    let fetching = StoredValue::new(false);
    let slug = StoredValue::new(shop.slug.clone());
    let t = i18n::staff();

    // The clock, and the next code once the window is over.
    Effect::new(move || {
        let tick = move || {
            let now = js_sys::Date::now();
            state.now.set(Some(now));
            let ends = code.with_untracked(|code| js_sys::Date::parse(&code.window_ends_at));
            if now >= ends && !fetching.get_value() {
                fetching.set_value(true);
                spawn_local(async move {
                    if let Ok(next) = get_booth_code(slug.get_value()).await {
                        remaining.set(next.remaining);
                        code.set(next);
                    }
                    fetching.set_value(false);
                });
            }
        };
        tick();
        if let Ok(handle) = set_interval_with_handle(tick, Duration::from_secs(1)) {
            on_cleanup(move || handle.clear());
        }
    });

    let link = use_event_stream(
        format!("/api/v1/shops/{}/stream", shop.slug),
        since,
        move |event: Event| {
            if let Some(order) = state.receive(&event) {
                if event.kind() == EventKind::OrderReady {
                    state.highlight(order.id, HIGHLIGHT);
                }
                state.upsert(order);
            }
        },
    );

    view! {
        <Title text=(t.screen_tab)(&shop.name)/>
        <header class="topbar">
            <h1>{shop.name.clone()}</h1>
            <ShopStatus open/>
        </header>
        <LinkNotice link/>
        <div class="screen">
            {move || if open.get() {
                Either::Left(view! { <CodePanel code remaining now=state.now window_s=shop.settings.code_window_s/> })
            } else {
                Either::Right(view! {
                    <section class="closed-panel">
                        {move || if archived.get() {
                            view! {
                                <p class="big">{t.event_ended}</p>
                                <p>{t.thank_you}</p>
                            }
                        } else {
                            view! {
                                <p class="big">{t.were_closed}</p>
                                <p>{t.come_back}</p>
                            }
                        }}
                    </section>
                })
            }}
            <boards::Boards state/>
        </div>
    }
}

/// The code to scan, how long it lasts and how many drinks are left on it; a countdown
/// to the next code instead when it is about to expire or has no drinks left.
#[component]
fn CodePanel(
    code: RwSignal<BoothCode>,
    remaining: RwSignal<i32>,
    now: RwSignal<Option<f64>>,
    window_s: u32,
) -> impl IntoView {
    // Seconds left in the window; unknown until the page is live.
    let left = move || {
        let now = now.get()?;
        let ends = code.with(|code| js_sys::Date::parse(&code.window_ends_at));
        Some(((ends - now) / 1000.0).max(0.0))
    };
    let showing = move || left().is_none_or(|left| left > LAST_SECONDS) && remaining.get() > 0;
    let t = i18n::staff();
    view! {
        {move || if showing() {
            Either::Left(view! {
                <section class="qr-panel">
                    <div
                        class="qr"
                        role="img"
                        aria-label=t.qr_label
                        inner_html=move || code.with(|code| code.svg.clone().unwrap_or_default())
                    ></div>
                    <p class="qr-caption">{t.scan_caption}</p>
                    <div class="window-bar" aria-hidden="true">
                        <span style:width=move || {
                            let share = left().map_or(1.0, |left| left / f64::from(window_s.max(1)));
                            format!("{:.1}%", share.clamp(0.0, 1.0) * 100.0)
                        }></span>
                    </div>
                    <p class="drinks-left">
                        <strong>{move || remaining.get()}</strong>
                        {move || (t.drinks_left)(remaining.get())}
                    </p>
                </section>
            })
        } else {
            Either::Right(view! {
                <section class="qr-panel next-code" role="status">
                    <p class="big">
                        {move || (t.new_code_in)(left().map_or(0, |left| left.ceil() as u64))}
                    </p>
                    <p>
                        {move || if remaining.get() > 0 { t.about_to_change } else { t.drinks_gone }}
                    </p>
                </section>
            })
        }}
    }
}
