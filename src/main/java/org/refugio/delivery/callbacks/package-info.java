/**
 * Status callbacks for intake systems (issue 12, item 3): an admin registers a URL per intake client, and every
 * status change of a case that client opened is POSTed to it, signed like the providers' webhooks (Standard
 * Webhooks), retried with backoff and logged for the admin to read and replay. Entry point:
 * {@link org.refugio.delivery.callbacks.CallbackSubscriptions}; fed by the case events
 * ({@link org.refugio.delivery.callbacks.CaseStatusCallbacks}), drained after the commit by
 * {@link org.refugio.delivery.callbacks.CallbackWorker} from the callback_delivery table.
 */
package org.refugio.delivery.callbacks;
