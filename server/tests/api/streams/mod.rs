//! Live streams: order, replay after reconnecting, and who sees what.

mod limits;
mod public;
pub(crate) mod reader;
mod sequencing;

use app::model::{
    EventKind::{self, *},
    Role,
};
use reader::{Frame, Reader, kinds};
use serde_json::json;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};

use crate::{
    helpers::{Auth, spawn_app},
    orders::Booth,
};

/// A booth that takes many orders from the same customers.
async fn busy_booth(db: PgConnectOptions) -> Booth {
    Booth::new(
        db,
        json!({ "capacity": 100, "drinks_per_code": 100, "daily_limit": 0 }),
    )
    .await
}

const LIFECYCLE: [EventKind; 5] = [
    QrRedeemed,
    OrderCreated,
    OrderQueued,
    OrderClaimed,
    OrderReady,
];

#[sqlx::test(migrator = "app::ssr::db::MIGRATOR")]
async fn the_shop_stream_carries_each_step_live_in_order(_: PgPoolOptions, db: PgConnectOptions) {
    let shop = busy_booth(db).await;
    let ada = shop.app.customer_token("ada@example.org").await;
    let mut stream =
        Reader::open(&shop.app, "/api/v1/shops/demo/stream", &shop.barista, None).await;

    let id = shop.serve(&ada).await;

    let frames = stream.drain().await;
    assert_eq!(kinds(&frames), LIFECYCLE);
    assert!(frames.windows(2).all(|pair| pair[0].id < pair[1].id));
    assert!(
        frames[1..]
            .iter()
            .all(|frame| frame.data["order_id"] == id.as_str())
    );
    assert!(
        frames
            .iter()
            .all(|frame| frame.data["seq"] == frame.id && frame.data["message"].is_string())
    );
    assert_eq!(frames[0].data["data"]["remaining"], 99);
}

#[sqlx::test(migrator = "app::ssr::db::MIGRATOR")]
async fn a_reconnecting_client_gets_each_event_once_in_order(
    _: PgPoolOptions,
    db: PgConnectOptions,
) {
    let shop = busy_booth(db).await;
    let ada = shop.app.customer_token("ada@example.org").await;
    let bob = shop.app.customer_token("bob@example.org").await;
    shop.serve(&ada).await;

    // First connection: replays from the beginning, then leaves after three events.
    let mut first = Reader::open(
        &shop.app,
        "/api/v1/shops/demo/stream?since=0",
        &shop.display,
        None,
    )
    .await;
    let mut seen = Vec::new();
    for _ in 0..3 {
        seen.push(first.next().await.expect("a replayed event"));
    }
    drop(first);
    // Events keep flowing while the client is away.
    let serving = shop.serve(&bob);
    let last = seen.last().map(|frame| frame.id);
    let (_, mut second) = tokio::join!(
        serving,
        Reader::open(&shop.app, "/api/v1/shops/demo/stream", &shop.display, last)
    );
    seen.extend(second.drain().await);

    let ids: Vec<i64> = seen.iter().map(|frame| frame.id).collect();
    // All but the customers' places in the line, which are theirs alone.
    let all: Vec<i64> =
        sqlx::query_scalar("select seq from events where type <> 'order.position' order by seq")
            .fetch_all(&shop.app.pool)
            .await
            .expect("the log");
    assert_eq!(ids, all, "every event once, in order");
    assert_eq!(ids.len(), 2 * LIFECYCLE.len());
}

#[sqlx::test(migrator = "app::ssr::db::MIGRATOR")]
async fn a_customer_stream_carries_only_their_own_orders(_: PgPoolOptions, db: PgConnectOptions) {
    let shop = busy_booth(db).await;
    let ada = shop.app.customer_token("ada@example.org").await;
    let bob = shop.app.customer_token("bob@example.org").await;
    let mut stream = Reader::open(&shop.app, "/api/v1/me/stream", &ada, None).await;

    let bobs = shop.serve(&bob).await;
    let adas = shop.serve(&ada).await;
    let closed = shop
        .app
        .request(
            reqwest::Method::PUT,
            "/api/v1/shops/demo/open",
            Auth::Bearer(&shop.barista),
        )
        .json(&json!({ "open": false }))
        .send()
        .await
        .expect("closed");
    assert_eq!(closed.status(), 200);

    let frames = stream.drain().await;
    // Her place in the line is told in the background: before the claim, or not at all.
    let steps: Vec<_> = kinds(&frames)
        .into_iter()
        .filter(|kind| *kind != OrderPosition)
        .collect();
    assert_eq!(
        steps,
        [
            OrderCreated,
            OrderQueued,
            OrderClaimed,
            OrderReady,
            ShopClosed
        ]
    );
    assert!(
        frames
            .iter()
            .filter(|frame| frame.kind != "shop.closed")
            .all(|frame| frame.data["order_id"] == adas.as_str())
    );
    let text = format!("{frames:?}");
    assert!(!text.contains(&bobs), "nothing of Bob's order");
    assert!(!text.contains("bob@example.org"));
    assert!(
        !text.contains("qr_token") && !text.contains("\"token\""),
        "no tokens"
    );
}

#[sqlx::test(migrator = "app::ssr::db::MIGRATOR")]
async fn streams_are_for_their_audience_only(_: PgPoolOptions, db: PgConnectOptions) {
    let shop = busy_booth(db).await;
    let ada = shop.app.customer_token("ada@example.org").await;

    let status = |path: &'static str, auth| {
        let app = &shop.app;
        async move { app.get_as(path, auth).await.status().as_u16() }
    };
    assert_eq!(status("/api/v1/shops/demo/stream", Auth::None).await, 401);
    assert_eq!(
        status("/api/v1/shops/demo/stream", Auth::Bearer(&ada)).await,
        403
    );
    assert_eq!(
        status("/api/v1/shops/nowhere/stream", Auth::Bearer(&shop.barista)).await,
        404
    );
    assert_eq!(status("/api/v1/me/stream", Auth::None).await, 401);
    assert_eq!(
        status("/api/v1/me/stream", Auth::Bearer(&shop.barista)).await,
        403
    );
}

