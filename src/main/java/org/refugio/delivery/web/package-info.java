/**
 * The provider portal's pages (issue 12): a provider organisation's inbox of referrals (new, awaiting an answer,
 * answered) and one referral with its accept / decline form. Entry point:
 * {@link org.refugio.delivery.web.ProviderPortalController}. Every read and answer goes through
 * {@link org.refugio.cases.ProviderReferrals}, the facade of the provider REST contract, so a page does exactly
 * what {@code /api/v1/provider/referrals} does: same organisation check (another provider's referral is a 404), same
 * identity rule under consent, same workflow move, recorded with the provider user as actor.
 */
package org.refugio.delivery.web;
