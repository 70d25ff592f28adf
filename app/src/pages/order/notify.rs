//! "Tell me when it's ready": a system notification when the drink is made, shown by the
//! open page through its service worker's registration, once the person allowed it (no
//! Web Push: it needs a push service outside the booth); and, for a phone put away, one
//! e-mail.

use leptos::{
    prelude::*,
    wasm_bindgen::{JsCast, JsValue, closure::Closure},
};

use crate::{
    api::orders::MailWhenReady,
    i18n,
    model::{Order, OrderState},
};

/// The browser's `Notification`, where it has one.
fn notifications() -> Option<JsValue> {
    js_sys::Reflect::get(&window(), &"Notification".into())
        .ok()
        .filter(|api| !api.is_undefined())
}

/// `"default"` (not asked yet), `"granted"` or `"denied"`; `None` without notifications.
fn permission() -> Option<String> {
    js_sys::Reflect::get(&notifications()?, &"permission".into())
        .ok()?
        .as_string()
}

/// Calls `target[method](args…)`, for what `web_sys` is not asked to bind.
fn call(target: &JsValue, method: &str, args: &[JsValue]) -> Option<JsValue> {
    let method: js_sys::Function = js_sys::Reflect::get(target, &method.into())
        .ok()?
        .dyn_into()
        .ok()?;
    method
        .apply(target, &args.iter().collect::<js_sys::Array>())
        .ok()
}

/// Runs `then` with what `promise` gives, once it does.
fn after(promise: Option<JsValue>, then: impl FnOnce(JsValue) + 'static) {
    let Some(promise) = promise.and_then(|promise| promise.dyn_into::<js_sys::Promise>().ok())
    else {
        return;
    };
    let then: Closure<dyn FnMut(JsValue)> = Closure::once(then);
    let _ = promise.then(&then);
    then.forget();
}

/// Shows `title` and `body` as a system notification, when the person allowed them.
pub fn notify(title: &str, body: &str) {
    if permission().as_deref() != Some("granted") {
        return;
    }
    let Ok(workers) = js_sys::Reflect::get(&window().navigator(), &"serviceWorker".into()) else {
        return;
    };
    let options = js_sys::Object::new();
    for (key, value) in [
        ("body", body),
        ("tag", "crema-ready"),
        ("icon", "/icons/icon-192.png"),
    ] {
        let _ = js_sys::Reflect::set(&options, &key.into(), &value.into());
    }
    let title = JsValue::from(title);
    let ready = js_sys::Reflect::get(&workers, &"ready".into()).ok();
    after(ready, move |registration| {
        call(&registration, "showNotification", &[title, options.into()]);
    });
}

/// Whether the drink is still to come: chosen, and not ready nor ended.
fn to_come(state: OrderState) -> bool {
    matches!(state, OrderState::Queued | OrderState::Making)
}

/// The offer of one e-mail when the drink is ready, while it is still to come.
#[component]
pub fn MailMe(order: RwSignal<Order>) -> impl IntoView {
    let ask = ServerAction::<MailWhenReady>::new();
    let on_click = move |_| {
        ask.dispatch(MailWhenReady {
            order: order.with_untracked(|order| order.id),
        });
    };
    let t = i18n::customer();
    let error = move || {
        ask.value()
            .get()
            .and_then(Result::err)
            .map(|error| i18n::common().error_text(&error))
    };
    view! {
        {move || order.with(|order| to_come(order.state)).then(|| match ask.value().get() {
            Some(Ok(())) => view! { <p class="muted mail-me">{t.mail_on}</p> }.into_any(),
            _ => view! {
                <button
                    class="button secondary wide mail-me"
                    type="button"
                    disabled=move || ask.pending().get()
                    on:click=on_click
                >
                    {t.mail_me}
                </button>
                <p class="form-error" role="alert">{error}</p>
            }.into_any(),
        })}
    }
}

/// The offer to be told, while the drink is still to come and the browser could tell.
#[component]
pub fn NotifyMe(state: Signal<OrderState>) -> impl IntoView {
    // Known in the browser only: the server renders no offer.
    let allowed = RwSignal::new(None::<String>);
    Effect::new(move || allowed.set(permission()));
    let ask = move |_| {
        let asked = notifications().and_then(|api| call(&api, "requestPermission", &[]));
        after(asked, move |answer| allowed.set(answer.as_string()));
    };
    let waiting = move || to_come(state.get());
    let t = i18n::customer();
    view! {
        {move || match (waiting(), allowed.get().as_deref()) {
            (true, Some("default")) => Some(view! {
                <button class="button secondary wide notify-me" type="button" on:click=ask>
                    {t.notify_me}
                </button>
            }.into_any()),
            (true, Some("granted")) => Some(view! { <p class="muted notify-me">{t.notify_on}</p> }.into_any()),
            _ => None,
        }}
    }
}
