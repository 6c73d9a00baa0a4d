//! What the system has to tell people: the facts recorded when something
//! happens (a seat confirmed, an application accepted, supervision due),
//! each addressed to a `Recipient`. They are domain facts, not mail: storage
//! keeps them in the outbox, `mail` decides how they read and are delivered,
//! `calendar` turns their sessions into invitations.
//!
//! Links in a message are paths on the site ("/frivillig"), made absolute
//! only where a message is rendered (`Links`), so that a stored message does
//! not depend on the address the site had when it was recorded.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use crate::domain::Lang;
use crate::domain::activation::ExtraCheck;
use crate::domain::session::SessionKind;
pub use crate::domain::tasks::{DigestGroup, DigestLine};

/// Who an email goes to. The language is the recipient's own choice, so a
/// message written by a Danish coordinator reaches an English-speaking
/// volunteer in English.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Recipient {
    pub user_id: Option<i64>,
    pub email: String,
    pub name: String,
    pub language: Lang,
}

/// A user row selected as `(users::id, users::email, users::name,
/// users::language)`, the shape the queries that address several people load.
impl From<(i64, String, String, Lang)> for Recipient {
    fn from((id, email, name, language): (i64, String, String, Lang)) -> Self {
        Recipient {
            user_id: Some(id),
            email,
            name,
            language,
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
    /// Confirm a new address for an existing account; sent to that address.
    ConfirmNewEmail {
        link: String,
    },
    /// The account's address was changed to `new_email`; sent to the old
    /// address, so that its owner notices a change they did not make.
    EmailChanged {
        new_email: String,
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

    // The enrolment engine's messages, for every kind of session.
    /// A seat is confirmed (carries a calendar invitation).
    Enrolled {
        session: SessionSummary,
        /// What a GenLær enrolment adds: price, invoice, deadline, links.
        #[serde(default)]
        receipt: Option<Box<Receipt>>,
    },
    /// The session is full: the person is number `position` in the queue.
    Waitlisted {
        session: SessionSummary,
        position: i64,
        #[serde(default)]
        receipt: Option<Box<Receipt>>,
    },
    /// A seat freed and went to the person first in the queue.
    Promoted {
        session: SessionSummary,
    },
    /// The person's seat is cancelled (by them or by staff).
    EnrolmentCancelled {
        session: SessionSummary,
        by_staff: bool,
    },
    /// The person left the waiting list.
    LeftWaitlist {
        session: SessionSummary,
    },
    /// Time or place changed (an updated calendar invitation).
    SessionChanged {
        session: SessionSummary,
    },
    /// The whole session is cancelled; those who had a seat also get the
    /// calendar entries removed.
    SessionCancelled {
        session: SessionSummary,
        reason: Option<String>,
        had_seat: bool,
    },
    /// One meeting of the session is removed (the others stay): its
    /// calendar entry alone is cancelled. Which meeting is `meeting_id`.
    MeetingRemoved {
        session: SessionSummary,
        meeting_id: i64,
    },
    /// An evening the person was invited to and has not answered changed
    /// time or place: the invitation again, with what is new. No calendar
    /// entry, since they have not said yes.
    EveningChanged {
        session: SessionSummary,
        topic: String,
        speaker: String,
    },
    /// A coordinator wrote to a session's participants ("Skriv til
    /// deltagerne").
    ParticipantsMessage {
        session: SessionSummary,
        subject: String,
        body: String,
    },
    /// Two days before a meeting the person holds a seat for. Which
    /// meeting of the session is `meeting_id`.
    Reminder {
        session: SessionSummary,
        meeting_id: i64,
    },
    /// A GenLær session the person attended is held: their personal link
    /// to evaluate it (anonymously), until `expires_at` (UTC). The email
    /// also points to the certificate, so a held session sends one email.
    EvaluationInvite {
        session: SessionSummary,
        link: String,
        expires_at: NaiveDateTime,
    },

    // Brobyggere: the application and the path to active.
    /// The application arrived. A new account also gets the link that
    /// confirms its address (`verify_link`).
    ApplicationReceived {
        branch: String,
        verify_link: Option<String>,
        link: String,
    },
    ApplicationAccepted {
        branch: String,
        link: String,
    },
    ApplicationDeclined {
        branch: String,
        reason: String,
    },
    /// Attendance at a cohort meeting left modules short of their hours.
    AttendanceMissing {
        session_title: String,
        /// UTC.
        meeting_at: NaiveDateTime,
        missing: Vec<MissingModule>,
        link: String,
    },
    VolunteerActivated {
        branch: String,
        link: String,
    },
    VolunteerPaused {
        /// The last day of the pause, at noon UTC (the same date in
        /// Copenhagen all year), so that the date filters show it.
        until: NaiveDateTime,
        by_staff: bool,
        link: String,
    },
    VolunteerResumed {
        link: String,
    },
    /// To the volunteer: their pause ended on its last day and the worker
    /// made them active again. `may_work`: nothing is missing; otherwise
    /// their page lists what is (a requirement that came while they were
    /// away).
    PauseEnded {
        /// The pause's last day at noon UTC.
        until: NaiveDateTime,
        may_work: bool,
        link: String,
    },
    /// To each coordinator of the volunteer's branch: the same.
    VolunteerPauseEnded {
        volunteer: String,
        /// The pause's last day at noon UTC.
        until: NaiveDateTime,
        may_work: bool,
        link: String,
    },
    /// To a volunteer moved to another branch (a student moving city):
    /// their history, hours, declaration and supervision go with them.
    /// `kept`: sessions of the old branch they are still booked on.
    BranchMoved {
        from: String,
        to: String,
        kept: i64,
        link: String,
    },
    /// To each coordinator of the old and the new branch: the same.
    VolunteerMoved {
        volunteer: String,
        from: String,
        to: String,
        kept: i64,
        link: String,
    },
    /// To an active volunteer who does not meet a requirement their branch
    /// has just added (a børneattest): they stay active until `deadline`,
    /// after which the requirement applies to them as to anyone.
    RequirementGrace {
        check: ExtraCheck,
        branch: String,
        /// The last day of grace at noon UTC.
        deadline: NaiveDateTime,
        link: String,
    },
    /// To a volunteer who must sign a newly required version of the
    /// confidentiality declaration: its title, the last day to sign and a
    /// link to the signing page. Active volunteers keep working until then.
    DeclarationToSign {
        version: i32,
        title: String,
        /// The last day to sign at noon UTC.
        deadline: NaiveDateTime,
        /// Already active (or on a break): the deadline is their grace.
        active: bool,
        link: String,
    },

    // GenLær.
    /// An account was made for someone who enrolled or booked without one:
    /// a link to choose a password.
    AccountCreated {
        link: String,
    },
    /// A brobygger or coordinator imported from before Brobyg, welcomed
    /// when an administrator chooses to: a link to choose a password.
    ImportWelcome {
        link: String,
    },
    /// An organisation's request for an in-house course arrived.
    BookingReceived {
        booking: BookingSummary,
    },
    /// The request is accepted: the session and the private link the
    /// organisation's staff enrol through.
    BookingAccepted {
        booking: BookingSummary,
        session: SessionSummary,
        enrol_link: String,
    },
    BookingDeclined {
        booking: BookingSummary,
        reason: Option<String>,
    },

    // Supervision. Nothing about what was talked about: only that it is
    // asked for, planned or due.
    /// To each coordinator of the branch: a volunteer asks for individual
    /// supervision after a hard task.
    SupervisionRequestReceived {
        volunteer: String,
        branch: String,
        /// UTC: when the coordinators should have answered.
        respond_by: NaiveDateTime,
        link: String,
    },
    /// To the volunteer: the request is answered, with the individual
    /// session planned for them (`None`: answered another way, e.g. by
    /// phone).
    SupervisionRequestAnswered {
        session: Option<SessionSummary>,
        link: String,
    },
    /// Supervision is due within two weeks.
    SupervisionDueSoon {
        /// The due date at noon UTC (the same date in Copenhagen).
        due_on: NaiveDateTime,
        link: String,
    },
    /// The due date has passed without supervision.
    SupervisionOverdue {
        /// The due date at noon UTC.
        due_on: NaiveDateTime,
        link: String,
    },

    // Vagter (the duty rota). Nothing about a citizen: only which vagt.
    /// To the branch's other active brobyggere: a vagt is given away and is
    /// theirs if they take it first, until `until` (UTC).
    DutyOffered {
        session: SessionSummary,
        until: NaiveDateTime,
        link: String,
    },
    /// To the giver: someone took over their vagt; the calendar entry is
    /// cancelled.
    DutyHandedOver {
        session: SessionSummary,
    },
    /// To the branch's coordinators: a brobygger paused or stopped, and the
    /// coming vagter they held were released.
    DutiesReleased {
        volunteer: String,
        count: i64,
        link: String,
    },

    // Brobyggeraftener.
    /// A coordinator announced a brobyggeraften: will the volunteer come?
    /// (No calendar entry until they answer yes.)
    EveningInvitation {
        session: SessionSummary,
        topic: String,
        speaker: String,
        /// Open to active brobyggere of every branch.
        national: bool,
    },

    // Staff: what is new, and the open tasks.
    /// To the branch's coordinators: someone applied to become a brobygger.
    NewApplication {
        applicant: String,
        branch: String,
        link: String,
    },
    /// To the branch's coordinators (the administrators for a national
    /// course): an organisation asks for a GenLær course.
    NewBooking {
        booking: BookingSummary,
        branch: Option<String>,
        link: String,
    },
    /// The open tasks of a coordinator's branches (an administrator's
    /// national ones), daily or weekly as they chose.
    TaskDigest {
        groups: Vec<DigestGroup>,
        weekly: bool,
        link: String,
    },

    // Invoices.
    /// To a buyer paying by CVR (no electronic address): the invoice, or a
    /// credit note, as a PDF attached to the email.
    InvoiceIssued {
        document: crate::domain::billing::Document,
    },
}

/// A module still short of hours, as an email names it. Numbers only: the
/// email writes them the recipient's way and lets the translation choose
/// "time"/"timer".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MissingModule {
    pub order: i32,
    pub title: String,
    pub missing_minutes: i32,
}

/// An organisation's booking as its emails describe it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BookingSummary {
    pub id: i64,
    pub course_title: String,
    pub organisation: String,
    pub participants: i32,
    pub wished_from: chrono::NaiveDate,
    pub wished_to: chrono::NaiveDate,
    /// The requester's page for the booking: a path on the site.
    pub url: String,
}

/// A session as an email or calendar entry describes it, captured when the
/// message is recorded.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SessionSummary {
    pub id: i64,
    pub kind: SessionKind,
    pub title: String,
    pub location: String,
    pub online_url: Option<String>,
    /// The session's page: a path on the site (`Links` makes it absolute).
    pub url: String,
    /// Who arranges it: the branch (name and address), or the national
    /// secretariat when `None`.
    pub organizer: Option<Organizer>,
    pub meetings: Vec<MeetingInfo>,
}

