//! What the journeys are written with: the tools (Chromium, chromedriver,
//! axe-core) found or the test skipped, one chromedriver process per test,
//! and `Tab`, a browser tab that acts like a person: by mouse, or by
//! keyboard alone (Tab to a control, then Enter, Space, arrows or typing).
//! Every page it lands on is checked by axe-core.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::elements::Element;
use fantoccini::key::Key;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{Value, json};
use tokio::sync::{Semaphore, SemaphorePermit};

use crate::helpers::{TestApp, spawn_app};

/// How long a page, an element or a download may take before the test fails.
const PATIENCE: Duration = Duration::from_secs(15);
/// The most Tab presses a control may need; more means it cannot be reached.
const MAX_TABS: usize = 150;

/// Two browsers at a time at most: the machine has two cores, and the rest
/// of the suite runs beside them.
static BROWSERS: Semaphore = Semaphore::const_new(2);

/// How a journey is driven.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Clicks on the controls, typing into fields.
    Mouse,
    /// Tab until the control has focus, then Enter, Space, arrows or typing.
    Keyboard,
}

/// Something on the page to act on.
#[derive(Clone, Debug)]
pub enum Target {
    Css(String),
    /// A link whose text contains this.
    Link(String),
    /// A button whose text contains this.
    Button(String),
}

pub fn css(selector: &str) -> Target {
    Target::Css(selector.to_string())
}

pub fn link(text: &str) -> Target {
    Target::Link(text.to_string())
}

pub fn button(text: &str) -> Target {
    Target::Button(text.to_string())
}

fn xpath_literal(text: &str) -> String {
    if text.contains('"') {
        format!("'{text}'")
    } else {
        format!("\"{text}\"")
    }
}

impl Target {
    fn xpath(&self) -> Option<String> {
        match self {
            Target::Css(_) => None,
            Target::Link(text) => Some(format!(
                "//a[contains(normalize-space(.), {})]",
                xpath_literal(text)
            )),
            Target::Button(text) => Some(format!(
                "//button[contains(normalize-space(.), {})]",
                xpath_literal(text)
            )),
        }
    }
}

impl std::fmt::Display for Target {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Target::Css(s) => write!(f, "`{s}`"),
            Target::Link(t) => write!(f, "the link \"{t}\""),
            Target::Button(t) => write!(f, "the button \"{t}\""),
        }
    }
}

/// Where the tools are, or what is missing.
struct Tools {
    chromium: PathBuf,
    chromedriver: PathBuf,
    axe: String,
}

fn on_path(names: &[&str]) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    names.iter().find_map(|name| {
        std::env::split_paths(&path)
            .map(|dir| dir.join(name))
            .find(|p| p.is_file())
    })
}

fn from_env_or_path(var: &str, names: &[&str]) -> Option<PathBuf> {
    match std::env::var_os(var) {
        Some(p) if !p.is_empty() => Some(PathBuf::from(p)).filter(|p| p.is_file()),
        _ => on_path(names),
    }
}

fn manifest_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// `target/` of this checkout (or `CARGO_TARGET_DIR`).
fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .filter(|d| !d.is_empty())
        .map(PathBuf::from)
        .unwrap_or_else(|| manifest_dir().join("target"))
}

pub fn screenshot_dir() -> PathBuf {
    target_dir().join("screenshots")
}

impl Tools {
    fn locate() -> Result<Tools, Vec<String>> {
        let mut missing = Vec::new();
        let chromium = from_env_or_path(
            "BROBYG_CHROMIUM",
            &["chromium", "chromium-browser", "google-chrome"],
        );
        if chromium.is_none() {
            missing.push("chromium (apt-get install chromium)".to_string());
        }
        let chromedriver = from_env_or_path("BROBYG_CHROMEDRIVER", &["chromedriver"]);
        if chromedriver.is_none() {
            missing.push("chromedriver (apt-get install chromium-driver)".to_string());
        }
        let axe_path = manifest_dir().join("tests/browser/node_modules/axe-core/axe.min.js");
        let axe = std::fs::read_to_string(&axe_path).ok();
        if axe.is_none() {
            missing.push(format!(
                "{} (npm ci --prefix tests/browser)",
                axe_path.display()
            ));
        }
        match (chromium, chromedriver, axe) {
            (Some(chromium), Some(chromedriver), Some(axe)) => Ok(Tools {
                chromium,
                chromedriver,
                axe,
            }),
            _ => Err(missing),
        }
    }
}

