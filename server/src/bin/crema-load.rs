//! The load generator: simulated customers and baristas against a running Crema, over
//! the public API. Reports full order lifecycles per second, then the latency from a
//! barista's `complete` call to the frame on the customer's stream.
//!
//! The server must run in dev mode (customers sign in through the dev mailbox) with a
//! per-client code limit above the number of customers (`CREMA__AUTH__CODES_PER_CLIENT`).
//! See the README's "Benchmarks".

use std::{
    collections::HashMap,
    sync::{Arc, Mutex},
    time::{Duration, Instant},
};

use anyhow::{Context, bail};
use clap::Parser;
use futures::{StreamExt, future::join_all};
use reqwest::{Client, Method};
use serde_json::{Value, json};
use tokio::sync::oneshot;

#[derive(Parser, Clone)]
#[command(about = "Load generator for Crema")]
struct Args {
    /// The server.
    #[arg(long, default_value = "http://127.0.0.1:3000")]
    url: String,
    /// The password of the demo staff accounts (admin, barista, display).
    #[arg(long, env = "CREMA_DEMO_PASSWORD", default_value = "crema-demo")]
    password: String,
    /// Simulated customers working at once in the throughput run.
    #[arg(long, default_value_t = 64)]
    concurrency: usize,
    /// Seconds of the throughput run.
    #[arg(long, default_value_t = 15)]
    seconds: u64,
    /// Orders per second in the latency run.
    #[arg(long, default_value_t = 100)]
    rate: u64,
    /// Seconds of the latency run.
    #[arg(long, default_value_t = 15)]
    latency_seconds: u64,
}

#[derive(Clone)]
struct Api {
    client: Client,
    url: String,
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
struct Bench {
    api: Api,
    shop: String,
    display: String,
    barista: String,
    token: Mutex<String>,
}

impl Bench {
    async fn set_up(args: &Args) -> anyhow::Result<Self> {
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

    async fn customers(&self, count: usize) -> anyhow::Result<Vec<String>> {
        let run = std::process::id();
        let tokens =
            join_all((0..count).map(|n| self.api.customer(format!("load-{run}-{n}@example.org"))))
                .await;
        tokens.into_iter().collect()
    }

    /// Starts an order and chooses its drink; returns its id.
    async fn order(&self, customer: &str) -> anyhow::Result<String> {
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

    async fn complete(&self, id: &str) -> anyhow::Result<()> {
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

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn ms(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}

/// As many lifecycles as `concurrency` customers can run back to back.
async fn throughput(bench: &Arc<Bench>, args: &Args) -> anyhow::Result<()> {
    let customers = bench.customers(args.concurrency).await?;
    let deadline = Instant::now() + Duration::from_secs(args.seconds);
    let started = Instant::now();
    let workers = customers.into_iter().map(|customer| {
        let bench = Arc::clone(bench);
        tokio::spawn(async move {
            let (mut done, mut failed) = (0_u64, 0_u64);
            while Instant::now() < deadline {
                let lifecycle = async {
                    let id = bench.order(&customer).await?;
                    bench.complete(&id).await
                };
                match lifecycle.await {
                    Ok(()) => done += 1,
                    Err(_) => failed += 1,
                }
            }
            (done, failed)
        })
    });
    let (mut done, mut failed) = (0, 0);
    for result in join_all(workers).await {
        let (d, f) = result?;
        done += d;
        failed += f;
    }
    let elapsed = started.elapsed().as_secs_f64();
    println!(
        "throughput: {done} lifecycles in {elapsed:.1} s = {:.0} lifecycles/s ({} requests/s), {failed} failed, {} customers",
        done as f64 / elapsed,
        (done * 4) as f64 / elapsed,
        args.concurrency
    );
    Ok(())
}

/// Orders at a steady rate; each customer follows their stream, and the time from
/// sending `complete` to the `order.ready` frame is measured.
async fn latency(bench: &Arc<Bench>, args: &Args) -> anyhow::Result<()> {
    // Enough customers that each has one order at a time.
    let count = (args.rate as usize).max(1) * 2;
    let customers = bench.customers(count).await?;
    type Waiters = Arc<Mutex<HashMap<String, oneshot::Sender<Instant>>>>;
    let waiters: Waiters = Arc::default();
    for customer in &customers {
        let response = bench
            .api
            .client
            .get(format!("{}/api/v1/me/stream", bench.api.url))
            .bearer_auth(customer)
            .send()
            .await?;
        let waiters = Arc::clone(&waiters);
        tokio::spawn(async move {
            let mut bytes = response.bytes_stream();
            let mut buffer = String::new();
            while let Some(Ok(chunk)) = bytes.next().await {
                let now = Instant::now();
                buffer.push_str(&String::from_utf8_lossy(&chunk));
                while let Some(end) = buffer.find("\n\n") {
                    let block: String = buffer.drain(..end + 2).collect();
                    if !block.contains("event: order.ready") {
                        continue;
                    }
                    let data = block
                        .lines()
                        .find_map(|line| line.strip_prefix("data:"))
                        .unwrap_or_default();
                    let event: Value = serde_json::from_str(data.trim()).unwrap_or_default();
                    let waiter = event["order_id"]
                        .as_str()
                        .and_then(|id| waiters.lock().ok()?.remove(id));
                    if let Some(waiter) = waiter {
                        let _ = waiter.send(now);
                    }
                }
            }
        });
    }

    let interval = Duration::from_secs_f64(1.0 / args.rate as f64);
    let total = args.rate * args.latency_seconds;
    let started = Instant::now();
    let mut runs = Vec::new();
    for n in 0..total {
        tokio::time::sleep_until((started + interval * n as u32).into()).await;
        let bench = Arc::clone(bench);
        let waiters = Arc::clone(&waiters);
        let customer = customers[n as usize % customers.len()].clone();
        runs.push(tokio::spawn(async move {
            let id = bench.order(&customer).await?;
            let (sender, receiver) = oneshot::channel();
            waiters
                .lock()
                .map_err(|_| anyhow::anyhow!("poisoned"))?
                .insert(id.clone(), sender);
            let sent = Instant::now();
            bench.complete(&id).await?;
            let arrived = tokio::time::timeout(Duration::from_secs(10), receiver).await??;
            anyhow::Ok(arrived.saturating_duration_since(sent))
        }));
    }
    let mut latencies = Vec::new();
    let mut failed = 0;
    for run in join_all(runs).await {
        match run? {
            Ok(latency) => latencies.push(latency),
            Err(_) => failed += 1,
        }
    }
    let achieved = latencies.len() as f64 / started.elapsed().as_secs_f64();
    latencies.sort_unstable();
    println!(
        "latency at {} orders/s ({achieved:.0} achieved): complete -> customer's stream frame p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms over {} orders, {failed} failed",
        args.rate,
        ms(percentile(&latencies, 0.50)),
        ms(percentile(&latencies, 0.99)),
        ms(latencies.last().copied().unwrap_or_default()),
        latencies.len(),
    );
    Ok(())
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let bench = Arc::new(Bench::set_up(&args).await?);
    println!("benchmark shop: {}", bench.shop);
    throughput(&bench, &args).await?;
    latency(&bench, &args).await?;
    Ok(())
}
