//! Sending mail: over SMTP when configured, into the dev mailbox in dev mode.

use chrono::SecondsFormat;
use lettre::{
    AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor,
    message::{Mailbox, header::ContentType},
    transport::smtp::authentication::Credentials,
};
use serde::Deserialize;
use sqlx::PgPool;

use crate::{error::AppError, model::DevMail};

/// Where mail goes out. Every field can be set as `CREMA__SMTP__<FIELD>`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SmtpSettings {
    pub host: String,
    /// Default 587 (STARTTLS); 465 means TLS from the start.
    #[serde(default = "default_smtp_port")]
    pub port: u16,
    #[serde(default)]
    pub username: Option<String>,
    #[serde(default)]
    pub password: Option<String>,
    /// The sender, like `Crema <coffee@example.org>`.
    pub from: String,
}

fn default_smtp_port() -> u16 {
    587
}

/// A message to one person.
pub struct Mail {
    pub to: String,
    pub subject: String,
    pub body: String,
    pub code: Option<String>,
}

pub enum Mailer {
    Smtp {
        transport: AsyncSmtpTransport<Tokio1Executor>,
        from: Mailbox,
    },
    /// Dev mode: mail lands in the `dev_mailbox` table, readable at `/dev/mailbox`.
    DevMailbox,
    /// Neither configured: mail cannot be sent.
    Off,
}

impl std::fmt::Debug for Mailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Self::Smtp { .. } => "Mailer::Smtp",
            Self::DevMailbox => "Mailer::DevMailbox",
            Self::Off => "Mailer::Off",
        })
    }
}

impl Mailer {
    pub fn smtp(settings: &SmtpSettings) -> Result<Self, String> {
        let builder = if settings.port == 465 {
            AsyncSmtpTransport::<Tokio1Executor>::relay(&settings.host)
        } else {
            AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(&settings.host)
        }
        .map_err(|err| format!("SMTP host {}: {err}", settings.host))?
        .port(settings.port);
        let builder = match (&settings.username, &settings.password) {
            (Some(user), Some(password)) => {
                builder.credentials(Credentials::new(user.clone(), password.clone()))
            }
            _ => builder,
        };
        let from = settings
            .from
            .parse()
            .map_err(|err| format!("SMTP sender {:?}: {err}", settings.from))?;
        Ok(Self::Smtp {
            transport: builder.build(),
            from,
        })
    }

    pub async fn send(&self, pool: &PgPool, mail: Mail) -> Result<(), AppError> {
        match self {
            Self::Smtp { transport, from } => {
                let to = mail.to.parse().map_err(|_| {
                    AppError::invalid("email", "invalid_email", "That is not an e-mail address.")
                })?;
                let message = Message::builder()
                    .from(from.clone())
                    .to(to)
                    .subject(mail.subject)
                    .header(ContentType::TEXT_PLAIN)
                    .body(mail.body)
                    .map_err(|err| {
                        tracing::error!(error = %err, "building a message");
                        AppError::internal()
                    })?;
                transport.send(message).await.map_err(|err| {
                    tracing::error!(error = %err, "sending mail");
                    mail_unavailable()
                })?;
            }
            Self::DevMailbox => {
                sqlx::query!(
                    "insert into dev_mailbox (recipient, subject, body, code) values ($1, $2, $3, $4)",
                    mail.to,
                    mail.subject,
                    mail.body,
                    mail.code,
                )
                .execute(pool)
                .await?;
            }
            Self::Off => return Err(mail_unavailable()),
        }
        Ok(())
    }
}

fn mail_unavailable() -> AppError {
    AppError::new(
        503,
        "mail_unavailable",
        "We could not send you an e-mail just now. Please ask at the booth.",
    )
}

/// The dev mailbox, newest first; only what was sent to `email` when one is given.
pub async fn dev_mailbox(pool: &PgPool, email: &str) -> sqlx::Result<Vec<DevMail>> {
    let rows = sqlx::query!(
        "select recipient, subject, body, code, sent_at from dev_mailbox
         where recipient = $1
         order by sent_at desc, id desc
         limit 100",
        email,
    )
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| DevMail {
            to: row.recipient,
            subject: row.subject,
            body: row.body,
            code: row.code,
            sent_at: row.sent_at.to_rfc3339_opts(SecondsFormat::Millis, true),
        })
        .collect())
}
