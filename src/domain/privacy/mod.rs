//! The registry of personal data: every table the site stores, and for
//! each one either the columns that hold personal data, classified
//! (category, purpose, legal basis, retention, what erasure does), or the
//! reason it holds none.
//!
//! It is the one place that knows what the site stores about people. The
//! privacy notice (`/privatliv`) and the administrators' record of
//! processing (`/admin/privatliv`, GDPR Art. 30) are generated from it, and
//! `tests/api/privacy.rs` compares it with the live schema of both
//! backends, so a migration cannot add a column the registry does not know.
//!
//! The retention rules are stated here as policy; `domain::retention`
//! names the ones the site enforces by itself (each tied to a variant of
//! `Retention`), and `app::retention` applies them every day.
//!
//! Texts live in `templates/locales/*/privacy.ftl`, under keys built from
//! the codes below (`privacy-category-contact`, `privacy-purpose-users-contact`).

pub mod erasure;
pub mod export;
mod registry;

pub use registry::REGISTRY;

use serde::Serialize;

use super::code::Code;

/// What kind of personal data, as the privacy notice groups it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// Name, email, phone, language; a booking's contact person; the names
    /// of teachers, supervisors and speakers on a programme.
    Contact,
    /// Logging in: password hash, second factor, sessions, tokens, roles.
    Account,
    /// A volunteer's application and its decision.
    Application,
    /// A volunteer's status, pauses, checks (børneattest date) and answers
    /// to volunteer evenings.
    Volunteering,
    /// The preparation course: seats, attendance, make-ups.
    Training,
    /// The signed confidentiality declaration.
    Declaration,
    /// Supervision: requests, notices, seats and attendance.
    SupervisionAttendance,
    /// Vagter: places on the branch's duty rota, and vagter given away.
    Duty,
    /// GenLær: seats, attendance, workplace, job title, certificates.
    GenlaerParticipation,
    /// Invoice details of GenLær enrolments and bookings.
    Invoice,
    /// Needs such as diet or accessibility: possibly health data (Art. 9).
    Needs,
    /// Emails the site has sent or queued.
    MessagesSent,
    /// Security and accountability logs: failed logins, reset requests,
    /// the audit log of staff actions.
    Logs,
}

impl Code for Category {
    const ALL: &'static [Category] = &[
        Category::Contact,
        Category::Account,
        Category::Application,
        Category::Volunteering,
        Category::Training,
        Category::Declaration,
        Category::SupervisionAttendance,
        Category::Duty,
        Category::GenlaerParticipation,
        Category::Invoice,
        Category::Needs,
        Category::MessagesSent,
        Category::Logs,
    ];

    fn as_str(self) -> &'static str {
        match self {
            Category::Contact => "contact",
            Category::Account => "account",
            Category::Application => "application",
            Category::Volunteering => "volunteering",
            Category::Training => "training",
            Category::Declaration => "declaration",
            Category::SupervisionAttendance => "supervision",
            Category::Duty => "duty",
            Category::GenlaerParticipation => "genlaer",
            Category::Invoice => "invoice",
            Category::Needs => "needs",
            Category::MessagesSent => "messages",
            Category::Logs => "logs",
        }
    }
}

/// The GDPR article that makes the processing lawful. Special categories
/// (Art. 9) come on top of an Art. 6 basis, never instead of one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum LegalBasis {
    /// Art. 6(1)(a): consent.
    Consent,
    /// Art. 6(1)(b): a contract with the person, or steps they asked for
    /// before one (an application, an enrolment).
    Contract,
    /// Art. 6(1)(c): a legal obligation (the bookkeeping act).
    LegalObligation,
    /// Art. 6(1)(f): a legitimate interest (security, accountability).
    LegitimateInterest,
    /// Art. 9(2)(a): explicit consent to special categories (health).
    ExplicitConsent,
}

impl Code for LegalBasis {
    const ALL: &'static [LegalBasis] = &[
        LegalBasis::Consent,
        LegalBasis::Contract,
        LegalBasis::LegalObligation,
        LegalBasis::LegitimateInterest,
        LegalBasis::ExplicitConsent,
    ];

    fn as_str(self) -> &'static str {
        match self {
            LegalBasis::Consent => "art6-1-a",
            LegalBasis::Contract => "art6-1-b",
            LegalBasis::LegalObligation => "art6-1-c",
            LegalBasis::LegitimateInterest => "art6-1-f",
            LegalBasis::ExplicitConsent => "art9-2-a",
        }
    }
}

impl LegalBasis {
    /// The article as lawyers write it; the same in both languages.
    pub fn article(self) -> &'static str {
        match self {
            LegalBasis::Consent => "GDPR art. 6(1)(a)",
            LegalBasis::Contract => "GDPR art. 6(1)(b)",
            LegalBasis::LegalObligation => "GDPR art. 6(1)(c)",
            LegalBasis::LegitimateInterest => "GDPR art. 6(1)(f)",
            LegalBasis::ExplicitConsent => "GDPR art. 9(2)(a)",
        }
    }
}

