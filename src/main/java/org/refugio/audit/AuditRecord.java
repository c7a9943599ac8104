package org.refugio.audit;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * One stored record of the decision log, as its columns hold it.
 *
 * <p>Its canonical content ({@link #canonical()}) is the canonical JSON ({@link CanonicalJson}) of the object
 * with members action, actor, decisionId, detail, factsDigest, keyId, recordedAt, rulesetSha256,
 * rulesetVersion, seq, subjectId and v (format version, 1), null members left out; recordedAt is UTC with
 * exactly six fractional digits ({@code 2026-11-26T14:03:07.123456Z}), detail is embedded as stored (it is
 * canonical JSON already). The record's digest is lower-case hex of
 * HMAC-SHA256(chain key, prevDigest + "\n" + canonical content); the first record's prevDigest is 64 zeros.
 */
public record AuditRecord(long seq, Instant recordedAt, String actor, String action, String subjectId,
                          UUID decisionId, String rulesetVersion, String rulesetSha256, String factsDigest,
                          String detail, String keyId, String prevDigest, String digest) {

    public static final String GENESIS = "0".repeat(64);
    static final int FORMAT_VERSION = 1;
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    public String canonical() {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("action", action);
        content.put("actor", actor);
        content.put("decisionId", decisionId == null ? null : decisionId.toString());
        content.put("detail", new CanonicalJson.RawJson(detail));
        content.put("factsDigest", factsDigest);
        content.put("keyId", keyId);
        content.put("recordedAt", time(recordedAt));
        content.put("rulesetSha256", rulesetSha256);
        content.put("rulesetVersion", rulesetVersion);
        content.put("seq", seq);
        content.put("subjectId", subjectId);
        content.put("v", FORMAT_VERSION);
        return CanonicalJson.write(content);
    }

    AuditRecord withDigest(String chainDigest) {
        return new AuditRecord(seq, recordedAt, actor, action, subjectId, decisionId, rulesetVersion, rulesetSha256,
                factsDigest, detail, keyId, prevDigest, chainDigest);
    }

    /** The database keeps microseconds; the digest is computed over what it keeps. */
    static Instant storable(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    static String time(Instant instant) {
        return TIME.format(instant);
    }
}
