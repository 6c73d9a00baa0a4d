use std::path::PathBuf;

use anyhow::Context as _;
use brobyg::config::Settings;
use brobyg::startup::Application;
use clap::{Parser, Subcommand};
use secrecy::ExposeSecret as _;

/// Brobyg: Social Sundhed's course and volunteer-training system.
#[derive(Parser)]
#[command(version)]
struct Cli {
    /// Settings file (TOML); environment variables override it.
    #[arg(long, default_value = "brobyg.toml", global = true)]
    config: PathBuf,
    /// Never load demo content, even into an empty database.
    #[arg(long)]
    no_demo: bool,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Fill an empty database (DATABASE_URL) with a large generated dataset
    /// for benchmarks; every account's password is `brobyg-demo`.
    Generate {
        /// tiny (tests), small (seconds), medium, national (100,000 users,
        /// 20,000 sessions, about a million enrolments; minutes).
        #[arg(long, value_enum, default_value = "small")]
        scale: brobyg::generate::Scale,
        /// The same seed gives the same data.
        #[arg(long, default_value_t = 2026)]
        seed: u64,
    },
    /// Write a consistent copy of the database (DATABASE_URL) to PATH while
    /// the site runs: SQLite's `VACUUM INTO`, or `pg_dump` on PostgreSQL.
    Backup { path: PathBuf },
    /// Restore the backup at PATH onto an empty database (DATABASE_URL),
    /// then migrate it forward. Stop the site first.
    Restore { path: PathBuf },
}

#[actix_web::main]
async fn main() -> anyhow::Result<()> {
    brobyg::telemetry::init();
    let cli = Cli::parse();
    let mut settings = Settings::load(Some(&cli.config), |k| std::env::var(k).ok())?;
    match cli.command {
        Some(Command::Generate { scale, seed }) => return generate(&settings, scale, seed),
        Some(Command::Backup { path }) => return backup(&settings, &path),
        Some(Command::Restore { path }) => return restore(&settings, &path),
        None => {}
    }
    if cli.no_demo {
        settings.demo = Some(false);
    }
    let base_url = settings.base_url().to_string();
    let app = Application::build(settings).context("starting Brobyg")?;
    tracing::info!(
        "Brobyg is running at {base_url} on {}",
        app.state().app.db.backend().describe()
    );
    if app.state().settings.load_demo() {
        tracing::info!(
            "Demo accounts (password {}): {}",
            brobyg::demo::PASSWORD,
            brobyg::demo::ACCOUNTS.join(", ")
        );
    }
    app.run_until_stopped().await?;
    Ok(())
}

fn generate(settings: &Settings, scale: brobyg::generate::Scale, seed: u64) -> anyhow::Result<()> {
    let db = brobyg::db::Db::open(settings.database_url().expose_secret(), 2)?;
    tracing::info!(
        "generating the {scale:?} dataset into {}",
        db.backend().describe()
    );
    let summary = brobyg::generate::run(&db, scale, seed)?;
    println!("{summary}");
    Ok(())
}

fn backup(settings: &Settings, path: &std::path::Path) -> anyhow::Result<()> {
    let url = settings.database_url();
    brobyg::cli::backup::backup(url.expose_secret(), path)
        .with_context(|| format!("backing up to {}", path.display()))?;
    println!("backed up to {}", path.display());
    Ok(())
}

fn restore(settings: &Settings, path: &std::path::Path) -> anyhow::Result<()> {
    let url = settings.database_url();
    brobyg::cli::backup::restore(url.expose_secret(), path)
        .with_context(|| format!("restoring {}", path.display()))?;
    println!("restored {}", path.display());
    Ok(())
}
