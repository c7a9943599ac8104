package org.refugio.cases.web;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import org.refugio.api.model.LegalAidCase;
import org.refugio.audit.CaseTimeline;
import org.refugio.cases.CaseInbox;
import org.refugio.cases.CaseService;
import org.refugio.cases.CaseStatus;
import org.refugio.cases.CaseViews;
import org.refugio.problem.UnprocessableException;
import org.refugio.screening.Language;
import org.refugio.security.Actor;
import org.refugio.security.CurrentActor;
import org.refugio.security.Role;
import org.refugio.workflow.TaskKind;
import org.refugio.workflow.WorkTask;
import org.refugio.web.PageController;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The case inbox and the case page (issue 11 item 5): open cases overdue and urgent first with filters, open
 * tasks to claim, a case's timeline from the audit log in words, its referral and the rules that chose the
 * provider, confirming the referral, changing the provider (only lawful ones, with a mandatory reason), the
 * provider's answer and the client's decline. Each action is the CaseService call the REST API makes.
 */
@PageController
class CasePagesController {

    static final List<String> OVERRIDE_REASONS = List.of("CLIENT_PREFERENCE", "LANGUAGE", "CONFLICT_OF_INTEREST",
            "EXPERTISE", "LOCATION", "CAPACITY", "SAFETY", "EXISTING_RELATIONSHIP", "OTHER");
    static final List<String> DECLINE_REASONS = List.of("NO_CAPACITY", "CONFLICT_OF_INTEREST", "OUTSIDE_EXPERTISE",
            "OUTSIDE_REGION", "CLIENT_UNREACHABLE", "NOT_ELIGIBLE_FOR_FUNDING", "OTHER");
    static final List<String> CLIENT_DECLINE_REASONS = List.of("DOES_NOT_WANT_LEGAL_HELP", "ALREADY_HAS_A_LAWYER",
            "SAFETY_CONCERN", "PREFERS_OTHER_HELP", "OTHER");

    /** Audit actions the timeline puts in words (timeline.<ACTION>); any other is named by its code. */
    static final Set<String> WORDED = Set.of("CASE_SCREENED", "REFERRAL_ROUTED", "REFERRAL_ESCALATED",
            "REFERRAL_REVIEWED", "ESCALATION_RESOLVED", "REFERRAL_SENT", "PROVIDER_RESPONDED",
            "PROVIDER_RESPONSE_OVERDUE", "CLIENT_DECLINED_REFERRAL", "CASE_CLOSED", "IDENTITY_RECORDED",
            "IDENTITY_READ", "CONSENT_RECORDED", "CONSENT_WITHDRAWN");

    /** One line of the timeline. */
    public record Line(Instant at, String actor, String messageKey, String action, String outcome,
                       List<String> ruleIds) { }

    /** A task as the pages show it. */
    public record TaskView(String id, String kind, UUID caseId, String assignee, Instant dueAt, boolean overdue,
                           boolean mine) { }

    private final CaseService cases;
    private final CaseViews views;
    private final CaseInbox inbox;
    private final CaseTimeline timeline;
    private final CurrentActor actor;
    private final Clock clock;
    private final CaseIdentityPagesController identity;

    CasePagesController(CaseService cases, CaseViews views, CaseInbox inbox, CaseTimeline timeline,
                        CurrentActor actor, Clock clock, CaseIdentityPagesController identity) {
        this.identity = identity;
        this.cases = cases;
        this.views = views;
        this.inbox = inbox;
        this.timeline = timeline;
        this.actor = actor;
        this.clock = clock;
    }

    @GetMapping("/cases")
    String inbox(@RequestParam(value = "status", required = false) String status,
                 @RequestParam(value = "urgent", required = false) Boolean urgent,
                 @RequestParam(value = "overdue", required = false) Boolean overdue,
                 @RequestParam(value = "dueBefore", required = false) String dueBefore,
                 @RequestParam(value = "cursor", required = false) String cursor, Model model) {
        CaseStatus chosen = status == null || status.isBlank() ? CaseStatus.REFERRAL_PENDING
                : "ALL".equals(status) ? null : CaseStatus.valueOf(status);
        Instant due = null;
        if (dueBefore != null && !dueBefore.isBlank()) {
            try {
                due = LocalDate.parse(dueBefore.trim()).plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
            } catch (java.time.format.DateTimeParseException e) {
                model.addAttribute("dueError", true);
            }
        }
        CaseInbox.Page page = inbox.list(new CaseInbox.Filter(chosen, urgent, overdue, due, null), actor.get(),
                cursor, 20);
        model.addAttribute("page", page);
        model.addAttribute("status", chosen == null ? "ALL" : chosen.name());
        model.addAttribute("urgent", urgent);
        model.addAttribute("overdue", overdue);
        model.addAttribute("dueBefore", dueBefore);
        model.addAttribute("tasks", tasks(null));
        return "cases/inbox";
    }

