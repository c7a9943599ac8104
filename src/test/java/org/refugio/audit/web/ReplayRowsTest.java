package org.refugio.audit.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.refugio.api.model.DerivativeResult;
import org.refugio.api.model.ProgramCode;
import org.refugio.api.model.ProgramResult;
import org.refugio.api.model.ScreeningDecision;
import org.refugio.api.model.Status;

/** The replay page's side-by-side rows mark exactly what changed; the facts table shows unknown as unknown. */
class ReplayRowsTest {

    @Test
    void aProgramWhoseStatusChangedIsMarkedAndTheOthersAreNot() {
        ScreeningDecision then = new ScreeningDecision()
                .programs(List.of(program(ProgramCode.T1_PRINCIPAL, Status.NOT_ELIGIBLE),
                        program(ProgramCode.MX_HUMANITARIAN_VISITOR, Status.NOT_ELIGIBLE)))
                .derivatives(List.of(new DerivativeResult().memberId("#0").status(Status.ELIGIBLE)));
        ScreeningDecision now = new ScreeningDecision()
                .programs(List.of(program(ProgramCode.T1_PRINCIPAL, Status.NOT_ELIGIBLE),
                        program(ProgramCode.MX_HUMANITARIAN_VISITOR, Status.NEEDS_MORE_INFORMATION)))
                .derivatives(List.of());

        var rows = AuditPagesController.rows(then, now);

        assertThat(rows).containsExactly(
                new AuditPagesController.ReplayRow("T1_PRINCIPAL", "NOT_ELIGIBLE", "NOT_ELIGIBLE", false),
                new AuditPagesController.ReplayRow("MX_HUMANITARIAN_VISITOR", "NOT_ELIGIBLE", "NEEDS_MORE_INFORMATION", true),
                new AuditPagesController.ReplayRow("DERIVATIVE:#0", "ELIGIBLE", null, true));
    }

    @Test
    void factsAreListedByPointerWithUnknownsShownAsUnknown() throws Exception {
        var tree = new ObjectMapper().readTree("{\"person\":{\"age\":26,\"city\":\"[redacted]\",\"citizenship\":null},"
                + "\"victimizations\":[]}");
        Map<String, Object> fields = new java.util.LinkedHashMap<>();
        tree.fields().forEachRemaining(e -> fields.put(e.getKey(), e.getValue()));

        assertThat(AuditPagesController.facts(fields)).containsExactly(
                new AuditPagesController.FactRow("/person/age", "26", false),
                new AuditPagesController.FactRow("/person/city", "[redacted]", false),
                new AuditPagesController.FactRow("/person/citizenship", "", true),
                new AuditPagesController.FactRow("/victimizations", "[]", false));
    }

    private static ProgramResult program(ProgramCode code, Status status) {
        return new ProgramResult().program(code).status(status);
    }
}
