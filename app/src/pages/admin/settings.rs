//! A new shop, and each shop's settings: the server checks them, and its refusal shows
//! next to the field it names.

use leptos::prelude::*;

use super::{FieldError, FormError, ShopSummary, Shops, error_id, send};
use crate::{
    api::admin::{create_shop, update_shop},
    components::Fields,
    error::AppError,
    i18n::Lang,
    model::{NewShop, SETTING_RANGES, SettingsPatch, ShopChanges, ShopSettings, Stock},
};

/// A numeric setting in the form: its field, its label, its value in the settings and
/// its place in a change.
struct Number {
    field: &'static str,
    label: &'static str,
    value: fn(&ShopSettings) -> u32,
    slot: fn(&mut SettingsPatch) -> &mut Option<i64>,
}

/// The numeric settings, in the order the form shows them.
const NUMBERS: [Number; 8] = [
    Number {
        field: "capacity",
        label: "Orders in progress at once",
        value: |s| s.capacity,
        slot: |p| &mut p.capacity,
    },
    Number {
        field: "drinks_per_code",
        label: "Drinks per QR code",
        value: |s| s.drinks_per_code,
        slot: |p| &mut p.drinks_per_code,
    },
    Number {
        field: "code_window_s",
        label: "A new QR code every (seconds)",
        value: |s| s.code_window_s,
        slot: |p| &mut p.code_window_s,
    },
    Number {
        field: "code_grace_s",
        label: "A late scan still works for (seconds)",
        value: |s| s.code_grace_s,
        slot: |p| &mut p.code_grace_s,
    },
    Number {
        field: "customer_timeout_s",
        label: "Time to choose a drink (seconds)",
        value: |s| s.customer_timeout_s,
        slot: |p| &mut p.customer_timeout_s,
    },
    Number {
        field: "barista_timeout_s",
        label: "Time to make it (seconds)",
        value: |s| s.barista_timeout_s,
        slot: |p| &mut p.barista_timeout_s,
    },
    Number {
        field: "daily_limit",
        label: "Drinks per person per day (0: no limit)",
        value: |s| s.daily_limit,
        slot: |p| &mut p.daily_limit,
    },
    Number {
        field: "ready_retention_s",
        label: "Ready orders stay on screen for (seconds)",
        value: |s| s.ready_retention_s,
        slot: |p| &mut p.ready_retention_s,
    },
];

#[component]
fn TimezoneSelect(shops: Shops, selected: String) -> impl IntoView {
    view! {
        <select name="timezone">
            {shops.timezones.with_value(|zones| {
                zones
                    .iter()
                    .map(|zone| {
                        let chosen = *zone == selected;
                        view! { <option value=zone.clone() selected=chosen>{zone.clone()}</option> }
                    })
                    .collect_view()
            })}
        </select>
    }
}

const NEW_SHOP_FIELDS: &[&str] = &["slug", "name", "timezone"];

/// A new shop: its address, name and time zone, and a menu copied from another shop.
#[component]
pub fn NewShopForm(shops: Shops) -> impl IntoView {
    let error = RwSignal::new(None::<AppError>);
    let busy = RwSignal::new(false);
    let on_submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let form: web_sys::HtmlFormElement = event_target(&event);
        let Some(fields) = Fields::of(&form) else {
            return;
        };
        let menu_from = fields.get("menu_from");
        let menu = shops.list.with_untracked(|list| {
            list.iter()
                .find(|s| s.shop.slug == menu_from)
                .map(|s| s.shop.menu.clone())
                .unwrap_or_default()
        });
        let input = NewShop {
            slug: fields.get("slug").trim().to_owned(),
            name: fields.get("name"),
            open: false,
            menu,
            settings: SettingsPatch {
                timezone: Some(fields.get("timezone")),
                ..SettingsPatch::default()
            },
            unknown: Default::default(),
        };
        send(busy, error, create_shop(input), move |shop| {
            form.reset();
            shops.put(ShopSummary::new(shop, 0, 0, &Stock::default()));
        });
    };
    view! {
        <details class="panel new-shop">
            <summary>"New shop"</summary>
            <form class="form console-form" on:submit=on_submit>
                <label>
                    "Address (like reinvent-2026)"
                    <input name="slug" required autocapitalize="none" aria-describedby=error_id("new", "slug")/>
                    <FieldError error form="new" field="slug"/>
                </label>
                <label>
                    "Name"
                    <input name="name" required aria-describedby=error_id("new", "name")/>
                    <FieldError error form="new" field="name"/>
                </label>
                <label>
                    "Time zone"
                    <TimezoneSelect shops selected="UTC".to_owned()/>
                    <FieldError error form="new" field="timezone"/>
                </label>
                <label>
                    "Menu"
                    <select name="menu_from">
                        <option value="">"Empty"</option>
                        {move || shops.list.with(|list| {
                            list.iter()
                                .filter(|s| !s.shop.menu.is_empty())
                                .map(|s| view! {
                                    <option value=s.shop.slug.clone()>{format!("Copy {}'s", s.shop.name)}</option>
                                })
                                .collect_view()
                        })}
                    </select>
                </label>
                <FormError error fields=NEW_SHOP_FIELDS/>
                <button class="button" type="submit" disabled=move || busy.get()>"Create the shop"</button>
            </form>
        </details>
    }
}

