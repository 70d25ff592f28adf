//! Deutsch. Crema duzt: ein Kaffeestand auf einer Konferenz, kein Amt.

use super::texts::{Common, Customer, Server, Staff};
use crate::model::{
    Actor, ActorKind, Canceller, Change, Order, OrderState, StaffApp, TimeoutCause,
};

pub const COMMON: Common = Common {
    loading: "Wird geladen…",
    open: "Geöffnet",
    closed: "Geschlossen",
    offline: "Du bist offline. Die Seiten zeigen, was sie zuletzt wussten, und holen alles \
        nach, sobald du wieder online bist.",
    reconnecting_notice: "Verbindung wird wiederhergestellt… Die Seite holt alles nach, sobald \
        sie wieder da ist.",
    connecting: "Verbinde…",
    live: "Live",
    reconnecting: "Verbinde neu…",
    error_title: |status| match status {
        404 => "Nicht gefunden",
        503 => "Gleich wieder da",
        _ => "Etwas ist schiefgelaufen",
    },
    see_all_shops: "Alle Stände ansehen",
    no_page: "Unter dieser Adresse gibt es keine Seite.",
    not_found: "Nicht gefunden",
    signed_in_as: "Angemeldet als ",
    sign_out: "Abmelden",
    keep_it: "Behalten",
    error: |code| {
        Some(match code {
            "network" => {
                "Crema ist nicht erreichbar. Prüfe deine Verbindung und versuche es noch einmal."
            }
            "unavailable" => {
                "Crema ist kurz nicht erreichbar. Bitte versuche es gleich noch einmal."
            }
            "internal" => "Bei uns ist etwas schiefgelaufen. Bitte versuche es gleich noch einmal.",
            "events_pending" => {
                "Deine Änderung ist gespeichert, aber die Live-Bildschirme wissen noch nichts \
                 davon. Bitte versuche es gleich noch einmal."
            }
            "unauthorized" => "Bitte melde dich zuerst an.",
            "forbidden" | "cross_site" => "Das ist mit diesem Konto nicht erlaubt.",
            "not_found" => "Das gibt es hier nicht.",
            "unknown_shop" => "Diesen Stand gibt es nicht, oder seine Veranstaltung ist vorbei.",
            "rate_limited" => {
                "Zu viele Versuche. Bitte warte einen Moment und versuche es dann \
                noch einmal."
            }
            "too_large" => "Die Anfrage ist zu groß.",
            "malformed" | "method_not_allowed" | "invalid_number" => "Die Anfrage war fehlerhaft.",
            "invalid_email" => {
                "Das sieht nicht nach einer E-Mail-Adresse aus (wie ada@example.org)."
            }
            "no_code" => "Für diese Adresse gibt es keinen gültigen Code. Fordere einen neuen an.",
            "invalid_code" => {
                "Der Code stimmt nicht. Schau in die E-Mail und versuche es noch einmal."
            }
            "code_expired" => "Der Code ist abgelaufen. Fordere einen neuen an.",
            "code_burned" => {
                "Zu viele falsche Versuche: Dieser Code gilt nicht mehr. Fordere \
                einen neuen an."
            }
            "account_disabled" => "Dieses Konto ist gesperrt. Bitte frag am Stand nach.",
            "mail_unavailable" => {
                "Wir konnten dir gerade keine E-Mail schicken. Bitte frag am Stand nach."
            }
            "invalid_credentials" => "Benutzername und Passwort passen zu keinem Konto.",
            "invalid_token" => {
                "Dieser Code ist abgelaufen. Scanne den Code am Bildschirm des \
                Stands noch einmal."
            }
            "shop_closed" => "Der Stand ist gerade geschlossen.",
            "shop_archived" => {
                "Diese Veranstaltung ist vorbei: Es werden keine Bestellungen mehr angenommen."
            }
            "at_capacity" => {
                "Die Baristas haben alle Hände voll zu tun. Bitte versuche es in \
                ein paar Minuten noch einmal."
            }
            "no_drinks_left" => {
                "Die Getränke dieses Codes sind weg. Scanne den neuen Code am \
                Bildschirm des Stands."
            }
            "daily_limit_reached" => {
                "Du hattest deinen Kaffee für heute. Der nächste gehört dir \
                ab Mitternacht."
            }
            "order_in_progress" => "Du hast schon eine Bestellung in Arbeit.",
            "sold_out" => "Leider ist das gerade ausverkauft.",
            "unknown_drink" => "Dieses Getränk steht nicht auf der Karte.",
            "unknown_choice" => "Diese Option gibt es für das Getränk nicht.",
            "duplicate_choice" => "Diese Option ist doppelt gewählt.",
            "invalid_choices" => "Die gewählten Optionen passen nicht zu den Regeln des Getränks.",
            "invalid_state" => "Das geht bei dieser Bestellung jetzt nicht mehr.",
            "no_email" => "Dein Konto hat keine E-Mail-Adresse, an die wir schreiben könnten.",
            "busy" => "Diese Bestellung ändert sich gerade laufend; bitte versuche es noch einmal.",
            "claimed_by_other" => "Diese Bestellung bereitet schon jemand anderes zu.",
            "recall_expired" => {
                "Diese Bestellung ist schon zu lange fertig, um sie \
                zurückzuholen."
            }
            "picked_up" => "Diese Bestellung wurde schon übergeben.",
            "invalid_reason" => "Ein Grund hat höchstens 200 Zeichen.",
            "invalid_name" => "Ein Name hat 1 bis 40 Zeichen, in einer Zeile.",
            "invalid_count" | "unknown_item" => "Diese Angabe zum Vorrat passt nicht.",
            "no_pairing" => "Dieser Bildschirm hat keinen Kopplungscode angefordert.",
            "unknown_pairing_code" => {
                "Kein Bildschirm zeigt diesen Code: Prüfe ihn, oder lass \
                dir am Bildschirm einen neuen geben."
            }
            _ => "Das hat nicht geklappt. Bitte versuche es noch einmal.",
        })
    },
};

