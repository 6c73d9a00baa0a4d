//! The confidentiality declaration: volunteers sign the version required
//! now (the last requirement met may activate them); administrators write
//! and publish new versions in the site and require one of everyone, with
//! a deadline and an email to each volunteer who must sign it.
//!
//! A published version is never changed (`db::site_content`): a signature
//! names its version, so what someone signed stays readable as signed.

use chrono::{NaiveDate, NaiveDateTime};
use serde::Serialize;

use super::{App, Error, activation, noon, readiness};
use crate::app::audit::{self, Actor, Object};
use crate::app::site_content;
use crate::content::markdown_to_html;
use crate::db::site_content as stored;
use crate::db::users::Account;
use crate::db::{DbConnection, declarations, outbox, volunteer_settings, volunteers};
use crate::domain::audit::{Action, ObjectKind};
use crate::domain::events::Message;
use crate::domain::volunteer::VolunteerStatus;

/// The version required now, if this person may sign: any volunteer on
/// the path, not the declined or those who have left.
fn signer(conn: &mut DbConnection, user_id: i64) -> Result<i32, Error> {
    let v = volunteers::find(conn, user_id)?.ok_or(Error::Forbidden)?;
    if matches!(
        v.status,
        VolunteerStatus::Rejected | VolunteerStatus::Alumni
    ) {
        return Err(Error::Forbidden);
    }
    Ok(declarations::required_version(conn)?)
}

/// A version's heading.
#[derive(Debug, Clone, Serialize)]
pub struct VersionHead {
    pub version: i32,
    pub title: String,
}

fn text_of(c: &mut DbConnection, version: i32) -> Result<(VersionHead, String), Error> {
    let d = site_content::declaration(c, version)?
        .ok_or_else(|| Error::Internal(anyhow::anyhow!("declaration {version} missing")))?;
    Ok((
        VersionHead {
            version: d.version,
            title: d.title,
        },
        markdown_to_html(&d.body),
    ))
}

/// A signature as the page shows it.
#[derive(Debug, Serialize)]
pub struct Signed {
    pub version: i32,
    pub signed_at: NaiveDateTime,
    pub typed_name: String,
}

/// The version to sign, with what the volunteer has signed.
#[derive(Debug, Serialize)]
pub struct SigningPage {
    pub declaration: VersionHead,
    /// Safe HTML.
    pub text: String,
    /// Their signature of the required version (or a newer one).
    pub signed: Option<Signed>,
    /// Their signatures of older versions.
    pub earlier: Vec<Signed>,
}

#[tracing::instrument(skip(app))]
pub async fn signing_page(app: &App, user_id: i64) -> Result<SigningPage, Error> {
    let (required, signatures, (head, html)) = app
        .read(move |c| {
            let required = signer(c, user_id)?;
            let signatures = declarations::of_many(c, &[user_id])?
                .remove(&user_id)
                .unwrap_or_default();
            Ok((required, signatures, text_of(c, required)?))
        })
        .await?;
    let mut signed = None;
    let mut earlier = Vec::new();
    for s in signatures {
        let s = Signed {
            version: s.version,
            signed_at: s.signed_at,
            typed_name: s.typed_name,
        };
        if s.version < required {
            earlier.push(s);
        } else if signed.is_none() {
            signed = Some(s);
        }
    }
    Ok(SigningPage {
        declaration: head,
        text: html,
        signed,
        earlier,
    })
}

/// Signs the version required now with the typed name. The last
/// requirement met may activate the volunteer, if their branch does that
/// automatically.
#[tracing::instrument(skip(app, typed_name))]
pub async fn sign(app: &App, user_id: i64, typed_name: String) -> Result<(), Error> {
    let curriculum = super::curriculum(app).await?;
    app.write(move |c| {
        let required = signer(c, user_id)?;
        declarations::sign(c, user_id, required, &typed_name)?;
        activation::activate_if_automatic(c, &curriculum, user_id)?;
        readiness::refresh(c, &[user_id])?;
        Ok(())
    })
    .await
}

