//! Staff accounts: the admin lists, creates and changes them, and ends their sessions.

use super::Ctx;
use crate::{
    error::AppError,
    model::{NewStaff, Staff, StaffChanges},
    ssr::{
        auth::{Action, authorize},
        staff,
    },
};

/// Every staff account, by username (admin).
pub async fn list(ctx: &Ctx) -> Result<Vec<Staff>, AppError> {
    authorize(&ctx.caller, Action::ManageStaff)?;
    Ok(staff::list(&ctx.state.pool).await?)
}

/// A new staff account (admin).
pub async fn create(ctx: &Ctx, input: NewStaff) -> Result<Staff, AppError> {
    authorize(&ctx.caller, Action::ManageStaff)?;
    staff::create(&ctx.state.pool, &input).await
}

/// Changes a staff account (admin); see [`staff::update`]. Ended sessions end on this
/// instance at once, on the others when the database tells them.
pub async fn update(ctx: &Ctx, id: &str, changes: StaffChanges) -> Result<Staff, AppError> {
    authorize(&ctx.caller, Action::ManageStaff)?;
    let staff = staff::update(&ctx.state.pool, staff::parse_id(id)?, &changes).await?;
    if changes.ends_sessions() {
        ctx.state.sessions.forget_all();
    }
    Ok(staff)
}

/// Ends every session of a staff account (admin).
pub async fn end_sessions(ctx: &Ctx, id: &str) -> Result<(), AppError> {
    authorize(&ctx.caller, Action::ManageStaff)?;
    staff::end_sessions(&ctx.state.pool, staff::parse_id(id)?).await?;
    ctx.state.sessions.forget_all();
    Ok(())
}
