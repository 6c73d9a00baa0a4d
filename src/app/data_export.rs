//! Right of access and portability (GDPR Art. 15 and 20): everything the
//! site holds about one person, grouped by the registry's categories, with
//! each entry's purpose, legal basis and retention beside its rows.
//!
//! The person reads their own (`own`, at `/konto/data`); an administrator
//! reads it on their behalf (`on_behalf`, at `/admin/brugere/{id}/data`),
//! and that read is written to the audit log in the same transaction.
//!
//! Every table is read in one query (`db::data_export::rows`), whatever
//! the number of rows: about thirty queries for a whole export. The JSON
//! download's structure is `document` (see README, "Data export").

use std::collections::HashMap;

use chrono::NaiveDateTime;
use serde::Serialize;
use serde_json::{Map, Value, json};

use super::audit::{self, Actor, Object};
use super::{App, Error};
use crate::db::audit::concerning;
use crate::db::data_export::{self as store, TableRead};
use crate::db::{DbConnection, now, users};
use crate::domain::Code;
use crate::domain::audit::{Action, ObjectKind};
use crate::domain::privacy::export::{self, ColumnType, RULES, TIMESTAMP_FORMAT, WITHHELD};
use crate::domain::privacy::{self, Category, Entry};

/// The JSON download's format; a change of structure gets a new number.
pub const FORMAT: &str = "brobyg-export/1";

#[derive(Debug, Clone, Serialize)]
pub struct Person {
    pub id: i64,
    pub name: String,
    pub email: String,
}

/// A column of a section, with its type (how to show its values) and the
/// key of its readable name.
#[derive(Debug, Clone, Serialize)]
pub struct Column {
    pub name: String,
    pub label_key: String,
    pub kind: ColumnType,
}

/// One registry entry's share of a table, with the person's rows.
#[derive(Debug, Clone, Serialize)]
pub struct Section {
    pub table: &'static str,
    pub entry: &'static str,
    pub category: &'static str,
    pub purpose_key: String,
    /// "GDPR art. 6(1)(b)", the same in both languages.
    pub articles: Vec<&'static str>,
    pub basis_keys: Vec<String>,
    pub retention: &'static str,
    pub retention_key: String,
    pub columns: Vec<Column>,
    /// Each row's values in the order of `columns`: booleans, numbers,
    /// text, ISO 8601 UTC timestamps, `YYYY-MM-DD` dates, or null.
    pub rows: Vec<Vec<Value>>,
}

/// One category of the registry and what the person has under it.
#[derive(Debug, Clone, Serialize)]
pub struct Group {
    pub category: &'static str,
    pub name_key: String,
    pub text_key: String,
    pub sections: Vec<Section>,
}

