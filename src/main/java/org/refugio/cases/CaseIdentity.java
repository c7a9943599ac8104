package org.refugio.cases;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.refugio.api.model.ConsentRequest;
import org.refugio.api.model.PersonIdentity;
import org.refugio.audit.AuditEntry;
import org.refugio.audit.AuditTrail;
import org.refugio.identity.Consent;
import org.refugio.identity.Consents;
import org.refugio.identity.PersonIdentityVault;
import org.refugio.problem.ConflictException;
import org.refugio.problem.NotFoundException;
import org.refugio.problem.UnprocessableException;
import org.refugio.security.Actor;
import org.refugio.security.CurrentActor;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The person's identifying data and consents, per case (issue 5). The data goes into the vault sealed; who
 * records, reads or shares it, and under which consent, goes into the audit log without the data itself.
 */
@Service
public class CaseIdentity {

    /** What a referral to one provider may carry: the identity only under a consent valid today. */
    record Sharing(String identityJson, UUID consentId) {
        static final Sharing NOTHING = new Sharing(null, null);

        boolean sharesIdentity() {
            return identityJson != null;
        }
    }

    private final CaseRepository cases;
    private final PersonIdentityVault vault;
    private final Consents consents;
    private final AuditTrail audit;
    private final CurrentActor actors;
    private final ObjectMapper json;
    private final Clock clock;

    /** Erases the person's sealed identity and the consents' document references (retention purge). */
    void erase(UUID caseId) {
        vault.erase(caseId);
        consents.erasePersonalData(caseId);
    }

    CaseIdentity(CaseRepository cases, PersonIdentityVault vault, Consents consents, AuditTrail audit,
                 CurrentActor actors, ObjectMapper json, Clock clock) {
        this.cases = cases;
        this.vault = vault;
        this.consents = consents;
        this.audit = audit;
        this.actors = actors;
        this.json = json;
        this.clock = clock;
    }

    @Transactional
    public void save(UUID caseId, PersonIdentity identity) {
        visibleCase(caseId);
        store(caseId, identity);
    }

    /** At opening, in the transaction that creates the case. */
    void store(UUID caseId, PersonIdentity identity) {
        if (identity.getDateOfBirth() != null && identity.getDateOfBirth().isAfter(LocalDate.now(clock))) {
            throw new UnprocessableException("The date of birth is in the future.",
                    List.of(new UnprocessableException.FieldProblem("/dateOfBirth", "must not be after today")));
        }
        vault.save(caseId, write(identity), actors.get().id(), clock.instant());
        audit.record(AuditEntry.of("IDENTITY_RECORDED", caseId.toString()));
    }

    @Transactional
    public PersonIdentity read(UUID caseId) {
        visibleCase(caseId);
        String sealed = vault.find(caseId)
                .orElseThrow(() -> new NotFoundException("Case " + caseId + " has no identifying data recorded."));
        audit.record(AuditEntry.of("IDENTITY_READ", caseId.toString()));
        try {
            return json.readValue(sealed, PersonIdentity.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored identity is unreadable", e);
        }
    }

    @Transactional
    public Consent record(UUID caseId, ConsentRequest request) {
        visibleCase(caseId);
        LocalDate today = LocalDate.now(clock);
        List<UnprocessableException.FieldProblem> problems = new ArrayList<>();
        if (request.getSignedOn().isAfter(today)) {
            problems.add(new UnprocessableException.FieldProblem("/signedOn", "must not be after today"));
        }
        if (!request.getExpiresOn().isAfter(request.getSignedOn())) {
            problems.add(new UnprocessableException.FieldProblem("/expiresOn", "must be after signedOn"));
        }
        if (request.getExpiresOn().isBefore(today)) {
            problems.add(new UnprocessableException.FieldProblem("/expiresOn", "must not be before today"));
        }
        if (!problems.isEmpty()) {
            throw new UnprocessableException("A consent must be signed already and limited in time.", problems);
        }
        Consent consent = new Consent(UUID.randomUUID(), caseId, request.getScope().getValue(),
                request.getGivenBy().getValue(), request.getSignedOn(), request.getExpiresOn(), request.getProviderId(),
                request.getDocumentReference(), actors.get().id(), clock.instant(), null, null);
        consents.record(consent);
        audit.record(AuditEntry.of("CONSENT_RECORDED", caseId.toString()).withDetail(detail(consent)));
        return consent;
    }

    @Transactional
    public Consent withdraw(UUID caseId, UUID consentId) {
        visibleCase(caseId);
        consents.find(caseId, consentId)
                .orElseThrow(() -> new NotFoundException("Case " + caseId + " has no consent " + consentId + "."));
        if (!consents.withdraw(caseId, consentId, actors.get().id(), clock.instant())) {
            throw new ConflictException("This consent was already withdrawn.");
        }
        Consent withdrawn = consents.find(caseId, consentId).orElseThrow();
        audit.record(AuditEntry.of("CONSENT_WITHDRAWN", caseId.toString()).withDetail(detail(withdrawn)));
        return withdrawn;
    }

    @Transactional(readOnly = true)
    public List<Consent> consents(UUID caseId) {
        visibleCase(caseId);
        return consents.ofCase(caseId);
    }

    /** What a referral to this provider may carry today. */
    Sharing forReferral(UUID caseId, UUID providerId) {
        return consents.sharingWith(caseId, providerId, LocalDate.now(clock))
                .flatMap(consent -> vault.find(caseId).map(identity -> new Sharing(identity, consent.id())))
                .orElse(Sharing.NOTHING);
    }

    private void visibleCase(UUID caseId) {
        Actor actor = actors.get();
        cases.find(caseId).filter(c -> CaseService.mayRead(c, actor))
                .orElseThrow(() -> new NotFoundException("No case has id " + caseId + "."));
    }

    private static Map<String, Object> detail(Consent c) {
        return Map.of("consentId", c.id().toString(), "scope", c.scope(), "givenBy", c.givenBy(),
                "expiresOn", c.expiresOn().toString(), "providerId", c.providerId() == null ? "ANY" : c.providerId().toString());
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
