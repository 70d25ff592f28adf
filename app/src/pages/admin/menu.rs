//! The menu editor: a shop's drinks, their groups ("choose 1", "up to 2"), their
//! choices; add, rename, reorder, remove; another shop's menu copied in; beside it, the
//! menu as a phone shows it. Nothing changes until it is saved: the server checks the
//! menu, and open customer menus follow at once.
//!
//! The fields are drawn again only when the menu's shape changes (an item added, moved or
//! removed); typing changes the draft, which the preview follows.

use std::collections::HashSet;

use leptos::{either::Either, prelude::*};

use super::{Shops, send};
use crate::{
    api::admin::{get_menu, save_menu},
    error::AppError,
    model::{
        Choice, Drink, Menu, MenuEditing, ModifierGroup, Stock, StockItem, assign_ids,
        change_choice, keep_counter_flags, place,
    },
    pages::order::options::DrinkOption,
};

/// The editor's state, shared by its pieces.
#[derive(Clone, Copy)]
struct Draft {
    menu: RwSignal<Option<Menu>>,
    /// Counts the changes of shape: the fields are drawn again on each.
    shape: RwSignal<u32>,
    stock: RwSignal<Stock>,
    /// Whether the draft differs from what was saved.
    changed: RwSignal<bool>,
    /// The flags the admin set in this draft (`drink:{id}`, `choice:{id}`): the others
    /// follow the counter when saved.
    touched: StoredValue<HashSet<String>>,
}

impl Draft {
    /// A change that keeps the menu's shape, like a new name.
    fn edit(self, change: impl FnOnce(&mut Menu)) {
        self.menu.update(|menu| {
            if let Some(menu) = menu {
                change(menu);
            }
        });
        self.changed.set(true);
    }

    /// A change of shape: an item added, moved or removed.
    fn reshape(self, change: impl FnOnce(&mut Menu)) {
        self.edit(change);
        self.shape.update(|n| *n += 1);
    }

    /// The admin set the flag of `item` (`drink:{id}`, `choice:{id}`).
    fn touch(self, item: String) {
        self.touched.update_value(|touched| {
            touched.insert(item);
        });
    }

    fn replace(self, menu: Menu, changed: bool) {
        self.touched.update_value(HashSet::clear);
        self.menu.set(Some(menu));
        self.shape.update(|n| *n += 1);
        self.changed.set(changed);
    }

    /// A value of the draft, if the item is still there.
    fn read<T>(self, read: impl Fn(&Menu) -> Option<T>) -> Option<T> {
        self.menu.with(|menu| menu.as_ref().and_then(read))
    }
}

