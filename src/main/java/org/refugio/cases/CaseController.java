package org.refugio.cases;

import java.net.URI;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.refugio.api.CasesApi;
import org.refugio.api.model.CasePage;
import org.refugio.api.model.CaseRequest;
import org.refugio.api.model.CaseStatus;
import org.refugio.api.model.CaseSummary;
import org.refugio.api.model.ReferralTarget;
import org.refugio.api.model.ClientDecline;
import org.refugio.api.model.LegalAidCase;
import org.refugio.api.model.ProviderResponse;
import org.refugio.screening.AnswerView;
import org.refugio.screening.Language;
import org.refugio.security.CurrentActor;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;

@RestController
class CaseController implements CasesApi {

    private final CaseService cases;
    private final CaseViews views;
    private final CaseInbox inbox;
    private final CurrentActor actor;

    CaseController(CaseService cases, CaseViews views, CaseInbox inbox, CurrentActor actor) {
        this.cases = cases;
        this.views = views;
        this.inbox = inbox;
        this.actor = actor;
    }

    @Override
    public ResponseEntity<LegalAidCase> openCase(CaseRequest request, String acceptLanguage, String view,
                                                 String idempotencyKey) {
        boolean embedScreening = AnswerView.of(view) == AnswerView.FULL;
        Language language = Language.fromAcceptLanguage(acceptLanguage);
        Set<String> languages = request.getClientLanguages() == null ? Set.of()
                : new TreeSet<>(request.getClientLanguages());
        UUID caseId = cases.open(new CaseService.OpenCase(request.getFacts(), request.getScreeningId(), languages,
                request.getIdentity()));
        return ResponseEntity.created(URI.create(PATH_GET_CASE.replace("{caseId}", caseId.toString())))
                .header(HttpHeaders.CONTENT_LANGUAGE, language.tag())
                .body(views.view(caseId, language, embedScreening));
    }

    @Override
    public ResponseEntity<CasePage> listCases(CaseStatus status, Boolean urgent, Boolean overdue,
                                             OffsetDateTime dueBefore, String openedBy, String cursor, Integer size) {
        CaseInbox.Page page = inbox.list(new CaseInbox.Filter(
                        status == null ? null : org.refugio.cases.CaseStatus.valueOf(status.getValue()), urgent, overdue,
                        dueBefore == null ? null : dueBefore.toInstant(), openedBy),
                actor.get(), cursor, size == null ? 20 : size);
        return ResponseEntity.ok(new CasePage().nextCursor(page.nextCursor()).items(page.items().stream()
                .map(CaseController::summary).toList()));
    }

    static CaseSummary summary(CaseInbox.Row r) {
        return new CaseSummary().id(r.id()).status(CaseStatus.fromValue(r.status().name()))
                .openedAt(time(r.openedAt())).openedBy(r.openedBy()).urgent(r.urgent())
                .needsMoreInformation(r.needsMoreInformation())
                .target(r.target() == null ? null : ReferralTarget.fromValue(r.target().name()))
                .currentReferralId(r.referralId())
                .referralStatus(r.referralStatus() == null ? null
                        : org.refugio.api.model.ReferralStatus.fromValue(r.referralStatus().name()))
                .providerId(r.providerId()).providerName(r.providerName())
                .responseDueAt(time(r.responseDueAt())).overdue(r.overdue());
    }

    private static OffsetDateTime time(java.time.Instant at) {
        return at == null ? null : OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    }

    @Override
    public ResponseEntity<LegalAidCase> getCase(UUID caseId, String acceptLanguage, String view, String ifNoneMatch) {
        return answer(caseId, acceptLanguage, AnswerView.of(view) == AnswerView.FULL);
    }

    @Override
    public ResponseEntity<LegalAidCase> recordProviderResponse(UUID caseId, UUID referralId, ProviderResponse response,
                                                               String acceptLanguage) {
        cases.recordProviderResponse(caseId, referralId,
                response.getDecision() == ProviderResponse.DecisionEnum.ACCEPTED, response.getRespondedBy(),
                response.getReasonCode() == null ? null : response.getReasonCode().getValue(), response.getReason());
        return answer(caseId, acceptLanguage, true);
    }

    @Override
    public ResponseEntity<LegalAidCase> recordClientDecline(UUID caseId, ClientDecline decline, String acceptLanguage) {
        cases.recordClientDecline(caseId, decline.getReasonCode().getValue(), decline.getReason());
        return answer(caseId, acceptLanguage, true);
    }

    private ResponseEntity<LegalAidCase> answer(UUID caseId, String acceptLanguage, boolean embedScreening) {
        Language language = Language.fromAcceptLanguage(acceptLanguage);
        return ResponseEntity.ok().header(HttpHeaders.CONTENT_LANGUAGE, language.tag())
                .body(views.view(caseId, language, embedScreening));
    }
}
