package org.refugio.audit;

import java.io.IOException;
import java.net.URI;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.refugio.api.AuditApi;
import org.refugio.api.model.AuditDecision;
import org.refugio.api.model.AuditDecisionPage;
import org.refugio.api.model.AuditDecisionSummary;
import org.refugio.api.model.BrokenLink;
import org.refugio.api.model.ChainVerification;
import org.refugio.api.model.IntegrityCheck;
import org.refugio.api.model.KeptRuleset;
import org.refugio.api.model.ProgramCode;
import org.refugio.api.model.ScreeningDecision;
import org.refugio.api.model.ScreeningFacts;
import org.refugio.api.model.Status;
import org.refugio.problem.NotFoundException;
import org.refugio.ruleset.Rulesets;
import org.refugio.screening.ScreeningService;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;

/**
 * The auditor API. Every read is itself recorded in the log (action AUDIT_READ): who read which decision,
 * which list (filters and the ids returned), which range of the log, which analysis. The record is written before
 * the answer leaves, so a read that could not be logged is not served.
 */
@RestController
class AuditController implements AuditApi {

    private final AuditTrail trail;
    private final AuditSealer sealer;
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(AuditController.class);

    private final AuditLog auditLog;
    private final AuditKeys keys;
    private final AuditQueries queries;
    private final ChainVerifier verifier;
    private final ScreeningService screenings;
    private final Rulesets rulesets;
    private final ObjectMapper json;
    private final ObjectMapper withNulls;
    private final int maxExport;

    AuditController(AuditTrail trail, AuditSealer sealer, AuditLog log, AuditKeys keys, AuditQueries queries, ChainVerifier verifier,
                    ScreeningService screenings, Rulesets rulesets,
                    ObjectMapper json, @Value("${refugio.audit.export.max-records:100000}") int maxExport) {
        this.trail = trail;
        this.sealer = sealer;
        this.auditLog = log;
        this.keys = keys;
        this.queries = queries;
        this.verifier = verifier;
        this.screenings = screenings;
        this.rulesets = rulesets;
        this.json = json;
        this.withNulls = json.copy().setSerializationInclusion(JsonInclude.Include.ALWAYS);
        this.maxExport = maxExport;
    }

    @Override
    public ResponseEntity<AuditDecisionPage> listAuditDecisions(OffsetDateTime from, OffsetDateTime to,
            ProgramCode program, Status status, String rulesetVersion, String ruleId, Integer page, Integer size) {
        sealer.sealPending();
        AuditDecisionPage result = queries.decisions(
                new AuditQueries.Filter(from, to, program, status, rulesetVersion, ruleId), page, size);
        Map<String, Object> detail = operation("listAuditDecisions");
        detail.put("from", time(from));
        detail.put("to", time(to));
        detail.put("program", program == null ? null : program.getValue());
        detail.put("status", status == null ? null : status.getValue());
        detail.put("rulesetVersion", rulesetVersion);
        detail.put("ruleId", ruleId);
        detail.put("page", page);
        detail.put("size", size);
        detail.put("returned", result.getItems().stream().map(AuditDecisionSummary::getId).map(UUID::toString).toList());
        read(null, null, detail);
        return ResponseEntity.ok(result);
    }

