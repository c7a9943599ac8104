-- Issue 12: referrals reach the provider for real. Each provider's channels in the directory: a webhook (URL and
-- signing secret, Standard Webhooks) and an e-mail address for notices; the portal inbox is always on.
alter table legal_aid_provider add column webhook_url varchar(2000);
alter table legal_aid_provider add column webhook_secret varchar(400);
alter table legal_aid_provider add column notice_email varchar(320);
-- Rotation: the secret a new one replaced keeps signing alongside it (a second signature) until this time, so the
-- provider can switch its receiver over without refusing a delivery.
alter table legal_aid_provider add column webhook_previous_secret varchar(400);
alter table legal_aid_provider add column webhook_previous_until timestamp with time zone;

-- One row per referral and channel that accepted it: a retried "send referral" job skips the channels that already
-- have it, so each channel gets each referral once (the webhook's webhook-id is the provider's idempotency key for
-- the rare repeat after a crash between delivery and this row).
create table referral_channel_delivery (
    referral_id   uuid not null references referral (id),
    channel       varchar(20) not null,
    message_id    varchar(80) not null,
    delivered_at  timestamp with time zone not null,
    primary key (referral_id, channel)
);

-- The outbox of the former default channel, which nothing ever read: replaced by the delivery above.
drop table referral_outbox;