/// How long data is kept: one variant per rule, so that the part that
/// enforces retention can match on them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum Retention {
    /// While the account is in use. An account never confirmed and with no
    /// enrolment is deleted after 30 days; alumni and inactive
    /// professionals are anonymised after 3 years without activity.
    AccountInUse,
    /// Declined applications are deleted 6 months after the decision;
    /// accepted ones are kept while the person volunteers, then as
    /// `ThreeYearsInactive`.
    DeclinedApplication,
    /// Anonymised after 3 years without activity; certificate facts kept.
    ThreeYearsInactive,
    /// Supervision attendance of people who left: 2 years after leaving.
    SupervisionAfterLeaving,
    /// Deleted when the volunteer leaves (the børneattest date).
    UntilLeaving,
    /// Needs (diet, accessibility): 30 days after the session is held.
    NeedsAfterSession,
    /// An email's body: 90 days after delivery.
    MessageBody,
    /// An email's recipient, subject and status: kept with the account.
    MessageEnvelope,
    /// The bookkeeping act: 5 years after the end of the financial year.
    Bookkeeping,
    /// A certificate stays verifiable at `/bevis/{code}`.
    Certificate,
    /// A login session: 14 days after it was last used, or at logout.
    LoginSession,
    /// A one-time link or code: until used or expired.
    Token,
    /// The login and reset throttle: one day.
    Throttle,
    /// The audit log: append-only (triggers refuse UPDATE and DELETE) and
    /// names nobody; a person in it is an account id, anonymous once the
    /// account is anonymised.
    AuditTrail,
    /// Names on a session's programme: kept with the session.
    Programme,
}

impl Code for Retention {
    const ALL: &'static [Retention] = &[
        Retention::AccountInUse,
        Retention::DeclinedApplication,
        Retention::ThreeYearsInactive,
        Retention::SupervisionAfterLeaving,
        Retention::UntilLeaving,
        Retention::NeedsAfterSession,
        Retention::MessageBody,
        Retention::MessageEnvelope,
        Retention::Bookkeeping,
        Retention::Certificate,
        Retention::LoginSession,
        Retention::Token,
        Retention::Throttle,
        Retention::AuditTrail,
        Retention::Programme,
    ];

    fn as_str(self) -> &'static str {
        match self {
            Retention::AccountInUse => "account-in-use",
            Retention::DeclinedApplication => "declined-application",
            Retention::ThreeYearsInactive => "three-years-inactive",
            Retention::SupervisionAfterLeaving => "supervision-after-leaving",
            Retention::UntilLeaving => "until-leaving",
            Retention::NeedsAfterSession => "needs-after-session",
            Retention::MessageBody => "message-body",
            Retention::MessageEnvelope => "message-envelope",
            Retention::Bookkeeping => "bookkeeping",
            Retention::Certificate => "certificate",
            Retention::LoginSession => "login-session",
            Retention::Token => "token",
            Retention::Throttle => "throttle",
            Retention::AuditTrail => "audit-trail",
            Retention::Programme => "programme",
        }
    }
}

/// What happens to the columns when a person is erased (on request, or
/// when retention runs out).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum Erasure {
    /// The rows or values are deleted.
    Delete,
    /// The values are replaced so that they no longer identify anyone;
    /// counts and history stay.
    Anonymise,
    /// Kept as long as the bookkeeping act requires, then deleted.
    KeepForBookkeeping,
    /// Kept so that a certificate stays verifiable; the rest of the
    /// account is erased around it.
    KeepCertificate,
}

impl Code for Erasure {
    const ALL: &'static [Erasure] = &[
        Erasure::Delete,
        Erasure::Anonymise,
        Erasure::KeepForBookkeeping,
        Erasure::KeepCertificate,
    ];

    fn as_str(self) -> &'static str {
        match self {
            Erasure::Delete => "delete",
            Erasure::Anonymise => "anonymise",
            Erasure::KeepForBookkeeping => "keep-for-bookkeeping",
            Erasure::KeepCertificate => "keep-certificate",
        }
    }
}

/// One kind of personal data in one table: some of its columns, and why
/// and how long they are kept. A shared table (`enrolments` serves cohorts,
/// supervision, evenings and GenLær) has one entry per use, so the same
/// column may appear under several categories, never twice under one.
#[derive(Debug, Serialize)]
pub struct Entry {
    /// Unique; the purpose text is `privacy-purpose-{id}`.
    pub id: &'static str,
    pub columns: &'static [&'static str],
    pub category: Category,
    pub basis: &'static [LegalBasis],
    pub retention: Retention,
    pub erasure: Erasure,
}

impl Entry {
    /// The key of the entry's purpose text.
    pub fn purpose_key(&self) -> String {
        format!("privacy-purpose-{}", self.id)
    }
}

