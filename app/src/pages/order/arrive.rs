//! Arriving with the booth's code: the order starts, or a screen says why it can't.

use leptos::{either::Either, nonce::use_nonce, prelude::*};

use super::TopBar;
use crate::{
    api::orders::{StartOrder, my_orders},
    components::{Fields, IdempotencyKey, PostForm},
    error::AppError,
    i18n,
    model::{OrderState, Shop},
};

/// Sends the form just before it at once, while the page is still arriving, to this
/// page's own address, which answers with the order's page (server/src/scan.rs): one
/// round trip where a fetch and then the order's page take two. The answer takes this
/// page's place, in the history too (Back does not start another), and its scripts run
/// under this page's nonce: this page fetches the app's bundle meanwhile
/// (ssr::document), which the order's page, come in place, goes on with. A refusal comes
/// back as this page, which says why; without an answer, the form goes as a form. A page
/// the browser renders ahead of a visit that may not happen (prerendering) waits for it.
const SEND_AT_ONCE: &str = r#"{
  const form = document.currentScript.previousElementSibling;
  const nonce = document.currentScript.nonce;
  form.querySelector('button').disabled = true;
  form.action = location.href;
  const show = (html, address) => {
    const page = new DOMParser().parseFromString(html, 'text/html');
    history.replaceState(null, '', address);
    const root = document.documentElement;
    for (const { name, value } of page.documentElement.attributes) root.setAttribute(name, value);
    // Head and body apart: a moment without the page's icon would send for /favicon.ico.
    document.head.replaceWith(document.adoptNode(page.head));
    document.body.replaceWith(document.adoptNode(page.body));
    for (const sent of document.querySelectorAll('script')) {
      const script = document.createElement('script');
      for (const { name, value } of sent.attributes) if (name !== 'nonce') script.setAttribute(name, value);
      script.nonce = nonce;
      script.text = sent.text;
      sent.replaceWith(script);
    }
  };
  const send = async () => {
    let answer, html;
    try {
      const body = new URLSearchParams(new FormData(form));
      answer = await fetch(form.action, { method: 'POST', body, headers: { Accept: 'text/html' } });
      if (!answer.ok) throw new Error(answer.statusText);
      html = await answer.text();
    } catch {
      return form.submit();
    }
    show(html, answer.url);
  };
  if (document.prerendering) document.addEventListener('prerenderingchange', send, { once: true }); else send();
}"#;

/// Starts the order with `token`, then goes to its page. Starting is a change, so it is a
/// form, sent by a script just after it as the page arrives, and by its button without
/// JavaScript; a page render starts nothing (link previews). The page is never live
/// (ssr::document): a refusal comes back in the address and shows here.
#[component]
pub fn Arrive(shop: Shop, token: String) -> impl IntoView {
    let start = ServerAction::<StartOrder>::new();
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
                    <PostForm action=start input class="panel starting">
                        <input type="hidden" name="shop" value=slug/>
                        <input type="hidden" name="token" value=token/>
                        <input type="hidden" name="key" value=key/>
                        <h1>{t.drink_on_us}</h1>
                        <p>{t.code_starts_order}</p>
                        <button class="button wide" type="submit">
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
    let orders = Resource::new(|| (), |()| my_orders());
    let t = i18n::customer();
    let open = move || {
        Suspend::new(async move {
            let open = orders.await.ok()?.into_iter().find(|order| {
                matches!(
                    order.state,
                    OrderState::AwaitingDrink | OrderState::Queued | OrderState::Making
                )
            })?;
            let label = (t.go_to_order)(open.number);
            let href = format!("/order/{}/{}", open.shop, open.id);
            Some(view! { <a class="button wide" href=href>{label}</a> })
        })
    };
    view! { <Suspense>{open}</Suspense> }
}
