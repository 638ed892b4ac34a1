/**
 * Keras's stateful metrics (accuracies, regression errors, precision, recall, AUC) and
 * {@link org.keras4j.metrics.Metrics}, which resolves Keras's identifiers, including
 * {@code "accuracy"} chosen from the loss.
 */
package org.keras4j.metrics;
