package org.refugio.delivery.web;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;
import org.refugio.api.model.Deadline;
import org.refugio.api.model.LocalizedText;
import org.refugio.api.model.ProviderReferral;
import org.refugio.api.model.ProviderReferralPage;
import org.refugio.api.model.ProviderReferralProgram;
import org.refugio.cases.ProviderReferrals;
import org.refugio.cases.ReferralStatus;
import org.refugio.problem.UnprocessableException;
import org.refugio.web.PageController;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The provider portal (issue 12 item 1): the inbox of the signed-in provider user's organisation in three groups,
 * and one referral with accept / decline. Each action is the {@link ProviderReferrals} call the provider REST
 * contract makes; nothing here reads or writes on its own.
 */
@PageController
class ProviderPortalController {

    /** The inbox's groups: not opened yet, opened and awaiting the answer, answered (or otherwise closed). */
    enum Group {
        NEW(Set.of(ReferralStatus.SENT), false),
        AWAITING(Set.of(ReferralStatus.SENT), true),
        ANSWERED(Set.of(ReferralStatus.ACCEPTED, ReferralStatus.DECLINED, ReferralStatus.NO_RESPONSE,
                ReferralStatus.WITHDRAWN), null);

        final Set<ReferralStatus> statuses;
        final Boolean opened;

        Group(Set<ReferralStatus> statuses, Boolean opened) {
            this.statuses = statuses;
            this.opened = opened;
        }

        String param() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Group of(String param) {
            for (Group g : values()) {
                if (g.param().equals(param)) {
                    return g;
                }
            }
            return NEW;
        }
    }

    /** A tab of the inbox. */
    public record Tab(String param, String messageKey, boolean current) { }

    /** One deadline of a program, as the referral page lists it (earliest first). */
    public record DeadlineRow(String program, String status, LocalDate date, long days, boolean soon, String text) { }

    private final ProviderReferrals referrals;
    private final Clock clock;

    ProviderPortalController(ProviderReferrals referrals, Clock clock) {
        this.referrals = referrals;
        this.clock = clock;
    }

    @GetMapping("/provider/referrals")
    String inbox(@RequestParam(value = "group", required = false) String group,
                 @RequestParam(value = "cursor", required = false) String cursor, Model model) {
        Group chosen = Group.of(group);
        ProviderReferralPage page = referrals.inbox(chosen.statuses, chosen.opened, cursor, 20);
        model.addAttribute("page", page);
        model.addAttribute("group", chosen.param());
        model.addAttribute("tabs", List.of(Group.values()).stream()
                .map(g -> new Tab(g.param(), "portal.group." + g.param(), g == chosen)).toList());
        model.addAttribute("now", OffsetDateTime.now(clock));
        return "delivery/inbox";
    }

    @GetMapping("/provider/referrals/{id}")
    String referral(@PathVariable UUID id, Model model) {
        ProviderReferral r = referrals.read(id);
        model.addAttribute("r", r);
        model.addAttribute("now", OffsetDateTime.now(clock));
        model.addAttribute("deadlines", deadlines(r));
        model.addAttribute("declineReasons", ProviderReferrals.DECLINE_REASONS);
        model.addAttribute("languages", r.getLanguages().stream().map(ProviderPortalController::languageName).toList());
        return "delivery/referral";
    }

    @PostMapping("/provider/referrals/{id}/response")
    String answer(@PathVariable UUID id, @RequestParam(value = "decision", required = false) String decision,
                  @RequestParam(value = "reasonCode", required = false) String reasonCode,
                  @RequestParam(value = "reason", required = false) String reason, Model model,
                  HttpServletResponse response, RedirectAttributes flash) {
        boolean accepted = "ACCEPTED".equals(decision);
        List<String> errors = new ArrayList<>();
        if (!accepted && !"DECLINED".equals(decision)) {
            errors.add("portal.error.decision");
        } else if (!accepted && (reasonCode == null || !ProviderReferrals.DECLINE_REASONS.contains(reasonCode))) {
            errors.add("portal.error.reason-code");
        }
        if (reason != null && reason.length() > 2000) {
            errors.add("portal.error.reason-length");
        }
        if (!errors.isEmpty()) {
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            model.addAttribute("answerErrors", errors);
            model.addAttribute("decision", decision);
            model.addAttribute("reasonCode", reasonCode);
            model.addAttribute("reason", reason);
            return referral(id, model);
        }
        referrals.answer(id, accepted, accepted ? null : reasonCode, reason);
        flash.addFlashAttribute("done", accepted ? "portal.done.accepted" : "portal.done.declined");
        return "redirect:/provider/referrals/" + id;
    }

    @ExceptionHandler(UnprocessableException.class)
    ModelAndView refused(UnprocessableException e) {
        ModelAndView page = new ModelAndView("layout/error", HttpStatus.UNPROCESSABLE_ENTITY);
        page.addObject("status", 422);
        page.addObject("messageKey", "portal.error.refused");
        return page;
    }

    private List<DeadlineRow> deadlines(ProviderReferral r) {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        boolean spanish = "es".equals(LocaleContextHolder.getLocale().getLanguage());
        List<DeadlineRow> rows = new ArrayList<>();
        for (ProviderReferralProgram p : r.getPrograms() == null ? List.<ProviderReferralProgram>of() : r.getPrograms()) {
            for (Deadline d : p.getDeadlines()) {
                long days = ChronoUnit.DAYS.between(today, d.getDate());
                LocalizedText text = d.getDescription();
                rows.add(new DeadlineRow(p.getProgram().getValue(), p.getStatus().getValue(), d.getDate(), days,
                        days < 30, text == null ? "" : spanish && text.getEs() != null ? text.getEs() : text.getEn()));
            }
        }
        rows.sort(Comparator.comparing(DeadlineRow::date));
        return rows;
    }

    private static String languageName(String tag) {
        Locale shown = LocaleContextHolder.getLocale();
        String name = Locale.forLanguageTag(tag).getDisplayLanguage(shown);
        return name == null || name.isBlank() || name.equals(tag) ? tag : name + " (" + tag + ")";
    }
}
