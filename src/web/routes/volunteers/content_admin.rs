//! Administrators edit the preparation course's modules: title, hours and
//! Markdown text, with a preview ("Forhåndsvis" shows the text as
//! volunteers will read it under the form, nothing saved; "Gem" saves).

use actix_web::{HttpResponse, web};
use serde::{Deserialize, Serialize};
use tera::Context;

use crate::app::audit::Actor;
use crate::app::site_content::{self, ModuleEdit, ModuleSource};
use crate::domain::FieldErrors;
use crate::error::AppError;
use crate::web::page::redirect;
use crate::web::{Admin, Form, Page};

pub async fn modules(_admin: Admin, page: Page) -> Result<HttpResponse, AppError> {
    let list = site_content::module_list(&page.state.app).await?;
    let total: i32 = list.iter().map(|m| m.minutes).sum();
    let mut ctx = Context::new();
    ctx.insert("modules", &list);
    ctx.insert("total_minutes", &total);
    page.render("volunteers/module_admin_list.html", ctx)
}

/// The edit form as typed.
#[derive(Deserialize, Serialize, Default, Clone)]
#[serde(default)]
pub struct ModuleForm {
    title: String,
    hours: String,
    body: String,
    /// Which button: "preview" or "save".
    action: String,
}

/// Minutes as the form writes hours: "2", "2,5", "1,25".
fn hours_text(minutes: i32) -> String {
    let whole = minutes / 60;
    match minutes % 60 {
        0 => whole.to_string(),
        rest => {
            let fraction = format!("{:.2}", f64::from(rest) / 60.0);
            let fraction = fraction.trim_start_matches('0').trim_end_matches('0');
            format!("{whole}{}", fraction.replace('.', ","))
        }
    }
}

async fn render(
    page: &Page,
    module: &ModuleSource,
    form: &ModuleForm,
    errors: &FieldErrors,
    preview: Option<String>,
) -> Result<HttpResponse, AppError> {
    let mut ctx = Context::new();
    ctx.insert("module", module);
    ctx.insert("current_hours", &hours_text(module.minutes));
    ctx.insert("form", form);
    ctx.insert("errors", errors);
    ctx.insert("preview", &preview);
    if errors.is_empty() {
        page.render("volunteers/module_admin_edit.html", ctx)
    } else {
        page.render_invalid("volunteers/module_admin_edit.html", ctx)
    }
}

pub async fn edit(
    _admin: Admin,
    page: Page,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let module = site_content::module_source(&page.state.app, path.into_inner()).await?;
    let form = ModuleForm {
        title: module.title.clone(),
        hours: hours_text(module.minutes),
        body: module.body.clone(),
        action: String::new(),
    };
    render(&page, &module, &form, &FieldErrors::new(), None).await
}

pub async fn save(
    admin: Admin,
    by: Actor,
    page: Page,
    path: web::Path<String>,
    Form(form): Form<ModuleForm>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let module = site_content::module_source(&page.state.app, id.clone()).await?;
    let mut errors = FieldErrors::new();
    let edit = ModuleEdit::check(&form.title, &form.hours, &form.body, &mut errors);
    let preview = (form.action == "preview").then(|| site_content::preview(&form.body));
    let edit = match edit {
        Some(edit) if errors.is_empty() && form.action == "save" => edit,
        _ => return render(&page, &module, &form, &errors, preview).await,
    };
    site_content::save_module(&page.state.app, admin.account(), by, id.clone(), edit).await?;
    page.success("module-saved");
    Ok(redirect(&format!("/admin/forberedelseskursus/{id}")))
}

#[cfg(test)]
mod tests {
    use super::hours_text;

    #[test]
    fn hours_are_written_as_the_form_reads_them() {
        assert_eq!(hours_text(120), "2");
        assert_eq!(hours_text(150), "2,5");
        assert_eq!(hours_text(75), "1,25");
        assert_eq!(hours_text(45), "0,75");
    }
}
