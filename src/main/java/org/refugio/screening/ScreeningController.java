package org.refugio.screening;

import java.net.URI;
import java.util.UUID;

import org.refugio.api.ScreeningsApi;
import org.refugio.api.model.ScreeningDecision;
import org.refugio.api.model.ScreeningFacts;
import org.refugio.problem.NotFoundException;
import org.refugio.security.CurrentActor;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;

@RestController
class ScreeningController implements ScreeningsApi {

    private final ScreeningService screenings;
    private final CurrentActor actor;

    ScreeningController(ScreeningService screenings, CurrentActor actor) {
        this.screenings = screenings;
        this.actor = actor;
    }

    @Override
    public ResponseEntity<ScreeningDecision> createScreening(ScreeningFacts facts, String acceptLanguage, String lang,
                                                             String idempotencyKey) {
        Language language = lang != null ? Language.valueOf(lang.toUpperCase(java.util.Locale.ROOT))
                : Language.fromAcceptLanguage(acceptLanguage);
        ScreeningDecision decision = screenings.screen(facts, actor.get());
        return ResponseEntity.created(URI.create(PATH_GET_SCREENING.replace("{id}", decision.getId().toString())))
                .header(HttpHeaders.CONTENT_LANGUAGE, language.tag())
                .body(lang != null ? Localizer.oneLanguage(decision, language) : Localizer.localize(decision, language));
    }

    @Override
    public ResponseEntity<ScreeningDecision> getScreening(UUID id, String acceptLanguage) {
        Language language = Language.fromAcceptLanguage(acceptLanguage);
        ScreeningDecision decision = screenings.find(id, actor.get())
                .orElseThrow(() -> screenings.isPurged(id, actor.get()) ? ScreeningService.purgedError(id)
                        : new NotFoundException("No screening decision has id " + id + "."));
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_LANGUAGE, language.tag())
                .body(Localizer.localize(decision, language));
    }
}