    @Override
    public ResponseEntity<AuditDecision> getAuditDecision(UUID id) {
        sealer.sealPending();
        ScreeningService.Stored stored = screenings.stored(id)
                .orElseThrow(() -> new NotFoundException("No screening decision has id " + id + "."));
        if (stored.factsJson() == null || stored.decisionJson() == null) {
            return ResponseEntity.ok(withoutFacts(id, stored));
        }
        ScreeningFacts facts = screenings.readFacts(stored.factsJson());
        List<String> redacted = new ArrayList<>();
        Redaction redaction = Redaction.of(facts, redacted);
        JsonNode received = json.valueToTree(facts);
        redaction.facts(received, "/facts");
        // An unknown fact is null, and auditors must see that it was unknown rather than not see it at all.
        JsonNode used = withNulls.valueToTree(screenings.factsAsUsed(screenings.readFacts(stored.factsJson())));
        redaction.facts(used, "/factsAsUsed");
        ScreeningDecision decision = screenings.readDecision(stored.decisionJson());
        redaction.decision(decision, "/decision");
        AuditDecision result = new AuditDecision()
                .decision(decision)
                .facts(fields(received))
                .factsAsUsed(fields(used))
                .redacted(redacted)
                .engine(stored.engineBuild());
        var record = auditLog.decisionRecord(id);
        result.integrity(new IntegrityCheck()
                .recordIntact(record.map(r -> keys.chainDigest(r.prevDigest(), r.canonical()).equals(r.digest()))
                        .orElse(false))
                .factsMatch(record.map(r -> keys.contentDigest(stored.factsJson()).equals(r.factsDigest())).orElse(false))
                .decisionMatches(record.map(r -> keys.contentDigest(stored.decisionJson())
                        .equals(verifier.decisionDigest(r))).orElse(false)));
        record.ifPresent(r -> result.record(view(r)));
        read(id.toString(), id, operation("getAuditDecision"));
        return ResponseEntity.ok(result);
    }

    /**
     * A decision whose facts and text are gone: purged under the retention policy when it is marked so and the
     * chain holds its SCREENING_PURGED record (then purgedAt says when), otherwise emptied behind the service's
     * back (no purgedAt; the facts and decision do not match, as the chain verification reports). Either way only
     * its record is left to show, whose own HMAC is still checked.
     */
    private AuditDecision withoutFacts(UUID id, ScreeningService.Stored stored) {
        var record = auditLog.decisionRecord(id);
        boolean purged = stored.purged() && stored.factsJson() == null && stored.decisionJson() == null
                && !auditLog.list(0, AuditTrail.SCREENING_PURGED, id, 1).isEmpty();
        AuditDecision result = new AuditDecision()
                .purgedAt(purged ? stored.purgedAt().atOffset(ZoneOffset.UTC) : null)
                .redacted(new ArrayList<>())
                .engine(stored.engineBuild())
                .integrity(new IntegrityCheck()
                        .recordIntact(record.map(r -> keys.chainDigest(r.prevDigest(), r.canonical())
                                .equals(r.digest())).orElse(false))
                        .factsMatch(false)
                        .decisionMatches(false));
        record.ifPresent(r -> result.record(view(r)));
        Map<String, Object> detail = operation("getAuditDecision");
        detail.put("purged", purged);
        read(id.toString(), id, detail);
        return result;
    }

    @Override
    public ResponseEntity<List<org.refugio.api.model.AuditRecord>> listAuditRecords(Long fromSeq, String action,
            UUID decisionId, Integer limit) {
        sealer.sealPending();
        List<AuditRecord> records = auditLog.list(fromSeq, action, decisionId, limit);
        Map<String, Object> detail = operation("listAuditRecords");
        detail.put("fromSeq", fromSeq);
        detail.put("action", action);
        detail.put("decisionId", decisionId == null ? null : decisionId.toString());
        detail.put("limit", limit);
        detail.put("returned", records.size());
        read(null, decisionId, detail);
        return ResponseEntity.ok(records.stream().map(this::view).toList());
    }

    @Override
    public ResponseEntity<ChainVerification> verifyAuditChain(Long fromSeq, Long toSeq, Boolean checkDecisions) {
        // What was acknowledged before this call is chained first; whatever could not be is reported as pending.
        sealer.sealPending();
        ChainVerifier.Report report = verifier.verify(fromSeq, toSeq, checkDecisions);
        long pending = sealer.pendingCount();
        Map<String, Object> detail = operation("verifyAuditChain");
        detail.put("fromSeq", fromSeq);
        detail.put("toSeq", report.toSeq());
        detail.put("checkDecisions", checkDecisions);
        detail.put("verified", report.verified());
        detail.put("firstBroken", report.firstBroken() == null ? null : report.firstBroken().seq());
        try {
            read(null, null, detail);
        } catch (AuditLogDamagedException e) {
            // The one read served unlogged: when the log cannot take records, the auditor most needs to know why.
            log.error("Chain verification could not be logged: {}", e.getMessage());
        }
        ChainVerification result = new ChainVerification()
                .verified(report.verified())
                .fromSeq(report.fromSeq())
                .toSeq(report.toSeq())
                .recordsChecked(report.recordsChecked())
                .decisionsChecked(report.decisionsChecked())
                .decisionsPurged(report.decisionsPurged())
                .headSeq(report.headSeq())
                .headDigest(report.headDigest())
                .pendingEntries(pending);
        if (report.firstBroken() != null) {
            result.firstBroken(new BrokenLink().seq(report.firstBroken().seq())
                    .problem(BrokenLink.ProblemEnum.valueOf(report.firstBroken().problem().name()))
                    .detail(report.firstBroken().detail()));
        }
        return ResponseEntity.ok(result);
    }

