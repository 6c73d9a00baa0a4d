//! Shared steps: a branch with its coordinator, supervision in the past
//! with attendance, and a history moved back in time (the rule counts days,
//! and tests cannot wait months).

use brobyg::db::sessions::{self, MeetingTimes};
use brobyg::db::supervision::{self, NewSupervision};
use brobyg::db::{DbConnection, schema, volunteer_history};
use brobyg::domain::attendance::AttendanceStatus;
use brobyg::domain::supervision::{Format, SupervisorKind};
use brobyg::domain::time;
use brobyg::domain::volunteer::StatusChange;
use chrono::{Duration, NaiveDate, NaiveDateTime, Utc};
use diesel::prelude::*;

use brobyg::domain::Role;

use crate::helpers::{Browser, PASSWORD, TestApp, TestUser, spawn_app, texts};

pub struct Branch {
    pub app: TestApp,
    pub id: i64,
    pub staff: Browser,
    pub coordinator: TestUser,
}

/// A fresh site with the branch "Aarhus" and its signed-in coordinator.
pub async fn branch() -> Branch {
    let app = spawn_app().await;
    let id = app.create_branch("Aarhus");
    let coordinator = app.create_user("koordinator@example.dk", &[Role::Coordinator], Some(id));
    let staff = app.browser();
    staff.login(&coordinator.email, PASSWORD).await;
    Branch {
        app,
        id,
        staff,
        coordinator,
    }
}

pub async fn signed_in(app: &TestApp, user: &TestUser) -> Browser {
    let b = app.browser();
    b.login(&user.email, PASSWORD).await;
    b
}

/// The same Copenhagen clock time `days` calendar days back. The rule
/// counts local dates, and steps of 24 hours lose or gain a local day
/// across a change of summer time late in the evening (a 20-day pause
/// from 22:30 UTC in October counted 19).
pub fn ago(days: i64) -> NaiveDateTime {
    let now = time::local(Utc::now().naive_utc());
    let day = now.date_naive() - Duration::days(days);
    // The hour skipped in March has no such clock time: an hour later is.
    time::local_to_utc(day, now.time())
        .or_else(|_| time::local_to_utc(day, now.time() + Duration::hours(1)))
        .expect("a Copenhagen time")
}

/// Today's date in Copenhagen, and `days` before it.
pub fn local_day(days_ago: i64) -> NaiveDate {
    brobyg::domain::time::local(ago(days_ago)).date_naive()
}

fn conn(app: &TestApp) -> r2d2::PooledConnection<brobyg::db::ConnectionManager> {
    app.db.conn().expect("connection")
}

/// A group supervision held `days_ago` in `branch`, with the given people
/// seated and their attendance recorded.
pub fn held_supervision(
    app: &TestApp,
    branch: i64,
    days_ago: i64,
    people: &[(i64, AttendanceStatus)],
) -> i64 {
    let mut pooled = conn(app);
    let c: &mut DbConnection = &mut pooled;
    let start = ago(days_ago);
    c.transaction(|c| {
        let id = supervision::create(
            c,
            &NewSupervision {
                branch_id: branch,
                format: Format::Group,
                title: "Gruppesupervision",
                supervisor_name: "Hanne Supervisor",
                supervisor_kind: SupervisorKind::External,
                location: "Åboulevarden 1",
                online_url: None,
                capacity: Some(12),
                times: MeetingTimes {
                    starts_at: start,
                    ends_at: start + Duration::hours(2),
                    location: None,
                    online_url: None,
                },
            },
        )?;
        let meeting = sessions::meetings(c, id)?[0].clone();
        for (user, status) in people {
            brobyg::app::engine::enrol(c, id, *user, true)?
                .map_err(|_| diesel::result::Error::RollbackTransaction)?;
            let minutes = if *status == AttendanceStatus::Absent {
                0
            } else {
                meeting.minutes()
            };
            brobyg::app::sessions::record_one(
                c,
                meeting.id,
                brobyg::app::sessions::Presence {
                    user_id: *user,
                    status: *status,
                    minutes,
                },
                *user,
            )?;
        }
        Ok::<_, diesel::result::Error>(id)
    })
    .expect("held supervision")
}

/// Moves the volunteer's activation `days_ago`.
pub fn activated_days_ago(app: &TestApp, user: i64, days_ago: i64) {
    use schema::volunteer_status_changes as changes;
    diesel::update(
        changes::table
            .filter(changes::user_id.eq(user))
            .filter(changes::to_status.eq("active")),
    )
    .set(changes::created_at.eq(ago(days_ago)))
    .execute(&mut conn(app))
    .expect("backdate");
    crate::helpers::store_due(&mut conn(app), user);
}

/// A pause from `from_days_ago` to `to_days_ago` in the volunteer's
/// history (`None`: still on pause).
pub fn paused(app: &TestApp, user: i64, from_days_ago: i64, to_days_ago: Option<i64>) {
    let mut pooled = conn(app);
    let c: &mut DbConnection = &mut pooled;
    let step = |c: &mut DbConnection, change: StatusChange, days: i64| {
        volunteer_history::change(
            c,
            &volunteer_history::Change {
                user_id: user,
                change,
                note: volunteer_history::Note::default(),
            },
        )
        .expect("query")
        .expect("allowed");
        volunteer_history::backdate_latest(c, user, ago(days)).expect("backdate");
        crate::helpers::store_due(c, user);
    };
    step(c, StatusChange::Pause, from_days_ago);
    if let Some(to) = to_days_ago {
        step(c, StatusChange::Resume, to);
    }
}

/// The overview's rows as (name, standing code), in the page's order.
pub fn overview_rows(html: &str) -> Vec<(String, String)> {
    let doc = scraper::Html::parse_document(html);
    let row = scraper::Selector::parse("#overview tbody tr[data-standing]").expect("selector");
    let name = scraper::Selector::parse("td a").expect("selector");
    doc.select(&row)
        .map(|r| {
            (
                r.select(&name)
                    .next()
                    .map(|a| a.text().collect::<String>())
                    .unwrap_or_default(),
                r.value()
                    .attr("data-standing")
                    .unwrap_or_default()
                    .to_string(),
            )
        })
        .collect()
}

pub fn standing_on_page(html: &str) -> String {
    texts(html, "#standing")
        .into_iter()
        .next()
        .unwrap_or_default()
}
