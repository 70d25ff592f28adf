//! "Pair this screen": a booth screen or barista tablet that is not signed in shows a
//! code, and the QR code of the console's form that pairs it, then signs in by itself
//! once an admin has. No password is typed on a TV.

use std::time::Duration;

use leptos::{either::Either, prelude::*, task::spawn_local};

use super::auth::AuthEpoch;
use crate::{
    api::devices::{check_pairing, start_pairing},
    i18n,
    model::{PAIRING_MINUTES, PairingState, Role, ScreenPairing, StaffApp},
};

/// How often a waiting screen asks whether it has been paired.
const LOOK_EVERY: Duration = Duration::from_secs(2);

#[component]
pub fn PairThisScreen(app: StaffApp, shop: Option<String>) -> impl IntoView {
    let role = match app {
        StaffApp::Barista => Role::Barista,
        _ => Role::Display,
    };
    let pairing = RwSignal::new(None::<ScreenPairing>);
    let notice = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let shop = StoredValue::new(shop);
    let (t, words) = (i18n::staff(), i18n::common());
    let ask = move |_: ()| {
        busy.set(true);
        spawn_local(async move {
            match start_pairing(role, shop.get_value()).await {
                Ok(new) => {
                    notice.set(None);
                    pairing.set(Some(new));
                }
                Err(error) => notice.set(Some(words.error_text(&error))),
            }
            busy.set(false);
        });
    };
    // While a code shows, look now and then whether it has been paired, one look at a
    // time; an expired code is replaced by a new one, with nobody at the TV to ask.
    let looking = StoredValue::new(false);
    Effect::new(move || {
        if pairing.with(Option::is_none) {
            return;
        }
        let look = move || {
            if looking.get_value() {
                return;
            }
            looking.set_value(true);
            spawn_local(async move {
                match check_pairing().await {
                    Ok(PairingState::Paired { .. }) => AuthEpoch::bump(),
                    Ok(PairingState::Waiting) => {}
                    Err(error) if error.status == 404 => ask(()),
                    // A network hiccup: the next look tries again.
                    Err(_) => {}
                }
                looking.set_value(false);
            });
        };
        if let Ok(handle) = set_interval_with_handle(look, LOOK_EVERY) {
            on_cleanup(move || handle.clear());
        }
    });

    view! {
        <section class="panel pairing" aria-labelledby="pairing-title">
            <h2 id="pairing-title">{t.pair_this_screen}</h2>
            {move || match pairing.get() {
                None => Either::Left(view! {
                    <p>{t.pairing_intro}</p>
                    <button class="button wide secondary" type="button" disabled=move || busy.get() on:click=move |_| ask(())>
                        {t.pair_this_screen}
                    </button>
                }),
                Some(ScreenPairing { pairing, svg, .. }) => Either::Right(view! {
                    <p>{t.pairing_enter}</p>
                    <p class="pairing-code" aria-label=spelled(&pairing.code)>{spaced(&pairing.code)}</p>
                    <div class="pairing-qr" inner_html=svg></div>
                    <p class="muted" role="status">
                        {(t.pairing_waiting)(PAIRING_MINUTES)}
                    </p>
                }),
            }}
            <p class="form-error" role="alert" hidden=move || notice.with(Option::is_none)>
                {move || notice.get()}
            </p>
        </section>
    }
}

/// "ABCD 2345": two groups, easier to read across a room.
fn spaced(code: &str) -> String {
    let (first, second) = code.split_at(code.len() / 2);
    format!("{first} {second}")
}

/// "A B C D 2 3 4 5": a screen reader says each character.
fn spelled(code: &str) -> String {
    code.chars().map(String::from).collect::<Vec<_>>().join(" ")
}
