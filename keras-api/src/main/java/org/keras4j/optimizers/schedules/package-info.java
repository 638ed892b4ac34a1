/**
 * Learning-rate schedules, as Keras's {@code keras.optimizers.schedules}: the contract lives here, the
 * schedules themselves (ExponentialDecay, CosineDecay, …) in keras4j-training.
 */
package org.keras4j.optimizers.schedules;
