//! Settings: built-in defaults, then an optional TOML file, then environment
//! variables. The README's configuration table documents every key.

use std::path::{Path, PathBuf};

use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;

/// Never good enough for production: `validate` refuses it there.
pub const DEVELOPMENT_SECRET_KEY: &str =
    "brobyg-development-secret-key-not-for-production-use-0123456789abcdef";

/// Environment variables and the setting each one overrides. Explicit rather
/// than prefix-based so that the names match what operators already use
/// (`DATABASE_URL`, `BIND`) without picking up unrelated variables.
const ENV_VARS: &[(&str, &str)] = &[
    ("BROBYG_ENV", "environment"),
    ("DATABASE_URL", "database_url"),
    ("DATABASE_POOL_SIZE", "database_pool_size"),
    ("BIND", "bind"),
    ("BASE_URL", "base_url"),
    ("SECRET_KEY", "secret_key"),
    ("DATA_DIR", "data_dir"),
    ("BROBYG_DEMO", "demo"),
    ("TRUST_PROXY", "trust_proxy"),
    ("WORKERS", "workers"),
    ("SMTP_HOST", "smtp_host"),
    ("SMTP_PORT", "smtp_port"),
    ("SMTP_SECURITY", "smtp_security"),
    ("SMTP_USER", "smtp_user"),
    ("SMTP_PASSWORD", "smtp_password"),
    ("MAIL_FROM", "mail_from"),
    ("MAIL_WORKER", "mail_worker"),
    ("MAIL_POLL_SECONDS", "mail_poll_seconds"),
    ("METRICS_TOKEN", "metrics_token"),
    ("MAIL_DELIVERY", "mail_delivery"),
    ("INVOICE_SELLER_CVR", "invoice_seller_cvr"),
    ("INVOICE_SELLER_ADDRESS", "invoice_seller_address"),
    ("INVOICE_IBAN", "invoice_iban"),
    ("INVOICE_DUE_DAYS", "invoice_due_days"),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Environment {
    Development,
    Production,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SmtpSecurity {
    /// Implicit TLS, usually port 465.
    Tls,
    /// Plain connection upgraded with STARTTLS, usually port 587.
    Starttls,
    /// No encryption: only for a relay on the same host.
    None,
}

/// How emails leave the site, said out loud: production refuses to write
/// them to files unless asked to (`Settings::validate`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MailDelivery {
    /// Through `SMTP_HOST`.
    Smtp,
    /// As `.eml` files under `<data_dir>/mail/`; nobody receives them.
    Files,
}

/// `Debug` shows no secret: the secret key, the SMTP password and the
/// database URL (which may hold a password) are `SecretString`s, printed
/// as `[REDACTED]`, and read with `expose_secret()` only where they are
/// used.
#[derive(Debug, Clone, Deserialize)]
#[serde(default)]
pub struct Settings {
    pub environment: Environment,
    /// Empty, a file path or `sqlite:PATH`: SQLite. `postgres://` or
    /// `postgresql://`: PostgreSQL.
    pub database_url: SecretString,
    pub database_pool_size: u32,
    pub bind: String,
    /// Public address of the site, used in links in emails and calendar feeds.
    pub base_url: String,
    pub secret_key: SecretString,
    /// Where the SQLite database and written emails live by default.
    pub data_dir: PathBuf,
    /// Load demo content into an empty database. Unset means: yes in
    /// development, no in production.
    pub demo: Option<bool>,
    /// Take the client address from `X-Forwarded-For` (only behind a proxy
    /// that sets it, or anyone could dodge the login throttle).
    pub trust_proxy: bool,
    /// HTTP worker threads; 0 means one per core.
    pub workers: usize,
    pub smtp_host: Option<String>,
    pub smtp_port: Option<u16>,
    pub smtp_security: SmtpSecurity,
    pub smtp_user: Option<String>,
    pub smtp_password: Option<SecretString>,
    pub mail_from: String,
    /// Run the mail worker in this instance (reminders and delivery).
    pub mail_worker: bool,
    /// Seconds between the worker's passes.
    pub mail_poll_seconds: u64,
    /// A bearer token that opens `/metrics` to a scraper on another
    /// machine (without it, only local, unproxied clients are answered).
    pub metrics_token: Option<SecretString>,
    /// Unset: SMTP when `smtp_host` is set, else files (refused in
    /// production). Set, it must agree with `smtp_host`.
    pub mail_delivery: Option<MailDelivery>,
    /// Social Sundhed's CVR number, the seller on every invoice (the
    /// default is the demo's).
    pub invoice_seller_cvr: String,
    /// The seller's postal address on invoices: street, postcode and town.
    pub invoice_seller_address: String,
    /// The account invoices are paid to (IBAN).
    pub invoice_iban: String,
    /// Days from an invoice's date to its due date.
    pub invoice_due_days: u32,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            environment: Environment::Development,
            database_url: SecretString::default(),
            database_pool_size: 8,
            bind: "127.0.0.1:8080".into(),
            base_url: "http://127.0.0.1:8080".into(),
            secret_key: DEVELOPMENT_SECRET_KEY.into(),
            data_dir: PathBuf::from("data"),
            demo: None,
            trust_proxy: false,
            workers: 0,
            smtp_host: None,
            smtp_port: None,
            smtp_security: SmtpSecurity::Starttls,
            smtp_user: None,
            smtp_password: None,
            mail_from: "Social Sundhed <no-reply@brobyg.test>".into(),
            mail_worker: true,
            mail_poll_seconds: 10,
            metrics_token: None,
            mail_delivery: None,
            invoice_seller_cvr: "29189404".into(),
            invoice_seller_address: "Fredensgade 27, 8000 Aarhus C".into(),
            invoice_iban: "DK5000400440116243".into(),
            invoice_due_days: crate::domain::billing::DEFAULT_DUE_DAYS,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum SettingsError {
    #[error("could not read settings: {0}")]
    Load(#[from] config::ConfigError),
    #[error(
        "SECRET_KEY is still the development default; set a random secret of at least 64 characters for production"
    )]
    DefaultSecretInProduction,
    #[error("SECRET_KEY must be at least 32 characters long")]
    SecretTooShort,
    #[error("BASE_URL must start with http:// or https://, got {0:?}")]
    BadBaseUrl(String),
    #[error(
        "no SMTP_HOST is set, so emails would only be written to files and nobody would receive \
         them; set SMTP_HOST, or MAIL_DELIVERY=files if that is really what you want"
    )]
    NoMailInProduction,
    #[error("MAIL_DELIVERY=smtp needs SMTP_HOST")]
    SmtpWithoutHost,
    #[error("MAIL_DELIVERY=files and SMTP_HOST are both set; choose one")]
    FilesWithSmtpHost,
}

