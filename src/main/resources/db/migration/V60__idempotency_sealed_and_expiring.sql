-- Issue 15: an idempotency record keeps only what a retry needs, and that sealed like other personal data (the
-- first answer can carry a person's facts): AES-GCM under the identity keys, bound to (actor, key). Records expire
-- after refugio.idempotency.retention (24 h by default). Answers stored in plain text before this migration are
-- removed rather than kept readable; a retry of one of them within the upgrade is answered as a new request.
delete from idempotency_record;
alter table idempotency_record drop column body;
alter table idempotency_record add column body_key_id varchar(32);
alter table idempotency_record add column body_nonce bytea;
alter table idempotency_record add column body_sealed bytea;
create index idempotency_record_created_at on idempotency_record (created_at);
