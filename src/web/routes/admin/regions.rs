use actix_web::{HttpResponse, web};
use serde::{Deserialize, Serialize};
use tera::Context;

use crate::db::branches as db;
use crate::domain::names::slugify;
use crate::domain::validation::required_text;
use crate::domain::{FieldErrors, Invalid};
use crate::error::AppError;
use crate::web::page::redirect;
use crate::web::{Admin, Form, Page};

#[derive(Deserialize, Serialize, Default)]
#[serde(default)]
pub struct RegionForm {
    name: String,
}

pub async fn list(_admin: Admin, page: Page) -> Result<HttpResponse, AppError> {
    render_list(&page, RegionForm::default(), FieldErrors::new(), false).await
}

async fn render_list(
    page: &Page,
    form: RegionForm,
    errors: FieldErrors,
    invalid: bool,
) -> Result<HttpResponse, AppError> {
    let regions = page.db().run(|c| Ok(db::regions(c)?)).await?;
    let mut ctx = Context::new();
    ctx.insert("regions", &regions);
    ctx.insert("form", &form);
    ctx.insert("errors", &errors);
    if invalid {
        page.render_invalid("admin/regions.html", ctx)
    } else {
        page.render("admin/regions.html", ctx)
    }
}

/// Validates a region name and makes sure no other region has it.
async fn validate(
    page: &Page,
    form: &RegionForm,
    except: Option<i64>,
) -> Result<Result<(String, String), FieldErrors>, AppError> {
    let mut errors = FieldErrors::new();
    let Some(name) = errors.check("name", required_text(&form.name, 100)) else {
        return Ok(Err(errors));
    };
    let slug = slugify(&name);
    let check = slug.clone();
    let taken = page
        .db()
        .run(move |c| Ok(db::region_name_taken(c, &check, except)?))
        .await?;
    if taken {
        errors.add("name", Invalid("error-name-taken"));
        return Ok(Err(errors));
    }
    Ok(Ok((name, slug)))
}

pub async fn create(
    _admin: Admin,
    page: Page,
    Form(form): Form<RegionForm>,
) -> Result<HttpResponse, AppError> {
    match validate(&page, &form, None).await? {
        Err(errors) => render_list(&page, form, errors, true).await,
        Ok((name, slug)) => {
            page.db()
                .run(move |c| Ok(db::create_region(c, &name, &slug)?))
                .await?;
            page.flash("success", "flash-saved");
            Ok(redirect("/admin/regioner"))
        }
    }
}

pub async fn edit(
    _admin: Admin,
    page: Page,
    path: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let region = page.db().run(move |c| Ok(db::region(c, id)?)).await?;
    let mut ctx = Context::new();
    ctx.insert("region", &region);
    ctx.insert(
        "form",
        &RegionForm {
            name: region.name.clone(),
        },
    );
    ctx.insert("errors", &FieldErrors::new());
    page.render("admin/region_edit.html", ctx)
}

pub async fn update(
    _admin: Admin,
    page: Page,
    path: web::Path<i64>,
    Form(form): Form<RegionForm>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let region = page.db().run(move |c| Ok(db::region(c, id)?)).await?;
    match validate(&page, &form, Some(id)).await? {
        Err(errors) => {
            let mut ctx = Context::new();
            ctx.insert("region", &region);
            ctx.insert("form", &form);
            ctx.insert("errors", &errors);
            page.render_invalid("admin/region_edit.html", ctx)
        }
        Ok((name, slug)) => {
            page.db()
                .run(move |c| Ok(db::rename_region(c, id, &name, &slug)?))
                .await?;
            page.flash("success", "flash-saved");
            Ok(redirect("/admin/regioner"))
        }
    }
}
