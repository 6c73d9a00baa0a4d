//! The activation gate: what a volunteer still lacks before they may go out
//! as an active brobygger. `unmet` is a plain function over the volunteer's
//! record; each requirement it returns explains itself (a translation key
//! and its arguments, rendered by the web layer), so the volunteer's page,
//! the coordinator's view and every refusal show the same list.

use crate::domain::Code;
use std::collections::BTreeMap;

use chrono::NaiveDate;

use serde::{Deserialize, Serialize};

use super::application::ApplicationStatus;
use super::curriculum::{self, Curriculum};
use super::declaration;
use super::volunteer::{StatusChange, VolunteerStatus};

/// Requirements a branch may add to the fixed core (application, course,
/// declaration). Each is checked by a coordinator, who records only the
/// date it was seen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExtraCheck {
    /// A børneattest (child protection record check).
    ChildCertificate,
}

impl Code for ExtraCheck {
    const ALL: &'static [ExtraCheck] = &[ExtraCheck::ChildCertificate];

    fn as_str(self) -> &'static str {
        match self {
            ExtraCheck::ChildCertificate => "child_certificate",
        }
    }
}

/// A branch's settings for activation. The default asks for nothing extra
/// and lets a coordinator confirm each activation.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct BranchRequirements {
    pub child_certificate: bool,
    /// Activate as soon as the last requirement is met, rather than wait
    /// for a coordinator to confirm.
    pub auto_activate: bool,
}

impl BranchRequirements {
    pub fn extras(&self) -> Vec<ExtraCheck> {
        let mut v = Vec::new();
        if self.child_certificate {
            v.push(ExtraCheck::ChildCertificate);
        }
        v
    }
}

/// Days an already active volunteer has to meet a requirement their branch
/// adds (a børneattest), counted from the day it is added.
pub const GRACE_DAYS: i64 = 30;

/// The stored kind of a grace period for signing a newly required
/// declaration version, beside the extra checks' codes.
pub const DECLARATION_GRACE: &str = "declaration";

/// A grace period: until `until` (its last day) a missing `check` does not
/// stop the volunteer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Grace {
    pub check: ExtraCheck,
    pub until: NaiveDate,
}

impl Grace {
    /// Whether the grace still holds on `today` (in Copenhagen).
    pub fn running(&self, today: NaiveDate) -> bool {
        today <= self.until
    }
}

/// The last day of grace for a requirement added on `today`.
pub fn grace_deadline(today: NaiveDate) -> NaiveDate {
    today + chrono::Duration::days(GRACE_DAYS)
}

/// The extra checks `after` requires that `before` did not.
pub fn newly_required(before: &BranchRequirements, after: &BranchRequirements) -> Vec<ExtraCheck> {
    let old = before.extras();
    after
        .extras()
        .into_iter()
        .filter(|c| !old.contains(c))
        .collect()
}

/// Whether a volunteer gets grace when their branch starts requiring
/// `check`: already active (or on a break from being active) and without
/// it. Applicants and volunteers in training meet it before activation like
/// anyone.
pub fn gets_grace(status: VolunteerStatus, checks: &[ExtraCheck], check: ExtraCheck) -> bool {
    matches!(status, VolunteerStatus::Active | VolunteerStatus::Paused) && !checks.contains(&check)
}

/// What the gate looks at.
#[derive(Debug, Clone, PartialEq)]
pub struct VolunteerRecord {
    pub status: VolunteerStatus,
    /// The latest application's status, if there is one.
    pub application: Option<ApplicationStatus>,
    /// Minutes credited per module (`curriculum::credit`).
    pub credited: BTreeMap<String, i32>,
    /// Declaration versions signed.
    pub signed_versions: Vec<i32>,
    /// Extra checks recorded.
    pub checks: Vec<ExtraCheck>,
    /// Grace periods still running (`Grace::running`).
    pub grace: Vec<Grace>,
    /// The last day of a running grace for signing the required
    /// declaration version (given when it became required while they were
    /// active).
    pub declaration_grace: Option<NaiveDate>,
}

