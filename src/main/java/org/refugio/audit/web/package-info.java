/**
 * The auditor's pages (issue 13 item 1): decision search, a decision with its reasoning, audit record and integrity,
 * its replay with the ruleset of the day and today's, and chain verification. Every page reads through the audit
 * API's own operations ({@link org.refugio.api.AuditApi}, implemented by the audit controller), so each read is
 * recorded in the log exactly as the API's reads are, with the same redaction; nothing here queries on its own.
 */
package org.refugio.audit.web;