/// The confirmation of a GenLær enrolment beyond the session itself, the
/// same on the thank-you page and in the email: what it costs, who is
/// invoiced, until when it can be cancelled and where, the calendar file,
/// and, for an account made by this enrolment, the link to choose a
/// password (so that one message carries both).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Receipt {
    /// Per participant, in øre.
    pub price_ore: i64,
    pub vat_note: String,
    pub invoice_kind: crate::domain::invoice::InvoiceKind,
    pub ean: Option<String>,
    pub cvr: Option<String>,
    pub invoice_address: Option<String>,
    pub reference: Option<String>,
    /// UTC; `None` when the seat can be cancelled until the start.
    pub cancel_deadline: Option<NaiveDateTime>,
    /// Where the seat is cancelled (or the queue left): a path.
    pub cancel_url: String,
    /// The session's "add to calendar" file: a path.
    pub calendar_url: String,
    /// A new account's link to choose a password.
    pub account_link: Option<String>,
}

impl Receipt {
    fn links_mut(&mut self) -> impl Iterator<Item = &mut String> {
        [&mut self.cancel_url, &mut self.calendar_url]
            .into_iter()
            .chain(self.account_link.as_mut())
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Organizer {
    pub name: String,
    pub email: String,
    pub phone: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MeetingInfo {
    pub id: i64,
    /// UTC.
    pub starts_at: NaiveDateTime,
    /// UTC.
    pub ends_at: NaiveDateTime,
    pub location: String,
    /// Its online link, or the session's. Messages queued before meetings
    /// had links lack it.
    #[serde(default)]
    pub online_url: Option<String>,
    /// iCalendar SEQUENCE of this meeting.
    pub sequence: i32,
    pub cancelled: bool,
}

/// What a message does to the recipient's calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CalendarMethod {
    /// Add or update the meetings (iTIP REQUEST).
    Request,
    /// Remove them (iTIP CANCEL).
    Cancel,
    /// Remove this meeting alone (iTIP CANCEL of one VEVENT); the others
    /// stay in the calendar as they are.
    CancelMeeting(i64),
}

/// Makes the paths that messages hold into absolute links, with the site's
/// address as configured now. Built once from the settings; used wherever a
/// message leaves the site (email, invitation, feed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Links {
    base: String,
}

impl Links {
    pub fn new(base_url: &str) -> Links {
        Links {
            base: base_url.trim_end_matches('/').to_string(),
        }
    }

