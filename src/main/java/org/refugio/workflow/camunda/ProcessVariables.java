package org.refugio.workflow.camunda;

/**
 * The names of the referral process's variables. They hold the case id and the values and ids the process
 * branches on — never personal data (8 U.S.C. 1367): the facts, and the routing facts drawn from them, stay in the
 * application's tables.
 */
final class ProcessVariables {

    static final String PROCESS_KEY = "LegalAidReferral";
    static final String MESSAGE_PROVIDER_RESPONDED = "ProviderResponded";
    static final String MESSAGE_CLIENT_DECLINED = "ClientDeclinedReferral";

    static final String CASE_ID = "caseId";
    static final String NEEDS_MORE_INFORMATION = "needsMoreInformation";
    static final String PROVIDER_FOUND = "providerFound";
    static final String REFERRAL_ID = "referralId";
    static final String PROVIDER_ID = "providerId";
    static final String REVIEW_DUE_AT = "reviewDueAt";
    static final String RESPONSE_DUE_AT = "responseDueAt";
    static final String DELIVERY_DUE_AT = "deliveryDueAt";
    static final String PROVIDER_ACCEPTED = "providerAccepted";
    static final String SUPERVISOR_DECISION = "supervisorDecision";
    static final String FACTS_SUBMITTED = "factsSubmitted";
    static final String REFER_TO = "REFER_TO";
    static final String RETRY_MATCHING = "RETRY_MATCHING";

    private ProcessVariables() {
    }
}
