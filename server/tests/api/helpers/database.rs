//! What the tests read and write in the database directly, beside the API.

use app::{
    model::{EventKind, Role},
    ssr::seed,
};

use super::TestApp;

impl TestApp {
    /// How many events of `kind` the order has, once every event of it that committed is
    /// numbered in the log (a change the runner made commits before the sequencer
    /// numbers its event).
    pub async fn events_of_type(&self, id: &str, kind: EventKind) -> i64 {
        self.wait_until_numbered(id).await;
        sqlx::query_scalar("select count(*) from events where order_id = $1::uuid and type = $2")
            .bind(id)
            .bind(kind.as_str())
            .fetch_one(&self.pool)
            .await
            .expect("count")
    }

    /// Returns once every event of the order that committed is numbered in the log.
    pub async fn wait_until_numbered(&self, id: &str) {
        loop {
            let waiting: i64 =
                sqlx::query_scalar("select count(*) from event_inbox where order_id = $1::uuid")
                    .bind(id)
                    .fetch_one(&self.pool)
                    .await
                    .expect("count");
            if waiting == 0 {
                return;
            }
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        }
    }

    pub async fn order_state(&self, id: &str) -> String {
        sqlx::query_scalar("select state::text from orders where id = $1::uuid")
            .bind(id)
            .fetch_one(&self.pool)
            .await
            .expect("an order")
    }

    /// A session for a user made directly in the database (for tests that need many).
    pub async fn session_for(&self, name: &str, role: Role) -> String {
        let id: uuid::Uuid = if role == Role::Customer {
            sqlx::query_scalar(
                "insert into users (role, email) values ('customer', $1) returning id",
            )
            .bind(name)
            .fetch_one(&self.pool)
            .await
            .expect("customer")
        } else {
            sqlx::query_scalar(
                "insert into users (role, username, password_hash) values ($1, $2, 'not a hash') returning id",
            )
            .bind(role)
            .bind(name)
            .fetch_one(&self.pool)
            .await
            .expect("staff")
        };
        app::ssr::auth::sessions::start(&self.pool, id)
            .await
            .expect("session")
            .token
    }

    pub async fn seed_demo_shop(&self) {
        seed::demo_shop(&self.pool).await.expect("seeded");
    }
}
