//! Idempotency keys: a request repeated with the same `Idempotency-Key` by the same user
//! gets the first response and changes nothing.
//!
//! Both surfaces, the JSON API and the server functions, pass the key to the use case,
//! which runs its work in the call's transaction:
//!
//! ```text
//! let mut call = match idempotency::begin(pool, key).await?.replay(sequencer).await {
//!     Ok(first) => return first,
//!     Err(call) => call,
//! };
//! let result = work(call.tx()).await;
//! call.finish(sequencer, result).await
//! ```

use serde::{Serialize, de::DeserializeOwned};
use serde_json::Value;
use sqlx::{PgConnection, PgPool, Postgres, Transaction};
use uuid::Uuid;

use crate::{error::AppError, model::UserId, ssr::sequencer::Sequencer};

pub const MAX_KEY_LEN: usize = 200;

/// A new key, for a form the server renders (a browser without the app posts it back).
pub fn fresh_key() -> String {
    super::random_token::<12>()
}

/// The status a success is remembered with; the surfaces answer it with their own.
const SUCCESS: u16 = 200;

/// Whose request, which operation on what (`orders.drink <id>`), and the key.
pub struct Key<'a> {
    pub user: UserId,
    pub request: String,
    pub key: &'a str,
}

/// A request's transaction, with its key when it has one.
pub struct Call {
    tx: Transaction<'static, Postgres>,
    key: Option<(Uuid, String, String)>,
    replay: Option<(u16, Value)>,
}

/// Starts the request's transaction. With a key, writes the key's row first: a
/// concurrent repeat waits on it until this transaction ends, then finds the answer to
/// replay.
pub async fn begin(pool: &PgPool, key: Option<Key<'_>>) -> Result<Call, AppError> {
    let key = key
        .map(|Key { user, request, key }| check(key).map(|key| (user.0, request, key.to_owned())))
        .transpose()?;
    let mut tx = pool.begin().await?;
    let mut replay = None;
    if let Some((user, request, key)) = &key {
        let claimed = sqlx::query!(
            "insert into idempotency_keys (user_id, request, key, status, body)
             values ($1, $2, $3, 0, 'null') on conflict do nothing",
            user,
            request,
            key,
        )
        .execute(&mut *tx)
        .await?
        .rows_affected()
            == 1;
        if !claimed {
            let first = sqlx::query!(
                "select status, body from idempotency_keys
                 where user_id = $1 and request = $2 and key = $3",
                user,
                request,
                key,
            )
            .fetch_one(&mut *tx)
            .await?;
            replay = Some((first.status as u16, first.body));
        }
    }
    Ok(Call { tx, key, replay })
}

impl Call {
    /// The first answer to this key, when this is a repeat: a success once its events
    /// are numbered (the first call may have answered `events_pending`); the call
    /// itself, to do the work, when it is the first.
    pub async fn replay<T: DeserializeOwned>(
        mut self,
        sequencer: &Sequencer,
    ) -> Result<Result<T, AppError>, Self> {
        let Some((status, body)) = self.replay.take() else {
            return Err(self);
        };
        // A repeat wrote nothing; its transaction ends first, as the sequencer may need
        // the connection.
        drop(self);
        Ok(if (200..300).contains(&status) {
            match sequencer.sequenced().await {
                Ok(()) => serde_json::from_value(body).map_err(|err| {
                    tracing::error!(error = %err, "a remembered answer that does not read");
                    AppError::internal()
                }),
                Err(pending) => Err(pending),
            }
        } else {
            Err(AppError::from_json_body(status, &body))
        })
    }

    pub fn tx(&mut self) -> &mut PgConnection {
        &mut self.tx
    }

    /// Commits the work's `result` and remembers it. Refusals (4xx) are remembered too:
    /// the work writes nothing before refusing. Server errors roll back, so the request
    /// may be retried.
    pub async fn finish<T: Serialize>(
        mut self,
        sequencer: &Sequencer,
        result: Result<T, AppError>,
    ) -> Result<T, AppError> {
        if matches!(&result, Err(err) if err.status >= 500) {
            return result;
        }
        if let Some((user, request, key)) = &self.key {
            let answer = match &result {
                Ok(value) => (
                    SUCCESS,
                    serde_json::to_value(value).map_err(|_| AppError::internal())?,
                ),
                Err(err) => (err.status, err.json_body()),
            };
            sqlx::query!(
                "update idempotency_keys set status = $4, body = $5
                 where user_id = $1 and request = $2 and key = $3",
                user,
                request,
                key,
                answer.0 as i16,
                answer.1,
            )
            .execute(&mut *self.tx)
            .await?;
        }
        // Only a success appended events; a refusal wrote nothing but its key.
        if result.is_ok() {
            sequencer.commit(self.tx).await?;
        } else {
            self.tx.commit().await?;
        }
        result
    }
}

fn check(key: &str) -> Result<&str, AppError> {
    let key = key.trim();
    if key.is_empty() || key.len() > MAX_KEY_LEN {
        return Err(AppError::new(
            400,
            "invalid_idempotency_key",
            format!("An Idempotency-Key has 1 to {MAX_KEY_LEN} characters."),
        ));
    }
    Ok(key)
}

/// Forgets keys older than a day.
pub async fn forget_old(pool: &PgPool) -> sqlx::Result<u64> {
    let done =
        sqlx::query!("delete from idempotency_keys where created_at < now() - interval '1 day'")
            .execute(pool)
            .await?;
    Ok(done.rows_affected())
}
