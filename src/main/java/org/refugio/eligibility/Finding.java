package org.refugio.eligibility;

import java.util.ArrayList;
import java.util.List;

/**
 * One rule's decision on one element of a criterion, for one subject (a victimization, a departure, a
 * ground, an LSC category...) or for the person. Built by the rule's consequence, fluently.
 */
public final class Finding {

    private final RuleInfo rule;
    private final Status status;
    private final Message explanation;
    private String subject;
    private String memberId;
    private ReasonCode reason;
    private LscScope scope;
    private final List<Message> followUps = new ArrayList<>(2);

    public Finding(RuleInfo rule, Status status, Message explanation) {
        this.rule = rule;
        this.status = status;
        this.explanation = explanation;
    }

    /** The decision concerns this item of the facts, e.g. {@code victimizations/0}. */
    public Finding about(String subject) {
        this.subject = subject;
        return this;
    }

    public Finding member(String memberId) {
        this.memberId = memberId;
        return this;
    }

    /** A question whose answer could change this finding (shown only when the finding decides its criterion). */
    public Finding ask(String key, Object... args) {
        followUps.add(Message.of(key, args));
        return this;
    }

    public Finding notNeeded() {
        this.reason = ReasonCode.NOT_NEEDED;
        return this;
    }

    public Finding scope(LscScope scope) {
        this.scope = scope;
        return this;
    }

    public RuleInfo rule() { return rule; }
    public Status status() { return status; }
    public Message explanation() { return explanation; }
    public String subject() { return subject; }
    public String memberId() { return memberId; }
    public ReasonCode reason() { return reason; }
    public LscScope scope() { return scope; }
    public List<Message> followUps() { return followUps; }

    public String criterion() { return rule.criterion(); }
    public String element() { return rule.element(); }
}