    @Override
    public ResponseEntity<String> exportAuditRecords(OffsetDateTime from, OffsetDateTime to, String action) {
        sealer.sealPending();
        StringBuilder csv = new StringBuilder("seq,recorded_at,actor,action,subject_id,decision_id,ruleset_version,"
                + "ruleset_sha256,facts_digest,key_id,prev_digest,digest,detail\r\n");
        int[] rows = {0};
        auditLog.forEachInTimeRange(from, to, action, r -> {
            if (++rows[0] > maxExport) {
                throw new IllegalArgumentException("the range holds more than " + maxExport + " records: narrow it");
            }
            Csv.row(csv, List.of(Long.toString(r.seq()), AuditRecord.time(r.recordedAt()), r.actor(), r.action(),
                    nz(r.subjectId()), r.decisionId() == null ? "" : r.decisionId().toString(), nz(r.rulesetVersion()),
                    nz(r.rulesetSha256()), nz(r.factsDigest()), r.keyId(), r.prevDigest(), r.digest(), r.detail()));
        });
        Map<String, Object> detail = operation("exportAuditRecords");
        detail.put("from", time(from));
        detail.put("to", time(to));
        detail.put("action", action);
        detail.put("returned", rows[0]);
        read(null, null, detail);
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"refugio-audit.csv\"")
                .body(csv.toString());
    }

    @Override
    public ResponseEntity<List<KeptRuleset>> listRulesetVersions() {
        String current = rulesets.current().sha256();
        List<KeptRuleset> kept = rulesets.kept().stream().map(k -> new KeptRuleset()
                .version(k.version()).sha256(k.sha256()).fileCount(k.fileCount())
                .firstUsedAt(OffsetDateTime.ofInstant(k.firstUsedAt(), ZoneOffset.UTC))
                .current(k.sha256().equals(current))).toList();
        read(null, null, operation("listRulesetVersions"));
        return ResponseEntity.ok(kept);
    }

    /** As JSON nodes, which are written as they are: the service's non-null rule would hide the unknown facts. */
    private static Map<String, Object> fields(JsonNode tree) {
        Map<String, Object> fields = new LinkedHashMap<>();
        tree.fields().forEachRemaining(e -> fields.put(e.getKey(), e.getValue()));
        return fields;
    }

    private void read(String subject, UUID decisionId, Map<String, Object> detail) {
        trail.record(AuditEntry.of(AuditTrail.READ, subject).withDecision(decisionId).withDetail(detail));
    }

    private static Map<String, Object> operation(String name) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("operation", name);
        return detail;
    }

    private org.refugio.api.model.AuditRecord view(AuditRecord r) {
        try {
            return new org.refugio.api.model.AuditRecord()
                    .seq(r.seq())
                    .recordedAt(OffsetDateTime.ofInstant(r.recordedAt(), ZoneOffset.UTC))
                    .actor(r.actor())
                    .action(r.action())
                    .subjectId(r.subjectId())
                    .decisionId(r.decisionId())
                    .rulesetVersion(r.rulesetVersion())
                    .rulesetSha256(r.rulesetSha256())
                    .factsDigest(r.factsDigest())
                    .keyId(r.keyId())
                    .prevDigest(r.prevDigest())
                    .digest(r.digest())
                    .detail(json.readValue(r.detail(), new TypeReference<Map<String, Object>>() { }));
        } catch (IOException e) {
            throw new IllegalStateException("audit record " + r.seq() + " has unreadable detail", e);
        }
    }

    private static String time(OffsetDateTime t) {
        return t == null ? null : AuditRecord.time(t.toInstant());
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
