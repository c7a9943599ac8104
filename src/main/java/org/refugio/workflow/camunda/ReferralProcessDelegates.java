package org.refugio.workflow.camunda;

import static org.refugio.workflow.camunda.ProcessVariables.*;

import java.time.Instant;
import java.util.Date;
import java.util.UUID;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.refugio.workflow.CaseSteps;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The service tasks of processes/legal-aid-referral.bpmn, each a thin bridge to one {@link CaseSteps} step: read
 * the case id, call the domain, keep the non-personal values the process branches on.
 */
@Configuration(proxyBeanMethods = false)
class ReferralProcessDelegates {

    @Bean
    JavaDelegate screenCase(CaseSteps steps) {
        return execution -> {
            CaseSteps.Screened screened = steps.screen(caseId(execution));
            execution.setVariable(NEEDS_MORE_INFORMATION, screened.needsMoreInformation());
        };
    }

    @Bean
    JavaDelegate chooseProvider(CaseSteps steps) {
        return execution -> {
            CaseSteps.Proposal proposal = steps.chooseProvider(caseId(execution));
            execution.setVariable(PROVIDER_FOUND, proposal.providerFound());
            if (proposal.providerFound()) {
                execution.setVariable(REFERRAL_ID, proposal.referralId().toString());
                execution.setVariable(PROVIDER_ID, proposal.providerId().toString());
                execution.setVariable(REVIEW_DUE_AT, date(proposal.reviewDueAt()));
            }
        };
    }

    @Bean
    JavaDelegate startDeliveryDeadline(CaseSteps steps) {
        return execution -> execution.setVariable(DELIVERY_DUE_AT,
                date(steps.deliveryDeadline(caseId(execution), referralId(execution))));
    }

    @Bean
    JavaDelegate sendReferral(CaseSteps steps) {
        return execution -> {
            CaseSteps.Dispatch dispatch = steps.sendReferral(caseId(execution), referralId(execution));
            execution.setVariable(RESPONSE_DUE_AT, date(dispatch.responseDueAt()));
        };
    }

    @Bean
    JavaDelegate recordReviewLapsed(CaseSteps steps) {
        return execution -> steps.recordReviewLapsed(caseId(execution), referralId(execution));
    }

    @Bean
    JavaDelegate recordNoResponse(CaseSteps steps) {
        return execution -> steps.recordNoResponse(caseId(execution), referralId(execution));
    }

    @Bean
    JavaDelegate closeAsReferred(CaseSteps steps) {
        return execution -> steps.closeAsReferred(caseId(execution), referralId(execution));
    }

    @Bean
    JavaDelegate closeAsClientDeclined(CaseSteps steps) {
        return execution -> steps.closeAsClientDeclined(caseId(execution));
    }

    private static UUID caseId(DelegateExecution execution) {
        return UUID.fromString((String) execution.getVariable(CASE_ID));
    }

    private static UUID referralId(DelegateExecution execution) {
        return UUID.fromString((String) execution.getVariable(REFERRAL_ID));
    }

    private static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }
}
