//! The dataset decided in memory before the bulk of it is written: the
//! organisation and the courses (written at once, through the ordinary
//! storage functions), who the users are, every session's kind, place,
//! time and capacity, and which brobyggere trained in which cohort.

use crate::domain::genlaer::Audience;
use crate::domain::genlaer::CourseFormat;
use std::collections::HashMap;

use chrono::{Duration, NaiveDateTime};

use super::Size;
use super::sql::Rng;
use crate::db::courses::{self, CourseFields};
use crate::db::{DbConnection, branches};
use crate::domain::names::slugify;
use crate::domain::session::SessionKind;
use crate::domain::volunteer::VolunteerStatus;

pub struct Branch {
    pub id: i64,
    pub region_id: i64,
    pub name: String,
    pub address: String,
    /// How much happens here compared with other branches.
    pub weight: usize,
}

pub struct Course {
    pub id: i64,
    pub title: String,
    pub region_id: Option<i64>,
    pub minutes: i64,
}

pub struct Volunteer {
    pub id: i64,
    pub branch_id: i64,
    pub status: VolunteerStatus,
    /// The cohort (a session id) they trained in.
    pub cohort: Option<i64>,
    pub applied_at: NaiveDateTime,
    /// When training ended (the cohort's last meeting).
    pub trained_at: Option<NaiveDateTime>,
}

impl Volunteer {
    /// When a trained brobygger stopped being active, if they have: their
    /// pause began, or they left (300 days after training). A pause is
    /// still running at `anchor` (its last day `PAUSE_DAYS` after it
    /// began): the mail worker ends pauses on their day, so a real branch
    /// holds none that are over, and a dataset full of them made the start
    /// page list years of pauses as ending soon. It began 1–80 days before
    /// the anchor (at least ten days of it left), spread by id so that the
    /// seed's draws stay as they were, and never before training ended.
    pub fn stopped_at(&self, anchor: NaiveDateTime) -> Option<NaiveDateTime> {
        let trained = self.trained_at?;
        let begun = 1 + self.id.rem_euclid(PAUSE_DAYS - 10);
        let at = match self.status {
            VolunteerStatus::Paused => {
                (anchor - Duration::days(begun)).max(trained + Duration::days(1))
            }
            VolunteerStatus::Alumni => trained + Duration::days(300),
            _ => return None,
        };
        Some(at.min(anchor))
    }
}

/// How long a generated pause lasts, its first day to its last.
pub const PAUSE_DAYS: i64 = 90;

pub struct SessionPlan {
    pub id: i64,
    pub kind: SessionKind,
    /// An index into `Plan::branches`; `None` for national GenLær sessions.
    pub branch: Option<usize>,
    /// An index into `Plan::courses` (GenLær only).
    pub course: Option<usize>,
    pub meetings: Vec<(NaiveDateTime, NaiveDateTime)>,
    pub capacity: Option<i32>,
    pub cancelled: bool,
    pub online: bool,
}

impl SessionPlan {
    pub fn starts_at(&self) -> NaiveDateTime {
        self.meetings[0].0
    }

    pub fn ends_at(&self) -> NaiveDateTime {
        self.meetings[self.meetings.len() - 1].1
    }
}

pub struct Plan {
    /// Midnight UTC of the day the data was made; "now" for the data.
    pub anchor: NaiveDateTime,
    pub branches: Vec<Branch>,
    pub courses: Vec<Course>,
    pub admin: i64,
    /// Coordinators and the branches each works in.
    pub coordinators: Vec<(i64, Vec<i64>)>,
    pub volunteers: Vec<Volunteer>,
    pub professionals: Vec<i64>,
    pub sessions: Vec<SessionPlan>,
    /// Cohort session id → its trainees.
    pub cohort_members: HashMap<i64, Vec<i64>>,
    /// Branch id → brobyggere who have trained (active, paused, alumni):
    /// the people at supervision and evenings.
    pub trained_by_branch: HashMap<i64, Vec<i64>>,
    /// The accounts the benchmark signs in with.
    pub named_volunteer: i64,
    pub named_coordinator: i64,
    pub named_professional: i64,
}

/// Bigger cities run more; the rest share evenly.
fn weight(name: &str) -> usize {
    match name {
        "København" => 8,
        "Aarhus" => 6,
        "Odense" | "Aalborg" => 4,
        "Frederiksberg" | "Esbjerg" | "Randers" | "Roskilde" => 2,
        _ => 1,
    }
}

