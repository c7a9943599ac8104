package org.refugio.reports;

import java.util.ArrayList;
import java.util.List;

/** A report as CSV (RFC 4180): the cells as shown, suppressed ones as {@code <11} or {@code suppressed}. */
public final class ReportCsv {

    private ReportCsv() {
    }

    /** Columns: key, label (only where rows have one), then the report's columns; cells as shown. */
    public static String write(Report report) {
        boolean labels = report.rows().stream().anyMatch(r -> r.label() != null);
        StringBuilder out = new StringBuilder();
        List<String> header = new ArrayList<>();
        header.add("key");
        if (labels) {
            header.add("label");
        }
        header.addAll(report.columns());
        csvRow(out, header);
        for (Report.Row row : report.rowsWithTotals()) {
            List<String> fields = new ArrayList<>();
            fields.add(row.key());
            if (labels) {
                fields.add(row.label() == null ? "" : row.label());
            }
            row.cells().forEach(c -> fields.add(c.shown()));
            csvRow(out, fields);
        }
        return out.toString();
    }

    /** RFC 4180: quoted when a field holds a comma, a quote or a line break; CRLF; never a formula. */
    private static void csvRow(StringBuilder out, List<String> fields) {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            String f = fields.get(i);
            if (!f.isEmpty() && "=+@".indexOf(f.charAt(0)) >= 0) {
                f = "'" + f;
            }
            if (f.indexOf(',') >= 0 || f.indexOf('"') >= 0 || f.indexOf('\n') >= 0 || f.indexOf('\r') >= 0) {
                out.append('"').append(f.replace("\"", "\"\"")).append('"');
            } else {
                out.append(f);
            }
        }
        out.append("\r\n");
    }
}
