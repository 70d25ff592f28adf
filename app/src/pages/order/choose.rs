//! Choosing the drink: the menu as large cards, each drink's options by its groups'
//! rules, a countdown of the time left, a review, then **Order**.
//!
//! The menu is a form the server renders whole, so a phone can choose and order before
//! the app arrives (or without it): each drink's options sit under its card, shown once
//! it is picked (CSS), and **Order** posts the form. Once the app is live, the button
//! reviews the order first, and ordering sends only the chosen drink's options.

use std::time::Duration;

use leptos::{either::Either, prelude::*, server_fn::ServerFn};

use super::options::{DrinkOption, picks_in};
use crate::{
    api::orders::ChooseDrink,
    components::{IdempotencyKey, focus_if_lost},
    error::AppError,
    i18n,
    model::{Drink, MAX_CUSTOMER_NAME, Order},
};

/// The menu's heading, and the review's: where the focus goes between the two.
const TITLE: &str = "choose-title";

#[component]
pub fn Choose(menu: RwSignal<Vec<Drink>>, order: RwSignal<Order>) -> impl IntoView {
    // Hydrating sets every input from these: they start from what the page's form holds.
    let (before, picked_before, name_before) = picked_before_live();
    let drink = RwSignal::new(before);
    let picked = RwSignal::new(picked_before);
    let reviewing = RwSignal::new(false);
    let name = RwSignal::new(name_before.unwrap_or_else(|| {
        order.with_untracked(|order| order.customer_name.clone().unwrap_or_default())
    }));
    // Rules are shown as broken only once the person tried to go on.
    let checked = RwSignal::new(false);
    // Holds the error of a post without the app, which comes back in the address.
    let submit = ServerAction::<ChooseDrink>::new();
    let key = IdempotencyKey::new();
    let live = RwSignal::new(false);
    Effect::new(move || live.set(true));
    Effect::new(move || {
        let Some(result) = submit.value().get() else {
            return;
        };
        key.answered(&result);
        match result {
            Ok(queued) => super::follow::advance(order, queued),
            // Back to the choices, where the error shows next to its cause.
            Err(_) => reviewing.set(false),
        }
    });
    let error = Signal::derive(move || submit.value().get().and_then(Result::err));
    let chosen = move || {
        drink
            .get()
            .and_then(|id| menu.with(|menu| menu.iter().find(|d| d.id == id).cloned()))
    };
    // The picks in menu order: what is sent, and what the review shows.
    let choices = move || {
        let Some(drink) = chosen() else {
            return Vec::new();
        };
        picked.with(|picked| {
            drink
                .groups
                .iter()
                .flat_map(|group| &group.choices)
                .filter(|choice| picked.contains(&choice.id))
                .map(|choice| choice.id.clone())
                .collect()
        })
    };
    let complete = move || {
        chosen().is_some_and(|drink| {
            drink
                .groups
                .iter()
                .all(|group| group.accepts(picks_in(group, &picked.get())))
        })
    };
    // Review first, then order.
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        checked.set(true);
        if !reviewing.get_untracked() {
            reviewing.set(complete());
            focus_if_lost(TITLE);
        } else if let Some(drink) = drink.get_untracked() {
            submit.dispatch(ChooseDrink {
                order: order.with_untracked(|order| order.id),
                drink,
                choices: choices(),
                picks: Default::default(),
                key: Some(key.get()),
                name: Some(name.get_untracked()),
            });
        }
    };
    let summary = move || {
        chosen()
            .map(|drink| {
                let names = choices()
                    .iter()
                    .filter_map(|id| {
                        drink
                            .groups
                            .iter()
                            .flat_map(|group| &group.choices)
                            .find(|choice| &choice.id == id)
                            .map(|choice| choice.name.clone())
                    })
                    .collect::<Vec<_>>();
                (drink.name, names)
            })
            .unwrap_or_default()
    };
    let t = i18n::customer();

    view! {
        <form
            class="panel choose"
            method="post"
            action=ChooseDrink::url()
            aria-labelledby=TITLE
            on:submit=on_submit
        >
            <input type="hidden" name="order" value=order.with_untracked(|order| order.id.to_string())/>
            <input type="hidden" name="key" value=key.get()/>
            <div class="choose-head">
                <h1 id=TITLE tabindex="-1" autofocus>
                    {move || if reviewing.get() { t.check_title } else { t.choose_title }}
                </h1>
                <Countdown deadline=order.with_untracked(|order| order.deadline_at.clone())/>
            </div>
            {move || if reviewing.get() {
                Either::Left(view! {
                    <div class="review">
                        <p class="review-drink">{move || summary().0}</p>
                        <ul class="review-choices">
                            {move || summary().1.into_iter().map(|name| view! { <li>{name}</li> }).collect_view()}
                        </ul>
                        <NameField name error/>
                        <button class="button wide" type="submit" disabled=move || submit.pending().get()>
                            {move || if submit.pending().get() { t.ordering } else { t.order }}
                        </button>
                        <button class="button secondary wide" type="button" on:click=move |_| {
                            reviewing.set(false);
                            focus_if_lost(TITLE);
                        }>
                            {t.change}
                        </button>
                    </div>
                })
            } else {
                Either::Right(view! {
                    <fieldset class="drinks">
                        <legend>{t.drinks}</legend>
                        {menu
                            .get()
                            .into_iter()
                            .map(|option| view! { <DrinkOption option drink picked checked/> })
                            .collect_view()}
                    </fieldset>
                    <FieldError error field="drink"/>
                    <FieldError error field="choices"/>
                    <OtherError error/>
                    <p class="form-error" role="alert">
                        {move || (checked.get() && drink.get().is_none()).then_some(t.choose_drink_first)}
                    </p>
                    <NameField name error/>
                    <button class="button wide" type="submit">
                        {move || if live.get() { t.review } else { t.order }}
                    </button>
                })
            }}
        </form>
    }
}

