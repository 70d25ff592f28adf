//! The menu's fields: a drink, its groups, their choices, each with its place (up, down,
//! remove). Drawn again when the menu's shape changes; typing edits the draft.

use leptos::{either::Either, prelude::*};

use super::Draft;
use crate::{
    i18n::Lang,
    model::{Choice, Drink, Menu, ModifierGroup, StockItem, change_choice},
};

/// The drinks' fields, drawn again when the menu's shape changes.
#[component]
pub(super) fn Drinks(draft: Draft) -> impl IntoView {
    let add = move |_| {
        draft.reshape(|menu| {
            menu.push(Drink {
                id: String::new(),
                name: String::new(),
                available: true,
                icon: None,
                groups: Vec::new(),
            })
        })
    };
    view! {
        <ol class="menu-drinks">
            {move || {
                draft.shape.track();
                let count = draft.menu.with_untracked(|menu| menu.as_ref().map_or(0, Vec::len));
                (0..count).map(|d| view! { <DrinkFields draft d count/> }).collect_view()
            }}
        </ol>
        <button class="button small secondary" type="button" on:click=add>"Add a drink"</button>
    }
}

/// Up, down and remove, for the item at `at` of `count`.
#[component]
fn Reorder<M, R>(
    label: String,
    at: usize,
    count: usize,
    draft: Draft,
    moved: M,
    removed: R,
) -> impl IntoView
where
    M: Fn(&mut Menu, usize, usize) + Copy + Send + Sync + 'static,
    R: Fn(&mut Menu, usize) + Copy + Send + Sync + 'static,
{
    view! {
        <span class="menu-reorder">
            <button class="button small secondary" type="button" disabled=at == 0
                aria-label=format!("Move {label} up") on:click=move |_| draft.reshape(|menu| moved(menu, at, at - 1))>
                "↑"
            </button>
            <button class="button small secondary" type="button" disabled=at + 1 == count
                aria-label=format!("Move {label} down") on:click=move |_| draft.reshape(|menu| moved(menu, at, at + 1))>
                "↓"
            </button>
            <button class="button small danger" type="button"
                aria-label=format!("Remove {label}") on:click=move |_| draft.reshape(|menu| removed(menu, at))>
                "Remove"
            </button>
        </span>
    }
}

/// What the stock says of an item: "24 left", "none left".
fn left(item: Option<StockItem>) -> Option<String> {
    match item?.remaining? {
        0 => Some("none left".to_owned()),
        n => Some(format!("{n} left")),
    }
}

#[component]
fn DrinkFields(draft: Draft, d: usize, count: usize) -> impl IntoView {
    let Some(drink) = draft.read(|menu| menu.get(d).cloned()) else {
        return Either::Left(());
    };
    let label = format!("drink {}", d + 1);
    let groups = drink.groups.len();
    let drink_id = StoredValue::new(drink.id.clone());
    let stock = draft
        .stock
        .with_untracked(|stock| left(stock.drinks.get(&drink.id).copied()));
    let add_group = move |_| {
        draft.reshape(|menu| {
            menu[d].groups.push(ModifierGroup {
                id: String::new(),
                name: String::new(),
                min: 0,
                max: 1,
                choices: Vec::new(),
            })
        })
    };
    Either::Right(view! {
        <li class="panel menu-drink">
            <div class="menu-row">
                <label class="menu-icon">
                    "Icon"
                    <input value=drink.icon.clone() maxlength="4"
                        on:change=move |event| {
                            let icon = event_target_value(&event);
                            draft.edit(|menu| menu[d].icon = (!icon.trim().is_empty()).then_some(icon));
                        }/>
                </label>
                <label class="menu-name">
                    {format!("Drink {}", d + 1)}
                    <input value=drink.name.clone() required maxlength="60" placeholder="Latte"
                        on:change=move |event| {
                            let name = event_target_value(&event);
                            draft.edit(|menu| menu[d].name = name);
                        }/>
                </label>
                <label class="check">
                    <input type="checkbox" checked=drink.available
                        on:change=move |event| {
                            let on = event_target_checked(&event);
                            draft.touch(format!("drink:{}", drink_id.get_value()));
                            draft.edit(|menu| menu[d].available = on);
                        }/>
                    "Available"
                </label>
                {stock.map(|left| view! { <span class="tag">{left}</span> })}
                <Reorder label=label.clone() at=d count draft moved=|menu, a, b| menu.swap(a, b) removed=|menu, at| { menu.remove(at); }/>
            </div>
            <ol class="menu-groups">
                {(0..groups).map(|g| view! { <GroupFields draft d g count=groups/> }).collect_view()}
            </ol>
            <button class="button small secondary" type="button" on:click=add_group>
                {format!("Add a group to {label}")}
            </button>
        </li>
    })
}