/// `BROBYG_BROWSER_TESTS`: `required` fails when a tool is missing (CI),
/// `off` skips the browser tests; unset, they run when the tools are there.
fn setting() -> String {
    std::env::var("BROBYG_BROWSER_TESTS").unwrap_or_default()
}

/// Says so on the terminal, past the test harness's output capture, so a
/// skipped browser test is never mistaken for a passed one.
fn announce_skip(test: &str, why: &str) {
    let _ = writeln!(
        std::io::stderr(),
        "browser test {test} SKIPPED: {why} (set BROBYG_BROWSER_TESTS=required to make this an error)"
    );
}

/// One chromedriver for one test, in a process group of its own so that
/// dropping it ends the browser it started too.
struct Chromedriver {
    child: Child,
    url: String,
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port()
}

impl Chromedriver {
    async fn start(binary: &Path, log: &Path) -> Chromedriver {
        use std::os::unix::process::CommandExt;
        let port = free_port();
        let child = Command::new(binary)
            .arg(format!("--port={port}"))
            .arg(format!("--log-path={}", log.display()))
            .arg("--log-level=WARNING")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .process_group(0)
            .spawn()
            .unwrap_or_else(|e| panic!("start {}: {e}", binary.display()));
        let driver = Chromedriver {
            child,
            url: format!("http://127.0.0.1:{port}"),
        };
        let status = format!("{}/status", driver.url);
        let http = reqwest::Client::new();
        poll("chromedriver to listen", || async {
            let ready = http
                .get(&status)
                .send()
                .await
                .ok()?
                .json::<Value>()
                .await
                .ok()?;
            ready["value"]["ready"].as_bool().filter(|r| *r)
        })
        .await;
        driver
    }
}

