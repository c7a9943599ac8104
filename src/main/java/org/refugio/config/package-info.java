/**
 * Service-wide settings that belong to no capability: the one clock, JSON, scheduling, and
 * {@link org.refugio.config.DevelopmentDefaults}, which refuses every published development secret next to PostgreSQL.
 */
package org.refugio.config;