#[component]
pub fn MenuEditor(shops: Shops, slug: String) -> impl IntoView {
    let draft = Draft {
        menu: RwSignal::new(None),
        shape: RwSignal::new(0),
        stock: RwSignal::new(Stock::default()),
        changed: RwSignal::new(false),
        touched: StoredValue::new(HashSet::new()),
    };
    let error = RwSignal::new(None::<AppError>);
    let notice = RwSignal::new(None::<&'static str>);
    let busy = RwSignal::new(false);
    let slug = StoredValue::new(slug);
    // Read from the server: this shop's menu, or another's to copy.
    let load = move |from: String, copied: bool| {
        let own = from == slug.get_value();
        send(
            busy,
            error,
            get_menu(from),
            move |MenuEditing { menu, stock }| {
                if own {
                    draft.stock.set(stock);
                }
                draft.replace(menu, copied);
                notice.set(copied.then_some("Copied. Save to use it here."));
            },
        );
    };
    let on_toggle = move |event: leptos::ev::Event| {
        let details: web_sys::Element = event_target(&event);
        if details.has_attribute("open") && draft.menu.with_untracked(Option::is_none) {
            load(slug.get_value(), false);
        }
    };
    // The counter may have marked items since the editor opened: what the admin left
    // alone takes the counter's flags as they are now.
    let save = move |_| {
        let Some(mut menu) = draft.menu.get_untracked() else {
            return;
        };
        let slug = slug.get_value();
        let touched = draft.touched.get_value();
        let saving = async move {
            let now = get_menu(slug.clone()).await?;
            keep_counter_flags(&mut menu, &now.stock, &touched);
            assign_ids(&mut menu, &now.stock);
            let shop = save_menu(slug, menu.clone()).await?;
            Ok((shop, menu, now.stock))
        };
        send(busy, error, saving, move |(shop, menu, stock)| {
            shops.changed(shop);
            draft.stock.set(stock);
            draft.replace(menu, false);
            notice.set(Some("Saved: open menus show it now."));
        });
    };
    let others = move || {
        shops.list.with(|list| {
            list.iter()
                .filter(|s| s.shop.slug != slug.get_value() && !s.shop.menu.is_empty())
                .map(|s| (s.shop.slug.clone(), s.shop.name.clone()))
                .collect::<Vec<_>>()
        })
    };
    let copy_from = RwSignal::new(String::new());
    let loaded = Memo::new(move |_| draft.menu.with(Option::is_some));
    let refusal = move || {
        error.with(|error| {
            error.as_ref().map(|error| {
                let at = error
                    .field
                    .as_deref()
                    .and_then(|field| draft.read(|menu| place(menu, field)));
                match at {
                    // "Latte › Milk: min ≤ max…", not "Latte › Milk: Milk: min ≤ max…".
                    Some(at) => {
                        let named = at.rsplit(" › ").next().map(|name| format!("{name}: "));
                        let message = named
                            .and_then(|named| error.message.strip_prefix(&named))
                            .unwrap_or(&error.message);
                        format!("{at}: {message}")
                    }
                    None => error.message.clone(),
                }
            })
        })
    };
    view! {
        <details class="menu-editor" on:toggle=on_toggle>
            <summary>"Menu"</summary>
            {move || match loaded.get() {
                false => Either::Left(view! { <p class="muted" role="status">"Loading the menu…"</p> }),
                true => Either::Right(view! {
                    <div class="menu-editor-body">
                        // Nothing changes while a read or a save is on its way.
                        <fieldset class="menu-fields" disabled=move || busy.get()>
                            <legend class="visually-hidden">"The menu's drinks"</legend>
                            <Drinks draft/>
                            <div class="menu-copy">
                                <label>
                                    "Copy the menu of"
                                    <select on:change=move |event| copy_from.set(event_target_value(&event))>
                                        <option value="">"another shop…"</option>
                                        {move || others()
                                            .into_iter()
                                            .map(|(slug, name)| view! { <option value=slug>{name}</option> })
                                            .collect_view()}
                                    </select>
                                </label>
                                <button
                                    class="button small secondary"
                                    type="button"
                                    disabled=move || busy.get() || copy_from.with(String::is_empty)
                                    on:click=move |_| load(copy_from.get_untracked(), true)
                                >
                                    "Copy"
                                </button>
                            </div>
                            <p class="form-error" role="alert" hidden=move || error.with(Option::is_none)>{refusal}</p>
                            <div class="menu-save">
                                <button class="button" type="button" disabled=move || busy.get() || !draft.changed.get() on:click=save>
                                    "Save the menu"
                                </button>
                                <button
                                    class="button secondary"
                                    type="button"
                                    disabled=move || busy.get() || !draft.changed.get()
                                    on:click=move |_| load(slug.get_value(), false)
                                >
                                    "Undo changes"
                                </button>
                                <span class="muted" role="status">{move || notice.get()}</span>
                            </div>
                        </fieldset>
                        <Preview draft/>
                    </div>
                }),
            }}
        </details>
    }
}

/// The drinks' fields, drawn again when the menu's shape changes.
#[component]
fn Drinks(draft: Draft) -> impl IntoView {
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
                format!("{}, required", group.rule())
            } else {
                group.rule()
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

/// The draft as a phone shows it, to try: the customer's own drink cards.
#[component]
fn Preview(draft: Draft) -> impl IntoView {
    view! {
        <aside class="menu-preview" aria-label="The menu as a phone shows it">
            <p class="muted">"On a phone"</p>
            <form class="phone-frame" on:submit=|event| event.prevent_default()>
                {move || draft.menu.get().map(|menu| {
                    let drink = RwSignal::new(None::<String>);
                    let picked = RwSignal::new(Vec::<String>::new());
                    let checked = RwSignal::new(false);
                    view! {
                        <fieldset class="drinks">
                            <legend class="visually-hidden">"Drinks"</legend>
                            {menu
                                .into_iter()
                                .map(|option| view! { <DrinkOption option drink picked checked/> })
                                .collect_view()}
                        </fieldset>
                    }
                })}
            </form>
        </aside>
    }
}
