use actix_web::{HttpResponse, web};
use serde::{Deserialize, Serialize};
use tera::Context;

use crate::app::admin;
use crate::app::audit::Actor;
use crate::domain::FieldErrors;
use crate::error::AppError;
use crate::web::page::redirect;
use crate::web::{Admin, Form, Page};

#[derive(Deserialize, Serialize, Default)]
#[serde(default)]
pub struct RegionForm {
    name: String,
}

pub async fn list(_admin: Admin, page: Page) -> Result<HttpResponse, AppError> {
    render_list(&page, RegionForm::default(), FieldErrors::new()).await
}

async fn render_list(
    page: &Page,
    form: RegionForm,
    errors: FieldErrors,
) -> Result<HttpResponse, AppError> {
    let mut ctx = Context::new();
    ctx.insert("regions", &admin::regions(&page.state.app).await?);
    ctx.insert("form", &form);
    ctx.insert("errors", &errors);
    if errors.is_empty() {
        page.render("admin/regions.html", ctx)
    } else {
        page.render_invalid("admin/regions.html", ctx)
    }
}

pub async fn create(
    _admin: Admin,
    by: Actor,
    page: Page,
    Form(form): Form<RegionForm>,
) -> Result<HttpResponse, AppError> {
    match admin::save_region(&page.state.app, by, None, &form.name).await? {
        Err(errors) => render_list(&page, form, errors).await,
        Ok(()) => {
            page.success("flash-saved");
            Ok(redirect("/admin/regioner"))
        }
    }
}

async fn render_edit(
    page: &Page,
    id: i64,
    form: Option<RegionForm>,
    errors: FieldErrors,
) -> Result<HttpResponse, AppError> {
    let region = admin::region(&page.state.app, id).await?;
    let mut ctx = Context::new();
    let form = form.unwrap_or_else(|| RegionForm {
        name: region.name.clone(),
    });
    ctx.insert("region", &region);
    ctx.insert("form", &form);
    ctx.insert("errors", &errors);
    if errors.is_empty() {
        page.render("admin/region_edit.html", ctx)
    } else {
        page.render_invalid("admin/region_edit.html", ctx)
    }
}

pub async fn edit(
    _admin: Admin,
    page: Page,
    path: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    render_edit(&page, path.into_inner(), None, FieldErrors::new()).await
}

pub async fn update(
    _admin: Admin,
    by: Actor,
    page: Page,
    path: web::Path<i64>,
    Form(form): Form<RegionForm>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    match admin::save_region(&page.state.app, by, Some(id), &form.name).await? {
        Err(errors) => render_edit(&page, id, Some(form), errors).await,
        Ok(()) => {
            page.success("flash-saved");
            Ok(redirect("/admin/regioner"))
        }
    }
}
