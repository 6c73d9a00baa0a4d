//! Users and the brobyggere's records: accounts with roles, coordinators'
//! branches, and for each volunteer the record, the application, the status
//! history and (once trained) the signed declaration.

use crate::domain::Code;
use chrono::Duration;
use diesel::QueryResult;

use super::plan::{PAUSE_DAYS, Plan};
use super::sql::{Table, date, int, opt_int, opt_text, opt_ts, text, ts};
use crate::db::DbConnection;
use crate::domain::names::slugify;
use crate::domain::volunteer::VolunteerStatus;

const FIRST: [&str; 40] = [
    "Anne", "Mette", "Hanne", "Lone", "Camilla", "Sara", "Ida", "Freja", "Amina", "Emma", "Sofie",
    "Maja", "Laura", "Fatima", "Zainab", "Nanna", "Signe", "Karen", "Birgitte", "Louise", "Mads",
    "Jonas", "Emil", "Mikkel", "Ahmad", "Peter", "Lars", "Søren", "Rasmus", "Frederik", "Mohammed",
    "Ali", "Oliver", "William", "Kasper", "Anders", "Niels", "Jens", "Thomas", "Martin",
];

const LAST: [&str; 30] = [
    "Nielsen",
    "Jensen",
    "Hansen",
    "Pedersen",
    "Andersen",
    "Christensen",
    "Larsen",
    "Sørensen",
    "Rasmussen",
    "Jørgensen",
    "Petersen",
    "Madsen",
    "Kristensen",
    "Olsen",
    "Thomsen",
    "Poulsen",
    "Johansen",
    "Møller",
    "Mortensen",
    "Holm",
    "Nørgaard",
    "Vestergaard",
    "Kjærgaard",
    "Damgaard",
    "Rahimi",
    "Yusuf",
    "Ali",
    "Khan",
    "Lund",
    "Skov",
];

const DOMAINS: [&str; 6] = [
    "rm.dk",
    "regionh.dk",
    "aarhus.dk",
    "kk.dk",
    "post.au.dk",
    "example.dk",
];

