package org.refugio.workflow;

/** The steps of the legal-aid referral process, by the id of their element in processes/legal-aid-referral.bpmn. */
public enum CaseStepId {
    SCREEN_CASE("ServiceTask_ScreenCase"),
    CHOOSE_PROVIDER("ServiceTask_ChooseProvider"),
    REVIEW_REFERRAL("Task_ReviewReferral"),
    SEND_REFERRAL("ServiceTask_SendReferral"),
    AWAIT_PROVIDER_RESPONSE("ReceiveTask_AwaitProviderResponse"),
    RESOLVE_ESCALATION("Task_ResolveEscalation"),
    GATHER_MISSING_FACTS("Task_GatherMissingFacts"),
    RESCREEN_CASE("ServiceTask_RescreenCase");

    private final String elementId;

    CaseStepId(String elementId) {
        this.elementId = elementId;
    }

    public String elementId() {
        return elementId;
    }

    /** The step of a BPMN element, or null for elements that are not steps a case waits in (gateways, events). */
    public static CaseStepId ofElement(String elementId) {
        for (CaseStepId step : values()) {
            if (step.elementId.equals(elementId)) {
                return step;
            }
        }
        return null;
    }
}
