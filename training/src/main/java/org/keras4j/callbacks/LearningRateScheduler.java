package org.keras4j.callbacks;

import java.util.Map;
import org.keras4j.Model;
import org.keras4j.optimizers.Optimizer;

/**
 * Sets the learning rate at the start of every epoch from a function of the epoch (0-based) and
 * the current rate, as Keras's {@code LearningRateScheduler}; adds {@code learning_rate} to each
 * epoch's logs. For a rate that changes every step, use {@link LearningRateScheduleCallback}.
 *
 * <pre>{@code
 * // keep the rate for ten epochs, then decay it by exp(-0.1) per epoch
 * LearningRateScheduler scheduler = new LearningRateScheduler(
 *         (epoch, lr) -> epoch < 10 ? lr : lr * Math.exp(-0.1));
 * model.fit(x, y, FitOptions.defaults().epochs(15).callbacks(scheduler));
 * }</pre>
 */
public final class LearningRateScheduler implements Callback {
    /** The new learning rate for {@code epoch}, given the current one. */
    @FunctionalInterface
    public interface Schedule {
        double learningRate(int epoch, double currentLearningRate);
    }

    private final Schedule schedule;
    private int verbose;
    private Model model;

    /**
     * @throws IllegalArgumentException if {@code schedule} is null
     */
    public LearningRateScheduler(Schedule schedule) {
        if (schedule == null) {
            throw new IllegalArgumentException("schedule must not be null");
        }
        this.schedule = schedule;
    }

    /** 0 quiet, 1 prints each update; default 0. */
    public LearningRateScheduler withVerbose(int verbose) {
        this.verbose = verbose;
        return this;
    }

    @Override
    public void setModel(Model model) {
        this.model = model;
    }

    /**
     * @throws IllegalArgumentException if the schedule returns a rate that is not a positive finite number
     */
    @Override
    public void onEpochBegin(int epoch, Map<String, Double> logs) {
        Optimizer optimizer = model.optimizer();
        double lr = schedule.learningRate(epoch, optimizer.getLearningRate());
        if (!(lr > 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException("The output of the schedule function should be a positive finite"
                    + " learning rate. Got: " + lr + " for epoch " + epoch);
        }
        optimizer.setLearningRate(lr);
        if (verbose > 0) {
            System.out.println("\nEpoch " + (epoch + 1) + ": LearningRateScheduler setting learning rate to " + lr + ".");
        }
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        ReduceLROnPlateau.putLearningRate(logs, model.optimizer().getLearningRate());
    }
}
