package org.refugio.screening.web;

import java.time.Clock;
import java.time.LocalDate;
import java.util.UUID;

import org.refugio.api.model.ScreeningDecision;
import org.refugio.problem.NotFoundException;
import org.refugio.screening.Language;
import org.refugio.screening.Localizer;
import org.refugio.screening.ScreeningService;
import org.refugio.security.CurrentActor;
import org.refugio.web.PageController;
import org.springframework.context.MessageSource;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * A stored screening's result cards (issue 11 item 3), the person's summary (item 4) ("open a case" from it is a case page: cases.web).
 */
@PageController
class ScreeningResultController {

    private final ScreeningService screenings;
    private final CurrentActor actor;
    private final Clock clock;
    private final MessageSource messages;

    ScreeningResultController(ScreeningService screenings, CurrentActor actor, Clock clock,
                              MessageSource messages) {
        this.screenings = screenings;
        this.actor = actor;
        this.clock = clock;
        this.messages = messages;
    }

    @GetMapping("/screenings/{id}")
    String result(@PathVariable UUID id, Model model) {
        ScreeningDecision decision = decision(id, GuidedScreeningController.language());
        LocalDate today = LocalDate.now(clock);
        model.addAttribute("decision", decision);
        model.addAttribute("cards", ResultCards.cards(decision, today));
        model.addAttribute("relatives", ResultCards.relatives(decision, today));
        model.addAttribute("referral", decision.getLegalAidReferral());
        return "screening/result";
    }

    /** The person's one-page summary, in the person's language (chosen apart from the interface's). */
    @GetMapping("/screenings/{id}/summary")
    String summary(@PathVariable UUID id, @RequestParam(value = "lang", required = false) String lang, Model model) {
        Language language = "es".equals(lang) ? Language.ES
                : "en".equals(lang) ? Language.EN : GuidedScreeningController.language();
        ScreeningDecision decision = decision(id, language);
        LocalDate today = LocalDate.now(clock);
        model.addAttribute("decision", decision);
        model.addAttribute("personLanguage", language.tag());
        model.addAttribute("t", new PersonText(messages, java.util.Locale.forLanguageTag(language.tag())));
        model.addAttribute("cards", ResultCards.cards(decision, today));
        model.addAttribute("referral", decision.getLegalAidReferral());
        return "screening/summary";
    }

    private ScreeningDecision decision(UUID id, Language language) {
        return Localizer.localize(screenings.find(id, actor.get())
                .orElseThrow(() -> screenings.isPurged(id, actor.get()) ? ScreeningService.purgedError(id)
                        : new NotFoundException("No screening decision has id " + id + ".")), language);
    }

    /** Texts in the person's language, whatever the interface's: {@code t.get('summary.title')}. */
    public record PersonText(MessageSource messages, java.util.Locale locale) {
        public String get(String key, Object... args) {
            return messages.getMessage(key, args, locale);
        }

        public String lang() {
            return locale.getLanguage();
        }
    }
}
