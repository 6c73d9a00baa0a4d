//! One's own account page (`/konto`).

use crate::auth::token;

/// One's own account page: the branches one works for or volunteers in,
/// and the salt of one's calendar feed (made on first view).
#[derive(Debug, Clone)]
pub struct Profile {
    pub branches: Vec<crate::db::branches::Branch>,
    pub feed_path: String,
    /// One's live sessions, this one first.
    pub sessions: Vec<crate::app::signin::SessionLine>,
    pub second_factor: crate::app::two_factor::Status,
}

#[tracing::instrument(skip_all, fields(user = account.user.id))]
pub async fn profile(
    app: &crate::app::App,
    account: &crate::db::users::Account,
    session_id: i64,
) -> Result<Profile, crate::app::Error> {
    let mut ids = account.branches.clone();
    ids.extend(account.volunteer_branch);
    let user_id = account.user.id;
    let (branches, secret, sessions, second_factor) = app
        .read(move |c| {
            Ok((
                crate::db::branches::by_ids(c, &ids)?,
                crate::db::calendar::feed_secret(c, user_id)?,
                crate::app::signin::session_lines(c, user_id, session_id)?,
                crate::app::two_factor::status_of(c, user_id)?,
            ))
        })
        .await?;
    let key = app.settings.secret_key.clone();
    let hash_of =
        move |salt: &str| token::digest(&crate::calendar::feed::token(&key, user_id, salt));
    // Looking at one's account writes nothing (a write would also empty
    // the pages' caches), except the first time, when the feed address is
    // made, or after the site's key changed.
    let salt = match secret {
        (Some(salt), Some(stored)) if stored == hash_of(&salt) => salt,
        _ => {
            app.write(move |c| {
                Ok(crate::db::calendar::feed_salt(
                    c,
                    user_id,
                    &token::generate(),
                    hash_of,
                )?)
            })
            .await?
        }
    };
    Ok(Profile {
        branches,
        feed_path: crate::calendar::feed::path(&crate::calendar::feed::token(
            &app.settings.secret_key,
            user_id,
            &salt,
        )),
        sessions,
        second_factor,
    })
}
