//! Signing in and out, in the apps.

use leptos::{
    either::{Either, EitherOf3},
    prelude::*,
};

use leptos_router::hooks::{use_location, use_query_map};

use super::{Fields, PostForm, focus_if_lost};
use crate::{
    api::auth::{
        CODE_SENT_TO, EraseMe, RequestCode, SignOut, StaffLogin, VerifyCode, current_user,
        open_staff_app,
    },
    error::AppError,
    i18n,
    model::{Role, StaffApp, User},
};

/// Counts sign-ins and sign-outs in this tab; whatever depends on who is signed in
/// reloads when it changes.
#[derive(Clone, Copy)]
pub struct AuthEpoch(RwSignal<u32>);

impl AuthEpoch {
    /// Called once, by the app's root.
    pub fn provide() {
        provide_context(Self(RwSignal::new(0)));
    }

    pub fn get() -> RwSignal<u32> {
        expect_context::<Self>().0
    }

    pub fn bump() {
        Self::get().update(|epoch| *epoch += 1);
    }
}

/// The signed-in user, if any.
pub fn use_current_user() -> Resource<Result<Option<User>, AppError>> {
    let epoch = AuthEpoch::get();
    Resource::new(move || epoch.get(), |_| current_user())
}

/// The signed-in user when they may use `app`; the error says why not otherwise.
pub fn use_staff_access(app: StaffApp) -> Resource<Result<User, AppError>> {
    let epoch = AuthEpoch::get();
    Resource::new(move || epoch.get(), move |_| open_staff_app(app))
}

/// What a staff app shows instead of itself: the sign-in form to someone signed out,
/// the reason to someone signed in with the wrong role.
///
/// A booth screen or barista tablet of `shop` may also be paired instead.
#[component]
pub fn StaffAccessDenied(
    app: StaffApp,
    error: AppError,
    #[prop(optional, into)] shop: Option<String>,
) -> impl IntoView {
    match error.status {
        // A TV has no keyboard: its pairing comes first.
        401 => EitherOf3::A(view! {
            <div class="staff-access" class:pairing-first=app == StaffApp::Display>
                <StaffSignIn app/>
                {(app != StaffApp::Admin).then(|| view! { <super::pairing::PairThisScreen app shop/> })}
            </div>
        }),
        403 => EitherOf3::B(view! {
            <section class="panel refused" role="alert">
                <h1>{i18n::staff().not_for_account}</h1>
                <p>{i18n::common().error_text(&error)}</p>
                <SignOutButton/>
            </section>
        }),
        _ => EitherOf3::C(view! { <super::ErrorPanel error/> }),
    }
}

#[component]
fn StaffSignIn(app: StaffApp) -> impl IntoView {
    let login = ServerAction::<StaffLogin>::new();
    Effect::new(move || {
        if let Some(Ok(_)) = login.value().get() {
            AuthEpoch::bump();
        }
    });
    let credentials = |fields: &Fields| StaffLogin {
        username: fields.get("username"),
        password: fields.get("password"),
    };
    let t = i18n::staff();
    view! {
        <section class="panel signin">
            <h1>{(t.sign_in_title)(app)}</h1>
            <PostForm action=login input=credentials class="form">
                <label>
                    {t.username}
                    <input name="username" autocomplete="username" autocapitalize="none" required/>
                </label>
                <label>
                    {t.password}
                    <input name="password" type="password" autocomplete="current-password" required/>
                </label>
                <FormError action=login/>
                <button class="button wide" type="submit" disabled=move || login.pending().get()>
                    {t.sign_in}
                </button>
            </PostForm>
        </section>
    }
}

/// The sign-in's fields, which take the focus as one form follows the other.
const EMAIL_FIELD: &str = "signin-email";
const CODE_FIELD: &str = "signin-code";

