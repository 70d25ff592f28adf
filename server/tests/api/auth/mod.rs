//! Signing in: customers by e-mail code, staff by password; sessions and the
//! cross-site check; the dev mailbox.

mod codes;
mod limits;
mod privacy;
mod sessions;

const ADA: &str = "ada@example.org";
