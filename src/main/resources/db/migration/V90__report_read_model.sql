-- Issue 13 item 3: aggregate reports. Counts per month (yyyy-MM, UTC) of the stored screening decisions, by what
-- the reports group them by, kept by org.refugio.reports.ScreeningRollup in the transaction that stores each
-- decision (and filled from screening_decision on start-up when empty). Codes only: no id, no fact, no free text.
--   SCREENINGS      item ALL
--   PROGRAM_STATUS  item PROGRAM:STATUS, e.g. T1_PRINCIPAL:NOT_ELIGIBLE
--   BARRIER         item PROGRAM:CRITERION:STATUS, a decisive criterion of a NOT_ELIGIBLE or NEEDS_MORE_INFORMATION
--                   result of T-1, U or LSC, e.g. T1_PRINCIPAL:T1-06:NEEDS_MORE_INFORMATION
--   LANGUAGE        item en, es or unknown: the interface language of the request that made the screening
create table report_screening_month (
    dimension  varchar(16) not null,
    report_month char(7) not null,
    item       varchar(120) not null,
    n          bigint not null,
    primary key (dimension, report_month, item)
);

-- The case reports read the case and referral tables by month.
create index legal_aid_case_opened_at on legal_aid_case (opened_at);
create index referral_proposed_at on referral (proposed_at);
create index referral_status_responded on referral (status, responded_at);
