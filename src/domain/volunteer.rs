use serde::Serialize;

/// Where a volunteer (brobygger) is on their path, from application to
/// alumni. Stored by these English codes; shown in Danish as ansøger,
/// godkendt, i uddannelse, aktiv, pause, alumne, afvist.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum VolunteerStatus {
    Applicant,
    Approved,
    InTraining,
    Active,
    Paused,
    Alumni,
    Rejected,
}

impl VolunteerStatus {
    pub const ALL: [VolunteerStatus; 7] = [
        VolunteerStatus::Applicant,
        VolunteerStatus::Approved,
        VolunteerStatus::InTraining,
        VolunteerStatus::Active,
        VolunteerStatus::Paused,
        VolunteerStatus::Alumni,
        VolunteerStatus::Rejected,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            VolunteerStatus::Applicant => "applicant",
            VolunteerStatus::Approved => "approved",
            VolunteerStatus::InTraining => "in_training",
            VolunteerStatus::Active => "active",
            VolunteerStatus::Paused => "paused",
            VolunteerStatus::Alumni => "alumni",
            VolunteerStatus::Rejected => "rejected",
        }
    }

    pub fn parse(value: &str) -> Option<VolunteerStatus> {
        VolunteerStatus::ALL
            .into_iter()
            .find(|s| s.as_str() == value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_round_trip() {
        for s in VolunteerStatus::ALL {
            assert_eq!(VolunteerStatus::parse(s.as_str()), Some(s));
        }
    }
}
