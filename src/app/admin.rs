//! The national administrators' work: accounts and their roles, inviting
//! coordinators, regions and branches, and the outbox of every message the
//! site has queued.

use serde::Serialize;

use super::accounts::{self, Found, NewAccount};
use super::audit::{self, Actor, Object};
use super::{App, Error};
use crate::db::branches::{self, Branch, BranchFields, BranchInRegion, Region};
use crate::db::outbox::{self, OutboxRow, Status};
use crate::db::users::{self, Account, UserRow};
use crate::db::{DbConnection, now};
use crate::domain::audit::{Action, ObjectKind};
use crate::domain::events::{Message, Recipient};
use crate::domain::names::slugify;
use crate::domain::paging::{PER_PAGE, Pager};
use crate::domain::validation::{optional_text, required_text};
use crate::domain::{Code, EmailAddress, FieldErrors, Invalid, Lang, Role};

/// A page of accounts matching a search, and how many match in all.
#[tracing::instrument(skip(app, query))]
pub async fn search_users(app: &App, query: &str, page: i64) -> Result<(Vec<UserRow>, i64), Error> {
    let query = query.to_string();
    app.read(move |c| Ok(users::search(c, &query, page)?)).await
}

/// One account with its roles and branches, and every branch to choose from.
#[tracing::instrument(skip(app))]
pub async fn user(app: &App, id: i64) -> Result<UserPage, Error> {
    app.read(move |c| {
        let account = users::load_account(c, id)?.ok_or(Error::NotFound)?;
        let own_regions = users::regions_of(c, id)?;
        let region_names = branches::regions(c)?
            .into_iter()
            .filter(|r| own_regions.contains(&r.id))
            .map(|r| r.name)
            .collect();
        Ok(UserPage {
            own_branches: users::own_branches(c, id)?,
            own_regions,
            region_names,
            all_regions: branches::regions(c)?,
            all_branches: branches::all(c)?,
            second_factor: crate::db::second_factors::of_user(c, id)?.is_some(),
            has_password: account.user.password_hash.is_some(),
            account,
        })
    })
    .await
}

/// An administrator's page about one user.
#[derive(Debug, Clone)]
pub struct UserPage {
    pub account: Account,
    /// The branches given one by one, and the regions given as a whole
    /// (the account's `branches` holds both).
    pub own_branches: Vec<i64>,
    pub own_regions: Vec<i64>,
    /// The names of `own_regions`, for "Regional koordinator: …".
    pub region_names: Vec<String>,
    pub all_regions: Vec<Region>,
    pub all_branches: Vec<BranchInRegion>,
    pub second_factor: bool,
    /// Whether the account has a password (imported people have none
    /// until they follow their welcome link).
    pub has_password: bool,
}

/// What an administrator may not do to their own account.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SelfRefusal {
    /// The last door out of administration must not be closed by accident.
    OwnAdminRole,
    OwnAccount,
}

impl SelfRefusal {
    pub fn message_key(self) -> &'static str {
        match self {
            SelfRefusal::OwnAdminRole => "flash-cannot-remove-own-admin",
            SelfRefusal::OwnAccount => "flash-cannot-deactivate-self",
        }
    }
}

/// What an administrator gives a user on the roles form.
#[derive(Debug, Clone, Default)]
pub struct Roles {
    pub admin: bool,
    /// Branches coordinated one by one.
    pub branch_ids: Vec<i64>,
    /// Regions coordinated as a whole (every branch in them, now and later).
    pub region_ids: Vec<i64>,
}

/// Sets whether the user is an administrator, which branches they
/// coordinate and which regions as a whole. Newly covered branches are
/// announced to the user.
#[tracing::instrument(skip(app, actor, roles), fields(actor = actor.user.id))]
pub async fn set_roles(
    app: &App,
    actor: &Account,
    by: Actor,
    id: i64,
    roles: Roles,
) -> Result<Result<(), SelfRefusal>, Error> {
    let Roles {
        admin,
        branch_ids,
        region_ids,
    } = roles;
    if id == actor.user.id && !admin {
        return Ok(Err(SelfRefusal::OwnAdminRole));
    }
    app.write(move |c| {
        let account = users::load_account(c, id)?.ok_or(Error::NotFound)?;
        if admin {
            users::grant_role(c, id, Role::Admin)?;
        } else {
            users::revoke_role(c, id, Role::Admin)?;
        }
        let before = Scope {
            branches: users::own_branches(c, id)?,
            regions: users::regions_of(c, id)?,
        };
        let mut wanted = branch_ids;
        wanted.sort_unstable();
        wanted.dedup();
        let mut regions = region_ids;
        regions.sort_unstable();
        regions.dedup();
        if branches::regions(c)?
            .iter()
            .filter(|r| regions.contains(&r.id))
            .count()
            != regions.len()
        {
            return Err(Error::BadRequest("unknown region".into()));
        }
        users::set_coordinator_branches(c, id, &wanted)?;
        users::set_coordinator_regions(c, id, &regions)?;
        let after = users::load_account(c, id)?.ok_or(Error::NotFound)?;
        let added: Vec<i64> = after
            .branches
            .iter()
            .copied()
            .filter(|b| !account.branches.contains(b))
            .collect();
        let scope = Scope {
            branches: wanted,
            regions,
        };
        record_roles(c, &by, &account, admin, &before, &scope)?;
        if !added.is_empty() {
            let names = branch_names(c, &added)?;
            outbox::enqueue(
                c,
                &Recipient::from(&account.user),
                &Message::CoordinatorAssigned {
                    link: "/koordinator".into(),
                    branches: names,
                },
            )?;
        }
        Ok(Ok(()))
    })
    .await
}

