//! Writes under contention. On SQLite the writers waiting at the same
//! moment commit together (`Db::write`): each still gets its own outcome,
//! a writer that fails leaves nothing behind and takes nobody else's
//! write with it, and nobody hears of a write before it is committed.

use brobyg::db::branches;
use diesel::prelude::*;

use crate::helpers::spawn_app;

#[tokio::test]
async fn writers_waiting_together_each_get_their_own_outcome() {
    let app = spawn_app().await;
    let region = {
        let mut conn = app.db.conn().expect("connection");
        branches::create_region(&mut conn, "Region Midt", "region-midt").expect("region")
    };
    // Forty writers at once; every fourth fails after it has written.
    let writers = (0..40).map(|i| {
        let db = app.db.clone();
        tokio::spawn(async move {
            db.write(move |c| {
                c.transaction::<i64, brobyg::db::Error, _>(|c| {
                    let name = format!("Afdeling {i:02}");
                    let slug = format!("afdeling-{i:02}");
                    let id = branches::create(
                        c,
                        &branches::BranchFields {
                            region_id: region,
                            name: &name,
                            slug: &slug,
                            is_head_office: false,
                            email: "",
                            phone: "",
                            address: "",
                        },
                    )?;
                    if i % 4 == 3 {
                        return Err(brobyg::db::Error::NotFound);
                    }
                    Ok(id)
                })
            })
            .await
        })
    });
    let mut answered = Vec::new();
    for (i, writer) in writers.enumerate() {
        let outcome = writer.await.expect("the writer ran");
        match outcome {
            Ok(id) => {
                assert_ne!(i % 4, 3, "writer {i} failed, yet was told it wrote");
                answered.push(id);
            }
            Err(brobyg::db::Error::NotFound) => assert_eq!(i % 4, 3, "writer {i}"),
            Err(other) => panic!("writer {i}: {other}"),
        }
    }
    assert_eq!(answered.len(), 30);
    // Each success is there once it was answered; the failures are not.
    let mut conn = app.db.conn().expect("connection");
    let mut stored: Vec<String> = brobyg::db::schema::branches::table
        .filter(brobyg::db::schema::branches::region_id.eq(region))
        .select(brobyg::db::schema::branches::name)
        .load(&mut conn)
        .expect("branches");
    stored.sort();
    let expected: Vec<String> = (0..40)
        .filter(|i| i % 4 != 3)
        .map(|i| format!("Afdeling {i:02}"))
        .collect();
    assert_eq!(stored, expected);
}