const TOPICS: [&str; 12] = [
    "LGBT+ venlig praksis i sundhedsvæsenet",
    "Social ulighed i sundhed for visitatorer",
    "Sundhedskompetence og kommunikation",
    "Ledelse og social ulighed i sundhed",
    "Brobygning for studerende",
    "Mødet med borgere i udsatte positioner",
    "Traumebevidst praksis",
    "Tolkebistand og sproglige barrierer",
    "Psykisk sårbarhed i akutmodtagelsen",
    "Hjemløshed og adgang til behandling",
    "Misbrug og mødet med sundhedsvæsenet",
    "Samskabelse med civilsamfundet",
];

const AUDIENCES: [Audience; 4] = [
    Audience::Professionals,
    Audience::Leaders,
    Audience::DecisionMakers,
    Audience::Students,
];

impl Plan {
    pub fn make(
        conn: &mut DbConnection,
        size: Size,
        seed: u64,
        anchor: NaiveDateTime,
    ) -> anyhow::Result<Plan> {
        let mut rng = Rng::new(seed);
        let branches = organisation(conn)?;
        let courses = make_courses(conn, &branches, size.courses)?;
        let mut next_user = 1i64;
        let mut take = || {
            let id = next_user;
            next_user += 1;
            id
        };
        let admin = take();
        let mut coordinators: Vec<(i64, Vec<i64>)> = Vec::new();
        for b in &branches {
            for _ in 0..2 {
                coordinators.push((take(), vec![b.id]));
            }
        }
        // The named coordinator also covers the second branch, as a
        // coordinator of two branches does.
        if branches.len() > 1 {
            coordinators[0].1.push(branches[1].id);
        }
        let volunteer_count = size.users / 5;
        let weights: Vec<usize> = branches.iter().map(|b| b.weight).collect();
        let total_weight: usize = weights.iter().sum();
        let weighted = |rng: &mut Rng| {
            let mut r = rng.below(total_weight);
            for (i, w) in weights.iter().enumerate() {
                if r < *w {
                    return i;
                }
                r -= w;
            }
            0
        };
        let mut volunteer_branch: Vec<(i64, usize)> = (0..volunteer_count)
            .map(|_| (take(), weighted(&mut rng)))
            .collect();
        let professionals: Vec<i64> =
            (next_user..=size.users.max(next_user as usize) as i64).collect::<Vec<_>>();

        // Sessions: GenLær 40 %, cohorts 5 %, supervision 30 %, evenings 25 %.
        let first_day = anchor - Duration::days(4 * 365);
        let days = 5 * 365;
        let n = size.sessions;
        let counts = [
            (SessionKind::Genlaer, n * 40 / 100),
            (SessionKind::Cohort, (n * 5 / 100).max(branches.len())),
            (SessionKind::Supervision, n * 30 / 100),
            (
                SessionKind::Evening,
                n - n * 40 / 100 - n * 5 / 100 - n * 30 / 100,
            ),
        ];
        let mut sessions: Vec<SessionPlan> = Vec::with_capacity(n);
        let mut next_session = 1i64;
        for (kind, count) in counts {
            for i in 0..count {
                let id = next_session;
                next_session += 1;
                let (branch, course) = match kind {
                    SessionKind::Genlaer => genlaer_place(&mut rng, &courses, &branches, weighted),
                    // Cohorts are spread evenly over the years in every
                    // branch, so each year's volunteers have one to train in.
                    SessionKind::Cohort => (Some(i % branches.len()), None),
                    _ => (Some(weighted(&mut rng)), None),
                };
                let day = match kind {
                    SessionKind::Cohort => {
                        let per_branch = count.div_ceil(branches.len()).max(1);
                        let slot = i / branches.len();
                        (slot * days / per_branch) as i64 + rng.between(0, 20)
                    }
                    _ => rng.below(days) as i64,
                };
                let date = first_day + Duration::days(day);
                let meetings = meetings(&mut rng, kind, date, course.map(|c| courses[c].minutes));
                let future = meetings[0].0 > anchor;
                let capacity = match kind {
                    SessionKind::Genlaer => Some(rng.between(24, 64) as i32),
                    SessionKind::Cohort => Some(24),
                    SessionKind::Supervision => Some(rng.between(8, 15) as i32),
                    // Not planned here (vagter come from a rota's slots).
                    SessionKind::Duty => Some(2),
                    SessionKind::Evening => {
                        (!rng.chance(0.15)).then(|| rng.between(90, 210) as i32)
                    }
                };
                sessions.push(SessionPlan {
                    id,
                    kind,
                    branch,
                    course,
                    meetings,
                    capacity,
                    cancelled: rng.chance(if future { 0.03 } else { 0.06 }),
                    online: kind == SessionKind::Genlaer && rng.chance(0.1),
                });
            }
        }
        // Nobody trains in a cancelled cohort.
        for s in sessions
            .iter_mut()
            .filter(|s| s.kind == SessionKind::Cohort)
        {
            s.cancelled = false;
        }

        // Volunteers: nine in ten are placed in their branch's cohorts in
        // order of time; the rest are still applying.
        volunteer_branch.sort_by_key(|(id, b)| (*b, *id));
        let mut cohorts_of: HashMap<usize, Vec<usize>> = HashMap::new();
        for (i, s) in sessions.iter().enumerate() {
            if s.kind == SessionKind::Cohort
                && let Some(b) = s.branch
            {
                cohorts_of.entry(b).or_default().push(i);
            }
        }
        for list in cohorts_of.values_mut() {
            list.sort_by_key(|i| sessions[*i].starts_at());
        }
        let mut volunteers = Vec::with_capacity(volunteer_count);
        let mut cohort_members: HashMap<i64, Vec<i64>> = HashMap::new();
        let mut trained_by_branch: HashMap<i64, Vec<i64>> = HashMap::new();
        let mut by_branch: HashMap<usize, Vec<i64>> = HashMap::new();
        for (id, b) in &volunteer_branch {
            by_branch.entry(*b).or_default().push(*id);
        }
        let mut branch_keys: Vec<usize> = by_branch.keys().copied().collect();
        branch_keys.sort_unstable();
        for b in branch_keys {
            let ids = &by_branch[&b];
            let cohorts = cohorts_of.get(&b).cloned().unwrap_or_default();
            let placed = ids.len() * 9 / 10;
            let per = placed.div_ceil(cohorts.len().max(1)).clamp(1, 24);
            for (k, id) in ids.iter().enumerate() {
                let cohort = (k < placed)
                    .then(|| cohorts.get(k / per).copied())
                    .flatten();
                let branch_id = branches[b].id;
                let v = match cohort {
                    Some(ci) => {
                        let c = &sessions[ci];
                        cohort_members.entry(c.id).or_default().push(*id);
                        let trained = c.ends_at() < anchor;
                        let status = if !trained {
                            VolunteerStatus::InTraining
                        } else {
                            let r = rng.unit();
                            if r < 0.78 {
                                VolunteerStatus::Active
                            } else if r < 0.86 {
                                VolunteerStatus::Paused
                            } else {
                                VolunteerStatus::Alumni
                            }
                        };
                        if trained {
                            trained_by_branch.entry(branch_id).or_default().push(*id);
                        }
                        Volunteer {
                            id: *id,
                            branch_id,
                            status,
                            cohort: Some(c.id),
                            applied_at: c.starts_at() - Duration::days(rng.between(30, 120)),
                            trained_at: trained.then(|| c.ends_at()),
                        }
                    }
                    None => {
                        let r = rng.unit();
                        let status = if r < 0.6 {
                            VolunteerStatus::Applicant
                        } else if r < 0.85 {
                            VolunteerStatus::Approved
                        } else {
                            VolunteerStatus::Rejected
                        };
                        Volunteer {
                            id: *id,
                            branch_id,
                            status,
                            cohort: None,
                            applied_at: anchor - Duration::days(rng.between(1, 60)),
                            trained_at: None,
                        }
                    }
                };
                volunteers.push(v);
            }
        }
        volunteers.sort_by_key(|v| v.id);
        let first_branch = branches.first().map(|b| b.id);
        let named_volunteer = volunteers
            .iter()
            .find(|v| v.status == VolunteerStatus::Active && Some(v.branch_id) == first_branch)
            .or_else(|| {
                volunteers
                    .iter()
                    .find(|v| v.status == VolunteerStatus::Active)
            })
            .or(volunteers.first())
            .map_or(0, |v| v.id);
        Ok(Plan {
            anchor,
            named_coordinator: coordinators.first().map_or(0, |c| c.0),
            named_professional: professionals.first().copied().unwrap_or(0),
            named_volunteer,
            branches,
            courses,
            admin,
            coordinators,
            volunteers,
            professionals,
            sessions,
            cohort_members,
            trained_by_branch,
        })
    }