/// The name the baristas call out, optional: sent with the order.
#[component]
fn NameField(name: RwSignal<String>, error: Signal<Option<AppError>>) -> impl IntoView {
    let t = i18n::customer();
    view! {
        <label class="name-field">
            {t.your_name}
            <input
                name="name"
                type="text"
                autocomplete="given-name"
                maxlength=MAX_CUSTOMER_NAME.to_string()
                aria-describedby="name-hint"
                bind:value=name
            />
            <span id="name-hint" class="muted">{t.your_name_hint}</span>
            <FieldError error field="display_name"/>
        </label>
    }
}

/// The drink, the options and the name a person gave on the server-rendered menu before
/// the app took it over (nothing when the app renders the menu itself, or on the server).
fn picked_before_live() -> (Option<String>, Vec<String>, Option<String>) {
    #[cfg(feature = "hydrate")]
    {
        use leptos::wasm_bindgen::JsCast;
        use web_sys::HtmlInputElement;

        let checked = |selector: &str| -> Vec<String> {
            let Ok(inputs) = document().query_selector_all(selector) else {
                return Vec::new();
            };
            (0..inputs.length())
                .filter_map(|at| inputs.item(at)?.dyn_into::<HtmlInputElement>().ok())
                .map(|input| input.value())
                .filter(|value| !value.is_empty())
                .collect()
        };
        let drink = checked(".choose input[name=drink]:checked").pop();
        let picked = drink
            .as_ref()
            .map(|drink| checked(&format!(".choose input[name^=\"picks[{drink}]\"]:checked")))
            .unwrap_or_default();
        let name = document()
            .query_selector(".choose input[name=name]")
            .ok()
            .flatten()
            .and_then(|input| input.dyn_into::<HtmlInputElement>().ok())
            .map(|input| input.value());
        (drink, picked, name)
    }
    #[cfg(not(feature = "hydrate"))]
    (None, Vec::new(), None)
}

/// The server's error about `field` (or a path inside it), next to it.
#[component]
fn FieldError(error: Signal<Option<AppError>>, field: &'static str) -> impl IntoView {
    let t = i18n::common();
    let message = move || {
        error
            .get()
            .filter(|error| {
                error
                    .field
                    .as_deref()
                    .is_some_and(|at| at == field || at.starts_with(&format!("{field}[")))
            })
            .map(|error| t.error_text(&error))
    };
    view! { <p class="field-error" role="alert">{message}</p> }
}

/// A server error about nothing on the form: the order moved on, the network.
#[component]
fn OtherError(error: Signal<Option<AppError>>) -> impl IntoView {
    let t = i18n::common();
    let message = move || {
        error
            .get()
            .filter(|error| error.field.is_none())
            .map(|error| t.error_text(&error))
    };
    view! { <p class="form-error" role="alert">{message}</p> }
}

/// The time left to choose, counting down each second once the page is live.
#[component]
fn Countdown(deadline: Option<String>) -> impl IntoView {
    let now = RwSignal::new(None::<f64>);
    Effect::new(move || {
        now.set(Some(js_sys::Date::now()));
        if let Ok(handle) = set_interval_with_handle(
            move || now.set(Some(js_sys::Date::now())),
            Duration::from_secs(1),
        ) {
            on_cleanup(move || handle.clear());
        }
    });
    let deadline = StoredValue::new(deadline);
    // Seconds left; unknown until the page is live (the server renders the deadline).
    let left = move || {
        let now = now.get()?;
        let deadline = deadline.get_value()?;
        let at = js_sys::Date::parse(&deadline);
        (!at.is_nan()).then(|| ((at - now) / 1000.0).max(0.0).round() as u64)
    };
    let t = i18n::customer();
    let text = move || match left() {
        None => deadline.with_value(|at| {
            (t.until)(&super::receipt::utc_clock(
                at.as_deref().unwrap_or_default(),
            ))
        }),
        Some(0) => t.times_up.to_owned(),
        Some(left) => (t.left)(left),
    };
    view! {
        <p class="countdown" class:urgent=move || left().is_some_and(|left| left < 60)>
            <span class="visually-hidden">{t.time_left}</span>
            <span aria-hidden="true">"⏱ "</span>
            {text}
        </p>
    }
}
