//! The choices on the choosing page: drinks as large cards, and each drink's modifier
//! groups by their rules.

use leptos::prelude::*;

use crate::{
    i18n,
    model::{Drink, ModifierGroup},
};

/// How many of `group`'s choices are picked.
pub(super) fn picks_in(group: &ModifierGroup, picked: &[String]) -> u32 {
    group
        .choices
        .iter()
        .filter(|choice| picked.contains(&choice.id))
        .count() as u32
}

/// One drink as a large card, picked like a radio button, with its options under it
/// (shown once it is picked).
#[component]
pub(crate) fn DrinkOption(
    option: Drink,
    drink: RwSignal<Option<String>>,
    picked: RwSignal<Vec<String>>,
    checked: RwSignal<bool>,
) -> impl IntoView {
    let id = StoredValue::new(option.id.clone());
    let chosen = Signal::derive(move || {
        drink.with(|drink| drink.as_deref() == Some(id.get_value().as_str()))
    });
    let options = option.group_names();
    let groups = option
        .groups
        .into_iter()
        .enumerate()
        .map(|(at, group)| {
            // Padded, so that the fields sort in the menu's order.
            let field = format!("picks[{}][g{at:02}]", option.id);
            view! { <Group group field picked chosen checked/> }
        })
        .collect_view();
    view! {
        <div class="drink-card">
            <label class="drink-option" class:sold-out=!option.available>
                <input
                    type="radio"
                    name="drink"
                    value=option.id.clone()
                    disabled=!option.available
                    prop:checked=chosen
                    on:change=move |_| {
                        drink.set(Some(id.get_value()));
                        picked.set(Vec::new());
                    }
                />
                <span class="drink-icon" aria-hidden="true">{option.icon}</span>
                <span class="drink-name">{option.name}</span>
                <span class="drink-options">{options}</span>
                {(!option.available).then(|| view! { <span class="tag">{i18n::customer().sold_out}</span> })}
            </label>
            <div class="drink-groups">{groups}</div>
        </div>
    }
}

/// A modifier group: radio buttons when it takes one choice (with "None" when that is
/// optional), checkboxes when it takes several; sold-out choices shown but disabled. Its
/// inputs post as `field` (a checkbox as `field` and its place). Its rule shows as broken
/// once the person tried to go on, while its drink is the one `chosen`.
#[component]
fn Group(
    group: ModifierGroup,
    field: String,
    picked: RwSignal<Vec<String>>,
    chosen: Signal<bool>,
    checked: RwSignal<bool>,
) -> impl IntoView {
    let single = group.max == 1;
    let required = group.min > 0;
    let t = i18n::customer();
    let rule = group.rule(i18n::lang());
    let group = StoredValue::new(group);
    let count = move || picked.with(|picked| group.with_value(|group| picks_in(group, picked)));
    let broken =
        move || checked.get() && chosen.get() && !group.with_value(|group| group.accepts(count()));
    let name = group.with_value(|group| group.name.clone());
    let none = (single && !required).then(|| {
        view! {
            <label class="choice">
                <input
                    type="radio"
                    name=field.clone()
                    value=""
                    prop:checked=move || count() == 0
                    on:change=move |_| {
                        picked.update(|picked| {
                            group.with_value(|group| picked.retain(|id| !group.choices.iter().any(|c| &c.id == id)))
                        })
                    }
                />
                <span>{t.none}</span>
            </label>
        }
    });
    let choices = group.with_value(|group| group.choices.clone());
    view! {
        <fieldset class="group" class:invalid=broken aria-invalid=move || broken().to_string()>
            <legend>
                {name.clone()}
                <span class="rule">{rule.clone()}</span>
                {required.then(|| view! { <span class="required">{t.required}</span> })}
            </legend>
            {none}
            {choices
                .into_iter()
                .enumerate()
                .map(|(at, choice)| {
                    let id = StoredValue::new(choice.id.clone());
                    let is_picked = move || picked.with(|picked| picked.contains(&id.get_value()));
                    let full = move || !single && !is_picked() && count() >= group.with_value(|g| g.max);
                    let toggle = move |_| {
                        picked.update(|picked| {
                            let id = id.get_value();
                            if single {
                                group.with_value(|group| picked.retain(|p| !group.choices.iter().any(|c| &c.id == p)));
                                picked.push(id);
                            } else if let Some(at) = picked.iter().position(|p| *p == id) {
                                picked.remove(at);
                            } else {
                                picked.push(id);
                            }
                        })
                    };
                    let name = if single { field.clone() } else { format!("{field}c{at:02}") };
                    view! {
                        <label class="choice" class:sold-out=!choice.available>
                            <input
                                type=if single { "radio" } else { "checkbox" }
                                name=name
                                value=choice.id.clone()
                                disabled=move || !choice.available || full()
                                prop:checked=is_picked
                                on:change=toggle
                            />
                            <span>{choice.name}</span>
                            {(!choice.available).then(|| view! { <span class="tag">{t.sold_out}</span> })}
                        </label>
                    }
                })
                .collect_view()}
            <p class="field-error" role="alert">
                {move || broken().then(|| format!("{name}: {rule}."))}
            </p>
        </fieldset>
    }
}
