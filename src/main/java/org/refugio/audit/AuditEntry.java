package org.refugio.audit;

import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * What a part of the service asks the audit trail to record: one event about one case or decision. Build it
 * with {@link #of(String, String)}; {@link AuditTrail#record(AuditEntry)} adds the time, the actor (unless
 * given), the sequence number and the chain digest.
 *
 * <p>Never put names, contact data, narrative text or immigration status here — only codes, opaque ids, rule IDs,
 * statuses and digests. {@link CanonicalJson} refuses long strings and non-identifier keys to help keep it so.
 *
 * @param action         what happened, an upper-case code such as {@code SCREENING_DECIDED}, {@code ROUTING_DECIDED},
 *                       {@code CASEWORKER_OVERRIDE}, {@code PROVIDER_RESPONSE}
 * @param subjectId      opaque id of the case or decision the event is about
 * @param decisionId     the screening decision concerned, if any
 * @param actor          who acted; null = the authenticated actor of the current request, "system" outside one
 * @param rulesetVersion ruleset the event depended on, if any (with rulesetSha256)
 * @param rulesetSha256  content hash of that ruleset; must be a kept ruleset version
 * @param factsDigest    keyed digest of input facts ({@link AuditTrail#digest(String)}), if any
 * @param detail         codes and outcomes; values are strings, integers, booleans, lists and maps
 */
public record AuditEntry(String action, String subjectId, UUID decisionId, String actor, String rulesetVersion,
                         String rulesetSha256, String factsDigest, Map<String, ?> detail) {

    private static final Pattern ACTION = Pattern.compile("[A-Z][A-Z0-9_]{1,63}");

    public AuditEntry {
        Objects.requireNonNull(action, "action");
        if (!ACTION.matcher(action).matches()) {
            throw new IllegalArgumentException("audit action must be an upper-case code: " + action);
        }
        if (actor != null && (actor.isBlank() || actor.length() > 128)) {
            throw new IllegalArgumentException("audit actors are ids of at most 128 characters");
        }
        if (subjectId != null && subjectId.length() > 128) {
            throw new IllegalArgumentException("audit subject ids are limited to 128 characters");
        }
        if ((rulesetVersion == null) != (rulesetSha256 == null)) {
            throw new IllegalArgumentException("a ruleset is named by both its version and its sha256");
        }
        detail = detail == null ? Map.of() : detail;
    }

    /** An entry with only an action and the subject it concerns; add the rest with the with-methods. */
    public static AuditEntry of(String action, String subjectId) {
        return new AuditEntry(action, subjectId, null, null, null, null, null, Map.of());
    }

    public AuditEntry withDecision(UUID id) {
        return new AuditEntry(action, subjectId, id, actor, rulesetVersion, rulesetSha256, factsDigest, detail);
    }

    public AuditEntry withActor(String who) {
        return new AuditEntry(action, subjectId, decisionId, who, rulesetVersion, rulesetSha256, factsDigest, detail);
    }

    public AuditEntry withRuleset(String version, String sha256) {
        return new AuditEntry(action, subjectId, decisionId, actor, version, sha256, factsDigest, detail);
    }

    public AuditEntry withFactsDigest(String digest) {
        return new AuditEntry(action, subjectId, decisionId, actor, rulesetVersion, rulesetSha256, digest, detail);
    }

    public AuditEntry withDetail(Map<String, ?> values) {
        return new AuditEntry(action, subjectId, decisionId, actor, rulesetVersion, rulesetSha256, factsDigest, values);
    }
}
