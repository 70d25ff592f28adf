//! Stock at the counter: sold out and back, counts that run down exactly under
//! concurrency, portions given back, and the menu and its events following.

use app::model::EventKind;
use futures::future::join_all;
use reqwest::Method;
use serde_json::{Value, json};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};

use crate::{
    helpers::{Auth, error_code},
    orders::Booth,
};

impl Booth {
    async fn stock(&self) -> Value {
        let response = self.app.get("/api/v1/shops/demo/stock").await;
        assert_eq!(response.status(), 200);
        response.json().await.expect("json")
    }

    async fn patch_stock(&self, patch: Value) -> reqwest::Response {
        self.app
            .request(
                Method::PATCH,
                "/api/v1/shops/demo/stock",
                Auth::Bearer(&self.barista),
            )
            .json(&patch)
            .send()
            .await
            .expect("sent")
    }

    /// Whether the shop's menu shows the choice `oat` of the latte as available.
    async fn menu_shows_oat(&self) -> bool {
        let shop: Value = self
            .app
            .get("/api/v1/shops/demo")
            .await
            .json()
            .await
            .expect("json");
        let latte = shop["menu"]
            .as_array()
            .expect("menu")
            .iter()
            .find(|drink| drink["id"] == "latte")
            .expect("latte")
            .clone();
        let oat = latte["groups"]
            .as_array()
            .expect("groups")
            .iter()
            .flat_map(|group| group["choices"].as_array().expect("choices"))
            .find(|choice| choice["id"] == "oat")
            .expect("oat")
            .clone();
        oat["available"].as_bool().expect("flag")
    }

    /// Events of `kind` in the shop's log.
    async fn shop_events(&self, kind: EventKind) -> Vec<Value> {
        sqlx::query_scalar("select data from events where shop = 'demo' and type = $1 order by seq")
            .bind(kind.as_str())
            .fetch_all(&self.app.pool)
            .await
            .expect("events")
    }
}

#[sqlx::test(migrator = "app::ssr::db::MIGRATOR")]
async fn a_count_of_five_queues_exactly_five_of_eight_concurrent_orders(
    _: PgPoolOptions,
    db: PgConnectOptions,
) {
    let booth = Booth::new(db, json!({})).await;
    let set = booth
        .patch_stock(json!({ "choices": { "oat": { "remaining": 5 } } }))
        .await;
    assert_eq!(set.status(), 200);
    let mut started = Vec::new();
    for n in 0..8 {
        let customer = booth.app.customer_token(&format!("c{n}@example.org")).await;
        let id = booth.started(&customer).await;
        started.push((customer, id));
    }

    let answers = join_all(
        started
            .iter()
            .map(|(customer, id)| booth.choose(customer, id, "latte", &["oat"])),
    )
    .await;
    let mut queued = Vec::new();
    let mut refused = Vec::new();
    for (answer, (customer, id)) in answers.into_iter().zip(&started) {
        match answer.status().as_u16() {
            200 => queued.push((customer, id)),
            422 => {
                let body: Value = answer.json().await.expect("json");
                refused.push((
                    body["error"]["code"].clone(),
                    body["error"]["field"].clone(),
                ));
            }
            other => panic!("unexpected {other}"),
        }
    }

    assert_eq!(queued.len(), 5);
    assert_eq!(refused, vec![(json!("sold_out"), json!("choices[0]")); 3]);
    assert_eq!(
        booth.stock().await["choices"]["oat"],
        json!({ "available": true, "remaining": 0 })
    );
    assert!(!booth.menu_shows_oat().await, "sold out at 0");

    // A cancel before making gives its portion back: oat is back on the menu.
    let (customer, id) = queued[0];
    assert_eq!(booth.step(customer, id, "cancel").await.status(), 200);
    assert_eq!(booth.stock().await["choices"]["oat"]["remaining"], 1);
    assert!(booth.menu_shows_oat().await);

    // One that a barista started making has used its portion.
    let (_, made) = queued[1];
    assert_eq!(
        booth.step(&booth.barista, made, "claim").await.status(),
        200
    );
    assert_eq!(
        booth.step(&booth.barista, made, "cancel").await.status(),
        200
    );
    assert_eq!(booth.stock().await["choices"]["oat"]["remaining"], 1);

    // The counter's change, each order's portion and the one given back: events.
    let remaining: Vec<Value> = booth
        .shop_events(EventKind::StockChanged)
        .await
        .iter()
        .map(|data| data["choices"]["oat"]["remaining"].clone())
        .collect();
    assert_eq!(remaining.len(), 7, "{remaining:?}");
    assert_eq!(remaining[0], 5);
    assert_eq!(remaining[6], 1);
}

#[sqlx::test(migrator = "app::ssr::db::MIGRATOR")]
async fn an_order_that_times_out_before_it_is_made_gives_its_portions_back(
    _: PgPoolOptions,
    db: PgConnectOptions,
) {
    let booth = Booth::new(db, json!({ "barista_timeout_s": 1 })).await;
    booth
        .patch_stock(json!({ "drinks": { "latte": { "remaining": 2 } }, "choices": { "oat": { "remaining": 1 } } }))
        .await;
    let ada = booth.app.customer_token("ada@example.org").await;
    let id = booth.queued(&ada).await["id"]
        .as_str()
        .expect("id")
        .to_owned();
    let stock = booth.stock().await;
    assert_eq!(
        (
            &stock["drinks"]["latte"]["remaining"],
            &stock["choices"]["oat"]["remaining"]
        ),
        (&json!(1), &json!(0))
    );

    booth.app.wait_for_state(&ada, &id, "timed_out").await;

    let stock = booth.stock().await;
    assert_eq!(
        (
            &stock["drinks"]["latte"]["remaining"],
            &stock["choices"]["oat"]["remaining"]
        ),
        (&json!(2), &json!(1))
    );
    let given_back = booth.shop_events(EventKind::StockChanged).await;
    assert_eq!(
        given_back.last().expect("an event")["actor"]["kind"],
        "system"
    );
}

