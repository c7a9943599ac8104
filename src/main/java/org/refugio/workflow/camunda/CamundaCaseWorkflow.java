package org.refugio.workflow.camunda;

import static org.refugio.workflow.camunda.ProcessVariables.*;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskAlreadyClaimedException;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.cfg.CommandChecker;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.runtime.MessageCorrelationBuilder;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.runtime.VariableInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.task.TaskQuery;
import org.refugio.workflow.CaseStepId;
import org.refugio.workflow.CaseWorkflow;
import org.refugio.workflow.TaskKind;
import org.refugio.workflow.WorkTask;
import org.refugio.workflow.WorkflowConflictException;
import org.springframework.stereotype.Component;

/**
 * {@link CaseWorkflow} on the embedded Camunda 7 engine. The case id is the process instance's business key; a case
 * names its process by the instance id {@link #start} returned, and only a case opened before that id was kept
 * (V94) is looked up by business key.
 */
@Component
class CamundaCaseWorkflow implements CaseWorkflow {

    private static final int MAX_TASKS = 500;

    private final RuntimeService runtime;
    private final TaskService tasks;
    private final CommandExecutor commands;

    CamundaCaseWorkflow(RuntimeService runtime, TaskService tasks, ProcessEngineConfigurationImpl engine) {
        this.runtime = runtime;
        this.tasks = tasks;
        this.commands = engine.getCommandExecutorTxRequired();
    }

    @Override
    public String start(UUID caseId) {
        return runtime.startProcessInstanceByKey(PROCESS_KEY, caseId.toString(), Map.of(CASE_ID, caseId.toString()))
                .getId();
    }

    @Override
    public void providerAnswered(CaseProcess process, UUID referralId, boolean accepted) {
        guarded(() -> ofProcess(runtime.createMessageCorrelation(MESSAGE_PROVIDER_RESPONDED), process)
                .processInstanceVariableEquals(REFERRAL_ID, referralId.toString())
                .setVariable(PROVIDER_ACCEPTED, accepted)
                .correlateWithResult(), "The case is not waiting for an answer to this referral.");
    }

    @Override
    public void clientDeclined(CaseProcess process) {
        guarded(() -> ofProcess(runtime.createMessageCorrelation(MESSAGE_CLIENT_DECLINED), process)
                .correlateWithResult(), "The case has already ended.");
    }

    @Override
    public List<CaseStepId> currentSteps(CaseProcess process) {
        String id = process.processInstanceId() != null ? process.processInstanceId()
                : instance(process.caseId()).map(ProcessInstance::getId).orElse(null);
        if (id == null) {
            return List.of();
        }
        LinkedHashSet<CaseStepId> steps = new LinkedHashSet<>();
        for (String activity : activeActivityIds(id)) {
            CaseStepId step = CaseStepId.ofElement(activity);
            if (step != null) {
                steps.add(step);
            }
        }
        return List.copyOf(steps);
    }

    /**
     * What {@link RuntimeService#getActiveActivityIds} answers, in one command that reads the instance by primary
     * key (the query it would need first is dynamic SQL, in a command of its own), and empty once the process ended
     * instead of an exception, which would mark the caller's transaction for rollback. The same steps as the
     * engine's FindActiveActivityIdsCmd otherwise, its read check included.
     */
    private List<String> activeActivityIds(String processInstanceId) {
        return commands.execute(context -> {
            ExecutionEntity instance = context.getExecutionManager().findExecutionById(processInstanceId);
            if (instance == null) {
                return List.of();
            }
            for (CommandChecker checker : context.getProcessEngineConfiguration().getCommandCheckers()) {
                checker.checkReadProcessInstance(instance);
            }
            return instance.findActiveActivityIds();
        });
    }

    private static MessageCorrelationBuilder ofProcess(MessageCorrelationBuilder correlation, CaseProcess process) {
        return process.processInstanceId() != null ? correlation.processInstanceId(process.processInstanceId())
                : correlation.processInstanceBusinessKey(process.caseId().toString());
    }

    @Override
    public List<WorkTask> tasks(TaskFilter filter) {
        TaskQuery query = tasks.createTaskQuery().processDefinitionKey(PROCESS_KEY);
        if (filter.process() != null) {
            if (filter.process().processInstanceId() != null) {
                query.processInstanceId(filter.process().processInstanceId());
            } else {
                query.processInstanceBusinessKey(filter.process().caseId().toString());
            }
        }
        if (filter.kind() != null) {
            query.taskDefinitionKey(filter.kind().elementId());
        }
        if (filter.assignee() != null) {
            query.taskAssignee(filter.assignee());
        }
        if (filter.candidateGroup() != null) {
            query.taskCandidateGroup(filter.candidateGroup()).includeAssignedTasks();
        }
        return view(query.orderByTaskCreateTime().asc().orderByTaskId().asc().listPage(0, MAX_TASKS));
    }