pub const CUSTOMER: Customer = Customer {
    ended: "Diese Veranstaltung ist vorbei. Danke, dass du da warst!",
    closed_lead: "Der Stand ist gerade geschlossen. Komm bald wieder!",
    scanned_lead: "Melde dich mit deiner E-Mail-Adresse an und wähle dein Getränk: Es ist \
        gratis.",
    welcome_lead: "Gratiskaffee, für dich gemacht. Scanne zum Bestellen den Code am Bildschirm \
        des Stands.",
    scan_to_order: "Scanne den QR-Code am Bildschirm des Stands, um dein Getränk zu bestellen.",
    typical_wait: |seconds| match seconds {
        0..60 => "Übliche Wartezeit gerade: unter einer Minute.".to_owned(),
        _ => format!(
            "Übliche Wartezeit gerade: etwa {} Min.",
            (seconds + 30) / 60
        ),
    },
    your_orders: "Deine Bestellungen",
    new_order: "Neue Bestellung",
    see_menu: "Zur Karte",
    sold_out: "Ausverkauft",
    state: |state| match state {
        OrderState::AwaitingDrink => "Bei der Auswahl",
        OrderState::Queued => "In der Warteschlange",
        OrderState::Making => "Wird zubereitet",
        OrderState::Ready => "Abholbereit",
        OrderState::Cancelled => "Storniert",
        OrderState::TimedOut => "Abgelaufen",
    },

    drink_on_us: "Dein Getränk geht auf uns",
    code_starts_order: "Dieser Code startet deine Bestellung; dann wählst du.",
    start_my_order: "Bestellung starten",
    refusal: |code| match code {
        "shop_closed" => (
            "Der Stand ist geschlossen",
            "Komm wieder, wenn er wieder öffnet.",
        ),
        "shop_archived" => ("Diese Veranstaltung ist vorbei", "Danke, dass du da warst!"),
        "at_capacity" => (
            "Gerade sehr viele Bestellungen",
            "Versuch denselben Code in ein paar Minuten noch einmal, oder scanne den \
             Bildschirm des Stands erneut.",
        ),
        "no_drinks_left" => (
            "Die Getränke dieses Codes sind weg",
            "Scanne den neuen Code am Bildschirm des Stands: Alle paar Minuten erscheint ein \
             frischer.",
        ),
        "daily_limit_reached" => ("Das war dein Kaffee für heute", ""),
        "order_in_progress" => ("Du hast schon eine Bestellung", ""),
        "invalid_token" => (
            "Dieser Code ist abgelaufen",
            "Die Codes wechseln alle paar Minuten. Scanne jetzt den am Bildschirm des Stands.",
        ),
        _ => (
            "Das hat nicht geklappt",
            "Bitte scanne den Code am Bildschirm des Stands noch einmal.",
        ),
    },
    back_to: |name| format!("Zurück zu {name}"),
    go_to_order: |number| match number {
        Some(number) => format!("Zu deiner Bestellung #{number}"),
        None => "Zu deiner Bestellung".to_owned(),
    },

    choose_title: "Wähle dein Getränk",
    check_title: "Prüfe deine Bestellung",
    drinks: "Getränke",
    choose_drink_first: "Wähle zuerst ein Getränk.",
    review: "Bestellung prüfen",
    order: "Bestellen",
    ordering: "Wird bestellt…",
    change: "Ändern",
    none: "Keine",
    required: "Pflicht",
    rule: |min, max| match (min, max) {
        (min, max) if min == max => format!("wähle {min}"),
        (0, max) => format!("bis zu {max}"),
        (min, max) => format!("wähle {min} bis {max}"),
    },
    time_left: "Zeit zum Wählen: ",
    until: |clock| format!("bis {clock}"),
    times_up: "Zeit abgelaufen",
    left: |seconds| format!("noch {}:{:02}", seconds / 60, seconds % 60),

    queued_title: "In der Warteschlange",
    queued_text: |number| {
        format!("Du bist in der Warteschlange. Achte auf {number} am Bildschirm des Stands.")
    },
    making_title: "Wird zubereitet",
    making_text: |drink| format!("Gerade bereitet ein Barista deinen {drink} zu."),
    ready_title: "Abholbereit!",
    ready_text: |drink, number| {
        format!("Dein {drink} wartet an der Theke. Zeig dem Barista {number}.")
    },
    notify_me: "Sag mir Bescheid, wenn es fertig ist",
    notify_on: "Dein Handy sagt dir Bescheid, wenn es fertig ist.",
    mail_me: "Schick mir eine E-Mail, wenn es fertig ist",
    see_path: "Seinen Weg durch den Ablauf ansehen",
    mail_on: "Wir schicken dir eine E-Mail, wenn es fertig ist.",
    your_name: "Dein Name (freiwillig)",
    your_name_hint: "Der Barista ruft ihn auf, wenn dein Getränk fertig ist.",
    queue_place,
    picked_up_title: "Lass es dir schmecken!",
    picked_up_text: |drink| format!("Dein {drink} wurde übergeben. Danke für deinen Besuch."),
    cancelled_title: "Storniert",
    too_late_title: "Die Zeit ist um",
    too_late_text: "Die Auswahl hat zu lange gedauert, deshalb wurde die Bestellung beendet. \
        Scanne den Code am Bildschirm des Stands, um neu zu beginnen.",
    missed_title: "Das tut uns leid",
    missed_text: "Dein Getränk wurde nicht rechtzeitig fertig. Bitte komm zum Stand: Wir \
        kümmern uns darum.",
    a_drink: "Getränk",
    cancel_question: "Diese Bestellung stornieren?",
    yes_cancel: "Ja, stornieren",
    cancel_order: "Bestellung stornieren",
    all_orders: "Alle deine Bestellungen",

    your_order: "Deine Bestellung",
    drink: "Getränk",
    number: "Nummer",
    ordered: "Bestellt",
    ready: "Fertig",
    status: "Status",
    not_chosen: "Noch nicht gewählt",
    number_later: "Kommt, sobald du gewählt hast",
    journey: "Verlauf",
    event,

    sign_in_title: "Zum Bestellen anmelden",
    no_password: "Kein Passwort: Wir schicken dir einen Code per E-Mail.",
    email_label: "Deine E-Mail-Adresse",
    send_code: "Code schicken",
    code_sent: ("Wir haben einen 6-stelligen Code an ", " geschickt."),
    code: "Code",
    sign_in: "Anmelden",
    another_address: "Andere Adresse nutzen oder neuen Code anfordern",
    erase_question: "Deine E-Mail-Adresse aus Crema löschen und abmelden? Frühere Bestellungen \
        bleiben, ohne deine Adresse.",
    delete_my_data: "Meine Daten löschen",
};

