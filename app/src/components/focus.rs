//! Where the keyboard's focus goes when a step changes the page.

use leptos::{prelude::*, wasm_bindgen::JsCast};
use web_sys::HtmlElement;

/// Gives the focus to the element `id` once the page has drawn the step's change, unless
/// something already holds the focus: after a step replaced the control that had it (a
/// form that became the next one, an order sent), the focus lands on what changed
/// instead of falling back to the top of the page. (On a page's arrival, `autofocus`
/// does the same.)
pub fn focus_if_lost(id: &'static str) {
    request_animation_frame(move || {
        let document = document();
        let lost = document
            .active_element()
            .is_none_or(|active| active.tag_name() == "BODY");
        if lost
            && let Some(element) = document
                .get_element_by_id(id)
                .and_then(|element| element.dyn_into::<HtmlElement>().ok())
        {
            let _ = element.focus();
        }
    });
}