impl Settings {
    /// Layers defaults, the TOML file (if given and present) and the
    /// environment. `env` is injected so tests need not touch the process
    /// environment.
    pub fn load(
        file: Option<&Path>,
        env: impl Fn(&str) -> Option<String>,
    ) -> Result<Settings, SettingsError> {
        let settings = Settings::load_unchecked(file, env)?;
        settings.validate()?;
        Ok(settings)
    }

    /// `load` without `validate`: for `brobyg check`, which reports every
    /// problem rather than stopping at the first.
    pub fn load_unchecked(
        file: Option<&Path>,
        env: impl Fn(&str) -> Option<String>,
    ) -> Result<Settings, SettingsError> {
        let mut builder = config::Config::builder();
        if let Some(path) = file {
            builder = builder.add_source(config::File::from(path).required(false));
        }
        for (var, key) in ENV_VARS {
            if let Some(value) = env(var).filter(|v| !v.is_empty()) {
                builder = builder.set_override(*key, value)?;
            }
        }
        Ok(builder.build()?.try_deserialize()?)
    }

    /// The first of `problems`, if any: the site refuses to start with it.
    pub fn validate(&self) -> Result<(), SettingsError> {
        match self.problems().into_iter().next() {
            Some(problem) => Err(problem),
            None => Ok(()),
        }
    }

    /// Everything that keeps these settings from running the site.
    pub fn problems(&self) -> Vec<SettingsError> {
        let mut problems = Vec::new();
        let production = self.environment == Environment::Production;
        let secret_key = self.secret_key.expose_secret();
        if production && secret_key == DEVELOPMENT_SECRET_KEY {
            problems.push(SettingsError::DefaultSecretInProduction);
        } else if secret_key.len() < 32 {
            problems.push(SettingsError::SecretTooShort);
        }
        if !(self.base_url.starts_with("http://") || self.base_url.starts_with("https://")) {
            problems.push(SettingsError::BadBaseUrl(self.base_url.clone()));
        }
        match (self.mail_delivery, self.smtp_host().is_some()) {
            (Some(MailDelivery::Smtp), false) => problems.push(SettingsError::SmtpWithoutHost),
            (Some(MailDelivery::Files), true) => problems.push(SettingsError::FilesWithSmtpHost),
            (None, false) if production => problems.push(SettingsError::NoMailInProduction),
            _ => {}
        }
        problems
    }

    /// The mail server, if one is set (blank counts as unset).
    pub fn smtp_host(&self) -> Option<&str> {
        self.smtp_host
            .as_deref()
            .map(str::trim)
            .filter(|h| !h.is_empty())
    }

