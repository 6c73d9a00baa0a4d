use serde::{Deserialize, Serialize};

use crate::db::users::User;

/// Who an email goes to. The language is the recipient's own choice, so a
/// message written by a Danish coordinator reaches an English-speaking
/// volunteer in English.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Recipient {
    pub user_id: Option<i64>,
    pub email: String,
    pub name: String,
    pub language: String,
}

impl From<&User> for Recipient {
    fn from(u: &User) -> Self {
        Recipient {
            user_id: Some(u.id),
            email: u.email.clone(),
            name: u.name.clone(),
            language: u.language.clone(),
        }
    }
}

/// Everything an email needs, captured when the event happens, so that the
/// text describes the world as it was then even if it is sent later. Each
/// variant has templates `templates/emails/<kind>.{txt,html}` and a subject
/// `email-<kind>-subject` in the locale files.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Message {
    /// Confirm the address of a new account.
    VerifyEmail {
        link: String,
    },
    /// Someone tried to sign up with an address that already has an account:
    /// the owner is told, the person at the form learns nothing.
    AccountExists {
        login_link: String,
        reset_link: String,
    },
    ResetPassword {
        link: String,
    },
    /// An administrator invited a new coordinator.
    Invitation {
        link: String,
        branches: Vec<String>,
    },
    /// An existing user was made coordinator for these branches.
    CoordinatorAssigned {
        link: String,
        branches: Vec<String>,
    },
}

impl Message {
    pub fn kind(&self) -> &'static str {
        match self {
            Message::VerifyEmail { .. } => "verify_email",
            Message::AccountExists { .. } => "account_exists",
            Message::ResetPassword { .. } => "reset_password",
            Message::Invitation { .. } => "invitation",
            Message::CoordinatorAssigned { .. } => "coordinator_assigned",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_round_trip_through_their_stored_form() {
        let m = Message::Invitation {
            link: "https://brobyg.test/konto/invitation/abc".into(),
            branches: vec!["Aarhus".into(), "Randers".into()],
        };
        let json = serde_json::to_string(&m).expect("serialise");
        assert!(json.contains("\"kind\":\"invitation\""));
        assert_eq!(serde_json::from_str::<Message>(&json).expect("parse"), m);
    }
}
