//! Sessions of every kind with their meetings, the detail rows of each
//! kind, enrolments (seats, waiting lists, cancellations) and attendance
//! for the meetings already held. Written a few hundred sessions per
//! transaction, parents before children.
//!
//! Each kind's own detail rows come from one function (`kind_details`,
//! `enrolment_details`): a new kind's detail table is one more arm there.

use crate::domain::Code;
use chrono::{Duration, NaiveDateTime};
use diesel::Connection;

use super::people::name_of;
use super::plan::{Plan, SessionPlan};
use super::sql::{
    ROWS_PER_STATEMENT, Rng, Table, boolean, int, opt_int, opt_text, opt_ts, text, ts,
};
use crate::db::DbConnection;
use crate::domain::curriculum::Curriculum;
use crate::domain::session::SessionKind;

/// Every table a session writes to, in the order they must be flushed.
struct Tables {
    sessions: Table,
    meetings: Table,
    genlaer_sessions: Table,
    cohort_details: Table,
    cohort_meeting_modules: Table,
    supervision_details: Table,
    evening_details: Table,
    enrolments: Table,
    genlaer_enrolments: Table,
    attendance: Table,
}

impl Tables {
    fn new() -> Tables {
        Tables {
            sessions: Table::new(
                "sessions",
                &[
                    "id",
                    "kind",
                    "branch_id",
                    "title",
                    "location",
                    "online_url",
                    "capacity",
                    "enrol_deadline",
                    "cancel_deadline",
                    "status",
                    "cancel_reason",
                    "confirmed_count",
                    "waitlist_count",
                    "starts_at",
                    "ends_at",
                    "version",
                    "created_at",
                    "updated_at",
                ],
            ),
            meetings: Table::new(
                "meetings",
                &[
                    "id",
                    "session_id",
                    "starts_at",
                    "ends_at",
                    "sequence",
                    "cancelled_at",
                    "created_at",
                    "attendance_recorded_at",
                ],
            ),
            genlaer_sessions: Table::new(
                "genlaer_sessions",
                &["session_id", "course_id", "teachers"],
            ),
            cohort_details: Table::new("cohort_details", &["session_id"]),
            cohort_meeting_modules: Table::new(
                "cohort_meeting_modules",
                &["meeting_id", "module_id"],
            ),
            supervision_details: Table::new(
                "supervision_details",
                &["session_id", "format", "supervisor_name", "supervisor_kind"],
            ),
            evening_details: Table::new(
                "evening_details",
                &[
                    "session_id",
                    "evening_kind",
                    "topic",
                    "speaker",
                    "open_to_other_branches",
                ],
            ),
            enrolments: Table::new(
                "enrolments",
                &[
                    "id",
                    "session_id",
                    "user_id",
                    "status",
                    "queued_at",
                    "confirmed_at",
                    "cancelled_at",
                    "late_cancellation",
                    "refilled",
                    "created_at",
                    "updated_at",
                    "session_ends_at",
                    "session_kind",
                ],
            ),
            genlaer_enrolments: Table::new(
                "genlaer_enrolments",
                &[
                    "enrolment_id",
                    "name",
                    "workplace",
                    "job_title",
                    "invoice_kind",
                    "ean",
                    "created_at",
                ],
            ),
            attendance: Table::new(
                "attendance",
                &[
                    "meeting_id",
                    "user_id",
                    "status",
                    "minutes",
                    "recorded_by",
                    "recorded_at",
                    "session_kind",
                ],
            ),
        }
    }

    fn pending(&self) -> usize {
        [
            &self.sessions,
            &self.meetings,
            &self.enrolments,
            &self.genlaer_enrolments,
            &self.attendance,
        ]
        .iter()
        .map(|t| t.pending())
        .max()
        .unwrap_or(0)
    }

    fn flush(&mut self, conn: &mut DbConnection) -> diesel::QueryResult<()> {
        self.sessions.flush(conn)?;
        self.meetings.flush(conn)?;
        self.genlaer_sessions.flush(conn)?;
        self.cohort_details.flush(conn)?;
        self.cohort_meeting_modules.flush(conn)?;
        self.supervision_details.flush(conn)?;
        self.evening_details.flush(conn)?;
        self.enrolments.flush(conn)?;
        self.genlaer_enrolments.flush(conn)?;
        self.attendance.flush(conn)
    }
}