#[sqlx::test(migrator = "app::ssr::db::MIGRATOR")]
async fn the_counter_marks_items_sold_out_and_back_and_the_menu_follows(
    _: PgPoolOptions,
    db: PgConnectOptions,
) {
    let booth = Booth::new(db, json!({})).await;
    let ada = booth.app.customer_token("ada@example.org").await;
    let id = booth.started(&ada).await;

    let marked = booth
        .patch_stock(json!({ "drinks": { "latte": { "available": false } } }))
        .await;
    assert_eq!(marked.status(), 200);
    let stock: Value = marked.json().await.expect("json");
    assert_eq!(stock["drinks"]["latte"], json!({ "available": false }));
    // Every id of the menu, and nothing else.
    assert_eq!(stock["drinks"].as_object().expect("drinks").len(), 6);
    assert!(stock["choices"]["oat"]["available"].as_bool().expect("oat"));

    let refused = booth.choose(&ada, &id, "latte", &["oat"]).await;
    assert_eq!(refused.status(), 422);
    let body: Value = refused.json().await.expect("json");
    assert_eq!(
        (&body["error"]["code"], &body["error"]["field"]),
        (&json!("sold_out"), &json!("drink"))
    );

    booth
        .patch_stock(json!({ "drinks": { "latte": { "available": true } } }))
        .await;
    assert_eq!(
        booth.choose(&ada, &id, "latte", &["oat"]).await.status(),
        200
    );

    let event = booth.shop_events(EventKind::StockChanged).await.remove(0);
    assert_eq!(event["actor"]["kind"], "staff");
    assert_eq!(event["drinks"]["latte"], json!({ "available": false }));
}

#[sqlx::test(migrator = "app::ssr::db::MIGRATOR")]
async fn a_stock_change_names_what_is_wrong(_: PgPoolOptions, db: PgConnectOptions) {
    let booth = Booth::new(db, json!({})).await;
    let field = |response: reqwest::Response| async move {
        assert_eq!(response.status(), 422);
        let body: Value = response.json().await.expect("json");
        body["error"]["field"].clone()
    };

    let unknown = booth
        .patch_stock(json!({ "choices": { "rum": { "available": false } } }))
        .await;
    assert_eq!(field(unknown).await, "choices.rum");
    let negative = booth
        .patch_stock(json!({ "choices": { "oat": { "remaining": -1 } } }))
        .await;
    assert_eq!(field(negative).await, "choices.oat.remaining");
    let customer = booth.app.customer_token("ada@example.org").await;
    let by_customer = booth
        .app
        .request(
            Method::PATCH,
            "/api/v1/shops/demo/stock",
            Auth::Bearer(&customer),
        )
        .json(&json!({ "choices": { "oat": { "available": false } } }))
        .send()
        .await
        .expect("sent");
    assert_eq!(error_code(by_customer).await, "forbidden");
    assert!(
        booth.stock().await["choices"]["oat"]["available"]
            .as_bool()
            .expect("oat")
    );
}

#[sqlx::test(migrator = "app::ssr::db::MIGRATOR")]
async fn the_menu_and_the_counter_write_one_flag_and_the_count_stays(
    _: PgPoolOptions,
    db: PgConnectOptions,
) {
    let booth = Booth::new(db, json!({})).await;
    let admin = booth.app.staff_token("ines", app::model::Role::Admin).await;
    booth
        .patch_stock(json!({ "choices": { "oat": { "remaining": 24 } } }))
        .await;
    let shop: Value = booth
        .app
        .get("/api/v1/shops/demo")
        .await
        .json()
        .await
        .expect("json");
    let mut menu = shop["menu"].clone();
    let put_menu = |menu: Value| {
        booth
            .app
            .request(Method::PUT, "/api/v1/shops/demo/menu", Auth::Bearer(&admin))
            .json(&menu)
            .send()
    };

    // The admin marks oat unavailable wherever it is: the counter's count stays.
    for drink in menu.as_array_mut().expect("menu") {
        for group in drink["groups"].as_array_mut().expect("groups") {
            for choice in group["choices"].as_array_mut().expect("choices") {
                if choice["id"] == "oat" {
                    choice["available"] = json!(false);
                }
            }
        }
    }
    assert_eq!(put_menu(menu.clone()).await.expect("sent").status(), 200);
    assert_eq!(
        booth.stock().await["choices"]["oat"],
        json!({ "available": false, "remaining": 24 })
    );

    // One choice id is one ingredient: two flags for it are refused.
    let americano_oat = &mut menu[1]["groups"][1]["choices"][1];
    assert_eq!(americano_oat["id"], "oat");
    americano_oat["available"] = json!(true);
    let refused = put_menu(menu).await.expect("sent");
    assert_eq!(refused.status(), 422);
    assert_eq!(error_code(refused).await, "invalid_menu");
}