/// The audit rows of a roles form: the administrator role granted or
/// revoked, and the coordinated branches when they changed (or, when the
/// form changed nothing, the branches as saved, so every save is traced).
fn record_roles(
    c: &mut DbConnection,
    by: &Actor,
    before: &Account,
    admin: bool,
    scope_before: &Scope,
    scope_after: &Scope,
) -> Result<(), Error> {
    let whom = Object::user(before.user.id);
    let role_changed = admin != before.is_admin();
    if role_changed {
        let action = if admin {
            Action::RoleGranted
        } else {
            Action::RoleRevoked
        };
        audit::record(c, by, action, &whom, Some("Administrator"))?;
    }
    let regions_changed = scope_before.regions != scope_after.regions;
    if scope_before.branches != scope_after.branches || (!role_changed && !regions_changed) {
        let from = branch_names(c, &scope_before.branches)?.join(", ");
        let to = branch_names(c, &scope_after.branches)?.join(", ");
        let detail = format!("Afdelinger: {from} → {to}");
        audit::record(c, by, Action::BranchesAssigned, &whom, Some(&detail))?;
    }
    if regions_changed {
        let from = region_names(c, &scope_before.regions)?.join(", ");
        let to = region_names(c, &scope_after.regions)?.join(", ");
        let detail = format!("Regioner: {from} → {to}");
        audit::record(c, by, Action::RegionsAssigned, &whom, Some(&detail))?;
    }
    Ok(())
}

/// What a coordinator was given by hand: branches one by one, and regions.
struct Scope {
    branches: Vec<i64>,
    regions: Vec<i64>,
}

fn region_names(conn: &mut DbConnection, ids: &[i64]) -> Result<Vec<String>, Error> {
    Ok(branches::regions(conn)?
        .into_iter()
        .filter(|r| ids.contains(&r.id))
        .map(|r| r.name)
        .collect())
}

fn branch_names(conn: &mut DbConnection, ids: &[i64]) -> Result<Vec<String>, Error> {
    Ok(branches::by_ids(conn, ids)?
        .into_iter()
        .map(|b| b.name)
        .collect())
}

/// Deactivates an account (which ends its sessions at once) or activates
/// it again.
#[tracing::instrument(skip(app, actor), fields(actor = actor.user.id))]
pub async fn set_active(
    app: &App,
    actor: &Account,
    by: Actor,
    id: i64,
    active: bool,
) -> Result<Result<(), SelfRefusal>, Error> {
    if id == actor.user.id && !active {
        return Ok(Err(SelfRefusal::OwnAccount));
    }
    app.write(move |c| {
        users::find(c, id)?;
        users::set_active(c, id, active)?;
        let action = if active {
            Action::AccountReactivated
        } else {
            Action::AccountDeactivated
        };
        audit::record(c, &by, action, &Object::user(id), None)?;
        Ok(Ok(()))
    })
    .await
}

/// Every branch, for forms that choose some.
pub async fn all_branches(app: &App) -> Result<Vec<BranchInRegion>, Error> {
    app.read(|c| Ok(branches::all(c)?)).await
}

/// An invitation to coordinate branches, as the form gave it.
#[derive(Debug, Clone)]
pub struct Invite {
    pub name: String,
    pub email: EmailAddress,
    pub branch_ids: Vec<i64>,
    pub language: Lang,
}

