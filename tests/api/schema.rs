//! Both migration trees must produce exactly the tables and columns that
//! `src/db/schema.rs` declares, with matching types and nullability.

use std::collections::BTreeMap;

use diesel::prelude::*;
use diesel::sql_types::{Integer, Text};

use crate::helpers::spawn_app;

/// table → column → (type, nullable), parsed from the `table!` macros.
fn declared() -> BTreeMap<String, BTreeMap<String, (String, bool)>> {
    let source = include_str!("../../src/db/schema.rs");
    let mut tables = BTreeMap::new();
    let mut current: Option<String> = None;
    for line in source.lines().map(str::trim) {
        if let Some(name) = line.strip_suffix('{').map(str::trim)
            && let Some((table, _pk)) = name.split_once(" (")
            && !table.contains(' ')
        {
            current = Some(table.to_string());
            tables.insert(table.to_string(), BTreeMap::new());
        } else if line == "}" {
            current = None;
        } else if let (Some(table), Some((column, ty))) = (&current, line.split_once(" -> ")) {
            let ty = ty.trim_end_matches(',');
            let (ty, nullable) = match ty.strip_prefix("Nullable<") {
                Some(inner) => (inner.trim_end_matches('>'), true),
                None => (ty, false),
            };
            tables
                .get_mut(table)
                .expect("table")
                .insert(column.to_string(), (ty.to_string(), nullable));
        }
    }
    tables
}

#[derive(QueryableByName, Debug)]
struct ColumnInfo {
    #[diesel(sql_type = Text)]
    table_name: String,
    #[diesel(sql_type = Text)]
    column_name: String,
    #[diesel(sql_type = Text)]
    data_type: String,
    #[diesel(sql_type = Integer)]
    nullable: i32,
}

fn matches(declared: &str, actual: &str) -> bool {
    let actual = actual.to_lowercase();
    match declared {
        "BigInt" => actual == "bigint" || actual == "integer",
        "Integer" => actual == "integer",
        "Text" => actual == "text",
        "Bool" => actual == "boolean",
        "Timestamp" => actual.starts_with("timestamp"),
        "Date" => actual == "date",
        other => panic!("schema.rs uses {other}: teach this test its column type"),
    }
}

#[tokio::test]
async fn migrations_produce_the_declared_schema() {
    let app = spawn_app().await;
    let mut conn = app.db.conn().expect("connection");
    let is_pg = app.is_postgres();
    let query = if is_pg {
        "SELECT table_name::text AS table_name, column_name::text AS column_name, data_type::text AS data_type, \
         CASE WHEN is_nullable = 'YES' THEN 1 ELSE 0 END AS nullable \
         FROM information_schema.columns WHERE table_schema = 'public' \
         AND table_name <> '__diesel_schema_migrations'"
    } else {
        "SELECT m.name AS table_name, p.name AS column_name, p.type AS data_type, \
         CASE WHEN p.\"notnull\" = 0 AND p.pk = 0 THEN 1 ELSE 0 END AS nullable \
         FROM sqlite_master m JOIN pragma_table_info(m.name) p \
         WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' \
         AND m.name <> '__diesel_schema_migrations'"
    };
    let rows: Vec<ColumnInfo> = diesel::sql_query(query).load(&mut *conn).expect("columns");
    let mut actual: BTreeMap<String, BTreeMap<String, (String, bool)>> = BTreeMap::new();
    for r in rows {
        actual
            .entry(r.table_name)
            .or_default()
            .insert(r.column_name, (r.data_type, r.nullable == 1));
    }
    let declared = declared();
    assert!(declared.len() >= 9, "the parser found the tables");
    assert_eq!(
        declared.keys().collect::<Vec<_>>(),
        actual.keys().collect::<Vec<_>>(),
        "tables"
    );
    for (table, columns) in &declared {
        let found = &actual[table];
        assert_eq!(
            columns.keys().collect::<Vec<_>>(),
            found.keys().collect::<Vec<_>>(),
            "columns of {table}"
        );
        for (column, (ty, nullable)) in columns {
            let (actual_ty, actual_nullable) = &found[column];
            assert!(
                matches(ty, actual_ty),
                "{table}.{column}: schema.rs says {ty}, database has {actual_ty}"
            );
            // SQLite reports a composite primary key's columns as NOT NULL
            // only through `pk`; nullability is compared where declared.
            assert_eq!(nullable, actual_nullable, "{table}.{column} nullability");
        }
    }
}

#[test]
fn both_migration_trees_have_the_same_migrations() {
    let names = |backend: &str| {
        let mut v: Vec<String> = std::fs::read_dir(format!("migrations/{backend}"))
            .expect("migration folder")
            .filter_map(|e| e.ok())
            .filter(|e| e.path().is_dir())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    };
    let sqlite = names("sqlite");
    assert!(!sqlite.is_empty());
    assert_eq!(sqlite, names("postgres"));
    for name in &sqlite {
        for backend in ["sqlite", "postgres"] {
            for file in ["up.sql", "down.sql"] {
                let path = format!("migrations/{backend}/{name}/{file}");
                assert!(std::path::Path::new(&path).exists(), "{path} is missing");
            }
        }
    }
}
