-- Issue 12, provider portal: when a user of the provider organisation first opened a referral sent to it, so the
-- portal's inbox tells new referrals from those already read and awaiting an answer. Null while it is new.
alter table referral add column opened_at timestamp with time zone;
