//! The preparation course's material, read in the site: for accepted
//! volunteers (with their own hours beside each module) and for the
//! coordinators and administrators who teach it.

use actix_web::{HttpResponse, web};
use tera::Context;

use crate::app::volunteers::material;
use crate::error::AppError;
use crate::web::{Page, SignedIn};

pub async fn index(user: SignedIn, page: Page) -> Result<HttpResponse, AppError> {
    let view = material::index(&page.state.app, user.account()).await?;
    page.render("volunteers/material.html", Context::from_serialize(&view)?)
}

pub async fn module(
    user: SignedIn,
    page: Page,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let view = material::module(&page.state.app, user.account(), &path.into_inner()).await?;
    page.render("volunteers/module.html", Context::from_serialize(&view)?)
}
