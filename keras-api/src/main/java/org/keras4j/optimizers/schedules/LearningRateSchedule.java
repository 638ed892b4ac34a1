package org.keras4j.optimizers.schedules;

import org.keras4j.utils.Configurable;

/**
 * A learning rate as a function of the optimizer step, as Keras's
 * {@code keras.optimizers.schedules.LearningRateSchedule}: {@code step} is the number of
 * updates already applied (0 for the first batch), so the rate used for the update after
 * {@code step} steps is {@code learningRate(step)}.
 *
 * <pre>{@code
 * LearningRateSchedule schedule = new ExponentialDecay(0.1, 1000, 0.96);   // keras4j-training
 * model.compile(new SGD().withLearningRateSchedule(schedule), "mse");
 * }</pre>
 */
public interface LearningRateSchedule extends Configurable {
    /**
     * The learning rate for the update that follows {@code step} completed updates.
     *
     * @throws IllegalArgumentException if {@code step} is negative
     */
    double learningRate(long step);

    /** Keras's class name, e.g. {@code "ExponentialDecay"}; keras4j-training's {@code LearningRateSchedules} resolves it. */
    @Override
    String identifier();
}
