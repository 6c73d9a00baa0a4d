//! Each volunteer's standing against the branch's rolling window, loaded for
//! many at once, and the record of the due-soon and overdue notices sent
//! (which notices are due is `app::supervision`'s).

use super::*;
use crate::db::id_list::in_list;
use crate::db::{Direct, Stamp};
use crate::domain::Lang;

/// Each branch's window in months (the default without a settings row).
pub fn windows(conn: &mut DbConnection, branch_ids: &[i64]) -> QueryResult<HashMap<i64, i32>> {
    let rows: Vec<(i64, i32)> = branch_volunteer_settings::table
        .filter(in_list(
            branch_volunteer_settings::branch_id,
            branch_ids.iter().copied(),
        ))
        .select((
            branch_volunteer_settings::branch_id,
            branch_volunteer_settings::supervision_window_months,
        ))
        .load_direct(conn)?;
    let mut out: HashMap<i64, i32> = branch_ids
        .iter()
        .map(|b| (*b, rules::DEFAULT_WINDOW_MONTHS))
        .collect();
    out.extend(rows);
    Ok(out)
}

pub fn window(conn: &mut DbConnection, branch_id: i64) -> QueryResult<i32> {
    Ok(windows(conn, &[branch_id])?
        .remove(&branch_id)
        .unwrap_or(rules::DEFAULT_WINDOW_MONTHS))
}

/// Sets a branch's window, keeping its other volunteer settings.
pub fn set_window(
    conn: &mut DbConnection,
    branch_id: i64,
    months: i32,
    by: i64,
) -> QueryResult<()> {
    let n = diesel::update(branch_volunteer_settings::table.find(branch_id))
        .set((
            branch_volunteer_settings::supervision_window_months.eq(months),
            branch_volunteer_settings::updated_by.eq(by),
            branch_volunteer_settings::updated_at.eq(now()),
        ))
        .execute_direct(conn)?;
    if n == 0 {
        diesel::insert_into(branch_volunteer_settings::table)
            .values((
                branch_volunteer_settings::branch_id.eq(branch_id),
                branch_volunteer_settings::auto_activate.eq(false),
                branch_volunteer_settings::child_certificate.eq(false),
                branch_volunteer_settings::supervision_window_months.eq(months),
                branch_volunteer_settings::updated_by.eq(by),
                branch_volunteer_settings::updated_at.eq(now()),
            ))
            .execute_direct(conn)?;
    }
    store_due(conn, Whose::Branch(branch_id))
}

/// One volunteer against the window, with what the overview shows.
///
/// Pages draw it from the fields serialised; those marked `skip` serve
/// the spreadsheet, the notices and the rule only. A page of the overview
/// serialises fifty rows, and the fields no page shows were a third of
/// that work (BENCHMARKS.md).
#[derive(Debug, Clone, Serialize)]
pub struct VolunteerStanding {
    pub user_id: i64,
    pub name: String,
    #[serde(skip)]
    pub email: String,
    #[serde(skip)]
    pub phone: Option<String>,
    #[serde(skip)]
    pub language: Lang,
    #[serde(skip)]
    pub branch_id: i64,
    #[serde(skip)]
    pub volunteer_status: VolunteerStatus,
    /// Start of the last supervision attended (UTC).
    pub last_attended: Option<NaiveDateTime>,
    /// Start of the next supervision with a seat (UTC); only filled for the
    /// rows shown (`fill_next_booked`), as it plays no part in the rule.
    pub next_booked: Option<NaiveDateTime>,
    pub standing: Standing,
    /// The due date at noon UTC, for the date filters.
    pub due_on: NaiveDateTime,
    #[serde(skip)]
    pub due_date: NaiveDate,
    pub days_left: i64,
    /// The due date as `volunteers.supervision_due_on` keeps it
    /// (`rules::stored_due_on`).
    #[serde(skip)]
    pub stored_due: NaiveDate,
    /// Days overdue (0 unless overdue).
    pub days_overdue: i64,
    pub window_months: i32,
    /// What the standing decides on the pages: overdue (a warning and the
    /// days overdue), in good time (`Standing::Ok`), paused (no days).
    pub overdue: bool,
    pub in_good_time: bool,
    pub paused: bool,
}

