//! English.

use super::texts::{Common, Customer, Server, Staff};
use crate::model::{Canceller, Change, OrderState, StaffApp, TimeoutCause};

pub const COMMON: Common = Common {
    loading: "Loading…",
    open: "Open",
    closed: "Closed",
    offline: "You're offline. Pages show what they last knew and catch up when you're back.",
    reconnecting_notice: "Reconnecting… This page catches up as soon as it's back.",
    connecting: "Connecting…",
    live: "Live",
    reconnecting: "Reconnecting…",
    error_title: |status| match status {
        404 => "Not found",
        503 => "Back in a moment",
        _ => "Something went wrong",
    },
    see_all_shops: "See all shops",
    no_page: "There is no page at this address.",
    not_found: "Not found",
    signed_in_as: "Signed in as ",
    sign_out: "Sign out",
    keep_it: "Keep it",
    // The server writes its errors in English.
    error: |_| None,
};

pub const CUSTOMER: Customer = Customer {
    ended: "This event has ended. Thank you for coming!",
    closed_lead: "The booth is closed right now. Come back soon!",
    scanned_lead: "Sign in with your e-mail address and choose your drink: it's free.",
    welcome_lead: "Free coffee, made for you. Scan the code on the booth screen to order.",
    scan_to_order: "Scan the QR code on the booth screen to order your drink.",
    typical_wait: |seconds| match seconds {
        0..60 => "Typical wait right now: under a minute.".to_owned(),
        _ => format!("Typical wait right now: about {} min.", (seconds + 30) / 60),
    },
    your_orders: "Your orders",
    new_order: "New order",
    see_menu: "See the menu",
    sold_out: "Sold out",
    state: |state| match state {
        OrderState::AwaitingDrink => "Choosing",
        OrderState::Queued => "In the queue",
        OrderState::Making => "Being made",
        OrderState::Ready => "Ready for pickup",
        OrderState::Cancelled => "Cancelled",
        OrderState::TimedOut => "Timed out",
    },

    drink_on_us: "Your drink is on us",
    code_starts_order: "This code starts your order; then you choose.",
    start_my_order: "Start my order",
    refusal: |code| match code {
        "shop_closed" => ("The booth is closed", "Come back when it opens again."),
        "shop_archived" => ("This event has ended", "Thank you for coming!"),
        "at_capacity" => (
            "Lots of orders right now",
            "Try the same code again in a few minutes, or scan the booth screen again.",
        ),
        "no_drinks_left" => (
            "This code's drinks are gone",
            "Scan the new code on the booth screen: a fresh one appears every few minutes.",
        ),
        "daily_limit_reached" => ("That's today's coffee", ""),
        "order_in_progress" => ("You already have an order", ""),
        "invalid_token" => (
            "This code has expired",
            "Codes change every few minutes. Scan the one on the booth screen now.",
        ),
        _ => (
            "That didn't work",
            "Please scan the code on the booth screen again.",
        ),
    },
    back_to: |name| format!("Back to {name}"),
    go_to_order: |number| match number {
        Some(number) => format!("Go to your order #{number}"),
        None => "Go to your order".to_owned(),
    },

    choose_title: "Choose your drink",
    check_title: "Check your order",
    drinks: "Drinks",
    choose_drink_first: "Choose a drink first.",
    review: "Review my order",
    order: "Order",
    ordering: "Ordering…",
    change: "Change",
    none: "None",
    required: "Required",
    rule: |min, max| match (min, max) {
        (min, max) if min == max => format!("choose {min}"),
        (0, max) => format!("up to {max}"),
        (min, max) => format!("choose {min} to {max}"),
    },
    time_left: "Time left to choose: ",
    until: |clock| format!("until {clock}"),
    times_up: "time's up",
    left: |seconds| format!("{}:{:02} left", seconds / 60, seconds % 60),

    queued_title: "In the queue",
    queued_text: |number| format!("You're in the queue. Look for {number} on the booth screen."),
    making_title: "Being made",
    making_text: |drink| format!("A barista is making your {drink} right now."),
    ready_title: "Ready for pickup!",
    ready_text: |drink, number| {
        format!("Your {drink} is waiting on the counter. Show {number} to the barista.")
    },
    notify_me: "Tell me when it's ready",
    notify_on: "Your phone will tell you when it's ready.",
    mail_me: "E-mail me when it's ready",
    see_path: "See its path through the workflow",
    mail_on: "We'll e-mail you when it's ready.",
    your_name: "Your name (optional)",
    your_name_hint: "The barista calls it out when your drink is ready.",
    queue_place,
    picked_up_title: "Enjoy!",
    picked_up_text: |drink| format!("Your {drink} was handed over. Thanks for stopping by."),
    cancelled_title: "Cancelled",
    too_late_title: "Time ran out",
    too_late_text: "You took too long to choose, so the order was let go. Scan the code on the \
        booth screen to start again.",
    missed_title: "Sorry, we missed it",
    missed_text: "Your drink wasn't made in time. Please come to the booth: we'll sort it out.",
    a_drink: "drink",
    cancel_question: "Cancel this order?",
    yes_cancel: "Yes, cancel it",
    cancel_order: "Cancel order",
    all_orders: "All your orders",

    your_order: "Your order",
    drink: "Drink",
    number: "Number",
    ordered: "Ordered",
    ready: "Ready",
    status: "Status",
    not_chosen: "Not chosen yet",
    number_later: "Given once you choose",
    journey: "Journey",
    event,

    sign_in_title: "Sign in to order",
    no_password: "No password: we e-mail you a code.",
    email_label: "Your e-mail address",
    send_code: "Send me a code",
    code_sent: ("We sent a 6-digit code to ", "."),
    code: "Code",
    sign_in: "Sign in",
    another_address: "Use another address, or get a new code",
    erase_question: "Delete your e-mail address from Crema and sign out? Past orders stay, \
        without your address.",
    delete_my_data: "Delete my data",
};

