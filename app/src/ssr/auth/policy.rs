//! The one authorization point: every server function and every API handler asks
//! [`authorize`] before it acts.

use crate::{
    error::AppError,
    model::{Role, User},
};

use super::Caller;

/// Something a caller wants to do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// Read their own account, or sign out.
    ActAsSelf,
    /// Work a shop's barista board.
    WorkCounter,
    /// Run a shop's booth screen, with its QR code.
    RunDisplay,
}

impl Action {
    /// The roles that may do it.
    fn roles(self) -> &'static [Role] {
        use Role::*;
        match self {
            Self::ActAsSelf => &[Customer, Barista, Display, Admin],
            Self::WorkCounter => &[Barista, Admin],
            Self::RunDisplay => &[Display, Admin],
        }
    }

    fn refusal(self) -> &'static str {
        match self {
            Self::ActAsSelf => "Please sign in first.",
            Self::WorkCounter => {
                "The barista board is for baristas. Sign in with a barista account."
            }
            Self::RunDisplay => "The booth screen needs a display account. Sign in with one.",
        }
    }
}

/// The signed-in user, when they may do `action`; 401 when nobody is signed in, 403 when
/// the user's role does not allow it.
pub fn authorize(caller: &Caller, action: Action) -> Result<&User, AppError> {
    let user = caller.user.as_ref().ok_or_else(AppError::unauthorized)?;
    if action.roles().contains(&user.role) {
        Ok(user)
    } else {
        Err(AppError::forbidden(action.refusal()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn caller(role: Option<Role>) -> Caller {
        Caller {
            user: role.map(|role| User {
                id: "00000000-0000-0000-0000-000000000001".to_owned(),
                role,
                email: None,
                username: None,
                display_name: None,
            }),
            ..Caller::default()
        }
    }

    #[test]
    fn each_action_admits_exactly_its_roles() {
        use Role::*;
        let table = [
            (Action::ActAsSelf, [true, true, true, true]),
            (Action::WorkCounter, [false, true, false, true]),
            (Action::RunDisplay, [false, false, true, true]),
        ];
        for (action, allowed) in table {
            assert_eq!(
                authorize(&caller(None), action).map_err(|e| e.status),
                Err(401)
            );
            for (role, allowed) in [Customer, Barista, Display, Admin].into_iter().zip(allowed) {
                let outcome = authorize(&caller(Some(role)), action)
                    .map(|_| ())
                    .map_err(|e| e.status);
                assert_eq!(
                    outcome,
                    if allowed { Ok(()) } else { Err(403) },
                    "{action:?} as {role:?}"
                );
            }
        }
    }
}
