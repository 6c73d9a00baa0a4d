//! The GenLær demo content is there and works: the professional's courses,
//! queue place and certificate, the coordinator's bookings, the private link.

use brobyg::demo::PASSWORD;
use brobyg::domain::Code;
use reqwest::StatusCode;

use crate::helpers::{path_of, spawn_app_with, texts};

#[tokio::test]
async fn the_demo_has_a_catalogue_a_waiting_list_a_certificate_and_bookings() {
    let app = spawn_app_with(|s| s.demo = Some(true)).await;
    let catalogue = app.browser().get_html("/genlaer").await;
    assert!(texts(&catalogue, ".course-entry h2").len() >= 4);
    assert!(catalogue.contains("Fuldt – venteliste"), "a full session");
    assert!(
        app.outbox()
            .iter()
            .any(|r| r.to_email == "fagperson@brobyg.test" && r.kind == "waitlisted"),
        "a fresh demo has emails and invitations to read"
    );

    let professional = app.browser();
    professional.login("fagperson@brobyg.test", PASSWORD).await;
    let mine = professional.get_html("/genlaer/mine-kurser").await;
    assert!(mine.contains("nummer 3 på ventelisten"));
    assert!(mine.contains("kursusbevis.pdf"));
    assert!(
        mine.contains("Præhospitalet Region Midtjylland"),
        "her bookings"
    );

    let coordinator = app.browser();
    coordinator.login("koordinator@brobyg.test", PASSWORD).await;
    let index = coordinator.get_html("/koordinator/genlaer").await;
    assert_eq!(texts(&index, "#pending-count"), vec!["1 venter på svar"]);
    let bookings = coordinator
        .get_html("/koordinator/genlaer/bestillinger")
        .await;
    assert!(bookings.contains("Regionshospitalet Randers"));

    // The accepted booking's private link opens its closed session.
    let accepted = {
        let mut conn = app.db.conn().expect("connection");
        brobyg::db::bookings::for_branches(&mut conn, None)
            .expect("bookings")
            .into_iter()
            .find(|b| b.booking.status.as_str() == "accepted")
            .expect("accepted")
            .booking
            .id
    };
    let status = professional
        .get_html(&format!("/genlaer/bestillinger/{accepted}"))
        .await;
    let link = texts(&status, "#private-link").pop().expect("link");
    assert_eq!(
        app.browser().get(&path_of(&link)).await.status(),
        StatusCode::OK
    );
}