/// Where a queued order stands, by its place (1 = next) and the seconds until ready.
fn queue_place(position: u32, eta_s: u32) -> String {
    let minutes = eta_s.div_ceil(60).max(1);
    match position {
        0 | 1 => format!("You're next: about {minutes} min."),
        _ => format!("{} ahead of you: about {minutes} min.", position - 1),
    }
}

/// An order's event as a sentence (the server's too: `Change::message`).
fn event(change: &Change) -> Option<String> {
    Some(match change {
        Change::OrderCreated(e) => format!(
            "The order was started at {}; the customer has {} minutes to choose a drink.",
            e.shop_name,
            e.choose_s.div_ceil(60)
        ),
        Change::OrderQueued(e) => format!(
            "{} ordered: number {} is in the queue.",
            e.drink_name,
            e.order.number.unwrap_or_default()
        ),
        Change::OrderClaimed(e) => {
            format!("{} started making {}.", e.actor.label(), e.order.label())
        }
        Change::OrderReleased(e) => format!(
            "{} put {} back in the queue.",
            e.actor.label(),
            e.order.label()
        ),
        Change::OrderReady(e) => {
            format!("{} is ready: pick it up at the counter.", e.order.label())
        }
        Change::OrderRecalled(e) => format!(
            "{} took {} back to finish it.",
            e.actor.label(),
            e.order.label()
        ),
        Change::OrderPosition(e) => queue_place(e.queue_position, e.eta_s),
        Change::OrderPickedUp(e) => {
            format!(
                "{} handed {} over. Enjoy!",
                e.actor.label(),
                e.order.label()
            )
        }
        Change::OrderCancelled(e) => match e.by {
            Canceller::Customer => format!("The customer cancelled {}.", in_sentence(&e.order)),
            Canceller::Staff => format!(
                "The baristas cancelled {}: {}.",
                in_sentence(&e.order),
                e.order.cancel_reason.as_deref().unwrap_or_default()
            ),
        },
        Change::OrderTimedOut(e) => match (e.cause, e.order.number) {
            (TimeoutCause::CustomerTimeout, _) => "No drink was chosen in time, so the order \
                was closed. Scan the code again to start over."
                .to_owned(),
            (TimeoutCause::BaristaTimeout, Some(number)) => {
                format!("Sorry: the baristas could not make #{number} in time, so it was closed.")
            }
            (TimeoutCause::BaristaTimeout, None) => "Sorry: the baristas could not make this \
                order in time, so it was closed."
                .to_owned(),
        },
        _ => return None,
    })
}

