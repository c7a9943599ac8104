package org.refugio.workflow.camunda;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Date;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.refugio.support.ApiTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The 365-day history limit of the BPMN is enforced only if the engine's cleanup runs: a batch window makes the
 * engine schedule it. A dead node's job locks must expire soon enough for urgent deadlines (README, "Running more
 * than one node").
 */
class OperationsRunThemselvesTest extends ApiTest {

    @Autowired
    ProcessEngine engine;

    @Autowired
    HistoryService history;

    @Test
    void historyCleanupIsScheduledInsideItsNightlyWindow() {
        ProcessEngineConfigurationImpl configuration =
                (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        assertThat(configuration.getHistoryCleanupBatchWindowStartTime()).isEqualTo("01:00");
        assertThat(configuration.getHistoryCleanupBatchWindowEndTime()).isEqualTo("05:00");

        assertThat(history.findHistoryCleanupJobs()).isNotEmpty().allSatisfy(job -> {
            LocalTime due = dueTime(job);
            assertThat(due).isBetween(LocalTime.of(1, 0), LocalTime.of(5, 0));
        });
    }

    @Test
    void aDeadNodesJobLocksExpireWithinAMinute() {
        ProcessEngineConfigurationImpl configuration =
                (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        int lockTime = configuration.getJobExecutor().getLockTimeInMillis();
        long maxWait = configuration.getJobExecutor().getMaxWait();
        assertThat(lockTime + maxWait).isLessThanOrEqualTo(60_000);
    }

    private static LocalTime dueTime(Job job) {
        Date due = job.getDuedate();
        return due.toInstant().atZone(ZoneId.systemDefault()).toLocalTime();
    }
}
