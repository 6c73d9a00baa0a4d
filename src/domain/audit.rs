//! The audit log's vocabulary: what staff did (`Action`) and to what kind of
//! thing (`ObjectKind`). Both are stored as their codes (`db::mapping`) and
//! shown through `audit-action-{code}` / `audit-object-{code}` texts, so a
//! new action needs a code, a Danish and an English text, and nothing else.
//!
//! The log itself is written by `app::audit::record`, inside the same
//! transaction as the change it describes.

use serde::Serialize;

use super::Code;

/// One kind of staff action. Codes are stored: never rename one, add a new
/// one instead.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    // Accounts and roles.
    RoleGranted,
    RoleRevoked,
    BranchesAssigned,
    /// Regions given to a coordinator as a whole (a regional coordinator).
    RegionsAssigned,
    CoordinatorInvited,
    AccountDeactivated,
    AccountReactivated,
    /// An administrator made on the command line (`brobyg admin create`).
    AdministratorCreated,
    /// A second factor removed by staff (called by the two-factor work).
    TwoFactorReset,
    /// Brobyggere or coordinators imported from a file (one row per import).
    VolunteersImported,
    CoordinatorsImported,
    /// A welcome email with a set-password link sent to imported people.
    WelcomeSent,
    /// A person's data erased on request.
    Erasure,
    // Organisation and requirements.
    RegionCreated,
    RegionUpdated,
    BranchCreated,
    BranchUpdated,
    BranchSettingsChanged,
    DeclarationRequired,
    DeclarationPublished,
    CourseModuleEdited,
    // Volunteers.
    ApplicationIntroRecorded,
    ApplicationAccepted,
    ApplicationDeclined,
    VolunteerActivated,
    VolunteerPaused,
    VolunteerResumed,
    VolunteerRetired,
    VolunteerCheckRecorded,
    VolunteerRecordViewed,
    /// Moved to another branch (a student moving city).
    VolunteerMoved,
    // Sessions of every kind (cohorts, supervision, evenings, GenLær).
    SessionCreated,
    SessionUpdated,
    SessionCancelled,
    SessionHeld,
    MeetingAdded,
    MeetingMoved,
    MeetingRemoved,
    ParticipantsMessaged,
    ParticipantEnrolled,
    ParticipantRemoved,
    ParticipantMoved,
    AttendanceRecorded,
    SupervisionRequestScheduled,
    SupervisionRequestHandled,
    // Vagter (the duty rota).
    DutySlotAdded,
    DutySlotRemoved,
    DutyDayOffAdded,
    DutyDayOffRemoved,
    DutySettingsChanged,
    /// A coordinator released a brobygger from a vagt.
    DutyReleased,
    /// A coordinator corrected a brobygger's registered brobygning.
    BrobygningCorrected,
    // GenLær.
    CourseCreated,
    CourseUpdated,
    BookingAccepted,
    BookingDeclined,
    // Invoices.
    InvoiceCreated,
    InvoiceUpdated,
    InvoiceSent,
    InvoicePaid,
    CreditNoteCreated,
    // The site's own machinery.
    MessageRetried,
    ExportDownloaded,
    /// How long a retention rule keeps data, changed at /admin/privatliv.
    RetentionChanged,
}