    @Override
    public Optional<WorkTask> task(String taskId) {
        Task task = tasks.createTaskQuery().processDefinitionKey(PROCESS_KEY).taskId(taskId).singleResult();
        return task == null ? Optional.empty() : Optional.of(view(List.of(task)).get(0));
    }

    @Override
    public void claim(String taskId, String userId) {
        guarded(() -> {
            tasks.claim(taskId, userId);
            return null;
        }, "Another user holds this task.");
    }

    @Override
    public void completeReview(String taskId, String userId, UUID referralId, UUID providerId) {
        complete(taskId, userId, Map.of(REFERRAL_ID, referralId.toString(), PROVIDER_ID, providerId.toString()));
    }

    @Override
    public void completeFactGathering(String taskId, String userId, boolean factsSubmitted) {
        complete(taskId, userId, Map.of(FACTS_SUBMITTED, factsSubmitted));
    }

    @Override
    public void completeEscalation(String taskId, String userId, UUID referralId, UUID providerId) {
        Map<String, Object> outcome = new HashMap<>();
        outcome.put(SUPERVISOR_DECISION, referralId == null ? RETRY_MATCHING : REFER_TO);
        if (referralId != null) {
            outcome.put(REFERRAL_ID, referralId.toString());
            outcome.put(PROVIDER_ID, providerId.toString());
        }
        complete(taskId, userId, outcome);
    }

    private void complete(String taskId, String userId, Map<String, Object> outcome) {
        guarded(() -> {
            Task task = tasks.createTaskQuery().taskId(taskId).singleResult();
            if (task == null) {
                throw new WorkflowConflictException("The task was completed meanwhile.");
            }
            if (task.getAssignee() != null && !task.getAssignee().equals(userId)) {
                throw new WorkflowConflictException("Another user holds this task.");
            }
            if (task.getAssignee() == null) {
                tasks.setAssignee(taskId, userId);
            }
            tasks.complete(taskId, outcome);
            return null;
        }, "The case changed meanwhile; read it again and retry.");
    }

    /** A case opened before its process instance id was kept (V94): found by business key. */
    private Optional<ProcessInstance> instance(UUID caseId) {
        return Optional.ofNullable(runtime.createProcessInstanceQuery().processDefinitionKey(PROCESS_KEY)
                .processInstanceBusinessKey(caseId.toString()).singleResult());
    }

    private List<WorkTask> view(List<Task> found) {
        if (found.isEmpty()) {
            return List.of();
        }
        Map<String, Map<String, Object>> variables = new HashMap<>();
        String[] instances = found.stream().map(Task::getProcessInstanceId).distinct().toArray(String[]::new);
        for (VariableInstance v : runtime.createVariableInstanceQuery().processInstanceIdIn(instances)
                .variableNameIn(CASE_ID, REFERRAL_ID).list()) {
            if (v.getExecutionId().equals(v.getProcessInstanceId())) {
                variables.computeIfAbsent(v.getProcessInstanceId(), k -> new HashMap<>()).put(v.getName(), v.getValue());
            }
        }
        List<WorkTask> views = new ArrayList<>(found.size());
        for (Task task : found) {
            Map<String, Object> vars = variables.getOrDefault(task.getProcessInstanceId(), Map.of());
            TaskKind kind = TaskKind.ofElement(task.getTaskDefinitionKey());
            List<String> groups = new ArrayList<>();
            for (IdentityLink link : tasks.getIdentityLinksForTask(task.getId())) {
                if (IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null) {
                    groups.add(link.getGroupId());
                }
            }
            Object referral = kind == TaskKind.REVIEW_REFERRAL ? vars.get(REFERRAL_ID) : null;
            views.add(new WorkTask(task.getId(), kind, task.getName(), UUID.fromString((String) vars.get(CASE_ID)),
                    referral == null ? null : UUID.fromString((String) referral), task.getAssignee(),
                    List.copyOf(groups), instant(task.getCreateTime()), instant(task.getDueDate())));
        }
        return views;
    }

    private static Instant instant(java.util.Date date) {
        return date == null ? null : date.toInstant();
    }

    private static <T> T guarded(Supplier<T> call, String conflict) {
        try {
            return call.get();
        } catch (MismatchingMessageCorrelationException | TaskAlreadyClaimedException e) {
            throw new WorkflowConflictException(conflict);
        } catch (OptimisticLockingException e) {
            throw new WorkflowConflictException("The case changed meanwhile; read it again and retry.");
        }
    }
}
