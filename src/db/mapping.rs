//! How the domain's closed sets of values (`domain::Code`: statuses, kinds,
//! formats, roles, languages) are stored: as their text code, on both
//! databases. Written once here for every set, so that row structs and
//! queries use the domain types themselves; a code the program does not
//! know is an error when the row is read, never a silent default.

use diesel::backend::Backend;
use diesel::deserialize::{self, FromSql};
use diesel::pg::Pg;
use diesel::serialize::{self, Output, ToSql};
use diesel::sql_types::Text;
use diesel::sqlite::Sqlite;

use super::DbConnection;
use crate::domain::Code;

/// The backend of the multi-connection (SQLite or PostgreSQL at run time).
type Multi = <DbConnection as diesel::Connection>::Backend;

/// The value of a stored code, or an error naming the type and the code.
fn decode<T: Code>(code: &str) -> deserialize::Result<T> {
    T::parse(code).ok_or_else(|| {
        format!(
            "unknown {} {code:?} in the database",
            std::any::type_name::<T>()
        )
        .into()
    })
}

/// A text column holding the codes of `$t`. The proxy struct only carries
/// diesel's derives (`foreign_derive`), so the domain types stay free of
/// storage attributes.
macro_rules! text_column {
    ($($t:ty),* $(,)?) => {$(
        const _: () = {
            #[derive(diesel::AsExpression, diesel::FromSqlRow)]
            #[diesel(foreign_derive, sql_type = Text)]
            #[allow(dead_code)]
            struct Column($t);

            impl FromSql<Text, Sqlite> for $t {
                fn from_sql(bytes: <Sqlite as Backend>::RawValue<'_>) -> deserialize::Result<Self> {
                    decode(&<String as FromSql<Text, Sqlite>>::from_sql(bytes)?)
                }
            }

            impl FromSql<Text, Pg> for $t {
                fn from_sql(bytes: <Pg as Backend>::RawValue<'_>) -> deserialize::Result<Self> {
                    decode(&<String as FromSql<Text, Pg>>::from_sql(bytes)?)
                }
            }

            impl FromSql<Text, Multi> for $t {
                fn from_sql(bytes: <Multi as Backend>::RawValue<'_>) -> deserialize::Result<Self> {
                    bytes.from_sql::<Self, Text>()
                }
            }

            impl ToSql<Text, Sqlite> for $t {
                fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, Sqlite>) -> serialize::Result {
                    <str as ToSql<Text, Sqlite>>::to_sql(self.as_str(), out)
                }
            }

            impl ToSql<Text, Pg> for $t {
                fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, Pg>) -> serialize::Result {
                    <str as ToSql<Text, Pg>>::to_sql(self.as_str(), out)
                }
            }

            impl ToSql<Text, Multi> for $t {
                fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, Multi>) -> serialize::Result {
                    <str as ToSql<Text, Multi>>::to_sql(self.as_str(), out)
                }
            }
        };
    )*};
}

text_column!(
    crate::domain::Lang,
    crate::domain::Role,
    crate::domain::session::SessionKind,
    crate::domain::session::SessionStatus,
    crate::domain::enrolment::EnrolmentStatus,
    crate::domain::attendance::AttendanceStatus,
    crate::domain::volunteer::VolunteerStatus,
    crate::domain::application::ApplicationStatus,
    crate::domain::activation::ExtraCheck,
    crate::domain::supervision::Format,
    crate::domain::supervision::SupervisorKind,
    crate::domain::supervision::RequestStatus,
    crate::domain::supervision::Standing,
    crate::domain::genlaer::Audience,
    crate::domain::genlaer::CourseFormat,
    crate::domain::genlaer::BookingStatus,
    crate::domain::genlaer::OrganisationKind,
    crate::domain::invoice::InvoiceKind,
    crate::domain::billing::InvoiceStatus,
    crate::domain::billing::DocumentKind,
    crate::domain::billing::PayerKind,
    crate::domain::billing::LineKind,
    crate::domain::evening::EveningKind,
    crate::domain::evening::Answer,
    crate::domain::audit::Action,
    crate::domain::audit::ObjectKind,
    crate::domain::retention::Rule,
    crate::domain::brobygning::Programme,
    crate::domain::tasks::DigestFrequency,
    crate::db::outbox::Status,
    crate::db::tokens::Purpose,
);

#[cfg(test)]
mod tests {
    use diesel::prelude::*;
    use diesel::sql_types::Text;

    use crate::db::DbConnection;
    use crate::domain::session::SessionStatus;

    fn read(conn: &mut DbConnection, code: &str) -> QueryResult<SessionStatus> {
        diesel::select(code.into_sql::<Text>()).get_result(conn)
    }

    #[test]
    fn known_codes_read_back_and_unknown_ones_are_errors() {
        let mut conn = DbConnection::Sqlite(
            SqliteConnection::establish(":memory:").expect("an in-memory database"),
        );
        assert_eq!(read(&mut conn, "held").expect("known"), SessionStatus::Held);
        let unknown = format!(
            "{:?}",
            read(&mut conn, "postponed").expect_err("unknown code")
        );
        assert!(
            unknown.contains("unknown") && unknown.contains("\\\"postponed\\\""),
            "{unknown}"
        );
        let written: String = diesel::select(SessionStatus::Cancelled.into_sql::<Text>())
            .get_result(&mut conn)
            .expect("written as its code");
        assert_eq!(written, "cancelled");
    }
}
