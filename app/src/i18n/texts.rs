//! The tables every language fills: one field per thing Crema writes.

use crate::model::{Change, OrderState, StaffApp};

/// Words every app shows.
pub struct Common {
    pub loading: &'static str,
    pub open: &'static str,
    pub closed: &'static str,
    pub offline: &'static str,
    pub reconnecting_notice: &'static str,
    pub connecting: &'static str,
    pub live: &'static str,
    pub reconnecting: &'static str,
    /// An error panel's heading, by the error's HTTP status.
    pub error_title: fn(u16) -> &'static str,
    pub see_all_shops: &'static str,
    pub no_page: &'static str,
    pub not_found: &'static str,
    pub signed_in_as: &'static str,
    pub sign_out: &'static str,
    pub keep_it: &'static str,
    /// An error's sentence by its code; `None` keeps the server's (English) sentence.
    pub error: fn(&str) -> Option<&'static str>,
}

/// The customer app's words.
pub struct Customer {
    pub ended: &'static str,
    pub closed_lead: &'static str,
    pub scanned_lead: &'static str,
    pub welcome_lead: &'static str,
    pub scan_to_order: &'static str,
    /// "Typical wait right now: about 4 min."
    pub typical_wait: fn(u32) -> String,
    pub your_orders: &'static str,
    pub new_order: &'static str,
    pub see_menu: &'static str,
    pub sold_out: &'static str,
    pub state: fn(OrderState) -> &'static str,

    pub drink_on_us: &'static str,
    pub code_starts_order: &'static str,
    pub start_my_order: &'static str,
    /// Why a code did not start an order, by the refusal's code: a heading and a hint.
    pub refusal: fn(&str) -> (&'static str, &'static str),
    pub back_to: fn(&str) -> String,
    pub go_to_order: fn(Option<i32>) -> String,

    pub choose_title: &'static str,
    pub check_title: &'static str,
    pub drinks: &'static str,
    pub choose_drink_first: &'static str,
    pub review: &'static str,
    pub order: &'static str,
    pub ordering: &'static str,
    pub change: &'static str,
    pub none: &'static str,
    pub required: &'static str,
    /// A group's rule from its least and most choices: "choose 1", "up to 2".
    pub rule: fn(u32, u32) -> String,
    pub time_left: &'static str,
    /// The deadline before the page is live: "until 14:05 UTC".
    pub until: fn(&str) -> String,
    pub times_up: &'static str,
    /// Seconds left: "4:05 left".
    pub left: fn(u64) -> String,

    pub queued_title: &'static str,
    /// Where to look, by the order's number ("#12").
    pub queued_text: fn(&str) -> String,
    pub making_title: &'static str,
    /// By the drink's name.
    pub making_text: fn(&str) -> String,
    pub ready_title: &'static str,
    /// By the drink's name and the order's number.
    pub ready_text: fn(&str, &str) -> String,
    /// The offer of a notification when the drink is ready, and once it was allowed.
    pub notify_me: &'static str,
    pub notify_on: &'static str,
    /// The offer of a mail when the drink is ready, and what it says once asked.
    pub mail_me: &'static str,
    pub mail_on: &'static str,
    /// The receipt's link to the order's path through the workflow.
    pub see_path: &'static str,
    /// The optional name field on the order, and what it is for.
    pub your_name: &'static str,
    pub your_name_hint: &'static str,
    /// Where a queued order stands: by its place (1 = next) and the seconds until ready.
    pub queue_place: fn(u32, u32) -> String,
    pub picked_up_title: &'static str,
    /// By the drink's name.
    pub picked_up_text: fn(&str) -> String,
    pub cancelled_title: &'static str,
    pub too_late_title: &'static str,
    pub too_late_text: &'static str,
    pub missed_title: &'static str,
    pub missed_text: &'static str,
    pub a_drink: &'static str,
    pub cancel_question: &'static str,
    pub yes_cancel: &'static str,
    pub cancel_order: &'static str,
    pub all_orders: &'static str,

    pub your_order: &'static str,
    pub drink: &'static str,
    pub number: &'static str,
    pub ordered: &'static str,
    pub ready: &'static str,
    pub status: &'static str,
    pub not_chosen: &'static str,
    pub number_later: &'static str,
    pub journey: &'static str,
    /// An order's event as a sentence, from the event itself (`None`: not an order's).
    pub event: fn(&Change) -> Option<String>,

    pub sign_in_title: &'static str,
    pub no_password: &'static str,
    pub email_label: &'static str,
    pub send_code: &'static str,
    /// Around the address the code went to: "We sent a 6-digit code to " … ".".
    pub code_sent: (&'static str, &'static str),
    pub code: &'static str,
    pub sign_in: &'static str,
    pub another_address: &'static str,
    pub erase_question: &'static str,
    pub delete_my_data: &'static str,
}

