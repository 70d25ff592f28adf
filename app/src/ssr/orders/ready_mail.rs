//! "E-mail me when it's ready": a customer asks while the drink is still to come; once a
//! barista marks it ready, one mail goes to the address their account has then (none once
//! erased), in the language they asked in. It is sent after the step commits, off its
//! path; taking the ask is a `delete … returning`, so one mail goes out whichever
//! instance marks the order ready, however often it is recalled and made again.

use sqlx::PgPool;

use crate::{
    error::AppError,
    i18n::Lang,
    model::OrderId,
    ssr::mail::{Mail, Mailer},
};

/// Notes that `order`'s customer wants a mail when it is ready (asking twice is once).
pub async fn ask(pool: &PgPool, order: OrderId, lang: Lang) -> sqlx::Result<()> {
    sqlx::query(
        "insert into ready_mails (order_id, lang) values ($1, $2)
         on conflict (order_id) do nothing",
    )
    .bind(order.0)
    .bind(lang.tag())
    .execute(pool)
    .await?;
    Ok(())
}

/// Sends the mail `order`'s customer asked for, now that it is ready; nothing when they
/// did not ask, or it went out already. Failures are logged: the drink is ready either way.
pub async fn send(pool: &PgPool, mailer: &Mailer, order: OrderId) {
    if let Err(err) = try_send(pool, mailer, order).await {
        tracing::warn!(error = %err.message, order = %order.0, "sending the ready mail");
    }
}

async fn try_send(pool: &PgPool, mailer: &Mailer, order: OrderId) -> Result<(), AppError> {
    let asked = sqlx::query_as::<_, (String, Option<String>, Option<i32>, String)>(
        "with asked as (delete from ready_mails where order_id = $1 returning lang)
         select a.lang, u.email, o.number, s.name
         from asked a, orders o
         join users u on u.id = o.customer_id
         join shops s on s.slug = o.shop
         where o.id = $1",
    )
    .bind(order.0)
    .fetch_optional(pool)
    .await?;
    let Some((lang, Some(email), number, shop)) = asked else {
        return Ok(());
    };
    let texts = Lang::from_tag(&lang).unwrap_or_default().server();
    let label = number.map_or_else(String::new, |number| format!("#{number}"));
    let mail = Mail {
        to: email,
        subject: (texts.ready_subject)(&label),
        body: (texts.ready_body)(&label, &shop),
        code: None,
    };
    mailer.send(pool, mail).await
}
