//! Right of access and portability (GDPR Art. 15 and 20): for every table
//! of the registry that holds personal data, how to find one person's
//! rows, which columns are secrets the export withholds, and how the rows
//! are laid out under the registry's entries.
//!
//! The rules are plain data and functions; `db::data_export` turns them
//! into one query per table and `app::data_export` assembles the export.

use serde::Serialize;
use serde_json::Value;

use super::{Entry, Holds, Table};

/// How a table's rows are found to be one person's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Owner {
    /// The column holds the person's account id.
    Account(&'static str),
    /// The column holds an email address; rows with the person's (in any
    /// case) are theirs: a booking's contact, a failed login.
    Email(&'static str),
    /// The column points at rows of another table that are the person's:
    /// `column` IN (SELECT `key` FROM `table` WHERE `owner` = the id).
    Through {
        column: &'static str,
        table: &'static str,
        key: &'static str,
        owner: &'static str,
    },
    /// The audit log: exported as the staff actions concerning the person
    /// (without the staff member's client address), not as a table.
    StaffActions,
    /// Personal data that is not a person's own (the names of teachers,
    /// supervisors and speakers on a programme): not exported.
    NoAccount,
}

/// Which kind of session a row of a shared table belongs to, so that its
/// rows fall under the registry entry of that use (a GenLær seat under
/// GenLær, a cohort seat under training).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Split {
    /// The column holds the session's id.
    Session(&'static str),
    /// The column holds a meeting's id, whose session decides.
    Meeting(&'static str),
}

/// One table's export rule.
#[derive(Debug)]
pub struct Rule {
    pub table: &'static str,
    /// A row is the person's when any of these says so.
    pub owners: &'static [Owner],
    /// For tables with one entry per kind of session: how to tell the
    /// kind, and which entry each kind's rows fall under. Rows of a kind
    /// not listed fall under the table's first entry.
    pub split: Option<(Split, &'static [(&'static str, &'static str)])>,
}

impl Rule {
    /// Whether the export reads this table as a table of rows.
    pub fn reads_rows(&self) -> bool {
        !self
            .owners
            .iter()
            .any(|o| matches!(o, Owner::StaffActions | Owner::NoAccount))
    }

    /// The entry a row of session kind `kind` falls under (`None`: the
    /// table's first entry).
    pub fn entry_for_kind(&self, kind: Option<&str>) -> Option<&'static str> {
        let (_, kinds) = self.split?;
        let kind = kind?;
        kinds.iter().find(|(k, _)| *k == kind).map(|(_, e)| *e)
    }
}

const fn account(table: &'static str) -> Rule {
    Rule {
        table,
        owners: &[Owner::Account("user_id")],
        split: None,
    }
}

const SESSION_KINDS: &[(&str, &str)] = &[
    ("cohort", "enrolments-cohort"),
    ("supervision", "enrolments-supervision"),
    ("evening", "enrolments-evening"),
    ("genlaer", "enrolments-genlaer"),
    ("duty", "enrolments-duty"),
];

const MEETING_KINDS: &[(&str, &str)] = &[
    ("cohort", "attendance-cohort"),
    ("supervision", "attendance-supervision"),
    ("genlaer", "attendance-genlaer"),
];

/// One rule per table of the registry that holds personal data (a unit
/// test checks it, both ways).
pub static RULES: &[Rule] = &[
    Rule {
        table: "users",
        owners: &[Owner::Account("id")],
        split: None,
    },
    account("user_roles"),
    account("coordinator_branches"),
    account("volunteers"),
    account("user_tokens"),
    Rule {
        table: "login_failures",
        owners: &[Owner::Email("email")],
        split: None,
    },
    Rule {
        table: "reset_requests",
        owners: &[Owner::Email("email")],
        split: None,
    },
    account("login_sessions"),
    account("second_factors"),
    account("recovery_codes"),
    Rule {
        table: "outbox",
        owners: &[Owner::Account("user_id"), Owner::Email("to_email")],
        split: None,
    },
    Rule {
        table: "enrolments",
        owners: &[Owner::Account("user_id")],
        split: Some((Split::Session("session_id"), SESSION_KINDS)),
    },
    Rule {
        table: "attendance",
        owners: &[Owner::Account("user_id")],
        split: Some((Split::Meeting("meeting_id"), MEETING_KINDS)),
    },
    account("reminders_sent"),
    account("volunteer_applications"),
    account("volunteer_status_changes"),
    account("declaration_signatures"),
    account("volunteer_checks"),
    account("requirement_grace"),
    account("staff_notification_settings"),
    account("task_digests"),
    account("evaluation_links"),
    account("coordinator_regions"),
    account("volunteer_moves"),
    account("cohort_makeups"),
    Rule {
        table: "bookings",
        owners: &[
            Owner::Account("requester_id"),
            Owner::Email("contact_email"),
        ],
        split: None,
    },
    Rule {
        table: "genlaer_sessions",
        owners: &[Owner::NoAccount],
        split: None,
    },
    Rule {
        table: "genlaer_enrolments",
        owners: &[Owner::Through {
            column: "enrolment_id",
            table: "enrolments",
            key: "id",
            owner: "user_id",
        }],
        split: None,
    },
    account("certificates"),
    Rule {
        table: "invoices",
        owners: &[Owner::Email("buyer_email")],
        split: None,
    },
    Rule {
        table: "invoice_lines",
        owners: &[Owner::Through {
            column: "enrolment_id",
            table: "enrolments",
            key: "id",
            owner: "user_id",
        }],
        split: None,
    },
    Rule {
        table: "supervision_details",
        owners: &[Owner::NoAccount],
        split: None,
    },
    Rule {
        table: "evening_details",
        owners: &[Owner::NoAccount],
        split: None,
    },
    account("supervision_requests"),
    account("supervision_notices"),
    account("evening_answers"),
    account("duty_offers"),
    account("brobygninger"),
    account("brobygning_month_people"),
    account("prior_training"),
    account("volunteer_imports"),
    Rule {
        table: "audit_log",
        owners: &[Owner::StaffActions],
        split: None,
    },
    account("erasure_requests"),
    Rule {
        table: "session_messages",
        owners: &[Owner::Account("sent_by")],
        split: None,
    },
];

/// Secrets the site holds but never shows, not even to their owner: a
/// copy of them would open the account (or, for message bodies, they are
/// rendered messages kept for delivery; their kind, status and times are
/// shown). Listed by name in the export, as held but withheld.
pub const WITHHELD: &[(&str, &str)] = &[
    ("users", "password_hash"),
    ("users", "calendar_salt"),
    ("users", "calendar_token_hash"),
    ("user_tokens", "token_hash"),
    ("evaluation_links", "token_hash"),
    ("login_sessions", "token_hash"),
    ("second_factors", "secret"),
    ("recovery_codes", "code_hash"),
    ("outbox", "payload"),
    // The staff member's client address in the staff actions.
    ("audit_log", "client"),
];

pub fn is_withheld(table: &str, column: &str) -> bool {
    WITHHELD.iter().any(|(t, c)| *t == table && *c == column)
}

/// The export rule of a table.
pub fn rule(table: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.table == table)
}

/// How a column's values read, from the type the catalogue declares:
/// SQLite keeps booleans as 0/1 and timestamps as text, so both backends
/// are made to give the same JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ColumnType {
    Bool,
    Timestamp,
    Date,
    Other,
}

