/**
 * The one error format (RFC 9457 problem+json naming the field). Domain code throws the exceptions of this package
 * ({@link org.refugio.problem.UnprocessableException}, {@link org.refugio.problem.NotFoundException}, ...),
 * subclassed where a refusal has a type of its own; {@link org.refugio.problem.ProblemHandler} maps them. This
 * package imports no capability.
 */
package org.refugio.problem;
