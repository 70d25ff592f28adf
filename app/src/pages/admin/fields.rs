//! A console form's refusal, shown next to the field it names (or under the form when it
//! names none of its fields).

use leptos::prelude::*;

use crate::error::AppError;

/// The id of the message about `field` of the form `form`, which the field names as its
/// description.
pub fn error_id(form: &str, field: &str) -> String {
    format!("{form}-{field}-error")
}

/// The refusal's message, next to the field it names.
#[component]
pub fn FieldError(
    error: RwSignal<Option<AppError>>,
    #[prop(into)] form: String,
    field: &'static str,
) -> impl IntoView {
    let message = move || {
        error.with(|error| {
            error
                .as_ref()
                .filter(|error| error.field.as_deref() == Some(field))
                .map(|error| error.message.clone())
        })
    };
    view! {
        <span class="field-error" id=error_id(&form, field) role="alert" hidden=move || message().is_none()>
            {message}
        </span>
    }
}

/// A refusal that names no field of the form.
#[component]
pub fn FormError(
    error: RwSignal<Option<AppError>>,
    fields: &'static [&'static str],
) -> impl IntoView {
    let message = move || {
        error.with(|error| {
            error
                .as_ref()
                .filter(|error| error.field.as_deref().is_none_or(|f| !fields.contains(&f)))
                .map(|error| error.message.clone())
        })
    };
    view! {
        <p class="form-error" role="alert" hidden=move || message().is_none()>{message}</p>
    }
}
