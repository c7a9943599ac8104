package org.refugio.cases;

import java.net.URI;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.refugio.api.CasesApi;
import org.refugio.api.model.CaseRequest;
import org.refugio.api.model.ClientDecline;
import org.refugio.api.model.LegalAidCase;
import org.refugio.api.model.ProviderResponse;
import org.refugio.screening.Language;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;

@RestController
class CaseController implements CasesApi {

    private final CaseService cases;
    private final CaseViews views;

    CaseController(CaseService cases, CaseViews views) {
        this.cases = cases;
        this.views = views;
    }

    @Override
    public ResponseEntity<LegalAidCase> openCase(CaseRequest request, String acceptLanguage) {
        Language language = Language.fromAcceptLanguage(acceptLanguage);
        Set<String> languages = request.getClientLanguages() == null ? Set.of()
                : new TreeSet<>(request.getClientLanguages());
        UUID caseId = cases.open(new CaseService.OpenCase(request.getFacts(), request.getScreeningId(), languages,
                request.getIdentity()));
        return ResponseEntity.created(URI.create(PATH_GET_CASE.replace("{caseId}", caseId.toString())))
                .header(HttpHeaders.CONTENT_LANGUAGE, language.tag())
                .body(views.view(caseId, language));
    }

    @Override
    public ResponseEntity<LegalAidCase> getCase(UUID caseId, String acceptLanguage) {
        return answer(caseId, acceptLanguage);
    }

    @Override
    public ResponseEntity<LegalAidCase> recordProviderResponse(UUID caseId, UUID referralId, ProviderResponse response,
                                                               String acceptLanguage) {
        cases.recordProviderResponse(caseId, referralId,
                response.getDecision() == ProviderResponse.DecisionEnum.ACCEPTED, response.getRespondedBy(),
                response.getReasonCode() == null ? null : response.getReasonCode().getValue(), response.getReason());
        return answer(caseId, acceptLanguage);
    }

    @Override
    public ResponseEntity<LegalAidCase> recordClientDecline(UUID caseId, ClientDecline decline, String acceptLanguage) {
        cases.recordClientDecline(caseId, decline.getReasonCode().getValue(), decline.getReason());
        return answer(caseId, acceptLanguage);
    }

    private ResponseEntity<LegalAidCase> answer(UUID caseId, String acceptLanguage) {
        Language language = Language.fromAcceptLanguage(acceptLanguage);
        return ResponseEntity.ok().header(HttpHeaders.CONTENT_LANGUAGE, language.tag())
                .body(views.view(caseId, language));
    }
}
