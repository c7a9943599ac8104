-- Cases routed to legal aid, the provider directory, and every referral made for a case (issue 3).
-- The facts of a case live in screening_decision (V1); the workflow engine's variables hold only the case id
-- and routing facts (8 U.S.C. 1367). Runs on PostgreSQL and on H2 in PostgreSQL mode.

create table legal_aid_provider (
    id                 uuid primary key,
    name               varchar(200) not null,
    -- LSC: receives LSC money (subgrantees too, 1610.5(a)); NON_LSC: takes none; MEXICAN: Mexican organisation.
    funding_type       varchar(16) not null check (funding_type in ('LSC', 'NON_LSC', 'MEXICAN')),
    -- An LSC recipient with non-LSC funds it may spend without an income test (LSC-F-07).
    non_lsc_funds      boolean not null,
    serves_youth       boolean not null,
    detention_capable  boolean not null,
    -- How many referrals the provider can have open (proposed or awaiting its answer) at once.
    capacity           integer not null check (capacity >= 0),
    intake_contact     varchar(320),
    active             boolean not null,
    demo_data          boolean not null,
    created_at         timestamp with time zone not null,
    updated_at         timestamp with time zone not null
);

create table legal_aid_provider_language (
    provider_id  uuid not null references legal_aid_provider (id) on delete cascade,
    language     varchar(16) not null,
    primary key (provider_id, language)
);

-- US (the whole country), US-TX (one state), MX (Mexico).
create table legal_aid_provider_region (
    provider_id  uuid not null references legal_aid_provider (id) on delete cascade,
    region       varchar(16) not null,
    primary key (provider_id, region)
);

create table legal_aid_case (
    id                     uuid primary key,
    status                 varchar(32) not null
                           check (status in ('REFERRAL_PENDING', 'REFERRAL_ACCEPTED', 'CLIENT_DECLINED_REFERRAL')),
    opened_at              timestamp with time zone not null,
    opened_by              varchar(200) not null,
    -- Facts waiting for the workflow's screening step; emptied once screened (the decision keeps them).
    pending_facts          text,
    screening_id           uuid references screening_decision (id),
    client_languages       varchar(200) not null,
    -- Routing facts from the latest screening (LA-02, LA-03); null Booleans are unknown.
    target                 varchar(40),
    alternative_targets    varchar(200),
    lsc_scope              varchar(16),
    urgent                 boolean,
    urgency_reasons        varchar(200),
    minor                  boolean,
    country                varchar(8),
    state                  varchar(8),
    detained               boolean,
    needs_more_information boolean,
    closed_at              timestamp with time zone,
    closed_by              varchar(200),
    closing_reason_code    varchar(40),
    closing_reason         varchar(2000)
);

create index legal_aid_case_status on legal_aid_case (status, opened_at);

-- Every screening a case went through: the first, and each re-screen with follow-up facts.
create table case_screening (
    case_id       uuid not null references legal_aid_case (id),
    screening_id  uuid not null references screening_decision (id),
    screened_at   timestamp with time zone not null,
    trigger_kind  varchar(16) not null check (trigger_kind in ('INTAKE', 'FROM_SCREENING', 'RESCREEN')),
    primary key (case_id, screening_id)
);

create table referral (
    id                    uuid primary key,
    case_id               uuid not null references legal_aid_case (id),
    attempt               integer not null,
    provider_id           uuid not null references legal_aid_provider (id),
    target                varchar(40) not null,
    status                varchar(24) not null
                          check (status in ('PROPOSED', 'SENT', 'ACCEPTED', 'DECLINED', 'NO_RESPONSE',
                                            'SUPERSEDED', 'WITHDRAWN')),
    chosen_by             varchar(16) not null check (chosen_by in ('RULES', 'CASEWORKER', 'SUPERVISOR')),
    chosen_by_user        varchar(200),
    choice_reason_code    varchar(40),
    choice_reason         varchar(2000),
    rule_ids              varchar(500) not null,
    -- Why the rules (or a person) chose the provider: rule IDs with message keys, rendered in English and Spanish.
    routing_reasons       text,
    proposed_at           timestamp with time zone not null,
    reviewed_at           timestamp with time zone,
    reviewed_by           varchar(200),
    review_outcome        varchar(32),
    sent_at               timestamp with time zone,
    response_due_at       timestamp with time zone,
    responded_at          timestamp with time zone,
    responded_by          varchar(200),
    response_reason_code  varchar(40),
    response_reason       varchar(2000),
    unique (case_id, attempt)
);

create index referral_provider_status on referral (provider_id, status);

-- One row per referral handed to the delivery channel: the idempotency guard of the "send referral" step, so a
-- retried job never delivers twice.
create table referral_delivery (
    referral_id   uuid primary key references referral (id),
    delivered_at  timestamp with time zone not null,
    channel       varchar(40) not null
);
