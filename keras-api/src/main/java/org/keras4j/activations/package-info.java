/**
 * Keras's activation functions as declarative values: {@link org.keras4j.activations.Activations}
 * resolves identifiers ({@code "relu"}, {@code "gelu"}) and builds parameterised ones; the
 * formulas are applied by the DL4J translation in {@code org.keras4j.internal.dl4j}.
 *
 * <pre>{@code
 * new Dense(64, Activations.leakyRelu(0.1));
 * }</pre>
 */
package org.keras4j.activations;
