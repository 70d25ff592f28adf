//! The counter's stock panel: any drink or choice sold out or back in one tap, and a count
//! of portions that runs down as orders queue ("Oat milk: 24 left"), live.

use leptos::{prelude::*, task::spawn_local};

use crate::{
    api::stock::change_stock,
    components::BoardState,
    i18n,
    model::{StockChange, StockItem, StockItems, StockPatch},
};

/// Whether an item is a drink or a choice: which map of the stock holds it.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Drink,
    Choice,
}

impl Kind {
    fn items(self, stock: &crate::model::Stock) -> &StockItems {
        match self {
            Self::Drink => &stock.drinks,
            Self::Choice => &stock.choices,
        }
    }

    fn patch(self, id: String, change: StockChange) -> StockPatch {
        let mut patch = StockPatch::default();
        match self {
            Self::Drink => patch.drinks.insert(id, change),
            Self::Choice => patch.choices.insert(id, change),
        };
        patch
    }
}

/// The panel, folded under a summary of what is sold out and what is low.
#[component]
pub fn StockPanel(state: BoardState) -> impl IntoView {
    let (drinks, choices) = state.shop.with_value(|shop| {
        let drinks: Vec<(String, String)> = shop
            .menu
            .iter()
            .map(|drink| {
                let icon = drink.icon.clone().unwrap_or_default();
                (
                    drink.id.clone(),
                    format!("{icon} {}", drink.name).trim().to_owned(),
                )
            })
            .collect();
        let mut choices: Vec<(String, String)> = Vec::new();
        for choice in shop
            .menu
            .iter()
            .flat_map(|d| &d.groups)
            .flat_map(|g| &g.choices)
        {
            if !choices.iter().any(|(id, _)| *id == choice.id) {
                choices.push((choice.id.clone(), choice.name.clone()));
            }
        }
        (drinks, choices)
    });
    let counts = Memo::new(move |_| {
        state.stock.with(|stock| {
            let items = || stock.drinks.values().chain(stock.choices.values());
            let out = items().filter(|item| !item.orderable()).count();
            (out, items().filter(|item| item.is_low()).count())
        })
    });
    let t = i18n::staff();
    let summary = move || {
        let (out, low) = counts.get();
        (t.stock_summary)(out, low)
    };
    let alert = move || counts.get() != (0, 0);
    view! {
        <details class="panel stock-panel">
            <summary>
                {t.stock} <span class="stock-summary" class:alert=alert>{summary}</span>
            </summary>
            <div class="stock-lists">
                <StockList state kind=Kind::Drink title=t.drinks items=drinks/>
                <StockList state kind=Kind::Choice title=t.extras items=choices/>
            </div>
        </details>
    }
}

#[component]
fn StockList(
    state: BoardState,
    kind: Kind,
    title: &'static str,
    items: Vec<(String, String)>,
) -> impl IntoView {
    view! {
        <section class="stock-list">
            <h2>{title}</h2>
            <ul>
                {items
                    .into_iter()
                    .map(|(id, name)| view! { <StockRow state kind id name/> })
                    .collect_view()}
            </ul>
        </section>
    }
}

#[component]
fn StockRow(state: BoardState, kind: Kind, id: String, name: String) -> impl IntoView {
    let item = {
        let id = id.clone();
        Memo::new(move |_| {
            state.stock.with(|stock| {
                kind.items(stock).get(&id).copied().unwrap_or(StockItem {
                    available: true,
                    remaining: None,
                })
            })
        })
    };
    let busy = RwSignal::new(false);
    let (t, words) = (i18n::staff(), i18n::common());
    let send = {
        let id = id.clone();
        move |change: StockChange| {
            let slug = state.shop.with_value(|shop| shop.slug.clone());
            let patch = kind.patch(id.clone(), change);
            busy.set(true);
            spawn_local(async move {
                match change_stock(slug, patch).await {
                    Ok(stock) => state.stock.set(stock),
                    Err(error) => state.notice.set(Some(words.error_text(&error))),
                }
                busy.set(false);
            });
        }
    };
    let toggle = {
        let send = send.clone();
        move |_| {
            send(StockChange {
                available: Some(!item.get_untracked().available),
                remaining: None,
            })
        }
    };
    let count = RwSignal::new(String::new());
    let set_count = {
        let send = send.clone();
        let name = name.clone();
        move |event: leptos::ev::SubmitEvent| {
            event.prevent_default();
            match count.get_untracked().trim().parse::<i64>() {
                Ok(left) if left >= 0 => {
                    count.set(String::new());
                    send(StockChange {
                        available: None,
                        remaining: Some(Some(left)),
                    });
                }
                _ => state.notice.set(Some((t.bad_count)(&name))),
            }
        }
    };
    let stop_counting = move |_| {
        send(StockChange {
            available: None,
            remaining: Some(None),
        })
    };
    let status = move || {
        let item = item.get();
        (t.stock_state)(item.available, item.remaining)
    };
    let label = (t.portions_left)(&name);
    let toggle_label = {
        let name = name.clone();
        move || {
            if item.get().available {
                (t.mark_sold_out)(&name)
            } else {
                (t.put_back)(&name)
            }
        }
    };
    view! {
        <li
            class="stock-row"
            class:sold-out=move || !item.get().orderable()
            class:low=move || item.get().is_low()
        >
            <span class="stock-name">{name.clone()}</span>
            <span class="stock-state" role="status">{status}</span>
            <button
                class="button small"
                class:secondary=move || item.get().available
                type="button"
                aria-label=toggle_label
                disabled=move || busy.get()
                on:click=toggle
            >
                {move || if item.get().available { t.sold_out } else { t.back_in }}
            </button>
            <form class="stock-count" on:submit=set_count>
                <input
                    type="number"
                    min="0"
                    inputmode="numeric"
                    aria-label=label
                    placeholder=move || item.get().remaining.map_or_else(|| t.count.to_owned(), |left| left.to_string())
                    prop:value=move || count.get()
                    on:input=move |event| count.set(event_target_value(&event))
                />
                <button class="button small secondary" type="submit" disabled=move || busy.get()>
                    {t.set}
                </button>
            </form>
            <button
                class="button small secondary"
                type="button"
                hidden=move || item.get().remaining.is_none()
                aria-label=(t.dont_count_label)(&name)
                disabled=move || busy.get()
                on:click=stop_counting
            >
                {t.dont_count}
            </button>
        </li>
    }
}