/// Invites a coordinator: a new account gets a link to choose a password;
/// an existing account is given the branches and told so. Returns the
/// account's id.
#[tracing::instrument(skip(app, by, invite))]
pub async fn invite(app: &App, by: Actor, invite: Invite) -> Result<i64, Error> {
    app.write(move |c| {
        let wanted = invite.branch_ids;
        let names = branch_names(c, &wanted)?;
        if names.len() != wanted.len() {
            return Err(Error::BadRequest("unknown branch".into()));
        }
        let new = NewAccount {
            email: invite.email.as_str(),
            name: &invite.name,
            phone: None,
            password_hash: None,
            language: invite.language,
            role: None,
        };
        let (id, to, message) = match accounts::find_or_invite(c, &new)? {
            Found::Existing(existing) => {
                // Their own branches: a region's stay the region's.
                let mut all = users::own_branches(c, existing.id)?;
                all.extend(&wanted);
                all.sort_unstable();
                all.dedup();
                users::set_coordinator_branches(c, existing.id, &all)?;
                let message = Message::CoordinatorAssigned {
                    link: "/koordinator".into(),
                    branches: names,
                };
                (existing.id, Recipient::from(&existing), message)
            }
            Found::Created { id, link } => {
                users::set_coordinator_branches(c, id, &wanted)?;
                let message = Message::Invitation {
                    link,
                    branches: names,
                };
                (id, accounts::recipient(id, &new), message)
            }
        };
        outbox::enqueue(c, &to, &message)?;
        let detail = format!("Afdelinger: {}", branch_names(c, &wanted)?.join(", "));
        audit::record(
            c,
            &by,
            Action::CoordinatorInvited,
            &Object::user(id),
            Some(&detail),
        )?;
        Ok(id)
    })
    .await
}

/// Every region.
pub async fn regions(app: &App) -> Result<Vec<Region>, Error> {
    app.read(|c| Ok(branches::regions(c)?)).await
}

pub async fn region(app: &App, id: i64) -> Result<Region, Error> {
    app.read(move |c| Ok(branches::region(c, id)?)).await
}

/// Creates a region (`id` `None`) or renames one; a name that is empty,
/// too long or taken by another region is a field error.
#[tracing::instrument(skip(app, by, name))]
pub async fn save_region(
    app: &App,
    by: Actor,
    id: Option<i64>,
    name: &str,
) -> Result<Result<(), FieldErrors>, Error> {
    if let Some(id) = id {
        region(app, id).await?;
    }
    let mut errors = FieldErrors::new();
    let Some(name) = errors.check("name", required_text(name, 100)) else {
        return Ok(Err(errors));
    };
    app.write(move |c| {
        let slug = slugify(&name);
        if branches::region_name_taken(c, &slug, id)? {
            errors.add("name", Invalid("error-name-taken"));
            return Ok(Err(errors));
        }
        let (action, id) = match id {
            Some(id) => {
                branches::rename_region(c, id, &name, &slug)?;
                (Action::RegionUpdated, id)
            }
            None => (
                Action::RegionCreated,
                branches::create_region(c, &name, &slug)?,
            ),
        };
        let object = Object::new(ObjectKind::Region, id).labelled(name.as_str());
        audit::record(c, &by, action, &object, None)?;
        Ok(Ok(()))
    })
    .await
}

pub async fn branch(app: &App, id: i64) -> Result<Branch, Error> {
    app.read(move |c| Ok(branches::find(c, id)?)).await
}

/// A branch as the form typed it.
#[derive(Debug, Clone, Default)]
pub struct BranchInput {
    pub name: String,
    pub region_id: String,
    pub is_head_office: bool,
    pub email: String,
    pub phone: String,
    pub address: String,
}

/// Creates a branch (`id` `None`) or saves one; mistakes, a taken name and
/// an unknown region are field errors.
#[tracing::instrument(skip(app, by, input))]
pub async fn save_branch(
    app: &App,
    by: Actor,
    id: Option<i64>,
    input: BranchInput,
) -> Result<Result<(), FieldErrors>, Error> {
    if let Some(id) = id {
        branch(app, id).await?;
    }
    let mut errors = FieldErrors::new();
    let name = errors.check("name", required_text(&input.name, 100));
    let region_id = errors.check(
        "region_id",
        input
            .region_id
            .parse::<i64>()
            .map_err(|_| Invalid("error-required")),
    );
    let email = errors.check("email", EmailAddress::parse(&input.email));
    let phone = errors.check("phone", optional_text(&input.phone, 40));
    let address = errors.check("address", optional_text(&input.address, 300));
    let (Some(name), Some(region_id), Some(email), Some(phone), Some(address)) =
        (name, region_id, email, phone, address)
    else {
        return Ok(Err(errors));
    };
    app.write(move |c| {
        let slug = slugify(&name);
        if branches::branch_name_taken(c, &slug, id)? {
            errors.add("name", Invalid("error-name-taken"));
        }
        if branches::region(c, region_id).is_err() {
            errors.add("region_id", Invalid("error-required"));
        }
        if !errors.is_empty() {
            return Ok(Err(errors));
        }
        let (phone, address) = (phone.unwrap_or_default(), address.unwrap_or_default());
        let fields = BranchFields {
            region_id,
            name: &name,
            slug: &slug,
            is_head_office: input.is_head_office,
            email: email.as_str(),
            phone: &phone,
            address: &address,
        };
        let (action, id) = match id {
            Some(id) => {
                branches::update(c, id, &fields)?;
                (Action::BranchUpdated, id)
            }
            None => (Action::BranchCreated, branches::create(c, &fields)?),
        };
        let object = Object::branch(id).labelled(name.as_str());
        audit::record(c, &by, action, &object, None)?;
        Ok(Ok(()))
    })
    .await
}

