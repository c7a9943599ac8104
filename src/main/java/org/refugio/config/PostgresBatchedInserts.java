package org.refugio.config;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * On PostgreSQL, a JDBC batch of inserts goes to the server as multi-row inserts ({@code reWriteBatchedInserts}):
 * a screening stores about 80 rows (program outcomes, fired rules, report keys) in batches, and the server executes
 * a few statements instead of 80 (issue 14; BENCHMARKS.md). H2 refuses the unknown setting, hence PostgreSQL only.
 * No code here reads a batch's per-row counts, which the driver no longer reports once it rewrites.
 */
@Component
class PostgresBatchedInserts implements BeanPostProcessor {

    @Override
    public Object postProcessBeforeInitialization(Object bean, String beanName) {
        if (bean instanceof HikariDataSource dataSource && dataSource.getJdbcUrl() != null
                && dataSource.getJdbcUrl().startsWith("jdbc:postgresql:")
                && !dataSource.getDataSourceProperties().containsKey("reWriteBatchedInserts")) {
            dataSource.addDataSourceProperty("reWriteBatchedInserts", "true");
        }
        return bean;
    }
}
