package org.refugio.audit.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;
import org.refugio.api.AuditAnalysisApi;
import org.refugio.api.AuditApi;
import org.refugio.api.model.CandidateRuleset;
import org.refugio.api.model.ImpactAnalysis;
import org.refugio.api.model.ImpactAnalysisRequest;
import org.refugio.api.model.ImpactResult;
import org.refugio.api.model.KeptRuleset;
import org.refugio.api.model.ProgramImpact;
import org.refugio.api.model.StatusTransition;
import org.refugio.problem.UnprocessableException;
import org.refugio.web.PageController;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/**
 * The impact-analysis pages (issue 13 item 2): start an analysis of a candidate ruleset over past decisions, follow
 * its progress, read its result. Each page calls the analysis API's own operation ({@link AuditAnalysisApi}), so
 * starting and every read are recorded in the audit log exactly as through {@code /api/v1/audit/impact-analyses}.
 */
@PageController
class ImpactPagesController {

    /** How many changed rule files the form offers. */
    static final int FILE_ROWS = 3;
    static final int MAX_FILE_BYTES = 1_000_000;
    /** How many affected decisions the result page lists: thousands of ids make a page nobody can use. */
    static final int LISTED_DECISIONS = 50;

    /** One program's transitions as a matrix: a row per status before, a column per status after. */
    public record ProgramMatrix(String program, long changed, List<String> after, List<MatrixRow> rows) { }

    public record MatrixRow(String before, List<Long> counts) { }

    /**
     * The affected decisions the result page lists: the first {@link #LISTED_DECISIONS} by id as text (as a person
     * reads them; UUID's own order puts 8… before 0…), the same on every reload, and how many more would change, counted from
     * {@code decisionsChanged} so that decisions the analysis counted but did not keep the id of are included.
     */
    public record AffectedDecisions(List<UUID> listed, long more) { }

    /** A field the form could not take: where it is (its id), what to say (a message key), and its row (from 1). */
    public record FieldError(String anchor, String key, int row) { }

    private final AuditApi audit;
    private final AuditAnalysisApi analysis;

    ImpactPagesController(AuditApi audit, AuditAnalysisApi analysis) {
        this.audit = audit;
        this.analysis = analysis;
    }

    @GetMapping("/audit/impact")
    String form(Model model) {
        return form(model, "", "", "current", List.of(), new ArrayList<>(), null);
    }

    @PostMapping("/audit/impact")
    String start(@RequestParam(value = "from", required = false) String from,
                 @RequestParam(value = "to", required = false) String to,
                 @RequestParam(value = "base", required = false, defaultValue = "current") String base,
                 @RequestParam(value = "path", required = false) List<String> paths,
                 @RequestParam(value = "file", required = false) List<MultipartFile> files, Model model) {
        List<String> errors = new ArrayList<>();
        OffsetDateTime since = day(from, 0, "from", errors);
        OffsetDateTime until = day(to, 1, "to", errors);
        if (since != null && until != null && !until.isAfter(since)) {
            errors.add("range");
        }
        String chosenBase = base == null || base.isBlank() ? "current" : base.trim();
        if (!chosenBase.equals("current") && !chosenBase.matches("[0-9a-f]{64}")) {
            errors.add("base");
            chosenBase = "current";
        }
        Map<String, String> changed = new LinkedHashMap<>();
        for (int i = 0; i < FILE_ROWS; i++) {
            String path = i < size(paths) && paths.get(i) != null ? paths.get(i).trim() : "";
            MultipartFile file = i < size(files) ? files.get(i) : null;
            boolean hasFile = file != null && !file.isEmpty();
            if (path.isEmpty() && !hasFile) {
                continue;
            }
            if (path.isEmpty() || path.length() > 256 || !path.matches("[A-Za-z0-9._/-]+") || path.contains("..")) {
                errors.add("path-" + i);
            } else if (!hasFile || file.getSize() > MAX_FILE_BYTES) {
                errors.add("file-" + i);
            } else {
                try {
                    changed.put(path, new String(file.getBytes(), StandardCharsets.UTF_8));
                } catch (IOException e) {
                    errors.add("file-" + i);
                }
            }
        }
        if (!errors.isEmpty()) {
            return form(model, from, to, chosenBase, paths, errors, null);
        }
        CandidateRuleset candidate = new CandidateRuleset().base(chosenBase);
        if (!changed.isEmpty()) {
            candidate.files(changed);
        }
        ImpactAnalysisRequest request = new ImpactAnalysisRequest().from(since).to(until).candidate(candidate);
        ImpactAnalysis started;
        try {
            started = analysis.startImpactAnalysis(request, null).getBody();
        } catch (UnprocessableException | IllegalArgumentException e) {
            // The candidate does not compile, or names a path outside rules/: said on the form, as the API's 422.
            return form(model, from, to, chosenBase, paths, errors, e.getMessage());
        }
        return "redirect:/audit/impact/" + started.getId();
    }

