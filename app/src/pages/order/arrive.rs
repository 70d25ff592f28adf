//! Arriving with the booth's code: the order starts, or a screen says why it can't.

use leptos::{either::Either, html::Form, nonce::use_nonce, prelude::*};
use leptos_router::{NavigateOptions, hooks::use_navigate};

use super::TopBar;
use crate::{
    api::orders::{StartOrder, my_orders},
    components::{Fields, IdempotencyKey, PostForm},
    error::AppError,
    i18n,
    model::{OrderState, Shop},
};

/// Sends the form just before it at once, while the page is still arriving, so that the
/// order starts without waiting for the app (which then leaves the form alone:
/// `data-sent`). It goes to this page's own address, which answers with the order's page
/// (server/src/scan.rs): one round trip where a fetch and then the order's page take two.
/// Sent before the page has loaded, it takes this page's place in the history (Back does
/// not start another); a refusal comes back to this page, which says why. A page the
/// browser renders ahead of a visit that may not happen (prerendering) waits for it.
const SEND_AT_ONCE: &str = r#"const form = document.currentScript.previousElementSibling;
form.dataset.sent = ''; form.querySelector('button').disabled = true;
const send = () => { form.action = location.href; form.submit(); };
if (document.prerendering) document.addEventListener('prerenderingchange', send, { once: true }); else send();"#;

/// Starts the order with `token`, then goes to its page. Starting is a change, so it is a
/// form, sent by a script just after it as the page arrives, by the app when it renders
/// the page itself (after signing in), and by its button without JavaScript; a page
/// render starts nothing (link previews). A refusal comes back in the address and shows
/// here.
#[component]
pub fn Arrive(shop: Shop, token: String) -> impl IntoView {
    let start = ServerAction::<StartOrder>::new();
    let navigate = use_navigate();
    Effect::new(move || {
        if let Some(Ok(order)) = start.value().get() {
            let path = format!("/order/{}/{}", order.shop, order.id);
            let replace = NavigateOptions {
                replace: true,
                ..Default::default()
            };
            navigate(&path, replace);
        }
    });
    let form = NodeRef::<Form>::new();
    Effect::new(move || {
        if let Some(form) = form.get().filter(|form| !form.has_attribute("data-sent")) {
            let _ = form.request_submit();
        }
    });
    // The form's key, as the page was rendered with it.
    let input = |fields: &Fields| StartOrder {
        shop: fields.get("shop"),
        token: fields.get("token"),
        key: Some(fields.get("key")),
    };
    let key = IdempotencyKey::new().get();
    let name = shop.name.clone();
    let t = i18n::customer();
    view! {
        <TopBar name=shop.name.clone() open=shop.open/>
        {move || match start.value().get() {
            Some(Err(error)) => Either::Left(view! {
                <Refusal error shop=shop.slug.clone() name=name.clone()/>
            }),
            _ => {
                let (slug, token, key) = (shop.slug.clone(), token.clone(), key.clone());
                Either::Right(view! {
                    <PostForm action=start input node_ref=form class="panel starting">
                        <input type="hidden" name="shop" value=slug/>
                        <input type="hidden" name="token" value=token/>
                        <input type="hidden" name="key" value=key/>
                        <h1>{t.drink_on_us}</h1>
                        <p>{t.code_starts_order}</p>
                        <button class="button wide" type="submit" disabled=move || start.pending().get()>
                            {t.start_my_order}
                        </button>
                    </PostForm>
                    <script nonce=use_nonce() inner_html=SEND_AT_ONCE></script>
                })
            }
        }}
    }
}

/// Why the code did not start an order, and what to do now.
#[component]
fn Refusal(error: AppError, shop: String, name: String) -> impl IntoView {
    let t = i18n::customer();
    let (title, hint) = (t.refusal)(&error.code);
    let in_progress = (error.code == "order_in_progress").then(|| view! { <OpenOrderLink/> });
    view! {
        <section class=format!("panel refused {}", error.code) role="alert">
            <h1>{title}</h1>
            <p>{i18n::common().error_text(&error)}</p>
            {(!hint.is_empty()).then(|| view! { <p class="muted">{hint}</p> })}
            {in_progress}
            <a class="button secondary wide" href=format!("/order/{shop}")>
                {(t.back_to)(&name)}
            </a>
        </section>
    }
}

/// A link to the person's order in progress.
#[component]
fn OpenOrderLink() -> impl IntoView {
    let orders = LocalResource::new(my_orders);
    let t = i18n::customer();
    move || {
        let open = orders.get().and_then(Result::ok).and_then(|orders| {
            orders.into_iter().find(|order| {
                matches!(
                    order.state,
                    OrderState::AwaitingDrink | OrderState::Queued | OrderState::Making
                )
            })
        });
        open.map(|order| {
            let label = (t.go_to_order)(order.number);
            let href = format!("/order/{}/{}", order.shop, order.id);
            view! { <a class="button wide" href=href>{label}</a> }
        })
    }
}
