/**
 * Legal-aid cases: opened from facts, routed, reviewed, sent and answered. Entry point:
 * {@link org.refugio.cases.CaseService} (one transaction per decision a person takes on a case); what changed is
 * published as {@code org.refugio.cases.events}. The workflow engine is reached only through
 * {@code org.refugio.workflow}.
 */
package org.refugio.cases;