/// Who acted, as a German sentence names them.
fn actor(actor: &Actor) -> &str {
    match (&actor.name, actor.kind) {
        (Some(name), _) => name,
        (None, ActorKind::Customer) => "Der Kunde",
        (None, ActorKind::System) => "Crema",
        (None, ActorKind::Staff) => "Das Team",
        (None, ActorKind::Robot) => "Ein Roboter",
        (None, _) => "Jemand",
    }
}

/// An order as a sentence names it: by its number once it has one.
fn order(order: &Order) -> String {
    order
        .number
        .map_or_else(|| "die Bestellung".to_owned(), |n| format!("#{n}"))
}

fn queue_place(position: u32, eta_s: u32) -> String {
    let minutes = eta_s.div_ceil(60).max(1);
    match position {
        0 | 1 => format!("Du bist als Nächstes dran: etwa {minutes} Min."),
        _ => format!("{} vor dir: etwa {minutes} Min.", position - 1),
    }
}

fn event(change: &Change) -> Option<String> {
    Some(match change {
        Change::OrderCreated(e) => format!(
            "Die Bestellung bei {} hat begonnen; es bleiben {} Minuten, um ein Getränk zu wählen.",
            e.shop_name,
            e.choose_s.div_ceil(60)
        ),
        Change::OrderQueued(e) => format!(
            "{} bestellt: Nummer {} ist in der Warteschlange.",
            e.drink_name,
            e.order.number.unwrap_or_default()
        ),
        Change::OrderClaimed(e) => {
            format!("{} bereitet {} zu.", actor(&e.actor), order(&e.order))
        }
        Change::OrderReleased(e) => format!(
            "{} hat {} zurück in die Warteschlange gestellt.",
            actor(&e.actor),
            order(&e.order)
        ),
        Change::OrderReady(e) => {
            format!("{} ist fertig: Hol es an der Theke ab.", order(&e.order))
        }
        Change::OrderRecalled(e) => format!(
            "{} hat {} zum Fertigmachen zurückgeholt.",
            actor(&e.actor),
            order(&e.order)
        ),
        Change::OrderPosition(e) => queue_place(e.queue_position, e.eta_s),
        Change::OrderPickedUp(e) => format!(
            "{} hat {} übergeben. Lass es dir schmecken!",
            actor(&e.actor),
            order(&e.order)
        ),
        Change::OrderCancelled(e) => match e.by {
            Canceller::Customer => format!("Der Kunde hat {} storniert.", order(&e.order)),
            Canceller::Staff => format!(
                "Die Baristas haben {} storniert: {}.",
                order(&e.order),
                e.order.cancel_reason.as_deref().unwrap_or_default()
            ),
        },
        Change::OrderTimedOut(e) => match (e.cause, e.order.number) {
            (TimeoutCause::CustomerTimeout, _) => "Es wurde nicht rechtzeitig ein Getränk \
                gewählt, deshalb wurde die Bestellung beendet. Scanne den Code noch einmal, um \
                neu zu beginnen."
                .to_owned(),
            (TimeoutCause::BaristaTimeout, Some(number)) => format!(
                "Das tut uns leid: Die Baristas konnten #{number} nicht rechtzeitig zubereiten, \
                 deshalb wurde sie beendet."
            ),
            (TimeoutCause::BaristaTimeout, None) => "Das tut uns leid: Die Baristas konnten \
                diese Bestellung nicht rechtzeitig zubereiten, deshalb wurde sie beendet."
                .to_owned(),
        },
        _ => return None,
    })
}