    /// `path` on this site. A link that is already absolute (a message
    /// recorded before messages held paths) is kept as it is.
    pub fn absolute(&self, path: &str) -> String {
        if path.starts_with("http://") || path.starts_with("https://") {
            path.to_string()
        } else {
            format!("{}{}", self.base, path)
        }
    }

    fn make_absolute(&self, link: &mut String) {
        if !link.starts_with("http://") && !link.starts_with("https://") {
            link.insert_str(0, &self.base);
        }
    }
}

impl SessionSummary {
    /// The summary with its page as an absolute link.
    pub fn with_absolute_links(mut self, links: &Links) -> SessionSummary {
        links.make_absolute(&mut self.url);
        self
    }
}

impl Message {
    /// The message with every link it holds made absolute.
    pub fn with_absolute_links(mut self, links: &Links) -> Message {
        for link in self.links_mut() {
            links.make_absolute(link);
        }
        self
    }

    /// Every link the message holds, for `with_absolute_links`. The match
    /// names every variant, so a new message with links cannot be missed.
    fn links_mut(&mut self) -> Vec<&mut String> {
        match self {
            Message::VerifyEmail { link }
            | Message::ResetPassword { link }
            | Message::ConfirmNewEmail { link }
            | Message::Invitation { link, .. }
            | Message::CoordinatorAssigned { link, .. }
            | Message::ApplicationAccepted { link, .. }
            | Message::VolunteerActivated { link, .. }
            | Message::VolunteerPaused { link, .. }
            | Message::VolunteerResumed { link }
            | Message::PauseEnded { link, .. }
            | Message::VolunteerPauseEnded { link, .. }
            | Message::BranchMoved { link, .. }
            | Message::VolunteerMoved { link, .. }
            | Message::RequirementGrace { link, .. }
            | Message::DeclarationToSign { link, .. }
            | Message::AttendanceMissing { link, .. }
            | Message::AccountCreated { link }
            | Message::ImportWelcome { link }
            | Message::SupervisionRequestReceived { link, .. }
            | Message::SupervisionDueSoon { link, .. }
            | Message::SupervisionOverdue { link, .. }
            | Message::DutiesReleased { link, .. }
            | Message::NewApplication { link, .. } => vec![link],
            Message::NewBooking { booking, link, .. } => vec![&mut booking.url, link],
            Message::TaskDigest { groups, link, .. } => groups
                .iter_mut()
                .flat_map(|g| {
                    g.lines
                        .iter_mut()
                        .map(|l| &mut l.link)
                        .chain(g.more.iter_mut())
                })
                .chain([link])
                .collect(),
            Message::AccountExists {
                login_link,
                reset_link,
            } => vec![login_link, reset_link],
            Message::ApplicationReceived {
                verify_link, link, ..
            } => verify_link.iter_mut().chain([link]).collect(),
            Message::ApplicationDeclined { .. }
            | Message::EmailChanged { .. }
            | Message::InvoiceIssued { .. } => Vec::new(),
            Message::Enrolled { session, receipt }
            | Message::Waitlisted {
                session, receipt, ..
            } => std::iter::once(&mut session.url)
                .chain(receipt.iter_mut().flat_map(|r| r.links_mut()))
                .collect(),
            Message::Promoted { session }
            | Message::EnrolmentCancelled { session, .. }
            | Message::LeftWaitlist { session }
            | Message::SessionChanged { session }
            | Message::SessionCancelled { session, .. }
            | Message::MeetingRemoved { session, .. }
            | Message::EveningChanged { session, .. }
            | Message::ParticipantsMessage { session, .. }
            | Message::Reminder { session, .. }
            | Message::EveningInvitation { session, .. }
            | Message::DutyHandedOver { session } => vec![&mut session.url],
            Message::DutyOffered { session, link, .. } => vec![&mut session.url, link],
            Message::EvaluationInvite { session, link, .. } => vec![&mut session.url, link],
            Message::BookingReceived { booking } | Message::BookingDeclined { booking, .. } => {
                vec![&mut booking.url]
            }
            Message::BookingAccepted {
                booking,
                session,
                enrol_link,
            } => vec![&mut booking.url, &mut session.url, enrol_link],
            Message::SupervisionRequestAnswered { session, link } => session
                .iter_mut()
                .map(|s| &mut s.url)
                .chain([link])
                .collect(),
        }
    }