/// Ids handed out as rows are made.
struct Ids {
    meeting: i64,
    enrolment: i64,
}

const SESSIONS_PER_TRANSACTION: usize = 500;

pub fn write(conn: &mut DbConnection, plan: &Plan, seed: u64) -> anyhow::Result<()> {
    let material = crate::content::preparation::material()
        .map_err(|e| anyhow::anyhow!("reading the course material: {e}"))?;
    let modules = curriculum_modules(&material.curriculum);
    let mut rng = Rng::new(seed ^ 0x5E55_1045);
    let mut ids = Ids {
        meeting: 0,
        enrolment: 0,
    };
    let mut tables = Tables::new();
    for chunk in plan.sessions.chunks(SESSIONS_PER_TRANSACTION) {
        conn.transaction::<_, anyhow::Error, _>(|c| {
            for s in chunk {
                session(&mut tables, plan, s, &modules, &mut rng, &mut ids);
                if tables.pending() >= ROWS_PER_STATEMENT * 4 {
                    tables.flush(c)?;
                }
            }
            tables.flush(c)?;
            Ok(())
        })?;
    }
    Ok(())
}

fn curriculum_modules(curriculum: &Curriculum) -> Vec<String> {
    curriculum.modules().iter().map(|m| m.id.clone()).collect()
}

fn title(plan: &Plan, s: &SessionPlan) -> String {
    let branch = s.branch.map(|b| plan.branches[b].name.as_str());
    match s.kind {
        SessionKind::Genlaer => s
            .course
            .map(|c| plan.courses[c].title.clone())
            .unwrap_or_default(),
        SessionKind::Cohort => format!(
            "Forberedelseskursus {} {}",
            branch.unwrap_or(""),
            s.starts_at().format("%Y-%m")
        ),
        SessionKind::Supervision => format!("Supervision, {}", branch.unwrap_or("")),
        SessionKind::Evening => format!("Brobyggeraften, {}", branch.unwrap_or("")),
        SessionKind::Duty => format!("Vagt, {}", branch.unwrap_or("")),
    }
}

/// One person's place in a session as generated.
struct Seat {
    user_id: i64,
    status: &'static str,
    queued_at: NaiveDateTime,
}

