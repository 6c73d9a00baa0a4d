use actix_web::HttpResponse;
use tera::Context;

use crate::db::{branches, volunteers};
use crate::error::AppError;
use crate::web::{Page, VolunteerUser};

/// The volunteer's own page: their branch and where they are on the path.
pub async fn index(user: VolunteerUser, page: Page) -> Result<HttpResponse, AppError> {
    let user_id = user.user.id;
    let (volunteer, branch) = page
        .db()
        .run(move |c| {
            let v = volunteers::find(c, user_id)?.ok_or(AppError::Forbidden)?;
            let b = branches::find(c, v.branch_id)?;
            Ok((v, b))
        })
        .await?;
    let mut ctx = Context::new();
    ctx.insert("volunteer", &volunteer);
    ctx.insert("branch", &branch);
    page.render("volunteer/index.html", ctx)
}
