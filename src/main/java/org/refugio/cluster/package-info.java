/**
 * Work that one node of the cluster does at a time (issue 14): {@link org.refugio.cluster.ClusterLock} (a
 * PostgreSQL advisory lock per key, a JVM lock per key on the embedded H2) and
 * {@link org.refugio.cluster.ClusterBatches} (batches under that lock on a schedule, and on demand until what was
 * pending is done). Shared by the audit sealer, the report folder and the retention job, which keep their own
 * keys, work and log lines. Imports no capability.
 */
package org.refugio.cluster;
