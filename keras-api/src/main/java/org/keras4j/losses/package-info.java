/**
 * Keras's losses: one class per loss ({@link org.keras4j.losses.MeanSquaredError},
 * {@link org.keras4j.losses.BinaryCrossentropy}, …) whose {@code call} is Keras's per-sample
 * formula in ND4J, and {@link org.keras4j.losses.Losses}, which resolves Keras's identifiers.
 */
package org.keras4j.losses;
