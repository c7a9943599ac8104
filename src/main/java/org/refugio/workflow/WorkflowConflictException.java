package org.refugio.workflow;

import org.refugio.problem.ConflictException;

/** The request collides with the state of the case: someone else holds the task, or the case moved on. */
public class WorkflowConflictException extends ConflictException {

    public WorkflowConflictException(String detail) {
        super(detail);
    }
}