impl Code for Action {
    const ALL: &'static [Action] = &[
        Action::RoleGranted,
        Action::RoleRevoked,
        Action::BranchesAssigned,
        Action::RegionsAssigned,
        Action::CoordinatorInvited,
        Action::AccountDeactivated,
        Action::AccountReactivated,
        Action::AdministratorCreated,
        Action::TwoFactorReset,
        Action::VolunteersImported,
        Action::CoordinatorsImported,
        Action::WelcomeSent,
        Action::Erasure,
        Action::RegionCreated,
        Action::RegionUpdated,
        Action::BranchCreated,
        Action::BranchUpdated,
        Action::BranchSettingsChanged,
        Action::DeclarationRequired,
        Action::DeclarationPublished,
        Action::CourseModuleEdited,
        Action::ApplicationIntroRecorded,
        Action::ApplicationAccepted,
        Action::ApplicationDeclined,
        Action::VolunteerActivated,
        Action::VolunteerPaused,
        Action::VolunteerResumed,
        Action::VolunteerRetired,
        Action::VolunteerCheckRecorded,
        Action::VolunteerRecordViewed,
        Action::VolunteerMoved,
        Action::SessionCreated,
        Action::SessionUpdated,
        Action::SessionCancelled,
        Action::SessionHeld,
        Action::MeetingAdded,
        Action::MeetingMoved,
        Action::MeetingRemoved,
        Action::ParticipantsMessaged,
        Action::ParticipantEnrolled,
        Action::ParticipantRemoved,
        Action::ParticipantMoved,
        Action::AttendanceRecorded,
        Action::SupervisionRequestScheduled,
        Action::SupervisionRequestHandled,
        Action::DutySlotAdded,
        Action::DutySlotRemoved,
        Action::DutyDayOffAdded,
        Action::DutyDayOffRemoved,
        Action::DutySettingsChanged,
        Action::DutyReleased,
        Action::BrobygningCorrected,
        Action::CourseCreated,
        Action::CourseUpdated,
        Action::BookingAccepted,
        Action::BookingDeclined,
        Action::InvoiceCreated,
        Action::InvoiceUpdated,
        Action::InvoiceSent,
        Action::InvoicePaid,
        Action::CreditNoteCreated,
        Action::MessageRetried,
        Action::ExportDownloaded,
        Action::RetentionChanged,
    ];

    fn as_str(self) -> &'static str {
        match self {
            Action::RoleGranted => "role_granted",
            Action::RoleRevoked => "role_revoked",
            Action::BranchesAssigned => "branches_assigned",
            Action::RegionsAssigned => "regions_assigned",
            Action::CoordinatorInvited => "coordinator_invited",
            Action::AccountDeactivated => "account_deactivated",
            Action::AccountReactivated => "account_reactivated",
            Action::AdministratorCreated => "administrator_created",
            Action::TwoFactorReset => "two_factor_reset",
            Action::VolunteersImported => "volunteers_imported",
            Action::CoordinatorsImported => "coordinators_imported",
            Action::WelcomeSent => "welcome_sent",
            Action::Erasure => "erasure",
            Action::RegionCreated => "region_created",
            Action::RegionUpdated => "region_updated",
            Action::BranchCreated => "branch_created",
            Action::BranchUpdated => "branch_updated",
            Action::BranchSettingsChanged => "branch_settings_changed",
            Action::DeclarationRequired => "declaration_required",
            Action::DeclarationPublished => "declaration_published",
            Action::CourseModuleEdited => "course_module_edited",
            Action::ApplicationIntroRecorded => "application_intro_recorded",
            Action::ApplicationAccepted => "application_accepted",
            Action::ApplicationDeclined => "application_declined",
            Action::VolunteerActivated => "volunteer_activated",
            Action::VolunteerPaused => "volunteer_paused",
            Action::VolunteerResumed => "volunteer_resumed",
            Action::VolunteerRetired => "volunteer_retired",
            Action::VolunteerCheckRecorded => "volunteer_check_recorded",
            Action::VolunteerRecordViewed => "volunteer_record_viewed",
            Action::VolunteerMoved => "volunteer_moved",
            Action::SessionCreated => "session_created",
            Action::SessionUpdated => "session_updated",
            Action::SessionCancelled => "session_cancelled",
            Action::SessionHeld => "session_held",
            Action::MeetingAdded => "meeting_added",
            Action::MeetingMoved => "meeting_moved",
            Action::MeetingRemoved => "meeting_removed",
            Action::ParticipantsMessaged => "participants_messaged",
            Action::ParticipantEnrolled => "participant_enrolled",
            Action::ParticipantRemoved => "participant_removed",
            Action::ParticipantMoved => "participant_moved",
            Action::AttendanceRecorded => "attendance_recorded",
            Action::SupervisionRequestScheduled => "supervision_request_scheduled",
            Action::SupervisionRequestHandled => "supervision_request_handled",
            Action::DutySlotAdded => "duty_slot_added",
            Action::DutySlotRemoved => "duty_slot_removed",
            Action::DutyDayOffAdded => "duty_day_off_added",
            Action::DutyDayOffRemoved => "duty_day_off_removed",
            Action::DutySettingsChanged => "duty_settings_changed",
            Action::DutyReleased => "duty_released",
            Action::CourseCreated => "course_created",
            Action::CourseUpdated => "course_updated",
            Action::BookingAccepted => "booking_accepted",
            Action::BookingDeclined => "booking_declined",
            Action::InvoiceCreated => "invoice_created",
            Action::InvoiceUpdated => "invoice_updated",
            Action::InvoiceSent => "invoice_sent",
            Action::InvoicePaid => "invoice_paid",
            Action::CreditNoteCreated => "credit_note_created",
            Action::MessageRetried => "message_retried",
            Action::ExportDownloaded => "export_downloaded",
            Action::BrobygningCorrected => "brobygning_corrected",
            Action::RetentionChanged => "retention_changed",
        }
    }
}