/// A message in the administrators' list.
#[derive(Debug, Clone, Serialize)]
pub struct MessageRow {
    #[serde(flatten)]
    pub row: OutboxRow,
    /// Waiting for another try after a failed one.
    pub retrying: bool,
    pub failed: bool,
}

impl From<OutboxRow> for MessageRow {
    fn from(row: OutboxRow) -> Self {
        MessageRow {
            retrying: row.status == Status::Pending && row.attempts > 0,
            failed: row.status == Status::Failed,
            row,
        }
    }
}

/// One status of the list's filter.
#[derive(Debug, Clone, Serialize)]
pub struct StatusCount {
    pub status: Status,
    pub count: i64,
    /// The filter shown now.
    pub current: bool,
}

/// One page of the outbox as administrators read it.
#[derive(Debug, Clone, Serialize)]
pub struct MessagesPage {
    pub rows: Vec<MessageRow>,
    /// How many have each status, for the filter.
    pub counts: Vec<StatusCount>,
    pub pager: Pager,
}

/// Page `side` of the messages (of one status, or all), newest first, and
/// how many have each status; read afresh on every request.
#[tracing::instrument(skip(app))]
pub async fn messages(app: &App, status: Option<Status>, side: i64) -> Result<MessagesPage, Error> {
    app.read(move |c| {
        let stored = outbox::counts(c)?;
        // Every status, none included, so that each can be chosen.
        let counts: Vec<StatusCount> = Status::ALL
            .iter()
            .map(|&s| StatusCount {
                status: s,
                count: stored.iter().find(|(k, _)| *k == s).map_or(0, |(_, n)| *n),
                current: Some(s) == status,
            })
            .collect();
        let total = counts
            .iter()
            .filter(|s| status.is_none_or(|wanted| s.status == wanted))
            .map(|s| s.count)
            .sum();
        let pager = Pager::new(side, PER_PAGE, total);
        let rows = outbox::recent_with(c, status, pager.offset(), pager.limit())?
            .into_iter()
            .map(MessageRow::from)
            .collect();
        Ok(MessagesPage {
            rows,
            counts,
            pager,
        })
    })
    .await
}

pub async fn message(app: &App, id: i64) -> Result<MessageRow, Error> {
    app.read(move |c| Ok(outbox::find(c, id)?.into())).await
}

/// Sends a failed message again at the worker's next pass; false if it
/// had not failed.
#[tracing::instrument(skip(app, by))]
pub async fn retry_message(app: &App, by: Actor, id: i64) -> Result<bool, Error> {
    app.write(move |c| {
        let again = outbox::retry(c, id, now())?;
        if again {
            let object = Object::new(ObjectKind::Message, id);
            audit::record(c, &by, Action::MessageRetried, &object, None)?;
        }
        Ok(again)
    })
    .await
}

/// A message written as a file (`.eml`, when no SMTP server is set), read
/// for an administrator's download, which is logged. `name` is checked by
/// the caller to be a plain file name (`mail::delivery::is_eml_name`).
#[tracing::instrument(skip(app, by))]
pub async fn mail_file(app: &App, by: Actor, name: String) -> Result<Vec<u8>, Error> {
    let file = app.settings.mail_dir().join(&name);
    let bytes = actix_web::web::block(move || std::fs::read(file))
        .await
        .map_err(|e| Error::Internal(anyhow::anyhow!("blocking pool: {e}")))?
        .map_err(|_| Error::NotFound)?;
    let object = Object::whole(ObjectKind::MailFile).labelled(name.as_str());
    audit::exported(app, by, object, name, |_| Ok(())).await?;
    Ok(bytes)
}
