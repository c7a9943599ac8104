-- Every screening decision, as made: the facts as received, the decision with both languages, and the exact
-- ruleset (version and content hash) that made it. Runs on PostgreSQL and on H2 in PostgreSQL mode.
create table screening_decision (
    id               uuid primary key,
    decided_at       timestamp with time zone not null,
    as_of_date       date not null,
    ruleset_version  varchar(64) not null,
    ruleset_sha256   char(64) not null,
    facts            text not null,
    decision         text not null
);

create index screening_decision_decided_at on screening_decision (decided_at);

-- One row per program, so decisions can be found by outcome without parsing the stored JSON.
create table screening_program_outcome (
    decision_id  uuid not null references screening_decision (id),
    program      varchar(40) not null,
    status       varchar(32) not null,
    primary key (decision_id, program)
);

create index screening_program_outcome_status on screening_program_outcome (program, status);
