//! The paired screens: pairing one by the code it shows (the QR code on the screen opens
//! this form with it filled in), and the list of screens with when each was last seen,
//! to remove one.

use leptos::{either::Either, prelude::*, task::spawn_local};
use leptos_router::hooks::use_query_map;

use super::{FieldError, FormError, Shops, error_id, send};
use crate::{
    api::devices::{list_devices, pair_device, remove_device},
    components::{Fields, Loading},
    error::AppError,
    model::{Device, NewDevice, PAIR_QUERY, Role},
};

#[component]
pub fn ScreensSection(shops: Shops) -> impl IntoView {
    let screens = RwSignal::new(Vec::<Device>::new());
    let loaded = Resource::new(|| (), |_| list_devices());
    view! {
        <section id="screens" class="console-section" aria-labelledby="screens-title">
            <h2 id="screens-title">"Screens"</h2>
            <PairForm shops screens/>
            <Transition fallback=Loading>
                {move || Suspend::new(async move {
                    match loaded.await {
                        Ok(list) => {
                            screens.set(list);
                            Either::Left(view! { <ScreenTable shops screens/> })
                        }
                        Err(error) => Either::Right(view! {
                            <p class="form-error" role="alert">{error.message}</p>
                        }),
                    }
                })}
            </Transition>
        </section>
    }
}

const PAIR_FIELDS: &[&str] = &["code", "name", "role", "shop"];

/// Pairs the screen showing a code; opened and filled in by the screen's QR code.
#[component]
fn PairForm(shops: Shops, screens: RwSignal<Vec<Device>>) -> impl IntoView {
    let query = use_query_map();
    let asked = move |name: &str| query.with_untracked(|query| query.get(name));
    let code = asked(PAIR_QUERY);
    let asked_to_pair = code.is_some();
    let role = asked("role");
    let shop = asked("shop");
    let error = RwSignal::new(None::<AppError>);
    let busy = RwSignal::new(false);
    let paired = RwSignal::new(None::<String>);
    let on_submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let form: web_sys::HtmlFormElement = event_target(&event);
        let Some(fields) = Fields::of(&form) else {
            return;
        };
        let input = NewDevice {
            code: fields.get("code"),
            name: fields.get("name"),
            role: if fields.get("role") == "barista" {
                Role::Barista
            } else {
                Role::Display
            },
            shop: fields.get("shop"),
        };
        send(busy, error, pair_device(input), move |device| {
            form.reset();
            paired.set(Some(format!(
                "Paired “{}”: the screen signs in by itself within a few seconds.",
                device.name
            )));
            screens.update(|list| list.push(device));
        });
    };
    let open_shops = move || {
        shops.list.with(|list| {
            list.iter()
                .filter(|s| !s.shop.archived)
                .map(|s| (s.shop.slug.clone(), s.shop.name.clone()))
                .collect::<Vec<_>>()
        })
    };
    view! {
        <details class="panel pair-screen" open=asked_to_pair>
            <summary>"Pair a screen"</summary>
            <p class="muted">
                "On the booth screen or barista tablet, choose “Pair this screen”: it shows a code, and a QR code that opens this form."
            </p>
            <form class="form console-form" on:submit=on_submit>
                <label>
                    "Code on the screen"
                    <input
                        name="code"
                        required
                        autocomplete="off"
                        autocapitalize="characters"
                        spellcheck="false"
                        prop:value=code
                        aria-describedby=error_id("pair", "code")
                    />
                    <FieldError error form="pair" field="code"/>
                </label>
                <label>
                    "Name"
                    <input name="name" required maxlength="60" placeholder="Screen by the door" aria-describedby=error_id("pair", "name")/>
                    <FieldError error form="pair" field="name"/>
                </label>
                <label>
                    "Role"
                    <select name="role">
                        <option value="display" selected=role.as_deref() != Some("barista")>"Booth screen"</option>
                        <option value="barista" selected=role.as_deref() == Some("barista")>"Barista tablet"</option>
                    </select>
                    <FieldError error form="pair" field="role"/>
                </label>
                <label>
                    "Shop"
                    <select name="shop" aria-describedby=error_id("pair", "shop")>
                        {move || open_shops()
                            .into_iter()
                            .map(|(slug, name)| {
                                let selected = shop.as_deref() == Some(slug.as_str());
                                view! { <option value=slug selected=selected>{name}</option> }
                            })
                            .collect_view()}
                    </select>
                    <FieldError error form="pair" field="shop"/>
                </label>
                <FormError error fields=PAIR_FIELDS/>
                <p class="muted">
                    "Pair only a code you can see on a screen in front of you: whoever shows it gets the screen's account."
                </p>
                <button class="button" type="submit" disabled=move || busy.get()>"Pair"</button>
                <p class="muted" role="status">{move || paired.get()}</p>
            </form>
        </details>
    }
}

#[component]
fn ScreenTable(shops: Shops, screens: RwSignal<Vec<Device>>) -> impl IntoView {
    view! {
        <p class="muted" hidden=move || screens.with(|list| !list.is_empty())>"No screen is paired yet."</p>
        <table class="staff-table" hidden=move || screens.with(Vec::is_empty)>
            <thead>
                <tr>
                    <th scope="col">"Name"</th>
                    <th scope="col">"Role"</th>
                    <th scope="col">"Shop"</th>
                    <th scope="col">"Last seen"</th>
                    <th scope="col"><span class="visually-hidden">"Remove"</span></th>
                </tr>
            </thead>
            <tbody>
                <For
                    each=move || screens.get()
                    key=|device| device.id
                    children=move |device| view! { <ScreenRow shops screens device/> }
                />
            </tbody>
        </table>
    }
}

#[component]
fn ScreenRow(shops: Shops, screens: RwSignal<Vec<Device>>, device: Device) -> impl IntoView {
    let notice = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let id = device.id;
    let remove = move |_| {
        busy.set(true);
        spawn_local(async move {
            match remove_device(id.0.to_string()).await {
                Ok(()) => screens.update(|list| list.retain(|d| d.id != id)),
                Err(error) => notice.set(Some(error.message)),
            }
            busy.set(false);
        });
    };
    let role = match device.role {
        Role::Barista => "Barista tablet",
        _ => "Booth screen",
    };
    let shop = shops.list.with_untracked(|list| {
        list.iter()
            .find(|s| s.shop.slug == device.shop)
            .map_or_else(|| device.shop.clone(), |s| s.shop.name.clone())
    });
    let seen = device
        .last_seen_at
        .as_deref()
        .map_or_else(|| "not yet".to_owned(), minute);
    view! {
        <tr>
            <th scope="row">{device.name.clone()}</th>
            <td>{role}</td>
            <td>{shop}</td>
            <td><time datetime=device.last_seen_at.clone()>{seen}</time></td>
            <td class="staff-actions">
                <button class="button small danger" type="button" disabled=move || busy.get() on:click=remove
                    aria-label=format!("Remove {}", device.name)>
                    "Remove"
                </button>
                <span class="muted" role="status">{move || notice.get()}</span>
            </td>
        </tr>
    }
}

/// "2026-12-04 09:41 UTC" from an RFC 3339 time.
fn minute(at: &str) -> String {
    match (at.get(..10), at.get(11..16)) {
        (Some(day), Some(time)) => format!("{day} {time} UTC"),
        _ => at.to_owned(),
    }
}
