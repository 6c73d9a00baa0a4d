//! One integration-test binary: every test drives the real site over HTTP.
//! Set `TEST_DATABASE_URL=postgres://...` to run the same tests on
//! PostgreSQL (each test gets its own database, dropped afterwards).

mod helpers;
mod mail_support;
mod smtp;

mod account_details;
mod accounts;
mod admin;
mod audit;
mod authorization;
mod backup;
mod beneath;
mod brobygninger;
mod browser;
mod calendar;
mod cli;
mod data_export;
mod demo;
mod engine;
mod erasure;
mod evaluations;
mod evenings;
mod generate;
mod genlaer;
mod go_live;
mod i18n;
mod id_list;
mod imports;
mod in_sql;
mod invoices;
mod mail;
mod mail_snapshots;
mod meetings;
mod metrics;
mod org_import;
mod platform;
mod privacy;
mod regional;
mod reminders;
mod retention;
mod schema;
mod security;
mod sessions;
mod supervision;
mod tasks;
mod trends;
mod vagter;
mod volunteers;
mod writes;
