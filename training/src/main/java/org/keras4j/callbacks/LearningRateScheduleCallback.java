package org.keras4j.callbacks;

import java.util.Map;
import org.keras4j.Model;
import org.keras4j.optimizers.schedules.LearningRateSchedule;

/**
 * Drives the optimizer's learning rate with a {@link LearningRateSchedule} of the step, as a
 * Keras optimizer built with {@code learning_rate=schedule} does: before each training batch
 * the rate becomes {@code schedule(iterations)}, where {@code iterations} counts the updates
 * already applied (so it continues across fits and after a restored checkpoint). Adds
 * {@code learning_rate} (the rate of the epoch's last step) to each epoch's logs.
 *
 * <pre>{@code
 * LearningRateSchedule warmCosine = new CosineDecay(0.0, 1000).withWarmup(0.1, 100);
 * model.fit(x, y, FitOptions.defaults().epochs(20).callbacks(new LearningRateScheduleCallback(warmCosine)));
 * }</pre>
 */
public final class LearningRateScheduleCallback implements Callback {
    private final LearningRateSchedule schedule;
    private Model model;

    /**
     * @throws IllegalArgumentException if {@code schedule} is null
     */
    public LearningRateScheduleCallback(LearningRateSchedule schedule) {
        if (schedule == null) {
            throw new IllegalArgumentException("schedule must not be null");
        }
        this.schedule = schedule;
    }

    public LearningRateSchedule schedule() {
        return schedule;
    }

    @Override
    public void setModel(Model model) {
        this.model = model;
    }

    /**
     * @throws IllegalArgumentException if the schedule gives a negative or non-finite rate
     */
    @Override
    public void onTrainBatchBegin(int batch, Map<String, Double> logs) {
        long step = model.network().iterationCount();
        double lr = schedule.learningRate(step);
        if (!(lr >= 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException(schedule.identifier() + " gave learning rate " + lr + " at step " + step
                    + "; expected a finite number >= 0");
        }
        // Optimizer refuses 0 (Keras allows it); the smallest normal double is 0 for float32 weights
        model.optimizer().setLearningRate(Math.max(lr, Double.MIN_NORMAL));
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        ReduceLROnPlateau.putLearningRate(logs, model.optimizer().getLearningRate());
    }
}
