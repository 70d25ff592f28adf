//! From configuration to a listening server.

use std::{future::Future, io, net::SocketAddr, sync::Arc};

use anyhow::Context;
use app::{
    App,
    ssr::{
        AppState,
        auth::{caller, session_cache::SessionCache, throttle::PasswordGate},
        db,
        document::shell,
        language,
        mail::Mailer,
        orders::teller::Teller,
        robots, seed,
        sequencer::Sequencer,
        shops, site,
    },
};
use axum::{
    Extension, Router,
    http::{
        HeaderValue,
        header::{REFERRER_POLICY, X_CONTENT_TYPE_OPTIONS},
    },
    middleware,
    routing::{get, post},
};
use leptos::config::LeptosOptions;
use leptos_axum::{LeptosRoutes, file_and_error_handler, generate_route_list};
use secrecy::ExposeSecret;
use sqlx::PgPool;
use tokio::net::TcpListener;
use tower_http::{
    compression::CompressionLayer, limit::RequestBodyLimitLayer,
    set_header::SetResponseHeaderLayer, trace::TraceLayer,
};

use crate::{api, config::Settings, health, live::Live, metrics, runner, scan};

/// A pool on the configured database, its schema brought up to date.
pub async fn database(settings: &Settings) -> anyhow::Result<PgPool> {
    let pool = db::pool(
        settings.database.url.expose_secret(),
        settings.database.max_connections,
    )
    .context("invalid database URL")?;
    db::migrate(&pool).await.context("migrating the database")?;
    Ok(pool)
}

/// Everything the server needs before it listens; in dev mode, seeds the demo shop and
/// staff accounts.
pub async fn prepare(
    settings: &Settings,
    leptos_options: LeptosOptions,
) -> anyhow::Result<AppState> {
    let pool = database(settings).await?;
    let mailer = if settings.dev_mode {
        Mailer::DevMailbox
    } else if let Some(smtp) = &settings.smtp {
        Mailer::smtp(smtp).map_err(anyhow::Error::msg)?
    } else {
        tracing::warn!(
            "no SMTP configured (CREMA__SMTP__HOST): customers cannot get sign-in codes"
        );
        Mailer::Off
    };
    if settings.dev_mode {
        seed::demo_shop(&pool)
            .await
            .context("seeding the demo shop")?;
        seed::demo_staff(&pool, &settings.demo_password)
            .await
            .context("seeding the demo staff accounts")?;
    }
    let sequencer = Sequencer::new(pool.clone());
    Ok(AppState {
        leptos_options,
        sequencer: sequencer.clone(),
        teller: Teller::new(pool.clone(), sequencer),
        sessions: SessionCache::default(),
        pool,
        public_url: settings.public_url.as_deref().map(Arc::from),
        dev_mode: settings.dev_mode,
        mailer: Arc::new(mailer),
        auth: settings.auth.clone(),
        passwords: PasswordGate::default(),
        metrics_token: settings
            .metrics
            .token
            .as_ref()
            .map(|token| Arc::from(token.expose_secret())),
    })
}

/// Every route: the JSON API, the Leptos pages and server functions (all behind the
/// middleware that resolves the caller, and the one that picks a page's language),
/// health, then static files; bodies up to [`api::MAX_BODY`], and the API's errors all
/// JSON.
pub fn router(state: AppState, live: Live) -> Router {
    // Recording starts with the first router: nothing the server measures is lost.
    metrics::recorder();
    let pages = generate_route_list(App);
    let options = state.leptos_options.clone();
    Router::new()
        .nest("/api/v1", api::router())
        .leptos_routes(&state, pages, move || shell(options.clone()))
        .route("/order/{shop}", post(scan::start_and_show))
        .route_layer(middleware::from_fn_with_state(
            state.clone(),
            language::choose,
        ))
        .route_layer(middleware::from_fn_with_state(
            state.clone(),
            caller::resolve,
        ))
        .route("/metrics", get(metrics::metrics))
        .layer(Extension(live))
        .route("/healthz", get(health::healthz))
        .fallback(file_and_error_handler::<AppState, _>(shell))
        .layer(RequestBodyLimitLayer::new(api::MAX_BODY))
        .layer(middleware::from_fn(api::rejections::json_errors))
        .layer(middleware::from_fn(site::cache_bundles))
        // No browser guesses a type, and no link out tells where it came from (the
        // customer's page holds the booth's code in its address).
        .layer(SetResponseHeaderLayer::if_not_present(
            X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            REFERRER_POLICY,
            HeaderValue::from_static("same-origin"),
        ))
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
        match shops::list(&self.state.pool, false).await {
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

    /// Serves, and does the instance's [`work`] and listens for the live events, until
    /// `shutdown` completes; then finishes the requests in flight.
    pub async fn run(self, shutdown: impl Future<Output = ()> + Send + 'static) -> io::Result<()> {
        let pool = self.state.pool.clone();
        let work = work(self.state.clone());
        let sessions = self.state.sessions.clone();
        let live = Live::default();
        let app =
            router(self.state, live.clone()).into_make_service_with_connect_info::<SocketAddr>();
        // Open streams would keep a graceful shutdown waiting: they end first.
        let closing = live.clone();
        let shutdown = async move {
            shutdown.await;
            closing.close();
        };
        let serve = axum::serve(self.listener, app).with_graceful_shutdown(shutdown);
        // The work and the listener live as long as the server, and no
        // longer (the sequencer serves the requests in flight until the end).
        tokio::select! {
            served = serve => served,
            () = work => Ok(()),
            () = live.listen(pool, sessions) => Ok(()),
        }
    }
}

/// What an instance does besides answering requests, until dropped: the workflow's
/// deadlines, the sequencer that numbers the events the steps commit, the teller of each
/// line's places, and the robots it holds.
pub async fn work(state: AppState) {
    let sequencer = state.sequencer.clone();
    let teller = state.teller.clone();
    tokio::select! {
        () = runner::run(state.pool.clone(), sequencer.clone(), teller.clone()) => {}
        () = sequencer.run() => {}
        () = teller.run() => {}
        () = robots::run::run(state) => {}
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