pub const STAFF: Staff = Staff {
    sign_in_title: |app| match app {
        StaffApp::Barista => "Barista sign-in",
        StaffApp::Display => "Booth screen sign-in",
        StaffApp::Admin => "Console sign-in",
    },
    username: "Username",
    password: "Password",
    sign_in: "Sign in",
    not_for_account: "Not for this account",
    pair_this_screen: "Pair this screen",
    pairing_intro: "No password on this screen: it shows a code, and an admin pairs it from \
        the console.",
    pairing_enter: "In the console, under Screens, enter this code, or scan it:",
    pairing_waiting: |minutes| {
        format!("Waiting to be paired. The code works for {minutes} minutes.")
    },

    board_title: "Barista board",
    board_tab: |shop| format!("Barista · {shop}"),
    shop_controls: "Shop",
    event_ended: "The event has ended",
    close_shop: "Close the shop",
    open_shop: "Open the shop",
    of: |count, capacity| format!("{count} of {capacity}"),
    in_progress: " orders in progress",
    left_on_code: " drinks left on this code",
    sound_on: "🔔 Sound on",
    sound_off: "🔕 Sound off",
    ok: "OK",
    new: "New",
    making: "Making",
    ready: "Ready",
    typed: |digits| format!("Order #{digits} — Enter to select"),
    keys_help: [
        "Keys: an order's number then ",
        " selects it · ",
        " make · ",
        " done · ",
        " handed over · ",
        " recall · ",
        " clears the number",
    ],
    no_such_number: |number| format!("No order #{number} on the board."),
    has_it: |name| format!("{name} has it"),
    another_barista: "another barista",
    make: "Make",
    done: "Done",
    release: "Release",
    recall: "Recall",
    handed_over: "Handed over",
    all_day: "All day",
    walk_up: "Walk-up order",
    walk_up_drink: "Drink",
    walk_up_pick: "Choose a drink",
    walk_up_name: "Name to call out (optional)",
    robot: "Robot",
    walk_up_add: "Add to the queue",
    walk_up_added: |number| format!("{number} is in the queue."),
    cancel_step: "Cancel…",
    cancel_why: "Why? (the customer sees this)",
    cancel_number: |number| format!("Cancel {number}"),

    stock: "Stock ",
    stock_summary: |out, low| match (out, low) {
        (0, 0) => "all in stock".to_owned(),
        (out, 0) => format!("{out} sold out"),
        (0, low) => format!("{low} low"),
        (out, low) => format!("{out} sold out · {low} low"),
    },
    drinks: "Drinks",
    extras: "Milk and extras",
    stock_state: |available, remaining| match (available, remaining) {
        (false, _) => "Sold out".to_owned(),
        (true, Some(0)) => "Sold out: none left".to_owned(),
        (true, Some(left)) => format!("{left} left"),
        (true, None) => "In stock".to_owned(),
    },
    bad_count: |name| format!("{name}: a count is a whole number, 0 or more."),
    portions_left: |name| format!("{name}: portions left"),
    mark_sold_out: |name| format!("Mark {name} sold out"),
    put_back: |name| format!("Put {name} back in"),
    sold_out: "Sold out",
    back_in: "Back in",
    count: "count",
    set: "Set",
    dont_count: "Don't count",
    dont_count_label: |name| format!("Don't count {name}"),

    screen_title: "Booth screen",
    screen_tab: |shop| format!("Display · {shop}"),
    dark_screen: "Dark screen",
    light_screen: "Light screen",
    thank_you: "Thank you for coming!",
    were_closed: "We're closed",
    come_back: "Come back soon for a free coffee.",
    qr_label: "QR code to order",
    scan_caption: "Scan to order your free coffee",
    drinks_left: |count| {
        if count == 1 {
            " drink left on this code"
        } else {
            " drinks left on this code"
        }
    },
    new_code_in: |seconds| format!("New code in {seconds} s"),
    about_to_change: "This code is about to change.",
    drinks_gone: "This code's drinks are gone.",
    preparing: "Preparing",
    more: |count| format!("+{count} more"),
};

/// A shop's event as a sentence, for the API's `message`.
fn shop_event(change: &Change) -> Option<String> {
    Some(match change {
        Change::ShopOpened(e) => format!(
            "{} opened {}: orders are welcome.",
            e.actor.label(),
            e.shop_name
        ),
        Change::ShopClosed(e) => format!(
            "{} closed {}: no new orders for now.",
            e.actor.label(),
            e.shop_name
        ),
        Change::ShopUpdated(e) => {
            let what = if e.menu.is_some() { "menu" } else { "settings" };
            format!("{} changed the {what} of {}.", e.actor.label(), e.name)
        }
        Change::ShopArchived(e) if e.archived => format!(
            "{} archived {}: its event has ended.",
            e.actor.label(),
            e.shop_name
        ),
        Change::ShopArchived(e) => format!(
            "{} brought {} back from the archive.",
            e.actor.label(),
            e.shop_name
        ),
        Change::QrRedeemed(e) => format!(
            "Someone scanned the booth's code: {} drinks left on it.",
            e.remaining
        ),
        Change::StockChanged(e) => {
            let items = super::stock_items(&e.stock, |left| match left {
                None => "sold out".to_owned(),
                Some(Some(left)) => format!("{left} left"),
                Some(None) => "available".to_owned(),
            });
            format!("Stock: {items}.")
        }
        _ => return None,
    })
}

pub const SERVER: Server = Server {
    shop_event,
    code_subject: |code| format!("Your Crema code: {code}"),
    code_body: |code, minutes| {
        format!(
            "Your code to sign in to Crema is {code}.\n\nIt works once, for {minutes} minutes. \
             If you did not ask for it, ignore this message."
        )
    },
    ready_subject: |label| format!("Your drink {label} is ready"),
    ready_body: |label, shop| {
        format!(
            "Your drink {label} is ready at {shop}. Show this number at the counter to \
             pick it up.\n\nYou asked for this message when you ordered; it is the only one."
        )
    },
};

/// How a sentence names the order after its start: "#12", or "the order" before it has a
/// number.
fn in_sentence(order: &crate::model::Order) -> String {
    order
        .number
        .map_or_else(|| "the order".to_owned(), |n| format!("#{n}"))
}
