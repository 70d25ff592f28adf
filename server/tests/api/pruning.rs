//! Tables that would only grow are pruned of what no rule reads any more.

use app::{model::Role, ssr::prune};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};

use crate::helpers::{Auth, spawn_app};

#[sqlx::test(migrator = "app::ssr::db::MIGRATOR")]
async fn old_codes_sessions_mail_and_keys_are_pruned_and_the_rest_kept(
    _: PgPoolOptions,
    db: PgConnectOptions,
) {
    let app = spawn_app(db).await;
    let pool = &app.pool;
    let live = app.customer_token("ada@example.org").await;
    let old = app.session_for("old@example.org", Role::Customer).await;
    app.request_code("grace@example.org").await;
    let run = |sql: &'static str| async move {
        sqlx::query(sql).execute(pool).await.expect(sql);
    };
    // Ada's code is used and Grace's is live; a day passes for everything but Ada's
    // session and Grace's code.
    run(
        "update sign_in_codes set created_at = now() - interval '1 day'
         where email = 'ada@example.org'",
    )
    .await;
    run("insert into sign_in_failures (email, client, at)
         values ('ada@example.org', '10.0.0.1', now() - interval '1 hour')")
    .await;
    run("update sessions set expires_at = now() - interval '2 days'
         where user_id = (select id from users where email = 'old@example.org')")
    .await;
    run("update dev_mailbox set sent_at = now() - interval '2 days'
         where recipient = 'ada@example.org'")
    .await;
    run(
        "insert into idempotency_keys (user_id, request, key, status, body, created_at)
         select id, 'orders.start demo', 'k', 200, 'null', now() - interval '2 days'
         from users where email = 'ada@example.org'",
    )
    .await;
    let (_, waiting) = app.start_pairing().await;
    run(
        "insert into device_pairings (code, secret_hash, client, created_at, expires_at)
         values ('ABCDEFGH', '\\x00', 'test', now() - interval '2 days',
                 now() - interval '2 days' + interval '10 minutes')",
    )
    .await;

    let pruned = prune::prune(pool).await.expect("pruned");

    assert_eq!(
        pruned,
        prune::Pruned {
            sign_in_codes: 1,
            sign_in_failures: 1,
            sessions: 1,
            dev_mail: 1,
            idempotency_keys: 1,
            device_pairings: 1,
        }
    );
    assert_eq!(
        app.me_status(Auth::Bearer(&live)).await,
        200,
        "a live session stays"
    );
    assert_eq!(app.me_status(Auth::Bearer(&old)).await, 401);
    assert_eq!(
        app.api()
            .mailbox("grace@example.org")
            .await
            .expect("mail")
            .len(),
        1
    );
    assert_eq!(
        app.pairing_state(&waiting).await.status(),
        200,
        "a waiting pairing stays"
    );
    let code = app.latest_code("grace@example.org").await;
    assert_eq!(
        app.verify("grace@example.org", &code).await.status(),
        200,
        "a live code stays"
    );
}
