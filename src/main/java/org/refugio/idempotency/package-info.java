/**
 * {@code Idempotency-Key} for every creating POST: the first answer, sealed and kept for a retention period, is
 * the answer to every retry. Entry point: {@link org.refugio.idempotency.IdempotencyFilter}.
 */
package org.refugio.idempotency;
