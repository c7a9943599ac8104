-- Who created each screening, so an intake system reads only its own (issue 5). Existing rows predate it.
alter table screening_decision add column created_by varchar(200);

-- The first answer to each Idempotency-Key, per actor; written in the same transaction as what it created.
create table idempotency_record (
    actor            varchar(200) not null,
    idempotency_key  varchar(200) not null,
    path             varchar(500) not null,
    request_sha256   char(64) not null,
    status           integer,
    content_type     varchar(200),
    location         varchar(500),
    body             text,
    created_at       timestamp with time zone not null,
    primary key (actor, idempotency_key)
);
