//! Brobyg: Social Sundhed's course and volunteer-training system.
//!
//! See `ARCHITECTURE.md` for a map of the modules and how a request flows.

pub mod app;
pub mod auth;
pub mod cache;
pub mod calendar;
pub mod cli;
pub mod config;
pub mod content;
pub mod db;
pub mod demo;
pub mod domain;
pub mod einvoice;
pub mod error;
pub mod generate;
pub mod i18n;
pub mod mail;
pub mod pdf;
pub mod startup;
pub mod telemetry;
pub mod templates;
pub mod web;
