/**
 * Learning rates as functions of the optimizer step, as Keras's
 * {@code keras.optimizers.schedules}: {@link org.keras4j.optimizers.schedules.ExponentialDecay},
 * {@link org.keras4j.optimizers.schedules.PiecewiseConstantDecay},
 * {@link org.keras4j.optimizers.schedules.PolynomialDecay},
 * {@link org.keras4j.optimizers.schedules.CosineDecay} (with warm-up) and
 * {@link org.keras4j.optimizers.schedules.InverseTimeDecay}. Apply one per batch with
 * {@code org.keras4j.callbacks.LearningRateScheduleCallback}.
 */
package org.keras4j.optimizers.schedules;
