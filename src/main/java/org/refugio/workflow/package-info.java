/**
 * The seam between the case domain and the workflow engine. {@link org.refugio.workflow.CaseWorkflow} is what the
 * domain asks of the engine; {@link org.refugio.workflow.CaseSteps} is what the engine asks of the domain at each
 * automatic step of the process. Only {@code org.refugio.workflow.camunda} touches the engine's API, so moving to
 * Operaton changes that package alone.
 */
package org.refugio.workflow;
