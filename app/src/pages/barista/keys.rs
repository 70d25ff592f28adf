//! The board by keys alone, as a keyboard or a bump bar drives it: typing an order's
//! number and Enter selects its card; a step's key (M make, D done, H handed over, R
//! recall: each button's `aria-keyshortcuts`) takes that step on the card holding the focus; Escape
//! forgets a number half typed.

use leptos::{ev, prelude::*, wasm_bindgen::JsCast};
use web_sys::{Element, HtmlElement, KeyboardEvent};

use crate::{components::BoardState, i18n, model::OrderState};

/// Listens for the board's keys while the board is shown; returns the number being
/// typed, to show it.
pub fn use_board_keys(state: BoardState) -> ReadSignal<String> {
    let (typed, set_typed) = signal(String::new());
    let t = i18n::staff();
    let handle = window_event_listener(ev::keydown, move |event: KeyboardEvent| {
        if event.ctrl_key() || event.alt_key() || event.meta_key() || in_a_field(&event) {
            return;
        }
        let key = event.key();
        match key.as_str() {
            digit if digit.len() == 1 && digit.as_bytes()[0].is_ascii_digit() => {
                set_typed.update(|typed| {
                    if typed.len() < 6 {
                        typed.push_str(digit);
                    }
                });
            }
            "Backspace" if !typed.get_untracked().is_empty() => {
                set_typed.update(|typed| {
                    typed.pop();
                });
            }
            "Escape" => set_typed.set(String::new()),
            "Enter" if !typed.get_untracked().is_empty() => {
                // Enter picks the card, and presses no button that has the focus.
                event.prevent_default();
                let number = typed.get_untracked().parse::<i32>().ok();
                set_typed.set(String::new());
                match on_board(state, number) {
                    Some(id) => state.selected.set(Some(id)),
                    None => state
                        .notice
                        .set(Some((t.no_such_number)(number.unwrap_or_default()))),
                }
            }
            step if step.len() == 1 => {
                let shortcut = step.to_ascii_uppercase();
                if let Some(button) = focused_card_button(&shortcut) {
                    event.prevent_default();
                    button.click();
                }
            }
            _ => {}
        }
    });
    on_cleanup(move || handle.remove());
    typed
}

/// Whether the key goes to a text field (a cancel reason, a stock count).
fn in_a_field(event: &KeyboardEvent) -> bool {
    event
        .target()
        .and_then(|target| target.dyn_into::<Element>().ok())
        .is_some_and(|element| {
            matches!(element.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
        })
}

/// The order with `number` that the board shows.
fn on_board(state: BoardState, number: Option<i32>) -> Option<crate::model::OrderId> {
    let number = number?;
    state.orders.with_untracked(|orders| {
        orders
            .iter()
            .find(|order| {
                order.number == Some(number)
                    && matches!(
                        order.state,
                        OrderState::Queued | OrderState::Making | OrderState::Ready
                    )
            })
            .map(|order| order.id)
    })
}

/// The button for `shortcut` on the card that holds the focus.
fn focused_card_button(shortcut: &str) -> Option<HtmlElement> {
    document()
        .active_element()?
        .closest(".card")
        .ok()??
        .query_selector(&format!("button[aria-keyshortcuts=\"{shortcut}\"]"))
        .ok()??
        .dyn_into::<HtmlElement>()
        .ok()
}
