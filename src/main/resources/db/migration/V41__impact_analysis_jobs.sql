-- Issue 13 item 2 (the durable part): impact analyses outlive the JVM that ran them and are visible from every
-- node. A running job writes its progress (heartbeat) every few seconds; a QUEUED or RUNNING job whose heartbeat
-- stopped (its node went down) is marked FAILED by whichever node reads it next. view holds the ImpactAnalysis as
-- the API answers it (counts per program as status transitions, affected decision ids) - no facts, no names.
create table impact_analysis (
    id                 uuid primary key,
    state              varchar(10)  not null,
    candidate_version  varchar(64)  not null,
    candidate_sha256   char(64)     not null,
    total              bigint       not null,
    processed          bigint       not null,
    created_at         timestamp with time zone not null,
    heartbeat_at       timestamp with time zone not null,
    finished_at        timestamp with time zone,
    view               text         not null
);
create index impact_analysis_created on impact_analysis (created_at);