pub const STAFF: Staff = Staff {
    sign_in_title: |app| match app {
        StaffApp::Barista => "Anmeldung für Baristas",
        StaffApp::Display => "Anmeldung für den Bildschirm",
        StaffApp::Admin => "Anmeldung für die Konsole",
    },
    username: "Benutzername",
    password: "Passwort",
    sign_in: "Anmelden",
    not_for_account: "Nicht für dieses Konto",
    pair_this_screen: "Diesen Bildschirm koppeln",
    pairing_intro: "Kein Passwort an diesem Bildschirm: Er zeigt einen Code, und ein Admin \
        koppelt ihn in der Konsole.",
    pairing_enter: "Gib diesen Code in der Konsole unter Bildschirme ein, oder scanne ihn:",
    pairing_waiting: |minutes| format!("Warte auf die Kopplung. Der Code gilt {minutes} Minuten."),

    board_title: "Barista-Tafel",
    board_tab: |shop| format!("Barista · {shop}"),
    shop_controls: "Stand",
    event_ended: "Die Veranstaltung ist vorbei",
    close_shop: "Stand schließen",
    open_shop: "Stand öffnen",
    of: |count, capacity| format!("{count} von {capacity}"),
    in_progress: " Bestellungen in Arbeit",
    left_on_code: " Getränke übrig auf diesem Code",
    sound_on: "🔔 Ton an",
    sound_off: "🔕 Ton aus",
    ok: "OK",
    new: "Neu",
    making: "In Arbeit",
    ready: "Abholbereit",
    typed: |digits| format!("Bestellung #{digits} — Enter wählt sie aus"),
    keys_help: [
        "Tasten: die Nummer einer Bestellung, dann ",
        " wählt sie aus · ",
        " zubereiten · ",
        " fertig · ",
        " übergeben · ",
        " zurückholen · ",
        " löscht die Nummer",
    ],
    no_such_number: |number| format!("Keine Bestellung #{number} auf der Tafel."),
    has_it: |name| format!("{name} bereitet sie zu"),
    another_barista: "ein anderer Barista",
    make: "Zubereiten",
    done: "Fertig",
    release: "Abgeben",
    recall: "Zurückholen",
    handed_over: "Übergeben",
    all_day: "Insgesamt",
    walk_up: "Bestellung an der Theke",
    walk_up_drink: "Getränk",
    walk_up_pick: "Getränk wählen",
    walk_up_name: "Name zum Aufrufen (freiwillig)",
    robot: "Roboter",
    walk_up_add: "In die Warteschlange",
    walk_up_added: |number| format!("{number} ist in der Warteschlange."),
    cancel_step: "Stornieren…",
    cancel_why: "Warum? (der Kunde sieht das)",
    cancel_number: |number| format!("{number} stornieren"),

    stock: "Vorrat ",
    stock_summary: |out, low| match (out, low) {
        (0, 0) => "alles vorrätig".to_owned(),
        (out, 0) => format!("{out} ausverkauft"),
        (0, low) => format!("{low} knapp"),
        (out, low) => format!("{out} ausverkauft · {low} knapp"),
    },
    drinks: "Getränke",
    extras: "Milch und Extras",
    stock_state: |available, remaining| match (available, remaining) {
        (false, _) => "Ausverkauft".to_owned(),
        (true, Some(0)) => "Ausverkauft: nichts mehr übrig".to_owned(),
        (true, Some(left)) => format!("noch {left}"),
        (true, None) => "Vorrätig".to_owned(),
    },
    bad_count: |name| format!("{name}: Eine Anzahl ist eine ganze Zahl ab 0."),
    portions_left: |name| format!("{name}: übrige Portionen"),
    mark_sold_out: |name| format!("{name} als ausverkauft markieren"),
    put_back: |name| format!("{name} wieder anbieten"),
    sold_out: "Ausverkauft",
    back_in: "Wieder anbieten",
    count: "Anzahl",
    set: "Setzen",
    dont_count: "Nicht zählen",
    dont_count_label: |name| format!("{name}: Nicht zählen"),

    screen_title: "Bildschirm am Stand",
    screen_tab: |shop| format!("Bildschirm · {shop}"),
    dark_screen: "Dunkler Bildschirm",
    light_screen: "Heller Bildschirm",
    thank_you: "Danke, dass ihr da wart!",
    were_closed: "Wir haben geschlossen",
    come_back: "Komm bald wieder auf einen Gratiskaffee.",
    qr_label: "QR-Code zum Bestellen",
    scan_caption: "Scannen und Gratiskaffee bestellen",
    drinks_left: |count| {
        if count == 1 {
            " Getränk übrig auf diesem Code"
        } else {
            " Getränke übrig auf diesem Code"
        }
    },
    new_code_in: |seconds| format!("Neuer Code in {seconds} s"),
    about_to_change: "Dieser Code wechselt gleich.",
    drinks_gone: "Die Getränke dieses Codes sind weg.",
    preparing: "In Zubereitung",
    more: |count| format!("+{count} weitere"),
};