impl VolunteerStanding {
    pub fn recipient(&self) -> Recipient {
        Recipient {
            user_id: Some(self.user_id),
            email: self.email.clone(),
            name: self.name.clone(),
            language: self.language,
        }
    }
}

/// Whose standing to work out.
#[derive(Debug, Clone, Copy)]
pub enum Whose<'a> {
    These(&'a [i64]),
    /// Every active or paused volunteer of the branch, selected by the
    /// query itself.
    Branch(i64),
    /// Every active or paused volunteer of these branches (a region).
    Branches(&'a [i64]),
    /// Every active or paused volunteer.
    Everyone,
}

/// The standing of these volunteers (active or paused; others are left
/// out), in three queries whatever their number, in the overview's order.
/// The rule's inputs are read pre-aggregated (`last_supervision_at`), not
/// from attendance history, so a branch of thousands stays quick.
pub fn standings(
    conn: &mut DbConnection,
    whose: Whose,
    at: NaiveDateTime,
) -> QueryResult<Vec<VolunteerStanding>> {
    type Row = (
        i64,
        String,
        String,
        Option<String>,
        Lang,
        i64,
        VolunteerStatus,
        Stamp,
        Option<Stamp>,
    );
    let standing_statuses = [VolunteerStatus::Active, VolunteerStatus::Paused];
    // Boxed for whose, and so typed for one backend: built and run on each.
    let people: Vec<Row> = crate::db::direct!(conn, |c| {
        let mut people = volunteers::table
            .inner_join(users::table)
            .filter(in_list(
                volunteers::status,
                standing_statuses.iter().copied(),
            ))
            .filter(users::deactivated_at.is_null())
            .select((
                users::id,
                users::name,
                users::email,
                users::phone,
                users::language,
                volunteers::branch_id,
                volunteers::status,
                volunteers::created_at,
                volunteers::last_supervision_at,
            ))
            .into_boxed();
        people = match whose {
            Whose::These(ids) => people.filter(in_list(volunteers::user_id, ids.iter().copied())),
            Whose::Branch(branch) => people.filter(volunteers::branch_id.eq(branch)),
            Whose::Branches(branches) => {
                people.filter(in_list(volunteers::branch_id, branches.iter().copied()))
            }
            Whose::Everyone => people,
        };
        people.load(c)
    })?;
    let ids: Vec<i64> = people.iter().map(|p| p.0).collect();
    let mut branch_ids: Vec<i64> = people.iter().map(|p| p.5).collect();
    branch_ids.sort_unstable();
    branch_ids.dedup();
    let windows = windows(conn, &branch_ids)?;

    // One read of the status history gives both rule inputs: when each
    // person last became active, and their pauses. Each person's changes
    // in their order is all the rules need, and it is the order of the
    // index that covers these columns: no table row read, nothing sorted.
    // In slices: SQLite takes at most 32,766 bound values in a statement.
    let mut history: Vec<(i64, Stamp, Option<VolunteerStatus>, VolunteerStatus)> = Vec::new();
    for slice in ids.chunks(10_000) {
        history.extend(
            changes::table
                .filter(changes::user_id.eq_any(slice))
                .filter(
                    in_list(
                        changes::to_status,
                        [VolunteerStatus::Active, VolunteerStatus::Paused],
                    )
                    .or(changes::from_status.eq(VolunteerStatus::Paused)),
                )
                .order((changes::user_id, changes::id))
                .select((
                    changes::user_id,
                    changes::created_at,
                    changes::from_status,
                    changes::to_status,
                ))
                .load_direct::<(i64, Stamp, Option<VolunteerStatus>, VolunteerStatus)>(conn)?,
        );
    }
    let mut activated: HashMap<i64, NaiveDateTime> = HashMap::new();
    for (u, t, from, to) in &history {
        if crate::domain::volunteer::is_activation(*from, *to) {
            activated.insert(*u, t.0);
        }
    }
    let mut pauses_of: HashMap<i64, Vec<(NaiveDate, Option<VolunteerStatus>, VolunteerStatus)>> =
        HashMap::new();
    for (u, t, from, to) in history {
        pauses_of
            .entry(u)
            .or_default()
            .push((local_date(t.0), from, to));
    }

    let today = local_date(at);
    let mut out: Vec<VolunteerStanding> = people
        .into_iter()
        .map(
            |(user_id, name, email, phone, language, branch_id, status, created_at, last)| {
                let (created_at, last) = (created_at.0, last.map(|l| l.0));
                let window = windows
                    .get(&branch_id)
                    .copied()
                    .unwrap_or(rules::DEFAULT_WINDOW_MONTHS);
                let pauses: Vec<Pause> = pauses_of
                    .get(&user_id)
                    .map(|changes| rules::pauses(changes))
                    .unwrap_or_default();
                let record = Record {
                    paused_now: status == VolunteerStatus::Paused,
                    last_attended: last.map(local_date),
                    activated_on: local_date(
                        activated.get(&user_id).copied().unwrap_or(created_at),
                    ),
                    pauses,
                };
                let s = rules::status(&record, window, today);
                let stored_due = rules::stored_due_on(&record, window, today);
                VolunteerStanding {
                    user_id,
                    name,
                    email,
                    phone,
                    language,
                    branch_id,
                    volunteer_status: status,
                    last_attended: last,
                    next_booked: None,
                    standing: s.standing,
                    due_on: noon(s.due_on),
                    due_date: s.due_on,
                    days_left: s.days_left,
                    stored_due,
                    days_overdue: if s.standing == Standing::Overdue {
                        -s.days_left
                    } else {
                        0
                    },
                    window_months: window,
                    overdue: s.standing == Standing::Overdue,
                    in_good_time: s.standing == Standing::Ok,
                    paused: s.standing == Standing::Paused,
                }
            },
        )
        .collect();
    out.sort_by(|a, b| {
        let sa = rules::Status {
            standing: a.standing,
            due_on: a.due_date,
            days_left: a.days_left,
        };
        let sb = rules::Status {
            standing: b.standing,
            due_on: b.due_date,
            days_left: b.days_left,
        };
        // Ties as the overview's page reads them: the active by id, those
        // on pause by name.
        rules::overview_order(&sa, &sb).then_with(|| {
            if a.paused && b.paused {
                a.name.cmp(&b.name)
            } else {
                a.user_id.cmp(&b.user_id)
            }
        })
    });
    Ok(out)
}

/// Fills in each row's next booked supervision, in one query.
pub fn fill_next_booked(
    conn: &mut DbConnection,
    rows: &mut [VolunteerStanding],
    at: NaiveDateTime,
) -> QueryResult<()> {
    let ids: Vec<i64> = rows.iter().map(|r| r.user_id).collect();
    let booked: HashMap<i64, NaiveDateTime> = enrolments::table
        .inner_join(sessions_t::table)
        .filter(in_list(enrolments::user_id, ids.iter().copied()))
        .filter(enrolments::status.eq(EnrolmentStatus::Confirmed))
        // Only the seats still to come, and of those only the ones at
        // supervision, from the index: not everything these fifty people
        // ever booked, nor a session row for each of their other seats.
        .filter(enrolments::session_ends_at.gt(at))
        .filter(enrolments::session_kind.eq(SessionKind::Supervision))
        .filter(sessions_t::status.eq(SessionStatus::Open))
        .filter(sessions_t::starts_at.gt(at))
        .group_by(enrolments::user_id)
        .select((enrolments::user_id, diesel::dsl::min(sessions_t::starts_at)))
        .load_direct::<(i64, Option<Stamp>)>(conn)?
        .into_iter()
        .filter_map(|(u, t)| t.map(|t| (u, t.0)))
        .collect();
    for row in rows {
        row.next_booked = booked.get(&row.user_id).copied();
    }
    Ok(())
}

/// Sets `volunteers.last_supervision_at` of these people again from their
/// attendance: the start of the last supervision meeting they attended.
/// Called wherever supervision attendance is recorded, in the same
/// transaction.
pub fn refresh_last_attended(conn: &mut DbConnection, user_ids: &[i64]) -> QueryResult<()> {
    let latest: HashMap<i64, NaiveDateTime> = attendance::table
        .inner_join(meetings::table)
        .filter(in_list(attendance::user_id, user_ids.iter().copied()))
        .filter(attendance::session_kind.eq(SessionKind::Supervision))
        .filter(in_list(
            attendance::status,
            [AttendanceStatus::Present, AttendanceStatus::Partial],
        ))
        .group_by(attendance::user_id)
        .select((attendance::user_id, diesel::dsl::max(meetings::starts_at)))
        .load_direct::<(i64, Option<NaiveDateTime>)>(conn)?
        .into_iter()
        .filter_map(|(u, t)| t.map(|t| (u, t)))
        .collect();
    // The last supervision before Brobyg, for those imported with one:
    // attendance cannot know it, and must not forget it.
    let before: HashMap<i64, NaiveDateTime> =
        crate::db::imports::last_supervision_before_brobyg(conn, user_ids)?;
    for id in user_ids {
        let last = latest.get(id).copied().max(before.get(id).copied());
        diesel::update(volunteers::table.find(id))
            .set(volunteers::last_supervision_at.eq(last))
            .execute_direct(conn)?;
    }
    store_due(conn, Whose::These(user_ids))
}

/// Every active or paused volunteer of a branch against the window.
pub fn overview(
    conn: &mut DbConnection,
    branch_id: i64,
    at: NaiveDateTime,
) -> QueryResult<Vec<VolunteerStanding>> {
    standings(conn, Whose::Branch(branch_id), at)
}

/// One volunteer's standing, if active or paused.
pub fn standing_of(
    conn: &mut DbConnection,
    user_id: i64,
    at: NaiveDateTime,
) -> QueryResult<Option<VolunteerStanding>> {
    let mut rows = standings(conn, Whose::These(&[user_id]), at)?;
    fill_next_booked(conn, &mut rows, at)?;
    Ok(rows.pop())
}

/// The notices recorded for these people: who, which standing (due soon
/// or overdue) and for which due date.
pub fn notices_sent(
    conn: &mut DbConnection,
    user_ids: &[i64],
) -> QueryResult<Vec<(i64, Standing, NaiveDate)>> {
    supervision_notices::table
        .filter(in_list(
            supervision_notices::user_id,
            user_ids.iter().copied(),
        ))
        .select((
            supervision_notices::user_id,
            supervision_notices::kind,
            supervision_notices::due_on,
        ))
        .load_direct(conn)
}

/// Records a notice sent. The primary key (person, standing, due date)
/// refuses a second one with a unique violation, so restarts and several
/// instances send nothing twice.
pub fn record_notice(
    conn: &mut DbConnection,
    user_id: i64,
    kind: Standing,
    due_on: NaiveDate,
    at: NaiveDateTime,
) -> QueryResult<()> {
    diesel::insert_into(supervision_notices::table)
        .values((
            supervision_notices::user_id.eq(user_id),
            supervision_notices::kind.eq(kind),
            supervision_notices::due_on.eq(due_on),
            supervision_notices::sent_at.eq(at),
        ))
        .execute_direct(conn)?;
    Ok(())
}
