//! The use cases: one function per operation, under both surfaces. Each takes the
//! request's [`Ctx`] (the server's state and who is calling), its typed input and, where
//! the contract has one, an idempotency key; it asks the policy once, owns the
//! transaction, and commits the change with its events. The server functions in
//! `crate::api` and the JSON handlers in the server's `api` only translate transport:
//! arguments, path, body and headers in; the error's status out.
//!
//! - [`orders`]: start, choose, the baristas' steps and cancelling, reading orders.
//! - [`shops`]: reading shops, opening and closing, the booth's code, the staff board,
//!   and the admins' shop set-up.
//! - [`stock`]: what can be ordered, marked at the counter, and the portions left.
//! - [`staff`], [`devices`]: staff accounts, and the screens paired by a code.
//! - [`auth`]: the sign-in steps, signing out, who is calling, the dev mailbox.
//! - [`streams`]: who may follow which live stream; [`how`], the live picture of the
//!   workflow that stream feeds.
//! - [`reports`]: a shop's day in numbers, its charts, and its orders as CSV.

pub mod auth;
pub mod devices;
pub mod how;
pub mod orders;
pub mod reports;
pub mod robots;
pub mod shops;
pub mod staff;
pub mod stock;
pub mod streams;

use std::future::Future;

use axum::{
    extract::FromRequestParts,
    http::{header::HOST, request::Parts},
};
use leptos::prelude::use_context;

use super::{AppState, auth::Caller, language, respond};
use crate::{
    error::AppError,
    i18n::Lang,
    model::{Role, ShopSettings, User},
};

/// What an operation runs with: the server's state and the request's caller.
#[derive(Clone, Debug)]
pub struct Ctx {
    pub state: AppState,
    pub caller: Caller,
    /// The request's `Host`, for links that leave the screen (see [`Ctx::public_url`]).
    host: Option<String>,
    /// The language of what the operation writes to a person (a sign-in code's mail).
    pub lang: Lang,
}

impl Ctx {
    fn new(state: AppState, caller: Caller, parts: Option<&Parts>) -> Self {
        let host = parts
            .and_then(|parts| parts.headers.get(HOST))
            .and_then(|host| host.to_str().ok())
            .map(str::to_owned);
        Self {
            state,
            caller,
            host,
            lang: parts.map(language::of_parts).unwrap_or_default(),
        }
    }

    /// A robot's context: it acts through the use cases as a person would (see
    /// `ssr::robots`).
    pub fn robot(state: AppState, robot: User) -> Self {
        Self {
            state,
            caller: Caller {
                user: Some(robot),
                ..Caller::default()
            },
            host: None,
            lang: Lang::default(),
        }
    }

    /// The context of the request a server function or page is handling.
    pub fn current() -> Result<Self, AppError> {
        Ok(Self::new(
            AppState::current()?,
            Caller::current(),
            use_context::<Parts>().as_ref(),
        ))
    }

    /// Whether the caller sees customers' names at a shop with `settings`: everyone who
    /// may see its orders, a booth screen only when the shop shows names on its board.
    pub fn sees_names(&self, settings: &ShopSettings) -> bool {
        settings.names_on_board || !self.is_screen()
    }

    fn is_screen(&self) -> bool {
        self.caller
            .user
            .as_ref()
            .is_some_and(|user| user.role == Role::Display)
    }

    /// Where phones reach this server, like `https://coffee.example.org`.
    pub fn public_url(&self) -> Result<String, AppError> {
        self.state.public_url(self.host.as_deref())
    }
}

impl FromRequestParts<AppState> for Ctx {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let caller = parts
            .extensions
            .get::<Caller>()
            .cloned()
            .unwrap_or_default();
        Ok(Self::new(state.clone(), caller, Some(parts)))
    }
}

/// Runs a server function's operation in the request's context; an error also sets the
/// status of the response.
pub async fn serve<T, F>(operation: impl FnOnce(Ctx) -> F) -> Result<T, AppError>
where
    F: Future<Output = Result<T, AppError>>,
{
    respond(match Ctx::current() {
        Ok(ctx) => operation(ctx).await,
        Err(err) => Err(err),
    })
}
