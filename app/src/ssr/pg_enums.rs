//! The model's enums as the schema's Postgres enums (`order_state`, `canceller`, `role`):
//! each is stored by the name its `as_str` gives, so the model stays free of the database.

use sqlx::{
    Decode, Encode, Postgres, Type,
    encode::IsNull,
    error::BoxDynError,
    postgres::{PgArgumentBuffer, PgHasArrayType, PgTypeInfo, PgValueRef},
};

use crate::model::{Canceller, OrderState, Role};

macro_rules! pg_enum {
    ($ty:ty, $name:literal, $variants:expr) => {
        impl Type<Postgres> for $ty {
            fn type_info() -> PgTypeInfo {
                PgTypeInfo::with_name($name)
            }
        }

        impl PgHasArrayType for $ty {
            fn array_type_info() -> PgTypeInfo {
                PgTypeInfo::with_name(concat!("_", $name))
            }
        }

        impl Encode<'_, Postgres> for $ty {
            fn encode_by_ref(&self, buf: &mut PgArgumentBuffer) -> Result<IsNull, BoxDynError> {
                <&str as Encode<Postgres>>::encode(self.as_str(), buf)
            }
        }

        impl<'r> Decode<'r, Postgres> for $ty {
            fn decode(value: PgValueRef<'r>) -> Result<Self, BoxDynError> {
                let name = <&str as Decode<Postgres>>::decode(value)?;
                $variants
                    .into_iter()
                    .find(|variant: &$ty| variant.as_str() == name)
                    .ok_or_else(|| format!("no {} is called {name:?}", $name).into())
            }
        }
    };
}

pg_enum!(OrderState, "order_state", OrderState::ALL);
pg_enum!(
    Canceller,
    "canceller",
    [Canceller::Customer, Canceller::Staff]
);
pg_enum!(
    Role,
    "role",
    [Role::Customer, Role::Barista, Role::Display, Role::Admin]
);
