package org.refugio.cases;

import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.refugio.api.IdentityApi;
import org.refugio.api.model.ConsentRequest;
import org.refugio.api.model.PersonIdentity;
import org.refugio.identity.Consent;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;

@RestController
class CaseIdentityController implements IdentityApi {

    private final CaseIdentity identity;
    private final Clock clock;

    CaseIdentityController(CaseIdentity identity, Clock clock) {
        this.identity = identity;
        this.clock = clock;
    }

    @Override
    public ResponseEntity<Void> saveCaseIdentity(UUID caseId, PersonIdentity personIdentity) {
        identity.save(caseId, personIdentity);
        return ResponseEntity.noContent().build();
    }

    @Override
    public ResponseEntity<PersonIdentity> getCaseIdentity(UUID caseId) {
        return ResponseEntity.ok(identity.read(caseId));
    }

    @Override
    public ResponseEntity<List<org.refugio.api.model.Consent>> listCaseConsents(UUID caseId) {
        return ResponseEntity.ok(identity.consents(caseId).stream().map(this::view).toList());
    }

    @Override
    public ResponseEntity<org.refugio.api.model.Consent> recordCaseConsent(UUID caseId, ConsentRequest request,
                                                                        String idempotencyKey) {
        Consent consent = identity.record(caseId, request);
        return ResponseEntity.created(URI.create(PATH_LIST_CASE_CONSENTS.replace("{caseId}", caseId.toString())
                + "/" + consent.id())).body(view(consent));
    }

    @Override
    public ResponseEntity<org.refugio.api.model.Consent> withdrawCaseConsent(UUID caseId, UUID consentId) {
        return ResponseEntity.ok(view(identity.withdraw(caseId, consentId)));
    }

    private org.refugio.api.model.Consent view(Consent c) {
        return new org.refugio.api.model.Consent()
                .id(c.id())
                .caseId(c.caseId())
                .scope(org.refugio.api.model.Consent.ScopeEnum.fromValue(c.scope()))
                .givenBy(org.refugio.api.model.Consent.GivenByEnum.fromValue(c.givenBy()))
                .signedOn(c.signedOn())
                .expiresOn(c.expiresOn())
                .providerId(c.providerId())
                .documentReference(c.documentReference())
                .status(org.refugio.api.model.Consent.StatusEnum.fromValue(c.stateOn(LocalDate.now(clock)).name()))
                .recordedBy(c.recordedBy())
                .recordedAt(c.recordedAt().atOffset(ZoneOffset.UTC))
                .withdrawnBy(c.withdrawnBy())
                .withdrawnAt(c.withdrawnAt() == null ? null : c.withdrawnAt().atOffset(ZoneOffset.UTC));
    }
}
