//! The one authorization point: every server function and every API handler asks
//! [`authorize`] before it acts.

use super::Caller;
use crate::{
    error::AppError,
    model::{Role, User, UserId},
};

/// Something a caller wants to do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// Read their own account, or sign out.
    ActAsSelf,
    /// Work a shop's barista board: claim, make, hand over, cancel; open and close.
    WorkCounter,
    /// Run a shop's booth screen, with its QR code.
    RunDisplay,
    /// Follow a shop's orders and live events (the board and the screen).
    WatchShop,
    /// Create shops, change their settings and menus: admins.
    ManageShops,
    /// Create, change and disable staff accounts, pair and remove screens: admins.
    ManageStaff,
    /// Read a shop's reports and export its orders: admins.
    ReadReports,
    /// Start an order with a QR code: customers only.
    StartOrder,
    /// Name or erase one's own account: customers (staff accounts are the operator's).
    ChangeOwnAccount,
    /// Read an order: its customer, and staff.
    ReadOrder { customer_id: UserId },
    /// Choose the drink of, or cancel, one's own order.
    ChangeOwnOrder { customer_id: UserId },
}

impl Action {
    fn allows(self, user: &User) -> bool {
        use Role::*;
        match self {
            Self::ActAsSelf => true,
            Self::WorkCounter => matches!(user.role, Barista | Admin),
            Self::RunDisplay => matches!(user.role, Display | Admin),
            Self::WatchShop => matches!(user.role, Barista | Display | Admin),
            Self::ManageShops | Self::ManageStaff | Self::ReadReports => user.role == Admin,
            Self::StartOrder | Self::ChangeOwnAccount => user.role == Customer,
            Self::ReadOrder { customer_id } => user.role.is_staff() || user.id == customer_id,
            Self::ChangeOwnOrder { customer_id } => user.id == customer_id,
        }
    }

    fn refusal(self) -> AppError {
        let forbidden = |message: &str| AppError::forbidden(message);
        match self {
            Self::ActAsSelf => AppError::unauthorized(),
            Self::WorkCounter => {
                forbidden("The barista board is for baristas. Sign in with a barista account.")
            }
            Self::RunDisplay => {
                forbidden("The booth screen needs a display account. Sign in with one.")
            }
            Self::WatchShop => forbidden("Only the shop's staff can follow all of its orders."),
            Self::ManageShops => forbidden("Only an admin can set up shops."),
            Self::ManageStaff => forbidden("Only an admin can manage staff accounts."),
            Self::ReadReports => forbidden("Only an admin can read a shop's reports."),
            Self::StartOrder => {
                forbidden("Orders are for customers: sign in with your e-mail address.")
            }
            Self::ChangeOwnAccount => {
                forbidden("Staff accounts are changed by the booth's operator.")
            }
            // Another customer's order does not exist, as far as a customer can tell.
            Self::ReadOrder { .. } => order_not_found(),
            Self::ChangeOwnOrder { .. } => forbidden("Only the customer can change their order."),
        }
    }
}

pub fn order_not_found() -> AppError {
    AppError::not_found("There is no such order.")
}

/// The signed-in user, when they may do `action`: 401 when nobody is signed in; 403 when
/// their role does not allow it; 404 for a customer asking about another's order.
pub fn authorize(caller: &Caller, action: Action) -> Result<&User, AppError> {
    let user = caller.user.as_ref().ok_or_else(AppError::unauthorized)?;
    if action.allows(user) {
        Ok(user)
    } else if user.role == Role::Customer && matches!(action, Action::ChangeOwnOrder { .. }) {
        Err(order_not_found())
    } else {
        Err(action.refusal())
    }
}

/// As [`authorize`], for an action at the shop `slug`: staff kept to other shops get 403.
pub fn authorize_at<'a>(
    caller: &'a Caller,
    action: Action,
    slug: &str,
) -> Result<&'a User, AppError> {
    let user = authorize(caller, action)?;
    if user.works_at(slug) {
        Ok(user)
    } else {
        Err(AppError::forbidden(format!(
            "This account does not work at {slug}."
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALICE: UserId = UserId(uuid::Uuid::from_u128(0xa));
    const BOB: UserId = UserId(uuid::Uuid::from_u128(0xb));

    fn caller(role: Option<Role>, id: UserId) -> Caller {
        Caller {
            user: role.map(|role| User {
                id,
                role,
                email: None,
                username: None,
                display_name: None,
                shops: Vec::new(),
                device: false,
                robot: false,
            }),
            ..Caller::default()
        }
    }

    #[test]
    fn each_action_answers_each_caller() {
        use Role::*;
        let callers = [
            caller(None, UserId(uuid::Uuid::nil())),
            caller(Some(Customer), ALICE),
            caller(Some(Customer), BOB),
            caller(Some(Barista), UserId(uuid::Uuid::from_u128(1))),
            caller(Some(Display), UserId(uuid::Uuid::from_u128(2))),
            caller(Some(Admin), UserId(uuid::Uuid::from_u128(3))),
        ];
        // Statuses for: anonymous, Alice, Bob, barista, display, admin (200 = allowed).
        let table: [(Action, [u16; 6]); 8] = [
            (Action::ActAsSelf, [401, 200, 200, 200, 200, 200]),
            (Action::WorkCounter, [401, 403, 403, 200, 403, 200]),
            (Action::RunDisplay, [401, 403, 403, 403, 200, 200]),
            (Action::WatchShop, [401, 403, 403, 200, 200, 200]),
            (Action::ManageShops, [401, 403, 403, 403, 403, 200]),
            (Action::StartOrder, [401, 200, 200, 403, 403, 403]),
            (
                Action::ReadOrder { customer_id: ALICE },
                [401, 200, 404, 200, 200, 200],
            ),
            (
                Action::ChangeOwnOrder { customer_id: ALICE },
                [401, 200, 404, 403, 403, 403],
            ),
        ];
        for (action, expected) in table {
            for (caller, expected) in callers.iter().zip(expected) {
                let status = authorize(caller, action).map_or_else(|err| err.status, |_| 200);
                assert_eq!(status, expected, "{action:?} as {:?}", caller.user);
            }
        }
    }
}
