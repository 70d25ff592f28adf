//! Typed ids: an order's id and a person's are both UUIDs, but never each other.

use std::{fmt, str::FromStr};

use serde::{Deserialize, Serialize};
use uuid::Uuid;

macro_rules! uuid_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(
            Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
        )]
        #[derive(utoipa::ToSchema)]
        #[schema(value_type = String)]
        #[serde(transparent)]
        pub struct $name(pub Uuid);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }

        impl FromStr for $name {
            type Err = uuid::Error;

            fn from_str(id: &str) -> Result<Self, Self::Err> {
                Uuid::parse_str(id).map(Self)
            }
        }

        impl From<Uuid> for $name {
            fn from(id: Uuid) -> Self {
                Self(id)
            }
        }
    };
}

uuid_id!(
    /// An order's id.
    OrderId
);

uuid_id!(
    /// A person's id: a customer's or a staff member's.
    UserId
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_strings_on_the_wire() {
        let id: OrderId = "6f1c1f8e-3c1e-4a7b-9d3a-2b1f0e9c8d7a"
            .parse()
            .expect("a UUID");

        let json = serde_json::to_value(id).expect("serializes");

        assert_eq!(json, "6f1c1f8e-3c1e-4a7b-9d3a-2b1f0e9c8d7a");
        assert_eq!(serde_json::from_value::<OrderId>(json).expect("parses"), id);
        assert!("order-1".parse::<OrderId>().is_err());
    }
}
