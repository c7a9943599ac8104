-- Issue 15 item 3: retention. A purged screening keeps its id, dates, ruleset, program outcomes and rules fired
-- (codes, which reports and the auditor search read) and loses its facts and decision text; a purged case keeps its
-- status, dates and routing codes and loses its identity and free text. purged_at says when; the audit trail holds
-- a SCREENING_PURGED / CASE_PURGED record for each, which is what lets the chain verify without the facts.
alter table screening_decision add column purged_at timestamp with time zone;
alter table screening_decision alter column facts drop not null;
alter table screening_decision alter column decision drop not null;
alter table legal_aid_case add column purged_at timestamp with time zone;

-- The purge job looks for closed cases by closure time (screenings by decided_at have their index since V1).
create index legal_aid_case_closed_at on legal_aid_case (closed_at);