    /// Emails are written to `.eml` files rather than sent.
    pub fn mail_to_files(&self) -> bool {
        self.smtp_host().is_none()
    }

    pub fn load_demo(&self) -> bool {
        self.demo
            .unwrap_or(self.environment == Environment::Development)
    }

    /// Cookies carry the `Secure` flag whenever the public site is HTTPS.
    pub fn secure_cookies(&self) -> bool {
        self.base_url.starts_with("https://")
    }

    pub fn base_url(&self) -> &str {
        self.base_url.trim_end_matches('/')
    }

    /// The database URL with the embedded default filled in.
    pub fn database_url(&self) -> SecretString {
        let url = self.database_url.expose_secret().trim();
        if url.is_empty() {
            self.data_dir
                .join("brobyg.sqlite3")
                .display()
                .to_string()
                .into()
        } else {
            url.into()
        }
    }

    pub fn mail_dir(&self) -> PathBuf {
        self.data_dir.join("mail")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn env(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |k| map.get(k).cloned()
    }

    /// The settings file of `examples/deploy/`, as `KEY=value` pairs.
    fn deploy_env() -> Vec<(String, String)> {
        include_str!("../examples/deploy/brobyg.env")
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(|l| {
                let (k, v) = l.split_once('=').expect("KEY=value");
                (k.to_string(), v.to_string())
            })
            .collect()
    }

    #[test]
    fn the_deployment_example_names_only_real_settings_and_wants_a_secret() {
        let pairs = deploy_env();
        for (key, _) in &pairs {
            assert!(
                ENV_VARS.iter().any(|(var, _)| var == key)
                    || ["RUST_LOG", "LOG_FORMAT"].contains(&key.as_str()),
                "examples/deploy/brobyg.env sets {key}, which the site does not read"
            );
        }
        let as_shipped: Vec<(&str, &str)> = pairs
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let settings = Settings::load_unchecked(None, env(&as_shipped)).expect("loads");
        assert_eq!(settings.environment, Environment::Production);
        assert!(settings.trust_proxy, "the instances sit behind the proxy");
        assert!(
            matches!(
                settings.problems().as_slice(),
                [SettingsError::DefaultSecretInProduction]
            ),
            "as shipped, only the missing secret stops it: {:?}",
            settings.problems()
        );

        let secret = "k".repeat(64);
        let mut filled = as_shipped.clone();
        filled.retain(|(k, _)| *k != "SECRET_KEY");
        filled.push(("SECRET_KEY", &secret));
        Settings::load(None, env(&filled)).expect("with a secret it starts");
    }

    #[test]
    fn defaults_give_a_local_sqlite_site_with_demo_content() {
        let s = Settings::load(None, env(&[])).expect("defaults are valid");
        assert_eq!(s.bind, "127.0.0.1:8080");
        assert_eq!(s.database_url().expose_secret(), "data/brobyg.sqlite3");
        assert!(s.load_demo());
        assert!(!s.secure_cookies());
    }

    #[test]
    fn file_overrides_defaults_and_environment_overrides_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("brobyg.toml");
        std::fs::write(
            &path,
            "bind = \"0.0.0.0:9000\"\nbase_url = \"https://a.example\"\n",
        )
        .expect("write");
        let s = Settings::load(Some(&path), env(&[("BIND", "127.0.0.1:7000")])).expect("valid");
        assert_eq!(s.bind, "127.0.0.1:7000");
        assert_eq!(s.base_url(), "https://a.example");
        assert!(s.secure_cookies());
    }

    #[test]
    fn production_refuses_the_default_secret() {
        let err = Settings::load(None, env(&[("BROBYG_ENV", "production")])).expect_err("refused");
        assert!(matches!(err, SettingsError::DefaultSecretInProduction));
        let ok = Settings::load(
            None,
            env(&[
                ("BROBYG_ENV", "production"),
                ("SECRET_KEY", &"x".repeat(64)),
                ("SMTP_HOST", "smtp.example.dk"),
            ]),
        )
        .expect("a real secret is accepted");
        assert!(
            !ok.load_demo(),
            "production loads no demo content by default"
        );
    }

    #[test]
    fn short_secrets_and_bad_urls_are_refused() {
        assert!(matches!(
            Settings::load(None, env(&[("SECRET_KEY", "short")])).expect_err("refused"),
            SettingsError::SecretTooShort
        ));
        assert!(matches!(
            Settings::load(None, env(&[("BASE_URL", "brobyg.dk")])).expect_err("refused"),
            SettingsError::BadBaseUrl(_)
        ));
    }

