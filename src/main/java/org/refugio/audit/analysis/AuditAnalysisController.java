package org.refugio.audit.analysis;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.refugio.api.AuditAnalysisApi;
import org.refugio.api.model.ImpactAnalysis;
import org.refugio.api.model.ImpactAnalysisRequest;
import org.refugio.api.model.Replay;
import org.refugio.audit.AuditEntry;
import org.refugio.audit.AuditTrail;
import org.refugio.audit.Redaction;
import org.refugio.problem.NotFoundException;
import org.refugio.screening.ScreeningService;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;

/**
 * The auditor's analyses over the trail: replay of one decision and impact of a rule change. Every read is
 * recorded in the trail (action AUDIT_READ) before the answer leaves, as the trail's own reads are.
 */
@RestController
class AuditAnalysisController implements AuditAnalysisApi {

    private final Replays replays;
    private final ImpactAnalyses impact;
    private final ScreeningService screenings;
    private final AuditTrail trail;

    AuditAnalysisController(Replays replays, ImpactAnalyses impact, ScreeningService screenings, AuditTrail trail) {
        this.replays = replays;
        this.impact = impact;
        this.screenings = screenings;
        this.trail = trail;
    }

    @Override
    public ResponseEntity<Replay> replayDecision(UUID id) {
        Replay replay = replays.replay(id);
        Redaction redaction = Redaction.of(screenings.readFacts(screenings.stored(id).orElseThrow().factsJson()),
                new ArrayList<>());
        redaction.decision(replay.getOriginal().getDecision(), "/original/decision");
        redaction.decision(replay.getCurrent().getDecision(), "/current/decision");
        for (var difference : replay.getDifferences()) {
            if (difference.getProgram().startsWith(Replays.DERIVATIVE)) {
                difference.setProgram(Replays.DERIVATIVE
                        + redaction.position(difference.getProgram().substring(Replays.DERIVATIVE.length())));
            }
            for (var criterion : difference.getCriteria()) {
                each(criterion.getBefore()).forEach(b -> b.setSubject(redaction.subject(b.getSubject())));
                each(criterion.getAfter()).forEach(a -> a.setSubject(redaction.subject(a.getSubject())));
            }
        }
        Map<String, Object> detail = operation("replayDecision");
        detail.put("originalSha256", replay.getOriginal().getRuleset().getSha256());
        detail.put("currentSha256", replay.getCurrent().getRuleset().getSha256());
        detail.put("reproduced", replay.getReproducesStoredDecision());
        detail.put("engineDiffers", replay.getEngine() == null ? null : replay.getEngine().getDiffers());
        read(id.toString(), id, detail);
        return ResponseEntity.ok(replay);
    }

    @Override
    public ResponseEntity<ImpactAnalysis> startImpactAnalysis(ImpactAnalysisRequest request, String idempotencyKey) {
        ImpactAnalysis started = impact.start(request).view();
        return ResponseEntity.accepted()
                .location(URI.create(PATH_GET_IMPACT_ANALYSIS.replace("{id}", started.getId().toString())))
                .body(started);
    }

    @Override
    public ResponseEntity<ImpactAnalysis> getImpactAnalysis(UUID id) {
        ImpactAnalysis analysis = impact.find(id)
                .orElseThrow(() -> new NotFoundException("No impact analysis has id " + id + "."));
        Map<String, Object> detail = operation("getImpactAnalysis");
        detail.put("state", analysis.getState().getValue());
        read(id.toString(), null, detail);
        return ResponseEntity.ok(analysis);
    }

    private void read(String subject, UUID decisionId, Map<String, Object> detail) {
        trail.record(AuditEntry.of(AuditTrail.READ, subject).withDecision(decisionId).withDetail(detail));
    }

    private static Map<String, Object> operation(String name) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("operation", name);
        return detail;
    }

    private static <T> List<T> each(List<T> list) {
        return list == null ? List.of() : list;
    }
}
