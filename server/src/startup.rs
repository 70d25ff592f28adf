//! From configuration to a listening server.

use std::{future::Future, io, net::SocketAddr, sync::Arc};

use anyhow::Context;
use app::{App, shell, ssr::AppState, ssr::db, ssr::seed, ssr::shops};
use axum::{Router, routing::get};
use leptos::config::LeptosOptions;
use leptos_axum::{LeptosRoutes, file_and_error_handler, generate_route_list};
use secrecy::ExposeSecret;
use tokio::net::TcpListener;
use tower_http::{compression::CompressionLayer, trace::TraceLayer};

use crate::{config::Settings, health};

/// Connects to the database, brings its schema up to date and, in dev mode, seeds the
/// demo shop.
pub async fn prepare(
    settings: &Settings,
    leptos_options: LeptosOptions,
) -> anyhow::Result<AppState> {
    let pool = db::pool(
        settings.database.url.expose_secret(),
        settings.database.max_connections,
    )
    .context("invalid database URL")?;
    db::migrate(&pool).await.context("migrating the database")?;
    if settings.dev_mode {
        seed::demo_shop(&pool)
            .await
            .context("seeding the demo shop")?;
    }
    Ok(AppState {
        leptos_options,
        pool,
        public_url: settings.public_url.as_deref().map(Arc::from),
        dev_mode: settings.dev_mode,
    })
}

/// Every route: health, the Leptos pages and server functions, then static files.
pub fn router(state: AppState) -> Router {
    let pages = generate_route_list(App);
    let options = state.leptos_options.clone();
    Router::new()
        .route("/healthz", get(health::healthz))
        .leptos_routes(&state, pages, move || shell(options.clone()))
        .fallback(file_and_error_handler::<AppState, _>(shell))
        .layer(CompressionLayer::new())
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}

/// A bound, not yet serving, server.
pub struct Application {
    listener: TcpListener,
    state: AppState,
}

impl Application {
    /// Binds `addr`; port 0 picks a free port (see [`Application::local_addr`]).
    pub async fn bind(state: AppState, addr: SocketAddr) -> anyhow::Result<Self> {
        let listener = TcpListener::bind(addr)
            .await
            .with_context(|| format!("binding {addr}"))?;
        Ok(Self { listener, state })
    }

    pub fn local_addr(&self) -> io::Result<SocketAddr> {
        self.listener.local_addr()
    }

    /// Prints where each shop's three apps are.
    pub async fn announce(&self) {
        let base = match (&self.state.public_url, self.local_addr()) {
            (Some(url), _) => url.trim_end_matches('/').to_owned(),
            (None, Ok(addr)) => format!("http://{addr}"),
            (None, Err(_)) => return,
        };
        println!("Crema is serving on {base}");
        match shops::list(&self.state.pool).await {
            Ok(shops) => {
                for shop in shops {
                    println!("  {} ({})", shop.name, shop.slug);
                    println!("    customer: {base}/order/{}", shop.slug);
                    println!("    barista:  {base}/barista/{}", shop.slug);
                    println!("    display:  {base}/display/{}", shop.slug);
                }
            }
            Err(err) => tracing::warn!(error = %err, "could not list the shops"),
        }
    }

    /// Serves until `shutdown` completes, then finishes the requests in flight.
    pub async fn run(self, shutdown: impl Future<Output = ()> + Send + 'static) -> io::Result<()> {
        axum::serve(self.listener, router(self.state))
            .with_graceful_shutdown(shutdown)
            .await
    }
}

/// Completes on Ctrl-C or SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(err) = tokio::signal::ctrl_c().await {
            tracing::error!(error = %err, "cannot listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(err) => {
                tracing::error!(error = %err, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {}
        () = terminate => {}
    }
    tracing::info!("shutting down");
}
