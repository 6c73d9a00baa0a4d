//! The preparation course (forberedelseskursus): its modules, and how
//! attendance at a cohort's meetings turns into hours per module.
//!
//! # The hour-to-module rule
//!
//! A meeting covers one or more modules. Attendance is recorded per meeting
//! (present, absent, or partial with the minutes attended), so the minutes
//! have to be shared out over the modules the meeting taught:
//!
//! 1. Within one cohort, a module taught over several meetings is split
//!    equally between them: each of its `n` meetings carries `1/n` of the
//!    module's hours.
//! 2. At a meeting, a person earns on *every* module it covers the same
//!    share of that meeting's part of the module as the share of the
//!    meeting they attended. Present: all of it. Absent: nothing. Partial
//!    1,5 of 3 hours: half of each module the meeting covered. Nobody knows
//!    which half of an evening someone missed, so no module is favoured.
//! 3. Credit from different cohorts (a make-up in another cohort or
//!    branch) adds up, capped at the module's hours. Cancelled meetings
//!    teach nothing and are left out before the split.
//!
//! Hours are module hours, not clock hours: a meeting that runs longer or
//! shorter than the modules it covers still completes them when attended
//! in full.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

/// A module's front matter in `course-material/forberedelseskursus/`.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
pub struct ModuleMeta {
    pub id: String,
    pub title: String,
    pub hours: f64,
    pub order: i32,
    #[serde(default = "mandatory_by_default")]
    pub mandatory: bool,
}