/// One table of `src/db/schema.rs`.
#[derive(Debug, Serialize)]
pub struct Table {
    pub name: &'static str,
    pub holds: Holds,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Holds {
    /// No personal data; why is the text `privacy-free-{table}`, shown in
    /// the record of processing.
    Nothing,
    /// Personal data in `entries`; `other` names the text, date and
    /// timestamp columns of the table that hold none (an integer or
    /// boolean column need not be named: the schema guard checks the
    /// column types that can carry a name, a note or a date).
    Personal {
        entries: &'static [Entry],
        other: &'static [&'static str],
    },
}

/// Where a table stands in the registry.
pub fn table(name: &str) -> Option<&'static Table> {
    REGISTRY.iter().find(|t| t.name == name)
}

/// Every entry, with its table, in registry order.
pub fn entries() -> impl Iterator<Item = (&'static str, &'static Entry)> {
    REGISTRY.iter().flat_map(|t| {
        match &t.holds {
            Holds::Nothing => [].iter(),
            Holds::Personal { entries, .. } => entries.iter(),
        }
        .map(move |e| (t.name, e))
    })
}

/// Every text key the registry needs, for the test that both languages
/// have them.
pub fn text_keys() -> Vec<String> {
    let mut keys = Vec::new();
    for c in Category::ALL {
        keys.push(format!("privacy-category-{}", c.as_str()));
        keys.push(format!("privacy-category-{}-text", c.as_str()));
    }
    for b in LegalBasis::ALL {
        keys.push(format!("privacy-basis-{}", b.as_str()));
    }
    for r in Retention::ALL {
        keys.push(format!("privacy-retention-{}", r.as_str()));
    }
    for e in Erasure::ALL {
        keys.push(format!("privacy-erasure-{}", e.as_str()));
    }
    keys.extend(entries().map(|(_, e)| e.purpose_key()));
    keys.extend(
        REGISTRY
            .iter()
            .filter(|t| matches!(t.holds, Holds::Nothing))
            .map(|t| format!("privacy-free-{}", t.name)),
    );
    keys
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    #[test]
    fn no_table_entry_or_column_twice() {
        let mut tables = HashSet::new();
        let mut ids = HashSet::new();
        let mut classified = HashSet::new();
        for t in REGISTRY {
            assert!(tables.insert(t.name), "table {} twice", t.name);
            let Holds::Personal { entries, other } = &t.holds else {
                continue;
            };
            assert!(!entries.is_empty(), "{}: personal without entries", t.name);
            let mut named = HashSet::new();
            for e in entries.iter() {
                assert!(ids.insert(e.id), "entry id {} twice", e.id);
                assert!(!e.columns.is_empty(), "{}: no columns", e.id);
                assert!(!e.basis.is_empty(), "{}: no legal basis", e.id);
                for c in e.columns {
                    assert!(
                        classified.insert((t.name, *c, e.category)),
                        "{}.{c} twice under {:?}",
                        t.name,
                        e.category
                    );
                    named.insert(*c);
                }
            }
            for c in other.iter() {
                assert!(
                    !named.contains(c),
                    "{}.{c} is both personal and not",
                    t.name
                );
            }
        }
    }

    #[test]
    fn every_category_retention_and_erasure_is_used() {
        let used: Vec<&Entry> = entries().map(|(_, e)| e).collect();
        for c in Category::ALL {
            assert!(used.iter().any(|e| e.category == *c), "{c:?} unused");
        }
        for r in Retention::ALL {
            assert!(used.iter().any(|e| e.retention == *r), "{r:?} unused");
        }
        for x in Erasure::ALL {
            assert!(used.iter().any(|e| e.erasure == *x), "{x:?} unused");
        }
    }

    #[test]
    fn special_categories_have_an_article_6_basis_too() {
        for (table, e) in entries() {
            if e.basis.contains(&LegalBasis::ExplicitConsent) {
                assert!(
                    e.basis.iter().any(|b| b.article().contains("6(1)")),
                    "{table}/{}: Art. 9 needs an Art. 6 basis as well",
                    e.id
                );
            }
        }
    }

    #[test]
    fn needs_are_special_category_data_kept_briefly() {
        let needs: Vec<&Entry> = entries()
            .map(|(_, e)| e)
            .filter(|e| e.category == Category::Needs)
            .collect();
        assert!(!needs.is_empty());
        for e in needs {
            assert!(e.basis.contains(&LegalBasis::ExplicitConsent), "{}", e.id);
            assert_eq!(e.retention, Retention::NeedsAfterSession);
            assert_eq!(e.erasure, Erasure::Delete);
        }
    }

    #[test]
    fn every_text_exists_in_both_languages() {
        use crate::domain::Lang;
        let mut missing = Vec::new();
        for key in text_keys() {
            for lang in [Lang::Da, Lang::En] {
                if !crate::i18n::exists(lang, &key) {
                    missing.push(format!("{}: {key}", lang.code()));
                }
            }
        }
        assert!(
            missing.is_empty(),
            "add to templates/locales/*/privacy.ftl: {missing:#?}"
        );
    }
}