/// What only the server writes: a shop's events' sentences (the API's `message`) and
/// the mails.
pub struct Server {
    /// A shop's event as a sentence (`None`: an order's, which is `Customer::event`).
    pub shop_event: fn(&Change) -> Option<String>,
    /// A sign-in code's subject, by the code.
    pub code_subject: fn(&str) -> String,
    /// Its text, by the code and the minutes it works for.
    pub code_body: fn(&str, i32) -> String,
    /// The subject of the mail that says an order is ready, by its label ("#12").
    pub ready_subject: fn(&str) -> String,
    /// Its text, by the label and the shop's name.
    pub ready_body: fn(&str, &str) -> String,
}

/// The staff apps' words: the barista board, the booth screen, signing in and pairing.
pub struct Staff {
    pub sign_in_title: fn(StaffApp) -> &'static str,
    pub username: &'static str,
    pub password: &'static str,
    pub sign_in: &'static str,
    pub not_for_account: &'static str,
    pub pair_this_screen: &'static str,
    pub pairing_intro: &'static str,
    pub pairing_enter: &'static str,
    /// By the minutes a pairing code lasts.
    pub pairing_waiting: fn(i64) -> String,

    pub board_title: &'static str,
    /// The board's tab, by the shop's name.
    pub board_tab: fn(&str) -> String,
    pub shop_controls: &'static str,
    pub event_ended: &'static str,
    pub close_shop: &'static str,
    pub open_shop: &'static str,
    /// "3 of 20", then " orders in progress".
    pub of: fn(usize, u32) -> String,
    pub in_progress: &'static str,
    pub left_on_code: &'static str,
    pub sound_on: &'static str,
    pub sound_off: &'static str,
    pub ok: &'static str,
    pub new: &'static str,
    pub making: &'static str,
    pub ready: &'static str,
    /// "Order #12 — Enter to select", by the digits typed.
    pub typed: fn(&str) -> String,
    /// The keys' help between its keys: before Enter, after Enter, after M, D, R, Esc.
    pub keys_help: [&'static str; 7],
    pub no_such_number: fn(i32) -> String,
    /// Who is making an order, by their name.
    pub has_it: fn(&str) -> String,
    pub another_barista: &'static str,
    pub make: &'static str,
    pub done: &'static str,
    pub release: &'static str,
    pub recall: &'static str,
    pub handed_over: &'static str,
    /// The drinks still to make, alike ones counted together.
    pub all_day: &'static str,
    /// A walk-up visitor's order, taken at the counter.
    pub walk_up: &'static str,
    pub walk_up_drink: &'static str,
    pub walk_up_pick: &'static str,
    pub walk_up_name: &'static str,
    /// The badge on a simulation's robot order.
    pub robot: &'static str,
    pub walk_up_add: &'static str,
    /// By the order's number ("#12").
    pub walk_up_added: fn(&str) -> String,
    pub cancel_step: &'static str,
    pub cancel_why: &'static str,
    /// By the order's number.
    pub cancel_number: fn(&str) -> String,

    pub stock: &'static str,
    /// By how many items are sold out and how many are low.
    pub stock_summary: fn(usize, usize) -> String,
    pub drinks: &'static str,
    pub extras: &'static str,
    /// An item's stock: whether it is available, and the portions left when counted.
    pub stock_state: fn(bool, Option<u32>) -> String,
    pub bad_count: fn(&str) -> String,
    pub portions_left: fn(&str) -> String,
    pub mark_sold_out: fn(&str) -> String,
    pub put_back: fn(&str) -> String,
    pub sold_out: &'static str,
    pub back_in: &'static str,
    pub count: &'static str,
    pub set: &'static str,
    pub dont_count: &'static str,
    pub dont_count_label: fn(&str) -> String,

    pub screen_title: &'static str,
    /// The screen's tab, by the shop's name.
    pub screen_tab: fn(&str) -> String,
    pub dark_screen: &'static str,
    pub light_screen: &'static str,
    pub thank_you: &'static str,
    pub were_closed: &'static str,
    pub come_back: &'static str,
    pub qr_label: &'static str,
    pub scan_caption: &'static str,
    /// After the number of drinks left: " drinks left on this code".
    pub drinks_left: fn(i32) -> &'static str,
    pub new_code_in: fn(u64) -> String,
    pub about_to_change: &'static str,
    pub drinks_gone: &'static str,
    pub preparing: &'static str,
    /// Past the numbers a board shows: "+5 more".
    pub more: fn(usize) -> String,
}