    #[test]
    fn mail_settings_are_read_from_the_environment() {
        let s = Settings::load(
            None,
            env(&[
                ("SMTP_HOST", "smtp.example.dk"),
                ("SMTP_PORT", "465"),
                ("SMTP_SECURITY", "tls"),
                ("MAIL_WORKER", "false"),
                ("MAIL_POLL_SECONDS", "30"),
            ]),
        )
        .expect("valid");
        assert_eq!(s.smtp_host.as_deref(), Some("smtp.example.dk"));
        assert_eq!(s.smtp_port, Some(465));
        assert_eq!(s.smtp_security, SmtpSecurity::Tls);
        assert!(!s.mail_worker);
        assert_eq!(s.mail_poll_seconds, 30);
        let defaults = Settings::load(None, env(&[])).expect("valid");
        assert!(defaults.mail_worker, "the worker runs unless switched off");
        assert_eq!(defaults.smtp_host, None, "no SMTP: .eml files");
    }

    #[test]
    fn production_without_smtp_needs_mail_delivery_files() {
        let secret = "x".repeat(64);
        let production = [("BROBYG_ENV", "production"), ("SECRET_KEY", &secret)];
        let err = Settings::load(None, env(&production)).expect_err("refused");
        assert!(matches!(err, SettingsError::NoMailInProduction), "{err}");
        assert!(err.to_string().contains("MAIL_DELIVERY=files"), "{err}");
        let files = Settings::load(
            None,
            env(&[production[0], production[1], ("MAIL_DELIVERY", "files")]),
        )
        .expect("files, asked for explicitly, are accepted");
        assert_eq!(files.mail_delivery, Some(MailDelivery::Files));
        assert!(files.mail_to_files());
        // Development writes files without being asked.
        let development = Settings::load(None, env(&[])).expect("valid");
        assert!(development.mail_to_files());
    }

    #[test]
    fn mail_delivery_must_agree_with_smtp_host() {
        assert!(matches!(
            Settings::load(None, env(&[("MAIL_DELIVERY", "smtp")])).expect_err("refused"),
            SettingsError::SmtpWithoutHost
        ));
        assert!(matches!(
            Settings::load(
                None,
                env(&[("MAIL_DELIVERY", "files"), ("SMTP_HOST", "smtp.example.dk")])
            )
            .expect_err("refused"),
            SettingsError::FilesWithSmtpHost
        ));
        let smtp = Settings::load(
            None,
            env(&[("MAIL_DELIVERY", "smtp"), ("SMTP_HOST", "smtp.example.dk")]),
        )
        .expect("valid");
        assert!(!smtp.mail_to_files());
        assert!(Settings::load(None, env(&[("MAIL_DELIVERY", "pigeon")])).is_err());
    }

    #[test]
    fn problems_lists_every_problem() {
        let settings = Settings {
            environment: Environment::Production,
            base_url: "brobyg.dk".into(),
            ..Settings::default()
        };
        let problems = settings.problems();
        assert!(matches!(
            problems.as_slice(),
            [
                SettingsError::DefaultSecretInProduction,
                SettingsError::BadBaseUrl(_),
                SettingsError::NoMailInProduction
            ]
        ));
    }

    #[test]
    fn demo_flag_is_parsed_from_the_environment() {
        let s = Settings::load(None, env(&[("BROBYG_DEMO", "false")])).expect("valid");
        assert!(!s.load_demo());
    }

    #[test]
    fn debug_output_shows_no_secret() {
        let settings = Settings {
            secret_key: "a-secret-key-that-must-never-be-printed".into(),
            smtp_user: Some("brobyg".into()),
            smtp_password: Some("smtp-password-never-printed".into()),
            database_url: "postgres://user:db-password-never-printed@db.example/brobyg".into(),
            ..Settings::default()
        };
        let shown = format!("{settings:?}");
        for secret in [
            "a-secret-key-that-must-never-be-printed",
            "smtp-password-never-printed",
            "db-password-never-printed",
        ] {
            assert!(!shown.contains(secret), "{secret} in {shown}");
        }
        assert!(shown.contains("smtp_user: Some(\"brobyg\")"), "{shown}");
    }

    #[test]
    fn secrets_are_read_from_the_file_and_the_environment() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("brobyg.toml");
        std::fs::write(&path, "smtp_password = \"from-the-file\"\n").expect("write");
        let s = Settings::load(
            Some(&path),
            env(&[
                ("SECRET_KEY", &"s".repeat(40)),
                ("DATABASE_URL", "postgres://u:pw@h/db"),
            ]),
        )
        .expect("valid");
        assert_eq!(s.secret_key.expose_secret(), "s".repeat(40));
        assert_eq!(s.database_url().expose_secret(), "postgres://u:pw@h/db");
        assert_eq!(
            s.smtp_password.as_ref().map(|p| p.expose_secret()),
            Some("from-the-file")
        );
    }
}