    pub fn kind(&self) -> &'static str {
        match self {
            Message::VerifyEmail { .. } => "verify_email",
            Message::AccountExists { .. } => "account_exists",
            Message::ResetPassword { .. } => "reset_password",
            Message::ConfirmNewEmail { .. } => "confirm_new_email",
            Message::EmailChanged { .. } => "email_changed",
            Message::Invitation { .. } => "invitation",
            Message::CoordinatorAssigned { .. } => "coordinator_assigned",
            Message::Enrolled { .. } => "enrolled",
            Message::Waitlisted { .. } => "waitlisted",
            Message::Promoted { .. } => "promoted",
            Message::EnrolmentCancelled { .. } => "enrolment_cancelled",
            Message::LeftWaitlist { .. } => "left_waitlist",
            Message::SessionChanged { .. } => "session_changed",
            Message::SessionCancelled { .. } => "session_cancelled",
            Message::MeetingRemoved { .. } => "meeting_removed",
            Message::EveningChanged { .. } => "evening_changed",
            Message::ParticipantsMessage { .. } => "participants_message",
            Message::ApplicationReceived { .. } => "application_received",
            Message::ApplicationAccepted { .. } => "application_accepted",
            Message::ApplicationDeclined { .. } => "application_declined",
            Message::AttendanceMissing { .. } => "attendance_missing",
            Message::VolunteerActivated { .. } => "volunteer_activated",
            Message::VolunteerPaused { .. } => "volunteer_paused",
            Message::VolunteerResumed { .. } => "volunteer_resumed",
            Message::PauseEnded { .. } => "pause_ended",
            Message::VolunteerPauseEnded { .. } => "volunteer_pause_ended",
            Message::BranchMoved { .. } => "branch_moved",
            Message::VolunteerMoved { .. } => "volunteer_moved",
            Message::RequirementGrace { .. } => "requirement_grace",
            Message::DeclarationToSign { .. } => "declaration_to_sign",
            Message::Reminder { .. } => "reminder",
            Message::EvaluationInvite { .. } => "evaluation_invite",
            Message::AccountCreated { .. } => "account_created",
            Message::ImportWelcome { .. } => "import_welcome",
            Message::BookingReceived { .. } => "booking_received",
            Message::BookingAccepted { .. } => "booking_accepted",
            Message::BookingDeclined { .. } => "booking_declined",
            Message::SupervisionRequestReceived { .. } => "supervision_request_received",
            Message::SupervisionRequestAnswered { .. } => "supervision_request_answered",
            Message::SupervisionDueSoon { .. } => "supervision_due_soon",
            Message::SupervisionOverdue { .. } => "supervision_overdue",
            Message::EveningInvitation { .. } => "evening_invitation",
            Message::DutyOffered { .. } => "duty_offered",
            Message::DutyHandedOver { .. } => "duty_handed_over",
            Message::DutiesReleased { .. } => "duties_released",
            Message::NewApplication { .. } => "new_application",
            Message::NewBooking { .. } => "new_booking",
            Message::TaskDigest { .. } => "task_digest",
            Message::InvoiceIssued { .. } => "invoice_issued",
        }
    }

