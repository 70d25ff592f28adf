//! A shop's screen poster, to print: the booth screen's address as a QR code, so that
//! whoever sets up the screen opens it by scanning instead of typing.

use leptos::{either::EitherOf3, prelude::*};
use leptos_meta::Title;

use crate::{
    api::admin::get_poster,
    components::{
        ErrorPanel, Loading,
        auth::{StaffAccessDenied, use_staff_access},
        use_shop_slug,
    },
    model::StaffApp,
};

#[component]
pub fn PosterPage() -> impl IntoView {
    let access = use_staff_access(StaffApp::Admin);
    let slug = use_shop_slug();
    let poster = Resource::new(move || slug.get(), get_poster);
    view! {
        <main class="poster">
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match (access.await, poster.await) {
                        (Err(error), _) => EitherOf3::A(view! { <StaffAccessDenied app=StaffApp::Admin error/> }),
                        (Ok(_), Ok(poster)) => EitherOf3::B(view! {
                            <Title text=format!("Poster · {}", poster.name)/>
                            <h1>{poster.name.clone()}</h1>
                            <p class="lead">"The booth screen"</p>
                            <div class="poster-code" inner_html=poster.svg></div>
                            <p class="poster-url">{poster.url}</p>
                            <p class="muted">
                                "Scan this on the screen's browser, or type the address; then sign in there with a display account."
                            </p>
                            <button class="button secondary no-print" type="button" on:click=|_| drop(window().print())>
                                "Print"
                            </button>
                        }),
                        (Ok(_), Err(error)) => EitherOf3::C(view! { <ErrorPanel error/> }),
                    }
                })}
            </Suspense>
        </main>
    }
}
