package org.refugio.workflow;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An open human task of a case. {@code referralId} is the referral under review, when there is one. */
public record WorkTask(String id, TaskKind kind, String name, UUID caseId, UUID referralId, String assignee,
                       List<String> candidateGroups, Instant createdAt, Instant dueAt) { }
