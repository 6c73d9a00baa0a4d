use actix_web::{HttpResponse, web};
use serde::{Deserialize, Serialize};
use tera::Context;

use crate::app::admin::{self, BranchInput};
use crate::app::audit::Actor;
use crate::domain::FieldErrors;
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

impl From<&BranchForm> for BranchInput {
    fn from(f: &BranchForm) -> Self {
        BranchInput {
            name: f.name.clone(),
            region_id: f.region_id.clone(),
            is_head_office: f.is_head_office.is_some(),
            email: f.email.clone(),
            phone: f.phone.clone(),
            address: f.address.clone(),
        }
    }
}

pub async fn list(_admin: Admin, page: Page) -> Result<HttpResponse, AppError> {
    let mut ctx = Context::new();
    ctx.insert("branches", &admin::all_branches(&page.state.app).await?);
    page.render("admin/branches.html", ctx)
}

async fn render_form(
    page: &Page,
    branch_id: Option<i64>,
    form: &BranchForm,
    errors: &FieldErrors,
) -> Result<HttpResponse, AppError> {
    let mut ctx = Context::new();
    ctx.insert("branch_id", &branch_id);
    ctx.insert("regions", &admin::regions(&page.state.app).await?);
    ctx.insert("form", form);
    ctx.insert("errors", errors);
    if errors.is_empty() {
        page.render("admin/branch_form.html", ctx)
    } else {
        page.render_invalid("admin/branch_form.html", ctx)
    }
}

pub async fn new_form(_admin: Admin, page: Page) -> Result<HttpResponse, AppError> {
    render_form(&page, None, &BranchForm::default(), &FieldErrors::new()).await
}

/// Saves a new branch (`id` `None`) or changes to one, or shows the form
/// again with what is wrong.
async fn save(
    page: Page,
    by: Actor,
    id: Option<i64>,
    form: BranchForm,
) -> Result<HttpResponse, AppError> {
    match admin::save_branch(&page.state.app, by, id, BranchInput::from(&form)).await? {
        Err(errors) => render_form(&page, id, &form, &errors).await,
        Ok(()) => {
            page.success("flash-saved");
            Ok(redirect("/admin/afdelinger"))
        }
    }
}

pub async fn create(
    _admin: Admin,
    by: Actor,
    page: Page,
    Form(form): Form<BranchForm>,
) -> Result<HttpResponse, AppError> {
    save(page, by, None, form).await
}

pub async fn edit(
    _admin: Admin,
    page: Page,
    path: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let b = admin::branch(&page.state.app, id).await?;
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
    by: Actor,
    page: Page,
    path: web::Path<i64>,
    Form(form): Form<BranchForm>,
) -> Result<HttpResponse, AppError> {
    save(page, by, Some(path.into_inner()), form).await
}
