//! Accounts made on the way: by signing up, by applying to become a
//! brobygger, or for someone who enrols, books or answers by email without
//! one. Every public form that takes an email address finds or makes the
//! account the same way (`find_or_create`), and none of them ever tells the
//! visitor whether the address already had an account: its owner hears by
//! email instead.

use diesel::QueryResult;

use crate::auth::token;
use crate::db::users::{self, FoundOrMade, NewUser, User};
use crate::db::{DbConnection, outbox, tokens};
use crate::domain::events::{Message, Recipient};
use crate::domain::{Lang, Role};

mod profile;
pub use profile::{Profile, profile};

/// What a new account starts with.
#[derive(Debug, Clone, Copy)]
pub struct NewAccount<'a> {
    pub email: &'a str,
    pub name: &'a str,
    pub phone: Option<&'a str>,
    /// `None`: made for someone who typed their address into a form; they
    /// choose a password through the welcome link.
    pub password_hash: Option<&'a str>,
    pub language: Lang,
    pub role: Option<Role>,
}

/// The account for an address.
#[derive(Debug, Clone)]
pub enum Found {
    /// It existed: nothing of it was changed.
    Existing(User),
    /// It is new, with the one-time link its owner needs first: to confirm
    /// the address (they chose a password) or to choose a password (it was
    /// made for them). A path on the site.
    Created { id: i64, link: String },
}

/// The account with `new.email`, or a new one with its first one-time link
/// (stored as a hash; the link itself is returned once, for the message).
/// Runs in the caller's transaction.
pub fn find_or_create(conn: &mut DbConnection, new: &NewAccount<'_>) -> QueryResult<Found> {
    let purpose = match new.password_hash {
        Some(_) => tokens::Purpose::VerifyEmail,
        None => tokens::Purpose::Welcome,
    };
    find_or_create_with(conn, new, purpose)
}

/// `find_or_create` for an administrator's invitation: a new account's
/// first link is the invitation to choose a password.
pub fn find_or_invite(conn: &mut DbConnection, new: &NewAccount<'_>) -> QueryResult<Found> {
    find_or_create_with(conn, new, tokens::Purpose::Invitation)
}

fn find_or_create_with(
    conn: &mut DbConnection,
    new: &NewAccount<'_>,
    purpose: tokens::Purpose,
) -> QueryResult<Found> {
    // The link is drawn before it is known to be needed, so that the
    // account, its role and its link can be made in one statement.
    let raw = token::generate();
    let user = NewUser {
        email: new.email,
        name: new.name,
        phone: new.phone,
        password_hash: new.password_hash,
        verified: false,
        language: new.language,
    };
    Ok(
        match users::find_or_create(conn, &user, new.role, purpose, &token::digest(&raw))? {
            FoundOrMade::Found(existing) => Found::Existing(existing),
            FoundOrMade::Made(id) => Found::Created {
                id,
                link: link_path(purpose, &raw),
            },
        },
    )
}

/// The account for an address typed into a public form (an enrolment, a
/// booking, an info evening): the existing one, untouched, or a new one
/// without a password, whose owner gets a link to choose one.
pub fn for_email(
    conn: &mut DbConnection,
    email: &str,
    name: &str,
    language: Lang,
    role: Option<Role>,
) -> QueryResult<i64> {
    let account = for_email_unannounced(conn, email, name, language, role)?;
    if let Some(link) = account.link {
        outbox::enqueue(conn, &account.owner, &Message::AccountCreated { link })?;
    }
    Ok(account.id)
}

/// An account for an address typed into a public form, as
/// `for_email_unannounced` found or made it.
#[derive(Debug, Clone)]
pub struct Unannounced {
    pub id: i64,
    /// Its owner, as the recipient of the caller's message.
    pub owner: Recipient,
    /// For an account made now, the link to choose a password, which the
    /// caller's message carries.
    pub link: Option<String>,
}

impl Unannounced {
    /// Made in this transaction: it can hold nothing made before it.
    pub fn is_new(&self) -> bool {
        self.link.is_some()
    }
}

/// `for_email` for a caller whose own message carries a new account's link
/// to choose a password, so that the person gets one email, not two.
pub fn for_email_unannounced(
    conn: &mut DbConnection,
    email: &str,
    name: &str,
    language: Lang,
    role: Option<Role>,
) -> QueryResult<Unannounced> {
    let new = unannounced(email, name, language, role);
    Ok(match find_or_create(conn, &new)? {
        Found::Existing(user) => Unannounced {
            id: user.id,
            owner: Recipient::from(&user),
            link: None,
        },
        Found::Created { id, link } => Unannounced {
            id,
            owner: recipient(id, &new),
            link: Some(link),
        },
    })
}

