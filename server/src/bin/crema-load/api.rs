//! The simulated booth: its shop, staff and customers, over the public API.

use std::sync::Mutex;

use anyhow::{Context, bail};
use futures::future::join_all;
use reqwest::{Client, Method};
use serde_json::{Value, json};

use super::Args;

#[derive(Clone)]
pub struct Api {
    pub client: Client,
    pub url: String,
}

impl Api {
    async fn call(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> anyhow::Result<(u16, Value)> {
        let mut request = self
            .client
            .request(method, format!("{}/api/v1{path}", self.url));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        if let Some(body) = body {
            request = request.json(&body);
        }
        let response = request.send().await.with_context(|| path.to_owned())?;
        let status = response.status().as_u16();
        let body = if status == 204 {
            Value::Null
        } else {
            response.json().await.unwrap_or(Value::Null)
        };
        Ok((status, body))
    }

    async fn expect(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
        status: u16,
    ) -> anyhow::Result<Value> {
        let (got, body) = self.call(method, path, token, body).await?;
        if got != status {
            bail!("{path}: {got} {body}");
        }
        Ok(body)
    }

    async fn staff(&self, username: &str, password: &str) -> anyhow::Result<String> {
        let body = self
            .expect(
                Method::POST,
                "/auth/login",
                None,
                Some(json!({ "username": username, "password": password })),
                200,
            )
            .await?;
        Ok(body["token"].as_str().context("token")?.to_owned())
    }

    async fn customer(&self, email: String) -> anyhow::Result<String> {
        let email = email.as_str();
        self.expect(
            Method::POST,
            "/auth/code",
            None,
            Some(json!({ "email": email })),
            204,
        )
        .await?;
        let mail = self
            .expect(
                Method::GET,
                &format!("/dev/mailbox?email={email}"),
                None,
                None,
                200,
            )
            .await?;
        let code = mail[0]["code"].as_str().context("code")?;
        let body = self
            .expect(
                Method::POST,
                "/auth/verify",
                None,
                Some(json!({ "email": email, "code": code })),
                200,
            )
            .await?;
        Ok(body["token"].as_str().context("token")?.to_owned())
    }
}

/// The shop, staff and customers of one run.
pub struct Bench {
    pub api: Api,
    pub shop: String,
    display: String,
    barista: String,
    token: Mutex<String>,
}

impl Bench {
    pub async fn set_up(args: &Args) -> anyhow::Result<Self> {
        let api = Api {
            client: Client::builder().pool_max_idle_per_host(1024).build()?,
            url: args.url.trim_end_matches('/').to_owned(),
        };
        let admin = api
            .staff("admin", &args.password)
            .await
            .context("signing in as admin (dev mode?)")?;
        let shop = format!("bench-{}", std::process::id());
        api.expect(
            Method::POST,
            "/shops",
            Some(&admin),
            Some(json!({
                "slug": shop, "name": "Benchmark booth", "open": true,
                "menu": [{ "id": "espresso", "name": "Espresso", "available": true, "groups": [] }],
                "capacity": 100_000, "drinks_per_code": 1_000_000_000, "code_window_s": 86_400,
                "daily_limit": 0, "customer_timeout_s": 3_600, "barista_timeout_s": 3_600,
            })),
            201,
        )
        .await?;
        let display = api.staff("display", &args.password).await?;
        let barista = api.staff("barista", &args.password).await?;
        let qr = api
            .expect(
                Method::GET,
                &format!("/shops/{shop}/qr"),
                Some(&display),
                None,
                200,
            )
            .await?;
        let token = Mutex::new(qr["token"].as_str().context("qr token")?.to_owned());
        Ok(Self {
            api,
            shop,
            display,
            barista,
            token,
        })
    }

    pub async fn customers(&self, count: usize) -> anyhow::Result<Vec<String>> {
        let run = std::process::id();
        let tokens =
            join_all((0..count).map(|n| self.api.customer(format!("load-{run}-{n}@example.org"))))
                .await;
        tokens.into_iter().collect()
    }

    /// Starts an order and chooses its drink; returns its id.
    pub async fn order(&self, customer: &str) -> anyhow::Result<String> {
        let token = self
            .token
            .lock()
            .map_err(|_| anyhow::anyhow!("poisoned"))?
            .clone();
        let (status, order) = self
            .api
            .call(
                Method::POST,
                &format!("/shops/{}/orders", self.shop),
                Some(customer),
                Some(json!({ "qr_token": token })),
            )
            .await?;
        if status == 422 {
            // The code's window ended: the screen would show the next one.
            let qr = self
                .api
                .expect(
                    Method::GET,
                    &format!("/shops/{}/qr", self.shop),
                    Some(&self.display),
                    None,
                    200,
                )
                .await?;
            *self.token.lock().map_err(|_| anyhow::anyhow!("poisoned"))? =
                qr["token"].as_str().context("token")?.to_owned();
            bail!("code rotated");
        }
        if status != 201 {
            bail!("start: {status} {order}");
        }
        let id = order["id"].as_str().context("id")?.to_owned();
        self.api
            .expect(
                Method::PUT,
                &format!("/orders/{id}/drink"),
                Some(customer),
                Some(json!({ "drink": "espresso", "choices": [] })),
                200,
            )
            .await?;
        self.api
            .expect(
                Method::POST,
                &format!("/orders/{id}/claim"),
                Some(&self.barista),
                None,
                200,
            )
            .await?;
        Ok(id)
    }

    pub async fn complete(&self, id: &str) -> anyhow::Result<()> {
        self.api
            .expect(
                Method::POST,
                &format!("/orders/{id}/complete"),
                Some(&self.barista),
                None,
                200,
            )
            .await?;
        Ok(())
    }
}