#[sqlx::test(migrator = "app::ssr::db::MIGRATOR")]
async fn two_instances_on_one_database_act_as_one(_: PgPoolOptions, db: PgConnectOptions) {
    let one = busy_booth(db.clone()).await;
    let two = spawn_app(db).await;
    let ada = one.app.customer_token("ada@example.org").await;
    let bob = one.app.customer_token("bob@example.org").await;
    let mut on_one = Reader::open(&one.app, "/api/v1/shops/demo/stream", &one.barista, None).await;
    let mut on_two = Reader::open(&two, "/api/v1/shops/demo/stream", &one.display, None).await;

    // Redeemed and given its drink on one instance, claimed and completed on the other.
    let served = one.queued(&ada).await["id"]
        .as_str()
        .expect("id")
        .to_owned();
    for step in ["claim", "complete"] {
        let response = two
            .request(
                reqwest::Method::POST,
                &format!("/api/v1/orders/{served}/{step}"),
                Auth::Bearer(&one.barista),
            )
            .send()
            .await
            .expect("sent");
        assert_eq!(response.status(), 200, "{step} on the second instance");
    }
    // Left to time out: both instances run a runner.
    let missed = one.queued(&bob).await["id"]
        .as_str()
        .expect("id")
        .to_owned();
    sqlx::query("update orders set deadline_at = now() where id = $1::uuid")
        .bind(&missed)
        .execute(&one.app.pool)
        .await
        .expect("due");
    one.app.wait_for_state(&bob, &missed, "timed_out").await;

    let seen_one = on_one.drain().await;
    let seen_two = on_two.drain().await;
    let summary = |frames: &[Frame]| {
        frames
            .iter()
            .map(|frame| (frame.id, frame.kind.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        summary(&seen_one),
        summary(&seen_two),
        "both streams see every event"
    );
    assert_eq!(
        kinds(&seen_one),
        [
            QrRedeemed,
            OrderCreated,
            OrderQueued,
            OrderClaimed,
            OrderReady,
            QrRedeemed,
            OrderCreated,
            OrderQueued,
            OrderTimedOut,
        ]
    );
    assert_eq!(
        one.app
            .events_of_type(&missed, EventKind::OrderTimedOut)
            .await,
        1,
        "the deadline fired once"
    );
}

#[sqlx::test(migrator = "app::ssr::db::MIGRATOR")]
async fn stock_changes_reach_the_shop_its_customers_and_the_console(
    _: PgPoolOptions,
    db: PgConnectOptions,
) {
    let shop = busy_booth(db).await;
    let app = &shop.app;
    let ada = app.customer_token("ada@example.org").await;
    let bo = app.customer_token("bo@example.org").await;
    let admin = app.staff_token("boss", Role::Admin).await;
    shop.serve(&ada).await;
    let mut board = Reader::open(app, "/api/v1/shops/demo/stream", &shop.barista, None).await;
    let mut ordered_there = Reader::open(app, "/api/v1/me/stream", &ada, None).await;
    let mut never_ordered = Reader::open(app, "/api/v1/me/stream", &bo, None).await;
    let mut console = Reader::open(app, "/api/v1/stream", &admin, None).await;

    let changed = app
        .request(
            reqwest::Method::PATCH,
            "/api/v1/shops/demo/stock",
            Auth::Bearer(&shop.barista),
        )
        .json(&json!({ "choices": { "oat": { "available": false } } }))
        .send()
        .await
        .expect("sent");
    assert_eq!(changed.status(), 200);

    assert_eq!(kinds(&board.drain().await), [StockChanged]);
    assert_eq!(kinds(&ordered_there.drain().await), [StockChanged]);
    assert_eq!(kinds(&never_ordered.drain().await), Vec::<EventKind>::new());
    let frames = console.drain().await;
    assert_eq!(kinds(&frames), [StockChanged]);
    assert_eq!(frames[0].data["data"]["choices"]["oat"]["available"], false);
}

#[sqlx::test(migrator = "app::ssr::db::MIGRATOR")]
async fn the_consoles_stream_carries_every_shop_for_admins_only(
    _: PgPoolOptions,
    db: PgConnectOptions,
) {
    let shop = busy_booth(db).await;
    let app = &shop.app;
    let admin = app.staff_token("boss", Role::Admin).await;
    let created = app
        .post_json(
            "/api/v1/shops",
            json!({ "slug": "other", "name": "Other booth" }),
            Auth::Bearer(&admin),
        )
        .await;
    assert_eq!(created.status(), 201);
    let mut console = Reader::open(app, "/api/v1/stream", &admin, Some(0)).await;
    for slug in ["demo", "other"] {
        let opened = app
            .request(
                reqwest::Method::PUT,
                &format!("/api/v1/shops/{slug}/open"),
                Auth::Bearer(&admin),
            )
            .json(&json!({ "open": slug == "other" }))
            .send()
            .await
            .expect("sent");
        assert_eq!(opened.status(), 200);
    }

    let frames = console.drain().await;
    let shops: Vec<_> = frames
        .iter()
        .map(|frame| frame.data["shop"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(kinds(&frames), [ShopClosed, ShopOpened]);
    assert_eq!(shops, ["demo", "other"]);
    for token in [&shop.barista, &shop.display] {
        let refused = app.get_as("/api/v1/stream", Auth::Bearer(token)).await;
        assert_eq!(refused.status(), 403);
    }
}
