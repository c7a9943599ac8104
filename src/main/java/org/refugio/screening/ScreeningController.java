package org.refugio.screening;

import java.net.URI;
import java.util.Locale;
import java.util.UUID;

import org.refugio.api.ScreeningsApi;
import org.refugio.api.model.ScreeningAnswer;
import org.refugio.api.model.ScreeningDecision;
import org.refugio.api.model.ScreeningFacts;
import org.refugio.problem.InvalidParameterException;
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
    public ResponseEntity<ScreeningAnswer> createScreening(ScreeningFacts facts, String acceptLanguage, String lang,
                                                           String view, String idempotencyKey) {
        boolean summary = AnswerView.of(view) == AnswerView.SUMMARY;
        Language language = lang != null ? language(lang) : Language.fromAcceptLanguage(acceptLanguage);
        ScreeningDecision decision = screenings.screen(facts, actor.get());
        ResponseEntity.BodyBuilder answer = ResponseEntity.created(
                URI.create(PATH_GET_SCREENING.replace("{id}", decision.getId().toString())));
        if (summary) {
            return answer.body(Summaries.of(decision));
        }
        return answer.header(HttpHeaders.CONTENT_LANGUAGE, language.tag())
                .body(lang != null ? Localizer.oneLanguage(decision, language) : Localizer.localize(decision, language));
    }

    @Override
    public ResponseEntity<ScreeningAnswer> getScreening(UUID id, String acceptLanguage, String view) {
        boolean summary = AnswerView.of(view) == AnswerView.SUMMARY;
        Language language = Language.fromAcceptLanguage(acceptLanguage);
        ScreeningDecision decision = screenings.find(id, actor.get())
                .orElseThrow(() -> screenings.isPurged(id, actor.get()) ? ScreeningService.purgedError(id)
                        : new NotFoundException("No screening decision has id " + id + "."));
        if (summary) {
            return ResponseEntity.ok(Summaries.of(decision));
        }
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_LANGUAGE, language.tag())
                .body(Localizer.localize(decision, language));
    }

    private static Language language(String lang) {
        return switch (lang.toLowerCase(Locale.ROOT)) {
            case "en" -> Language.EN;
            case "es" -> Language.ES;
            default -> throw new InvalidParameterException("lang", "must be en or es");
        };
    }
}
