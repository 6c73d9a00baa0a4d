use crate::domain::Code;
use serde::Serialize;

/// What a user may do. A user can hold several; a coordinator's branches
/// are kept apart (`coordinator_branches`), a volunteer's in `volunteers`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Admin,
    Coordinator,
    Volunteer,
    Professional,
}

impl Code for Role {
    const ALL: &'static [Role] = &[
        Role::Admin,
        Role::Coordinator,
        Role::Volunteer,
        Role::Professional,
    ];

    fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Coordinator => "coordinator",
            Role::Volunteer => "volunteer",
            Role::Professional => "professional",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_round_trip_through_their_stored_names() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()), Some(role).copied());
        }
        assert_eq!(Role::parse("superuser"), None);
    }
}