/// One unmet requirement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Requirement {
    /// "Ansøgningen er ikke godkendt"
    ApplicationAccepted,
    /// "Mangler 2 timer: modul 5 (Tavshedspligt og etik)"
    Module {
        id: String,
        order: i32,
        title: String,
        missing_minutes: i32,
    },
    /// "Tavshedserklæring (version 2) er ikke underskrevet"
    Declaration { version: i32 },
    /// "Børneattest er ikke registreret"
    Check { check: ExtraCheck },
}

impl Requirement {
    /// The translation key of the explanation; its arguments are the
    /// variant's fields (hours, order, title, version).
    pub fn message_key(&self) -> &'static str {
        match self {
            Requirement::ApplicationAccepted => "gate-application",
            Requirement::Module { .. } => "gate-module",
            Requirement::Declaration { .. } => "gate-declaration",
            Requirement::Check {
                check: ExtraCheck::ChildCertificate,
            } => "gate-child-certificate",
        }
    }
}

/// Everything the volunteer still lacks, in the order they meet it on the
/// path: application, course modules, declaration, the branch's extras.
/// Empty means ready to be active.
pub fn unmet(
    record: &VolunteerRecord,
    branch: &BranchRequirements,
    curriculum: &Curriculum,
    required_declaration: i32,
) -> Vec<Requirement> {
    let mut missing = Vec::new();
    let accepted = record.application == Some(ApplicationStatus::Accepted)
        || (record.application.is_none() && super::volunteer::is_accepted(record.status));
    if !accepted {
        missing.push(Requirement::ApplicationAccepted);
    }
    let progress = curriculum::progress(curriculum, &record.credited);
    missing.extend(progress.missing().map(|m| Requirement::Module {
        id: m.module.id.clone(),
        order: m.module.order,
        title: m.module.title.clone(),
        missing_minutes: m.missing_minutes,
    }));
    if !declaration::satisfied(&record.signed_versions, required_declaration)
        && record.declaration_grace.is_none()
    {
        missing.push(Requirement::Declaration {
            version: required_declaration,
        });
    }
    for check in branch.extras() {
        if !record.checks.contains(&check) && !record.grace.iter().any(|g| g.check == check) {
            missing.push(Requirement::Check { check });
        }
    }
    missing
}

/// The requirements the volunteer lacks but need not meet yet: the branch
/// requires them, they are not recorded, and a grace period runs.
pub fn excused(record: &VolunteerRecord, branch: &BranchRequirements) -> Vec<Grace> {
    record
        .grace
        .iter()
        .filter(|g| branch.extras().contains(&g.check) && !record.checks.contains(&g.check))
        .copied()
        .collect()
}

/// Until when a volunteer with nothing unmet stays so without anything
/// changing: `None` when nothing is excused (for good, until their record
/// changes), else the last day of the earliest grace period the clear gate
/// leans on. The pipeline stores it beside the gate's answer, so a grace
/// that runs out turns a stored "ready" into "in training" on its own.
pub fn clear_until(
    record: &VolunteerRecord,
    branch: &BranchRequirements,
    required_declaration: i32,
) -> Option<NaiveDate> {
    let declaration = record
        .declaration_grace
        .filter(|_| !declaration::satisfied(&record.signed_versions, required_declaration));
    excused(record, branch)
        .into_iter()
        .map(|g| g.until)
        .chain(declaration)
        .min()
}

/// The statuses whose readiness the pipeline reads (its "in training" and
/// "ready to activate"); a change into one of them works it out again.
pub const PIPELINE_STATUSES: [VolunteerStatus; 2] =
    [VolunteerStatus::Approved, VolunteerStatus::InTraining];

/// What the pipeline stores per volunteer (`volunteers.done_minutes`,
/// `ready`, `ready_until`), so that its lists read an index instead of
/// evaluating the gate for everyone in training.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct Readiness {
    /// Course hours done, in minutes.
    pub done_minutes: i32,
    /// Nothing unmet on the day it was worked out.
    pub ready: bool,
    /// `ready` holds only until this day (a grace period's last day).
    pub until: Option<NaiveDate>,
}

impl Readiness {
    /// Whether the stored answer still says ready on `today`.
    pub fn ready_on(&self, today: NaiveDate) -> bool {
        self.ready && self.until.is_none_or(|u| today <= u)
    }
}

