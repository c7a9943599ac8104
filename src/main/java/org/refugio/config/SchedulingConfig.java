package org.refugio.config;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Housekeeping that runs itself on every node (idempotency expiry, retention): each job is safe to run twice. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class SchedulingConfig {
}