    pub fn coordinator_of(&self, branch_id: i64) -> i64 {
        self.coordinators
            .iter()
            .find(|(_, b)| b.contains(&branch_id))
            .map_or(self.admin, |c| c.0)
    }
}

fn organisation(conn: &mut DbConnection) -> anyhow::Result<Vec<Branch>> {
    let mut out = Vec::new();
    // The real organisation file, with made-up addresses and contacts.
    let org = crate::demo::org::organisation()?;
    for (n, region) in org.regions.iter().enumerate() {
        let region_id = branches::create_region(conn, &region.name, &region.slug)?;
        for (i, plan) in region.branches.iter().enumerate() {
            let (name, slug) = (plan.name.as_str(), plan.slug.as_str());
            let address = format!("Social Sundhed {name}, Hovedgaden {}", 10 + n + i);
            let id = branches::create(
                conn,
                &branches::BranchFields {
                    region_id,
                    name,
                    slug,
                    is_head_office: plan.head_office,
                    email: &format!("{slug}@brobyg.test"),
                    phone: "70 70 20 25",
                    address: &address,
                },
            )?;
            out.push(Branch {
                id,
                region_id,
                name: name.to_string(),
                address,
                weight: weight(name),
            });
        }
    }
    Ok(out)
}

fn make_courses(
    conn: &mut DbConnection,
    branches: &[Branch],
    count: usize,
) -> anyhow::Result<Vec<Course>> {
    let mut regions: Vec<i64> = branches.iter().map(|b| b.region_id).collect();
    regions.dedup();
    let mut out = Vec::new();
    for i in 0..count {
        let topic = TOPICS[i % TOPICS.len()];
        let round = i / TOPICS.len();
        // Every third course belongs to a region; the rest are national.
        let region_id = (i % 3 == 2).then(|| regions[i % regions.len()]);
        let title = if round == 0 {
            topic.to_string()
        } else {
            format!("{topic} ({}. udgave)", round + 1)
        };
        let minutes = [180i64, 210, 360, 420][i % 4];
        let fields = CourseFields {
            slug: slugify(&title),
            title: title.clone(),
            summary: format!(
                "{topic}: viden, øvelser og erfaringer fra Social Sundheds brobyggere."
            ),
            description: format!(
                "## Om kurset\n\n{topic}. Kurset veksler mellem oplæg, cases og dialog.\n\n\
                 ## Form\n\nUndervisningen foregår på holdet eller online."
            ),
            audience: AUDIENCES[i % AUDIENCES.len()],
            target_group: "sundhedsprofessionelle, socialrådgivere og studerende".into(),
            learning_goals: "- at forstå social ulighed i sundhed\n- at møde borgeren, hvor hun er"
                .into(),
            minutes: minutes as i32,
            format: if i % 5 == 4 {
                CourseFormat::Both
            } else {
                CourseFormat::Open
            },
            price_ore: [0i64, 95_000, 125_000, 250_000][i % 4],
            vat_note: "Social Sundhed er momsfritaget; prisen er uden moms.".into(),
            cancellation_terms: "Gratis afmelding indtil 14 dage før.".into(),
            late_free_if_refilled: true,
            region_id,
            // One in ten is a draft.
            published: i % 10 != 9,
        };
        let id = courses::create(conn, &fields)?;
        out.push(Course {
            id,
            title,
            region_id,
            minutes,
        });
    }
    Ok(out)
}

