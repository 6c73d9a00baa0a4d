//! End-to-end journeys in a real browser: Debian's Chromium, driven through
//! its own chromedriver, against the real site on a random port with a
//! fresh database (so they run on PostgreSQL too).
//!
//! Every journey runs twice, by mouse and by keyboard alone (each control
//! reached with Tab, activated with Enter, Space, arrows or typing), and
//! axe-core checks every page it lands on: a serious or critical finding
//! fails the test. The mouse run writes screenshots at phone and desktop
//! width to `target/screenshots/`.
//!
//! Without Chromium, chromedriver or axe-core (`npm ci --prefix
//! tests/browser`) the tests are skipped with a message on the terminal;
//! `BROBYG_BROWSER_TESTS=required` (as in `.ci/run`) makes that a failure.
//!
//! Adding a journey: write `async fn my_journey(app: &TestApp, tab: &mut
//! Tab)` in a module here (set up with the usual helpers, then act with
//! `tab.open/follow/fill/choose/tick/download`, check with `tab.see/text`)
//! and add one line `journey!(module::my_journey);` below.

mod harness;
mod steps;

mod active;
mod brobygger;
mod evaluation;
mod export;
mod genlaer;
mod language;
mod phones;

/// Two tests for a journey: `<journey>::by_mouse` and `::by_keyboard`.
macro_rules! journey {
    ($module:ident :: $journey:ident) => {
        mod $journey {
            use super::harness::{Mode, Run};

            #[tokio::test]
            async fn by_mouse() {
                let test = concat!(stringify!($journey), "::by_mouse");
                let Some(mut run) = Run::start(test, Mode::Mouse).await else {
                    return;
                };
                super::$module::$journey(&run.app, &mut run.tab).await;
                run.finish().await;
            }

            #[tokio::test]
            async fn by_keyboard() {
                let test = concat!(stringify!($journey), "::by_keyboard");
                let Some(mut run) = Run::start(test, Mode::Keyboard).await else {
                    return;
                };
                super::$module::$journey(&run.app, &mut run.tab).await;
                run.finish().await;
            }
        }
    };
}

journey!(genlaer::professional_enrols_and_cancels);
journey!(genlaer::waiting_list_moves_up_after_a_cancellation);
journey!(genlaer::visitor_corrects_a_failed_enrolment);
journey!(brobygger::applicant_becomes_an_active_brobygger);
journey!(export::coordinator_downloads_the_participant_list);
journey!(language::visitor_switches_to_english_and_back);
journey!(active::active_volunteer_signs_up_for_supervision_and_an_evening);
journey!(phones::trainee_chooses_a_make_up_session_on_a_phone);
journey!(evaluation::participant_evaluates_a_held_course);
