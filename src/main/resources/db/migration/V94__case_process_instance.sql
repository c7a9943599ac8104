-- Issue 14: the id of the case's referral process instance, as the workflow engine returned it when the case was
-- opened. The workflow finds the process by this id (a primary-key read) instead of by the case id as business key,
-- which on a young, never-analysed ACT_RU_EXECUTION cost 2.6 ms per case (BENCHMARKS.md, fifth round). Null for
-- cases opened before this version: the workflow finds those by business key, as before. Camunda ids are at most
-- 64 characters (ACT_RU_EXECUTION.ID_).
alter table legal_aid_case add column process_instance_id varchar(64);
