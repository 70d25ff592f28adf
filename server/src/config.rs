//! Configuration: documented defaults, overridden by the environment.
//!
//! Every field can be set as `CREMA__<FIELD>`, nested fields joined by `__`
//! (`CREMA__DATABASE__MAX_CONNECTIONS=20`); `DATABASE_URL` sets `database.url`.
//! The address the server listens on is Leptos' `LEPTOS_SITE_ADDR` (default
//! `127.0.0.1:3000`). Unknown `CREMA__` variables are an error, so typos show.

use app::ssr::{auth::AuthSettings, mail::SmtpSettings};
use secrecy::SecretString;
use serde::Deserialize;

/// The demo staff accounts' password unless `CREMA_DEMO_PASSWORD` says otherwise.
pub const DEFAULT_DEMO_PASSWORD: &str = "crema-demo";

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    pub database: DatabaseSettings,
    /// Seeds the demo shop and staff accounts and delivers mail to the dev mailbox
    /// instead of sending it. Off unless set.
    pub dev_mode: bool,
    /// The password of the demo staff accounts, from `CREMA_DEMO_PASSWORD`.
    #[serde(skip)]
    pub demo_password: String,
    /// Where mail goes out (`CREMA__SMTP__HOST`, `__PORT`, `__USERNAME`, `__PASSWORD`,
    /// `__FROM`). Without it and outside dev mode, customers cannot get sign-in codes.
    pub smtp: Option<SmtpSettings>,
    /// Sign-in limits and where client addresses come from (`CREMA__AUTH__...`).
    pub auth: AuthSettings,
    /// The address phones reach this server at, like `https://coffee.example.org`,
    /// used in the booth's QR code. Default: the address each request came in on.
    pub public_url: Option<String>,
    /// `/metrics` (`CREMA__METRICS__TOKEN`).
    pub metrics: MetricsSettings,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct MetricsSettings {
    /// When set, `/metrics` answers only `Authorization: Bearer <token>`. Default unset:
    /// anyone who reaches the server may read them.
    pub token: Option<SecretString>,
}

#[derive(Debug, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DatabaseSettings {
    /// Default `postgres://postgres@127.0.0.1:5432/crema`.
    pub url: SecretString,
    /// Default 10.
    pub max_connections: u32,
}

impl Default for DatabaseSettings {
    fn default() -> Self {
        Self {
            url: SecretString::from("postgres://postgres@127.0.0.1:5432/crema"),
            max_connections: 10,
        }
    }
}

impl Settings {
    pub fn from_env() -> Result<Self, config::ConfigError> {
        Self::from_vars(std::env::vars())
    }

    fn from_vars(
        vars: impl IntoIterator<Item = (String, String)>,
    ) -> Result<Self, config::ConfigError> {
        let vars: config::Map<String, String> = vars.into_iter().collect();
        let mut builder = config::Config::builder().add_source(
            config::Environment::with_prefix("CREMA")
                .prefix_separator("__")
                .separator("__")
                .try_parsing(true)
                .source(Some(vars.clone())),
        );
        if let Some(url) = vars.get("DATABASE_URL") {
            builder = builder.set_override("database.url", url.as_str())?;
        }
        let mut settings: Self = builder.build()?.try_deserialize()?;
        settings.demo_password = vars
            .get("CREMA_DEMO_PASSWORD")
            .map_or(DEFAULT_DEMO_PASSWORD, String::as_str)
            .to_owned();
        settings.refuse_dev_mode_off_a_laptop()?;
        Ok(settings)
    }

    /// Dev mode shows everyone's codes and seeds accounts with a public password: it
    /// refuses to run where real mail goes out or phones come over HTTPS.
    fn refuse_dev_mode_off_a_laptop(&self) -> Result<(), config::ConfigError> {
        let https = self
            .public_url
            .as_deref()
            .is_some_and(|url| url.trim().to_ascii_lowercase().starts_with("https://"));
        let refusal = match () {
            () if !self.dev_mode => return Ok(()),
            () if self.smtp.is_some() => "SMTP is configured",
            () if https => "the public URL is https",
            () => return Ok(()),
        };
        Err(config::ConfigError::Message(format!(
            "dev mode is on and {refusal}: dev mode is for a laptop, never for a booth \
             (unset CREMA__DEV_MODE)"
        )))
    }
}

