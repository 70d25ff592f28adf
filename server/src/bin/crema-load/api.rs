//! The simulated booth: its shop, staff and customers, over the public API.

use std::sync::Mutex;

use anyhow::Context;
use app::model::{ChooseDrink, Drink, NewShop, OrderAction, OrderId, SettingsPatch};
use futures::future::join_all;
use reqwest::Client as Http;
use server::client::Client;

use super::Args;

/// The shop, staff and customers of one run.
pub struct Bench {
    pub api: Client,
    pub shop: String,
    display: Client,
    barista: Client,
    token: Mutex<String>,
}

impl Bench {
    pub async fn set_up(args: &Args) -> anyhow::Result<Self> {
        let api = Client::new(
            Http::builder().pool_max_idle_per_host(1024).build()?,
            &args.url,
        );
        let staff = async |username| {
            let signed_in = api.login(username, &args.password).await?;
            anyhow::Ok(api.signed_in(&signed_in.token))
        };
        let admin = staff("admin")
            .await
            .context("signing in as admin (dev mode?)")?;
        let shop = format!("bench-{}", std::process::id());
        admin
            .create_shop(&NewShop {
                slug: shop.clone(),
                name: "Benchmark booth".to_owned(),
                open: true,
                menu: vec![Drink {
                    id: "espresso".to_owned(),
                    name: "Espresso".to_owned(),
                    available: true,
                    icon: None,
                    groups: vec![],
                }],
                settings: SettingsPatch {
                    capacity: Some(1000),
                    drinks_per_code: Some(10_000),
                    code_window_s: Some(20),
                    daily_limit: Some(0),
                    customer_timeout_s: Some(3_600),
                    barista_timeout_s: Some(3_600),
                    ..SettingsPatch::default()
                },
                unknown: Default::default(),
            })
            .await?;
        let display = staff("display").await?;
        let barista = staff("barista").await?;
        let token = Mutex::new(display.booth_code(&shop).await?.token);
        Ok(Self {
            api,
            shop,
            display,
            barista,
            token,
        })
    }

    /// `count` customers, signed in.
    pub async fn customers(&self, count: usize) -> anyhow::Result<Vec<Client>> {
        let run = std::process::id();
        let customers = join_all((0..count).map(|n| async move {
            let signed_in = self
                .api
                .sign_in_customer(&format!("load-{run}-{n}@example.org"))
                .await?;
            anyhow::Ok(self.api.signed_in(&signed_in.token))
        }))
        .await;
        customers.into_iter().collect()
    }

    /// Starts an order, chooses its drink and claims it; returns its id.
    pub async fn order(&self, customer: &Client) -> anyhow::Result<OrderId> {
        let token = self
            .token
            .lock()
            .map_err(|_| anyhow::anyhow!("poisoned"))?
            .clone();
        let order = match customer.start_order(&self.shop, &token, None).await {
            Ok(order) => order,
            Err(err) if matches!(err.code(), Some("invalid_token" | "no_drinks_left")) => {
                // The code is spent: the screen would show the next one.
                let next = self.display.booth_code(&self.shop).await?.token;
                *self.token.lock().map_err(|_| anyhow::anyhow!("poisoned"))? = next;
                anyhow::bail!("code rotated");
            }
            Err(err) => return Err(err).context("start"),
        };
        let espresso = ChooseDrink {
            drink: "espresso".to_owned(),
            choices: vec![],
        };
        customer.choose(order.id, &espresso, None).await?;
        self.barista.act(order.id, OrderAction::Claim, None).await?;
        Ok(order.id)
    }

    pub async fn complete(&self, id: OrderId) -> anyhow::Result<()> {
        self.barista.act(id, OrderAction::Complete, None).await?;
        Ok(())
    }
}
