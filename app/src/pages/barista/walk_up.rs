//! A walk-up order: a visitor without a phone orders at the counter, and the barista
//! enters the drink, its options and the name to call out. It takes its number and
//! shows on the board and the screen like any other.

use leptos::{prelude::*, task::spawn_local};

use crate::{
    api::orders::order_at_counter,
    components::BoardState,
    i18n,
    model::{Drink, MAX_CUSTOMER_NAME},
};

#[component]
pub fn WalkUp(state: BoardState) -> impl IntoView {
    let menu = state.shop.with_value(|shop| shop.menu.clone());
    let drink = RwSignal::new(None::<String>);
    let picked = RwSignal::new(Vec::<String>::new());
    let name = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let said = RwSignal::new(None::<String>);
    let (t, words) = (i18n::staff(), i18n::common());
    let chosen = {
        let menu = menu.clone();
        move || drink.with(|id| menu.iter().find(|d| Some(&d.id) == id.as_ref()).cloned())
    };
    let send = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let Some(drink_id) = drink.get_untracked() else {
            return;
        };
        let slug = state.shop.with_value(|shop| shop.slug.clone());
        busy.set(true);
        spawn_local(async move {
            let given = Some(name.get_untracked()).filter(|name| !name.trim().is_empty());
            match order_at_counter(slug, drink_id, picked.get_untracked(), given).await {
                Ok(order) => {
                    let number = order.number.map(|n| format!("#{n}")).unwrap_or_default();
                    said.set(Some((t.walk_up_added)(&number)));
                    state.upsert(order);
                    drink.set(None);
                    picked.set(Vec::new());
                    name.set(String::new());
                }
                Err(error) => said.set(Some(words.error_text(&error))),
            }
            busy.set(false);
        });
    };
    view! {
        <details class="panel walk-up">
            <summary>{t.walk_up}</summary>
            <form class="walk-up-form" on:submit=send>
                <label>
                    {t.walk_up_drink}
                    <select
                        required
                        on:change=move |event| {
                            let id = event_target_value(&event);
                            drink.set(Some(id).filter(|id| !id.is_empty()));
                            picked.set(Vec::new());
                        }
                        prop:value=move || drink.get().unwrap_or_default()
                    >
                        <option value="">{t.walk_up_pick}</option>
                        {menu
                            .iter()
                            .filter(|drink| drink.available)
                            .map(|drink| view! { <option value=drink.id.clone()>{drink.name.clone()}</option> })
                            .collect_view()}
                    </select>
                </label>
                {move || chosen().map(|drink| view! { <Options drink picked/> })}
                <label>
                    {t.walk_up_name}
                    <input type="text" maxlength=MAX_CUSTOMER_NAME.to_string() bind:value=name/>
                </label>
                <button class="button" type="submit" disabled=move || busy.get() || drink.with(Option::is_none)>
                    {t.walk_up_add}
                </button>
                <p class="muted" role="status">{move || said.get()}</p>
            </form>
        </details>
    }
}

/// The drink's groups, each as radio buttons (one choice) or checkboxes (several).
#[component]
fn Options(drink: Drink, picked: RwSignal<Vec<String>>) -> impl IntoView {
    drink
        .groups
        .into_iter()
        .map(|group| {
            let single = group.max == 1;
            let kind = if single { "radio" } else { "checkbox" };
            let field = format!("walk-up-{}", group.id);
            let siblings: Vec<String> = group.choices.iter().map(|c| c.id.clone()).collect();
            let choices = group
                .choices
                .into_iter()
                .map(|choice| {
                    let id = choice.id.clone();
                    let siblings = siblings.clone();
                    let checked = {
                        let id = id.clone();
                        move || picked.with(|picked| picked.contains(&id))
                    };
                    let toggle = move |_| {
                        picked.update(|picked| {
                            let on = picked.contains(&id);
                            if single {
                                picked.retain(|p| !siblings.contains(p));
                            } else {
                                picked.retain(|p| p != &id);
                            }
                            if !on || single {
                                picked.push(id.clone());
                            }
                        });
                    };
                    view! {
                        <label class="check">
                            <input
                                type=kind
                                name=field.clone()
                                disabled=!choice.available
                                prop:checked=checked
                                on:change=toggle
                            />
                            {choice.name}
                        </label>
                    }
                })
                .collect_view();
            view! {
                <fieldset class="walk-up-group">
                    <legend>{group.name}</legend>
                    {choices}
                </fieldset>
            }
        })
        .collect_view()
}
