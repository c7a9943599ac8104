/**
 * Delivery of referrals to providers (issue 12): the portal inbox always, a signed webhook (Standard Webhooks) and
 * an e-mail notice where the provider's directory entry names them. Entry point:
 * {@link org.refugio.delivery.ReferralDelivery}, the case workflow's {@code ReferralChannel}; it runs inside the
 * workflow's "send referral" job, so a failed delivery is retried with backoff and ends as an incident. Intake
 * systems' status callbacks are in {@code org.refugio.delivery.callbacks}.
 */
package org.refugio.delivery;
