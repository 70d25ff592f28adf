//! The load generator: simulated customers and baristas against a running Crema, over
//! the public API. Reports full order lifecycles per second, then the latency from a
//! barista's `complete` call to the frame on the customer's stream.
//!
//! The server must run in dev mode (customers sign in through the dev mailbox) with a
//! per-client code limit above the number of customers (`CREMA__AUTH__CODES_PER_CLIENT`).
//! See the README's "Benchmarks".

mod api;

use std::{
    collections::HashMap,
    sync::{Arc, Mutex},
    time::{Duration, Instant},
};

use api::Bench;
use app::model::{Event, EventKind};
use clap::Parser;
use futures::{StreamExt, future::join_all};
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
                    bench.complete(id).await
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
        let response = customer
            .request(reqwest::Method::GET, "/me/stream")
            .send()
            .await?;
        let waiters = Arc::clone(&waiters);
        let ready = format!("event: {}", EventKind::OrderReady.as_str());
        tokio::spawn(async move {
            let mut bytes = response.bytes_stream();
            let mut buffer = String::new();
            while let Some(Ok(chunk)) = bytes.next().await {
                let now = Instant::now();
                buffer.push_str(&String::from_utf8_lossy(&chunk));
                while let Some(end) = buffer.find("\n\n") {
                    let block: String = buffer.drain(..end + 2).collect();
                    if !block.contains(&ready) {
                        continue;
                    }
                    let data = block
                        .lines()
                        .find_map(|line| line.strip_prefix("data:"))
                        .unwrap_or_default();
                    let waiter = serde_json::from_str::<Event>(data.trim())
                        .ok()
                        .and_then(|event| event.order_id)
                        .and_then(|id| waiters.lock().ok()?.remove(&id.to_string()));
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
                .insert(id.to_string(), sender);
            let sent = Instant::now();
            bench.complete(id).await?;
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