    /** "Open a case" from a saved screening. */
    @PostMapping("/cases")
    String open(@RequestParam("screeningId") UUID screeningId) {
        UUID caseId = cases.open(new CaseService.OpenCase(null, screeningId, Set.of(language().tag()), null));
        return "redirect:/cases/" + caseId + "?opened";
    }

    @GetMapping("/cases/{id}")
    String page(@PathVariable UUID id, Model model) {
        LegalAidCase view = views.view(id, language(), false);
        model.addAttribute("c", view);
        model.addAttribute("tasks", tasks(id));
        model.addAttribute("timeline", timeline.of(id).stream().map(e -> new Line(e.at(), e.actor(),
                messageKey(e.action(), e.outcome()), e.action(), e.outcome() == null ? "" : e.outcome(),
                e.ruleIds())).toList());
        model.addAttribute("providers", view.getStatus() == org.refugio.api.model.CaseStatus.REFERRAL_PENDING
                ? cases.lawfulProviders(id) : List.of());
        model.addAttribute("overrideReasons", OVERRIDE_REASONS);
        model.addAttribute("declineReasons", DECLINE_REASONS);
        model.addAttribute("clientDeclineReasons", CLIENT_DECLINE_REASONS);
        identity.addTo(model, view);
        return "cases/case";
    }

    @PostMapping("/cases/{id}/tasks/{taskId}/claim")
    String claim(@PathVariable UUID id, @PathVariable String taskId, RedirectAttributes flash) {
        cases.claim(taskId);
        flash.addFlashAttribute("done", "case.done.claimed");
        return back(id);
    }

    @PostMapping("/cases/{id}/tasks/{taskId}/confirm")
    String confirm(@PathVariable UUID id, @PathVariable String taskId, RedirectAttributes flash) {
        cases.complete(taskId, new CaseService.TaskDecision(CaseService.Decision.CONFIRM, null, null, null, null));
        flash.addFlashAttribute("done", "case.done.confirmed");
        return back(id);
    }

    @PostMapping("/cases/{id}/tasks/{taskId}/nothing-more")
    String nothingMore(@PathVariable UUID id, @PathVariable String taskId, RedirectAttributes flash) {
        cases.complete(taskId, new CaseService.TaskDecision(CaseService.Decision.NOTHING_MORE_TO_GATHER, null, null,
                null, null));
        flash.addFlashAttribute("done", "case.done.completed");
        return back(id);
    }

    @PostMapping("/cases/{id}/tasks/{taskId}/change-provider")
    String changeProvider(@PathVariable UUID id, @PathVariable String taskId,
                          @RequestParam(value = "providerId", required = false) UUID providerId,
                          @RequestParam(value = "reasonCode", required = false) String reasonCode,
                          @RequestParam(value = "reason", required = false) String reason, Model model,
                          RedirectAttributes flash) {
        boolean supervisor = cases.task(taskId).kind() == TaskKind.RESOLVE_ESCALATION;
        if (providerId == null || reasonCode == null || reasonCode.isBlank() || reason == null || reason.isBlank()) {
            model.addAttribute("changeErrors", List.of(
                    providerId == null ? "case.error.provider" : "",
                    reasonCode == null || reasonCode.isBlank() ? "case.error.reason-code" : "",
                    reason == null || reason.isBlank() ? "case.error.reason" : "").stream()
                    .filter(s -> !s.isEmpty()).toList());
            return page(id, model);
        }
        cases.complete(taskId, new CaseService.TaskDecision(supervisor ? CaseService.Decision.REFER_TO
                : CaseService.Decision.CHANGE_PROVIDER, providerId, reasonCode, reason.trim(), null));
        flash.addFlashAttribute("done", "case.done.provider-changed");
        return back(id);
    }

