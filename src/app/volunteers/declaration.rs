//! The confidentiality declaration: volunteers sign the version required
//! now (the last requirement met may activate them); administrators
//! require a newer version of everyone.

use chrono::NaiveDateTime;
use serde::Serialize;

use super::{App, Error, activation, material, noon};
use crate::app::audit::{self, Actor, Object};
use crate::db::users::Account;
use crate::db::{DbConnection, declarations, volunteers};
use crate::domain::audit::{Action, ObjectKind};
use crate::domain::declaration::DeclarationMeta;
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
    pub declaration: &'static DeclarationMeta,
    /// Safe HTML.
    pub text: &'static str,
    /// Their signature of the required version (or a newer one).
    pub signed: Option<Signed>,
    /// Their signatures of older versions.
    pub earlier: Vec<Signed>,
}

#[tracing::instrument(skip(app))]
pub async fn signing_page(app: &App, user_id: i64) -> Result<SigningPage, Error> {
    let (required, signatures) = app
        .read(move |c| {
            let required = signer(c, user_id)?;
            let signatures = declarations::of_many(c, &[user_id])?
                .remove(&user_id)
                .unwrap_or_default();
            Ok((required, signatures))
        })
        .await?;
    let text = material()?
        .declaration(required)
        .ok_or_else(|| Error::Internal(anyhow::anyhow!("declaration {required} missing")))?;
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
        declaration: &text.meta,
        text: &text.html,
        signed,
        earlier,
    })
}

/// Signs the version required now with the typed name. The last
/// requirement met may activate the volunteer, if their branch does that
/// automatically.
#[tracing::instrument(skip(app, typed_name))]
pub async fn sign(app: &App, user_id: i64, typed_name: String) -> Result<(), Error> {
    let curriculum = super::curriculum()?;
    app.write(move |c| {
        let required = signer(c, user_id)?;
        declarations::sign(c, user_id, required, &typed_name)?;
        activation::activate_if_automatic(c, curriculum, user_id)?;
        Ok(())
    })
    .await
}

/// One version of the declaration on the administrators' page.
#[derive(Debug, Serialize)]
pub struct VersionRow {
    pub version: i32,
    pub title: &'static str,
    pub valid_from: Option<NaiveDateTime>,
    pub required: bool,
    pub can_require: bool,
}

#[derive(Debug, Serialize)]
pub struct AdminPage {
    pub versions: Vec<VersionRow>,
    pub required: i32,
    /// When the current requirement was set (none: version 1 from the start).
    pub since: Option<NaiveDateTime>,
}

#[tracing::instrument(skip(app))]
pub async fn admin_page(app: &App) -> Result<AdminPage, Error> {
    let (required, since) = app
        .read(|c| {
            Ok((
                declarations::required_version(c)?,
                declarations::required_since(c)?,
            ))
        })
        .await?;
    let versions = material()?
        .declarations()
        .iter()
        .map(|d| VersionRow {
            version: d.meta.version,
            title: &d.meta.title,
            valid_from: noon(d.meta.valid_from),
            required: d.meta.version == required,
            can_require: d.meta.version > required,
        })
        .collect();
    Ok(AdminPage {
        versions,
        required,
        since: since.map(|(_, at)| at),
    })
}

/// What requiring a version came to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Required {
    Done,
    /// Only a version above the current one can be required.
    NotNewer,
    /// The course material has no such version.
    Unknown,
}

/// Requires `version` of everyone from now on, active volunteers too:
/// their checklists show it until they sign.
#[tracing::instrument(skip(app, actor), fields(actor = actor.user.id))]
pub async fn require(
    app: &App,
    actor: &Account,
    who: Actor,
    version: i32,
) -> Result<Required, Error> {
    if material()?.declaration(version).is_none() {
        return Ok(Required::Unknown);
    }
    let by = actor.user.id;
    app.write(move |c| {
        if version <= declarations::required_version(c)? {
            return Ok(Required::NotNewer);
        }
        declarations::add_requirement(c, version, by)?;
        let object = Object::new(ObjectKind::Declaration, i64::from(version));
        audit::record(c, &who, Action::DeclarationRequired, &object, None)?;
        Ok(Required::Done)
    })
    .await
}
