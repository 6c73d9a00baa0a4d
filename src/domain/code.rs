//! Closed sets of values that are stored, submitted and shown by a short
//! code ("open", "in_training"): statuses, kinds, formats. Each set writes
//! its codes once (`as_str`); reading one back is the same for all of them,
//! and anything else is `None`, never a silent default.
//!
//! The codes are also what the sets serialise to (serde's `snake_case`), so
//! templates and stored messages see the same words as the database; the
//! tests below hold every set to that.

pub trait Code: Copy + Eq + 'static {
    /// Every value, in the order lists and forms show them.
    const ALL: &'static [Self];

    /// The code, as stored and submitted.
    fn as_str(self) -> &'static str;

    /// The value with this code; `None` for anything else.
    fn parse(code: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|v| v.as_str() == code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{
        Lang, Role, activation, application, attendance, audit, brobygning, enrolment, evening,
        genlaer, invoice, retention, session, supervision, volunteer,
    };

    /// Every value serialises to its code and its code reads back.
    fn consistent<T: Code + serde::Serialize + std::fmt::Debug>() {
        for &v in T::ALL {
            let json = serde_json::to_value(v).expect("serialise");
            assert_eq!(json.as_str(), Some(v.as_str()), "{v:?}");
            assert_eq!(T::parse(v.as_str()), Some(v));
        }
        assert_eq!(T::parse("no-such-code"), None);
    }

    #[test]
    fn every_set_serialises_as_its_codes() {
        consistent::<Lang>();
        consistent::<Role>();
        consistent::<session::SessionKind>();
        consistent::<session::SessionStatus>();
        consistent::<enrolment::EnrolmentStatus>();
        consistent::<attendance::AttendanceStatus>();
        consistent::<volunteer::VolunteerStatus>();
        consistent::<application::ApplicationStatus>();
        consistent::<activation::ExtraCheck>();
        consistent::<supervision::Format>();
        consistent::<supervision::SupervisorKind>();
        consistent::<supervision::RequestStatus>();
        consistent::<supervision::Standing>();
        consistent::<genlaer::Audience>();
        consistent::<genlaer::CourseFormat>();
        consistent::<genlaer::BookingStatus>();
        consistent::<genlaer::OrganisationKind>();
        consistent::<invoice::InvoiceKind>();
        consistent::<crate::domain::evaluation::Question>();
        consistent::<evening::EveningKind>();
        consistent::<evening::Answer>();
        consistent::<audit::Action>();
        consistent::<audit::ObjectKind>();
        consistent::<retention::Rule>();
        consistent::<brobygning::Programme>();
    }
}
