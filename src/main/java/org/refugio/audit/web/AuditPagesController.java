package org.refugio.audit.web;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.refugio.api.AuditAnalysisApi;
import org.refugio.api.AuditApi;
import org.refugio.api.model.AuditDecision;
import org.refugio.api.model.AuditDecisionPage;
import org.refugio.api.model.ChainVerification;
import org.refugio.api.model.DerivativeResult;
import org.refugio.api.model.IntegrityCheck;
import org.refugio.api.model.ProgramCode;
import org.refugio.api.model.ProgramResult;
import org.refugio.api.model.Replay;
import org.refugio.api.model.ScreeningDecision;
import org.refugio.api.model.Status;
import org.refugio.web.PageController;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The auditor's pages. Each one calls the audit API's operation for what it shows (the bean behind
 * {@code /api/v1/audit/**}): the same queries, the same redaction of identifiers, the same AUDIT_READ record written
 * before the answer leaves, naming the signed-in auditor.
 */
@PageController
class AuditPagesController {

    static final int PAGE_SIZE = 20;

    /** One fact as the rules read it: its JSON Pointer and value; unknown when the value is null. */
    public record FactRow(String path, String value, boolean unknown) { }

    /** One program (or relative, or the referral) in the replay: what each ruleset decided. */
    public record ReplayRow(String program, String then, String now, boolean differs) { }

    private final AuditApi audit;
    private final AuditAnalysisApi analysis;

    AuditPagesController(AuditApi audit, AuditAnalysisApi analysis) {
        this.audit = audit;
        this.analysis = analysis;
    }

    @GetMapping("/audit")
    String start() {
        return "redirect:/audit/decisions";
    }

    @GetMapping("/audit/decisions")
    String search(@RequestParam(value = "from", required = false) String from,
                  @RequestParam(value = "to", required = false) String to,
                  @RequestParam(value = "program", required = false) String program,
                  @RequestParam(value = "status", required = false) String status,
                  @RequestParam(value = "rulesetVersion", required = false) String rulesetVersion,
                  @RequestParam(value = "ruleId", required = false) String ruleId,
                  @RequestParam(value = "page", required = false, defaultValue = "0") int page, Model model) {
        List<String> errors = new ArrayList<>();
        OffsetDateTime since = day(from, 0, "from", errors);
        OffsetDateTime until = day(to, 1, "to", errors);
        ProgramCode chosenProgram = blank(program) ? null : enumValue(program, ProgramCode::fromValue, "program", errors);
        Status chosenStatus = blank(status) ? null : enumValue(status, Status::fromValue, "status", errors);
        String version = limited(rulesetVersion, "rulesetVersion", errors);
        String rule = limited(ruleId, "ruleId", errors);
        int chosenPage = Math.max(0, Math.min(page, 1_000_000));
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        model.addAttribute("program", chosenProgram == null ? "" : chosenProgram.getValue());
        model.addAttribute("status", chosenStatus == null ? "" : chosenStatus.getValue());
        model.addAttribute("rulesetVersion", version);
        model.addAttribute("ruleId", rule);
        model.addAttribute("programs", List.of(ProgramCode.values()));
        model.addAttribute("statuses", List.of(Status.values()));
        model.addAttribute("errors", errors);
        if (errors.isEmpty()) {
            AuditDecisionPage result = audit.listAuditDecisions(since, until, chosenProgram, chosenStatus, version, rule,
                    chosenPage, PAGE_SIZE).getBody();
            model.addAttribute("result", result);
            long total = result == null ? 0 : result.getTotalItems();
            model.addAttribute("pages", (total + PAGE_SIZE - 1) / PAGE_SIZE);
            model.addAttribute("firstShown", total == 0 ? 0 : (long) chosenPage * PAGE_SIZE + 1);
            model.addAttribute("lastShown", Math.min(total, (long) (chosenPage + 1) * PAGE_SIZE));
        }
        model.addAttribute("page", chosenPage);
        return "audit/decisions";
    }

    @GetMapping("/audit/decisions/{id}")
    String decision(@PathVariable UUID id, Model model) {
        AuditDecision found = audit.getAuditDecision(id).getBody();
        model.addAttribute("d", found);
        if (found.getPurgedAt() != null || found.getDecision() == null) {
            // Purged under the retention policy: no facts or decision to show, only that it was and its record.
            model.addAttribute("decisionId", id);
            model.addAttribute("purgedAt", found.getPurgedAt() == null ? null
                    : found.getPurgedAt().toString().replace('T', ' ').substring(0, 19) + " UTC");
            return "audit/decision-purged";
        }
        model.addAttribute("decision", found.getDecision());
        model.addAttribute("facts", facts(found.getFactsAsUsed()));
        IntegrityCheck integrity = found.getIntegrity();
        model.addAttribute("intact", integrity != null && Boolean.TRUE.equals(integrity.getRecordIntact())
                && Boolean.TRUE.equals(integrity.getFactsMatch()) && Boolean.TRUE.equals(integrity.getDecisionMatches()));
        return "audit/decision";
    }

    @GetMapping("/audit/decisions/{id}/replay")
    String replay(@PathVariable UUID id, Model model) {
        Replay replay = analysis.replayDecision(id).getBody();
        model.addAttribute("replay", replay);
        model.addAttribute("rows", rows(replay.getOriginal().getDecision(), replay.getCurrent().getDecision()));
        return "audit/replay";
    }

    @GetMapping("/audit/verify")
    String verify(@RequestParam(value = "fromSeq", required = false) String fromSeq,
                  @RequestParam(value = "toSeq", required = false) String toSeq,
                  @RequestParam(value = "checkDecisions", required = false) Boolean checkDecisions,
                  @RequestParam(value = "run", required = false) String run, Model model) {
        List<String> errors = new ArrayList<>();
        Long from = sequence(fromSeq, "fromSeq", errors);
        Long to = sequence(toSeq, "toSeq", errors);
        boolean decisions = run == null || Boolean.TRUE.equals(checkDecisions);
        model.addAttribute("fromSeq", fromSeq);
        model.addAttribute("toSeq", toSeq);
        model.addAttribute("checkDecisions", decisions);
        model.addAttribute("errors", errors);
        if (run != null && errors.isEmpty()) {
            ChainVerification report = audit.verifyAuditChain(from == null ? 1L : from, to, decisions).getBody();
            model.addAttribute("report", report);
        }
        return "audit/verify";
    }

    static List<FactRow> facts(Map<String, Object> tree) {
        List<FactRow> rows = new ArrayList<>();
        if (tree != null) {
            tree.forEach((name, value) -> flatten("/" + name, value instanceof JsonNode node ? node : null, rows));
        }
        return rows;
    }

    private static void flatten(String pointer, JsonNode node, List<FactRow> rows) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            rows.add(new FactRow(pointer, "", true));
        } else if (node.isObject()) {
            if (node.isEmpty()) {
                rows.add(new FactRow(pointer, "{}", false));
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                flatten(pointer + "/" + field.getKey(), field.getValue(), rows);
            }
        } else if (node.isArray()) {
            if (node.isEmpty()) {
                rows.add(new FactRow(pointer, "[]", false));
            }
            for (int i = 0; i < node.size(); i++) {
                flatten(pointer + "/" + i, node.get(i), rows);
            }
        } else {
            rows.add(new FactRow(pointer, node.asText(), false));
        }
    }

    /** Every program, relative and the referral as each ruleset decided it, in the order of the original. */
    static List<ReplayRow> rows(ScreeningDecision then, ScreeningDecision now) {
        Map<String, String[]> outcomes = new LinkedHashMap<>();
        for (ProgramResult p : each(then.getPrograms())) {
            outcomes.computeIfAbsent(p.getProgram().getValue(), k -> new String[2])[0] = p.getStatus().getValue();
        }
        for (ProgramResult p : each(now.getPrograms())) {
            outcomes.computeIfAbsent(p.getProgram().getValue(), k -> new String[2])[1] = p.getStatus().getValue();
        }
        Set<String> relatives = new LinkedHashSet<>();
        each(then.getDerivatives()).forEach(d -> relatives.add(d.getMemberId()));
        each(now.getDerivatives()).forEach(d -> relatives.add(d.getMemberId()));
        for (String member : relatives) {
            outcomes.put("DERIVATIVE:" + member, new String[] {relative(then, member), relative(now, member)});
        }
        if (then.getLegalAidReferral() != null || now.getLegalAidReferral() != null) {
            outcomes.put("LEGAL_AID_REFERRAL", new String[] {
                then.getLegalAidReferral() == null ? null : then.getLegalAidReferral().getTarget().getValue(),
                now.getLegalAidReferral() == null ? null : now.getLegalAidReferral().getTarget().getValue()});
        }
        List<ReplayRow> rows = new ArrayList<>();
        outcomes.forEach((program, o) -> rows.add(new ReplayRow(program, o[0], o[1], !Objects.equals(o[0], o[1]))));
        return rows;
    }

    private static String relative(ScreeningDecision decision, String member) {
        for (DerivativeResult d : each(decision.getDerivatives())) {
            if (Objects.equals(d.getMemberId(), member)) {
                return d.getStatus().getValue();
            }
        }
        return null;
    }

    private static OffsetDateTime day(String text, int plusDays, String field, List<String> errors) {
        if (blank(text)) {
            return null;
        }
        try {
            return LocalDate.parse(text.trim()).plusDays(plusDays).atStartOfDay().atOffset(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            errors.add(field);
            return null;
        }
    }

    private static Long sequence(String text, String field, List<String> errors) {
        if (blank(text)) {
            return null;
        }
        try {
            long value = Long.parseLong(text.trim());
            if (value >= 1) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.add(field);
        return null;
    }

    private static <T> T enumValue(String text, java.util.function.Function<String, T> parse, String field,
                                   List<String> errors) {
        try {
            return parse.apply(text.trim());
        } catch (IllegalArgumentException e) {
            errors.add(field);
            return null;
        }
    }

    private static String limited(String text, String field, List<String> errors) {
        if (blank(text)) {
            return null;
        }
        if (text.trim().length() > 64) {
            errors.add(field);
            return null;
        }
        return text.trim();
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    private static <T> List<T> each(List<T> list) {
        return list == null ? List.of() : list;
    }
}
