package org.refugio.cases;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.refugio.eligibility.LscScope;
import org.refugio.eligibility.ReferralTarget;
import org.refugio.routing.RoutingFacts;
import org.refugio.workflow.CaseWorkflow;

/**
 * A stored case. The routing facts are those of its latest screening; null before the first one. The process
 * instance id is null for a case opened before it was kept (V94).
 */
record CaseRecord(UUID id, CaseStatus status, Instant openedAt, String openedBy, String pendingFacts,
                  UUID screeningId, Set<String> clientLanguages, ReferralTarget target,
                  List<ReferralTarget> alternativeTargets, LscScope scope, Boolean urgent, List<String> urgencyReasons,
                  Boolean minor, String country, String state, Boolean detained, Boolean needsMoreInformation,
                  Instant closedAt, String closedBy, String closingReasonCode, String closingReason,
                  String processInstanceId) {

    CaseWorkflow.CaseProcess process() {
        return new CaseWorkflow.CaseProcess(id, processInstanceId);
    }

    boolean isOpen() {
        return status == CaseStatus.REFERRAL_PENDING;
    }

    RoutingFacts routing() {
        if (target == null) {
            throw new IllegalStateException("the case has not been screened yet");
        }
        return new RoutingFacts(target, alternativeTargets, scope, Boolean.TRUE.equals(urgent), clientLanguages, minor,
                country, state, detained);
    }
}