/// The readiness of a record whose running graces are already filtered
/// (`Grace::running`), as `unmet` sees it.
pub fn readiness(
    record: &VolunteerRecord,
    branch: &BranchRequirements,
    curriculum: &Curriculum,
    required_declaration: i32,
) -> Readiness {
    let ready = unmet(record, branch, curriculum, required_declaration).is_empty();
    Readiness {
        done_minutes: curriculum::progress(curriculum, &record.credited).done_minutes,
        ready,
        until: if ready {
            clear_until(record, branch, required_declaration)
        } else {
            None
        },
    }
}

/// Why a volunteer cannot be made active now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ActivationRefusal {
    /// The status does not lead to active (e.g. an applicant, an alumne).
    Status(VolunteerStatus),
    /// Requirements are unmet; the list says which.
    Unmet,
}

impl ActivationRefusal {
    pub fn message_key(&self) -> &'static str {
        match self {
            ActivationRefusal::Status(_) => "gate-refused-status",
            ActivationRefusal::Unmet => "gate-refused-unmet",
        }
    }
}

/// Whether `change` (activating, or coming back from a pause) may make the
/// volunteer active: only from a status that leads there, and only with
/// nothing unmet.
pub fn may_become_active(
    status: VolunteerStatus,
    change: StatusChange,
    unmet: &[Requirement],
) -> Result<VolunteerStatus, ActivationRefusal> {
    let to = change
        .apply(status)
        .ok_or(ActivationRefusal::Status(status))?;
    if !unmet.is_empty() {
        return Err(ActivationRefusal::Unmet);
    }
    Ok(to)
}

/// Whether the branch activates this volunteer now, without a coordinator.
pub fn activates_automatically(
    status: VolunteerStatus,
    branch: &BranchRequirements,
    unmet: &[Requirement],
) -> bool {
    branch.auto_activate && StatusChange::Activate.apply(status).is_some() && unmet.is_empty()
}

