//! Forms that work before the app is live, and without it.

use leptos::{ev::SubmitEvent, prelude::*, server_fn::ServerFn, wasm_bindgen::JsCast};
use web_sys::{FormData, HtmlFormElement};

/// A form posting `action`'s server function. A browser without the app posts it as a
/// plain form (the fields' names are the function's arguments) and gets a page back; once
/// the app is live, it sends `input(fields)` through the action and the page stays. The
/// inputs are the page's own, read when the form is sent: what a person typed before the
/// app arrived stays.
#[component]
pub fn PostForm<S, I>(
    action: ServerAction<S>,
    /// The function's arguments, from the form's fields.
    input: I,
    #[prop(optional)] class: &'static str,
    children: Children,
) -> impl IntoView
where
    S: ServerFn + Send + Sync + Clone + 'static,
    S::Output: Send + Sync + 'static,
    S::Error: Send + Sync + 'static,
    I: Fn(&Fields) -> S + 'static,
{
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let form = ev
            .target()
            .and_then(|target| target.dyn_into::<HtmlFormElement>().ok());
        if let Some(fields) = form.as_ref().and_then(Fields::of) {
            action.dispatch(input(&fields));
        }
    };
    view! {
        <form class=class method="post" action=S::url() on:submit=on_submit>
            {children()}
        </form>
    }
}

/// A sent form's fields, by name.
pub struct Fields(FormData);

impl Fields {
    /// The fields of `form`, as they are now.
    pub fn of(form: &HtmlFormElement) -> Option<Self> {
        FormData::new_with_form(form).ok().map(Self)
    }

    /// The field's text; empty when there is none.
    pub fn get(&self, name: &str) -> String {
        self.0.get(name).as_string().unwrap_or_default()
    }

    /// The text of the file chosen in the field, read in the browser; a refusal naming
    /// the field when none was chosen or it cannot be read.
    pub fn file(
        &self,
        name: &'static str,
    ) -> impl Future<Output = Result<String, crate::error::AppError>> + 'static {
        let blob = self.0.get(name).dyn_into::<web_sys::Blob>().ok();
        let refusal = move || crate::error::AppError::invalid(name, "no_file", "Choose a file.");
        async move {
            let blob = blob.filter(|blob| blob.size() > 0.0).ok_or_else(refusal)?;
            let text = wasm_bindgen_futures::JsFuture::from(blob.text())
                .await
                .map_err(|_| refusal())?;
            text.as_string().ok_or_else(refusal)
        }
    }
}