/// A GenLær session's course and branch: a regional course runs in one of
/// its region's branches; a national one anywhere, or nationally.
fn genlaer_place(
    rng: &mut Rng,
    courses: &[Course],
    branches: &[Branch],
    weighted: impl Fn(&mut Rng) -> usize,
) -> (Option<usize>, Option<usize>) {
    let course = rng.below(courses.len());
    let branch = match courses[course].region_id {
        Some(region) => {
            let local: Vec<usize> = (0..branches.len())
                .filter(|i| branches[*i].region_id == region)
                .collect();
            Some(*rng.pick(&local))
        }
        None if rng.chance(0.25) => None,
        None => Some(weighted(rng)),
    };
    (branch, Some(course))
}

/// The meetings of a session starting on `date` (midnight UTC). Times are
/// Copenhagen local times written as UTC an hour earlier (winter time;
/// close enough for load).
fn meetings(
    rng: &mut Rng,
    kind: SessionKind,
    date: NaiveDateTime,
    course_minutes: Option<i64>,
) -> Vec<(NaiveDateTime, NaiveDateTime)> {
    let at = |d: i64, h: i64, m: i64| date + Duration::days(d) + Duration::minutes(h * 60 + m);
    match kind {
        SessionKind::Genlaer => {
            let minutes = course_minutes.unwrap_or(210);
            // Long courses are taught over two mornings a week apart.
            if minutes > 300 {
                let half = minutes / 2;
                vec![
                    (at(0, 8, 0), at(0, 8, 0) + Duration::minutes(half)),
                    (at(7, 8, 0), at(7, 8, 0) + Duration::minutes(half)),
                ]
            } else {
                vec![(at(0, 8, 0), at(0, 8, 0) + Duration::minutes(minutes))]
            }
        }
        // Five evenings of four hours, two modules each: 20 hours.
        SessionKind::Cohort => (0..5)
            .map(|w| (at(7 * w, 16, 0), at(7 * w, 20, 0)))
            .collect(),
        SessionKind::Supervision => {
            let h = rng.between(14, 17);
            vec![(at(0, h, 0), at(0, h + 2, 0))]
        }
        SessionKind::Evening => vec![(at(0, 16, 30), at(0, 19, 30))],
        SessionKind::Duty => vec![(at(0, 8, 0), at(0, 12, 0))],
    }
}
