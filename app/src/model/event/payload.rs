//! What each kind of event carries: who acted, and every value its sentence is made of.

use serde::{Deserialize, Serialize};

use crate::model::{Canceller, Menu, Order, OrderId, ShopSettings, TimeoutCause};

/// Who acted.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Actor {
    pub kind: ActorKind,
    /// Staff by their display name; customers stay unnamed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActorKind {
    Customer,
    Staff,
    Device,
    Robot,
    /// Crema itself: the deadline runner.
    #[default]
    System,
}

impl Default for Actor {
    fn default() -> Self {
        Self::system()
    }
}

impl Actor {
    pub fn customer() -> Self {
        Self {
            kind: ActorKind::Customer,
            name: None,
        }
    }

    /// A customer, or a simulation's robot customer.
    pub fn customer_user(user: &crate::model::User) -> Self {
        if user.robot {
            Self {
                kind: ActorKind::Robot,
                name: None,
            }
        } else {
            Self::customer()
        }
    }

    /// A member of staff, by their display name: customers read these events, and a
    /// username is an account's key, not a name to show.
    pub fn staff(display_name: Option<&str>) -> Self {
        Self {
            kind: ActorKind::Staff,
            name: display_name.map(str::to_owned),
        }
    }

    /// Whoever on the staff's side acted: a paired screen under its name, a person as
    /// [`Actor::staff`].
    pub fn staff_user(user: &crate::model::User) -> Self {
        Self {
            kind: if user.robot {
                ActorKind::Robot
            } else if user.device {
                ActorKind::Device
            } else {
                ActorKind::Staff
            },
            name: user.display_name.clone(),
        }
    }

    pub fn system() -> Self {
        Self {
            kind: ActorKind::System,
            name: None,
        }
    }

    /// How a sentence names them.
    pub fn label(&self) -> &str {
        match (&self.name, self.kind) {
            (Some(name), _) => name,
            (None, ActorKind::Customer) => "The customer",
            (None, ActorKind::System) => "Crema",
            (None, ActorKind::Staff) => "The staff",
            (None, ActorKind::Robot) => "A robot",
            (None, _) => "Someone",
        }
    }
}

/// The payloads. Fields added after the first events were written have defaults, so
/// every event in the log still reads.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OrderCreated {
    #[serde(default)]
    pub actor: Actor,
    pub order: Order,
    #[serde(default)]
    pub shop_name: String,
    /// Seconds the customer has to choose.
    #[serde(default)]
    pub choose_s: u32,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OrderQueued {
    #[serde(default)]
    pub actor: Actor,
    pub order: Order,
    pub drink_name: String,
}

/// A barista's step: the order as it became.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OrderStep {
    #[serde(default)]
    pub actor: Actor,
    pub order: Order,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OrderCancelled {
    #[serde(default)]
    pub actor: Actor,
    pub order: Order,
    #[serde(default = "staff")]
    pub by: Canceller,
}

fn staff() -> Canceller {
    Canceller::Staff
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OrderTimedOut {
    #[serde(default)]
    pub actor: Actor,
    pub order: Order,
    #[serde(default = "barista_timeout")]
    pub cause: TimeoutCause,
}

fn barista_timeout() -> TimeoutCause {
    TimeoutCause::BaristaTimeout
}

/// A queued order's place in the line, or its estimate, moved: for its customer alone.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OrderPosition {
    #[serde(default = "Actor::system")]
    pub actor: Actor,
    pub order_id: OrderId,
    /// 1 = next.
    pub queue_position: u32,
    /// The shop's estimate of the seconds until it is ready.
    pub eta_s: u32,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ShopStatus {
    #[serde(default)]
    pub actor: Actor,
    #[serde(default)]
    pub shop_name: String,
    pub open: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ShopArchived {
    #[serde(default)]
    pub actor: Actor,
    #[serde(default)]
    pub shop_name: String,
    /// `false` when the shop came back from the archive.
    pub archived: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ShopUpdated {
    #[serde(default)]
    pub actor: Actor,
    #[serde(default)]
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub settings: Option<ShopSettings>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub menu: Option<Menu>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QrRedeemed {
    #[serde(default = "Actor::customer")]
    pub actor: Actor,
    /// Drinks left on the code.
    pub remaining: i32,
}