impl Drop for Chromedriver {
    fn drop(&mut self) {
        // The group id is chromedriver's own pid (process_group(0)).
        let _ = Command::new("kill")
            .args(["-KILL", "--", &format!("-{}", self.child.id())])
            .stderr(Stdio::null())
            .status();
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Polls `check` until it gives a value; fails the test after `PATIENCE`.
pub async fn poll<T, F, Fut>(what: &str, mut check: F) -> T
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Option<T>>,
{
    let deadline = Instant::now() + PATIENCE;
    loop {
        if let Some(value) = check().await {
            return value;
        }
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        tokio::time::sleep(Duration::from_millis(40)).await;
    }
}

/// A test's app, browser and chromedriver. Dropped in field order: the tab
/// (the session is closed in `finish`), then chromedriver, then the app.
pub struct Run {
    pub tab: Tab,
    driver: Chromedriver,
    pub app: TestApp,
    _permit: SemaphorePermit<'static>,
    _dir: tempfile::TempDir,
}

impl Run {
    /// The site on a fresh database and a browser for it, or `None` (said
    /// on the terminal) when the tools are missing and not required.
    pub async fn start(test: &str, mode: Mode) -> Option<Run> {
        let setting = setting();
        if setting == "off" {
            announce_skip(test, "BROBYG_BROWSER_TESTS=off");
            return None;
        }
        let tools = match Tools::locate() {
            Ok(tools) => tools,
            Err(missing) if setting == "required" => panic!(
                "browser test {test}: BROBYG_BROWSER_TESTS=required but missing: {}",
                missing.join(", ")
            ),
            Err(missing) => {
                announce_skip(test, &format!("missing {}", missing.join(", ")));
                return None;
            }
        };
        let permit = BROWSERS.acquire().await.expect("semaphore open");
        let app = spawn_app().await;
        let dir = tempfile::tempdir().expect("temporary folder");
        let downloads = dir.path().join("downloads");
        std::fs::create_dir_all(&downloads).expect("downloads folder");
        let driver =
            Chromedriver::start(&tools.chromedriver, &dir.path().join("chromedriver.log")).await;
        let client = connect(&driver.url, &tools.chromium, dir.path(), &downloads).await;
        let tab = Tab {
            client,
            base: app.address.clone(),
            mode,
            axe: tools.axe,
            test: test.to_string(),
            downloads,
            violations: Vec::new(),
            audited: Vec::new(),
            width: 1280,
        };
        Some(Run {
            tab,
            driver,
            app,
            _permit: permit,
            _dir: dir,
        })
    }

    /// Ends the browser session and fails the test if axe found serious or
    /// critical problems on any page the journey visited.
    pub async fn finish(self) {
        let Run {
            tab,
            driver,
            app,
            _permit,
            _dir,
        } = self;
        let Tab {
            client,
            violations,
            audited,
            test,
            ..
        } = tab;
        let _ = client.close().await;
        drop(driver);
        drop(app);
        assert!(!audited.is_empty(), "{test}: the journey visited no page");
        assert!(
            violations.is_empty(),
            "{test}: axe-core found serious or critical accessibility problems:\n{}",
            violations.join("\n")
        );
    }
}

async fn connect(driver: &str, chromium: &Path, dir: &Path, downloads: &Path) -> Client {
    let profile = dir.join("profile");
    let args = vec![
        "--headless=new".to_string(),
        "--no-sandbox".into(),
        "--disable-gpu".into(),
        "--disable-dev-shm-usage".into(),
        "--disable-quic".into(),
        "--no-first-run".into(),
        "--disable-background-networking".into(),
        "--disable-component-update".into(),
        "--disable-sync".into(),
        "--disable-extensions".into(),
        // Screenshots show the page, not a scrollbar eating its width.
        "--hide-scrollbars".into(),
        "--lang=da-DK".into(),
        "--window-size=1280,900".into(),
        format!("--user-data-dir={}", profile.display()),
    ];
    let mut caps = serde_json::Map::new();
    caps.insert("browserName".into(), json!("chrome"));
    caps.insert(
        "goog:chromeOptions".into(),
        json!({
            "binary": chromium,
            "args": args,
            "prefs": {
                // A Danish visitor: the site picks the language from this
                // until the visitor chooses another.
                "intl.accept_languages": "da-DK,da",
                "download.default_directory": downloads,
                "download.prompt_for_download": false,
            },
        }),
    );
    let connector = hyper_util::client::legacy::connect::HttpConnector::new();
    ClientBuilder::new(connector)
        .capabilities(caps)
        .connect(driver)
        .await
        .expect("a browser session from chromedriver")
}

/// One browser tab, acting as a person would.
pub struct Tab {
    client: Client,
    base: String,
    pub mode: Mode,
    axe: String,
    test: String,
    downloads: PathBuf,
    violations: Vec<String>,
    /// Every page axe checked, in order.
    audited: Vec<String>,
    /// The window's width in CSS pixels: 1280 unless a journey holds a phone.
    width: u32,
}

impl Tab {
    /// Holds the window at `width` (390 for a phone), 900 px high, until
    /// changed again; screenshots come back to it.
    pub async fn set_width(&mut self, width: u32) {
        self.width = width;
        self.client
            .set_window_size(width, 900)
            .await
            .expect("window size");
    }

    /// Opens the header's menu, as on a phone: the summary is clicked, or
    /// reached with Tab and opened with Enter.
    pub async fn open_menu(&mut self) {
        let open = self
            .client
            .execute("return document.querySelector('.site-menu').open", vec![])
            .await
            .ok()
            .and_then(|v| v.as_bool())
            .unwrap_or(false);
        if open {
            return;
        }
        self.activate(&css(".site-menu > summary")).await;
        let client = self.client.clone();
        poll("the menu to open", || {
            let client = client.clone();
            async move {
                client
                    .execute(
                        "return document.querySelector('.site-menu').open || null",
                        vec![],
                    )
                    .await
                    .ok()
                    .and_then(|v| v.as_bool())
            }
        })
        .await;
    }

    /// Whether the page is wider than the window, so that it pans sideways.
    pub async fn pans_sideways(&self) -> bool {
        self.client
            .execute(
                "return document.documentElement.scrollWidth > window.innerWidth",
                vec![],
            )
            .await
            .ok()
            .and_then(|v| v.as_bool())
            .unwrap_or(true)
    }

    /// Types an address into the address bar.
    pub async fn open(&mut self, path: &str) {
        self.client
            .goto(&format!("{}{}", self.base, path))
            .await
            .unwrap_or_else(|e| panic!("open {path}: {e}"));
        self.landed().await;
    }

    /// Activates a link or button that leads to a new page, and waits for it.
    pub async fn follow(&mut self, target: Target) {
        self.mark_document().await;
        self.activate(&target).await;
        self.wait_for_new_document(&target).await;
        self.landed().await;
    }

    /// Types `text` into a text field, replacing what it held.
    pub async fn fill(&mut self, target: Target, text: &str) {
        let el = self.reach(&target).await;
        match self.mode {
            Mode::Mouse => {
                el.click()
                    .await
                    .unwrap_or_else(|e| panic!("click {target}: {e}"));
                el.clear()
                    .await
                    .unwrap_or_else(|e| panic!("clear {target}: {e}"));
            }
            Mode::Keyboard => {
                // Select all and delete, as a person replacing a value would.
                let clear = format!("{}a{}{}", Key::Control, Key::Null, Key::Backspace);
                self.type_into_focus(&clear).await;
            }
        }
        if !text.is_empty() {
            match self.mode {
                Mode::Mouse => el
                    .send_keys(text)
                    .await
                    .unwrap_or_else(|e| panic!("type into {target}: {e}")),
                Mode::Keyboard => self.type_into_focus(text).await,
            }
        }
        let value = el.prop("value").await.ok().flatten().unwrap_or_default();
        assert_eq!(value, text, "{}: {target} holds what was typed", self.test);
    }

    /// Picks the option labelled `label` in a select.
    pub async fn choose(&mut self, target: Target, label: &str) {
        let el = self.reach(&target).await;
        match self.mode {
            Mode::Mouse => el
                .select_by_label(label)
                .await
                .unwrap_or_else(|e| panic!("choose {label} in {target}: {e}")),
            Mode::Keyboard => {
                self.press(Key::Home).await;
                let count = self
                    .script_on(&el, "return arguments[0].options.length")
                    .await
                    .as_u64()
                    .unwrap_or(0);
                for _ in 0..=count {
                    if self.selected_label(&el).await == label {
                        break;
                    }
                    self.press(Key::Down).await;
                }
            }
        }
        assert_eq!(
            self.selected_label(&el).await,
            label,
            "{}: {target} shows the chosen option",
            self.test
        );
    }

    /// Ticks a checkbox or picks a radio button.
    pub async fn tick(&mut self, target: Target) {
        let el = self.find(&target).await;
        let is_radio = self
            .script_on(&el, "return arguments[0].type === 'radio'")
            .await
            .as_bool()
            .unwrap_or(false);
        match self.mode {
            Mode::Mouse => el
                .click()
                .await
                .unwrap_or_else(|e| panic!("click {target}: {e}")),
            Mode::Keyboard if is_radio => {
                // Tab enters a radio group once; the arrows choose in it.
                let name = el.attr("name").await.ok().flatten().unwrap_or_default();
                let group = Target::Css(format!("input[type=radio][name=\"{name}\"]"));
                self.tab_until(&group, "return arguments[0].contains(document.activeElement) || document.activeElement.name === arguments[1]", json!(name), &el).await;
                for _ in 0..10 {
                    if self.is_checked(&el).await {
                        break;
                    }
                    self.press(Key::Down).await;
                }
                self.assert_focus_visible(&target, &el).await;
            }
            Mode::Keyboard => {
                self.reach(&target).await;
                if !self.is_checked(&el).await {
                    self.press(Key::Space).await;
                }
            }
        }
        assert!(
            self.is_checked(&el).await,
            "{}: {target} is checked",
            self.test
        );
    }

    /// Activates a download link and returns the file's name and bytes.
    pub async fn download(&mut self, target: Target) -> (String, Vec<u8>) {
        let before: Vec<PathBuf> = files_in(&self.downloads);
        self.activate(&target).await;
        let downloads = self.downloads.clone();
        let path = poll("the download to finish", || {
            let downloads = downloads.clone();
            let before = before.clone();
            async move {
                files_in(&downloads).into_iter().find(|p| {
                    // Chromium writes to a hidden or .crdownload file
                    // and renames it when the download is complete.
                    let hidden = p
                        .file_name()
                        .is_some_and(|n| n.to_string_lossy().starts_with('.'));
                    !before.contains(p)
                        && !hidden
                        && p.extension()
                            .is_some_and(|e| e != "crdownload" && e != "tmp")
                })
            }
        })
        .await;
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let bytes = std::fs::read(&path).expect("the downloaded file");
        (name, bytes)
    }

    /// What a form field holds.
    pub async fn value(&mut self, target: Target) -> String {
        let el = self.find(&target).await;
        el.prop("value").await.ok().flatten().unwrap_or_default()
    }

    /// The visible texts of every element matching `selector`.
    pub async fn texts(&mut self, selector: &str) -> Vec<String> {
        let mut out = Vec::new();
        for el in self
            .client
            .find_all(Locator::Css(selector))
            .await
            .unwrap_or_default()
        {
            out.push(el.text().await.unwrap_or_default().trim().to_string());
        }
        out
    }

    /// Waits until the element shows `needle` (the page may still be
    /// settling) and fails with what it shows instead.
    pub async fn see(&mut self, target: Target, needle: &str) {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let text = match self.first_displayed(&target).await {
                Some(el) => el.text().await.unwrap_or_default(),
                None => String::new(),
            };
            if text.contains(needle) {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "{}: expected {target} on {} to show \"{needle}\"; it shows \"{text}\"",
                self.test,
                self.path().await
            );
            tokio::time::sleep(Duration::from_millis(40)).await;
        }
    }

    /// The path and query of the current page.
    pub async fn path(&self) -> String {
        let url = self.client.current_url().await.expect("current url");
        match url.query() {
            Some(q) => format!("{}?{q}", url.path()),
            None => url.path().to_string(),
        }
    }

    /// What has the focus: the focused element's `id`, or its class when it
    /// has no id, or its tag name.
    pub async fn focused(&self) -> String {
        self.client
            .execute(
                "const a = document.activeElement; \
                 return a ? (a.id || a.className || a.tagName) : ''",
                vec![],
            )
            .await
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default()
    }

    /// Activates a link within the page (no new document) and returns the
    /// id it jumped to, once that element is shown within the window.
    pub async fn jump(&mut self, target: Target) -> String {
        self.activate(&target).await;
        let client = self.client.clone();
        poll(&format!("{target} to reach its target"), || {
            let client = client.clone();
            async move {
                client
                    .execute(
                        "const id = decodeURIComponent(location.hash.slice(1)); \
                         const e = id && document.getElementById(id); \
                         if (!e || !e.getClientRects().length) return null; \
                         const r = e.getBoundingClientRect(); \
                         return r.bottom > 0 && r.top < window.innerHeight ? id : null",
                        vec![],
                    )
                    .await
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_string))
            }
        })
        .await
    }

    /// Whether an element matching `selector` is shown (not hidden by CSS).
    pub async fn is_shown(&self, selector: &str) -> bool {
        self.first_displayed(&css(selector)).await.is_some()
    }

    /// Puts the focus back on an element (one with `tabindex`), as a person
    /// returning to it after a jump within the page.
    pub async fn return_to(&mut self, selector: &str) {
        self.client
            .execute(
                "document.querySelector(arguments[0]).focus(); return null;",
                vec![Value::String(selector.to_string())],
            )
            .await
            .unwrap_or_else(|e| panic!("focus {selector}: {e}"));
    }

    /// `<html lang>` of the current page.
    pub async fn lang(&self) -> String {
        self.client
            .execute("return document.documentElement.lang", vec![])
            .await
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default()
    }

    /// Full-page screenshots at phone (390 px) and desktop (1280 px) width,
    /// as `target/screenshots/<name>-phone.png` and `-desktop.png`. Taken
    /// in the mouse run only: the keyboard run shows the same pages.
    pub async fn screenshot(&mut self, name: &str) {
        if self.mode != Mode::Mouse {
            return;
        }
        let dir = screenshot_dir();
        std::fs::create_dir_all(&dir).expect("screenshot folder");
        for (suffix, width) in [("phone", 390u32), ("desktop", 1280u32)] {
            self.client
                .set_window_size(width, 900)
                .await
                .expect("window size");
            // The window is taller than the page's viewport by the
            // browser's own bars; grow it until the whole page is in view.
            let sizes = self
                .client
                .execute(
                    "return [Math.ceil(document.documentElement.scrollHeight), window.innerHeight]",
                    vec![],
                )
                .await
                .expect("page height");
            let page = sizes[0].as_u64().unwrap_or(900);
            let viewport = sizes[1].as_u64().unwrap_or(900);
            let height = (page + 900u64.saturating_sub(viewport)).clamp(600, 10_000);
            self.client
                .set_window_size(width, u32::try_from(height).unwrap_or(900))
                .await
                .expect("window size");
            let png = self.client.screenshot().await.expect("screenshot");
            std::fs::write(dir.join(format!("{name}-{suffix}.png")), png)
                .expect("write screenshot");
            if suffix == "phone" {
                // The folded layout gets its own check (scrolling tables,
                // wrapped navigation), and a phone never pans sideways:
                // what is wider scrolls inside its own labelled region.
                self.audit().await;
                assert!(
                    !self.pans_sideways().await,
                    "{}: {} is wider than a 390 px phone",
                    self.test,
                    self.path().await
                );
            }
        }
        self.client
            .set_window_size(self.width, 900)
            .await
            .expect("window size");
    }

    // The machinery below.

    async fn landed(&mut self) {
        let client = self.client.clone();
        poll("the page to load", || {
            let client = client.clone();
            async move {
                client
                    .execute("return document.readyState === 'complete'", vec![])
                    .await
                    .ok()
                    .and_then(|v| v.as_bool())
                    .filter(|r| *r)
            }
        })
        .await;
        self.audit().await;
    }

    async fn mark_document(&self) {
        self.client
            .execute("window.__brobygOldPage = true; return null;", vec![])
            .await
            .expect("mark the page");
    }

    async fn wait_for_new_document(&self, target: &Target) {
        let client = self.client.clone();
        poll(&format!("a new page after {target}"), || {
            let client = client.clone();
            async move {
                client
                    .execute(
                        "return window.__brobygOldPage === undefined && document.readyState === 'complete'",
                        vec![],
                    )
                    .await
                    .ok()
                    .and_then(|v| v.as_bool())
                    .filter(|r| *r)
            }
        })
        .await;
    }

    /// Runs axe-core on the page and keeps its serious and critical findings.
    async fn audit(&mut self) {
        let path = self.path().await;
        let loaded = self
            .client
            .execute("return typeof window.axe === 'object'", vec![])
            .await
            .ok()
            .and_then(|v| v.as_bool())
            .unwrap_or(false);
        if !loaded {
            let script = format!("{}\nreturn true;", self.axe);
            self.client
                .execute(&script, vec![])
                .await
                .unwrap_or_else(|e| panic!("inject axe-core into {path}: {e}"));
        }
        let result = self
            .client
            .execute_async(
                r#"const done = arguments[arguments.length - 1];
                axe.run(document, { resultTypes: ['violations'] })
                  .then(r => done(r.violations
                    .filter(v => v.impact === 'serious' || v.impact === 'critical')
                    .map(v => ({ id: v.id, impact: v.impact, help: v.help,
                      nodes: v.nodes.map(n => ({ target: n.target.join(' '), html: n.html,
                        summary: n.failureSummary })) }))))
                  .catch(e => done({ error: String(e) }));"#,
                vec![],
            )
            .await
            .unwrap_or_else(|e| panic!("run axe-core on {path}: {e}"));
        if let Some(error) = result.get("error") {
            panic!("axe-core failed on {path}: {error}");
        }
        for v in result.as_array().into_iter().flatten() {
            let mut line = format!(
                "{path}: [{}] {} ({})",
                v["impact"].as_str().unwrap_or(""),
                v["help"].as_str().unwrap_or(""),
                v["id"].as_str().unwrap_or("")
            );
            for n in v["nodes"].as_array().into_iter().flatten() {
                line.push_str(&format!(
                    "\n    {} {}\n      {}",
                    n["target"].as_str().unwrap_or(""),
                    n["html"].as_str().unwrap_or(""),
                    n["summary"].as_str().unwrap_or("").replace('\n', " ")
                ));
            }
            let _ = writeln!(std::io::stderr(), "{}: axe: {line}", self.test);
            self.violations.push(line);
        }
        self.audited.push(path);
    }

    async fn first_displayed(&self, target: &Target) -> Option<Element> {
        let found = match target {
            Target::Css(s) => self.client.find_all(Locator::Css(s)).await,
            other => {
                let xpath = other.xpath().unwrap_or_default();
                self.client.find_all(Locator::XPath(&xpath)).await
            }
        }
        .ok()?;
        for el in found {
            if el.is_displayed().await.unwrap_or(false) {
                return Some(el);
            }
        }
        None
    }

    /// The first visible element matching `target`, waiting for it.
    async fn find(&self, target: &Target) -> Element {
        let deadline = Instant::now() + PATIENCE;
        loop {
            if let Some(el) = self.first_displayed(target).await {
                return el;
            }
            assert!(
                Instant::now() < deadline,
                "{}: no visible {target} on {}",
                self.test,
                self.path().await
            );
            tokio::time::sleep(Duration::from_millis(40)).await;
        }
    }

    /// The element, focused by Tab in keyboard mode, where the focus must
    /// be visible.
    async fn reach(&self, target: &Target) -> Element {
        let el = self.find(target).await;
        if self.mode == Mode::Keyboard {
            self.tab_until(
                target,
                "return arguments[0] === document.activeElement",
                Value::Null,
                &el,
            )
            .await;
            self.assert_focus_visible(target, &el).await;
        }
        el
    }

    /// A keyboard user sees where they are: the focused control matches
    /// `:focus-visible` and draws an outline or a shadow.
    async fn assert_focus_visible(&self, target: &Target, el: &Element) {
        let shown = self
            .script_on(
                el,
                "const e = arguments[0]; const s = getComputedStyle(e); \
                 return e.matches(':focus-visible') && \
                   ((s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none')",
            )
            .await
            .as_bool()
            .unwrap_or(false);
        assert!(
            shown,
            "{}: {target} on {} has keyboard focus but shows no focus indicator",
            self.test,
            self.path().await
        );
    }

    /// Presses Tab until `check(el, extra)` holds, at most `MAX_TABS` times.
    async fn tab_until(&self, target: &Target, check: &str, extra: Value, el: &Element) {
        let el_json = serde_json::to_value(el).expect("element reference");
        for _ in 0..=MAX_TABS {
            let focused = self
                .client
                .execute(check, vec![el_json.clone(), extra.clone()])
                .await
                .ok()
                .and_then(|v| v.as_bool())
                .unwrap_or(false);
            if focused {
                return;
            }
            self.press(Key::Tab).await;
        }
        let active = self
            .client
            .execute(
                "const a = document.activeElement; return a ? a.outerHTML.slice(0, 200) : 'nothing'",
                vec![],
            )
            .await
            .unwrap_or(Value::Null);
        panic!(
            "{}: {target} on {} cannot be reached with the keyboard: {MAX_TABS} Tab presses, focus ended on {active}",
            self.test,
            self.path().await
        );
    }

    async fn activate(&self, target: &Target) {
        let el = self.reach(target).await;
        match self.mode {
            Mode::Mouse => el
                .click()
                .await
                .unwrap_or_else(|e| panic!("{}: click {target}: {e}", self.test)),
            Mode::Keyboard => self.press(Key::Enter).await,
        }
    }

    async fn press(&self, key: Key) {
        let keys = KeyActions::new("keyboard".into())
            .then(KeyAction::Down { value: key.into() })
            .then(KeyAction::Up { value: key.into() });
        self.client
            .perform_actions(keys)
            .await
            .unwrap_or_else(|e| panic!("press {key:?}: {e}"));
    }

    async fn type_into_focus(&self, text: &str) {
        let active = self
            .client
            .active_element()
            .await
            .expect("a focused element");
        active
            .send_keys(text)
            .await
            .unwrap_or_else(|e| panic!("type: {e}"));
    }

    async fn script_on(&self, el: &Element, script: &str) -> Value {
        let el_json = serde_json::to_value(el).expect("element reference");
        self.client
            .execute(script, vec![el_json])
            .await
            .unwrap_or(Value::Null)
    }

    async fn selected_label(&self, el: &Element) -> String {
        self.script_on(
            el,
            "const s = arguments[0]; return s.selectedIndex < 0 ? '' : s.options[s.selectedIndex].text.trim()",
        )
        .await
        .as_str()
        .unwrap_or_default()
        .to_string()
    }

    async fn is_checked(&self, el: &Element) -> bool {
        self.script_on(el, "return arguments[0].checked === true")
            .await
            .as_bool()
            .unwrap_or(false)
    }
}

fn files_in(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .map(|entries| entries.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default()
}
