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
    /// Administrators: create one, or list them.
    #[command(subcommand)]
    Admin(AdminCommand),
    /// Check the settings, the database and the mail server without
    /// starting the site; exit code 1 on any problem.
    Check,
    /// Write a consistent copy of the database (DATABASE_URL) to PATH while
    /// the site runs: SQLite's `VACUUM INTO`, or `pg_dump` on PostgreSQL.
    Backup { path: PathBuf },
    /// Restore the backup at PATH onto an empty database (DATABASE_URL),
    /// then migrate it forward. Stop the site first.
    Restore { path: PathBuf },
    /// Regions and branches: load them from a file.
    #[command(subcommand)]
    Org(OrgCommand),
    /// GenLær courses: load them from a folder.
    #[command(subcommand)]
    Courses(CoursesCommand),
    /// Import people from before Brobyg from a CSV file (as Excel writes
    /// it); a dry run unless --apply (or confirmed at the terminal).
    #[command(subcommand)]
    Import(ImportCommand),
}

#[derive(Subcommand)]
enum OrgCommand {
    /// Create or update the regions and branches of a TOML file (like
    /// course-material/organisation.toml), matched by slug; never deletes.
    Import { file: PathBuf },
}

#[derive(Subcommand)]
enum CoursesCommand {
    /// Create or update the GenLær courses of the Markdown files in DIR
    /// (like course-material/genlaer/), matched by slug; never deletes.
    Import { dir: PathBuf },
}

#[derive(Subcommand)]
enum ImportCommand {
    /// Brobyggere: navn; email; telefon; afdeling; status; uddannet_dato;
    /// gennemfoerte_moduler; tavshedserklaering_version;
    /// tavshedserklaering_dato; sidste_supervision; studie; institution;
    /// noter_til_koordinator.
    Volunteers {
        file: PathBuf,
        /// Import; without it the command only shows what would happen.
        #[arg(long)]
        apply: bool,
    },
    /// Coordinators: navn; email; afdelinger (names or slugs, comma
    /// separated).
    Coordinators {
        file: PathBuf,
        #[arg(long)]
        apply: bool,
    },
}

#[derive(Subcommand)]
enum AdminCommand {
    /// Create a verified administrator. Asks for the password at the
    /// terminal, reads it from stdin, or prints a one-time link.
    Create {
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
        /// Read the password from the first line of stdin.
        #[arg(long, conflicts_with = "link")]
        password_stdin: bool,
        /// Print a set-password link (valid 24 hours) instead of asking.
        #[arg(long)]
        link: bool,
    },
    /// List the administrators and whether two-factor login is on.
    List,
}

#[actix_web::main]
async fn main() -> anyhow::Result<()> {
    brobyg::telemetry::init();
    let cli = Cli::parse();
    let env = |k: &str| std::env::var(k).ok();
    if let Some(Command::Check) = cli.command {
        let settings = Settings::load_unchecked(Some(&cli.config), env)?;
        return brobyg::cli::check::run(&settings, &mut std::io::stdout());
    }
    let mut settings = Settings::load(Some(&cli.config), env)?;
    match cli.command {
        Some(Command::Generate { scale, seed }) => return generate(&settings, scale, seed),
        Some(Command::Admin(command)) => return admin(&settings, command),
        Some(Command::Backup { path }) => return backup(&settings, &path),
        Some(Command::Restore { path }) => return restore(&settings, &path),
        Some(Command::Org(OrgCommand::Import { file })) => {
            let db = brobyg::db::Db::open(settings.database_url().expose_secret(), 1)?;
            return brobyg::cli::org::import(&db, &file, &mut std::io::stdout());
        }
        Some(Command::Courses(CoursesCommand::Import { dir })) => {
            let db = brobyg::db::Db::open(settings.database_url().expose_secret(), 1)?;
            return brobyg::cli::courses::import(&db, &dir, &mut std::io::stdout());
        }
        Some(Command::Import(command)) => return import(&settings, command),
        _ => {}
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

fn admin(settings: &Settings, command: AdminCommand) -> anyhow::Result<()> {
    use brobyg::cli::admin::{self, PasswordChoice};
    let db = brobyg::db::Db::open(settings.database_url().expose_secret(), 1)?;
    let out = &mut std::io::stdout();
    match command {
        AdminCommand::Create {
            email,
            name,
            password_stdin,
            link,
        } => {
            let choice = match link {
                true => PasswordChoice::Link,
                false => {
                    PasswordChoice::Given(admin::password_from_stdin_or_terminal(password_stdin)?)
                }
            };
            admin::create(&db, settings, &email, &name, choice, out)
        }
        AdminCommand::List => admin::list(&db, out),
    }
}

fn import(settings: &Settings, command: ImportCommand) -> anyhow::Result<()> {
    use brobyg::app::imports::Kind;
    use std::io::IsTerminal as _;
    let (kind, file, apply) = match command {
        ImportCommand::Volunteers { file, apply } => (Kind::Volunteers, file, apply),
        ImportCommand::Coordinators { file, apply } => (Kind::Coordinators, file, apply),
    };
    let db = brobyg::db::Db::open(settings.database_url().expose_secret(), 1)?;
    let out = &mut std::io::stdout();
    brobyg::cli::import::run(&db, kind, &file, apply, out)?;
    if !apply && std::io::stdin().is_terminal() && brobyg::cli::import::confirm_at_terminal()? {
        brobyg::cli::import::run(&db, kind, &file, true, out)?;
    }
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
