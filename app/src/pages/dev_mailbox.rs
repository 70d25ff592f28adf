//! Dev mode's mailbox: the sign-in codes that would have gone out by e-mail.

use leptos::{either::Either, prelude::*};
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::{
    api::auth::dev_mailbox,
    components::{ErrorPanel, Loading},
    model::DevMail,
};

#[component]
pub fn DevMailbox() -> impl IntoView {
    let query = use_query_map();
    let email = Memo::new(move |_| query.read().get("email"));
    // One address's mail: nobody lists everyone's codes.
    let mail = Resource::new(
        move || email.get().filter(|email| !email.trim().is_empty()),
        dev_mailbox,
    );
    view! {
        <Title text="Dev mailbox"/>
        <main class="app mailbox">
            <header class="topbar">
                <h1>"Dev mailbox"</h1>
                <button class="button secondary small" type="button" on:click=move |_| mail.refetch()>
                    "Refresh"
                </button>
            </header>
            <p class="lead">
                "In dev mode, Crema delivers its e-mail here instead of sending it: one address's mail, newest first."
            </p>
            <form class="filter" method="get">
                <label>
                    "Address"
                    <input type="email" name="email" required placeholder="someone@example.org" prop:value=move || email.get().unwrap_or_default()/>
                </label>
                <button class="button small" type="submit">"Show"</button>
            </form>
            <Transition fallback=Loading>
                {move || Suspend::new(async move {
                    match mail.await {
                        Ok(None) => Either::Left(Either::Left(view! {
                            <p class="panel">"Enter an address to see its mail."</p>
                        })),
                        Ok(Some(mail)) if mail.is_empty() => {
                            Either::Left(Either::Left(view! { <p class="panel">"No mail yet."</p> }))
                        }
                        Ok(Some(mail)) => Either::Left(Either::Right(view! {
                            <ul class="mail-list">
                                {mail.into_iter().map(|mail| view! { <MailItem mail/> }).collect_view()}
                            </ul>
                        })),
                        Err(error) => Either::Right(view! { <ErrorPanel error/> }),
                    }
                })}
            </Transition>
        </main>
    }
}

#[component]
fn MailItem(mail: DevMail) -> impl IntoView {
    view! {
        <li class="mail panel">
            <div class="mail-head">
                <span class="mail-to">{mail.to}</span>
                <time datetime=mail.sent_at.clone()>{mail.sent_at.clone()}</time>
            </div>
            <p class="mail-subject">{mail.subject}</p>
            {mail.code.map(|code| view! { <p class="mail-code" aria-label="Code">{code}</p> })}
            <pre class="mail-body">{mail.body}</pre>
        </li>
    }
}