/// E-mail, then the 6-digit code sent there. Both are forms that work without the app:
/// the page the code request comes back to names the address (`?email=`).
#[component]
pub fn CustomerSignIn() -> impl IntoView {
    let request = ServerAction::<RequestCode>::new();
    let verify = ServerAction::<VerifyCode>::new();
    let query = use_query_map();
    let sent_to = query.read_untracked().get(CODE_SENT_TO);
    // This page without the address: the e-mail form again.
    let path = use_location().pathname;
    let another = move || {
        let mut query = query.get();
        for name in [CODE_SENT_TO, "__path", "__err"] {
            query.remove(name);
        }
        format!("{}{}", path.get(), query.to_query_string())
    };
    let code_sent = RwSignal::new(sent_to.is_some());
    let email = RwSignal::new(sent_to.unwrap_or_default());
    let code_request = move |fields: &Fields| {
        let address = fields.get("email");
        email.set(address.clone());
        RequestCode {
            email: address,
            lang: Some(fields.get("lang")),
        }
    };
    let verification = |fields: &Fields| VerifyCode {
        email: fields.get("email"),
        code: fields.get("code"),
    };
    Effect::new(move || {
        if let Some(Ok(())) = request.value().get() {
            code_sent.set(true);
            focus_if_lost(CODE_FIELD);
        }
    });
    Effect::new(move || {
        if let Some(Ok(_)) = verify.value().get() {
            AuthEpoch::bump();
        }
    });
    let t = i18n::customer();
    // The code's mail speaks the page's language.
    let lang = i18n::lang().tag();

    view! {
        <section class="panel signin" aria-labelledby="signin-title">
            <h2 id="signin-title">{t.sign_in_title}</h2>
            {move || if code_sent.get() {
                Either::Left(view! {
                    <p>{t.code_sent.0} <strong>{email}</strong> {t.code_sent.1}</p>
                    <PostForm action=verify input=verification class="form">
                        <input type="hidden" name="email" value=email/>
                        <label>
                            {t.code}
                            // Shown once the code was asked for: what to type next.
                            <input
                                id=CODE_FIELD
                                name="code"
                                autofocus
                                inputmode="numeric"
                                autocomplete="one-time-code"
                                pattern="[0-9]{6}"
                                maxlength="6"
                                required
                            />
                        </label>
                        <FormError action=verify/>
                        <button class="button wide" type="submit" disabled=move || verify.pending().get()>
                            {t.sign_in}
                        </button>
                    </PostForm>
                    <a
                        class="button secondary wide"
                        href=another
                        on:click=move |ev| {
                            ev.prevent_default();
                            request.value().set(None);
                            code_sent.set(false);
                            focus_if_lost(EMAIL_FIELD);
                        }
                    >
                        {t.another_address}
                    </a>
                })
            } else {
                Either::Right(view! {
                    <p>{t.no_password}</p>
                    <PostForm action=request input=code_request class="form">
                        <input type="hidden" name="lang" value=lang/>
                        <label>
                            {t.email_label}
                            <input
                                id=EMAIL_FIELD
                                type="email"
                                name="email"
                                autocomplete="email"
                                inputmode="email"
                                required
                            />
                        </label>
                        <FormError action=request/>
                        <button class="button wide" type="submit" disabled=move || request.pending().get()>
                            {t.send_code}
                        </button>
                    </PostForm>
                })
            }}
        </section>
    }
}

/// Who is signed in, with a way out; a customer may also erase their data.
#[component]
pub fn AccountBar(user: User) -> impl IntoView {
    let label = user.label().to_owned();
    let customer = user.role == Role::Customer;
    view! {
        <div class="account">
            <span>{i18n::common().signed_in_as} <strong>{label}</strong></span>
            <SignOutButton/>
            {customer.then(|| view! { <EraseMyData/> })}
        </div>
    }
}

/// "Delete my data", asked twice (the question folds out of the first button): the
/// account's address and name are erased, its sessions end; past orders stay, without
/// them. The shop's page that shows it is forms (ssr::document): the browser folds the
/// question out, the server answers the form, and a refusal comes back folded out.
#[component]
fn EraseMyData() -> impl IntoView {
    let erase = ServerAction::<EraseMe>::new();
    let refused = erase
        .value()
        .with_untracked(|sent| matches!(sent, Some(Err(_))));
    let t = i18n::customer();
    view! {
        <details class="erase" open=refused>
            <summary class="button secondary small">
                <span class="when-closed">{t.delete_my_data}</span>
                <span class="when-open">{i18n::common().keep_it}</span>
            </summary>
            <p>{t.erase_question}</p>
            <PostForm action=erase input=|_| EraseMe {} class="inline">
                <button class="button danger small" type="submit">{t.delete_my_data}</button>
            </PostForm>
            <FormError action=erase/>
        </details>
    }
}

#[component]
fn SignOutButton() -> impl IntoView {
    let sign_out = ServerAction::<SignOut>::new();
    Effect::new(move || {
        if let Some(Ok(())) = sign_out.value().get() {
            AuthEpoch::bump();
        }
    });
    view! {
        <PostForm action=sign_out input=|_| SignOut {} class="inline">
            <button class="button secondary small" type="submit">{i18n::common().sign_out}</button>
        </PostForm>
    }
}

/// The message of an action's last error, next to its form.
#[component]
fn FormError<A, T>(action: ServerAction<A>) -> impl IntoView
where
    A: leptos::server_fn::ServerFn<Output = T, Error = AppError> + Clone + Send + Sync + 'static,
    T: Clone + Send + Sync + 'static,
{
    let t = i18n::common();
    let message = move || {
        action
            .value()
            .get()
            .and_then(Result::err)
            .map(|error| t.error_text(&error))
    };
    view! { <p class="form-error" role="alert">{message}</p> }
}
