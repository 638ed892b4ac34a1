package org.keras4j.optimizers;

import java.util.LinkedHashMap;
import java.util.Map;
import org.keras4j.optimizers.schedules.LearningRateSchedule;
import org.keras4j.optimizers.schedules.ScheduleLookup;
import org.keras4j.utils.Configs;
import org.keras4j.utils.Configurable;

/**
 * Base of Keras's optimizers: a learning rate that can be read and changed between batches
 * or epochs, gradient clipping ({@code clipnorm} per variable, {@code clipvalue} per element) and
 * Keras's decoupled {@code weight_decay} ({@code w -= learning_rate * weight_decay * w} on every
 * trainable variable, biases included, before the optimizer's own step).
 *
 * <pre>{@code
 * Optimizer adam = new Adam(1e-3).withClipnorm(1.0);
 * model.compile(adam, "mse");
 * model.optimizer().setLearningRate(1e-4);   // takes effect at the next batch
 * }</pre>
 */
public abstract class Optimizer implements Configurable {
    private double learningRate;
    private LearningRateSchedule schedule;
    private Double clipnorm;
    private Double clipvalue;
    private Double weightDecay;

    protected Optimizer(double learningRate) {
        setLearningRate(learningRate);
    }

    public double getLearningRate() {
        return learningRate;
    }

    /**
     * Sets the learning rate; a compiled model applies it from its next training step.
     *
     * @throws IllegalArgumentException if negative, NaN or infinite
     */
    public void setLearningRate(double learningRate) {
        if (!(learningRate >= 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learningRate must be a finite number >= 0, got " + learningRate);
        }
        this.learningRate = learningRate;
    }

    /** Clips each gradient tensor to this L2 norm; null (default) for none. */
    public Double clipnorm() {
        return clipnorm;
    }

    /** Clips each gradient element to [-clipvalue, clipvalue]; null (default) for none. */
    public Double clipvalue() {
        return clipvalue;
    }

    public Optimizer withClipnorm(double clipnorm) {
        requirePositive("clipnorm", clipnorm);
        if (clipvalue != null) {
            throw new IllegalArgumentException("only one of clipnorm and clipvalue may be set; clipvalue is " + clipvalue);
        }
        this.clipnorm = clipnorm;
        return this;
    }

    public Optimizer withClipvalue(double clipvalue) {
        requirePositive("clipvalue", clipvalue);
        if (clipnorm != null) {
            throw new IllegalArgumentException("only one of clipnorm and clipvalue may be set; clipnorm is " + clipnorm);
        }
        this.clipvalue = clipvalue;
        return this;
    }

    /** Decoupled weight decay factor; null (default, except for AdamW) for none. */
    public Double weightDecay() {
        return weightDecay;
    }

    /**
     * Decays every trainable variable by {@code learning_rate * weightDecay * w} each step,
     * independently of the gradient (Keras's {@code weight_decay} argument).
     *
     * @throws IllegalArgumentException if negative or not finite
     */
    public Optimizer withWeightDecay(double weightDecay) {
        if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
            throw new IllegalArgumentException("weightDecay must be a finite number >= 0, got " + weightDecay);
        }
        this.weightDecay = weightDecay;
        return this;
    }

    /** The optimizer's own arguments (besides learning rate and clipping). */
    protected abstract Map<String, Object> hyperParameters();

    /**
     * Uses {@code schedule(step)} as the learning rate of each step, as Keras's
     * {@code learning_rate=schedule}; the fixed rate is then unused.
     *
     * @throws IllegalArgumentException if {@code schedule} is null
     */
    public Optimizer withLearningRateSchedule(LearningRateSchedule schedule) {
        if (schedule == null) {
            throw new IllegalArgumentException("schedule must not be null");
        }
        this.schedule = schedule;
        return this;
    }

    /** The learning-rate schedule, or null for a fixed rate. */
    public LearningRateSchedule learningRateSchedule() {
        return schedule;
    }

    /** The rate of the step taken after {@code iterations} steps: the schedule's value, or the fixed rate. */
    public double learningRateAt(long iterations) {
        return schedule == null ? learningRate : schedule.learningRate(iterations);
    }

    @Override
    public final Map<String, Object> getConfig() {
        Map<String, Object> cfg = new LinkedHashMap<>();
        cfg.put("learning_rate", learningRate);
        if (schedule != null) {
            cfg.put("learning_rate_schedule", Configs.serialize(schedule));
        }
        if (weightDecay != null) {
            cfg.put("weight_decay", weightDecay);
        }
        cfg.putAll(hyperParameters());
        if (clipnorm != null) {
            cfg.put("clipnorm", clipnorm);
        }
        if (clipvalue != null) {
            cfg.put("clipvalue", clipvalue);
        }
        return cfg;
    }

    /** Applies the entries every optimizer shares (clipping, weight decay) of a saved config. */
    protected final void applyCommonOptions(Map<String, Object> config) {
        if (config.get("learning_rate_schedule") != null) {
            withLearningRateSchedule(ScheduleLookup.deserialize(config.get("learning_rate_schedule")));
        }
        if (config.get("weight_decay") != null) {
            withWeightDecay(Configs.toDouble("weight_decay", config.get("weight_decay")));
        }
        if (config.get("clipnorm") != null) {
            withClipnorm(Configs.toDouble("clipnorm", config.get("clipnorm")));
        }
        if (config.get("clipvalue") != null) {
            withClipvalue(Configs.toDouble("clipvalue", config.get("clipvalue")));
        }
    }

    protected static void requirePositive(String name, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be a positive number, got " + value);
        }
    }

    protected static void requireNonNegative(String name, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be a finite number >= 0, got " + value);
        }
    }

    protected static void requireInRange(String name, double value, double lo, double hi) {
        if (!(value >= lo && value < hi)) {
            throw new IllegalArgumentException(name + " must be in [" + lo + ", " + hi + "), got " + value);
        }
    }

    @Override
    public String toString() {
        return identifier() + getConfig();
    }
}
