use actix_web::{HttpResponse, web};
use serde::{Deserialize, Serialize};
use tera::Context;

use crate::db::branches::{self as db, BranchFields};
use crate::domain::names::slugify;
use crate::domain::validation::{optional_text, required_text};
use crate::domain::{EmailAddress, FieldErrors, Invalid};
use crate::error::AppError;
use crate::web::page::redirect;
use crate::web::{Admin, Form, Page};

#[derive(Deserialize, Serialize, Default)]
#[serde(default)]
pub struct BranchForm {
    name: String,
    region_id: String,
    is_head_office: Option<String>,
    email: String,
    phone: String,
    address: String,
}

struct ValidBranch {
    region_id: i64,
    name: String,
    slug: String,
    is_head_office: bool,
    email: String,
    phone: String,
    address: String,
}

impl ValidBranch {
    fn fields(&self) -> BranchFields<'_> {
        BranchFields {
            region_id: self.region_id,
            name: &self.name,
            slug: &self.slug,
            is_head_office: self.is_head_office,
            email: &self.email,
            phone: &self.phone,
            address: &self.address,
        }
    }
}

pub async fn list(_admin: Admin, page: Page) -> Result<HttpResponse, AppError> {
    let all = page.db().run(|c| Ok(db::all(c)?)).await?;
    let mut ctx = Context::new();
    ctx.insert("branches", &all);
    page.render("admin/branches.html", ctx)
}

async fn render_form(
    page: &Page,
    branch_id: Option<i64>,
    form: &BranchForm,
    errors: &FieldErrors,
) -> Result<HttpResponse, AppError> {
    let regions = page.db().run(|c| Ok(db::regions(c)?)).await?;
    let mut ctx = Context::new();
    ctx.insert("branch_id", &branch_id);
    ctx.insert("regions", &regions);
    ctx.insert("form", form);
    ctx.insert("errors", errors);
    if errors.is_empty() {
        page.render("admin/branch_form.html", ctx)
    } else {
        page.render_invalid("admin/branch_form.html", ctx)
    }
}

async fn validate(
    page: &Page,
    form: &BranchForm,
    except: Option<i64>,
) -> Result<Result<ValidBranch, FieldErrors>, AppError> {
    let mut errors = FieldErrors::new();
    let name = errors.check("name", required_text(&form.name, 100));
    let region_id = errors.check(
        "region_id",
        form.region_id
            .parse::<i64>()
            .map_err(|_| Invalid("error-required")),
    );
    let email = errors.check("email", EmailAddress::parse(&form.email));
    let phone = errors.check("phone", optional_text(&form.phone, 40));
    let address = errors.check("address", optional_text(&form.address, 300));
    let (Some(name), Some(region_id), Some(email), Some(phone), Some(address)) =
        (name, region_id, email, phone, address)
    else {
        return Ok(Err(errors));
    };
    let slug = slugify(&name);
    let check = slug.clone();
    let (taken, region_exists) = page
        .db()
        .run(move |c| {
            Ok((
                db::branch_name_taken(c, &check, except)?,
                db::region(c, region_id).is_ok(),
            ))
        })
        .await?;
    if taken {
        errors.add("name", Invalid("error-name-taken"));
    }
    if !region_exists {
        errors.add("region_id", Invalid("error-required"));
    }
    if !errors.is_empty() {
        return Ok(Err(errors));
    }
    Ok(Ok(ValidBranch {
        region_id,
        name,
        slug,
        is_head_office: form.is_head_office.is_some(),
        email: email.into_string(),
        phone: phone.unwrap_or_default(),
        address: address.unwrap_or_default(),
    }))
}

pub async fn new_form(_admin: Admin, page: Page) -> Result<HttpResponse, AppError> {
    render_form(&page, None, &BranchForm::default(), &FieldErrors::new()).await
}

pub async fn create(
    _admin: Admin,
    page: Page,
    Form(form): Form<BranchForm>,
) -> Result<HttpResponse, AppError> {
    match validate(&page, &form, None).await? {
        Err(errors) => render_form(&page, None, &form, &errors).await,
        Ok(valid) => {
            page.db()
                .run(move |c| Ok(db::create(c, &valid.fields())?))
                .await?;
            page.flash("success", "flash-saved");
            Ok(redirect("/admin/afdelinger"))
        }
    }
}

pub async fn edit(
    _admin: Admin,
    page: Page,
    path: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let b = page.db().run(move |c| Ok(db::find(c, id)?)).await?;
    let form = BranchForm {
        name: b.name,
        region_id: b.region_id.to_string(),
        is_head_office: b.is_head_office.then(|| "on".to_string()),
        email: b.email,
        phone: b.phone,
        address: b.address,
    };
    render_form(&page, Some(id), &form, &FieldErrors::new()).await
}

pub async fn update(
    _admin: Admin,
    page: Page,
    path: web::Path<i64>,
    Form(form): Form<BranchForm>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    page.db().run(move |c| Ok(db::find(c, id)?)).await?;
    match validate(&page, &form, Some(id)).await? {
        Err(errors) => render_form(&page, Some(id), &form, &errors).await,
        Ok(valid) => {
            page.db()
                .run(move |c| Ok(db::update(c, id, &valid.fields())?))
                .await?;
            page.flash("success", "flash-saved");
            Ok(redirect("/admin/afdelinger"))
        }
    }
}
