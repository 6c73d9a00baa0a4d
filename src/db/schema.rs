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
    }
}

diesel::joinable!(branches -> regions (region_id));
diesel::joinable!(user_roles -> users (user_id));
diesel::joinable!(coordinator_branches -> users (user_id));
diesel::joinable!(coordinator_branches -> branches (branch_id));
diesel::joinable!(volunteers -> users (user_id));
diesel::joinable!(volunteers -> branches (branch_id));
diesel::joinable!(user_tokens -> users (user_id));
diesel::joinable!(outbox -> users (user_id));

diesel::allow_tables_to_appear_in_same_query!(
    regions,
    branches,
    users,
    user_roles,
    coordinator_branches,
    volunteers,
    user_tokens,
    login_failures,
    outbox,
);
