package org.refugio.reports;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import org.refugio.api.ReportsApi;
import org.refugio.api.model.ReportCell;
import org.refugio.api.model.ReportRow;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/reports/{name}}: a report as JSON, or as CSV (RFC 4180) with {@code Accept: text/csv} or
 * {@code format=csv}. The same suppressed cells as the pages: a hidden count is never in the answer.
 */
@RestController
class ReportController implements ReportsApi {

    static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

    private final Reports reports;
    private final HttpServletRequest request;

    ReportController(Reports reports, HttpServletRequest request) {
        this.reports = reports;
        this.request = request;
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public ResponseEntity<org.refugio.api.model.Report> getReport(String name, String fromMonth, String toMonth,
                                                                  String format) {
        if (format != null && !format.equals("json") && !format.equals("csv")) {
            throw new ReportRangeException("format is json or csv");
        }
        Report report = reports.build(name, reports.range(fromMonth, toMonth));
        if ("csv".equals(format) || (format == null && wantsCsv(request.getHeader(HttpHeaders.ACCEPT)))) {
            return (ResponseEntity) ResponseEntity.ok().contentType(CSV)
                    .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + report.name() + "-"
                            + report.range().first() + "-" + report.range().last() + ".csv\"")
                    .body(ReportCsv.write(report));
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(json(report));
    }

    private static boolean wantsCsv(String accept) {
        if (accept == null) {
            return false;
        }
        List<MediaType> types = MediaType.parseMediaTypes(accept);
        MediaType.sortBySpecificityAndQuality(types);
        for (MediaType type : types) {
            if (type.isCompatibleWith(MediaType.APPLICATION_JSON) && !type.isWildcardType()) {
                return false;
            }
            if (type.getType().equals("text") && type.getSubtype().equals("csv")) {
                return true;
            }
        }
        return false;
    }

    static org.refugio.api.model.Report json(Report report) {
        org.refugio.api.model.Report out = new org.refugio.api.model.Report()
                .name(report.name()).fromMonth(report.range().first().toString())
                .toMonth(report.range().last().toString()).threshold(Suppression.THRESHOLD)
                .columns(new ArrayList<>(report.columns()));
        List<ReportRow> rows = new ArrayList<>();
        report.rows().forEach(r -> rows.add(row(r)));
        out.rows(rows);
        if (report.totals() != null) {
            out.totals(row(report.totals()));
        }
        return out;
    }

    private static ReportRow row(Report.Row row) {
        List<ReportCell> cells = new ArrayList<>();
        for (Report.Cell c : row.cells()) {
            cells.add(new ReportCell(c.shown(), ReportCell.SuppressionEnum.fromValue(c.suppression().name()))
                    .value(c.value() == null ? null : BigDecimal.valueOf(c.value()).stripTrailingZeros()));
        }
        return new ReportRow(row.key(), cells).label(row.label());
    }

}