impl ColumnType {
    /// SQLite's declared type (`BOOLEAN`, `TIMESTAMP`) or PostgreSQL's
    /// `data_type` (`boolean`, `timestamp without time zone`).
    pub fn from_declared(declared: &str) -> ColumnType {
        let d = declared.trim().to_ascii_lowercase();
        if d.starts_with("bool") {
            ColumnType::Bool
        } else if d.starts_with("timestamp") || d.starts_with("datetime") {
            ColumnType::Timestamp
        } else if d == "date" {
            ColumnType::Date
        } else {
            ColumnType::Other
        }
    }
}

/// The format of a timestamp in the export: ISO 8601 in UTC, to the second.
pub const TIMESTAMP_FORMAT: &str = "%Y-%m-%dT%H:%M:%SZ";

/// A timestamp as either backend writes it in JSON.
pub fn parse_timestamp(text: &str) -> Option<chrono::NaiveDateTime> {
    let text = text.trim_end_matches('Z');
    ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%d %H:%M:%S%.f"]
        .iter()
        .find_map(|f| chrono::NaiveDateTime::parse_from_str(text, f).ok())
}

/// One value as the export gives it, whichever backend read it: booleans
/// as true/false, timestamps as ISO 8601 UTC strings, dates as
/// `YYYY-MM-DD`.
pub fn normalise(ty: ColumnType, value: Value) -> Value {
    match (ty, value) {
        (ColumnType::Bool, Value::Number(n)) => Value::Bool(n.as_i64().unwrap_or_default() != 0),
        (ColumnType::Timestamp, Value::String(s)) => match parse_timestamp(&s) {
            Some(t) => Value::String(t.format(TIMESTAMP_FORMAT).to_string()),
            None => Value::String(s),
        },
        (ColumnType::Date, Value::String(s)) => {
            Value::String(s.get(..10).map(str::to_string).unwrap_or(s))
        }
        (_, v) => v,
    }
}

