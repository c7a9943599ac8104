-- Issue 12, item 3: status callbacks for intake systems. An admin registers, per intake client (the id a case
-- records as opened_by), a URL that receives every status change of that client's cases, signed (Standard Webhooks)
-- with a secret of its own. The secret is sealed like other secrets (AES-256-GCM under the identity keys, bound to
-- the subscription's id); after a rotation the replaced one keeps signing alongside until previous_until.
create table callback_subscription (
    id                 uuid primary key,
    client_id          varchar(200) not null,
    -- The client's id while the subscription is in force, null once deleted: one subscription in force per client.
    active_client_id   varchar(200) unique,
    url                varchar(2000) not null,
    secret_key_id      varchar(32) not null,
    secret_nonce       bytea not null,
    secret_sealed      bytea not null,
    previous_key_id    varchar(32),
    previous_nonce     bytea,
    previous_sealed    bytea,
    previous_until     timestamp with time zone,
    created_at         timestamp with time zone not null,
    created_by         varchar(200) not null,
    secret_rotated_at  timestamp with time zone,
    deleted_at         timestamp with time zone,
    deleted_by         varchar(200)
);
create index callback_subscription_created on callback_subscription (created_at, id);

-- The durable queue and the log in one: a row per status change and subscription, written in the transaction of
-- the change (so it exists exactly when the change does) and drained after the commit by the callback worker.
-- The body holds ids and codes only and is sent unchanged on every attempt, with the same webhook_id. A worker
-- leases a row while it sends (lease_until): a row whose worker died is taken again once the lease has passed.
create table callback_delivery (
    id                    uuid primary key,
    subscription_id       uuid not null references callback_subscription (id),
    webhook_id            varchar(80) not null unique,
    event_type            varchar(40) not null,
    case_id               uuid not null,
    referral_id           uuid,
    payload               varchar(4000) not null,
    occurred_at           timestamp with time zone not null,
    created_at            timestamp with time zone not null,
    status                varchar(12) not null check (status in ('PENDING', 'DELIVERED', 'FAILED', 'CANCELLED')),
    next_attempt_at       timestamp with time zone,
    lease_token           uuid,
    lease_until           timestamp with time zone,
    attempts              integer not null default 0,
    failures_in_row       integer not null default 0,
    replays               integer not null default 0,
    last_attempt_at       timestamp with time zone,
    last_response_status  integer,
    last_error            varchar(200),
    delivered_at          timestamp with time zone
);
create index callback_delivery_due on callback_delivery (status, next_attempt_at);
create index callback_delivery_log on callback_delivery (subscription_id, created_at, id);