/// A version someone signed, shown exactly as it was published.
#[derive(Debug, Serialize)]
pub struct SignedVersion {
    pub declaration: VersionHead,
    /// Safe HTML.
    pub text: String,
    pub signed: Signed,
    /// Signed on paper before Brobyg and imported.
    pub imported: bool,
}

fn signed_version(
    c: &mut DbConnection,
    user_id: i64,
    version: i32,
) -> Result<SignedVersion, Error> {
    let s = declarations::of_many(c, &[user_id])?
        .remove(&user_id)
        .unwrap_or_default()
        .into_iter()
        .find(|s| s.version == version)
        .ok_or(Error::NotFound)?;
    let (declaration, text) = text_of(c, version)?;
    Ok(SignedVersion {
        declaration,
        text,
        imported: s.imported_at.is_some(),
        signed: Signed {
            version: s.version,
            signed_at: s.signed_at,
            typed_name: s.typed_name,
        },
    })
}

/// The volunteer's own signature of `version`; `NotFound` if they did not
/// sign it.
#[tracing::instrument(skip(app))]
pub async fn own_signed(app: &App, user_id: i64, version: i32) -> Result<SignedVersion, Error> {
    app.read(move |c| signed_version(c, user_id, version)).await
}

/// A volunteer's signature of `version` for the coordinators of their
/// branch (administrators included).
#[tracing::instrument(skip(app, actor, who), fields(actor = actor.user.id))]
pub async fn signed_of(
    app: &App,
    actor: &Account,
    who: Actor,
    user_id: i64,
    version: i32,
) -> Result<SignedVersion, Error> {
    let actor = actor.clone();
    // Staff opening a volunteer's record is logged, as for their page.
    app.write(move |c| {
        let v = volunteers::find(c, user_id)?.ok_or(Error::NotFound)?;
        super::coordinates(&actor, v.branch_id)?;
        let page = signed_version(c, user_id, version)?;
        let detail = format!("Tavshedserklæring version {version}");
        let object = Object::user(user_id);
        audit::record(
            c,
            &who,
            Action::VolunteerRecordViewed,
            &object,
            Some(&detail),
        )?;
        Ok(page)
    })
    .await
}

/// One version of the declaration on the administrators' page.
#[derive(Debug, Serialize)]
pub struct VersionRow {
    pub version: i32,
    pub title: String,
    pub published_at: NaiveDateTime,
    /// Published in the site (not from the files a fresh database starts
    /// with).
    pub in_site: bool,
    pub required: bool,
    pub can_require: bool,
}

#[derive(Debug, Serialize)]
pub struct AdminPage {
    pub versions: Vec<VersionRow>,
    pub required: i32,
    /// When the current requirement was set (none: version 1 from the start).
    pub since: Option<NaiveDateTime>,
    /// The deadline a requirement set today gets unless changed.
    pub default_deadline: NaiveDate,
    /// The next version's number.
    pub next_version: i32,
}

fn today() -> NaiveDate {
    crate::domain::time::local(crate::db::now()).date_naive()
}

#[tracing::instrument(skip(app))]
pub async fn admin_page(app: &App) -> Result<AdminPage, Error> {
    app.read(|c| {
        let required = declarations::required_version(c)?;
        let since = declarations::required_since(c)?;
        let versions: Vec<VersionRow> = site_content::declarations(c)?
            .into_iter()
            .map(|d| VersionRow {
                version: d.version,
                title: d.title,
                published_at: d.published_at,
                in_site: d.published_by.is_some(),
                required: d.version == required,
                can_require: d.version > required,
            })
            .collect();
        Ok(AdminPage {
            next_version: versions.last().map_or(1, |v| v.version + 1),
            versions,
            required,
            since: since.map(|(_, at)| at),
            default_deadline: today()
                + chrono::Duration::days(crate::domain::declaration::SIGNING_DAYS),
        })
    })
    .await
}

/// What requiring a version came to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Required {
    /// Required; this many volunteers were asked to sign.
    Done(usize),
    /// Only a version above the current one can be required.
    NotNewer,
    /// There is no such version.
    Unknown,
}

