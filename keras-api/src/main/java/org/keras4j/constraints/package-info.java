/**
 * Keras's weight constraints ({@code max_norm}, {@code non_neg}, {@code unit_norm},
 * {@code min_max_norm}), applied to a variable after each optimizer step.
 */
package org.keras4j.constraints;