#[cfg(test)]
mod tests {
    use secrecy::ExposeSecret;

    use super::*;

    fn vars(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn defaults_apply_without_variables() {
        let settings = Settings::from_vars(vars(&[])).expect("defaults are valid");

        assert!(!settings.dev_mode);
        assert!(settings.smtp.is_none());
        assert_eq!(settings.demo_password, DEFAULT_DEMO_PASSWORD);
        assert_eq!(settings.database.max_connections, 10);
        assert_eq!(
            settings.database.url.expose_secret(),
            "postgres://postgres@127.0.0.1:5432/crema"
        );
    }

    #[test]
    fn dev_mode_refuses_to_run_where_real_mail_or_https_is() {
        let smtp = [
            ("CREMA__SMTP__HOST", "smtp.example.org"),
            ("CREMA__SMTP__FROM", "coffee@example.org"),
        ];
        let https = [("CREMA__PUBLIC_URL", "https://coffee.example.org")];
        for setting in [&smtp[..], &https[..]] {
            let dev = [&[("CREMA__DEV_MODE", "true")], setting].concat();
            let err = Settings::from_vars(vars(&dev)).expect_err("refused");
            assert!(err.to_string().contains("dev mode is on"), "{err}");
            assert!(
                Settings::from_vars(vars(setting)).is_ok(),
                "fine outside dev mode"
            );
        }
        let laptop = vars(&[
            ("CREMA__DEV_MODE", "true"),
            ("CREMA__PUBLIC_URL", "http://192.168.1.20:3000"),
        ]);
        assert!(Settings::from_vars(laptop).is_ok());
    }

    #[test]
    fn variables_override_defaults() {
        let settings = Settings::from_vars(vars(&[
            ("DATABASE_URL", "postgres://db.example/crema"),
            ("CREMA__DATABASE__MAX_CONNECTIONS", "3"),
            ("CREMA__PUBLIC_URL", "https://coffee.example.org"),
            ("CREMA_DEMO_PASSWORD", "espresso!"),
            ("CREMA__SMTP__HOST", "smtp.example.org"),
            ("CREMA__SMTP__FROM", "Crema <coffee@example.org>"),
            ("CREMA__AUTH__CODES_PER_CLIENT", "50"),
            ("CREMA__AUTH__TRUSTED_PROXIES", "10.0.0.1, 10.1.0.0/16"),
            ("CREMA__METRICS__TOKEN", "graphs-only"),
        ]))
        .expect("valid variables");

        assert_eq!(settings.demo_password, "espresso!");
        assert_eq!(settings.auth.codes_per_client, 50);
        assert_eq!(
            settings
                .metrics
                .token
                .as_ref()
                .map(ExposeSecret::expose_secret),
            Some("graphs-only")
        );
        assert_eq!(
            settings.auth.trusted_proxies,
            "10.0.0.1, 10.1.0.0/16".parse().expect("valid")
        );
        let smtp = settings.smtp.expect("SMTP configured");
        assert_eq!((smtp.host.as_str(), smtp.port), ("smtp.example.org", 587));
        assert_eq!(settings.database.max_connections, 3);
        assert_eq!(
            settings.database.url.expose_secret(),
            "postgres://db.example/crema"
        );
        assert_eq!(
            settings.public_url.as_deref(),
            Some("https://coffee.example.org")
        );
    }

    #[test]
    fn a_misspelt_variable_is_an_error() {
        let err = Settings::from_vars(vars(&[("CREMA__DEV_MOD", "true")]))
            .expect_err("unknown settings are refused");

        assert!(err.to_string().contains("dev_mod"), "{err}");
    }
}
