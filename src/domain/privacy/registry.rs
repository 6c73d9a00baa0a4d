//! The registry itself: one `Table` per table of `src/db/schema.rs`, in
//! the order of that file. A new table or column fails
//! `tests/api/privacy.rs` until it is added here.

use super::Category::*;
use super::Erasure::*;
use super::Holds::{Nothing, Personal};
use super::LegalBasis::*;
use super::Retention::*;
use super::{Entry, Table};

/// What every enrolment-like row records about its person: a seat and its
/// history.
const SEAT: &[&str] = &[
    "user_id",
    "status",
    "queued_at",
    "confirmed_at",
    "cancelled_at",
    "cancelled_by",
    "late_cancellation",
    "created_at",
    "updated_at",
];

/// What an attendance row records: present or not, and for how long.
const PRESENCE: &[&str] = &["user_id", "status", "minutes", "recorded_at"];

pub static REGISTRY: &[Table] = &[
    Table {
        name: "regions",
        holds: Nothing,
    },
    Table {
        name: "branches",
        holds: Nothing,
    },
    Table {
        name: "users",
        holds: Personal {
            entries: &[
                Entry {
                    id: "users-contact",
                    columns: &[
                        "name",
                        "email",
                        "pending_email",
                        "phone",
                        "language",
                        "created_at",
                        "updated_at",
                    ],
                    category: Contact,
                    basis: &[Contract],
                    retention: AccountInUse,
                    erasure: Anonymise,
                },
                Entry {
                    id: "users-account",
                    columns: &[
                        "password_hash",
                        "email_verified_at",
                        "deactivated_at",
                        "session_epoch",
                        "calendar_salt",
                        "calendar_token_hash",
                        "erased_at",
                        "last_login_at",
                    ],
                    category: Account,
                    basis: &[Contract],
                    retention: AccountInUse,
                    erasure: Delete,
                },
            ],
            other: &[],
        },
    },
    Table {
        name: "user_roles",
        holds: Personal {
            entries: &[Entry {
                id: "user-roles",
                columns: &["user_id", "role", "created_at"],
                category: Account,
                basis: &[Contract],
                retention: AccountInUse,
                erasure: Delete,
            }],
            other: &[],
        },
    },
    Table {
        name: "coordinator_branches",
        holds: Personal {
            entries: &[Entry {
                id: "coordinator-branches",
                columns: &["user_id", "branch_id"],
                category: Account,
                basis: &[Contract],
                retention: AccountInUse,
                erasure: Delete,
            }],
            other: &[],
        },
    },
    Table {
        name: "volunteers",
        holds: Personal {
            entries: &[
                Entry {
                    id: "volunteers-status",
                    columns: &[
                        "user_id",
                        "branch_id",
                        "status",
                        "created_at",
                        "updated_at",
                        // What the pipeline reads of the gate (`db::gate::refresh`).
                        "done_minutes",
                        "ready",
                        "ready_until",
                        "readiness_at",
                        // A copy of `users.name` (kept by triggers) for the
                        // branch's lists by name; erased with the row.
                        "user_name",
                        // The current pause's last day, a copy of its
                        // history row's `until` for the start page's list
                        // of pauses ending (`db::tasks::pauses_ending`).
                        "pause_until",
                    ],
                    category: Volunteering,
                    basis: &[Contract],
                    retention: ThreeYearsInactive,
                    erasure: Delete,
                },
                Entry {
                    id: "volunteers-supervision",
                    // The due date is worked out from the last supervision
                    // (`db::supervision::store_due`).
                    columns: &["last_supervision_at", "supervision_due_on"],
                    category: SupervisionAttendance,
                    basis: &[Contract],
                    retention: SupervisionAfterLeaving,
                    erasure: Delete,
                },
            ],
            other: &[],
        },
    },
    // How many volunteers a branch has in each status (kept by triggers):
    // numbers, nobody in them.
    Table {
        name: "volunteer_counts",
        holds: Nothing,
    },
    // How many applications wait in a branch (kept by triggers): numbers,
    // nobody in them.
    Table {
        name: "pending_application_counts",
        holds: Nothing,
    },
    Table {
        name: "user_tokens",
        holds: Personal {
            entries: &[Entry {
                id: "user-tokens",
                columns: &[
                    "user_id",
                    "purpose",
                    "token_hash",
                    "expires_at",
                    "used_at",
                    "created_at",
                ],
                category: Account,
                basis: &[Contract],
                retention: Token,
                erasure: Delete,
            }],
            other: &[],
        },
    },
    Table {
        name: "login_failures",
        holds: Personal {
            entries: &[Entry {
                id: "login-failures",
                columns: &["email", "ip", "failed_at"],
                category: Logs,
                basis: &[LegitimateInterest],
                retention: Throttle,
                erasure: Delete,
            }],
            other: &[],
        },
    },
    Table {
        name: "reset_requests",
        holds: Personal {
            entries: &[Entry {
                id: "reset-requests",
                columns: &["email", "ip", "requested_at"],
                category: Logs,
                basis: &[LegitimateInterest],
                retention: Throttle,
                erasure: Delete,
            }],
            other: &[],
        },
    },
    Table {
        name: "login_sessions",
        holds: Personal {
            entries: &[Entry {
                id: "login-sessions",
                columns: &[
                    "user_id",
                    "token_hash",
                    "created_at",
                    "last_seen_at",
                    "proved_at",
                    "user_agent",
                    "ip",
                ],
                category: Account,
                basis: &[Contract, LegitimateInterest],
                retention: LoginSession,
                erasure: Delete,
            }],
            other: &[],
        },
    },
    Table {
        name: "second_factors",
        holds: Personal {
            entries: &[Entry {
                id: "second-factors",
                columns: &["user_id", "secret", "confirmed_at", "last_step"],
                category: Account,
                basis: &[LegitimateInterest],
                retention: AccountInUse,
                erasure: Delete,
            }],
            other: &[],
        },
    },
    Table {
        name: "recovery_codes",
        holds: Personal {
            entries: &[Entry {
                id: "recovery-codes",
                columns: &["user_id", "code_hash", "used_at"],
                category: Account,
                basis: &[LegitimateInterest],
                retention: AccountInUse,
                erasure: Delete,
            }],
            other: &[],
        },
    },
    Table {
        name: "outbox",
        holds: Personal {
            entries: &[
                Entry {
                    id: "outbox-body",
                    columns: &["payload"],
                    category: MessagesSent,
                    basis: &[Contract],
                    retention: MessageBody,
                    erasure: Delete,
                },
                Entry {
                    id: "outbox-envelope",
                    columns: &[
                        "user_id",
                        "kind",
                        "to_email",
                        "to_name",
                        "subject",
                        "language",
                        "status",
                        "last_error",
                        "sent_at",
                        "created_at",
                    ],
                    category: MessagesSent,
                    basis: &[LegitimateInterest],
                    retention: MessageEnvelope,
                    erasure: Delete,
                },
            ],
            // Delivery bookkeeping: when to try again, who holds the row,
            // the random Message-ID.
            other: &["next_attempt_at", "locked_until", "message_id"],
        },
    },
    Table {
        name: "sessions",
        holds: Nothing,
    },
    Table {
        name: "meetings",
        holds: Nothing,
    },
    Table {
        name: "enrolments",
        holds: Personal {
            entries: &[
                Entry {
                    id: "enrolments-cohort",
                    columns: SEAT,
                    category: Training,
                    basis: &[Contract],
                    retention: ThreeYearsInactive,
                    erasure: Anonymise,
                },
                Entry {
                    id: "enrolments-supervision",
                    columns: SEAT,
                    category: SupervisionAttendance,
                    basis: &[Contract],
                    retention: SupervisionAfterLeaving,
                    erasure: Delete,
                },
                Entry {
                    id: "enrolments-evening",
                    columns: SEAT,
                    category: Volunteering,
                    basis: &[Contract],
                    retention: ThreeYearsInactive,
                    erasure: Anonymise,
                },
                Entry {
                    id: "enrolments-duty",
                    columns: SEAT,
                    category: Duty,
                    basis: &[Contract],
                    retention: ThreeYearsInactive,
                    erasure: Anonymise,
                },
                Entry {
                    id: "enrolments-genlaer",
                    columns: SEAT,
                    category: GenlaerParticipation,
                    basis: &[Contract],
                    retention: ThreeYearsInactive,
                    erasure: Anonymise,
                },
            ],
            // Copies of the session's last moment and kind.
            other: &["session_ends_at", "session_kind"],
        },
    },
    Table {
        name: "attendance",
        holds: Personal {
            entries: &[
                Entry {
                    id: "attendance-cohort",
                    columns: PRESENCE,
                    category: Training,
                    basis: &[Contract],
                    retention: ThreeYearsInactive,
                    erasure: Anonymise,
                },
                Entry {
                    id: "attendance-supervision",
                    columns: PRESENCE,
                    category: SupervisionAttendance,
                    basis: &[Contract],
                    retention: SupervisionAfterLeaving,
                    erasure: Delete,
                },
                Entry {
                    id: "attendance-genlaer",
                    columns: PRESENCE,
                    category: GenlaerParticipation,
                    basis: &[Contract],
                    retention: ThreeYearsInactive,
                    erasure: Anonymise,
                },
            ],
            // A copy of the meeting's session kind.
            other: &["session_kind"],
        },
    },
    Table {
        name: "reminders_sent",
        holds: Personal {
            entries: &[Entry {
                id: "reminders-sent",
                columns: &["user_id", "sent_at"],
                category: MessagesSent,
                basis: &[Contract],
                retention: MessageEnvelope,
                erasure: Delete,
            }],
            other: &[],
        },
    },
    Table {
        name: "volunteer_applications",
        holds: Personal {
            entries: &[Entry {
                id: "volunteer-applications",
                columns: &[
                    "user_id",
                    "branch_id",
                    "study_programme",
                    "institution",
                    "semester",
                    "motivation",
                    "availability",
                    "heard_from",
                    "birth_year",
                    "status",
                    "intro_on",
                    "intro_outcome",
                    "decided_at",
                    "decision_reason",
                    "created_at",
                    "updated_at",
                ],
                category: Application,
                basis: &[Contract],
                retention: DeclinedApplication,
                erasure: Delete,
            }],
            other: &[],
        },
    },
    Table {
        name: "volunteer_status_changes",
        holds: Personal {
            entries: &[Entry {
                id: "volunteer-status-changes",
                columns: &[
                    "user_id",
                    "from_status",
                    "to_status",
                    "reason",
                    "until",
                    "created_at",
                ],
                category: Volunteering,
                basis: &[Contract, LegitimateInterest],
                retention: ThreeYearsInactive,
                erasure: Anonymise,
            }],
            other: &[],
        },
    },
    Table {
        name: "declaration_requirements",
        holds: Nothing,
    },
    Table {
        name: "declaration_versions",
        holds: Nothing,
    },
    Table {
        name: "course_modules",
        holds: Nothing,
    },
    Table {
        name: "declaration_signatures",
        holds: Personal {
            entries: &[Entry {
                id: "declaration-signatures",
                columns: &[
                    "user_id",
                    "version",
                    "typed_name",
                    "signed_at",
                    "imported_at",
                    "imported_by",
                ],
                category: Declaration,
                basis: &[Contract, LegitimateInterest],
                retention: ThreeYearsInactive,
                erasure: Delete,
            }],
            other: &[],
        },
    },
    Table {
        name: "branch_volunteer_settings",
        holds: Nothing,
    },
    Table {
        name: "coordinator_regions",
        holds: Personal {
            entries: &[Entry {
                id: "coordinator-regions",
                columns: &["user_id", "region_id"],
                category: Account,
                basis: &[Contract],
                retention: AccountInUse,
                erasure: Delete,
            }],
            other: &[],
        },
    },
    Table {
        name: "volunteer_moves",
        holds: Personal {
            entries: &[Entry {
                id: "volunteer-moves",
                columns: &["user_id", "from_branch_id", "to_branch_id", "created_at"],
                category: Volunteering,
                basis: &[Contract],
                retention: ThreeYearsInactive,
                erasure: Delete,
            }],
            other: &[],
        },
    },
    Table {
        name: "volunteer_checks",
        holds: Personal {
            entries: &[Entry {
                id: "volunteer-checks",
                columns: &["user_id", "kind", "checked_on", "recorded_at"],
                category: Volunteering,
                basis: &[LegalObligation],
                retention: UntilLeaving,
                erasure: Delete,
            }],
            other: &[],
        },
    },
    Table {
        name: "requirement_grace",
        holds: Personal {
            entries: &[Entry {
                id: "requirement-grace",
                columns: &["user_id", "kind", "deadline", "granted_at"],
                category: Volunteering,
                basis: &[Contract],
                retention: UntilLeaving,
                erasure: Delete,
            }],
            other: &[],
        },
    },
    Table {
        name: "cohort_details",
        holds: Nothing,
    },
    Table {
        name: "cohort_meeting_modules",
        holds: Nothing,
    },
    Table {
        name: "cohort_makeups",
        holds: Personal {
            entries: &[Entry {
                id: "cohort-makeups",
                columns: &["user_id", "module_id", "created_at"],
                category: Training,
                basis: &[Contract],
                retention: ThreeYearsInactive,
                erasure: Delete,
            }],
            other: &[],
        },
    },
    Table {
        name: "courses",
        holds: Nothing,
    },
    Table {
        name: "bookings",
        holds: Personal {
            entries: &[
                Entry {
                    id: "bookings-contact",
                    columns: &[
                        "requester_id",
                        "contact_name",
                        "contact_email",
                        "contact_phone",
                        "message",
                    ],
                    category: Contact,
                    basis: &[Contract],
                    retention: ThreeYearsInactive,
                    erasure: Anonymise,
                },
                Entry {
                    id: "bookings-invoice",
                    columns: &[
                        "organisation",
                        "organisation_kind",
                        "invoice_kind",
                        "ean",
                        "cvr",
                        "invoice_address",
                        "reference",
                    ],
                    category: Invoice,
                    basis: &[Contract, LegalObligation],
                    retention: Bookkeeping,
                    erasure: KeepForBookkeeping,
                },
            ],
            // The organisation's wish and the coordinator's answer: about
            // the booking, not about its contact person.
            other: &[
                "wished_from",
                "wished_to",
                "place",
                "status",
                "decline_reason",
                "decided_at",
                "created_at",
                "updated_at",
            ],
        },
    },
    Table {
        name: "invoice_counters",
        holds: Nothing,
    },
    Table {
        name: "invoices",
        holds: Personal {
            entries: &[Entry {
                id: "invoices",
                columns: &[
                    "buyer_name",
                    "payer_id",
                    "buyer_address",
                    "reference",
                    "buyer_email",
                    "created_by",
                ],
                category: Invoice,
                basis: &[Contract, LegalObligation],
                retention: Bookkeeping,
                erasure: KeepForBookkeeping,
            }],
            // The document itself: its kind, number, state, course and dates.
            other: &[
                "kind",
                "number",
                "status",
                "course_title",
                "payer_kind",
                "issue_date",
                "due_date",
                "sent_at",
                "paid_at",
                "created_at",
                "updated_at",
            ],
        },
    },
    Table {
        name: "invoice_lines",
        holds: Personal {
            entries: &[Entry {
                id: "invoice-lines",
                columns: &["participant_name", "enrolment_id"],
                category: Invoice,
                basis: &[Contract, LegalObligation],
                retention: Bookkeeping,
                erasure: KeepForBookkeeping,
            }],
            other: &["line_kind", "description"],
        },
    },
    Table {
        name: "genlaer_sessions",
        holds: Personal {
            entries: &[Entry {
                id: "genlaer-teachers",
                columns: &["teachers"],
                category: Contact,
                basis: &[LegitimateInterest],
                retention: Programme,
                erasure: Anonymise,
            }],
            // The private enrolment link of a booked session.
            other: &["link_token_hash", "link_salt"],
        },
    },
    Table {
        name: "genlaer_enrolments",
        holds: Personal {
            entries: &[
                Entry {
                    id: "genlaer-participants",
                    columns: &["name", "workplace", "job_title", "created_at"],
                    category: GenlaerParticipation,
                    basis: &[Contract],
                    retention: ThreeYearsInactive,
                    erasure: Anonymise,
                },
                Entry {
                    id: "genlaer-needs",
                    columns: &["needs"],
                    category: Needs,
                    basis: &[Contract, ExplicitConsent],
                    retention: NeedsAfterSession,
                    erasure: Delete,
                },
                Entry {
                    id: "genlaer-invoice",
                    columns: &["invoice_kind", "ean", "cvr", "invoice_address", "reference"],
                    category: Invoice,
                    basis: &[Contract, LegalObligation],
                    retention: Bookkeeping,
                    erasure: KeepForBookkeeping,
                },
            ],
            other: &[],
        },
    },
    Table {
        name: "certificates",
        holds: Personal {
            entries: &[Entry {
                id: "certificates",
                columns: &[
                    "user_id",
                    "code",
                    "name",
                    "course_title",
                    "first_day",
                    "last_day",
                    "minutes",
                    "issuer",
                    "issued_at",
                ],
                category: GenlaerParticipation,
                basis: &[Contract, LegitimateInterest],
                retention: Certificate,
                erasure: KeepCertificate,
            }],
            other: &["learning_goals"],
        },
    },
    Table {
        name: "supervision_details",
        holds: Personal {
            entries: &[Entry {
                id: "supervisors",
                columns: &["supervisor_name"],
                category: Contact,
                basis: &[LegitimateInterest],
                retention: Programme,
                erasure: Anonymise,
            }],
            other: &["format", "supervisor_kind"],
        },
    },
    Table {
        name: "evening_details",
        holds: Personal {
            entries: &[Entry {
                id: "evening-speakers",
                columns: &["speaker"],
                category: Contact,
                basis: &[LegitimateInterest],
                retention: Programme,
                erasure: Anonymise,
            }],
            other: &["evening_kind", "topic"],
        },
    },
    Table {
        name: "supervision_requests",
        holds: Personal {
            entries: &[Entry {
                id: "supervision-requests",
                columns: &[
                    "user_id",
                    "branch_id",
                    "status",
                    "respond_by",
                    "session_id",
                    "answered_at",
                    "created_at",
                ],
                category: SupervisionAttendance,
                basis: &[Contract],
                retention: SupervisionAfterLeaving,
                erasure: Delete,
            }],
            other: &[],
        },
    },
    Table {
        name: "supervision_notices",
        holds: Personal {
            entries: &[Entry {
                id: "supervision-notices",
                columns: &["user_id", "kind", "due_on", "sent_at"],
                category: SupervisionAttendance,
                basis: &[Contract],
                retention: SupervisionAfterLeaving,
                erasure: Delete,
            }],
            other: &[],
        },
    },
    Table {
        name: "evening_answers",
        holds: Personal {
            entries: &[Entry {
                id: "evening-answers",
                columns: &["user_id", "answer", "answered_at"],
                category: Volunteering,
                basis: &[Contract],
                retention: ThreeYearsInactive,
                erasure: Delete,
            }],
            other: &[],
        },
    },
    Table {
        name: "duty_slots",
        holds: Nothing,
    },
    Table {
        name: "duty_days_off",
        holds: Nothing,
    },
    Table {
        name: "duty_shifts",
        holds: Nothing,
    },
    Table {
        name: "duty_offers",
        holds: Personal {
            entries: &[Entry {
                id: "duty-offers",
                columns: &["user_id", "offered_at", "open_until"],
                category: Duty,
                basis: &[Contract],
                retention: ThreeYearsInactive,
                erasure: Delete,
            }],
            other: &[],
        },
    },
    Table {
        name: "prior_training",
        holds: Personal {
            entries: &[Entry {
                id: "prior-training",
                columns: &[
                    "user_id",
                    "module_id",
                    "completed_on",
                    "imported_at",
                    "imported_by",
                ],
                category: Training,
                basis: &[Contract],
                retention: ThreeYearsInactive,
                erasure: Anonymise,
            }],
            other: &[],
        },
    },
    Table {
        name: "volunteer_imports",
        holds: Personal {
            entries: &[
                Entry {
                    id: "volunteer-imports-record",
                    columns: &["user_id", "imported_at", "imported_by", "updated_at"],
                    category: Volunteering,
                    basis: &[Contract],
                    retention: ThreeYearsInactive,
                    erasure: Delete,
                },
                Entry {
                    id: "volunteer-imports-studies",
                    columns: &["study_programme", "institution"],
                    category: Application,
                    basis: &[Contract],
                    retention: ThreeYearsInactive,
                    erasure: Delete,
                },
                Entry {
                    id: "volunteer-imports-notes",
                    columns: &["coordinator_notes"],
                    category: Volunteering,
                    basis: &[LegitimateInterest],
                    retention: ThreeYearsInactive,
                    erasure: Delete,
                },
                Entry {
                    id: "volunteer-imports-supervision",
                    columns: &["last_supervision_at"],
                    category: SupervisionAttendance,
                    basis: &[Contract],
                    retention: SupervisionAfterLeaving,
                    erasure: Delete,
                },
            ],
            other: &[],
        },
    },
    Table {
        name: "audit_log",
        holds: Personal {
            entries: &[Entry {
                id: "audit-log",
                columns: &[
                    "at",
                    "actor_id",
                    "client",
                    "action",
                    "object_kind",
                    "object_id",
                    "object_label",
                    "detail",
                ],
                category: Logs,
                basis: &[LegitimateInterest],
                retention: AuditTrail,
                erasure: Anonymise,
            }],
            other: &[],
        },
    },
    Table {
        name: "session_messages",
        holds: Personal {
            entries: &[Entry {
                id: "session-messages",
                columns: &["subject", "body", "sent_by", "sent_at"],
                category: MessagesSent,
                basis: &[LegitimateInterest],
                retention: Programme,
                erasure: Anonymise,
            }],
            other: &["recipients", "waiting_list"],
        },
    },
    Table {
        name: "erasure_requests",
        holds: Personal {
            entries: &[Entry {
                id: "erasure-requests",
                columns: &[
                    "user_id",
                    "requested_at",
                    "requested_by",
                    "withdrawn_at",
                    "carried_out_at",
                    "carried_out_by",
                ],
                category: Logs,
                basis: &[LegalObligation],
                retention: AuditTrail,
                erasure: Anonymise,
            }],
            other: &[],
        },
    },
    Table {
        name: "retention_settings",
        holds: Nothing,
    },
    Table {
        name: "retention_runs",
        holds: Nothing,
    },
    Table {
        name: "staff_notification_settings",
        holds: Personal {
            entries: &[Entry {
                id: "staff-notifications",
                columns: &["user_id", "digest", "updated_at"],
                category: Account,
                basis: &[Contract],
                retention: AccountInUse,
                erasure: Delete,
            }],
            other: &[],
        },
    },
    Table {
        name: "task_digests",
        holds: Personal {
            entries: &[Entry {
                id: "task-digests",
                columns: &["user_id", "period", "sent_at"],
                category: Account,
                basis: &[Contract],
                retention: AccountInUse,
                erasure: Delete,
            }],
            other: &[],
        },
    },
    Table {
        name: "brobygninger",
        holds: Personal {
            entries: &[Entry {
                id: "brobygninger",
                columns: &[
                    "user_id",
                    "branch_id",
                    "done_on",
                    "programme",
                    "minutes",
                    "briefing",
                    "briefed_by",
                    "debriefing",
                    "debriefed_by",
                    "created_at",
                    "updated_at",
                    "updated_by",
                ],
                category: Volunteering,
                basis: &[Contract],
                retention: ThreeYearsInactive,
                erasure: Anonymise,
            }],
            other: &[],
        },
    },
    // A branch's month of brobygninger summed (kept by triggers): numbers,
    // nobody in them.
    Table {
        name: "brobygning_month_totals",
        holds: Nothing,
    },
    // The same by brobygger, with a copy of their name for the month's
    // list by name; on erasure their sums join the erased's (user_id 0).
    Table {
        name: "brobygning_month_people",
        holds: Personal {
            entries: &[Entry {
                id: "brobygning-month-people",
                columns: &[
                    "user_id",
                    "branch_id",
                    "month",
                    "user_name",
                    "count",
                    "minutes",
                ],
                category: Volunteering,
                basis: &[Contract],
                retention: ThreeYearsInactive,
                erasure: Anonymise,
            }],
            other: &[],
        },
    },
    Table {
        name: "evaluation_links",
        holds: Personal {
            entries: &[Entry {
                id: "evaluation-links",
                columns: &["user_id", "token_hash", "used", "expires_at", "created_at"],
                category: GenlaerParticipation,
                basis: &[LegitimateInterest],
                retention: Token,
                erasure: Delete,
            }],
            other: &[],
        },
    },
    // Anonymous by construction: no person, no link, a random key and the
    // day only (`db::evaluations`). The form asks for no names in the
    // comment and refuses CPR numbers.
    Table {
        name: "evaluation_answers",
        holds: Nothing,
    },
];
