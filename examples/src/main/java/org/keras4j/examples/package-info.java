/**
 * The course exercises as runnable programs, and the {@code keras4j} command-line launcher.
 *
 * <p>An exercise is one class implementing {@link org.keras4j.examples.Exercise}, registered in
 * {@link org.keras4j.examples.Exercises#all()}. The launcher lists, runs and tours them:
 *
 * <pre>{@code
 * ./keras4j list
 * ./keras4j run tensors autodiff
 * ./keras4j tour --data ~/keras4j-data
 * }</pre>
 */
package org.keras4j.examples;
