use std::path::PathBuf;

use anyhow::Context as _;
use brobyg::config::Settings;
use brobyg::startup::Application;
use clap::Parser;

/// Brobyg: Social Sundhed's course and volunteer-training system.
#[derive(Parser)]
#[command(version)]
struct Cli {
    /// Settings file (TOML); environment variables override it.
    #[arg(long, default_value = "brobyg.toml")]
    config: PathBuf,
    /// Never load demo content, even into an empty database.
    #[arg(long)]
    no_demo: bool,
}

#[actix_web::main]
async fn main() -> anyhow::Result<()> {
    brobyg::telemetry::init();
    let cli = Cli::parse();
    let mut settings = Settings::load(Some(&cli.config), |k| std::env::var(k).ok())?;
    if cli.no_demo {
        settings.demo = Some(false);
    }
    let base_url = settings.base_url().to_string();
    let app = Application::build(settings).context("starting Brobyg")?;
    tracing::info!(
        "Brobyg is running at {base_url} on {}",
        app.state().db.backend().describe()
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
