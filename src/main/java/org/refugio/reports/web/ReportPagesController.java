package org.refugio.reports.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.refugio.reports.MonthRange;
import org.refugio.reports.Report;
import org.refugio.reports.ReportRangeException;
import org.refugio.reports.Reports;
import org.refugio.web.PageController;
import org.springframework.context.MessageSource;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The report pages: {@code /reports} (the monthly report) and {@code /reports/barriers}. Each report is a chart
 * (decoration, drawn by /js/reports.js from the table) and the table under it (the data), with the same suppressed
 * cells as the API: the pages read {@link Reports} and nothing else.
 */
@PageController
class ReportPagesController {

    /** The monthly page's reports, in order, and how each is charted (line over months, or bars per row). */
    static final List<String[]> MONTHLY = List.of(
            new String[] {"screenings", "line"},
            new String[] {"program-status", "bar-rows"},
            new String[] {"interface-languages", "line"},
            new String[] {"cases", "line"},
            new String[] {"referral-providers", "bar-rows"},
            new String[] {"person-languages", "line"},
            new String[] {"time-to-acceptance", "none"},
            new String[] {"declines", "line"});

    /** A cell as the page shows it. */
    public record CellView(String shown, boolean hidden, String value) { }

    /** A row: its label in the interface language, and its cells. */
    public record RowView(String label, List<CellView> cells, boolean total) { }

    /** One report on a page. */
    public record ReportView(String name, String chart, List<String> columns, List<RowView> rows, boolean totalColumn) {
        public boolean empty() {
            return rows.stream().noneMatch(r -> !r.total());
        }
    }

    private final Reports reports;
    private final MessageSource messages;

    ReportPagesController(Reports reports, MessageSource messages) {
        this.reports = reports;
        this.messages = messages;
    }

    @GetMapping("/reports")
    String monthly(@RequestParam(value = "fromMonth", required = false) String fromMonth,
                   @RequestParam(value = "toMonth", required = false) String toMonth, Locale locale, Model model) {
        MonthRange range = range(fromMonth, toMonth, model);
        if (range != null) {
            List<ReportView> views = new ArrayList<>();
            for (String[] r : MONTHLY) {
                views.add(view(reports.build(r[0], range), r[1], locale));
            }
            model.addAttribute("reports", views);
        }
        return "reports/monthly";
    }

    @GetMapping("/reports/barriers")
    String barriers(@RequestParam(value = "fromMonth", required = false) String fromMonth,
                    @RequestParam(value = "toMonth", required = false) String toMonth, Locale locale, Model model) {
        MonthRange range = range(fromMonth, toMonth, model);
        if (range != null) {
            model.addAttribute("report", view(reports.build("barriers", range), "line", locale));
        }
        return "reports/barriers";
    }

    /** The CSV of one report, for the signed-in user (the API's CSV, through the page's session). */
    @GetMapping("/reports/download/{name}")
    org.springframework.http.ResponseEntity<String> download(@org.springframework.web.bind.annotation.PathVariable String name,
            @RequestParam(value = "fromMonth", required = false) String fromMonth,
            @RequestParam(value = "toMonth", required = false) String toMonth) {
        Report report = reports.build(name, reports.range(fromMonth, toMonth));
        return org.springframework.http.ResponseEntity.ok()
                .contentType(new org.springframework.http.MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                .header(org.springframework.http.HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + report.name()
                        + "-" + report.range().first() + "-" + report.range().last() + ".csv\"")
                .body(org.refugio.reports.ReportCsv.write(report));
    }

    private MonthRange range(String fromMonth, String toMonth, Model model) {
        model.addAttribute("fromMonth", fromMonth == null ? "" : fromMonth.strip());
        model.addAttribute("toMonth", toMonth == null ? "" : toMonth.strip());
        try {
            MonthRange range = reports.range(fromMonth == null ? null : fromMonth.strip(),
                    toMonth == null ? null : toMonth.strip());
            model.addAttribute("range", range);
            return range;
        } catch (ReportRangeException e) {
            model.addAttribute("rangeError", true);
            return null;
        }
    }

    private ReportView view(Report report, String chart, Locale locale) {
        List<String> columns = report.columns().stream().map(c -> column(c, locale)).toList();
        List<RowView> rows = new ArrayList<>();
        for (Report.Row row : report.rows()) {
            rows.add(new RowView(row.label() != null ? row.label() : label(report.name(), row.key(), locale),
                    cells(row), false));
        }
        if (report.totals() != null) {
            rows.add(new RowView(text("reports.total", locale), cells(report.totals()), true));
        }
        return new ReportView(report.name(), chart, columns, rows, report.columns().contains("TOTAL"));
    }

    private List<CellView> cells(Report.Row row) {
        return row.cells().stream().map(c -> new CellView(c.shown(), c.hidden(),
                c.value() == null ? "" : (c.value() == Math.rint(c.value()) ? Long.toString(c.value().longValue())
                        : c.value().toString()))).toList();
    }

    private String column(String key, Locale locale) {
        if (key.matches("\\d{4}-\\d{2}")) {
            return key;
        }
        return message("reports.column." + key, message("status." + key, message("target." + key, key, locale),
                locale), locale);
    }

    /** The row's label: codes put in words where the bundles have them, the code itself otherwise. */
    String label(String report, String key, Locale locale) {
        switch (report) {
            case "program-status":
                return message("program." + key, key, locale);
            case "interface-languages":
            case "person-languages":
                if (key.equals("unknown") || key.equals("other")) {
                    return text("reports.language." + key, locale);
                }
                String name = Locale.forLanguageTag(key).getDisplayLanguage(locale);
                return name.isBlank() || name.equals(key) ? key : name + " (" + key + ")";
            case "barriers": {
                String[] p = key.split(":");
                if (p.length == 3) {
                    return message("program." + p[0], p[0], locale) + " · " + p[1] + " · "
                            + message("status." + p[2], p[2], locale);
                }
                return key;
            }
            case "declines": {
                int colon = key.indexOf(':');
                if (colon > 0) {
                    String kind = key.substring(0, colon);
                    String code = key.substring(colon + 1);
                    String reason = kind.equals("PROVIDER_DECLINED") ? message("provider-decline." + code, code, locale)
                            : kind.equals("CLIENT_DECLINED") ? message("client-decline." + code, code, locale)
                            : message("reports.reason." + code, code, locale);
                    return message("reports.row." + kind, kind, locale) + ": " + reason;
                }
                return message("reports.row." + key, key, locale);
            }
            default:
                return message("reports.row." + key, key, locale);
        }
    }

    private String message(String key, String fallback, Locale locale) {
        return messages.getMessage(key, null, fallback, locale);
    }

    private String text(String key, Locale locale) {
        return messages.getMessage(key, null, key, locale);
    }
}