/// A new account for an address typed into a public form: no password yet.
fn unannounced<'a>(
    email: &'a str,
    name: &'a str,
    language: Lang,
    role: Option<Role>,
) -> NewAccount<'a> {
    NewAccount {
        email,
        name,
        phone: None,
        password_hash: None,
        language,
        role,
    }
}

/// Someone tried to make an account with an address that has one: its
/// owner is told how to log in or reset the password.
pub fn tell_owner(conn: &mut DbConnection, owner: &User) -> QueryResult<()> {
    outbox::enqueue(
        conn,
        &Recipient::from(owner),
        &Message::AccountExists {
            login_link: "/log-ind".into(),
            reset_link: "/konto/glemt-adgangskode".into(),
        },
    )?;
    Ok(())
}

/// The new account's owner, as the recipient of its first message.
pub fn recipient(id: i64, new: &NewAccount<'_>) -> Recipient {
    Recipient {
        user_id: Some(id),
        email: new.email.to_string(),
        name: new.name.to_string(),
        language: new.language,
    }
}

/// Signing up as a welfare professional.
pub struct SignUp {
    pub name: String,
    pub email: crate::domain::EmailAddress,
    pub password: String,
    pub language: Lang,
}

/// Makes a professional's account and sends the link that confirms the
/// address; an existing account's owner is told instead. The caller says
/// the same either way.
#[tracing::instrument(skip_all)]
pub async fn sign_up(app: &super::App, s: SignUp) -> Result<(), super::Error> {
    let hash = super::hash_password(&s.password).await?;
    app.write(move |conn| {
        let new = NewAccount {
            email: s.email.as_str(),
            name: &s.name,
            phone: None,
            password_hash: Some(&hash),
            language: s.language,
            role: Some(Role::Professional),
        };
        match find_or_create(conn, &new)? {
            Found::Existing(owner) => tell_owner(conn, &owner)?,
            Found::Created { id, link } => {
                outbox::enqueue(conn, &recipient(id, &new), &Message::VerifyEmail { link })?;
            }
        }
        Ok(())
    })
    .await
}

/// A fresh link that confirms the user's address (its hash stored).
pub fn verify_link(conn: &mut DbConnection, user_id: i64) -> QueryResult<String> {
    new_link(conn, user_id, tokens::Purpose::VerifyEmail)
}

/// A fresh link for an imported person to choose a password (the
/// welcome; its hash stored).
pub fn welcome_link(conn: &mut DbConnection, user_id: i64) -> QueryResult<String> {
    new_link(conn, user_id, tokens::Purpose::Welcome)
}

/// A fresh one-time link of this purpose for the user (its hash stored).
fn new_link(
    conn: &mut DbConnection,
    user_id: i64,
    purpose: tokens::Purpose,
) -> QueryResult<String> {
    let raw = token::generate();
    tokens::store(conn, user_id, purpose, &token::digest(&raw))?;
    Ok(link_path(purpose, &raw))
}

/// The page a one-time link for `purpose` opens, with its token.
fn link_path(purpose: tokens::Purpose, raw: &str) -> String {
    let path = match purpose {
        tokens::Purpose::VerifyEmail => "/konto/bekraeft/",
        tokens::Purpose::ResetPassword => "/konto/nulstil/",
        tokens::Purpose::Invitation => "/konto/invitation/",
        tokens::Purpose::Welcome => "/konto/velkommen/",
        tokens::Purpose::AdminSetup => "/konto/administrator/",
        tokens::Purpose::ChangeEmail => "/konto/ny-email/",
    };
    format!("{path}{raw}")
}

/// Confirms an address by its link; false for an unknown or used link.
#[tracing::instrument(skip_all)]
pub async fn verify_email(app: &super::App, raw: &str) -> Result<bool, super::Error> {
    let digest = token::digest(raw);
    app.write(move |c| {
        let user = tokens::consume(c, tokens::Purpose::VerifyEmail, &digest)?;
        if let Some(id) = user {
            users::mark_verified(c, id)?;
        }
        Ok(user.is_some())
    })
    .await
}

