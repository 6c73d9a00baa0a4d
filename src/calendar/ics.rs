//! Building iCalendar text (RFC 5545) for invitations (RFC 5546 iTIP).
//!
//! Times are written in UTC (`...Z`): every client reads them right without
//! a VTIMEZONE, also around a daylight-saving change, and shows them in the
//! user's own zone. `ics` escapes nothing by itself, so text values go
//! through `escape_text` and parameter values are quoted here.

use chrono::NaiveDateTime;
use ics::components::{Parameter, Property};
use ics::properties::{
    Description, DtEnd, DtStart, Location, Method, Sequence, Status, Summary, Transp, URL,
};
use ics::{Event, ICalendar, escape_text};

use crate::domain::events::{CalendarMethod, MeetingInfo, SessionSummary};

pub const PRODID: &str = "-//Social Sundhed//Brobyg//DA";
/// Part of every UID. A constant rather than the site's address, which may
/// change while UIDs must not.
pub const UID_DOMAIN: &str = "brobyg.socialsundhed.dk";

/// A person in a calendar entry: the organizer or the attendee.
#[derive(Debug, Clone, Copy)]
pub struct Person<'a> {
    pub name: &'a str,
    pub email: &'a str,
}

/// The calendar UID of a meeting, for one person (`Some(user id)`) or for
/// anyone (a download without an account).
pub fn uid(meeting_id: i64, user_id: Option<i64>) -> String {
    match user_id {
        Some(u) => format!("meeting-{meeting_id}-user-{u}@{UID_DOMAIN}"),
        None => format!("meeting-{meeting_id}@{UID_DOMAIN}"),
    }
}

/// `20260330T070000Z`.
pub fn utc(at: NaiveDateTime) -> String {
    at.format("%Y%m%dT%H%M%SZ").to_string()
}

/// The iTIP method of a calendar object.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Request,
    Cancel,
    /// A feed or a download: entries to show, not a scheduling message.
    Publish,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Request => "REQUEST",
            Kind::Cancel => "CANCEL",
            Kind::Publish => "PUBLISH",
        }
    }
}

impl From<CalendarMethod> for Kind {
    fn from(m: CalendarMethod) -> Kind {
        match m {
            CalendarMethod::Request => Kind::Request,
            CalendarMethod::Cancel | CalendarMethod::CancelMeeting(_) => Kind::Cancel,
        }
    }
}

/// A parameter value in double quotes, which may not contain any.
fn quoted(value: &str) -> String {
    let clean: String = value
        .chars()
        .filter(|c| *c != '"' && !c.is_control())
        .collect();
    format!("\"{clean}\"")
}

fn person(
    key: &'static str,
    p: Person<'_>,
    extra: &[(&'static str, &'static str)],
) -> Property<'static> {
    let mut prop = Property::new(key, format!("mailto:{}", p.email));
    prop.add(Parameter::new("CN", quoted(p.name)));
    for (k, v) in extra {
        prop.add(Parameter::new(*k, *v));
    }
    prop
}

/// The session's organizer: its branch, or the national secretariat
/// (`fallback`, the site's sender) when it has none or no address.
pub fn organizer<'a>(session: &'a SessionSummary, fallback: Person<'a>) -> Person<'a> {
    match &session.organizer {
        Some(o) if o.email.contains('@') => Person {
            name: &o.name,
            email: &o.email,
        },
        _ => fallback,
    }
}

