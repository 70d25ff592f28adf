//! Forms that work before the app is live, and without it.

use leptos::{ev::SubmitEvent, prelude::*, server_fn::ServerFn};

/// A form posting `action`'s server function. A browser without the app posts it as a
/// plain form (the fields' names are the function's arguments) and gets a page back; once
/// the app is live, it sends `input()` through the action and the page stays.
#[component]
pub fn PostForm<S, I>(
    action: ServerAction<S>,
    /// The function's arguments, from the page's signals.
    input: I,
    #[prop(optional)] class: &'static str,
    children: Children,
) -> impl IntoView
where
    S: ServerFn + Send + Sync + Clone + 'static,
    S::Output: Send + Sync + 'static,
    S::Error: Send + Sync + 'static,
    I: Fn() -> S + 'static,
{
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        action.dispatch(input());
    };
    view! {
        <form class=class method="post" action=S::url() on:submit=on_submit>
            {children()}
        </form>
    }
}
