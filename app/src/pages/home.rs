use leptos::{either::Either, prelude::*};
use leptos_meta::Title;

use crate::{
    api::shops::list_shops,
    components::{ErrorPanel, Loading, ShopStatus},
    model::Shop,
};

/// Every shop, with the way into each of its three apps, and the operator's console.
#[component]
pub fn Home() -> impl IntoView {
    let shops = Resource::new(|| (), |()| list_shops());
    view! {
        <Title text=""/>
        <main class="app home">
            <header class="hero">
                <h1 class="brand">"Crema"</h1>
                <p class="lead">"Free coffee at the booth: scan, choose, and pick it up when your number shows."</p>
            </header>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match shops.await {
                        Ok(shops) if shops.is_empty() => Either::Left(Either::Left(view! {
                            <p class="panel">"No shops yet."</p>
                        })),
                        Ok(shops) => Either::Left(Either::Right(view! {
                            <ul class="shops">
                                {shops.into_iter().map(|shop| view! { <ShopCard shop/> }).collect_view()}
                            </ul>
                        })),
                        Err(error) => Either::Right(view! { <ErrorPanel error/> }),
                    }
                })}
            </Suspense>
            <p class="muted"><a href="/admin">"The operator's console"</a></p>
        </main>
    }
}

#[component]
fn ShopCard(shop: Shop) -> impl IntoView {
    let slug = shop.slug;
    view! {
        <li class="shop-card">
            <div class="shop-card-title">
                <h2>{shop.name}</h2>
                <ShopStatus open=shop.open/>
            </div>
            // Each app loads from the server, in its shop's language.
            <nav aria-label="Apps">
                <a class="button" href=format!("/order/{slug}") rel="external">"Order"</a>
                <a class="button secondary" href=format!("/barista/{slug}") rel="external">"Barista"</a>
                <a class="button secondary" href=format!("/display/{slug}") rel="external">"Display"</a>
            </nav>
        </li>
    }
}
