package org.refugio.audit;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.refugio.api.model.CriterionResult;
import org.refugio.api.model.DerivativeClassResult;
import org.refugio.api.model.DerivativeResult;
import org.refugio.api.model.ProgramResult;
import org.refugio.api.model.ScreeningDecision;

/**
 * What auditors read instead of personal identifiers (issue 5: auditors read with personal data redacted). Dates
 * of birth, the birthdays and birth windows derived from them (and a child's relationship start, which is the birth) and
 * city names become "[redacted]"; a relative's client-given id (often
 * a name) becomes its position in the request, "#0", "#1", as in the audit log. What stays is what the rules
 * decided on: ages, flags, dates of events. Dates the law derives from a birthday (a derivative's age-out deadline,
 * an explanation naming it) are left in the decision, because they are the decision.
 */
public final class Redaction {

    static final String REDACTED = "[redacted]";
    private static final Set<String> IDENTIFYING = Set.of("dateOfBirth", "eighteenthBirthday", "twentyFirstBirthday",
            "city", "birthWindow", "relationshipBegan");
    private static final Set<String> MEMBER_IDS = Set.of("id", "memberId", "viaMemberId");

    private final Map<String, String> positions = new HashMap<>();
    private final List<String> redacted;

    /** Redaction of one screening's facts and decision; the paths redacted are added to {@code redacted}. */
    public static Redaction of(org.refugio.api.model.ScreeningFacts facts, List<String> redacted) {
        return new Redaction(facts.getFamily() == null ? List.of()
                : facts.getFamily().stream().map(org.refugio.api.model.FamilyMember::getId).toList(), redacted);
    }

    /** @param familyIds the relatives' ids in request order */
    Redaction(List<String> familyIds, List<String> redacted) {
        for (int i = 0; i < familyIds.size(); i++) {
            positions.putIfAbsent(familyIds.get(i), "#" + i);
        }
        this.redacted = redacted;
    }

    /** Redacts a facts tree in place (facts as received, or as the rules read them). */
    public void facts(JsonNode node, String pointer) {
        if (node instanceof ObjectNode object) {
            boolean relative = pointer.matches(".*/family/\\d+");
            for (var it = object.fields(); it.hasNext(); ) {
                var field = it.next();
                String path = pointer + "/" + field.getKey();
                JsonNode value = field.getValue();
                if (IDENTIFYING.contains(field.getKey()) && !value.isNull()) {
                    field.setValue(TextNode.valueOf(REDACTED));
                    redacted.add(path);
                } else if (relative && MEMBER_IDS.contains(field.getKey()) && value.isTextual()) {
                    field.setValue(TextNode.valueOf(position(value.asText())));
                    redacted.add(path);
                } else if (relative && field.getKey().equals("subject") && value.isTextual()) {
                    field.setValue(TextNode.valueOf(subject(value.asText())));
                    redacted.add(path);
                } else {
                    facts(value, path);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                facts(array.get(i), pointer + "/" + i);
            }
        }
    }

    /** Replaces relatives' ids by their positions, in place. */
    public void decision(ScreeningDecision decision, String pointer) {
        Consumer<List<CriterionResult>> criteria = list -> each(list).forEach(c -> c.setSubject(subject(c.getSubject())));
        for (ProgramResult p : each(decision.getPrograms())) {
            criteria.accept(p.getCriteria());
            each(p.getFollowUps()).forEach(f -> f.setSubject(subject(f.getSubject())));
            each(p.getDeadlines()).forEach(d -> d.setMemberId(position(d.getMemberId())));
            each(p.getNotes()).forEach(n -> n.setSubject(subject(n.getSubject())));
        }
        List<DerivativeResult> derivatives = each(decision.getDerivatives());
        for (int i = 0; i < derivatives.size(); i++) {
            DerivativeResult d = derivatives.get(i);
            if (d.getMemberId() != null) {
                d.setMemberId(position(d.getMemberId()));
                redacted.add(pointer + "/derivatives/" + i + "/memberId");
            }
            criteria.accept(d.getCriteria());
            for (DerivativeClassResult c : each(d.getClassesConsidered())) {
                criteria.accept(c.getCriteria());
            }
            each(d.getFollowUps()).forEach(f -> f.setSubject(subject(f.getSubject())));
            each(d.getDeadlines()).forEach(dl -> dl.setMemberId(position(dl.getMemberId())));
            each(d.getNotes()).forEach(n -> n.setSubject(subject(n.getSubject())));
        }
        if (decision.getLegalAidReferral() != null) {
            each(decision.getLegalAidReferral().getFollowUps()).forEach(f -> f.setSubject(subject(f.getSubject())));
        }
        each(decision.getTasks()).forEach(n -> n.setSubject(subject(n.getSubject())));
    }

    public String position(String memberId) {
        return memberId == null ? null : positions.getOrDefault(memberId, REDACTED);
    }

    public String subject(String subject) {
        if (subject == null || !subject.startsWith("family/")) {
            return subject;
        }
        return "family/" + position(subject.substring("family/".length()));
    }

    private static <T> List<T> each(List<T> list) {
        return list == null ? List.of() : list;
    }
}
