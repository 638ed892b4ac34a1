/**
 * Merge layers, as Keras's {@code keras.layers} merging family: {@code Add}, {@code Subtract},
 * {@code Multiply}, {@code Average}, {@code Maximum}, {@code Minimum} (element-wise, with Keras's
 * broadcasting), {@code Concatenate} and {@code Dot}. They are called on a list of tensors in the
 * functional API and have no weights.
 *
 * <pre>{@code
 * KerasTensor a = Keras.input(16);
 * KerasTensor b = Keras.input(16);
 * KerasTensor merged = new Concatenate().apply(new Add().apply(a, b), new Multiply().apply(a, b));
 * }</pre>
 */
package org.keras4j.layers.merging;
