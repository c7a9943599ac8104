package org.refugio.cases.web;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;
import org.refugio.api.model.ConsentRequest;
import org.refugio.api.model.LegalAidCase;
import org.refugio.api.model.PersonIdentity;
import org.refugio.cases.CaseIdentity;
import org.refugio.cases.CaseService;
import org.refugio.cases.CaseViews;
import org.refugio.identity.Consent;
import org.refugio.problem.NotFoundException;
import org.refugio.web.PageController;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The person's identifying data and consents on the case pages (issue 11 item 5, issue 5): the data is shown only
 * on its own page, to caseworkers and supervisors (the /cases pages' access rule), and only when asked for; each
 * view is a read of the vault that {@link CaseIdentity} records in the audit log (IDENTITY_READ, on the case's
 * timeline). Consents to share the identity with a provider are listed with their dates, scope, provider and state,
 * recorded with a form and withdrawn with a button: the same service calls as the REST API.
 */
@PageController
class CaseIdentityPagesController {

    static final List<String> GIVEN_BY = List.of("CLIENT", "PARENT", "GUARDIAN");

    /** A consent as the case page shows it. */
    public record ConsentView(UUID id, String scope, String givenBy, LocalDate signedOn, LocalDate expiresOn,
                              String provider, String documentReference, String state, String recordedBy,
                              String recordedAt, String withdrawnBy, String withdrawnAt) { }

    private final CaseIdentity identity;
    private final CaseViews views;
    private final CaseService cases;
    private final Clock clock;

    CaseIdentityPagesController(CaseIdentity identity, CaseViews views, CaseService cases, Clock clock) {
        this.identity = identity;
        this.views = views;
        this.cases = cases;
        this.clock = clock;
    }

    /** The identifying data: reading it here is what the audit log records as a view. */
    @GetMapping("/cases/{id}/identity")
    String show(@PathVariable UUID id, Model model, HttpServletResponse response) {
        response.setHeader("Cache-Control", "no-store");
        model.addAttribute("caseId", id);
        try {
            model.addAttribute("person", identity.read(id));
        } catch (NotFoundException e) {
            views.view(id, CasePagesController.language());
            model.addAttribute("person", null);
        }
        model.addAttribute("errors", List.of());
        return "cases/identity";
    }

    @PostMapping("/cases/{id}/identity")
    String save(@PathVariable UUID id, @RequestParam(value = "name", required = false) String name,
                @RequestParam(value = "dateOfBirth", required = false) String dateOfBirth,
                @RequestParam(value = "phone", required = false) String phone,
                @RequestParam(value = "email", required = false) String email,
                @RequestParam(value = "address", required = false) String address,
                @RequestParam(value = "otherNames", required = false) String otherNames,
                Model model, RedirectAttributes flash, HttpServletResponse response) {
        PersonIdentity person = new PersonIdentity().name(blank(name)).phone(blank(phone)).email(blank(email))
                .address(blank(address));
        if (blank(otherNames) != null) {
            person.otherNames(List.of(otherNames.trim().split("\\s*;\\s*")));
        }
        List<String> errors = new ArrayList<>();
        if (person.getName() == null) {
            errors.add("identity.error.name");
        }
        if (blank(dateOfBirth) != null) {
            try {
                LocalDate born = LocalDate.parse(dateOfBirth.trim());
                if (born.isAfter(LocalDate.now(clock))) {
                    errors.add("identity.error.born-in-future");
                }
                person.dateOfBirth(born);
            } catch (DateTimeParseException e) {
                errors.add("identity.error.date");
            }
        }
        if (!errors.isEmpty()) {
            response.setHeader("Cache-Control", "no-store");
            model.addAttribute("caseId", id);
            model.addAttribute("person", null);
            model.addAttribute("draft", person);
            model.addAttribute("errors", errors);
            return "cases/identity";
        }
        identity.save(id, person);
        flash.addFlashAttribute("done", "identity.done.recorded");
        return "redirect:/cases/" + id;
    }

    @PostMapping("/cases/{id}/consents")
    String record(@PathVariable UUID id, @RequestParam(value = "givenBy", required = false) String givenBy,
                  @RequestParam(value = "signedOn", required = false) String signedOn,
                  @RequestParam(value = "expiresOn", required = false) String expiresOn,
                  @RequestParam(value = "providerId", required = false) String providerId,
                  @RequestParam(value = "documentReference", required = false) String documentReference,
                  RedirectAttributes flash) {
        List<String> errors = new ArrayList<>();
        if (!GIVEN_BY.contains(givenBy)) {
            errors.add("consent.error.given-by");
        }
        LocalDate signed = date(signedOn, "consent.error.signed-on", errors);
        LocalDate expires = date(expiresOn, "consent.error.expires-on", errors);
        LocalDate today = LocalDate.now(clock);
        if (signed != null && signed.isAfter(today)) {
            errors.add("consent.error.signed-in-future");
        }
        if (signed != null && expires != null && !expires.isAfter(signed)) {
            errors.add("consent.error.expires-before-signed");
        }
        if (expires != null && expires.isBefore(today)) {
            errors.add("consent.error.expired");
        }
        if (!errors.isEmpty()) {
            flash.addFlashAttribute("consentErrors", errors);
            return "redirect:/cases/" + id + "#consents";
        }
        identity.record(id, new ConsentRequest().scope(ConsentRequest.ScopeEnum.SHARE_IDENTITY_WITH_PROVIDER)
                .givenBy(ConsentRequest.GivenByEnum.fromValue(givenBy)).signedOn(signed).expiresOn(expires)
                .providerId(blank(providerId) == null ? null : UUID.fromString(providerId.trim()))
                .documentReference(blank(documentReference)));
        flash.addFlashAttribute("done", "consent.done.recorded");
        return "redirect:/cases/" + id + "#consents";
    }

    @PostMapping("/cases/{id}/consents/{consentId}/withdrawal")
    String withdraw(@PathVariable UUID id, @PathVariable UUID consentId, RedirectAttributes flash) {
        identity.withdraw(id, consentId);
        flash.addFlashAttribute("done", "consent.done.withdrawn");
        return "redirect:/cases/" + id + "#consents";
    }

    /** The consents of a case and the providers a new one may name, for the case page. */
    void addTo(Model model, LegalAidCase view) {
        Map<UUID, String> providers = new LinkedHashMap<>();
        if (view.getReferrals() != null) {
            view.getReferrals().forEach(r -> providers.putIfAbsent(r.getProviderId(),
                    r.getProviderName() == null ? r.getProviderId().toString() : r.getProviderName()));
        }
        if (view.getStatus() == org.refugio.api.model.CaseStatus.REFERRAL_PENDING) {
            cases.lawfulProviders(view.getId()).forEach(p -> providers.putIfAbsent(p.id(), p.name()));
        }
        LocalDate today = LocalDate.now(clock);
        List<ConsentView> consents = identity.consents(view.getId()).stream().map(c -> view(c, providers, today))
                .toList();
        model.addAttribute("consents", consents);
        model.addAttribute("consentProviders", providers);
        model.addAttribute("givenBy", GIVEN_BY);
        model.addAttribute("today", today.toString());
    }

    private static ConsentView view(Consent c, Map<UUID, String> providers, LocalDate today) {
        return new ConsentView(c.id(), c.scope(), c.givenBy(), c.signedOn(), c.expiresOn(),
                c.providerId() == null ? null : providers.getOrDefault(c.providerId(), c.providerId().toString()),
                c.documentReference(), c.stateOn(today).name(), c.recordedBy(), minute(c.recordedAt()),
                c.withdrawnBy(), c.withdrawnAt() == null ? null : minute(c.withdrawnAt()));
    }

    private static String minute(java.time.Instant at) {
        return at.toString().substring(0, 16).replace('T', ' ');
    }

    private static LocalDate date(String text, String error, List<String> errors) {
        if (blank(text) == null) {
            errors.add(error);
            return null;
        }
        try {
            return LocalDate.parse(text.trim());
        } catch (DateTimeParseException e) {
            errors.add(error);
            return null;
        }
    }

    private static String blank(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