/// Whether the volunteer may do what activation unlocks (supervision,
/// brobyggeraftener): active, with nothing unmet, so that a newly required
/// declaration version is signed before the next sign-up.
pub fn may_work(status: VolunteerStatus, unmet: &[Requirement]) -> bool {
    status == VolunteerStatus::Active && unmet.is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::curriculum::tests::course;
    use VolunteerStatus::*;

    fn full_course() -> BTreeMap<String, i32> {
        [("a", 120), ("b", 120), ("c", 180), ("d", 60)]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect()
    }

    fn record(status: VolunteerStatus) -> VolunteerRecord {
        VolunteerRecord {
            status,
            application: Some(ApplicationStatus::Accepted),
            credited: full_course(),
            signed_versions: vec![1],
            checks: vec![],
            grace: vec![],
            declaration_grace: None,
        }
    }

    fn module(id: &str, order: i32, missing: i32) -> Requirement {
        Requirement::Module {
            id: id.into(),
            order,
            title: format!("Modul {id}"),
            missing_minutes: missing,
        }
    }

    #[test]
    fn readiness_holds_until_the_earliest_grace_it_leans_on() {
        let c = course();
        let strict = BranchRequirements {
            child_certificate: true,
            auto_activate: false,
        };
        let day = |d| NaiveDate::from_ymd_opt(2027, 1, d).expect("a date");
        // Nothing excused: ready for good.
        let done = VolunteerRecord {
            checks: vec![ExtraCheck::ChildCertificate],
            ..record(InTraining)
        };
        let r = readiness(&done, &strict, &c, 1);
        assert_eq!((r.ready, r.until, r.done_minutes), (true, None, 480));
        // Leaning on a børneattest grace and a declaration grace: until the
        // earlier of the two.
        let leaning = VolunteerRecord {
            grace: vec![Grace {
                check: ExtraCheck::ChildCertificate,
                until: day(20),
            }],
            declaration_grace: Some(day(10)),
            ..record(Active)
        };
        let r = readiness(&leaning, &strict, &c, 2);
        assert_eq!((r.ready, r.until), (true, Some(day(10))));
        assert!(r.ready_on(day(10)));
        assert!(!r.ready_on(day(11)));
        // A grace for what is already met is not leaned on.
        let r = readiness(&leaning, &strict, &c, 1);
        assert_eq!(r.until, Some(day(20)));
        let recorded = VolunteerRecord {
            checks: vec![ExtraCheck::ChildCertificate],
            ..leaning.clone()
        };
        assert_eq!(readiness(&recorded, &strict, &c, 1).until, None);
        // Not ready: no day, and the hours still count.
        let partly = VolunteerRecord {
            credited: [("a".to_string(), 120)].into_iter().collect(),
            ..record(InTraining)
        };
        let r = readiness(&partly, &BranchRequirements::default(), &c, 1);
        assert_eq!((r.ready, r.until, r.done_minutes), (false, None, 120));
        assert!(!r.ready_on(day(1)));
    }

    #[test]
    fn a_running_declaration_grace_excuses_the_new_version_only_meanwhile() {
        let plain = BranchRequirements::default();
        let c = course();
        let active = record(Active);
        assert_eq!(
            unmet(&active, &plain, &c, 2),
            vec![Requirement::Declaration { version: 2 }]
        );
        let excused = VolunteerRecord {
            declaration_grace: NaiveDate::from_ymd_opt(2027, 1, 2),
            ..record(Active)
        };
        assert!(unmet(&excused, &plain, &c, 2).is_empty());
    }

    #[test]
    fn the_gate_lists_exactly_what_is_missing() {
        let plain = BranchRequirements::default();
        let strict = BranchRequirements {
            child_certificate: true,
            auto_activate: false,
        };
        let partly = |credited: &[(&str, i32)]| -> BTreeMap<String, i32> {
            credited.iter().map(|(k, v)| (k.to_string(), *v)).collect()
        };
        // (case, record, branch, required declaration, expected)
        let cases: Vec<(
            &str,
            VolunteerRecord,
            BranchRequirements,
            i32,
            Vec<Requirement>,
        )> = vec![
            ("all done", record(InTraining), plain, 1, vec![]),
            (
                "a fresh applicant lacks everything",
                VolunteerRecord {
                    application: Some(ApplicationStatus::Pending),
                    credited: BTreeMap::new(),
                    signed_versions: vec![],
                    ..record(Applicant)
                },
                plain,
                1,
                vec![
                    Requirement::ApplicationAccepted,
                    module("a", 1, 120),
                    module("b", 2, 120),
                    module("c", 3, 180),
                    module("d", 4, 60),
                    Requirement::Declaration { version: 1 },
                ],
            ),
            (
                "a declined application is not accepted",
                VolunteerRecord {
                    application: Some(ApplicationStatus::Declined),
                    ..record(Rejected)
                },
                plain,
                1,
                vec![Requirement::ApplicationAccepted],
            ),
            (
                "partial hours leave the rest of a module missing",
                VolunteerRecord {
                    credited: partly(&[("a", 120), ("b", 120), ("c", 90), ("d", 60)]),
                    ..record(InTraining)
                },
                plain,
                1,
                vec![module("c", 3, 90)],
            ),
            (
                "a newly required declaration version",
                record(Active),
                plain,
                2,
                vec![Requirement::Declaration { version: 2 }],
            ),
            (
                "a later signature satisfies an earlier requirement",
                VolunteerRecord {
                    signed_versions: vec![2],
                    ..record(InTraining)
                },
                plain,
                1,
                vec![],
            ),
            (
                "a branch that requires a børneattest",
                record(InTraining),
                strict,
                1,
                vec![Requirement::Check {
                    check: ExtraCheck::ChildCertificate,
                }],
            ),
            (
                "a recorded børneattest",
                VolunteerRecord {
                    checks: vec![ExtraCheck::ChildCertificate],
                    ..record(InTraining)
                },
                strict,
                1,
                vec![],
            ),
            (
                "volunteers from before applications were recorded count as accepted",
                VolunteerRecord {
                    application: None,
                    ..record(Active)
                },
                plain,
                1,
                vec![],
            ),
            (
                "without an application an applicant is not accepted",
                VolunteerRecord {
                    application: None,
                    ..record(Applicant)
                },
                plain,
                1,
                vec![Requirement::ApplicationAccepted],
            ),
        ];
        let c = course();
        for (name, r, branch, version, expected) in cases {
            assert_eq!(unmet(&r, &branch, &c, version), expected, "{name}");
        }
    }

    #[test]
    fn grace_excuses_a_new_requirement_until_its_last_day() {
        let strict = BranchRequirements {
            child_certificate: true,
            auto_activate: false,
        };
        let day = |d| NaiveDate::from_ymd_opt(2027, 1, d).unwrap_or_default();
        let grace = Grace {
            check: ExtraCheck::ChildCertificate,
            until: day(31),
        };
        assert!(grace.running(day(31)), "the last day is still grace");
        assert!(!grace.running(day(30) + chrono::Duration::days(2)));
        assert_eq!(grace_deadline(day(1)), day(31));
        let c = course();
        let in_grace = VolunteerRecord {
            grace: vec![grace],
            ..record(Active)
        };
        assert_eq!(unmet(&in_grace, &strict, &c, 1), vec![]);
        assert_eq!(excused(&in_grace, &strict), vec![grace]);
        assert!(may_work(Active, &unmet(&in_grace, &strict, &c, 1)));
        // Grace for a requirement the branch no longer has, or one met, is
        // nothing to show.
        assert_eq!(excused(&in_grace, &BranchRequirements::default()), vec![]);
        let met = VolunteerRecord {
            checks: vec![ExtraCheck::ChildCertificate],
            ..in_grace.clone()
        };
        assert_eq!(excused(&met, &strict), vec![]);
        // After it (no running grace): the requirement applies.
        assert_eq!(
            unmet(&record(Active), &strict, &c, 1),
            vec![Requirement::Check {
                check: ExtraCheck::ChildCertificate
            }]
        );
    }

    #[test]
    fn grace_is_for_those_already_active_and_only_new_requirements() {
        let cc = ExtraCheck::ChildCertificate;
        assert!(gets_grace(Active, &[], cc));
        assert!(gets_grace(Paused, &[], cc));
        assert!(!gets_grace(Active, &[cc], cc), "already recorded");
        for status in [Applicant, Approved, InTraining, Alumni, Rejected] {
            assert!(!gets_grace(status, &[], cc), "{status:?}");
        }
        let off = BranchRequirements::default();
        let on = BranchRequirements {
            child_certificate: true,
            ..off
        };
        assert_eq!(newly_required(&off, &on), vec![cc]);
        assert_eq!(newly_required(&on, &on), vec![]);
        assert_eq!(newly_required(&on, &off), vec![]);
    }

    #[test]
    fn activation_needs_the_right_status_and_an_empty_list() {
        let none: Vec<Requirement> = vec![];
        let some = vec![Requirement::Declaration { version: 1 }];
        assert_eq!(
            may_become_active(InTraining, StatusChange::Activate, &none),
            Ok(Active)
        );
        assert_eq!(
            may_become_active(InTraining, StatusChange::Activate, &some),
            Err(ActivationRefusal::Unmet)
        );
        assert_eq!(
            may_become_active(Applicant, StatusChange::Activate, &none),
            Err(ActivationRefusal::Status(Applicant))
        );
        assert_eq!(
            may_become_active(Paused, StatusChange::Resume, &none),
            Ok(Active)
        );
        assert_eq!(
            may_become_active(Paused, StatusChange::Resume, &some),
            Err(ActivationRefusal::Unmet)
        );
    }

    #[test]
    fn automatic_activation_is_a_branch_choice() {
        let auto = BranchRequirements {
            auto_activate: true,
            ..Default::default()
        };
        let none: Vec<Requirement> = vec![];
        assert!(activates_automatically(InTraining, &auto, &none));
        assert!(activates_automatically(Approved, &auto, &none));
        assert!(!activates_automatically(
            InTraining,
            &BranchRequirements::default(),
            &none
        ));
        assert!(!activates_automatically(
            InTraining,
            &auto,
            &[Requirement::ApplicationAccepted]
        ));
        assert!(!activates_automatically(Paused, &auto, &none));
        assert!(may_work(Active, &none));
        assert!(!may_work(
            Active,
            &[Requirement::Declaration { version: 2 }]
        ));
        assert!(!may_work(Paused, &none));
    }
}