/// One VEVENT for one meeting.
fn event(
    session: &SessionSummary,
    meeting: &MeetingInfo,
    user_id: Option<i64>,
    organizer: Person<'_>,
    attendee: Option<Person<'_>>,
    cancelled: bool,
    dtstamp: NaiveDateTime,
) -> Event<'static> {
    let mut e = Event::new(uid(meeting.id, user_id), utc(dtstamp));
    e.push(Sequence::new(meeting.sequence.max(0).to_string()));
    e.push(DtStart::new(utc(meeting.starts_at)));
    e.push(DtEnd::new(utc(meeting.ends_at)));
    e.push(Summary::new(
        escape_text(session.title.clone()).into_owned(),
    ));
    // Messages queued before meetings had their own link carry only the
    // session's.
    let online = meeting.online_url.as_ref().or(session.online_url.as_ref());
    let place = if meeting.location.trim().is_empty() {
        online.cloned().unwrap_or_default()
    } else {
        meeting.location.clone()
    };
    if !place.is_empty() {
        e.push(Location::new(escape_text(place).into_owned()));
    }
    let mut description = session.url.clone();
    if let Some(online) = online {
        description.push('\n');
        description.push_str(online);
    }
    e.push(Description::new(escape_text(description).into_owned()));
    e.push(URL::new(session.url.clone()));
    e.push(person("ORGANIZER", organizer, &[]));
    if let Some(a) = attendee {
        // The seat is already confirmed: there is nothing to accept, and
        // replies would go to a branch mailbox nobody reads for them.
        e.push(person(
            "ATTENDEE",
            a,
            &[
                ("CUTYPE", "INDIVIDUAL"),
                ("ROLE", "REQ-PARTICIPANT"),
                ("PARTSTAT", "ACCEPTED"),
                ("RSVP", "FALSE"),
            ],
        ));
    }
    e.push(Status::new(if cancelled {
        "CANCELLED"
    } else {
        "CONFIRMED"
    }));
    e.push(Transp::new("OPAQUE"));
    e
}

fn calendar(kind: Kind) -> ICalendar<'static> {
    let mut cal = ICalendar::new("2.0", PRODID);
    cal.push(Property::new("CALSCALE", "GREGORIAN"));
    cal.push(Method::new(kind.as_str()));
    cal
}

/// The invitation (REQUEST) or cancellation (CANCEL) of a session's meetings
/// for one person, to go with an email. A REQUEST carries the meetings that
/// still take place; a CANCEL all of them, or the one meeting removed
/// (`CancelMeeting`). `None` when there is nothing to put in a calendar.
pub fn invitation(
    method: CalendarMethod,
    session: &SessionSummary,
    attendee: Person<'_>,
    user_id: Option<i64>,
    fallback_organizer: Person<'_>,
    dtstamp: NaiveDateTime,
) -> Option<String> {
    let kind = Kind::from(method);
    let org = organizer(session, fallback_organizer);
    let mut cal = calendar(kind);
    let mut any = false;
    let only = match method {
        CalendarMethod::CancelMeeting(id) => Some(id),
        _ => None,
    };
    for m in &session.meetings {
        if only.is_some_and(|id| id != m.id) {
            continue;
        }
        let cancelled = kind == Kind::Cancel || m.cancelled;
        if kind == Kind::Request && cancelled {
            continue;
        }
        cal.add_event(event(
            session,
            m,
            user_id,
            org,
            Some(attendee),
            cancelled,
            dtstamp,
        ));
        any = true;
    }
    any.then(|| cal.to_string())
}