fn session(
    t: &mut Tables,
    plan: &Plan,
    s: &SessionPlan,
    modules: &[String],
    rng: &mut Rng,
    ids: &mut Ids,
) {
    let anchor = plan.anchor;
    let branch = s.branch.map(|b| &plan.branches[b]);
    let branch_id = branch.map(|b| b.id);
    let starts = s.starts_at();
    let future = starts > anchor;
    let created = (starts - Duration::days(90)).min(anchor - Duration::days(1));
    let seats = seats(plan, s, rng);
    let confirmed = seats.iter().filter(|p| p.status == "confirmed").count() as i64;
    let waiting = seats.iter().filter(|p| p.status == "waitlisted").count() as i64;
    let status = if s.cancelled {
        "cancelled"
    } else if s.ends_at() < anchor && (s.kind == SessionKind::Cohort || !rng.chance(0.05)) {
        "held"
    } else {
        "open"
    };
    let location = match branch {
        Some(b) => b.address.clone(),
        None => "Social Sundhed, Landssekretariatet, Rådhuspladsen 1, 1550 København V".into(),
    };
    let (enrol_deadline, cancel_deadline) = match s.kind {
        SessionKind::Genlaer => (
            Some(starts - Duration::days(2)),
            Some(starts - Duration::days(14)),
        ),
        SessionKind::Cohort => (Some(starts), None),
        _ => (None, None),
    };
    t.sessions.push(&[
        int(s.id),
        text(s.kind.as_str()),
        opt_int(branch_id),
        text(&title(plan, s)),
        text(&location),
        opt_text(s.online.then_some("https://meet.brobyg.test/genlaer")),
        opt_int(s.capacity.map(i64::from)),
        opt_ts(enrol_deadline),
        opt_ts(cancel_deadline),
        text(status),
        opt_text(s.cancelled.then_some("For få tilmeldte")),
        int(if s.cancelled { 0 } else { confirmed }),
        int(if s.cancelled { 0 } else { waiting }),
        ts(starts),
        ts(s.ends_at()),
        int(seats.len() as i64),
        ts(created),
        ts(created),
    ]);
    let cancelled_at = s
        .cancelled
        .then(|| (starts - Duration::days(3)).min(anchor));
    // Attendance is written below for every confirmed seat of a meeting
    // held, the day after it: the meeting's mark keeps that day.
    let attended = !s.cancelled && !future && confirmed > 0;
    let recorded_at = |end: NaiveDateTime| (end + Duration::days(1)).min(anchor);
    let mut meeting_ids = Vec::with_capacity(s.meetings.len());
    for (start, end) in &s.meetings {
        ids.meeting += 1;
        meeting_ids.push(ids.meeting);
        let recorded = (attended && *end < anchor).then(|| recorded_at(*end));
        t.meetings.push(&[
            int(ids.meeting),
            int(s.id),
            ts(*start),
            ts(*end),
            int(i64::from(s.cancelled)),
            opt_ts(cancelled_at),
            ts(created),
            opt_ts(recorded),
        ]);
    }
    kind_details(t, plan, s, &meeting_ids, modules);
    let recorder = branch_id.map_or(plan.admin, |b| plan.coordinator_of(b));
    for seat in &seats {
        ids.enrolment += 1;
        let status = if s.cancelled {
            "cancelled"
        } else {
            seat.status
        };
        let confirmed_at = (seat.status == "confirmed").then_some(seat.queued_at);
        let ended_at = match status {
            "cancelled" => Some(cancelled_at.unwrap_or(seat.queued_at + Duration::days(2))),
            _ => None,
        };
        t.enrolments.push(&[
            int(ids.enrolment),
            int(s.id),
            int(seat.user_id),
            text(status),
            ts(seat.queued_at),
            opt_ts(confirmed_at),
            opt_ts(ended_at.map(|e| e.min(anchor))),
            boolean(false),
            boolean(false),
            ts(seat.queued_at),
            ts(ended_at.unwrap_or(seat.queued_at).min(anchor)),
            ts(s.ends_at()),
            text(s.kind.as_str()),
        ]);
        enrolment_details(t, s, ids.enrolment, seat, rng);
        if status != "confirmed" || future {
            continue;
        }
        for (m, (start, end)) in meeting_ids.iter().zip(&s.meetings) {
            if *end >= anchor {
                continue;
            }
            let full = (*end - *start).num_minutes();
            // Trainees are there every time (or they would not be active);
            // elsewhere some miss a meeting or leave early.
            let (mark, minutes) = if s.kind == SessionKind::Cohort {
                ("present", full)
            } else {
                let r = rng.unit();
                if r < 0.88 {
                    ("present", full)
                } else if r < 0.95 {
                    ("absent", 0)
                } else {
                    ("partial", full / 2)
                }
            };
            t.attendance.push(&[
                int(*m),
                int(seat.user_id),
                text(mark),
                int(minutes),
                int(recorder),
                ts(recorded_at(*end)),
                text(s.kind.as_str()),
            ]);
        }
    }
}

