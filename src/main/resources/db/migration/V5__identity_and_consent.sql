-- Identifying data of the person of a case (issue 5): sealed with AES-GCM, the key id kept for rotation. The
-- plaintext (name, contact, date of birth, identity numbers, narrative) never reaches another table.
create table person_identity (
    case_id     uuid primary key references legal_aid_case (id),
    key_id      varchar(64) not null,
    nonce       varchar(32) not null,
    ciphertext  text not null,
    updated_at  timestamp with time zone not null,
    updated_by  varchar(200) not null
);

-- Written, time-limited consent to share that data with providers; withdrawn consents stay, marked.
create table consent (
    id                  uuid primary key,
    case_id             uuid not null references legal_aid_case (id),
    scope               varchar(40) not null,
    given_by            varchar(20) not null,
    signed_on           date not null,
    expires_on          date not null,
    provider_id         uuid,
    document_reference  varchar(100),
    recorded_by         varchar(200) not null,
    recorded_at         timestamp with time zone not null,
    withdrawn_by        varchar(200),
    withdrawn_at        timestamp with time zone
);

create index consent_case on consent (case_id);

-- Whether each delivered referral carried identifying data, and under which consent.
alter table referral_delivery add column shared_identity boolean not null default false;
alter table referral_delivery add column consent_id uuid;

-- The default channel's outbox: each referral's notice for a provider, sealed like the vault, for an integration
-- or an operator to pass on.
create table referral_outbox (
    referral_id  uuid primary key references referral (id),
    provider_id  uuid not null,
    key_id       varchar(64) not null,
    nonce        varchar(32) not null,
    payload      text not null,
    created_at   timestamp with time zone not null
);
