//! The one form of an e-mail address Crema takes, so that one mailbox is one customer.

use crate::error::AppError;

/// An e-mail address in the plain `local@domain` form, lowercased; a 422 naming the
/// `email` field otherwise. Display names, `<…>`, quotes, comments and non-ASCII are
/// refused, so that one mailbox is one customer.
pub fn normalize_email(email: &str) -> Result<String, AppError> {
    let email = email.trim();
    let atom = |atom: &str| {
        !atom.is_empty()
            && atom
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "!#$%&'*+/=?^_`{|}~-".contains(c))
    };
    let label = |label: &str| {
        (1..=63).contains(&label.len())
            && !label.starts_with('-')
            && !label.ends_with('-')
            && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
    };
    let plain = email.len() <= 254
        && email.split_once('@').is_some_and(|(local, domain)| {
            local.len() <= 64
                && local.split('.').all(atom)
                && domain.contains('.')
                && domain.split('.').all(label)
        });
    if plain {
        Ok(email.to_ascii_lowercase())
    } else {
        Err(AppError::invalid(
            "email",
            "invalid_email",
            "That doesn't look like an e-mail address (like ada@example.org).",
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes_addresses() {
        assert_eq!(
            normalize_email("  Ada@Example.ORG ").as_deref(),
            Ok("ada@example.org")
        );
    }

    #[test]
    fn refuses_what_is_not_an_address() {
        for bad in [
            "",
            "ada",
            "ada@",
            "@example.org",
            "ada@example",
            "a da@example.org",
            "ada@.org",
            "a@b@c.org",
            "<v@x.io>",
            "a<v@x.io>",
            "b <v@x.io>",
            "\"v\"@x.io",
            "v@x.io (work)",
            "v..w@x.io",
            ".v@x.io",
            "v@-x.io",
            "v\0@x.io",
            "zoë@x.io",
        ] {
            let err = normalize_email(bad).expect_err(bad);
            assert_eq!(
                (err.status, err.field.as_deref()),
                (422, Some("email")),
                "{bad}"
            );
        }
    }
}