    @PostMapping("/cases/{id}/referrals/{referralId}/response")
    String providerAnswer(@PathVariable UUID id, @PathVariable UUID referralId,
                          @RequestParam(value = "decision", required = false) String decision,
                          @RequestParam(value = "respondedBy", required = false) String respondedBy,
                          @RequestParam(value = "reasonCode", required = false) String reasonCode,
                          @RequestParam(value = "reason", required = false) String reason, Model model,
                          RedirectAttributes flash) {
        boolean accepted = "ACCEPTED".equals(decision);
        List<String> errors = new java.util.ArrayList<>();
        if (!accepted && !"DECLINED".equals(decision)) {
            errors.add("case.error.answer");
        }
        if (respondedBy == null || respondedBy.isBlank()) {
            errors.add("case.error.responded-by");
        }
        if ("DECLINED".equals(decision) && (reasonCode == null || reasonCode.isBlank())) {
            errors.add("case.error.reason-code");
        }
        if (!errors.isEmpty()) {
            model.addAttribute("answerErrors", errors);
            return page(id, model);
        }
        cases.recordProviderResponse(id, referralId, accepted, respondedBy.trim(),
                accepted || reasonCode == null || reasonCode.isBlank() ? null : reasonCode,
                reason == null || reason.isBlank() ? null : reason.trim());
        flash.addFlashAttribute("done", accepted ? "case.done.accepted" : "case.done.declined");
        return back(id);
    }

    @PostMapping("/cases/{id}/decline")
    String clientDecline(@PathVariable UUID id, @RequestParam(value = "reasonCode", required = false) String reasonCode,
                         @RequestParam(value = "reason", required = false) String reason,
                         Model model, RedirectAttributes flash) {
        if (reason == null || reason.isBlank() || !CLIENT_DECLINE_REASONS.contains(reasonCode)) {
            model.addAttribute("declineErrors", List.of(!CLIENT_DECLINE_REASONS.contains(reasonCode)
                    ? "case.error.reason-code" : "case.error.reason"));
            return page(id, model);
        }
        cases.recordClientDecline(id, reasonCode, reason.trim());
        flash.addFlashAttribute("done", "case.done.client-declined");
        return back(id);
    }

    @org.springframework.web.bind.annotation.ExceptionHandler(UnprocessableException.class)
    org.springframework.web.servlet.ModelAndView refused(UnprocessableException e) {
        org.springframework.web.servlet.ModelAndView page = new org.springframework.web.servlet.ModelAndView(
                "layout/error", org.springframework.http.HttpStatus.UNPROCESSABLE_ENTITY);
        page.addObject("status", 422);
        page.addObject("messageKey", "case.error.refused");
        return page;
    }

    /** A timeline line's words; a referral that never reached the provider (issue 12) says so. */
    static String messageKey(String action, String outcome) {
        if ("PROVIDER_RESPONSE_OVERDUE".equals(action) && "NOT_DELIVERED".equals(outcome)) {
            return "timeline.PROVIDER_RESPONSE_OVERDUE.NOT_DELIVERED";
        }
        return WORDED.contains(action) ? "timeline." + action : "timeline.other";
    }

    private List<TaskView> tasks(UUID caseId) {
        Actor me = actor.get();
        Instant now = clock.instant();
        return cases.tasks(caseId, null, null, null).stream()
                .filter(t -> t.kind() != TaskKind.RESOLVE_ESCALATION || me.has(Role.SUPERVISOR))
                .map(t -> view(t, me, now))
                .sorted(Comparator.comparing((TaskView t) -> !t.overdue())
                        .thenComparing(t -> t.dueAt() == null ? Instant.MAX : t.dueAt()))
                .toList();
    }

    private static TaskView view(WorkTask t, Actor me, Instant now) {
        return new TaskView(t.id(), t.kind().name(), t.caseId(), t.assignee(), t.dueAt(),
                t.dueAt() != null && t.dueAt().isBefore(now), me.id().equals(t.assignee()));
    }

    private static String back(UUID id) {
        return "redirect:/cases/" + id;
    }

    static Language language() {
        Locale locale = LocaleContextHolder.getLocale();
        return locale.getLanguage().equals("es") ? Language.ES : Language.EN;
    }
}
