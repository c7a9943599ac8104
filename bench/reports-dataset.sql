-- Issue 13: a benchmark data set for the aggregate reports. Inserts :rows (default one million) screening decisions
-- spread over the last 365 days into a PostgreSQL database that Flyway has migrated (start the service on it once),
-- each with its per-program outcomes, and 2% as many cases with a referral each (accepted, declined, unanswered or
-- the client declining), so every report has something to count. The decisions are small synthetic ones (no facts,
-- codes only) marked ruleset_version 'bench'; never run this on a database with real data.
--
--   createdb -h 127.0.0.1 -U postgres refugio_bench_reports
--   (start the service once on it so Flyway migrates it, or run ReportBenchmark, which does)
--   psql -h 127.0.0.1 -U postgres -d refugio_bench_reports -v rows=1000000 -f bench/reports-dataset.sql
--
-- The read model of the reports (report_screening_month) is emptied at the end: the service refills it from the
-- stored decisions when it starts (ScreeningRollup.fillWhenEmpty), which is itself part of what is measured.
\set ON_ERROR_STOP on
\if :{?rows}
\else
  \set rows 1000000
\endif
\timing on

create temporary table bench_screening as
select gen_random_uuid() as id,
       now() - random() * interval '365 days' as decided_at,
       (array['ELIGIBLE','LIKELY_ELIGIBLE','NEEDS_MORE_INFORMATION','NOT_ELIGIBLE'])[1 + floor(random() * 4)::int] as t1,
       (array['ELIGIBLE','LIKELY_ELIGIBLE','NEEDS_MORE_INFORMATION','NOT_ELIGIBLE'])[1 + floor(random() * 4)::int] as u,
       (array['ELIGIBLE','LIKELY_ELIGIBLE','NEEDS_MORE_INFORMATION','NOT_ELIGIBLE'])[1 + floor(random() * 4)::int] as lsc,
       (array['T1-01','T1-02','T1-03','T1-04','T1-05','T1-06','T1-07'])[1 + floor(random() * 7)::int] as t1c,
       (array['U-01','U-02','U-03','U-04','U-05'])[1 + floor(random() * 5)::int] as uc,
       (array['LSC-A-OUT','LSC-F-OUT','LSC-A-02','LSC-F-03'])[1 + floor(random() * 4)::int] as lscc
from generate_series(1, :rows);

insert into screening_decision (id, decided_at, as_of_date, ruleset_version, ruleset_sha256, created_by, facts, decision)
select id, decided_at, cast(decided_at as date), 'bench', repeat('b', 64), 'bench-generator', '{}',
       json_build_object('id', id, 'programs', json_build_array(
           json_build_object('program', 'T1_PRINCIPAL', 'status', t1, 'criteria', json_build_array(
               json_build_object('criterion', t1c, 'ruleId', t1c || '(a)', 'status', t1, 'decisive', true))),
           json_build_object('program', 'U_VISA', 'status', u, 'criteria', json_build_array(
               json_build_object('criterion', uc, 'ruleId', uc || '(a)', 'status', u, 'decisive', true))),
           json_build_object('program', 'LSC_LEGAL_AID', 'status', lsc, 'criteria', json_build_array(
               json_build_object('criterion', lscc, 'ruleId', lscc || '(a)', 'status', lsc, 'decisive', true)))))::text
from bench_screening;

insert into screening_program_outcome (decision_id, program, status)
select id, 'T1_PRINCIPAL', t1 from bench_screening
union all select id, 'U_VISA', u from bench_screening
union all select id, 'LSC_LEGAL_AID', lsc from bench_screening;

-- Cases: 2% of the screenings, each with one referral to one of the providers (a few bench providers are added).
insert into legal_aid_provider (id, name, funding_type, non_lsc_funds, serves_youth, detention_capable, capacity,
                                active, demo_data, created_at, updated_at)
select gen_random_uuid(), '[BENCH] Provider ' || n, (array['LSC','NON_LSC','MEXICAN'])[1 + n % 3], false, true, true,
       1000000, true, true, now(), now()
from generate_series(1, 6) n;

create temporary table bench_case as
select gen_random_uuid() as id, s.id as screening_id, s.decided_at as opened_at,
       (array['es','en','es,en','mam','es,mam'])[1 + floor(random() * 5)::int] as languages,
       (array['ACCEPTED','ACCEPTED','ACCEPTED','DECLINED','NO_RESPONSE','CLIENT'])[1 + floor(random() * 6)::int] as outcome,
       random() * interval '10 days' as took
from bench_screening s where random() < 0.02;

insert into legal_aid_case (id, status, opened_at, opened_by, screening_id, client_languages, closed_at, closing_reason_code)
select id, case outcome when 'ACCEPTED' then 'REFERRAL_ACCEPTED' when 'CLIENT' then 'CLIENT_DECLINED_REFERRAL'
                        else 'REFERRAL_PENDING' end,
       opened_at, 'bench-generator', screening_id, languages,
       case when outcome in ('ACCEPTED', 'CLIENT') then opened_at + took end,
       case when outcome = 'CLIENT' then (array['ALREADY_HAS_A_LAWYER','DOES_NOT_WANT_LEGAL_HELP','SAFETY_CONCERN'])[1 + floor(random() * 3)::int] end
from bench_case;

insert into referral (id, case_id, attempt, provider_id, target, status, chosen_by, rule_ids, proposed_at, sent_at,
                      response_due_at, responded_at, response_reason_code)
select gen_random_uuid(), c.id, 1, (select id from legal_aid_provider where name like '[BENCH]%' and c.id is not null
                                    order by name offset floor(random() * 6)::int limit 1),
       (array['LSC_RECIPIENT','NON_LSC_PROVIDER','LSC_RECIPIENT_NON_LSC_FUNDS'])[1 + floor(random() * 3)::int],
       case c.outcome when 'ACCEPTED' then 'ACCEPTED' when 'DECLINED' then 'DECLINED' when 'NO_RESPONSE' then 'NO_RESPONSE'
                      else 'WITHDRAWN' end,
       'RULES', 'LA-02', c.opened_at, c.opened_at + interval '1 minute', c.opened_at + interval '5 days',
       case when c.outcome in ('ACCEPTED', 'DECLINED') then c.opened_at + c.took end,
       case when c.outcome = 'DECLINED' then (array['NO_CAPACITY','OUTSIDE_REGION','CONFLICT_OF_INTEREST'])[1 + floor(random() * 3)::int] end
from bench_case c;

-- The service refills the read model from every stored decision when it starts.
delete from report_screening_month;
analyze;
select count(*) as decisions from screening_decision;
select count(*) as cases from legal_aid_case;