    /// The session the message is about, if any.
    pub fn session(&self) -> Option<&SessionSummary> {
        match self {
            Message::Enrolled { session, .. }
            | Message::Waitlisted { session, .. }
            | Message::Promoted { session }
            | Message::EnrolmentCancelled { session, .. }
            | Message::LeftWaitlist { session }
            | Message::SessionChanged { session }
            | Message::SessionCancelled { session, .. }
            | Message::MeetingRemoved { session, .. }
            | Message::EveningChanged { session, .. }
            | Message::ParticipantsMessage { session, .. }
            | Message::Reminder { session, .. }
            | Message::EveningInvitation { session, .. }
            | Message::EvaluationInvite { session, .. }
            | Message::DutyOffered { session, .. }
            | Message::DutyHandedOver { session } => Some(session),
            _ => None,
        }
    }

    /// The calendar change this message carries, if any.
    pub fn calendar(&self) -> Option<(CalendarMethod, &SessionSummary)> {
        match self {
            Message::Enrolled { session, .. }
            | Message::Promoted { session }
            | Message::SessionChanged { session } => Some((CalendarMethod::Request, session)),
            Message::EnrolmentCancelled { session, .. }
            | Message::DutyHandedOver { session }
            | Message::SessionCancelled {
                session,
                had_seat: true,
                ..
            } => Some((CalendarMethod::Cancel, session)),
            Message::MeetingRemoved {
                session,
                meeting_id,
            } => Some((CalendarMethod::CancelMeeting(*meeting_id), session)),
            _ => None,
        }
    }
}

/// A GenLær receipt for `samples`: a private workplace's invoice, and for
/// a new account (`new_account`) the link to choose a password.
fn sample_receipt(session: &SessionSummary, new_account: bool) -> Receipt {
    Receipt {
        price_ore: 150_000,
        vat_note: "momsfrit".into(),
        invoice_kind: crate::domain::invoice::InvoiceKind::Cvr,
        ean: None,
        cvr: Some("12345678".into()),
        invoice_address: Some("Eksempel ApS\nVestergade 1\n8000 Aarhus C".into()),
        reference: Some("PO-2026-17".into()),
        cancel_deadline: session
            .meetings
            .first()
            .map(|m| m.starts_at - chrono::Duration::days(14)),
        cancel_url: "/genlaer/mine-kurser".into(),
        calendar_url: format!("/kalender/hold/{}.ics", session.id),
        account_link: new_account.then(|| "/konto/vaelg-adgangskode/eksempel".into()),
    }
}

