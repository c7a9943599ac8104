-- The auditor trail (issue 4). Portable DDL for PostgreSQL and H2 in PostgreSQL mode; the triggers that make
-- the log append-only differ per database and are installed by org.refugio.audit.V3_1__AuditLogAppendOnly.

-- Every ruleset that ever made a decision, by the SHA-256 of its content, so a decision can be replayed with
-- the exact law it was made under. files is a ZIP archive of rules/; loading it recomputes the hash.
create table ruleset_version (
    sha256         char(64) primary key,
    version        varchar(64) not null,
    first_used_at  timestamp with time zone not null,
    file_count     integer not null,
    files          bytea not null
);

-- The decision log. Nothing here names a person: facts and the stored decision are referenced by keyed digest
-- (HMAC-SHA256), and detail holds codes, rule IDs, citations and statuses only. Each record's digest is an
-- HMAC over the previous record's digest and the record's canonical JSON (see AuditRecordCodec), so a record
-- cannot be altered, removed or slipped in without breaking the chain.
create table audit_log (
    seq              bigint primary key,
    recorded_at      timestamp with time zone not null,
    actor            varchar(128) not null,
    action           varchar(64) not null,
    subject_id       varchar(128),
    decision_id      uuid,
    ruleset_version  varchar(64),
    ruleset_sha256   char(64) references ruleset_version (sha256),
    facts_digest     char(64),
    detail           text not null,
    key_id           varchar(32) not null,
    prev_digest      char(64) not null,
    digest           char(64) not null
);

create index audit_log_recorded_at on audit_log (recorded_at);
create index audit_log_decision on audit_log (decision_id);
create index audit_log_action on audit_log (action, seq);

-- The end of the chain. Writers lock this one row (SELECT ... FOR UPDATE) to take the next sequence number and
-- the previous digest, so the chain stays linear however many transactions write at once. Verification also
-- checks that the last record is the one the head names, which shows records cut off the end.
create table audit_chain_head (
    id           integer primary key check (id = 1),
    last_seq     bigint not null,
    last_digest  char(64) not null
);

insert into audit_chain_head (id, last_seq, last_digest)
values (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- Which rules decided which decision, so auditors can find every decision a rule took part in.
create table screening_rule_fired (
    decision_id  uuid not null references screening_decision (id),
    rule_id      varchar(64) not null,
    primary key (decision_id, rule_id)
);

create index screening_rule_fired_rule on screening_rule_fired (rule_id);
create index screening_decision_ruleset on screening_decision (ruleset_version, decided_at);
