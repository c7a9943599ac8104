package org.refugio.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.refugio.support.RulesFired;
import org.refugio.support.CaseTest;
import org.refugio.support.TestDatabase;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * On PostgreSQL the pool's connections rewrite batched inserts into multi-row inserts (issue 14), and a screening's
 * rows stored that way are all there: one outcome per program answered, one fired-rule row per rule the stored
 * decision names as fired.
 */
class PostgresBatchedInsertsTest extends CaseTest {

    @Autowired
    DataSource dataSource;

    @Test
    void aScreeningStoredThroughRewrittenBatchesKeepsEveryRow() throws Exception {
        assumeTrue(TestDatabase.isPostgres(), "the setting is PostgreSQL's driver's");
        assertThat(dataSource.unwrap(HikariDataSource.class).getDataSourceProperties())
                .containsEntry("reWriteBatchedInserts", "true");

        Response created = post("/api/v1/screenings", scenarioFacts("public/01-juan-debt-bondage-farm-labor.json"));
        assertThat(created.status()).isEqualTo(201);
        JsonNode decision = created.json();
        String id = decision.path("id").asText();

        assertThat(jdbc.queryForObject("select count(*) from screening_program_outcome where decision_id = ?::uuid",
                Integer.class, id)).isEqualTo(decision.path("programs").size()).isGreaterThan(5);
        assertThat(RulesFired.of(jdbc, id)).hasSizeGreaterThan(10);
    }
}
