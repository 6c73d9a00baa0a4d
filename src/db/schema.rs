// The one schema both backends share. Only types that SQLite and PostgreSQL
// both have are used; `tests/api/schema.rs` proves that each migration tree
// produces exactly these tables and columns.

diesel::table! {
    regions (id) {
        id -> BigInt,
        name -> Text,
        slug -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    branches (id) {
        id -> BigInt,
        region_id -> BigInt,
        name -> Text,
        slug -> Text,
        is_head_office -> Bool,
        email -> Text,
        phone -> Text,
        address -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    users (id) {
        id -> BigInt,
        email -> Text,
        name -> Text,
        phone -> Nullable<Text>,
        password_hash -> Nullable<Text>,
        email_verified_at -> Nullable<Timestamp>,
        language -> Text,
        deactivated_at -> Nullable<Timestamp>,
        session_epoch -> BigInt,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        calendar_salt -> Nullable<Text>,
        calendar_token_hash -> Nullable<Text>,
        pending_email -> Nullable<Text>,
        erased_at -> Nullable<Timestamp>,
        last_login_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    user_roles (user_id, role) {
        user_id -> BigInt,
        role -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    coordinator_branches (user_id, branch_id) {
        user_id -> BigInt,
        branch_id -> BigInt,
    }
}

diesel::table! {
    volunteers (user_id) {
        user_id -> BigInt,
        branch_id -> BigInt,
        status -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        last_supervision_at -> Nullable<Timestamp>,
        done_minutes -> Integer,
        ready -> Bool,
        ready_until -> Nullable<Date>,
        readiness_at -> Nullable<Timestamp>,
        supervision_due_on -> Nullable<Date>,
        /// A copy of `users.name` kept by triggers, for lists by name.
        user_name -> Text,
        pause_until -> Nullable<Date>,
    }
}

diesel::table! {
    /// How many volunteers a branch has in each status, kept by triggers.
    volunteer_counts (branch_id, status) {
        branch_id -> BigInt,
        status -> Text,
        people -> BigInt,
    }
}

diesel::table! {
    /// How many applications wait in a branch, and how many of those have
    /// had their intro conversation, kept by triggers.
    pending_application_counts (branch_id) {
        branch_id -> BigInt,
        pending -> BigInt,
        after_intro -> BigInt,
    }
}

diesel::table! {
    user_tokens (id) {
        id -> BigInt,
        user_id -> BigInt,
        purpose -> Text,
        token_hash -> Text,
        expires_at -> Timestamp,
        used_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    login_failures (id) {
        id -> BigInt,
        email -> Text,
        ip -> Text,
        failed_at -> Timestamp,
    }
}

diesel::table! {
    reset_requests (id) {
        id -> BigInt,
        email -> Text,
        ip -> Text,
        requested_at -> Timestamp,
    }
}

diesel::table! {
    login_sessions (id) {
        id -> BigInt,
        user_id -> BigInt,
        token_hash -> Text,
        created_at -> Timestamp,
        last_seen_at -> Timestamp,
        proved_at -> Timestamp,
        user_agent -> Text,
        ip -> Text,
    }
}

diesel::table! {
    second_factors (user_id) {
        user_id -> BigInt,
        secret -> Text,
        confirmed_at -> Timestamp,
        last_step -> BigInt,
    }
}

diesel::table! {
    recovery_codes (id) {
        id -> BigInt,
        user_id -> BigInt,
        code_hash -> Text,
        used_at -> Nullable<Timestamp>,
    }
}

diesel::joinable!(login_sessions -> users (user_id));
diesel::joinable!(second_factors -> users (user_id));
diesel::joinable!(recovery_codes -> users (user_id));

diesel::table! {
    outbox (id) {
        id -> BigInt,
        kind -> Text,
        user_id -> Nullable<BigInt>,
        to_email -> Text,
        to_name -> Text,
        language -> Text,
        payload -> Text,
        status -> Text,
        attempts -> Integer,
        next_attempt_at -> Timestamp,
        last_error -> Nullable<Text>,
        sent_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
        message_id -> Text,
        locked_until -> Nullable<Timestamp>,
        subject -> Nullable<Text>,
    }
}

diesel::joinable!(branches -> regions (region_id));
diesel::joinable!(user_roles -> users (user_id));
diesel::joinable!(coordinator_branches -> users (user_id));
diesel::joinable!(coordinator_branches -> branches (branch_id));
diesel::joinable!(volunteers -> users (user_id));
diesel::joinable!(volunteers -> branches (branch_id));
diesel::joinable!(volunteer_counts -> branches (branch_id));
diesel::joinable!(pending_application_counts -> branches (branch_id));
diesel::joinable!(user_tokens -> users (user_id));
diesel::joinable!(outbox -> users (user_id));

diesel::table! {
    sessions (id) {
        id -> BigInt,
        kind -> Text,
        branch_id -> Nullable<BigInt>,
        title -> Text,
        location -> Text,
        online_url -> Nullable<Text>,
        capacity -> Nullable<Integer>,
        enrol_deadline -> Nullable<Timestamp>,
        cancel_deadline -> Nullable<Timestamp>,
        status -> Text,
        cancel_reason -> Nullable<Text>,
        confirmed_count -> Integer,
        waitlist_count -> Integer,
        starts_at -> Timestamp,
        ends_at -> Timestamp,
        version -> BigInt,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    meetings (id) {
        id -> BigInt,
        session_id -> BigInt,
        starts_at -> Timestamp,
        ends_at -> Timestamp,
        location -> Nullable<Text>,
        sequence -> Integer,
        cancelled_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
        online_url -> Nullable<Text>,
        attendance_recorded_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    enrolments (id) {
        id -> BigInt,
        session_id -> BigInt,
        user_id -> BigInt,
        status -> Text,
        queued_at -> Timestamp,
        confirmed_at -> Nullable<Timestamp>,
        cancelled_at -> Nullable<Timestamp>,
        cancelled_by -> Nullable<BigInt>,
        late_cancellation -> Bool,
        refilled -> Bool,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        session_ends_at -> Nullable<Timestamp>,
        session_kind -> Nullable<Text>,
    }
}

diesel::table! {
    attendance (meeting_id, user_id) {
        meeting_id -> BigInt,
        user_id -> BigInt,
        status -> Text,
        minutes -> Integer,
        recorded_by -> Nullable<BigInt>,
        recorded_at -> Timestamp,
        session_kind -> Nullable<Text>,
    }
}

diesel::table! {
    reminders_sent (meeting_id, user_id) {
        meeting_id -> BigInt,
        user_id -> BigInt,
        sent_at -> Timestamp,
    }
}

diesel::joinable!(sessions -> branches (branch_id));
diesel::joinable!(meetings -> sessions (session_id));
diesel::joinable!(enrolments -> sessions (session_id));
diesel::joinable!(attendance -> meetings (meeting_id));

diesel::joinable!(enrolments -> users (user_id));
diesel::joinable!(attendance -> users (user_id));
diesel::joinable!(reminders_sent -> meetings (meeting_id));
diesel::joinable!(reminders_sent -> users (user_id));

diesel::table! {
    volunteer_applications (id) {
        id -> BigInt,
        user_id -> BigInt,
        branch_id -> BigInt,
        study_programme -> Text,
        institution -> Text,
        semester -> Text,
        motivation -> Text,
        availability -> Text,
        heard_from -> Nullable<Text>,
        birth_year -> Nullable<Integer>,
        status -> Text,
        intro_on -> Nullable<Date>,
        intro_outcome -> Nullable<Text>,
        intro_by -> Nullable<BigInt>,
        decided_at -> Nullable<Timestamp>,
        decided_by -> Nullable<BigInt>,
        decision_reason -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    volunteer_status_changes (id) {
        id -> BigInt,
        user_id -> BigInt,
        from_status -> Nullable<Text>,
        to_status -> Text,
        reason -> Nullable<Text>,
        until -> Nullable<Date>,
        cohort_id -> Nullable<BigInt>,
        changed_by -> Nullable<BigInt>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    declaration_requirements (version) {
        version -> Integer,
        required_at -> Timestamp,
        required_by -> Nullable<BigInt>,
    }
}

diesel::table! {
    declaration_signatures (id) {
        id -> BigInt,
        user_id -> BigInt,
        version -> Integer,
        typed_name -> Text,
        signed_at -> Timestamp,
        imported_at -> Nullable<Timestamp>,
        imported_by -> Nullable<BigInt>,
    }
}

diesel::table! {
    prior_training (user_id, module_id) {
        user_id -> BigInt,
        module_id -> Text,
        completed_on -> Nullable<Date>,
        imported_at -> Timestamp,
        imported_by -> Nullable<BigInt>,
    }
}

diesel::table! {
    volunteer_imports (user_id) {
        user_id -> BigInt,
        study_programme -> Nullable<Text>,
        institution -> Nullable<Text>,
        coordinator_notes -> Nullable<Text>,
        last_supervision_at -> Nullable<Timestamp>,
        imported_at -> Timestamp,
        imported_by -> Nullable<BigInt>,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    branch_volunteer_settings (branch_id) {
        branch_id -> BigInt,
        auto_activate -> Bool,
        child_certificate -> Bool,
        updated_by -> Nullable<BigInt>,
        updated_at -> Timestamp,
        supervision_window_months -> Integer,
        reapply_months -> Integer,
        duty_target_min -> Integer,
        duty_target_max -> Integer,
        phone_opens_minute -> Integer,
        phone_closes_minute -> Integer,
    }
}

diesel::table! {
    coordinator_regions (user_id, region_id) {
        user_id -> BigInt,
        region_id -> BigInt,
    }
}

diesel::table! {
    volunteer_moves (id) {
        id -> BigInt,
        user_id -> BigInt,
        from_branch_id -> BigInt,
        to_branch_id -> BigInt,
        moved_by -> Nullable<BigInt>,
        created_at -> Timestamp,
    }
}

diesel::joinable!(coordinator_regions -> users (user_id));
diesel::joinable!(coordinator_regions -> regions (region_id));

diesel::table! {
    volunteer_checks (user_id, kind) {
        user_id -> BigInt,
        kind -> Text,
        checked_on -> Date,
        recorded_by -> Nullable<BigInt>,
        recorded_at -> Timestamp,
    }
}

diesel::table! {
    requirement_grace (user_id, kind) {
        user_id -> BigInt,
        kind -> Text,
        deadline -> Date,
        granted_by -> Nullable<BigInt>,
        granted_at -> Timestamp,
    }
}

diesel::table! {
    cohort_details (session_id) {
        session_id -> BigInt,
        graduation_at -> Nullable<Timestamp>,
        graduation_location -> Nullable<Text>,
    }
}

diesel::table! {
    cohort_meeting_modules (meeting_id, module_id) {
        meeting_id -> BigInt,
        module_id -> Text,
    }
}

diesel::table! {
    cohort_makeups (session_id, user_id) {
        session_id -> BigInt,
        user_id -> BigInt,
        module_id -> Text,
        created_at -> Timestamp,
    }
}

diesel::joinable!(volunteer_applications -> users (user_id));
diesel::joinable!(volunteer_applications -> branches (branch_id));
diesel::joinable!(volunteer_status_changes -> users (user_id));
diesel::joinable!(volunteer_status_changes -> sessions (cohort_id));
diesel::joinable!(declaration_signatures -> users (user_id));
diesel::joinable!(branch_volunteer_settings -> branches (branch_id));
diesel::joinable!(volunteer_checks -> users (user_id));
diesel::joinable!(requirement_grace -> users (user_id));
diesel::joinable!(cohort_details -> sessions (session_id));
diesel::joinable!(cohort_meeting_modules -> meetings (meeting_id));
diesel::joinable!(cohort_makeups -> sessions (session_id));

diesel::table! {
    courses (id) {
        id -> BigInt,
        slug -> Text,
        title -> Text,
        summary -> Text,
        description -> Text,
        audience -> Text,
        target_group -> Text,
        learning_goals -> Text,
        minutes -> Integer,
        format -> Text,
        price_ore -> BigInt,
        vat_note -> Text,
        cancellation_terms -> Text,
        late_free_if_refilled -> Bool,
        region_id -> Nullable<BigInt>,
        published -> Bool,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    bookings (id) {
        id -> BigInt,
        course_id -> BigInt,
        branch_id -> Nullable<BigInt>,
        requester_id -> BigInt,
        organisation -> Text,
        organisation_kind -> Text,
        wished_from -> Date,
        wished_to -> Date,
        participants -> Integer,
        place -> Text,
        contact_name -> Text,
        contact_email -> Text,
        contact_phone -> Text,
        invoice_kind -> Text,
        ean -> Nullable<Text>,
        cvr -> Nullable<Text>,
        invoice_address -> Nullable<Text>,
        reference -> Nullable<Text>,
        message -> Nullable<Text>,
        status -> Text,
        decline_reason -> Nullable<Text>,
        decided_by -> Nullable<BigInt>,
        decided_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        price_ore -> Nullable<BigInt>,
    }
}

diesel::table! {
    genlaer_sessions (session_id) {
        session_id -> BigInt,
        course_id -> BigInt,
        teachers -> Text,
        booking_id -> Nullable<BigInt>,
        link_token_hash -> Nullable<Text>,
        link_salt -> Nullable<Text>,
    }
}

diesel::table! {
    genlaer_enrolments (enrolment_id) {
        enrolment_id -> BigInt,
        name -> Text,
        workplace -> Text,
        job_title -> Text,
        needs -> Nullable<Text>,
        invoice_kind -> Text,
        ean -> Nullable<Text>,
        cvr -> Nullable<Text>,
        invoice_address -> Nullable<Text>,
        reference -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    certificates (id) {
        id -> BigInt,
        code -> Text,
        session_id -> BigInt,
        user_id -> BigInt,
        name -> Text,
        course_title -> Text,
        first_day -> Timestamp,
        last_day -> Timestamp,
        minutes -> Integer,
        issuer -> Text,
        issued_at -> Timestamp,
        learning_goals -> Text,
    }
}

diesel::joinable!(courses -> regions (region_id));
diesel::joinable!(bookings -> courses (course_id));
diesel::joinable!(bookings -> branches (branch_id));
diesel::joinable!(genlaer_sessions -> sessions (session_id));
diesel::joinable!(genlaer_sessions -> courses (course_id));
diesel::joinable!(genlaer_sessions -> bookings (booking_id));
diesel::joinable!(genlaer_enrolments -> enrolments (enrolment_id));
diesel::joinable!(certificates -> sessions (session_id));
diesel::joinable!(certificates -> users (user_id));

diesel::table! {
    supervision_details (session_id) {
        session_id -> BigInt,
        format -> Text,
        supervisor_name -> Text,
        supervisor_kind -> Text,
    }
}

diesel::table! {
    evening_details (session_id) {
        session_id -> BigInt,
        evening_kind -> Text,
        topic -> Text,
        speaker -> Text,
        open_to_other_branches -> Bool,
    }
}

diesel::table! {
    supervision_requests (id) {
        id -> BigInt,
        user_id -> BigInt,
        branch_id -> BigInt,
        status -> Text,
        respond_by -> Timestamp,
        session_id -> Nullable<BigInt>,
        answered_by -> Nullable<BigInt>,
        answered_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    supervision_notices (user_id, kind, due_on) {
        user_id -> BigInt,
        kind -> Text,
        due_on -> Date,
        sent_at -> Timestamp,
    }
}

diesel::joinable!(supervision_details -> sessions (session_id));
diesel::joinable!(supervision_requests -> branches (branch_id));
diesel::joinable!(supervision_notices -> users (user_id));

diesel::table! {
    evening_answers (session_id, user_id) {
        session_id -> BigInt,
        user_id -> BigInt,
        answer -> Text,
        answered_at -> Timestamp,
    }
}

diesel::joinable!(evening_details -> sessions (session_id));
diesel::joinable!(evening_answers -> sessions (session_id));
diesel::joinable!(evening_answers -> users (user_id));

diesel::table! {
    audit_log (id) {
        id -> BigInt,
        at -> Timestamp,
        actor_id -> Nullable<BigInt>,
        client -> Text,
        action -> Text,
        object_kind -> Text,
        object_id -> Nullable<BigInt>,
        object_label -> Nullable<Text>,
        detail -> Nullable<Text>,
    }
}

diesel::table! {
    erasure_requests (id) {
        id -> BigInt,
        user_id -> BigInt,
        requested_at -> Timestamp,
        requested_by -> Nullable<BigInt>,
        withdrawn_at -> Nullable<Timestamp>,
        carried_out_at -> Nullable<Timestamp>,
        carried_out_by -> Nullable<BigInt>,
    }
}

diesel::table! {
    retention_settings (rule) {
        rule -> Text,
        days -> Integer,
        updated_at -> Nullable<Timestamp>,
        updated_by -> Nullable<BigInt>,
    }
}

diesel::table! {
    retention_runs (day, rule) {
        day -> Date,
        rule -> Text,
        ran_at -> Timestamp,
        deleted -> Integer,
    }
}

diesel::table! {
    staff_notification_settings (user_id) {
        user_id -> BigInt,
        digest -> Text,
        immediate -> Bool,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    task_digests (user_id, period) {
        user_id -> BigInt,
        period -> Text,
        tasks -> Integer,
        sent_at -> Timestamp,
    }
}

diesel::joinable!(staff_notification_settings -> users (user_id));
diesel::joinable!(task_digests -> users (user_id));

diesel::table! {
    session_messages (id) {
        id -> BigInt,
        session_id -> BigInt,
        subject -> Text,
        body -> Text,
        sent_by -> Nullable<BigInt>,
        sent_at -> Timestamp,
        recipients -> Integer,
        waiting_list -> Bool,
    }
}

diesel::joinable!(session_messages -> sessions (session_id));

// One list of every table (a second invocation would repeat pairs).
diesel::table! {
    course_modules (id) {
        id -> Text,
        title -> Text,
        minutes -> Integer,
        position -> Integer,
        mandatory -> Bool,
        body -> Text,
        updated_at -> Timestamp,
        updated_by -> Nullable<BigInt>,
    }
}

diesel::table! {
    declaration_versions (version) {
        version -> Integer,
        title -> Text,
        body -> Text,
        valid_from -> Date,
        published_at -> Timestamp,
        published_by -> Nullable<BigInt>,
    }
}

diesel::table! {
    duty_slots (id) {
        id -> BigInt,
        branch_id -> BigInt,
        weekday -> Integer,
        start_minute -> Integer,
        end_minute -> Integer,
        programme -> Text,
        wanted -> Integer,
        valid_from -> Date,
        valid_to -> Date,
        created_at -> Timestamp,
        ended_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    duty_days_off (branch_id, day) {
        branch_id -> BigInt,
        day -> Date,
        created_at -> Timestamp,
    }
}

diesel::table! {
    duty_shifts (session_id) {
        session_id -> BigInt,
        slot_id -> BigInt,
        branch_id -> BigInt,
        day -> Date,
        programme -> Text,
    }
}

diesel::table! {
    duty_offers (session_id, user_id) {
        session_id -> BigInt,
        user_id -> BigInt,
        offered_at -> Timestamp,
        open_until -> Timestamp,
    }
}

diesel::joinable!(duty_slots -> branches (branch_id));
diesel::joinable!(duty_shifts -> sessions (session_id));
diesel::joinable!(duty_shifts -> duty_slots (slot_id));
diesel::joinable!(duty_offers -> users (user_id));

diesel::table! {
    brobygninger (id) {
        id -> BigInt,
        user_id -> Nullable<BigInt>,
        branch_id -> BigInt,
        done_on -> Date,
        programme -> Text,
        minutes -> Integer,
        briefing -> Bool,
        briefed_by -> Nullable<BigInt>,
        debriefing -> Bool,
        debriefed_by -> Nullable<BigInt>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        updated_by -> Nullable<BigInt>,
    }
}

diesel::joinable!(brobygninger -> branches (branch_id));

diesel::table! {
    /// A branch's brobygninger of a month (`month`: its first day) by
    /// programme, briefing and debriefing, kept by triggers.
    brobygning_month_totals (branch_id, month, programme, briefing, debriefing) {
        branch_id -> BigInt,
        month -> Date,
        programme -> Text,
        briefing -> Bool,
        debriefing -> Bool,
        count -> BigInt,
        minutes -> BigInt,
    }
}

diesel::joinable!(brobygning_month_totals -> branches (branch_id));

diesel::table! {
    /// A branch's brobygninger of a month by brobygger (0: the erased),
    /// with a copy of their name, kept by triggers.
    brobygning_month_people (branch_id, month, user_id) {
        branch_id -> BigInt,
        month -> Date,
        user_id -> BigInt,
        user_name -> Text,
        count -> BigInt,
        minutes -> BigInt,
    }
}

diesel::joinable!(brobygning_month_people -> branches (branch_id));

diesel::table! {
    evaluation_links (id) {
        id -> BigInt,
        session_id -> BigInt,
        user_id -> BigInt,
        token_hash -> Text,
        expires_at -> Timestamp,
        used -> Bool,
        created_at -> Timestamp,
    }
}

diesel::table! {
    evaluation_answers (id) {
        id -> Text,
        session_id -> BigInt,
        submitted_on -> Date,
        relevance -> Integer,
        teachers -> Integer,
        transfer -> Integer,
        comment -> Nullable<Text>,
    }
}

diesel::joinable!(evaluation_links -> sessions (session_id));
diesel::joinable!(evaluation_links -> users (user_id));
diesel::joinable!(evaluation_answers -> sessions (session_id));

diesel::table! {
    invoice_counters (year) {
        year -> Integer,
        last_number -> BigInt,
    }
}

diesel::table! {
    invoices (id) {
        id -> BigInt,
        kind -> Text,
        year -> Integer,
        seq -> BigInt,
        number -> Text,
        status -> Text,
        credits_id -> Nullable<BigInt>,
        branch_id -> Nullable<BigInt>,
        session_id -> Nullable<BigInt>,
        booking_id -> Nullable<BigInt>,
        course_title -> Text,
        buyer_name -> Text,
        payer_kind -> Text,
        payer_id -> Text,
        buyer_address -> Nullable<Text>,
        reference -> Nullable<Text>,
        buyer_email -> Nullable<Text>,
        issue_date -> Date,
        due_date -> Date,
        total_ore -> BigInt,
        sent_at -> Nullable<Timestamp>,
        paid_at -> Nullable<Timestamp>,
        created_by -> Nullable<BigInt>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    invoice_lines (id) {
        id -> BigInt,
        invoice_id -> BigInt,
        position -> Integer,
        line_kind -> Text,
        description -> Text,
        participant_name -> Nullable<Text>,
        enrolment_id -> Nullable<BigInt>,
        amount_ore -> BigInt,
        credits_line_id -> Nullable<BigInt>,
    }
}

diesel::joinable!(invoice_lines -> invoices (invoice_id));
diesel::joinable!(invoices -> branches (branch_id));
diesel::joinable!(invoices -> sessions (session_id));

diesel::allow_tables_to_appear_in_same_query!(
    regions,
    duty_slots,
    duty_days_off,
    duty_shifts,
    duty_offers,
    branches,
    users,
    user_roles,
    coordinator_branches,
    coordinator_regions,
    volunteer_moves,
    volunteers,
    volunteer_counts,
    pending_application_counts,
    user_tokens,
    login_failures,
    reset_requests,
    login_sessions,
    second_factors,
    recovery_codes,
    outbox,
    sessions,
    meetings,
    enrolments,
    attendance,
    volunteer_applications,
    volunteer_status_changes,
    declaration_requirements,
    declaration_signatures,
    prior_training,
    volunteer_imports,
    branch_volunteer_settings,
    volunteer_checks,
    requirement_grace,
    cohort_details,
    cohort_meeting_modules,
    cohort_makeups,
    reminders_sent,
    courses,
    bookings,
    genlaer_sessions,
    genlaer_enrolments,
    certificates,
    supervision_details,
    supervision_requests,
    supervision_notices,
    evening_details,
    evening_answers,
    audit_log,
    erasure_requests,
    retention_settings,
    retention_runs,
    staff_notification_settings,
    task_digests,
    session_messages,
    course_modules,
    declaration_versions,
    brobygninger,
    brobygning_month_totals,
    brobygning_month_people,
    evaluation_links,
    evaluation_answers,
    invoice_counters,
    invoices,
    invoice_lines,
);
