package org.refugio.cases;

import java.util.List;
import java.util.UUID;

import org.refugio.api.ProviderReferralsApi;
import org.refugio.api.model.ProviderAnswer;
import org.refugio.api.model.ProviderReferral;
import org.refugio.api.model.ProviderReferralPage;
import org.refugio.api.model.ReferralStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;

/**
 * The provider organisations' REST contract (issue 12): their inbox of referrals and their answer. Everything is
 * {@link ProviderReferrals}, which the provider portal's pages call too.
 */
@RestController
class ProviderReferralController implements ProviderReferralsApi {

    private final ProviderReferrals referrals;

    ProviderReferralController(ProviderReferrals referrals) {
        this.referrals = referrals;
    }

    @Override
    public ResponseEntity<ProviderReferralPage> listProviderReferrals(ReferralStatus status, Boolean opened,
                                                                      String cursor, Integer size) {
        return ResponseEntity.ok(referrals.inbox(
                status == null ? null : List.of(org.refugio.cases.ReferralStatus.valueOf(status.getValue())), opened,
                cursor, size == null ? 20 : size));
    }

    @Override
    public ResponseEntity<ProviderReferral> getProviderReferral(UUID referralId) {
        return ResponseEntity.ok(referrals.read(referralId));
    }

    @Override
    public ResponseEntity<ProviderReferral> answerProviderReferral(UUID referralId, ProviderAnswer answer) {
        return ResponseEntity.ok(referrals.answer(referralId,
                answer.getDecision() == ProviderAnswer.DecisionEnum.ACCEPTED,
                answer.getReasonCode() == null ? null : answer.getReasonCode().getValue(), answer.getReason()));
    }
}
