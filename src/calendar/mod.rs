//! iCalendar: invitations sent with emails (iTIP REQUEST and CANCEL), the
//! personal feed and the "add to calendar" download (PUBLISH). Pure
//! functions from `SessionSummary` values to text; no I/O.
//!
//! A calendar entry's UID is made from the meeting and the person
//! (`ics::uid`), so every invitation, update, cancellation, feed and download
//! about the same meeting for the same person names the same entry, forever.

pub mod feed;
pub mod ics;
