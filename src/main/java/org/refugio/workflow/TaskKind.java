package org.refugio.workflow;

/** The human tasks of the process, by the id of their user task in the BPMN. */
public enum TaskKind {
    REVIEW_REFERRAL("Task_ReviewReferral"),
    GATHER_MISSING_FACTS("Task_GatherMissingFacts"),
    RESOLVE_ESCALATION("Task_ResolveEscalation");

    private final String elementId;

    TaskKind(String elementId) {
        this.elementId = elementId;
    }

    public String elementId() {
        return elementId;
    }

    public static TaskKind ofElement(String elementId) {
        for (TaskKind kind : values()) {
            if (kind.elementId.equals(elementId)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("not a task of the referral process: " + elementId);
    }
}
