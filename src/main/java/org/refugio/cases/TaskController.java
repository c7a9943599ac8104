package org.refugio.cases;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.refugio.api.TasksApi;
import org.refugio.api.model.LegalAidCase;
import org.refugio.api.model.TaskCompletion;
import org.refugio.api.model.TaskKind;
import org.refugio.screening.Language;
import org.refugio.workflow.WorkTask;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;

@RestController
class TaskController implements TasksApi {

    private final CaseService cases;
    private final CaseViews views;

    TaskController(CaseService cases, CaseViews views) {
        this.cases = cases;
        this.views = views;
    }

    @Override
    public ResponseEntity<List<org.refugio.api.model.WorkTask>> listTasks(UUID caseId, TaskKind kind, String assignee,
                                                                          String candidateGroup) {
        return ResponseEntity.ok(cases.tasks(caseId,
                        kind == null ? null : org.refugio.workflow.TaskKind.valueOf(kind.name()), assignee,
                        candidateGroup).stream().map(TaskController::view).toList());
    }

    @Override
    public ResponseEntity<org.refugio.api.model.WorkTask> getTask(String taskId) {
        return ResponseEntity.ok(view(cases.task(taskId)));
    }

    @Override
    public ResponseEntity<org.refugio.api.model.WorkTask> claimTask(String taskId) {
        return ResponseEntity.ok(view(cases.claim(taskId)));
    }

    @Override
    public ResponseEntity<LegalAidCase> completeTask(String taskId, TaskCompletion completion, String acceptLanguage) {
        Language language = Language.fromAcceptLanguage(acceptLanguage);
        UUID caseId = cases.complete(taskId, new CaseService.TaskDecision(
                CaseService.Decision.valueOf(completion.getDecision().name()), completion.getProviderId(),
                completion.getReasonCode() == null ? null : completion.getReasonCode().getValue(),
                completion.getReason(), completion.getFacts()));
        return ResponseEntity.ok().header(HttpHeaders.CONTENT_LANGUAGE, language.tag()).body(views.view(caseId, language, false));
    }

    static org.refugio.api.model.WorkTask view(WorkTask t) {
        return new org.refugio.api.model.WorkTask()
                .id(t.id())
                .kind(TaskKind.valueOf(t.kind().name()))
                .name(t.name())
                .caseId(t.caseId())
                .referralId(t.referralId())
                .assignee(t.assignee())
                .candidateGroups(t.candidateGroups())
                .createdAt(t.createdAt() == null ? null : OffsetDateTime.ofInstant(t.createdAt(), ZoneOffset.UTC))
                .dueAt(t.dueAt() == null ? null : OffsetDateTime.ofInstant(t.dueAt(), ZoneOffset.UTC));
    }
}