/// A staff action concerning the person (the staff member's client
/// address is withheld).
#[derive(Debug, Clone, Serialize)]
pub struct StaffAction {
    pub at: NaiveDateTime,
    pub action: Action,
    /// The staff member's name; `None` for the system.
    pub actor: Option<String>,
    pub object_kind: ObjectKind,
    pub object_id: Option<i64>,
    pub detail: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Withheld {
    pub table: &'static str,
    pub column: &'static str,
}

/// Everything the site holds about one person.
#[derive(Debug, Clone, Serialize)]
pub struct Export {
    pub exported_at: NaiveDateTime,
    pub person: Person,
    pub groups: Vec<Group>,
    pub staff_actions: Vec<StaffAction>,
    pub withheld: Vec<Withheld>,
}

impl Export {
    /// How many rows the export holds in all (its tables and staff actions).
    pub fn row_count(&self) -> usize {
        self.groups
            .iter()
            .flat_map(|g| g.sections.iter())
            .map(|s| s.rows.len())
            .sum::<usize>()
            + self.staff_actions.len()
    }
}

/// The signed-in person's own data.
#[tracing::instrument(skip(app))]
pub async fn own(app: &App, user_id: i64) -> Result<Export, Error> {
    app.read(move |c| collect(c, user_id)).await
}

/// A person's data read by an administrator on their behalf; the read and
/// its audit row go together (`what` is the row's detail: "data.json").
#[tracing::instrument(skip(app, by))]
pub async fn on_behalf(app: &App, by: Actor, user_id: i64, what: &str) -> Result<Export, Error> {
    audit::exported(app, by, Object::user(user_id), what.to_string(), move |c| {
        collect(c, user_id)
    })
    .await
}

fn section(table: &'static str, entry: &'static Entry, columns: Vec<Column>) -> Section {
    Section {
        table,
        entry: entry.id,
        category: entry.category.as_str(),
        purpose_key: entry.purpose_key(),
        articles: entry.basis.iter().map(|b| b.article()).collect(),
        basis_keys: entry
            .basis
            .iter()
            .map(|b| format!("privacy-basis-{}", b.as_str()))
            .collect(),
        retention: entry.retention.as_str(),
        retention_key: format!("privacy-retention-{}", entry.retention.as_str()),
        columns,
        rows: Vec::new(),
    }
}

fn collect(c: &mut DbConnection, user_id: i64) -> Result<Export, Error> {
    let user = users::find(c, user_id)?;
    let mut catalogue: HashMap<String, Vec<(String, ColumnType)>> = HashMap::new();
    for col in store::catalogue(c)? {
        catalogue
            .entry(col.table_name)
            .or_default()
            .push((col.column_name, ColumnType::from_declared(&col.data_type)));
    }
    let mut sections: Vec<Section> = Vec::new();
    for rule in RULES.iter().filter(|r| r.reads_rows()) {
        let (Some(table), Some(live)) = (privacy::table(rule.table), catalogue.get(rule.table))
        else {
            continue;
        };
        // Secrets are never read, so they cannot leak into a page.
        let visible: Vec<(String, ColumnType)> = live
            .iter()
            .filter(|(name, _)| !export::is_withheld(rule.table, name))
            .cloned()
            .collect();
        let names: Vec<String> = visible.iter().map(|(n, _)| n.clone()).collect();
        let types: HashMap<&str, ColumnType> =
            visible.iter().map(|(n, t)| (n.as_str(), *t)).collect();
        let parts = export::parts(table, &names, rule.split.is_some());
        let Some(first) = parts.first().map(|p| p.entry.id) else {
            continue;
        };
        let read = TableRead {
            table: rule.table,
            columns: &names,
            owners: rule.owners,
            split: rule.split.map(|(s, _)| s),
        };
        let raw = store::rows(c, &read, user.id, &user.email)?;
        let mut table_sections: Vec<Section> = parts
            .iter()
            .map(|p| {
                let columns = p
                    .columns
                    .iter()
                    .map(|name| Column {
                        name: name.clone(),
                        label_key: format!("data-column-{name}"),
                        kind: types
                            .get(name.as_str())
                            .copied()
                            .unwrap_or(ColumnType::Other),
                    })
                    .collect();
                section(rule.table, p.entry, columns)
            })
            .collect();
        for r in raw {
            let doc: Map<String, Value> = serde_json::from_str(&r.doc)
                .map_err(|e| Error::Internal(anyhow::anyhow!("{}: {e}", rule.table)))?;
            let entry = rule.entry_for_kind(r.kind.as_deref()).unwrap_or(first);
            for s in table_sections
                .iter_mut()
                .filter(|s| rule.split.is_none() || s.entry == entry)
            {
                let row = s
                    .columns
                    .iter()
                    .map(|col| {
                        let value = doc.get(&col.name).cloned().unwrap_or(Value::Null);
                        export::normalise(col.kind, value)
                    })
                    .collect();
                s.rows.push(row);
            }
        }
        sections.extend(table_sections.into_iter().filter(|s| !s.rows.is_empty()));
    }
    let groups = Category::ALL
        .iter()
        .map(|cat| Group {
            category: cat.as_str(),
            name_key: format!("privacy-category-{}", cat.as_str()),
            text_key: format!("privacy-category-{}-text", cat.as_str()),
            sections: sections
                .iter()
                .filter(|s| s.category == cat.as_str())
                .cloned()
                .collect(),
        })
        .collect();
    let staff_actions = concerning(c, user.id)?
        .into_iter()
        .map(|e| StaffAction {
            at: e.at,
            action: e.action,
            actor: e.actor_id.map(|_| e.actor_name.unwrap_or_default()),
            object_kind: e.object_kind,
            object_id: e.object_id,
            detail: e.detail,
        })
        .collect();
    Ok(Export {
        exported_at: now(),
        person: Person {
            id: user.id,
            name: user.name,
            email: user.email,
        },
        groups,
        staff_actions,
        withheld: WITHHELD
            .iter()
            .map(|&(table, column)| Withheld { table, column })
            .collect(),
    })
}

fn timestamp(t: NaiveDateTime) -> String {
    t.format(TIMESTAMP_FORMAT).to_string()
}

/// The JSON download (`brobyg-export/1`, documented in README.md, "Data
/// export"); `t` gives the texts in the reader's language.
pub fn document(export: &Export, t: impl Fn(&str) -> String) -> Value {
    let tables: Vec<Value> = export
        .groups
        .iter()
        .flat_map(|g| g.sections.iter())
        .map(|s| {
            let rows: Vec<Value> = s
                .rows
                .iter()
                .map(|row| {
                    let object: Map<String, Value> = s
                        .columns
                        .iter()
                        .zip(row)
                        .map(|(c, v)| (c.name.clone(), v.clone()))
                        .collect();
                    Value::Object(object)
                })
                .collect();
            json!({
                "table": s.table,
                "entry": s.entry,
                "category": s.category,
                "purpose": t(&s.purpose_key),
                "legal_basis": s.articles,
                "retention": t(&s.retention_key),
                "rows": rows,
            })
        })
        .collect();
    let staff: Vec<Value> = export
        .staff_actions
        .iter()
        .map(|a| {
            json!({
                "at": timestamp(a.at),
                "action": a.action.as_str(),
                "action_text": t(&format!("audit-action-{}", a.action.as_str())),
                "actor": a.actor.clone().unwrap_or_else(|| "system".into()),
                "object_kind": a.object_kind.as_str(),
                "object_id": a.object_id,
                "detail": a.detail,
            })
        })
        .collect();
    let withheld: Vec<String> = export
        .withheld
        .iter()
        .map(|w| format!("{}.{}", w.table, w.column))
        .collect();
    json!({
        "format": FORMAT,
        "exported_at": timestamp(export.exported_at),
        "person": {
            "id": export.person.id,
            "name": export.person.name,
            "email": export.person.email,
        },
        "tables": tables,
        "staff_actions": staff,
        "withheld": withheld,
        "withheld_note": t("data-withheld-lead"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Export {
        let at = chrono::NaiveDate::from_ymd_opt(2026, 12, 2)
            .and_then(|d| d.and_hms_opt(11, 0, 0))
            .expect("time");
        let entry = privacy::entries()
            .find(|(_, e)| e.id == "users-contact")
            .map(|(_, e)| e)
            .expect("entry");
        let mut s = section(
            "users",
            entry,
            vec![Column {
                name: "name".into(),
                label_key: "data-column-name".into(),
                kind: ColumnType::Other,
            }],
        );
        s.rows.push(vec![json!("Ida")]);
        Export {
            exported_at: at,
            person: Person {
                id: 7,
                name: "Ida".into(),
                email: "ida@example.dk".into(),
            },
            groups: vec![Group {
                category: "contact",
                name_key: "privacy-category-contact".into(),
                text_key: "privacy-category-contact-text".into(),
                sections: vec![s],
            }],
            staff_actions: vec![StaffAction {
                at,
                action: Action::RoleGranted,
                actor: None,
                object_kind: ObjectKind::User,
                object_id: Some(7),
                detail: None,
            }],
            withheld: vec![Withheld {
                table: "users",
                column: "password_hash",
            }],
        }
    }

    #[test]
    fn the_document_has_the_documented_structure() {
        let doc = document(&sample(), |k| format!("<{k}>"));
        assert_eq!(doc["format"], "brobyg-export/1");
        assert_eq!(doc["exported_at"], "2026-12-02T11:00:00Z");
        assert_eq!(doc["person"]["email"], "ida@example.dk");
        let table = &doc["tables"][0];
        assert_eq!(table["table"], "users");
        assert_eq!(table["category"], "contact");
        assert_eq!(table["purpose"], "<privacy-purpose-users-contact>");
        assert_eq!(table["legal_basis"][0], "GDPR art. 6(1)(b)");
        assert_eq!(table["retention"], "<privacy-retention-account-in-use>");
        assert_eq!(table["rows"][0]["name"], "Ida");
        assert_eq!(doc["staff_actions"][0]["actor"], "system");
        assert_eq!(doc["staff_actions"][0]["action"], "role_granted");
        assert!(doc["staff_actions"][0].get("client").is_none());
        assert_eq!(doc["withheld"][0], "users.password_hash");
        assert_eq!(sample().row_count(), 2);
    }
}