/// Who is in the session and how: as many as the session draws, the
/// first ones confirmed up to capacity, then the waiting list, with a few
/// who cancelled on the way.
fn seats(plan: &Plan, s: &SessionPlan, rng: &mut Rng) -> Vec<Seat> {
    let anchor = plan.anchor;
    let starts = s.starts_at();
    let (pool, cancels): (&[i64], f64) = match s.kind {
        SessionKind::Genlaer => (&plan.professionals, 0.04),
        SessionKind::Cohort => (
            plan.cohort_members
                .get(&s.id)
                .map_or(&[][..], |v| v.as_slice()),
            0.0,
        ),
        _ => (
            s.branch
                .and_then(|b| plan.trained_by_branch.get(&plan.branches[b].id))
                .map_or(&[][..], |v| v.as_slice()),
            0.04,
        ),
    };
    let wanted = match s.kind {
        SessionKind::Cohort => pool.len(),
        _ => {
            let base = s.capacity.map_or(rng.between(60, 160) as f64, f64::from);
            let mut fill = 0.6 + rng.unit() * 0.7;
            if starts > anchor {
                // Sessions far ahead have fewer sign-ups so far.
                let days = (starts - anchor).num_days() as f64;
                fill *= (1.0 - days / 400.0).max(0.15);
            }
            (base * fill) as usize
        }
    };
    let latest = (starts - Duration::days(1)).min(anchor - Duration::hours(1));
    let earliest = latest - Duration::days(60);
    let picked = rng.distinct(pool.len(), wanted);
    let n = picked.len().max(1) as i64;
    let mut confirmed = 0i64;
    picked
        .into_iter()
        .enumerate()
        .map(|(i, p)| {
            let queued_at = earliest + Duration::minutes(60 * 24 * 60 * i as i64 / n);
            let status = if rng.chance(cancels) {
                "cancelled"
            } else if s.capacity.is_none_or(|c| confirmed < i64::from(c)) {
                confirmed += 1;
                "confirmed"
            } else {
                "waitlisted"
            };
            Seat {
                user_id: pool[p],
                status,
                queued_at,
            }
        })
        .collect()
}

/// The detail rows of the session's own kind. Supervision and evenings
/// have no detail table yet: when theirs exists, its rows are one more arm
/// here.
fn kind_details(
    t: &mut Tables,
    plan: &Plan,
    s: &SessionPlan,
    meeting_ids: &[i64],
    modules: &[String],
) {
    match s.kind {
        SessionKind::Genlaer => {
            let course = s.course.map_or(0, |c| plan.courses[c].id);
            t.genlaer_sessions.push(&[
                int(s.id),
                int(course),
                text("Undervisere fra Social Sundhed"),
            ]);
        }
        SessionKind::Cohort => {
            t.cohort_details.push(&[int(s.id)]);
            // Two modules an evening, in the course's order.
            for (k, m) in meeting_ids.iter().enumerate() {
                for module in modules.iter().skip(2 * k).take(2) {
                    t.cohort_meeting_modules.push(&[int(*m), text(module)]);
                }
            }
        }
        // Group supervision with a staff psychologist; every tenth with an
        // external supervisor.
        SessionKind::Supervision => {
            let external = s.id % 10 == 0;
            t.supervision_details.push(&[
                int(s.id),
                text("group"),
                text(if external {
                    "Ekstern supervisor"
                } else {
                    "Psykolog fra Social Sundhed"
                }),
                text(if external { "external" } else { "staff" }),
            ]);
        }
        // Mostly the branch's own evenings; every eighth a public info
        // evening and every fifth open to other branches.
        SessionKind::Evening => {
            let info = s.id % 8 == 0;
            t.evening_details.push(&[
                int(s.id),
                text(if info { "info" } else { "branch" }),
                text("Sundhedsvæsenet set fra borgerens side"),
                text("Oplægsholder fra Social Sundhed"),
                boolean(!info && s.id % 5 == 0),
            ]);
        }
        // The generator plans no vagter (they come from a rota's slots).
        SessionKind::Duty => {}
    }
}

/// What a kind keeps per enrolment: GenLær participants' workplace and
/// invoice details.
fn enrolment_details(
    t: &mut Tables,
    s: &SessionPlan,
    enrolment_id: i64,
    seat: &Seat,
    rng: &mut Rng,
) {
    const WORKPLACES: [(&str, &str); 5] = [
        ("Aarhus Universitetshospital", "Sygeplejerske"),
        ("Københavns Kommune, Jobcenter", "Socialrådgiver"),
        ("Region Midtjylland, Præhospitalet", "Visitator"),
        ("Odense Universitetshospital", "Læge"),
        ("VIA University College", "Underviser"),
    ];
    if s.kind == SessionKind::Genlaer {
        let (workplace, job) = *rng.pick(&WORKPLACES);
        t.genlaer_enrolments.push(&[
            int(enrolment_id),
            text(&name_of(seat.user_id)),
            text(workplace),
            text(job),
            text("ean"),
            text("5798000416604"),
            ts(seat.queued_at),
        ]);
    }
}
