package org.refugio.cases;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.refugio.api.ProviderReferralsApi;
import org.refugio.api.model.PersonIdentity;
import org.refugio.api.model.ProviderAnswer;
import org.refugio.api.model.ProviderReferral;
import org.refugio.api.model.ProviderReferralPage;
import org.refugio.api.model.ReferralStatus;
import org.refugio.api.model.ReferralTarget;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;

/** The provider organisations' REST contract (issue 12): their inbox of referrals and their answer. */
@RestController
class ProviderReferralController implements ProviderReferralsApi {

    private final ProviderReferrals referrals;
    private final ObjectMapper json;

    ProviderReferralController(ProviderReferrals referrals, ObjectMapper json) {
        this.referrals = referrals;
        this.json = json;
    }

    @Override
    public ResponseEntity<ProviderReferralPage> listProviderReferrals(ReferralStatus status, String cursor,
                                                                      Integer size) {
        ProviderReferrals.Page page = referrals.inbox(
                status == null ? null : org.refugio.cases.ReferralStatus.valueOf(status.getValue()), cursor,
                size == null ? 20 : size);
        return ResponseEntity.ok(new ProviderReferralPage().nextCursor(page.nextCursor())
                .items(page.items().stream().map(this::view).toList()));
    }

    @Override
    public ResponseEntity<ProviderReferral> getProviderReferral(UUID referralId) {
        return ResponseEntity.ok(view(referrals.read(referralId)));
    }

    @Override
    public ResponseEntity<ProviderReferral> answerProviderReferral(UUID referralId, ProviderAnswer answer) {
        return ResponseEntity.ok(view(referrals.answer(referralId,
                answer.getDecision() == ProviderAnswer.DecisionEnum.ACCEPTED,
                answer.getReasonCode() == null ? null : answer.getReasonCode().getValue(), answer.getReason())));
    }

    private ProviderReferral view(ProviderReferrals.View v) {
        ReferralRecord r = v.referral();
        CaseRecord c = v.legalAidCase();
        ProviderReferral out = new ProviderReferral().id(r.id()).caseId(r.caseId()).attempt(r.attempt())
                .status(ReferralStatus.fromValue(r.status().name()))
                .target(ReferralTarget.fromValue(r.target().name()))
                .urgent(Boolean.TRUE.equals(c.urgent()))
                .urgencyReasons(c.urgencyReasons() == null ? List.of() : List.copyOf(c.urgencyReasons()))
                .languages(List.copyOf(new TreeSet<>(c.clientLanguages())))
                .sentAt(time(r.sentAt())).responseDueAt(time(r.responseDueAt()))
                .respondedAt(time(r.respondedAt())).respondedBy(r.respondedBy())
                .responseReasonCode(r.responseReasonCode())
                .referredBy(c.openedBy()).organizationContact(v.organizationContact());
        if (v.identityJson() != null) {
            try {
                out.identity(json.readValue(v.identityJson(), PersonIdentity.class)).consentId(v.consentId());
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("stored identity is unreadable", e);
            }
        }
        return out;
    }

    private static OffsetDateTime time(Instant at) {
        return at == null ? null : OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    }
}