/// Sends a reset link if the address has an active account; the caller
/// says the same either way.
#[tracing::instrument(skip_all)]
pub async fn request_reset(
    app: &super::App,
    email: crate::domain::EmailAddress,
    client: String,
) -> Result<(), super::Error> {
    app.write(move |c| {
        // Counted for every address, with an account or not, so that the
        // limit says nothing about which addresses have one.
        let (by_email, by_client) =
            crate::db::login_throttle::record_reset_request(c, email.as_str(), &client)?;
        if !crate::domain::throttle::reset_allowed(by_email, by_client) {
            tracing::warn!("reset link not sent: too many requests");
            return Ok(());
        }
        let Some(user) = users::find_by_email(c, email.as_str())? else {
            return Ok(());
        };
        if user.deactivated_at.is_some() {
            return Ok(());
        }
        let link = new_link(c, user.id, tokens::Purpose::ResetPassword)?;
        outbox::enqueue(c, &Recipient::from(&user), &Message::ResetPassword { link })?;
        Ok(())
    })
    .await
}

/// Whether a one-time link of this purpose can still be used.
pub async fn link_is_valid(
    app: &super::App,
    purpose: tokens::Purpose,
    raw: &str,
) -> Result<bool, super::Error> {
    let digest = token::digest(raw);
    app.read(move |c| Ok(tokens::peek(c, purpose, &digest)?.is_some()))
        .await
}

/// What setting a password through a link came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PasswordSet {
    /// Signed in with a fresh session.
    SignedIn(super::signin::Started),
    /// The account has a second factor: a link from an inbox must not
    /// replace it, so the person logs in with the new password and a code.
    LogIn,
    /// An unknown or used link.
    LinkInvalid,
}

/// Sets a password through a one-time link (reset, invitation, welcome),
/// using it up. Every earlier session of the account ends.
#[tracing::instrument(skip_all)]
pub async fn set_password_by_link(
    app: &super::App,
    purpose: tokens::Purpose,
    raw: &str,
    password: &str,
    client: &super::signin::Client,
) -> Result<PasswordSet, super::Error> {
    let hash = super::hash_password(password).await?;
    let digest = token::digest(raw);
    let client = client.clone();
    app.write(move |c| {
        let Some(user_id) = tokens::consume(c, purpose, &digest)? else {
            return Ok(PasswordSet::LinkInvalid);
        };
        users::set_password(c, user_id, &hash)?;
        crate::db::login_sessions::end_all(c, user_id, None)?;
        if crate::db::second_factors::of_user(c, user_id)?.is_some() {
            return Ok(PasswordSet::LogIn);
        }
        let user = users::find(c, user_id)?;
        Ok(PasswordSet::SignedIn(super::signin::start(
            c, &user, &client,
        )?))
    })
    .await
}

/// What changing one's password came to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PasswordChange {
    /// The new session epoch: every other session ends.
    Changed { epoch: i64 },
    /// Nothing changed: the current password was wrong, or the new one
    /// (`None` from the form's checks) was not acceptable.
    Refused { current_ok: bool },
}

/// Changes one's password after checking the current one. `new` is `None`
/// when the form's new password was refused; the current one is still
/// checked, so the page can say everything that is wrong at once.
#[tracing::instrument(skip_all, fields(user = account.user.id))]
pub async fn change_password(
    app: &super::App,
    account: &crate::db::users::Account,
    session_id: i64,
    current: &str,
    new: Option<&str>,
) -> Result<PasswordChange, super::Error> {
    let current_ok = super::verify_password(current, account.user.password_hash.clone()).await?;
    let (true, Some(new)) = (current_ok, new) else {
        return Ok(PasswordChange::Refused { current_ok });
    };
    let hash = super::hash_password(new).await?;
    let user_id = account.user.id;
    let epoch = app
        .write(move |c| {
            let epoch = users::set_password(c, user_id, &hash)?;
            crate::db::login_sessions::end_all(c, user_id, Some(session_id))?;
            crate::db::login_sessions::proved(c, session_id)?;
            Ok(epoch)
        })
        .await?;
    Ok(PasswordChange::Changed { epoch })
}

/// Remembers a signed-in person's language, so that their emails follow.
#[tracing::instrument(skip(app))]
pub async fn set_language(
    app: &super::App,
    user_id: i64,
    language: Lang,
) -> Result<(), super::Error> {
    app.write(move |c| Ok(users::set_language(c, user_id, language)?))
        .await
}

/// What a person may change about themselves on the account page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Details {
    pub name: String,
    pub phone: Option<String>,
    pub language: Lang,
}