/// A person's name, the same wherever it is needed (account, GenLær
/// enrolment details, declaration).
pub fn name_of(id: i64) -> String {
    let h = (id as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    format!(
        "{} {}",
        FIRST[(h >> 20) as usize % FIRST.len()],
        LAST[(h >> 40) as usize % LAST.len()]
    )
}

fn email_of(plan: &Plan, id: i64) -> String {
    let named = [
        (plan.admin, "admin@brobyg.test"),
        (plan.named_coordinator, "koordinator@brobyg.test"),
        (plan.named_volunteer, "frivillig@brobyg.test"),
        (plan.named_professional, "fagperson@brobyg.test"),
    ];
    if let Some((_, email)) = named.iter().find(|(n, _)| *n == id) {
        return email.to_string();
    }
    let name = slugify(&name_of(id)).replace('-', ".");
    format!("{name}.{id}@{}", DOMAINS[id as usize % DOMAINS.len()])
}

/// Accounts, roles and coordinators' branches.
pub fn write(conn: &mut DbConnection, plan: &Plan, hash: &str) -> QueryResult<()> {
    let mut users = Table::new(
        "users",
        &[
            "id",
            "email",
            "name",
            "phone",
            "password_hash",
            "email_verified_at",
            "language",
            "session_epoch",
            "created_at",
            "updated_at",
        ],
    );
    let mut roles = Table::new("user_roles", &["user_id", "role", "created_at"]);
    let start = plan.anchor - Duration::days(5 * 365);
    let mut user = |id: i64, created: chrono::NaiveDateTime, role: &str| {
        let language = if id % 20 == 7 { "en" } else { "da" };
        users.push(&[
            int(id),
            text(&email_of(plan, id)),
            text(&name_of(id)),
            opt_text(
                (id % 3 == 0)
                    .then(|| format!("2{:07}", id % 10_000_000))
                    .as_deref(),
            ),
            text(hash),
            ts(created),
            text(language),
            int(0),
            ts(created),
            ts(created),
        ]);
        roles.push(&[int(id), text(role), ts(created)]);
    };
    user(plan.admin, start, "admin");
    for (id, _) in &plan.coordinators {
        user(*id, start, "coordinator");
    }
    for v in &plan.volunteers {
        user(v.id, v.applied_at, "volunteer");
    }
    for (k, id) in plan.professionals.iter().enumerate() {
        user(
            *id,
            start + Duration::days((k % 365) as i64),
            "professional",
        );
    }
    users.flush(conn)?;
    roles.flush(conn)?;

    let mut coordinating = Table::new("coordinator_branches", &["user_id", "branch_id"]);
    for (id, branches) in &plan.coordinators {
        for b in branches {
            coordinating.push(&[int(*id), int(*b)]);
        }
    }
    coordinating.flush(conn)
}

/// The brobyggere's records; after the sessions, since the history names
/// the cohort each one trained in.
pub fn volunteers(conn: &mut DbConnection, plan: &Plan) -> QueryResult<()> {
    let mut records = Table::new(
        "volunteers",
        &["user_id", "branch_id", "status", "created_at", "updated_at"],
    );
    let mut applications = Table::new(
        "volunteer_applications",
        &[
            "id",
            "user_id",
            "branch_id",
            "study_programme",
            "institution",
            "semester",
            "motivation",
            "availability",
            "birth_year",
            "status",
            "decided_at",
            "decided_by",
            "created_at",
            "updated_at",
        ],
    );
    let mut history = Table::new(
        "volunteer_status_changes",
        &[
            "id",
            "user_id",
            "from_status",
            "to_status",
            "reason",
            "until",
            "cohort_id",
            "changed_by",
            "created_at",
        ],
    );
    let mut signatures = Table::new(
        "declaration_signatures",
        &["id", "user_id", "version", "typed_name", "signed_at"],
    );
    const PROGRAMMES: [(&str, &str); 4] = [
        ("Medicin", "Aarhus Universitet"),
        ("Sygepleje", "VIA University College"),
        ("Socialrådgiver", "Københavns Professionshøjskole"),
        ("Folkesundhedsvidenskab", "Syddansk Universitet"),
    ];
    let mut change_id = 0i64;
    let mut signature_id = 0i64;
    for (n, v) in plan.volunteers.iter().enumerate() {
        let coordinator = plan.coordinator_of(v.branch_id);
        let updated = v.trained_at.unwrap_or(v.applied_at);
        records.push(&[
            int(v.id),
            int(v.branch_id),
            text(v.status.as_str()),
            ts(v.applied_at),
            ts(updated),
        ]);
        let (programme, institution) = PROGRAMMES[n % PROGRAMMES.len()];
        let decided = v.applied_at + Duration::days(14);
        let application_status = match v.status {
            VolunteerStatus::Applicant => "pending",
            VolunteerStatus::Rejected => "declined",
            _ => "accepted",
        };
        let was_decided = application_status != "pending";
        applications.push(&[
            int(n as i64 + 1),
            int(v.id),
            int(v.branch_id),
            text(programme),
            text(institution),
            text(&format!("{}. semester", 3 + n % 8)),
            text("Jeg vil gerne bruge min faglighed til at gøre en forskel for mennesker i udsatte positioner."),
            text("Hverdage efter kl. 15 og enkelte formiddage."),
            opt_int((n % 2 == 0).then_some(1995 + (n % 10) as i64)),
            text(application_status),
            opt_ts(was_decided.then_some(decided)),
            opt_int(was_decided.then_some(coordinator)),
            ts(v.applied_at),
            ts(if was_decided { decided } else { v.applied_at }),
        ]);
        // The path so far, one change at a time.
        let mut path: Vec<(Option<&str>, &str, chrono::NaiveDateTime, Option<i64>)> =
            vec![(None, "applicant", v.applied_at, None)];
        match v.status {
            VolunteerStatus::Applicant => {}
            VolunteerStatus::Rejected => path.push((Some("applicant"), "rejected", decided, None)),
            _ => path.push((Some("applicant"), "approved", decided, None)),
        }
        if let Some(cohort) = v.cohort {
            path.push((
                Some("approved"),
                "in_training",
                decided + Duration::days(1),
                None,
            ));
            if let Some(trained) = v.trained_at {
                path.push((Some("in_training"), "active", trained, Some(cohort)));
                if let Some(stopped) = v.stopped_at(plan.anchor) {
                    let to = if v.status == VolunteerStatus::Paused {
                        "paused"
                    } else {
                        "alumni"
                    };
                    path.push((Some("active"), to, stopped, None));
                }
                signature_id += 1;
                signatures.push(&[
                    int(signature_id),
                    int(v.id),
                    int(1),
                    text(&name_of(v.id)),
                    ts(trained - Duration::days(3)),
                ]);
            }
        }
        for (from, to, at, cohort) in path {
            change_id += 1;
            let at = at.min(plan.anchor);
            let until = (to == "paused").then(|| (at + Duration::days(PAUSE_DAYS)).date());
            history.push(&[
                int(change_id),
                int(v.id),
                opt_text(from),
                text(to),
                opt_text((to == "paused").then_some("Eksamensperiode")),
                until.map_or_else(|| "NULL".to_string(), date),
                opt_int(cohort),
                opt_int((to != "applicant").then_some(coordinator)),
                ts(at),
            ]);
        }
    }
    records.flush(conn)?;
    applications.flush(conn)?;
    history.flush(conn)?;
    signatures.flush(conn)?;
    Ok(())
}
