//! A typed client of the JSON API (`/api/v1`), over the types of `app::model`: for the
//! integration tests, the load generator and other tools.
//!
//! ```text
//! let admin = Client::new(http, "http://127.0.0.1:3000").signed_in(&admin_token);
//! let order = customer.start_order("demo", &code.token, None).await?;
//! ```

use app::{
    error::AppError,
    model::{
        BoothCode, CancelOrder, ChooseDrink, CodeRequest, CodeVerification, Credentials, DevMail,
        Event, NewShop, Order, OrderAction, OrderId, Shop, SignedIn, StartOrder, User,
    },
};
use reqwest::{Method, RequestBuilder};
use serde::{Serialize, de::DeserializeOwned};

/// What a call can fail with: the API's refusal, or no answer at all.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{} {}: {}", .0.status, .0.code, .0.message)]
    Api(AppError),
    #[error(transparent)]
    Http(#[from] reqwest::Error),
}

impl Error {
    /// The API's error code (`shop_closed`, …), when the API answered.
    pub fn code(&self) -> Option<&str> {
        match self {
            Self::Api(err) => Some(&err.code),
            Self::Http(_) => None,
        }
    }
}

pub type Result<T> = std::result::Result<T, Error>;

/// A client of one server, signed in or not.
#[derive(Clone, Debug)]
pub struct Client {
    http: reqwest::Client,
    base: String,
    token: Option<String>,
}

impl Client {
    /// A client of the server at `base` (like `http://127.0.0.1:3000`), signed out.
    pub fn new(http: reqwest::Client, base: &str) -> Self {
        Self {
            http,
            base: base.trim_end_matches('/').to_owned(),
            token: None,
        }
    }

    /// The same client, calling with the session `token`.
    pub fn signed_in(&self, token: &str) -> Self {
        Self {
            token: Some(token.to_owned()),
            ..self.clone()
        }
    }

    /// A request to `/api/v1{path}`, with the session's token when signed in.
    pub fn request(&self, method: Method, path: &str) -> RequestBuilder {
        let request = self
            .http
            .request(method, format!("{}/api/v1{path}", self.base));
        match &self.token {
            Some(token) => request.bearer_auth(token),
            None => request,
        }
    }

    async fn call<T: DeserializeOwned>(&self, request: RequestBuilder) -> Result<T> {
        let response = request.send().await?;
        let status = response.status().as_u16();
        if response.status().is_success() {
            // A 204 has no body: `T` is `()`.
            let bytes = response.bytes().await?;
            let body = if bytes.is_empty() {
                b"null".as_slice()
            } else {
                &bytes
            };
            return serde_json::from_slice(body)
                .map_err(|err| Error::Api(AppError::new(status, "unreadable", err.to_string())));
        }
        let body = response.json().await.unwrap_or_default();
        Err(Error::Api(AppError::from_json_body(status, &body)))
    }

    async fn get<T: DeserializeOwned>(&self, path: &str) -> Result<T> {
        self.call(self.request(Method::GET, path)).await
    }

    async fn send<T: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        body: &impl Serialize,
    ) -> Result<T> {
        self.call(self.request(method, path).json(body)).await
    }

    pub async fn request_code(&self, email: &str) -> Result<()> {
        let body = CodeRequest {
            email: email.to_owned(),
        };
        self.send(Method::POST, "/auth/code", &body).await
    }

    pub async fn verify(&self, email: &str, code: &str) -> Result<SignedIn> {
        let body = CodeVerification {
            email: email.to_owned(),
            code: code.to_owned(),
        };
        self.send(Method::POST, "/auth/verify", &body).await
    }

    pub async fn login(&self, username: &str, password: &str) -> Result<SignedIn> {
        let body = Credentials {
            username: username.to_owned(),
            password: password.to_owned(),
        };
        self.send(Method::POST, "/auth/login", &body).await
    }

    pub async fn me(&self) -> Result<User> {
        self.get("/me").await
    }

    /// Dev mode only: the mail sent to `email`, newest first.
    pub async fn mailbox(&self, email: &str) -> Result<Vec<DevMail>> {
        self.call(
            self.request(Method::GET, "/dev/mailbox")
                .query(&[("email", email)]),
        )
        .await
    }

    /// Signs a customer in by e-mail code, reading it from the dev mailbox (dev mode).
    pub async fn sign_in_customer(&self, email: &str) -> Result<SignedIn> {
        self.request_code(email).await?;
        let mail = self.mailbox(email).await?;
        let code = mail
            .first()
            .and_then(|mail| mail.code.clone())
            .ok_or_else(|| {
                Error::Api(AppError::not_found(format!("No sign-in code for {email}.")))
            })?;
        self.verify(email, &code).await
    }

    pub async fn create_shop(&self, shop: &NewShop) -> Result<Shop> {
        self.send(Method::POST, "/shops", shop).await
    }

    pub async fn shop(&self, slug: &str) -> Result<Shop> {
        self.get(&format!("/shops/{slug}")).await
    }

    /// The booth screen's current code (display).
    pub async fn booth_code(&self, slug: &str) -> Result<BoothCode> {
        self.get(&format!("/shops/{slug}/qr")).await
    }

    /// Starts an order at `shop` with the booth's `token` (customer).
    pub async fn start_order(&self, shop: &str, token: &str, key: Option<&str>) -> Result<Order> {
        let body = StartOrder {
            qr_token: token.to_owned(),
        };
        let request = self
            .request(Method::POST, &format!("/shops/{shop}/orders"))
            .json(&body);
        self.call(with_key(request, key)).await
    }

    /// Chooses the order's drink (its customer).
    pub async fn choose(
        &self,
        id: OrderId,
        choice: &ChooseDrink,
        key: Option<&str>,
    ) -> Result<Order> {
        let request = self
            .request(Method::PUT, &format!("/orders/{id}/drink"))
            .json(choice);
        self.call(with_key(request, key)).await
    }

    /// A barista's step on the order, or a cancel with `reason`.
    pub async fn act(
        &self,
        id: OrderId,
        action: OrderAction,
        reason: Option<&str>,
    ) -> Result<Order> {
        // The endpoint is the action's name: `/orders/{id}/claim`.
        let step = serde_json::to_value(action).unwrap_or_default();
        let step = step.as_str().unwrap_or_default();
        let body = CancelOrder {
            reason: reason.map(str::to_owned),
        };
        self.send(Method::POST, &format!("/orders/{id}/{step}"), &body)
            .await
    }

    pub async fn order(&self, id: OrderId) -> Result<Order> {
        self.get(&format!("/orders/{id}")).await
    }

    pub async fn journey(&self, id: OrderId) -> Result<Vec<Event>> {
        self.get(&format!("/orders/{id}/journey")).await
    }
}

fn with_key(request: RequestBuilder, key: Option<&str>) -> RequestBuilder {
    match key {
        Some(key) => request.header("idempotency-key", key),
        None => request,
    }
}