    private String form(Model model, String from, String to, String base, List<String> paths, List<String> errors,
                        String refused) {
        List<KeptRuleset> kept = new ArrayList<>(each(audit.listRulesetVersions().getBody()));
        java.util.Collections.reverse(kept);
        model.addAttribute("kept", kept);
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        model.addAttribute("base", base);
        model.addAttribute("rows", java.util.stream.IntStream.range(0, FILE_ROWS).boxed().toList());
        List<String> entered = new ArrayList<>();
        for (int i = 0; i < FILE_ROWS; i++) {
            String path = i < size(paths) ? paths.get(i) : null;
            entered.add(path == null ? "" : path.length() > 256 ? path.substring(0, 256) : path);
        }
        model.addAttribute("paths", entered);
        model.addAttribute("invalid", Set.copyOf(errors));
        model.addAttribute("errors", errors.stream().map(e -> e.contains("-")
                ? new FieldError(e, "audit.impact.error." + e.substring(0, e.indexOf('-')),
                        Integer.parseInt(e.substring(e.indexOf('-') + 1)) + 1)
                : new FieldError(e, "audit.impact.error." + e, 0)).toList());
        model.addAttribute("refused", refused);
        return "audit/impact";
    }

    @GetMapping("/audit/impact/{id}")
    String analysis(@PathVariable UUID id, Model model) {
        show(id, model);
        return "audit/impact-analysis";
    }

    /** The progress part alone, for htmx polling; once the analysis ended, the whole page is reloaded. */
    @GetMapping(value = "/audit/impact/{id}", headers = "HX-Request=true")
    String progress(@PathVariable UUID id, Model model, HttpServletResponse response) {
        ImpactAnalysis a = show(id, model);
        if (ended(a)) {
            response.setHeader("HX-Refresh", "true");
        }
        return "audit/impact-analysis :: progress";
    }

    @GetMapping(value = "/audit/impact/{id}/transitions.csv")
    ResponseEntity<String> transitions(@PathVariable UUID id) {
        ImpactAnalysis a = analysis.getImpactAnalysis(id).getBody();
        StringBuilder csv = new StringBuilder("program,from,to,count\r\n");
        if (a.getResult() != null) {
            for (ProgramImpact p : each(a.getResult().getPrograms())) {
                for (StatusTransition t : each(p.getTransitions())) {
                    csv.append(p.getProgram().getValue()).append(',').append(t.getFrom().getValue()).append(',')
                            .append(t.getTo().getValue()).append(',').append(t.getCount()).append("\r\n");
                }
            }
        }
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"impact-" + id + "-transitions.csv\"")
                .body(csv.toString());
    }

    private ImpactAnalysis show(UUID id, Model model) {
        ImpactAnalysis a = analysis.getImpactAnalysis(id).getBody();
        model.addAttribute("a", a);
        model.addAttribute("ended", ended(a));
        model.addAttribute("percent", a.getPercentDone() == null ? 0 : Math.min(100.0, a.getPercentDone()));
        model.addAttribute("timeLeft", timeLeft(a));
        if (a.getResult() != null) {
            model.addAttribute("matrices", matrices(a));
            model.addAttribute("affected", affected(a.getResult()));
        }
        return a;
    }

    private static boolean ended(ImpactAnalysis a) {
        return a.getState() == ImpactAnalysis.StateEnum.DONE || a.getState() == ImpactAnalysis.StateEnum.FAILED;
    }

    /** Seconds left at the rate so far; null when not running or no rate yet. */
    static Long timeLeft(ImpactAnalysis a) {
        if (a.getState() != ImpactAnalysis.StateEnum.RUNNING || a.getRatePerSecond() == null
                || a.getRatePerSecond() <= 0) {
            return null;
        }
        long left = Math.max(0, a.getTotal() - a.getProcessed());
        return Duration.ofMillis(Math.round(left / a.getRatePerSecond() * 1000)).toSeconds();
    }

    static AffectedDecisions affected(ImpactResult result) {
        List<UUID> ids = each(result.getAffectedDecisionIds());
        List<UUID> listed = ids.stream().sorted(Comparator.comparing(UUID::toString)).limit(LISTED_DECISIONS).toList();
        long changed = result.getDecisionsChanged() == null ? ids.size() : result.getDecisionsChanged();
        return new AffectedDecisions(listed, Math.max(0, Math.max(changed, ids.size()) - listed.size()));
    }

    /** The programs that change, each as a before × after table of counts (the chart is drawn from it). */
    static List<ProgramMatrix> matrices(ImpactAnalysis a) {
        List<ProgramMatrix> out = new ArrayList<>();
        for (ProgramImpact p : each(a.getResult().getPrograms())) {
            if (each(p.getTransitions()).isEmpty()) {
                continue;
            }
            Set<String> before = new LinkedHashSet<>();
            Set<String> after = new LinkedHashSet<>();
            for (StatusTransition t : p.getTransitions()) {
                before.add(t.getFrom().getValue());
                after.add(t.getTo().getValue());
            }
            List<String> columns = List.copyOf(after);
            List<MatrixRow> rows = new ArrayList<>();
            for (String b : before) {
                List<Long> counts = new ArrayList<>();
                for (String c : columns) {
                    long n = 0;
                    for (StatusTransition t : p.getTransitions()) {
                        if (t.getFrom().getValue().equals(b) && t.getTo().getValue().equals(c)) {
                            n += t.getCount();
                        }
                    }
                    counts.add(n);
                }
                rows.add(new MatrixRow(b, counts));
            }
            out.add(new ProgramMatrix(p.getProgram().getValue(), p.getChanged(), columns, rows));
        }
        return out;
    }

    private static OffsetDateTime day(String text, int plusDays, String field, List<String> errors) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text.trim()).plusDays(plusDays).atStartOfDay().atOffset(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            errors.add(field);
            return null;
        }
    }

    private static int size(List<?> list) {
        return list == null ? 0 : list.size();
    }

    private static <T> List<T> each(List<T> list) {
        return list == null ? List.of() : list;
    }
}