/// Who is asked to sign a newly required version: volunteers active, on a
/// break or in training. Applicants and those approved but not yet in a
/// cohort sign when they get there; the declined and alumni never.
const MUST_SIGN: [VolunteerStatus; 3] = [
    VolunteerStatus::Active,
    VolunteerStatus::Paused,
    VolunteerStatus::InTraining,
];

/// Requires `version` of everyone from now on, inside the caller's
/// transaction: every volunteer who must sign it and has not is emailed
/// the deadline; those already active (or on a break) keep working until
/// it (a declaration grace), the others sign before activation as always.
/// Returns how many were asked.
fn require_in(
    c: &mut DbConnection,
    who: &Actor,
    version: i32,
    deadline: NaiveDate,
    by: i64,
) -> Result<Required, Error> {
    let Some(text) = site_content::declaration(c, version)? else {
        return Ok(Required::Unknown);
    };
    if version <= declarations::required_version(c)? {
        return Ok(Required::NotNewer);
    }
    declarations::add_requirement(c, version, by)?;
    let people = declarations::to_sign(c, version, &MUST_SIGN)?;
    let working: Vec<i64> = people
        .iter()
        .filter(|(_, s)| matches!(s, VolunteerStatus::Active | VolunteerStatus::Paused))
        .filter_map(|(r, _)| r.user_id)
        .collect();
    volunteer_settings::grant_declaration_grace(c, &working, deadline, by)?;
    // Everyone in training now lacks the new version.
    readiness::refresh_everyone(c)?;
    let at = noon(deadline).ok_or(Error::NotFound)?;
    for (to, status) in &people {
        outbox::enqueue(
            c,
            to,
            &Message::DeclarationToSign {
                version,
                title: text.title.clone(),
                deadline: at,
                active: matches!(status, VolunteerStatus::Active | VolunteerStatus::Paused),
                link: SIGNING_PAGE.to_string(),
            },
        )?;
    }
    let object = Object::new(ObjectKind::Declaration, i64::from(version));
    let detail = format!(
        "frist {}, sendt til {} brobyggere",
        deadline.format("%d.%m.%Y"),
        people.len()
    );
    audit::record(c, who, Action::DeclarationRequired, &object, Some(&detail))?;
    Ok(Required::Done(people.len()))
}

/// Where the emails point.
const SIGNING_PAGE: &str = "/frivillig/tavshedserklaering";

/// Requires an already published `version` of everyone, with `deadline`
/// as the last day to sign.
#[tracing::instrument(skip(app, actor, who), fields(actor = actor.user.id))]
pub async fn require(
    app: &App,
    actor: &Account,
    who: Actor,
    version: i32,
    deadline: NaiveDate,
) -> Result<Required, Error> {
    let by = actor.user.id;
    app.write(move |c| require_in(c, &who, version, deadline, by))
        .await
}

/// A new version as an administrator writes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewVersion {
    pub title: String,
    /// Markdown.
    pub body: String,
    /// Require it of everyone at once, with this last day to sign.
    pub require_until: Option<NaiveDate>,
}

/// What publishing came to: the new version's number and, if it was
/// required at once, how many were asked to sign.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Published {
    pub version: i32,
    pub asked: Option<usize>,
}

/// Publishes a new version (numbered after the highest); if asked,
/// requires it of everyone in the same transaction (`require_in`).
#[tracing::instrument(skip(app, actor, who, new), fields(actor = actor.user.id))]
pub async fn publish(
    app: &App,
    actor: &Account,
    who: Actor,
    new: NewVersion,
) -> Result<Published, Error> {
    let by = actor.user.id;
    app.write(move |c| {
        site_content::seed_if_empty(c)?;
        let version = stored::publish_declaration(c, &new.title, &new.body, by)?;
        let object =
            Object::new(ObjectKind::Declaration, i64::from(version)).labelled(new.title.as_str());
        audit::record(c, &who, Action::DeclarationPublished, &object, None)?;
        let asked = match new.require_until {
            Some(deadline) => match require_in(c, &who, version, deadline, by)? {
                Required::Done(n) => Some(n),
                other => {
                    return Err(Error::Internal(anyhow::anyhow!(
                        "requiring the new version {version}: {other:?}"
                    )));
                }
            },
            None => None,
        };
        Ok(Published { version, asked })
    })
    .await
}