/// What an action was done to. The id (if any) is the row's id in its own
/// table; a person is a `User` whatever their role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ObjectKind {
    User,
    Application,
    Session,
    Course,
    Booking,
    Region,
    Branch,
    Message,
    SupervisionRequest,
    Declaration,
    /// A module of the preparation course (its id is text: the label).
    CourseModule,
    /// Reports without a row of their own (exports over many branches).
    SupervisionOverview,
    MailFile,
    AuditLog,
    /// A retention rule (`domain::retention::Rule`), labelled with its code.
    RetentionRule,
    /// A registered brobygning (counts only).
    Brobygning,
    /// The annual figures (a report over many rows).
    AnnualFigures,
    /// An invoice or a credit note, labelled with its number.
    Invoice,
}

impl Code for ObjectKind {
    const ALL: &'static [ObjectKind] = &[
        ObjectKind::User,
        ObjectKind::Application,
        ObjectKind::Session,
        ObjectKind::Course,
        ObjectKind::Booking,
        ObjectKind::Region,
        ObjectKind::Branch,
        ObjectKind::Message,
        ObjectKind::SupervisionRequest,
        ObjectKind::Declaration,
        ObjectKind::CourseModule,
        ObjectKind::SupervisionOverview,
        ObjectKind::MailFile,
        ObjectKind::AuditLog,
        ObjectKind::RetentionRule,
        ObjectKind::Brobygning,
        ObjectKind::AnnualFigures,
        ObjectKind::Invoice,
    ];

    fn as_str(self) -> &'static str {
        match self {
            ObjectKind::User => "user",
            ObjectKind::Application => "application",
            ObjectKind::Session => "session",
            ObjectKind::Course => "course",
            ObjectKind::Booking => "booking",
            ObjectKind::Region => "region",
            ObjectKind::Branch => "branch",
            ObjectKind::Message => "message",
            ObjectKind::SupervisionRequest => "supervision_request",
            ObjectKind::Declaration => "declaration",
            ObjectKind::CourseModule => "course_module",
            ObjectKind::SupervisionOverview => "supervision_overview",
            ObjectKind::MailFile => "mail_file",
            ObjectKind::AuditLog => "audit_log",
            ObjectKind::RetentionRule => "retention_rule",
            ObjectKind::Brobygning => "brobygning",
            ObjectKind::AnnualFigures => "annual_figures",
            ObjectKind::Invoice => "invoice",
        }
    }
}

impl ObjectKind {
    /// Where the object's page is, for the log's links; `None` for objects
    /// without a page of their own (or whose id is not known).
    pub fn path(self, id: Option<i64>) -> Option<String> {
        let id = id?;
        Some(match self {
            ObjectKind::User => format!("/admin/brugere/{id}"),
            ObjectKind::Application => format!("/koordinator/ansoegninger/{id}"),
            ObjectKind::Session => format!("/koordinator/hold/{id}"),
            ObjectKind::Course => format!("/koordinator/genlaer/kurser/{id}"),
            ObjectKind::Booking => format!("/koordinator/genlaer/bestillinger/{id}"),
            ObjectKind::Invoice => format!("/koordinator/fakturaer/{id}"),
            ObjectKind::Region => format!("/admin/regioner/{id}"),
            ObjectKind::Branch => format!("/admin/afdelinger/{id}"),
            ObjectKind::Message => format!("/admin/beskeder/{id}"),
            ObjectKind::SupervisionRequest => {
                format!("/koordinator/supervision/anmodninger/{id}")
            }
            ObjectKind::Brobygning => format!("/koordinator/brobygninger/{id}"),
            ObjectKind::Declaration
            | ObjectKind::CourseModule
            | ObjectKind::SupervisionOverview
            | ObjectKind::MailFile
            | ObjectKind::AuditLog
            | ObjectKind::RetentionRule
            | ObjectKind::AnnualFigures => return None,
        })
    }
}

/// Longest detail kept in a row: a note, not a copy of the form.
pub const DETAIL_MAX: usize = 500;

/// `text` cut to `max` characters (not bytes, so æ, ø and å stay whole),
/// with an ellipsis when something was cut.
pub fn clip(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut out: String = text.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique() {
        let mut codes: Vec<_> = Action::ALL.iter().map(|a| a.as_str()).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), Action::ALL.len());
        let mut kinds: Vec<_> = ObjectKind::ALL.iter().map(|k| k.as_str()).collect();
        kinds.sort_unstable();
        kinds.dedup();
        assert_eq!(kinds.len(), ObjectKind::ALL.len());
    }

    #[test]
    fn clipping_counts_characters() {
        assert_eq!(clip("æøå", 3), "æøå");
        assert_eq!(clip("æøåæøå", 4), "æøå…");
        assert_eq!(clip("", 4), "");
    }

    #[test]
    fn objects_with_pages_link_to_them() {
        assert_eq!(
            ObjectKind::Session.path(Some(7)).as_deref(),
            Some("/koordinator/hold/7")
        );
        assert_eq!(ObjectKind::Session.path(None), None);
        assert_eq!(ObjectKind::AuditLog.path(Some(1)), None);
    }
}
