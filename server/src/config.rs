//! Configuration: documented defaults, overridden by the environment.
//!
//! Every field can be set as `CREMA__<FIELD>`, nested fields joined by `__`
//! (`CREMA__DATABASE__MAX_CONNECTIONS=20`); `DATABASE_URL` sets `database.url`.
//! The address the server listens on is Leptos' `LEPTOS_SITE_ADDR` (default
//! `127.0.0.1:3000`). Unknown `CREMA__` variables are an error, so typos show.

use secrecy::SecretString;
use serde::Deserialize;

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    pub database: DatabaseSettings,
    /// Seeds the demo shop and turns on the dev mailbox. Off unless set.
    pub dev_mode: bool,
    /// The address phones reach this server at, like `https://coffee.example.org`,
    /// used in the booth's QR code. Default: the address each request came in on.
    pub public_url: Option<String>,
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
        builder.build()?.try_deserialize()
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
        assert_eq!(settings.database.max_connections, 10);
        assert_eq!(
            settings.database.url.expose_secret(),
            "postgres://postgres@127.0.0.1:5432/crema"
        );
    }

    #[test]
    fn variables_override_defaults() {
        let settings = Settings::from_vars(vars(&[
            ("DATABASE_URL", "postgres://db.example/crema"),
            ("CREMA__DEV_MODE", "true"),
            ("CREMA__DATABASE__MAX_CONNECTIONS", "3"),
            ("CREMA__PUBLIC_URL", "https://coffee.example.org"),
            ("CREMA_DEMO_PASSWORD", "not ours to read here"),
        ]))
        .expect("valid variables");

        assert!(settings.dev_mode);
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