fn mandatory_by_default() -> bool {
    true
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Module {
    pub id: String,
    pub title: String,
    pub order: i32,
    pub minutes: i32,
    pub mandatory: bool,
}

/// A module's hours as an administrator types them ("2", "2,5"): quarter
/// hours from a quarter to ten hours. Returns minutes. Attendance is
/// counted against these minutes, so a module longer than its longest
/// meeting could never be completed in one.
pub fn module_minutes(input: &str) -> Result<i32, super::validation::Invalid> {
    let invalid = super::validation::Invalid("error-module-hours");
    let v = input.trim().replace(',', ".");
    if v.is_empty() {
        return Err(super::validation::Invalid("error-required"));
    }
    let h: f64 = v.parse().map_err(|_| invalid)?;
    if !(0.25..=10.0).contains(&h) {
        return Err(invalid);
    }
    let minutes = (h * 60.0).round();
    if (minutes - h * 60.0).abs() > 1e-6 || minutes % 15.0 != 0.0 {
        return Err(invalid);
    }
    Ok(minutes as i32)
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CurriculumError {
    #[error("module {0}: hours must be a positive number of whole minutes")]
    BadHours(String),
    #[error("module id {0} is used twice")]
    DuplicateId(String),
    #[error("module order {0} is used twice")]
    DuplicateOrder(i32),
    #[error("module id {0:?} must be lower-case letters, digits and dashes")]
    BadId(String),
}

/// The course's modules in teaching order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Curriculum {
    modules: Vec<Module>,
}

impl Module {
    pub fn from_meta(meta: &ModuleMeta) -> Result<Module, CurriculumError> {
        let minutes = meta.hours * 60.0;
        if minutes.is_nan()
            || minutes <= 0.0
            || (minutes - minutes.round()).abs() > 1e-6
            || minutes > 6000.0
        {
            return Err(CurriculumError::BadHours(meta.id.clone()));
        }
        let id_ok = !meta.id.is_empty()
            && meta
                .id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if !id_ok {
            return Err(CurriculumError::BadId(meta.id.clone()));
        }
        Ok(Module {
            id: meta.id.clone(),
            title: meta.title.clone(),
            order: meta.order,
            minutes: minutes.round() as i32,
            mandatory: meta.mandatory,
        })
    }
}

impl Curriculum {
    pub fn new(mut modules: Vec<Module>) -> Result<Curriculum, CurriculumError> {
        modules.sort_by_key(|m| m.order);
        for pair in modules.windows(2) {
            if pair[0].order == pair[1].order {
                return Err(CurriculumError::DuplicateOrder(pair[0].order));
            }
        }
        let mut ids: Vec<&str> = modules.iter().map(|m| m.id.as_str()).collect();
        ids.sort_unstable();
        if let Some(pair) = ids.windows(2).find(|p| p[0] == p[1]) {
            return Err(CurriculumError::DuplicateId(pair[0].to_string()));
        }
        Ok(Curriculum { modules })
    }

    pub fn modules(&self) -> &[Module] {
        &self.modules
    }

    pub fn module(&self, id: &str) -> Option<&Module> {
        self.modules.iter().find(|m| m.id == id)
    }

    /// The course's length: every mandatory module.
    pub fn total_minutes(&self) -> i32 {
        self.modules
            .iter()
            .filter(|m| m.mandatory)
            .map(|m| m.minutes)
            .sum()
    }
}

/// A meeting that took or takes place (not cancelled) and the modules it
/// covers.
#[derive(Debug, Clone, PartialEq)]
pub struct TaughtMeeting {
    pub cohort_id: i64,
    pub meeting_id: i64,
    pub minutes: i32,
    pub modules: Vec<String>,
}

/// Minutes credited per module id, by the rule in the module docs.
/// `taught` must hold every non-cancelled meeting of each cohort the
/// person attended (also those they missed: they decide the split);
/// `attended` maps meeting id to minutes attended.
pub fn credit(
    curriculum: &Curriculum,
    taught: &[TaughtMeeting],
    attended: &HashMap<i64, i32>,
) -> BTreeMap<String, i32> {
    let mut meetings_per_module: HashMap<(i64, &str), u32> = HashMap::new();
    for m in taught {
        for module in &m.modules {
            *meetings_per_module
                .entry((m.cohort_id, module.as_str()))
                .or_insert(0) += 1;
        }
    }
    let mut earned: BTreeMap<String, f64> = BTreeMap::new();
    for m in taught {
        let Some(&minutes) = attended.get(&m.meeting_id) else {
            continue;
        };
        if m.minutes <= 0 || minutes <= 0 {
            continue;
        }
        let fraction = f64::from(minutes.min(m.minutes)) / f64::from(m.minutes);
        for id in &m.modules {
            let Some(module) = curriculum.module(id) else {
                continue;
            };
            let n = meetings_per_module
                .get(&(m.cohort_id, id.as_str()))
                .copied()
                .unwrap_or(1)
                .max(1);
            *earned.entry(id.clone()).or_insert(0.0) +=
                f64::from(module.minutes) / f64::from(n) * fraction;
        }
    }
    earned
        .into_iter()
        .filter_map(|(id, minutes)| {
            let cap = curriculum.module(&id)?.minutes;
            Some((id, (minutes.round() as i32).min(cap)))
        })
        .collect()
}

/// `credited` with the modules completed before Brobyg (imported), each
/// credited in full: the course was taken, only not in a cohort Brobyg
/// knows.
pub fn with_prior(
    curriculum: &Curriculum,
    mut credited: BTreeMap<String, i32>,
    prior: &[String],
) -> BTreeMap<String, i32> {
    for id in prior {
        if let Some(module) = curriculum.module(id) {
            credited.insert(id.clone(), module.minutes);
        }
    }
    credited
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ModuleProgress {
    pub module: Module,
    pub done_minutes: i32,
    pub missing_minutes: i32,
}

impl ModuleProgress {
    pub fn complete(&self) -> bool {
        self.missing_minutes == 0
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Progress {
    pub modules: Vec<ModuleProgress>,
    pub done_minutes: i32,
    pub total_minutes: i32,
}

impl Progress {
    /// The mandatory modules not yet complete, in teaching order.
    pub fn missing(&self) -> impl Iterator<Item = &ModuleProgress> {
        self.modules
            .iter()
            .filter(|m| m.module.mandatory && !m.complete())
    }
}

/// Where a person stands: hours done per module and in all (of the
/// mandatory hours).
pub fn progress(curriculum: &Curriculum, credited: &BTreeMap<String, i32>) -> Progress {
    let modules: Vec<ModuleProgress> = curriculum
        .modules()
        .iter()
        .map(|m| {
            let done = credited
                .get(&m.id)
                .copied()
                .unwrap_or(0)
                .clamp(0, m.minutes);
            ModuleProgress {
                module: m.clone(),
                done_minutes: done,
                missing_minutes: m.minutes - done,
            }
        })
        .collect();
    let done_minutes = modules
        .iter()
        .filter(|m| m.module.mandatory)
        .map(|m| m.done_minutes)
        .sum();
    Progress {
        modules,
        done_minutes,
        total_minutes: curriculum.total_minutes(),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) fn module(id: &str, order: i32, hours: f64) -> Module {
        Module::from_meta(&ModuleMeta {
            id: id.into(),
            title: format!("Modul {id}"),
            hours,
            order,
            mandatory: true,
        })
        .expect("valid module")
    }

    pub(crate) fn course() -> Curriculum {
        Curriculum::new(vec![
            module("a", 1, 2.0),
            module("b", 2, 2.0),
            module("c", 3, 3.0),
            module("d", 4, 1.0),
        ])
        .expect("curriculum")
    }

    fn taught(cohort: i64, meeting: i64, minutes: i32, modules: &[&str]) -> TaughtMeeting {
        TaughtMeeting {
            cohort_id: cohort,
            meeting_id: meeting,
            minutes,
            modules: modules.iter().map(|s| s.to_string()).collect(),
        }
    }

    fn credited(taught_: &[TaughtMeeting], attended: &[(i64, i32)]) -> Vec<(&'static str, i32)> {
        let c = course();
        let map = credit(&c, taught_, &attended.iter().copied().collect());
        ["a", "b", "c", "d"]
            .into_iter()
            .map(|id| (id, map.get(id).copied().unwrap_or(0)))
            .collect()
    }

    #[test]
    fn an_edited_module_has_quarter_hours_up_to_ten() {
        use crate::domain::validation::Invalid;
        assert_eq!(module_minutes("2"), Ok(120));
        assert_eq!(module_minutes(" 2,5 "), Ok(150));
        assert_eq!(module_minutes("0.25"), Ok(15));
        assert_eq!(module_minutes("10"), Ok(600));
        assert_eq!(module_minutes(""), Err(Invalid("error-required")));
        for bad in ["0", "-1", "2,1", "10,25", "to", "NaN"] {
            assert_eq!(
                module_minutes(bad),
                Err(Invalid("error-module-hours")),
                "{bad}"
            );
        }
    }

    #[test]
    fn hours_must_be_whole_minutes_and_ids_and_orders_unique() {
        let bad = ModuleMeta {
            id: "x".into(),
            title: "X".into(),
            hours: 0.0,
            order: 1,
            mandatory: true,
        };
        assert!(Module::from_meta(&bad).is_err());
        assert!(
            Module::from_meta(&ModuleMeta {
                hours: 1.0 / 7.0,
                ..bad.clone()
            })
            .is_err()
        );
        assert!(
            Module::from_meta(&ModuleMeta {
                id: "Æble".into(),
                hours: 1.0,
                ..bad.clone()
            })
            .is_err()
        );
        assert_eq!(
            Curriculum::new(vec![module("a", 1, 1.0), module("a", 2, 1.0)]),
            Err(CurriculumError::DuplicateId("a".into()))
        );
        assert_eq!(
            Curriculum::new(vec![module("a", 1, 1.0), module("b", 1, 1.0)]),
            Err(CurriculumError::DuplicateOrder(1))
        );
        assert_eq!(course().total_minutes(), 8 * 60);
    }

    /// The hour-to-module rule, case by case.
    #[test]
    fn attendance_becomes_hours_per_module() {
        // (meetings of the cohorts attended, attendance, expected credit)
        type Case = (
            &'static str,
            Vec<TaughtMeeting>,
            Vec<(i64, i32)>,
            Vec<(&'static str, i32)>,
        );
        let cases: Vec<Case> = vec![
            (
                "present at a meeting completes every module it covers",
                vec![taught(1, 10, 240, &["a", "b"])],
                vec![(10, 240)],
                vec![("a", 120), ("b", 120), ("c", 0), ("d", 0)],
            ),
            (
                "absent earns nothing",
                vec![taught(1, 10, 240, &["a", "b"])],
                vec![(10, 0)],
                vec![("a", 0), ("b", 0), ("c", 0), ("d", 0)],
            ),
            (
                "partial: the attended share of the meeting on each module",
                vec![taught(1, 10, 240, &["a", "b"])],
                vec![(10, 120)],
                vec![("a", 60), ("b", 60), ("c", 0), ("d", 0)],
            ),
            (
                "partial weighs modules by their hours",
                vec![taught(1, 10, 240, &["c", "d"])],
                vec![(10, 60)],
                vec![("a", 0), ("b", 0), ("c", 45), ("d", 15)],
            ),
            (
                "a module over two meetings: each carries half",
                vec![taught(1, 10, 90, &["c"]), taught(1, 11, 90, &["c"])],
                vec![(10, 90)],
                vec![("a", 0), ("b", 0), ("c", 90), ("d", 0)],
            ),
            (
                "module hours, not clock hours: a short meeting still completes",
                vec![taught(1, 10, 120, &["a", "b"])],
                vec![(10, 120)],
                vec![("a", 120), ("b", 120), ("c", 0), ("d", 0)],
            ),
            (
                "a make-up in another cohort adds up, capped at the module",
                vec![
                    taught(1, 10, 240, &["a", "b"]),
                    taught(2, 20, 120, &["b"]),
                    taught(2, 21, 120, &["a"]),
                ],
                vec![(10, 120), (20, 120), (21, 120)],
                vec![("a", 120), ("b", 120), ("c", 0), ("d", 0)],
            ),
            (
                "unknown modules and meetings never attended are ignored",
                vec![taught(1, 10, 60, &["gammelt"]), taught(1, 11, 60, &["d"])],
                vec![(10, 60)],
                vec![("a", 0), ("b", 0), ("c", 0), ("d", 0)],
            ),
            (
                "more minutes than the meeting count as the whole meeting",
                vec![taught(1, 10, 60, &["d"])],
                vec![(10, 600)],
                vec![("a", 0), ("b", 0), ("c", 0), ("d", 60)],
            ),
        ];
        for (name, meetings, attended, expected) in cases {
            assert_eq!(credited(&meetings, &attended), expected, "{name}");
        }
    }

    #[test]
    fn thirds_add_up_to_the_whole_module() {
        let meetings = vec![
            taught(1, 1, 60, &["c"]),
            taught(1, 2, 60, &["c"]),
            taught(1, 3, 60, &["c"]),
        ];
        let all = credited(&meetings, &[(1, 60), (2, 60), (3, 60)]);
        assert_eq!(all[2], ("c", 180));
    }

    #[test]
    fn progress_counts_done_and_missing_hours() {
        let c = course();
        let credited: BTreeMap<String, i32> =
            [("a".to_string(), 120), ("c".to_string(), 90)].into();
        let p = progress(&c, &credited);
        assert_eq!(p.done_minutes, 210);
        assert_eq!(p.total_minutes, 480);
        let missing: Vec<(&str, i32)> = p
            .missing()
            .map(|m| (m.module.id.as_str(), m.missing_minutes))
            .collect();
        assert_eq!(missing, vec![("b", 120), ("c", 90), ("d", 60)]);
    }

    #[test]
    fn modules_taken_before_brobyg_count_in_full() {
        let c = course();
        let credited: BTreeMap<String, i32> = [("a".to_string(), 60), ("c".to_string(), 90)].into();
        let prior = ["a".to_string(), "b".to_string(), "zz".to_string()];
        let with = with_prior(&c, credited, &prior);
        let expected: BTreeMap<String, i32> = [
            ("a".to_string(), 120),
            ("b".to_string(), 120),
            ("c".to_string(), 90),
        ]
        .into();
        assert_eq!(with, expected, "an unknown module id is ignored");
    }
}
