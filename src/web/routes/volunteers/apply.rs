//! The public application form ("Bliv brobygger"). Submitting creates the
//! account (or uses the signed-in one), the volunteer record and the
//! application, and sends the receipt, in one use case
//! (`app::volunteers::applications::apply`).

use actix_web::HttpResponse;
use chrono::Datelike;
use serde::{Deserialize, Serialize};
use tera::Context;

use crate::app::volunteers::applications::{self, Applicant, Application};
use crate::app::volunteers::reapply::{self, Standing};
use crate::db::applications::NewApplication;
use crate::db::branches::BranchInRegion;
use crate::db::users::Account;
use crate::domain::application as rules;
use crate::domain::{EmailAddress, FieldErrors, Invalid, Lang, names, password as pw};
use crate::error::AppError;
use crate::web::page::redirect;
use crate::web::{Form, MaybeUser, Page};

#[derive(Deserialize, Serialize, Default, Clone)]
#[serde(default)]
pub struct ApplyForm {
    name: String,
    email: String,
    phone: String,
    study_programme: String,
    institution: String,
    semester: String,
    branch: String,
    motivation: String,
    availability: String,
    heard_from: String,
    birth_year: String,
    #[serde(skip_serializing)]
    password: String,
    #[serde(skip_serializing)]
    password_confirm: String,
}

/// What the form's parse needs besides what was typed.
struct Applying<'a> {
    account: Option<&'a Account>,
    language: Lang,
    /// The branches one may choose.
    branches: &'a [BranchInRegion],
}

impl ApplyForm {
    /// Who applies: the signed-in account, or a new person (whose name,
    /// address and password the form then asks for).
    fn applicant(&self, ctx: &Applying<'_>, errors: &mut FieldErrors) -> Option<Applicant> {
        if let Some(a) = ctx.account {
            return Some(Applicant::SignedIn(a.user.id));
        }
        let name = errors.check("name", names::person_name(&self.name));
        let email = errors.check("email", EmailAddress::parse(&self.email));
        let password = errors.check(
            "password",
            pw::new_password(&self.password, &self.password_confirm),
        );
        Some(Applicant::New {
            name: name?,
            email: email?,
            password: password?,
            language: ctx.language,
        })
    }

    /// The application's own answers, every one checked.
    fn answers(&self, ctx: &Applying<'_>, errors: &mut FieldErrors) -> Option<NewApplication> {
        let study_programme =
            errors.check("study_programme", rules::answer(&self.study_programme, 200));
        let institution = errors.check("institution", rules::answer(&self.institution, 200));
        let semester = errors.check("semester", rules::answer(&self.semester, 100));
        let motivation = errors.check("motivation", rules::answer(&self.motivation, 4000));
        let availability = errors.check("availability", rules::answer(&self.availability, 1000));
        let heard_from = errors.check("heard_from", rules::optional_answer(&self.heard_from, 300));
        let this_year = chrono::Utc::now().year();
        let birth_year = errors.check("birth_year", rules::birth_year(&self.birth_year, this_year));
        let branch_id = self
            .branch
            .trim()
            .parse::<i64>()
            .ok()
            .filter(|id| ctx.branches.iter().any(|b| b.branch.id == *id));
        if branch_id.is_none() {
            errors.add("branch", Invalid("error-choose-branch-one"));
        }
        Some(NewApplication {
            branch_id: branch_id?,
            study_programme: study_programme?,
            institution: institution?,
            semester: semester?,
            motivation: motivation?,
            availability: availability?,
            heard_from: heard_from?,
            birth_year: birth_year?,
        })
    }

    /// The form as an application, every field checked in one pass.
    fn parse(&self, ctx: &Applying<'_>) -> Result<Application, FieldErrors> {
        let mut errors = FieldErrors::new();
        let applicant = self.applicant(ctx, &mut errors);
        let phone = errors.check("phone", rules::phone(&self.phone));
        let answers = self.answers(ctx, &mut errors);
        match (applicant, phone, answers) {
            (Some(applicant), Some(phone), Some(answers)) if errors.is_empty() => Ok(Application {
                applicant,
                phone,
                answers,
            }),
            _ => Err(errors),
        }
    }
}

fn render(
    page: &Page,
    branches: &[BranchInRegion],
    form: &ApplyForm,
    errors: &FieldErrors,
) -> Result<HttpResponse, AppError> {
    let mut ctx = Context::new();
    ctx.insert("form", form);
    ctx.insert("errors", errors);
    ctx.insert("branches", branches);
    ctx.insert("signed_in", &page.account.is_some());
    if errors.is_empty() {
        page.render("volunteers/apply.html", ctx)
    } else {
        page.render_invalid("volunteers/apply.html", ctx)
    }
}

/// Someone already on the path has their own page instead, and so has
/// a declined applicant whose branch's waiting period has not passed
/// (their page says from which day they may apply again).
async fn blocked(user: &MaybeUser, page: &Page) -> Result<Option<Standing>, AppError> {
    match user.0.as_ref() {
        Some(a) if a.volunteer_branch.is_some() => {
            let standing = reapply::standing(&page.state.app, a.user.id).await?;
            Ok((!standing.may_apply()).then_some(standing))
        }
        _ => Ok(None),
    }
}

/// Where a refused applicant goes: their page, which for a declined one
/// says when they may apply again.
fn to_own_page(page: &Page, standing: Standing) -> HttpResponse {
    if matches!(standing, Standing::Declined(_)) {
        page.error("reapply-not-yet");
    }
    redirect("/frivillig")
}

pub async fn form(user: MaybeUser, page: Page) -> Result<HttpResponse, AppError> {
    if blocked(&user, &page).await?.is_some() {
        return Ok(redirect("/frivillig"));
    }
    let branches = applications::branches(&page.state.app).await?;
    let form = ApplyForm {
        phone: user
            .0
            .as_ref()
            .and_then(|a| a.user.phone.clone())
            .unwrap_or_default(),
        ..ApplyForm::default()
    };
    render(&page, &branches, &form, &FieldErrors::new())
}

pub async fn thanks(page: Page) -> Result<HttpResponse, AppError> {
    page.render("volunteers/apply_thanks.html", Context::new())
}

pub async fn submit(
    user: MaybeUser,
    page: Page,
    Form(form): Form<ApplyForm>,
) -> Result<HttpResponse, AppError> {
    if let Some(standing) = blocked(&user, &page).await? {
        return Ok(to_own_page(&page, standing));
    }
    // The branches are the choices the form is checked against.
    let branches = applications::branches(&page.state.app).await?;
    let ctx = Applying {
        account: user.0.as_deref(),
        language: page.lang,
        branches: &branches,
    };
    let application = match form.parse(&ctx) {
        Ok(valid) => valid,
        Err(errors) => return render(&page, &branches, &form, &errors),
    };
    let signed_in = matches!(application.applicant, Applicant::SignedIn(_));
    if let Err(standing) = applications::apply(&page.state.app, application).await? {
        // Something changed meanwhile: their page says where they stand.
        return Ok(to_own_page(&page, standing));
    }
    if signed_in {
        page.success("apply-received");
        Ok(redirect("/frivillig"))
    } else {
        Ok(redirect("/bliv-brobygger/tak"))
    }
}