const SETTINGS_FIELDS: &[&str] = &[
    "name",
    "timezone",
    "language",
    "capacity",
    "drinks_per_code",
    "code_window_s",
    "code_grace_s",
    "customer_timeout_s",
    "barista_timeout_s",
    "daily_limit",
    "ready_retention_s",
    "names_on_board",
    "how_it_works",
];

/// A shop's name and settings, saved together.
#[component]
pub fn SettingsForm(shops: Shops, slug: String) -> impl IntoView {
    let summary = shops
        .list
        .with_untracked(|list| list.iter().find(|s| s.shop.slug == slug).cloned())?;
    let settings = summary.shop.settings.clone();
    let error = RwSignal::new(None::<AppError>);
    let saved = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let on_submit = {
        let slug = slug.clone();
        move |event: leptos::ev::SubmitEvent| {
            event.prevent_default();
            let form: web_sys::HtmlFormElement = event_target(&event);
            let Some(fields) = Fields::of(&form) else {
                return;
            };
            let mut patch = SettingsPatch {
                timezone: Some(fields.get("timezone")),
                language: Some(fields.get("language")),
                names_on_board: Some(!fields.get("names_on_board").is_empty()),
                how_it_works: Some(!fields.get("how_it_works").is_empty()),
                ..SettingsPatch::default()
            };
            for Number { field, slot, .. } in &NUMBERS {
                match fields.get(field).trim().parse::<i64>() {
                    Ok(number) => *slot(&mut patch) = Some(number),
                    Err(_) => {
                        error.set(Some(AppError::invalid(
                            field,
                            "invalid_number",
                            "A whole number, please.",
                        )));
                        return;
                    }
                }
            }
            let changes = ShopChanges {
                name: Some(fields.get("name")),
                settings: patch,
                ..ShopChanges::default()
            };
            saved.set(false);
            send(
                busy,
                error,
                update_shop(slug.clone(), changes),
                move |shop| {
                    saved.set(true);
                    shops.changed(shop);
                },
            );
        }
    };
    let numbers = NUMBERS
        .iter()
        .map(
            |Number {
                 field,
                 label,
                 value,
                 ..
             }| {
                let (min, max) = SETTING_RANGES
                    .iter()
                    .find(|(name, _, _)| name == field)
                    .map_or((0, u32::MAX), |(_, min, max)| (*min, *max));
                let field: &'static str = field;
                let form = slug.clone();
                view! {
                    <label>
                        {*label}
                        <input
                            name=field
                            type="number"
                            inputmode="numeric"
                            required
                            value=value(&settings).to_string()
                            aria-describedby=error_id(&form, field)
                        />
                        <span class="muted">{format!("{min}–{max}")}</span>
                        <FieldError error form field/>
                    </label>
                }
            },
        )
        .collect_view();
    Some(view! {
        <details class="shop-settings">
            <summary>"Settings"</summary>
            <form class="form console-form settings-form" on:submit=on_submit novalidate>
                <label>
                    "Name"
                    <input name="name" required value=summary.shop.name.clone() aria-describedby=error_id(&slug, "name")/>
                    <FieldError error form=slug.clone() field="name"/>
                </label>
                <label>
                    "Time zone (the day, for the daily limit and order numbers)"
                    <TimezoneSelect shops selected=settings.timezone.clone()/>
                    <FieldError error form=slug.clone() field="timezone"/>
                </label>
                <label>
                    "Language (the staff apps' and the screen's; a phone's own comes first)"
                    <select name="language" aria-describedby=error_id(&slug, "language")>
                        {Lang::ALL
                            .iter()
                            .map(|&lang| view! {
                                <option value=lang.tag() selected=lang == settings.language>{lang.own_name()}</option>
                            })
                            .collect_view()}
                    </select>
                    <FieldError error form=slug.clone() field="language"/>
                </label>
                {numbers}
                <label class="check">
                    <input type="checkbox" name="names_on_board" checked=settings.names_on_board/>
                    "Show customers' names beside their numbers on the booth screen's Ready board"
                </label>
                <label class="check">
                    <input type="checkbox" name="how_it_works" checked=settings.how_it_works/>
                    "Let anyone watch how it works (the live workflow at /how/"{slug.clone()}")"
                </label>
                <FormError error fields=SETTINGS_FIELDS/>
                <p class="muted" role="status" hidden=move || !saved.get()>"Saved."</p>
                <button class="button" type="submit" disabled=move || busy.get()>"Save settings"</button>
            </form>
        </details>
    })
}
