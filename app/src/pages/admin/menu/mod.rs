//! The menu editor: a shop's drinks, their groups ("choose 1", "up to 2"), their
//! choices; add, rename, reorder, remove; another shop's menu copied in; beside it, the
//! menu as a phone shows it. Nothing changes until it is saved: the server checks the
//! menu, and open customer menus follow at once.
//!
//! The fields are drawn again only when the menu's shape changes (an item added, moved or
//! removed); typing changes the draft, which the preview follows.

mod fields;

use std::collections::HashSet;

use leptos::{either::Either, prelude::*};

use super::{Shops, send};
use crate::{
    api::admin::{get_menu, save_menu},
    error::AppError,
    model::{Menu, MenuEditing, Stock, assign_ids, keep_counter_flags, place},
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
                            <fields::Drinks draft/>
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