/// One message of every kind, for tests of rendering and delivery.
#[doc(hidden)]
pub fn samples() -> Vec<Message> {
    use chrono::NaiveDate;
    let at = |d: u32, h: u32| {
        NaiveDate::from_ymd_opt(2026, 3, d)
            .and_then(|d| d.and_hms_opt(h, 0, 0))
            .unwrap_or_default()
    };
    let session = SessionSummary {
        id: 42,
        kind: SessionKind::Genlaer,
        title: "LGBT+ venlig praksis i sundhedsvæsenet".into(),
        location: "Social Sundhed, Åboulevarden 1, 8000 Aarhus C".into(),
        online_url: None,
        url: "/genlaer/hold/42".into(),
        organizer: Some(Organizer {
            name: "Aarhus".into(),
            email: "aarhus@brobyg.test".into(),
            phone: "70 70 20 25".into(),
        }),
        meetings: vec![
            // The day after the switch to summer time (29 March 2026).
            MeetingInfo {
                id: 1,
                starts_at: at(30, 7),
                ends_at: at(30, 10),
                location: "Social Sundhed, Åboulevarden 1, 8000 Aarhus C".into(),
                online_url: None,
                sequence: 0,
                cancelled: false,
            },
        ],
    };
    let supervision = session.clone();
    let duty = SessionSummary {
        id: 44,
        kind: SessionKind::Duty,
        title: "Vagt: Sundhedsbrobygning".into(),
        location: "Rådgivningstelefonen, Aarhus".into(),
        url: "/vagter/44".into(),
        meetings: vec![MeetingInfo {
            id: 4,
            starts_at: at(9, 7),
            ends_at: at(9, 11),
            location: "Rådgivningstelefonen, Aarhus".into(),
            online_url: None,
            sequence: 0,
            cancelled: false,
        }],
        ..session.clone()
    };
    let evening_base = session.clone();
    let session_for_evening = session.clone();
    let booking = BookingSummary {
        id: 7,
        course_title: "Social ulighed i sundhed for visitatorer".into(),
        organisation: "Præhospitalet, Region Midtjylland".into(),
        participants: 18,
        wished_from: NaiveDate::from_ymd_opt(2026, 4, 1).unwrap_or_default(),
        wished_to: NaiveDate::from_ymd_opt(2026, 5, 31).unwrap_or_default(),
        url: "/genlaer/bestillinger/7".into(),
    };
    let link = "/konto/x".to_string();
    let branches = vec!["Aarhus".to_string(), "Randers".to_string()];
    vec![
        Message::VerifyEmail { link: link.clone() },
        Message::AccountExists {
            login_link: link.clone(),
            reset_link: link.clone(),
        },
        Message::ResetPassword { link: link.clone() },
        Message::ConfirmNewEmail { link: link.clone() },
        Message::EmailChanged {
            new_email: "ny.adresse@example.dk".into(),
        },
        Message::Invitation {
            link: link.clone(),
            branches: branches.clone(),
        },
        Message::CoordinatorAssigned { link, branches },
        Message::Enrolled {
            session: session.clone(),
            receipt: Some(Box::new(sample_receipt(&session, true))),
        },
        Message::Waitlisted {
            session: session.clone(),
            position: 3,
            receipt: Some(Box::new(sample_receipt(&session, false))),
        },
        Message::Promoted {
            session: session.clone(),
        },
        Message::EnrolmentCancelled {
            session: session.clone(),
            by_staff: true,
        },
        Message::LeftWaitlist {
            session: session.clone(),
        },
        Message::SessionChanged {
            session: session.clone(),
        },
        Message::SessionCancelled {
            session: session.clone(),
            reason: Some("Underviseren er syg".into()),
            had_seat: true,
        },
        Message::MeetingRemoved {
            session: SessionSummary {
                meetings: vec![
                    MeetingInfo {
                        sequence: 1,
                        cancelled: true,
                        ..session.meetings[0].clone()
                    },
                    MeetingInfo {
                        id: 3,
                        starts_at: at(31, 7),
                        ends_at: at(31, 10),
                        // An added meeting held online shows its own link.
                        online_url: Some("https://møde.socialsundhed.test/genlaer-ekstra".into()),
                        ..session.meetings[0].clone()
                    },
                ],
                ..session.clone()
            },
            meeting_id: 1,
        },
        Message::ParticipantsMessage {
            session: session.clone(),
            subject: "Husk at tage frokost med".into(),
            body: "Kære alle\n\nVi holder en lang dag, så tag gerne frokost med.\n\nVenlig hilsen\nAarhus".into(),
        },
        Message::ApplicationReceived {
            branch: "Aarhus".into(),
            verify_link: Some("/konto/bekraeft/x".into()),
            link: "/frivillig".into(),
        },
        Message::ApplicationAccepted {
            branch: "Aarhus".into(),
            link: "/frivillig".into(),
        },
        Message::ApplicationDeclined {
            branch: "Aarhus".into(),
            reason: "Vi har ikke plads på holdene i dette semester.".into(),
        },
        Message::AttendanceMissing {
            session_title: "Forberedelseskursus, Aarhus efterår".into(),
            meeting_at: at(30, 15),
            missing: vec![MissingModule {
                order: 5,
                title: "Tavshedspligt og etik".into(),
                missing_minutes: 120,
            }],
            link: "/frivillig".into(),
        },
        Message::VolunteerActivated {
            branch: "Aarhus".into(),
            link: "/frivillig".into(),
        },
        Message::VolunteerPaused {
            until: at(31, 12),
            by_staff: false,
            link: "/frivillig".into(),
        },
        Message::VolunteerResumed {
            link: "/frivillig".into(),
        },
        Message::PauseEnded {
            until: at(29, 12),
            may_work: false,
            link: "/frivillig".into(),
        },
        Message::VolunteerPauseEnded {
            volunteer: "Sofie Brobygger".into(),
            until: at(29, 12),
            may_work: true,
            link: "/koordinator/brobyggere/7".into(),
        },
        Message::BranchMoved {
            from: "Aarhus".into(),
            to: "Randers".into(),
            kept: 1,
            link: "/frivillig".into(),
        },
        Message::VolunteerMoved {
            volunteer: "Sofie Brobygger".into(),
            from: "Aarhus".into(),
            to: "Randers".into(),
            kept: 0,
            link: "/koordinator/brobyggere/7".into(),
        },
        Message::RequirementGrace {
            check: ExtraCheck::ChildCertificate,
            branch: "Aarhus".into(),
            deadline: at(31, 12),
            link: "/frivillig".into(),
        },
        Message::DeclarationToSign {
            version: 3,
            title: "Tavshedserklæring for brobyggere i Social Sundhed".into(),
            deadline: at(31, 12),
            active: true,
            link: "/frivillig/tavshedserklaering".into(),
        },
        Message::Reminder {
            session: session.clone(),
            meeting_id: 1,
        },
        Message::EvaluationInvite {
            session: session.clone(),
            link: "/evaluering/eksempel".into(),
            expires_at: at(30, 10) + chrono::Duration::days(60),
        },
        Message::AccountCreated {
            link: "/konto/velkommen/x".into(),
        },
        Message::ImportWelcome {
            link: "/konto/velkommen/x".into(),
        },
        Message::BookingReceived {
            booking: booking.clone(),
        },
        Message::BookingAccepted {
            booking: booking.clone(),
            session,
            enrol_link: "/genlaer/tilmelding/x".into(),
        },
        Message::BookingDeclined {
            booking,
            reason: Some("Vi har ikke undervisere ledige i perioden".into()),
        },
        Message::SupervisionRequestReceived {
            volunteer: "Sofie Brobygger".into(),
            branch: "Aarhus".into(),
            respond_by: at(30, 14),
            link: "/koordinator/supervision/anmodninger".into(),
        },
        Message::SupervisionRequestAnswered {
            session: Some(SessionSummary {
                kind: SessionKind::Supervision,
                title: "Individuel supervision".into(),
                url: "/supervision/43".into(),
                id: 43,
                ..supervision.clone()
            }),
            link: "/supervision".into(),
        },
        Message::SupervisionDueSoon {
            due_on: at(31, 12),
            link: "/supervision".into(),
        },
        Message::SupervisionOverdue {
            due_on: at(2, 12),
            link: "/supervision".into(),
        },
        Message::DutyOffered {
            session: duty.clone(),
            until: at(7, 7),
            link: "/vagter".into(),
        },
        Message::DutyHandedOver {
            session: duty.clone(),
        },
        Message::DutiesReleased {
            volunteer: "Sofie Brobygger".into(),
            count: 2,
            link: "/koordinator/brobyggere/7".into(),
        },
        Message::EveningInvitation {
            session: SessionSummary {
                id: 43,
                kind: SessionKind::Evening,
                title: "Brobyggeraften: Sundhedsvæsenet set fra borgerens side".into(),
                url: "/aftener/43".into(),
                meetings: vec![MeetingInfo {
                    id: 2,
                    starts_at: at(30, 16),
                    ends_at: at(30, 18),
                    location: "Social Sundhed, Åboulevarden 1, 8000 Aarhus C".into(),
                    online_url: None,
                    sequence: 0,
                    cancelled: false,
                }],
                ..evening_base
            },
            topic: "Sundhedsvæsenet set fra borgerens side".into(),
            speaker: "Mette Holm, sygeplejerske".into(),
            national: false,
        },
        Message::NewApplication {
            applicant: "Sofie Brobygger".into(),
            branch: "Aarhus".into(),
            link: "/koordinator/ansoegninger/12".into(),
        },
        Message::NewBooking {
            booking: BookingSummary {
                id: 7,
                course_title: "LGBT+ venlig praksis i sundhedsvæsenet".into(),
                organisation: "Aarhus Universitetshospital".into(),
                participants: 18,
                wished_from: NaiveDate::from_ymd_opt(2026, 4, 1).unwrap_or_default(),
                wished_to: NaiveDate::from_ymd_opt(2026, 5, 31).unwrap_or_default(),
                url: "/genlaer/bestillinger/7".into(),
            },
            branch: Some("Aarhus".into()),
            link: "/koordinator/genlaer/bestillinger/7".into(),
        },
        Message::TaskDigest {
            groups: vec![
                crate::domain::tasks::DigestGroup {
                    kind: crate::domain::tasks::TaskKind::SupervisionRequest,
                    total: 1,
                    lines: vec![crate::domain::tasks::DigestLine {
                        subject: "Sofie Brobygger".into(),
                        detail: None,
                        branch: Some("Aarhus".into()),
                        due: Some(at(4, 14)),
                        late: false,
                        link: "/koordinator/supervision/anmodninger/3".into(),
                    }],
                    more: None,
                },
                crate::domain::tasks::DigestGroup {
                    kind: crate::domain::tasks::TaskKind::Attendance,
                    total: 7,
                    lines: vec![crate::domain::tasks::DigestLine {
                        subject: "Forberedelseskursus, efterår".into(),
                        detail: None,
                        branch: Some("Aarhus".into()),
                        due: None,
                        late: false,
                        link: "/koordinator/hold/5/moeder/9/fremmoede".into(),
                    }],
                    more: Some("/koordinator#opgaver".into()),
                },
            ],
            weekly: true,
            link: "/koordinator".into(),
        },
        Message::EveningChanged {
            session: SessionSummary {
                id: 43,
                kind: SessionKind::Evening,
                title: "Brobyggeraften: Sundhedsvæsenet set fra borgerens side".into(),
                url: "/aftener/43".into(),
                meetings: vec![MeetingInfo {
                    id: 2,
                    starts_at: at(31, 16),
                    ends_at: at(31, 18),
                    location: "Social Sundhed, Åboulevarden 1, 8000 Aarhus C".into(),
                    online_url: None,
                    sequence: 1,
                    cancelled: false,
                }],
                ..session_for_evening
            },
            topic: "Sundhedsvæsenet set fra borgerens side".into(),
            speaker: "Mette Holm, sygeplejerske".into(),
        },
        Message::InvoiceIssued {
            document: crate::domain::billing::sample_document(),
        },
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_round_trip_through_their_stored_form() {
        let m = Message::Invitation {
            link: "/konto/invitation/abc".into(),
            branches: vec!["Aarhus".into(), "Randers".into()],
        };
        let json = serde_json::to_string(&m).expect("serialise");
        assert!(json.contains("\"kind\":\"invitation\""));
        assert_eq!(serde_json::from_str::<Message>(&json).expect("parse"), m);
    }

    #[test]
    fn links_become_absolute_where_a_message_leaves_the_site() {
        let links = Links::new("https://brobyg.example/");
        let sample = samples()
            .into_iter()
            .find(|m| m.kind() == "booking_accepted")
            .expect("sample");
        let Message::BookingAccepted {
            booking,
            session,
            enrol_link,
        } = sample.with_absolute_links(&links)
        else {
            panic!("same kind");
        };
        assert_eq!(booking.url, "https://brobyg.example/genlaer/bestillinger/7");
        assert_eq!(session.url, "https://brobyg.example/genlaer/hold/42");
        assert_eq!(enrol_link, "https://brobyg.example/genlaer/tilmelding/x");
    }

    #[test]
    fn every_stored_link_is_a_path_and_old_absolute_ones_stay() {
        let links = Links::new("https://brobyg.example");
        for message in samples() {
            let mut m = message.clone();
            for link in m.links_mut() {
                assert!(link.starts_with('/'), "{}: {link}", message.kind());
            }
        }
        assert_eq!(
            links.absolute("http://old.example/frivillig"),
            "http://old.example/frivillig"
        );
        assert_eq!(
            links.absolute("/frivillig"),
            "https://brobyg.example/frivillig"
        );
    }
}