/// Entries to show (PUBLISH): a feed or a download. With `owner` (the person
/// and their user id) the entries carry the same UIDs as that person's
/// invitations, so a calendar holding both shows each meeting once.
pub fn publish(
    name: &str,
    sessions: &[SessionSummary],
    owner: Option<(Person<'_>, i64)>,
    fallback_organizer: Person<'_>,
    dtstamp: NaiveDateTime,
) -> String {
    let mut cal = calendar(Kind::Publish);
    cal.push(Property::new(
        "X-WR-CALNAME",
        escape_text(name.to_string()).into_owned(),
    ));
    cal.push(Property::new("X-WR-TIMEZONE", "Europe/Copenhagen"));
    // Subscribed calendars refresh about hourly where the client lets us say.
    let mut refresh = Property::new("REFRESH-INTERVAL", "PT1H");
    refresh.add(Parameter::new("VALUE", "DURATION"));
    cal.push(refresh);
    cal.push(Property::new("X-PUBLISHED-TTL", "PT1H"));
    for session in sessions {
        let org = organizer(session, fallback_organizer);
        for m in &session.meetings {
            cal.add_event(event(
                session,
                m,
                owner.map(|(_, id)| id),
                org,
                owner.map(|(p, _)| p),
                m.cancelled,
                dtstamp,
            ));
        }
    }
    cal.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::events::samples;

    fn session() -> SessionSummary {
        samples()
            .into_iter()
            .find_map(|m| match m {
                crate::domain::events::Message::Enrolled { session, .. } => Some(session),
                _ => None,
            })
            .expect("sample")
    }

    const ME: Person<'static> = Person {
        name: "Åse \"Ø\" Ørum",
        email: "aase@example.dk",
    };
    const SITE: Person<'static> = Person {
        name: "Social Sundhed",
        email: "no-reply@brobyg.test",
    };

    fn stamp() -> NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(2026, 3, 1)
            .and_then(|d| d.and_hms_opt(12, 0, 0))
            .expect("date")
    }

    #[test]
    fn an_invitation_names_the_meeting_person_and_organizer_in_utc() {
        let text = invitation(
            CalendarMethod::Request,
            &session(),
            ME,
            Some(7),
            SITE,
            stamp(),
        )
        .expect("has meetings");
        assert!(text.starts_with("BEGIN:VCALENDAR\r\n"));
        assert!(text.contains("METHOD:REQUEST\r\n"));
        assert!(text.contains("UID:meeting-1-user-7@brobyg.socialsundhed.dk\r\n"));
        // 09:00 in Copenhagen the day after the switch to summer time.
        assert!(text.contains("DTSTART:20260330T070000Z\r\n"));
        assert!(text.contains("DTEND:20260330T100000Z\r\n"));
        assert!(text.contains("DTSTAMP:20260301T120000Z\r\n"));
        assert!(text.contains("SEQUENCE:0\r\n"));
        assert!(text.contains("ORGANIZER;CN=\"Aarhus\":mailto:aarhus@brobyg.test"));
        assert!(text.contains("ATTENDEE;CN=\"Åse Ø Ørum\";"), "{text}");
        assert!(text.contains("LOCATION:Social Sundhed\\, Åboulevarden 1\\, 8000 Aarhus C"));
        assert!(text.contains("STATUS:CONFIRMED"));
    }

    #[test]
    fn a_cancellation_keeps_the_uid_and_marks_every_meeting_cancelled() {
        let text = invitation(
            CalendarMethod::Cancel,
            &session(),
            ME,
            Some(7),
            SITE,
            stamp(),
        )
        .expect("has meetings");
        assert!(text.contains("METHOD:CANCEL\r\n"));
        assert!(text.contains("UID:meeting-1-user-7@brobyg.socialsundhed.dk\r\n"));
        assert!(text.contains("STATUS:CANCELLED"));
    }

    #[test]
    fn removing_one_meeting_cancels_that_meeting_alone() {
        let mut s = session();
        let mut other = s.meetings[0].clone();
        other.id = 2;
        s.meetings[0].cancelled = true;
        s.meetings[0].sequence = 1;
        s.meetings.push(other);
        let text = invitation(
            CalendarMethod::CancelMeeting(1),
            &s,
            ME,
            Some(7),
            SITE,
            stamp(),
        )
        .expect("has the meeting");
        assert!(text.contains("METHOD:CANCEL\r\n"));
        assert!(text.contains("UID:meeting-1-user-7@brobyg.socialsundhed.dk\r\n"));
        assert!(text.contains("SEQUENCE:1\r\n"));
        assert!(!text.contains("meeting-2-"), "{text}");
        assert_eq!(text.matches("BEGIN:VEVENT").count(), 1);
    }

    #[test]
    fn a_request_leaves_out_cancelled_meetings_and_may_be_empty() {
        let mut s = session();
        s.meetings[0].cancelled = true;
        assert_eq!(
            invitation(CalendarMethod::Request, &s, ME, Some(7), SITE, stamp()),
            None
        );
    }

    #[test]
    fn without_a_branch_the_site_organizes() {
        let mut s = session();
        s.organizer = None;
        let text = publish("Brobyg", &[s], None, SITE, stamp());
        assert!(text.contains("METHOD:PUBLISH\r\n"));
        assert!(text.contains("ORGANIZER;CN=\"Social Sundhed\":mailto:no-reply@brobyg.test"));
        assert!(text.contains("UID:meeting-1@brobyg.socialsundhed.dk\r\n"));
        assert!(!text.contains("ATTENDEE"));
    }

    #[test]
    fn text_is_escaped() {
        let mut s = session();
        s.title = "Mad; drikke, og \\ nye\nlinjer".into();
        let text = publish("Brobyg", &[s], None, SITE, stamp());
        assert!(
            text.contains("SUMMARY:Mad\\; drikke\\, og \\\\ nye\\nlinjer\r\n"),
            "{text}"
        );
    }
}