#[component]
fn GroupFields(draft: Draft, d: usize, g: usize, count: usize) -> impl IntoView {
    let Some(group) = draft.read(|menu| menu.get(d)?.groups.get(g).cloned()) else {
        return Either::Left(());
    };
    let label = format!("group {} of drink {}", g + 1, d + 1);
    let choices = group.choices.len();
    let rule = move || {
        draft.read(|menu| {
            let group = menu.get(d)?.groups.get(g)?;
            Some(if group.min > 0 {
                format!("{}, required", group.rule(Lang::En))
            } else {
                group.rule(Lang::En)
            })
        })
    };
    let number = move |set: fn(&mut ModifierGroup, u32)| {
        move |event: leptos::ev::Event| {
            if let Ok(value) = event_target_value(&event).trim().parse::<u32>() {
                draft.edit(|menu| set(&mut menu[d].groups[g], value));
            }
        }
    };
    let add_choice = move |_| {
        draft.reshape(|menu| {
            menu[d].groups[g].choices.push(Choice {
                id: String::new(),
                name: String::new(),
                available: true,
            })
        })
    };
    Either::Right(view! {
        <li class="menu-group">
            <div class="menu-row">
                <label class="menu-name">
                    "Group"
                    <input value=group.name.clone() required maxlength="60" placeholder="Milk"
                        on:change=move |event| {
                            let name = event_target_value(&event);
                            draft.edit(|menu| menu[d].groups[g].name = name);
                        }/>
                </label>
                <label class="menu-number">
                    "At least"
                    <input type="number" min="0" max="99" value=group.min.to_string() on:input=number(|group, n| group.min = n)/>
                </label>
                <label class="menu-number">
                    "At most"
                    <input type="number" min="1" max="99" value=group.max.to_string() on:input=number(|group, n| group.max = n)/>
                </label>
                <span class="rule">{rule}</span>
                <Reorder label=label.clone() at=g count draft
                    moved=move |menu, a, b| menu[d].groups.swap(a, b)
                    removed=move |menu, at| { menu[d].groups.remove(at); }/>
            </div>
            <ul class="menu-choices">
                {(0..choices).map(|c| view! { <ChoiceFields draft d g c count=choices/> }).collect_view()}
            </ul>
            <button class="button small secondary" type="button" on:click=add_choice>
                {format!("Add a choice to {label}")}
            </button>
        </li>
    })
}

#[component]
fn ChoiceFields(draft: Draft, d: usize, g: usize, c: usize, count: usize) -> impl IntoView {
    let Some(choice) = draft.read(|menu| menu.get(d)?.groups.get(g)?.choices.get(c).cloned())
    else {
        return Either::Left(());
    };
    let id = StoredValue::new(choice.id.clone());
    let current = move || draft.read(|menu| menu.get(d)?.groups.get(g)?.choices.get(c).cloned());
    let label = format!("choice {} of group {} of drink {}", c + 1, g + 1, d + 1);
    let stock = draft
        .stock
        .with_untracked(|stock| left(stock.choices.get(&choice.id).copied()));
    // One ingredient, one name and one flag: a change reaches its every place.
    let change = move |set: Box<dyn Fn(&mut Choice)>| {
        draft.edit(|menu| match id.get_value() {
            id if !id.is_empty() => change_choice(menu, &id, set),
            _ => set(&mut menu[d].groups[g].choices[c]),
        })
    };
    Either::Right(view! {
        <li class="menu-row menu-choice">
            <label class="menu-name">
                "Choice"
                <input required maxlength="60" placeholder="Oat milk"
                    prop:value=move || current().map(|choice| choice.name).unwrap_or_default()
                    on:change=move |event| {
                        let name = event_target_value(&event);
                        change(Box::new(move |choice| choice.name = name.clone()));
                    }/>
            </label>
            <label class="check">
                <input type="checkbox"
                    prop:checked=move || current().is_some_and(|choice| choice.available)
                    on:change=move |event| {
                        let on = event_target_checked(&event);
                        draft.touch(format!("choice:{}", id.get_value()));
                        change(Box::new(move |choice| choice.available = on));
                    }/>
                "Available"
            </label>
            {stock.map(|left| view! { <span class="tag">{left}</span> })}
            <Reorder label at=c count draft
                moved=move |menu, a, b| menu[d].groups[g].choices.swap(a, b)
                removed=move |menu, at| { menu[d].groups[g].choices.remove(at); }/>
        </li>
    })
}
