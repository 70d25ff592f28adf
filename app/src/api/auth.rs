//! Signing in and out, and who is signed in.

use leptos::prelude::*;

use crate::{
    error::AppError,
    model::{DevMail, StaffApp, User},
};

/// The signed-in user, if any.
#[server(endpoint = "auth/me", output = crate::api::Answer)]
pub async fn current_user() -> Result<Option<User>, AppError> {
    use crate::ssr::usecases::{auth, serve};

    serve(|ctx| async move { Ok(auth::current_user(&ctx)) }).await
}

/// Sends a sign-in code to `email`, in the language `lang` of the page it was asked on
/// (the browser's otherwise). Posted as a form by a browser without the app, it answers
/// with the same page asking for the code (`?email=` names the address).
#[server(endpoint = "auth/code", output = crate::api::Answer)]
pub async fn request_code(email: String, lang: Option<String>) -> Result<(), AppError> {
    use crate::{
        model::CodeRequest,
        ssr::{
            forms,
            usecases::{auth, serve},
        },
    };

    let request = CodeRequest {
        email: email.clone(),
    };
    serve(|mut ctx| async move {
        if let Some(lang) = lang.as_deref().and_then(crate::i18n::Lang::from_tag) {
            ctx.lang = lang;
        }
        auth::request_code(&ctx, request).await
    })
    .await?;
    forms::back_with(CODE_SENT_TO, &email);
    Ok(())
}

/// The query parameter of a page that asks for the code sent to its address.
pub const CODE_SENT_TO: &str = "email";

/// Signs a customer in with the code they received; the browser gets the cookie. Posted
/// as a form by a browser without the app, it answers with the page the code was asked
/// on, no longer naming the address.
#[server(endpoint = "auth/verify", output = crate::api::Answer)]
pub async fn verify_code(email: String, code: String) -> Result<User, AppError> {
    use crate::{
        model::CodeVerification,
        ssr::{
            auth::into_browser,
            forms,
            usecases::{auth, serve},
        },
    };

    let user = serve(|ctx| async move {
        let input = CodeVerification { email, code };
        auth::verify_code(&ctx, input).await.map(into_browser)
    })
    .await?;
    forms::back_without(CODE_SENT_TO);
    Ok(user)
}

/// Signs a staff member in; the browser gets the cookie.
#[server(endpoint = "auth/login", output = crate::api::Answer)]
pub async fn staff_login(username: String, password: String) -> Result<User, AppError> {
    use crate::{
        model::Credentials,
        ssr::{
            auth::into_browser,
            usecases::{auth, serve},
        },
    };

    serve(|ctx| async move {
        let input = Credentials { username, password };
        auth::login(&ctx, input).await.map(into_browser)
    })
    .await
}

/// Signs out: the session ends on the server, and the browser forgets the cookie.
#[server(endpoint = "auth/logout", output = crate::api::Answer)]
pub async fn sign_out() -> Result<(), AppError> {
    use crate::ssr::{
        auth::set_response_cookie,
        usecases::{auth, serve},
    };

    serve(|ctx| async move {
        set_response_cookie(auth::logout(&ctx).await?);
        Ok(())
    })
    .await
}

/// Gives the customer the name the baristas call out, or takes it away (`None`).
#[server(endpoint = "auth/name", output = crate::api::Answer)]
pub async fn rename_me(display_name: Option<String>) -> Result<User, AppError> {
    use crate::{
        model::NameChange,
        ssr::usecases::{auth, serve},
    };

    serve(|ctx| async move { auth::rename_me(&ctx, NameChange { display_name }).await }).await
}

/// Erases the customer's account and signs them out (the browser forgets the cookie).
#[server(endpoint = "auth/erase", output = crate::api::Answer)]
pub async fn erase_me() -> Result<(), AppError> {
    use crate::ssr::{
        auth::set_response_cookie,
        usecases::{auth, serve},
    };

    serve(|ctx| async move {
        set_response_cookie(auth::erase_me(&ctx).await?);
        Ok(())
    })
    .await
}

/// The signed-in user, when they may use `app`: 401 for nobody, 403 for the wrong role.
#[server(endpoint = "auth/app", output = crate::api::Answer)]
pub async fn open_staff_app(app: StaffApp) -> Result<User, AppError> {
    use crate::ssr::usecases::{auth, serve};

    serve(|ctx| async move { auth::open_staff_app(&ctx, app) }).await
}

/// Dev mode only (404 otherwise): the mail "sent" to `email`, newest first; nothing
/// until an address is given.
#[server(endpoint = "dev/mailbox", output = crate::api::Answer)]
pub async fn dev_mailbox(email: Option<String>) -> Result<Option<Vec<DevMail>>, AppError> {
    use crate::ssr::usecases::{auth, serve};

    serve(|ctx| async move {
        match email {
            Some(email) => auth::dev_mailbox(&ctx, Some(&email)).await.map(Some),
            None => ctx.state.require_dev_mode().map(|()| None),
        }
    })
    .await
}