/// One entry's share of a table in the export: the columns shown under it.
#[derive(Debug, Clone)]
pub struct Part {
    pub entry: &'static Entry,
    pub columns: Vec<String>,
}

/// Whether a column relates rows rather than describing them (`id`,
/// `session_id`): shown with every part so the rows can be told apart.
fn is_key(column: &str) -> bool {
    column == "id" || column.ends_with("_id")
}

/// How a table's live columns (in catalogue order) are shown under its
/// entries: each entry gets its own columns and the key columns; the
/// columns no entry names (bookkeeping, flags) go with the first part;
/// withheld secrets go nowhere, and an entry whose columns are all
/// withheld has no part. When the rows themselves are shared out between
/// the entries (`shared`: a rule with a `split`), every part shows every
/// visible column.
pub fn parts(table: &'static Table, columns: &[String], shared: bool) -> Vec<Part> {
    let Holds::Personal { entries, .. } = &table.holds else {
        return Vec::new();
    };
    let visible: Vec<&String> = columns
        .iter()
        .filter(|c| !is_withheld(table.name, c))
        .collect();
    let claimed = |c: &str| entries.iter().any(|e| e.columns.contains(&c));
    let owns = |e: &Entry| visible.iter().any(|c| e.columns.contains(&c.as_str()));
    let mut parts: Vec<Part> = Vec::new();
    for entry in entries.iter().filter(|e| owns(e)) {
        let first = parts.is_empty();
        let shown = visible
            .iter()
            .filter(|c| {
                shared || entry.columns.contains(&c.as_str()) || is_key(c) || (first && !claimed(c))
            })
            .map(|c| c.to_string())
            .collect();
        parts.push(Part {
            entry,
            columns: shown,
        });
    }
    parts
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::super::{REGISTRY, table};
    use super::*;

    #[test]
    fn every_table_with_personal_data_has_a_rule_and_no_other_does() {
        for t in REGISTRY {
            let personal = matches!(t.holds, Holds::Personal { .. });
            assert_eq!(
                rule(t.name).is_some(),
                personal,
                "{}: a table with personal data needs an export rule in \
                 src/domain/privacy/export.rs, and only such a table",
                t.name
            );
        }
        for r in RULES {
            assert!(
                table(r.table).is_some(),
                "rule for unknown table {}",
                r.table
            );
            assert!(!r.owners.is_empty(), "{}: no owner", r.table);
        }
    }

    #[test]
    fn split_kinds_name_entries_of_their_table() {
        for r in RULES {
            let Some((_, kinds)) = r.split else { continue };
            let Some(Table {
                holds: Holds::Personal { entries, .. },
                ..
            }) = table(r.table)
            else {
                panic!("{}", r.table)
            };
            for (_, id) in kinds {
                assert!(entries.iter().any(|e| e.id == *id), "{}: {id}", r.table);
            }
        }
    }

    #[test]
    fn withheld_columns_are_in_the_registry() {
        for (t, c) in WITHHELD {
            let Some(Table {
                holds: Holds::Personal { entries, .. },
                ..
            }) = table(t)
            else {
                panic!("{t}")
            };
            assert!(entries.iter().any(|e| e.columns.contains(c)), "{t}.{c}");
        }
    }

    #[test]
    fn both_backends_read_the_same() {
        let sqlite = normalise(ColumnType::Timestamp, json!("2026-12-02 11:59:48.123456"));
        let pg = normalise(ColumnType::Timestamp, json!("2026-12-02T11:59:48.123456"));
        assert_eq!(sqlite, json!("2026-12-02T11:59:48Z"));
        assert_eq!(sqlite, pg);
        assert_eq!(normalise(ColumnType::Bool, json!(1)), json!(true));
        assert_eq!(normalise(ColumnType::Bool, json!(0)), json!(false));
        assert_eq!(normalise(ColumnType::Bool, json!(true)), json!(true));
        assert_eq!(
            normalise(ColumnType::Date, json!("2026-12-02")),
            json!("2026-12-02")
        );
        assert_eq!(normalise(ColumnType::Timestamp, Value::Null), Value::Null);
        assert_eq!(normalise(ColumnType::Other, json!(7)), json!(7));
    }

    #[test]
    fn declared_types_are_read_from_either_catalogue() {
        assert_eq!(ColumnType::from_declared("BOOLEAN"), ColumnType::Bool);
        assert_eq!(ColumnType::from_declared("boolean"), ColumnType::Bool);
        assert_eq!(
            ColumnType::from_declared("TIMESTAMP"),
            ColumnType::Timestamp
        );
        assert_eq!(
            ColumnType::from_declared("timestamp without time zone"),
            ColumnType::Timestamp
        );
        assert_eq!(ColumnType::from_declared("DATE"), ColumnType::Date);
        assert_eq!(ColumnType::from_declared("BIGINT"), ColumnType::Other);
    }

    fn names(cols: &[&str]) -> Vec<String> {
        cols.iter().map(|c| c.to_string()).collect()
    }

    #[test]
    fn secrets_are_in_no_part() {
        let users = table("users").expect("users");
        let cols = names(&[
            "id",
            "email",
            "name",
            "password_hash",
            "language",
            "session_epoch",
            "calendar_salt",
            "calendar_token_hash",
        ]);
        let parts = parts(users, &cols, false);
        assert_eq!(parts.len(), 2);
        assert_eq!(parts[0].entry.id, "users-contact");
        assert_eq!(
            parts[0].columns,
            names(&["id", "email", "name", "language"])
        );
        assert_eq!(parts[1].entry.id, "users-account");
        assert_eq!(parts[1].columns, names(&["id", "session_epoch"]));
    }

    #[test]
    fn a_table_of_several_entries_is_split_by_columns() {
        let t = table("genlaer_enrolments").expect("table");
        let cols = names(&[
            "enrolment_id",
            "name",
            "workplace",
            "needs",
            "invoice_kind",
            "ean",
            "created_at",
        ]);
        let parts = parts(t, &cols, false);
        let ids: Vec<&str> = parts.iter().map(|p| p.entry.id).collect();
        assert_eq!(
            ids,
            ["genlaer-participants", "genlaer-needs", "genlaer-invoice"]
        );
        assert_eq!(parts[1].columns, names(&["enrolment_id", "needs"]));
        assert_eq!(
            parts[2].columns,
            names(&["enrolment_id", "invoice_kind", "ean"])
        );
    }

    #[test]
    fn a_part_with_only_secrets_is_left_out() {
        let outbox = table("outbox").expect("outbox");
        let cols = names(&["id", "kind", "user_id", "payload", "status", "attempts"]);
        let parts = parts(outbox, &cols, false);
        assert_eq!(parts.len(), 1);
        assert_eq!(parts[0].entry.id, "outbox-envelope");
        assert!(!parts[0].columns.contains(&"payload".to_string()));
    }

    #[test]
    fn rows_of_shared_tables_fall_under_their_kind() {
        let r = rule("enrolments").expect("rule");
        assert_eq!(
            r.entry_for_kind(Some("genlaer")),
            Some("enrolments-genlaer")
        );
        assert_eq!(r.entry_for_kind(Some("other")), None);
        assert_eq!(
            rule("users").and_then(|r| r.entry_for_kind(Some("x"))),
            None
        );
    }
}
