//! Setting up, replacing and removing one's second factor, and an
//! administrator's reset of someone else's (for a lost phone).

use crate::auth::token;
use crate::db::{login_sessions, second_factors};
use crate::domain::second_factor;

/// What the database keeps of a recovery code: the hash of its normal
/// form, so that a code typed loosely (case, dash, spaces) still matches.
pub fn recovery_code_hash(typed: &str) -> String {
    token::digest(&second_factor::normalise_recovery_code(typed))
}

/// Ten new recovery codes, as shown once, and their hashes, as stored.
fn fresh_recovery_codes() -> (Vec<String>, Vec<String>) {
    let codes = second_factor::new_recovery_codes();
    let hashes = codes.iter().map(|code| recovery_code_hash(code)).collect();
    (codes, hashes)
}

/// What one's account page says about the second factor.
#[derive(Debug, Clone, Copy, serde::Serialize)]
pub struct Status {
    pub enabled: bool,
    pub recovery_codes_left: i64,
}

pub async fn status(app: &super::App, user_id: i64) -> Result<Status, super::Error> {
    app.read(move |c| Ok(status_of(c, user_id)?)).await
}

/// `status` in the caller's transaction.
pub fn status_of(c: &mut crate::db::DbConnection, user_id: i64) -> diesel::QueryResult<Status> {
    Ok(Status {
        enabled: second_factors::of_user(c, user_id)?.is_some(),
        recovery_codes_left: second_factors::recovery_codes_left(c, user_id)?,
    })
}

/// Confirms a new secret with a first code from the app. On success the
/// factor replaces any earlier one, every other session of the account
/// ends (they were opened with the password alone), and the ten recovery
/// codes are returned, to be shown once. `None`: the code was wrong.
#[tracing::instrument(skip_all, fields(user = user_id))]
pub async fn confirm(
    app: &super::App,
    user_id: i64,
    session_id: i64,
    secret: &str,
    code: &str,
) -> Result<Option<Vec<String>>, super::Error> {
    let unix = u64::try_from(chrono::Utc::now().timestamp()).unwrap_or(0);
    let Some(step) = second_factor::check(secret, code, unix) else {
        return Ok(None);
    };
    let (codes, hashes) = fresh_recovery_codes();
    let secret = secret.to_string();
    app.write(move |c| {
        second_factors::confirm(c, user_id, &secret, step, &hashes)?;
        login_sessions::end_all(c, user_id, Some(session_id))?;
        login_sessions::proved(c, session_id)?;
        Ok(())
    })
    .await?;
    Ok(Some(codes))
}

/// Fresh recovery codes in place of the old ones (all of which stop
/// working). `None`: the account has no second factor.
#[tracing::instrument(skip_all, fields(user = user_id))]
pub async fn new_recovery_codes(
    app: &super::App,
    user_id: i64,
) -> Result<Option<Vec<String>>, super::Error> {
    let (codes, hashes) = fresh_recovery_codes();
    let replaced = app
        .write(move |c| {
            if second_factors::of_user(c, user_id)?.is_none() {
                return Ok(false);
            }
            second_factors::replace_recovery_codes(c, user_id, &hashes)?;
            Ok(true)
        })
        .await?;
    Ok(replaced.then_some(codes))
}

/// Why one's own second factor was not removed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotRemoved {
    /// Staff need it where it is required; they can replace it instead.
    Required,
}

/// Removes one's own second factor.
#[tracing::instrument(skip_all, fields(user = account.user.id))]
pub async fn remove_own(
    app: &super::App,
    account: &crate::db::users::Account,
) -> Result<Result<(), NotRemoved>, super::Error> {
    if required_for(&app.settings, account) {
        return Ok(Err(NotRemoved::Required));
    }
    let user_id = account.user.id;
    app.write(move |c| {
        second_factors::remove(c, user_id)?;
        Ok(())
    })
    .await?;
    Ok(Ok(()))
}

/// Whether this account must have a second factor before staff pages: in
/// production, administrators and coordinators.
pub fn required_for(
    settings: &crate::config::Settings,
    account: &crate::db::users::Account,
) -> bool {
    settings.environment == crate::config::Environment::Production && is_staff(account)
}

/// Administrators and coordinators: the accounts that see other people's
/// data.
pub fn is_staff(account: &crate::db::users::Account) -> bool {
    account.is_admin() || account.has(crate::domain::Role::Coordinator)
}

/// An administrator removes another person's second factor (a lost phone)
/// and ends their sessions; they set up a new one at their next login.
/// False: they had none.
#[tracing::instrument(skip_all, fields(user = user_id))]
pub async fn reset_for(
    app: &super::App,
    by: &crate::db::users::Account,
    who: super::audit::Actor,
    user_id: i64,
) -> Result<bool, super::Error> {
    if !by.is_admin() {
        return Err(super::Error::Forbidden);
    }
    app.write(move |c| {
        crate::db::users::find(c, user_id)?;
        let had = second_factors::remove(c, user_id)?;
        if had {
            login_sessions::end_all(c, user_id, None)?;
            // The log names people by account id only: erasure cannot
            // reach into it.
            let object = super::audit::Object::user(user_id);
            super::audit::record(
                c,
                &who,
                crate::domain::audit::Action::TwoFactorReset,
                &object,
                None,
            )?;
        }
        Ok(had)
    })
    .await
}