/// A shop's event as a sentence, for the API's `message`.
fn shop_event(change: &Change) -> Option<String> {
    Some(match change {
        Change::ShopOpened(e) => format!(
            "{} hat {} geöffnet: Bestellungen willkommen.",
            actor(&e.actor),
            e.shop_name
        ),
        Change::ShopClosed(e) => format!(
            "{} hat {} geschlossen: vorerst keine neuen Bestellungen.",
            actor(&e.actor),
            e.shop_name
        ),
        Change::ShopUpdated(e) => {
            let what = if e.menu.is_some() {
                "die Karte"
            } else {
                "die Einstellungen"
            };
            format!("{} hat {what} von {} geändert.", actor(&e.actor), e.name)
        }
        Change::ShopArchived(e) if e.archived => format!(
            "{} hat {} archiviert: Die Veranstaltung ist vorbei.",
            actor(&e.actor),
            e.shop_name
        ),
        Change::ShopArchived(e) => format!(
            "{} hat {} aus dem Archiv zurückgeholt.",
            actor(&e.actor),
            e.shop_name
        ),
        Change::QrRedeemed(e) => format!(
            "Jemand hat den Code des Stands gescannt: noch {} Getränke darauf.",
            e.remaining
        ),
        Change::StockChanged(e) => {
            let items = super::stock_items(&e.stock, |left| match left {
                None => "ausverkauft".to_owned(),
                Some(Some(left)) => format!("noch {left}"),
                Some(None) => "vorrätig".to_owned(),
            });
            format!("Vorrat: {items}.")
        }
        _ => return None,
    })
}

pub const SERVER: Server = Server {
    shop_event,
    code_subject: |code| format!("Dein Crema-Code: {code}"),
    code_body: |code, minutes| {
        format!(
            "Dein Code für die Anmeldung bei Crema ist {code}.\n\nEr gilt einmal, \
             {minutes} Minuten lang. Wenn du ihn nicht angefordert hast, ignoriere diese \
             Nachricht."
        )
    },
    ready_subject: |label| format!("Dein Getränk {label} ist fertig"),
    ready_body: |label, shop| {
        format!(
            "Dein Getränk {label} ist fertig bei {shop}. Zeig diese Nummer an der Theke, \
             um es abzuholen.\n\nDu hast diese Nachricht bei der Bestellung angefordert; \
             es ist die einzige."
        )
    },
};
