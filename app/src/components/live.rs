//! Live events in the browser: an `EventSource` on one of the API's streams, and
//! whether the phone is online at all.
//!
//! The browser reconnects an `EventSource` by itself and sends `Last-Event-ID`, so the
//! server replays what was missed. When the browser gives up (the server answered with
//! an error, say during a restart), we open a new one a few seconds later with
//! `?since=` the last event seen: nothing is missed, nothing comes twice.

use std::time::Duration;

use leptos::prelude::*;
use send_wrapper::SendWrapper;
use wasm_bindgen::{JsCast, closure::Closure};

use crate::{
    i18n,
    model::{Event, EventKind},
};

/// The first wait before opening a stream the browser gave up on; it doubles up to
/// [`MAX_RETRY`] while the stream keeps failing (a signed-out session, say).
const RETRY: Duration = Duration::from_secs(2);
const MAX_RETRY: Duration = Duration::from_secs(60);

/// The state of the live link.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Link {
    Connecting,
    Live,
    /// Lost; reconnecting.
    Down,
}

/// Follows the stream at `path` (e.g. `/api/v1/me/stream`) from the event after
/// `since`, calling `on_event` with each event once, in order. Only in the browser; the
/// server renders the state the page loaded with.
pub fn use_event_stream(
    path: String,
    since: i64,
    on_event: impl Fn(Event) + Clone + 'static,
) -> ReadSignal<Link> {
    let (link, set_link) = signal(Link::Connecting);
    let last = StoredValue::new(since);
    let attempt = RwSignal::new(0_u32);
    let failures = StoredValue::new(0_u32);
    Effect::new(move |_| {
        attempt.track();
        let url = format!("{path}?since={}", last.get_value());
        let Ok(source) = web_sys::EventSource::new(&url) else {
            set_link.set(Link::Down);
            return;
        };
        let on_open = Closure::<dyn Fn()>::new(move || {
            set_link.set(Link::Live);
            failures.set_value(0);
        });
        let on_error = {
            let source = source.clone();
            Closure::<dyn Fn()>::new(move || {
                set_link.set(Link::Down);
                if source.ready_state() == web_sys::EventSource::CLOSED {
                    let wait = RETRY
                        .saturating_mul(1 << failures.get_value().min(5))
                        .min(MAX_RETRY);
                    failures.update_value(|n| *n += 1);
                    set_timeout(move || attempt.update(|n| *n += 1), wait);
                }
            })
        };
        let on_event = on_event.clone();
        let on_message =
            Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |message: web_sys::MessageEvent| {
                let Some(event) = message
                    .data()
                    .as_string()
                    .and_then(|data| serde_json::from_str::<Event>(&data).ok())
                else {
                    return;
                };
                if event.seq > last.get_value() {
                    last.set_value(event.seq);
                    on_event(event);
                }
            });
        source.set_onopen(Some(on_open.as_ref().unchecked_ref()));
        source.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        // An `EventSource` hears only the types it listens to: every kind there is.
        for kind in EventKind::ALL {
            let _ = source.add_event_listener_with_callback(
                kind.as_str(),
                on_message.as_ref().unchecked_ref(),
            );
        }
        let open = SendWrapper::new((source, on_open, on_error, on_message));
        on_cleanup(move || open.take().0.close());
    });
    link
}

/// Whether the browser says it is online; follows the `online` and `offline` events.
pub fn use_online() -> ReadSignal<bool> {
    let (online, set_online) = signal(true);
    Effect::new(move |_| {
        set_online.set(window().navigator().on_line());
        let handles = ["online", "offline"].map(|kind| {
            window_event_listener_untyped(kind, move |_| {
                set_online.set(window().navigator().on_line());
            })
        });
        on_cleanup(move || handles.into_iter().for_each(|handle| handle.remove()));
    });
    online
}

/// A banner on every page while the phone is offline.
#[component]
pub fn OfflineNotice() -> impl IntoView {
    let online = use_online();
    view! {
        <p class="link-notice offline" role="status" hidden=move || online.get()>
            {i18n::common().offline}
        </p>
    }
}

/// A notice while a live page's stream is down though the phone is online.
#[component]
pub fn LinkNotice(link: ReadSignal<Link>) -> impl IntoView {
    let online = use_online();
    view! {
        <p class="link-notice" role="status" hidden=move || !online.get() || link.get() != Link::Down>
            {i18n::common().reconnecting_notice}
        </p>
    }
}

/// Whether a live page is live: connecting, live, or reconnecting.
#[component]
pub fn LinkStatus(link: ReadSignal<Link>) -> impl IntoView {
    let t = i18n::common();
    view! {
        <span class="link-status" class:down=move || link.get() == Link::Down role="status">
            {move || match link.get() {
                Link::Connecting => t.connecting,
                Link::Live => t.live,
                Link::Down => t.reconnecting,
            }}
        </span>
    }
}
