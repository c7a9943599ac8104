package org.refugio.workflow;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What the case domain asks of the workflow engine. Every call joins the caller's transaction: the engine's
 * state and the case tables change together or not at all.
 */
public interface CaseWorkflow {

    /**
     * Starts the legal-aid referral process for a stored case; runs until the case waits for someone.
     *
     * @return the id of the case's process instance: keep it with the case and name it in {@link CaseProcess}
     */
    String start(UUID caseId);

    /** A provider answered the referral the case is waiting on. */
    void providerAnswered(CaseProcess process, UUID referralId, boolean accepted);

    /** The client declined the referral: the case ends, whatever step it is in. */
    void clientDeclined(CaseProcess process);

    /** The steps the case waits in now; empty once it ended. */
    List<CaseStepId> currentSteps(CaseProcess process);

    List<WorkTask> tasks(TaskFilter filter);

    Optional<WorkTask> task(String taskId);

    /** @throws WorkflowConflictException when another user holds the task */
    void claim(String taskId, String userId);

    /*
     * Completing a task: each says only what the process branches on. Each throws WorkflowConflictException
     * when another user holds the task or the case moved on meanwhile.
     */

    /** The caseworker confirmed the proposed referral, or replaced it with this one. */
    void completeReview(String taskId, String userId, UUID referralId, UUID providerId);

    /** The caseworker stored new facts to re-screen with, or closed fact gathering. */
    void completeFactGathering(String taskId, String userId, boolean factsSubmitted);

    /** The supervisor referred the case to a provider (a referral is given), or asked to match again (null). */
    void completeEscalation(String taskId, String userId, UUID referralId, UUID providerId);

    /** Open tasks, of every case or of one case's process, narrowed by what is given (null: any). */
    record TaskFilter(CaseProcess process, TaskKind kind, String assignee, String candidateGroup) { }

    /**
     * A case's process: the case id and the process instance id {@link #start} returned. The instance id is null for
     * a case opened before it was kept (V94); such a process is found by the case id, its business key.
     */
    record CaseProcess(UUID caseId, String processInstanceId) { }
}
