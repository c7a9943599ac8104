-- Issue 14, item 3: routing without counting. Each provider's open referrals (PROPOSED or SENT) are kept on its
-- row, changed in the transaction that changes a referral's status (org.refugio.cases.ReferralRepository), so
-- routing reads one column instead of counting the referral table on every match. Never negative.
alter table legal_aid_provider add column open_referrals integer not null default 0;

update legal_aid_provider set open_referrals = (select count(*) from referral r
    where r.provider_id = legal_aid_provider.id and r.status in ('PROPOSED', 'SENT'));

alter table legal_aid_provider add constraint legal_aid_provider_open_referrals_not_negative
    check (open_referrals >= 0);