/// Saves one's own name, phone and language (already validated).
#[tracing::instrument(skip_all, fields(user = user_id))]
pub async fn update_details(
    app: &super::App,
    user_id: i64,
    details: Details,
) -> Result<(), super::Error> {
    app.write(move |c| {
        Ok(users::set_details(
            c,
            user_id,
            &details.name,
            details.phone.as_deref(),
            details.language,
        )?)
    })
    .await
}

/// Asks to change one's address to `new`: the link that confirms it goes
/// to the new address, and until it is opened nothing changes. An older
/// link stops working. An address that another account has gets no link,
/// and the page says the same either way, so the form does not tell who
/// has an account.
#[tracing::instrument(skip_all, fields(user = user.id))]
pub async fn request_email_change(
    app: &super::App,
    user: &User,
    new: crate::domain::EmailAddress,
) -> Result<(), super::Error> {
    let to = Recipient {
        user_id: Some(user.id),
        email: new.into_string(),
        name: user.name.clone(),
        language: user.language,
    };
    let user_id = user.id;
    app.write(move |c| {
        tokens::revoke(c, user_id, tokens::Purpose::ChangeEmail)?;
        if users::find_by_email(c, &to.email)?.is_some() {
            users::set_pending_email(c, user_id, None)?;
            return Ok(());
        }
        users::set_pending_email(c, user_id, Some(&to.email))?;
        let link = new_link(c, user_id, tokens::Purpose::ChangeEmail)?;
        outbox::enqueue(c, &to, &Message::ConfirmNewEmail { link })?;
        Ok(())
    })
    .await
}

/// Opens the link sent to a new address: the account takes that address
/// and the old address is told. False for an unknown, used or replaced
/// link, or when another account took the address meanwhile.
#[tracing::instrument(skip_all)]
pub async fn confirm_email_change(app: &super::App, raw: &str) -> Result<bool, super::Error> {
    let digest = token::digest(raw);
    app.write(move |c| {
        let Some(user_id) = tokens::consume(c, tokens::Purpose::ChangeEmail, &digest)? else {
            return Ok(false);
        };
        let Some(new) = users::pending_email(c, user_id)? else {
            return Ok(false);
        };
        if users::find_by_email(c, &new)?.is_some() {
            users::set_pending_email(c, user_id, None)?;
            return Ok(false);
        }
        let before = users::find(c, user_id)?;
        users::adopt_pending_email(c, user_id, &new)?;
        outbox::enqueue(
            c,
            &Recipient::from(&before),
            &Message::EmailChanged { new_email: new },
        )?;
        Ok(true)
    })
    .await
}

/// The account a session belongs to, with its roles and branches: what
/// every request is authorised by.
pub async fn account(
    app: &super::App,
    user_id: i64,
) -> Result<Option<crate::db::users::Account>, super::Error> {
    app.read(move |c| Ok(users::load_account(c, user_id)?))
        .await
}

/// What making an administrator on the command line came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AdministratorMade {
    /// The address already has an account: nothing was changed.
    Taken,
    /// The account, verified and active, with the administrator role, and
    /// the path of its one-time set-password link when no password was
    /// given.
    Made { id: i64, link: Option<String> },
}

/// Makes an administrator (`brobyg admin create`), in the caller's
/// transaction, with its audit row. `password_hash` `None`: the account
/// gets a one-time link (`Purpose::AdminSetup`, a day) to choose one.
pub fn create_administrator(
    conn: &mut DbConnection,
    by: &super::audit::Actor,
    email: &crate::domain::EmailAddress,
    name: &str,
    password_hash: Option<&str>,
) -> Result<AdministratorMade, super::Error> {
    let made = users::create_unless_taken(
        conn,
        &NewUser {
            email: email.as_str(),
            name,
            phone: None,
            password_hash,
            verified: true,
            language: Lang::Da,
        },
    )?;
    let Some(id) = made else {
        return Ok(AdministratorMade::Taken);
    };
    users::add_first_role(conn, id, Role::Admin)?;
    let link = match password_hash {
        Some(_) => None,
        None => Some(new_link(conn, id, tokens::Purpose::AdminSetup)?),
    };
    super::audit::record(
        conn,
        by,
        crate::domain::audit::Action::AdministratorCreated,
        &super::audit::Object::user(id),
        None,
    )?;
    Ok(AdministratorMade::Made { id, link })
}
