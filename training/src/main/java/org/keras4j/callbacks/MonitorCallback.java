package org.keras4j.callbacks;

import java.util.Map;
import org.keras4j.Model;
import org.keras4j.engine.CompiledOutput;
import org.keras4j.metrics.AUC;
import org.keras4j.metrics.BinaryAccuracy;
import org.keras4j.metrics.CategoricalAccuracy;
import org.keras4j.metrics.MeanAbsoluteError;
import org.keras4j.metrics.MeanAbsolutePercentageError;
import org.keras4j.metrics.MeanSquaredError;
import org.keras4j.metrics.Metric;
import org.keras4j.metrics.Precision;
import org.keras4j.metrics.Recall;
import org.keras4j.metrics.RootMeanSquaredError;
import org.keras4j.metrics.SparseCategoricalAccuracy;
import org.keras4j.metrics.SparseTopKCategoricalAccuracy;
import org.keras4j.metrics.TopKCategoricalAccuracy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shared base of callbacks that watch one logged quantity, as Keras's
 * {@code MonitorCallback}: {@link EarlyStopping}, {@link ModelCheckpoint} and
 * {@link ReduceLROnPlateau}. It holds {@code monitor}, {@code mode} and {@code minDelta} and decides
 * whether a value improves on a reference.
 *
 * <p>{@code mode} is {@code "min"}, {@code "max"} or {@code "auto"} (default): in auto, {@code loss}
 * and {@code val_loss} are minimised, and a compiled metric is minimised or maximised as Keras's
 * metric {@code _direction} says (accuracies, AUC, precision, recall up; error metrics down);
 * anything else fails asking for an explicit mode. An improvement is
 * {@code current < reference - minDelta} (min) or {@code current > reference + minDelta} (max).
 *
 * <pre>{@code
 * class BestTracker extends MonitorCallback {
 *     Double best;
 *     BestTracker() { super("val_accuracy"); }
 *     public void onEpochEnd(int epoch, Map<String, Double> logs) {
 *         Double v = monitorValue(logs);
 *         if (v != null && isImprovement(v, best)) best = v;
 *     }
 * }
 * }</pre>
 */
public abstract class MonitorCallback implements Callback {
    private static final Logger LOG = LoggerFactory.getLogger(MonitorCallback.class);

    private final String monitor;
    private String mode = "auto";
    private double minDelta;
    private Boolean lowerIsBetter;
    /** The model being trained, set by {@code fit}. */
    protected Model model;

    /**
     * @throws IllegalArgumentException if {@code monitor} is null or blank
     */
    protected MonitorCallback(String monitor) {
        if (monitor == null || monitor.isBlank()) {
            throw new IllegalArgumentException("monitor must name a logged quantity such as \"val_loss\", got "
                    + (monitor == null ? "null" : "'" + monitor + "'"));
        }
        this.monitor = monitor;
    }

    @Override
    public void setModel(Model model) {
        this.model = model;
    }

    /** The logged quantity watched, e.g. {@code "val_loss"}. */
    public String monitor() {
        return monitor;
    }

    /** {@code "auto"}, {@code "min"} or {@code "max"}. */
    public String mode() {
        return mode;
    }

    /** The smallest change that counts as an improvement (always {@code >= 0}). */
    public double minDelta() {
        return minDelta;
    }

    /**
     * @throws IllegalArgumentException unless {@code mode} is {@code "auto"}, {@code "min"} or {@code "max"}
     */
    protected final void setMode(String mode) {
        if (!"auto".equals(mode) && !"min".equals(mode) && !"max".equals(mode)) {
            throw new IllegalArgumentException("mode must be one of \"auto\", \"min\", \"max\", got "
                    + (mode == null ? "null" : "'" + mode + "'"));
        }
        this.mode = mode;
        this.lowerIsBetter = null;
    }

    /**
     * @throws IllegalArgumentException if {@code minDelta} is negative or not finite
     */
    protected final void setMinDelta(double minDelta) {
        if (!(minDelta >= 0) || Double.isInfinite(minDelta)) {
            throw new IllegalArgumentException("minDelta must be a finite number >= 0, got " + minDelta);
        }
        this.minDelta = minDelta;
    }

    /**
     * Whether lower values of the monitored quantity are better, resolved from {@code mode} on first use.
     *
     * @throws IllegalArgumentException in auto mode when the direction cannot be inferred
     */
    protected final boolean lowerIsBetter() {
        if (lowerIsBetter == null) {
            lowerIsBetter = switch (mode) {
                case "min" -> true;
                case "max" -> false;
                default -> {
                    Boolean auto = autoLowerIsBetter();
                    if (auto == null) {
                        throw new IllegalArgumentException(getClass().getSimpleName() + " callback received monitor="
                                + monitor + ", but keras4j isn't able to automatically determine whether that metric"
                                + " should be maximized or minimized. Pass mode \"max\" in order to monitor based on the"
                                + " highest metric value, or mode \"min\" in order to use the lowest value.");
                    }
                    yield auto;
                }
            };
        }
        return lowerIsBetter;
    }

    /**
     * The direction {@code "auto"} mode infers: {@code true} to minimise, {@code false} to maximise,
     * null when unknown. Subclasses may override (ReduceLROnPlateau keeps Keras's "acc" rule).
     */
    protected Boolean autoLowerIsBetter() {
        String name = monitor.startsWith("val_") ? monitor.substring(4) : monitor;
        if (name.equals("loss")) {
            return true;
        }
        if (model != null && model.isCompiled()) {
            boolean multiOutput = model.compiled().multiOutput();
            for (CompiledOutput out : model.compiled().outputs()) {
                // a model with several outputs logs each output's loss and metrics under its name
                if (multiOutput && name.equals(out.name() + "_loss")) {
                    return true;
                }
                for (Metric m : out.metrics()) {
                    if (name.equals(multiOutput ? out.name() + "_" + m.name() : m.name())) {
                        return metricLowerIsBetter(m);
                    }
                }
            }
        }
        return null;
    }

    /** Keras's metric {@code _direction}: "up" for accuracies, AUC, precision, recall; "down" for errors. */
    static Boolean metricLowerIsBetter(Metric m) {
        if (m instanceof BinaryAccuracy || m instanceof CategoricalAccuracy || m instanceof SparseCategoricalAccuracy
                || m instanceof TopKCategoricalAccuracy || m instanceof SparseTopKCategoricalAccuracy
                || m instanceof AUC || m instanceof Precision || m instanceof Recall) {
            return false;
        }
        if (m instanceof MeanSquaredError || m instanceof MeanAbsoluteError || m instanceof MeanAbsolutePercentageError
                || m instanceof RootMeanSquaredError) {
            return true;
        }
        return null;
    }

    /**
     * Whether {@code current} improves on {@code reference} by more than {@code minDelta};
     * always true when there is no reference yet (null).
     */
    protected final boolean isImprovement(double current, Double reference) {
        if (reference == null) {
            return true;
        }
        return lowerIsBetter() ? current - (-minDelta) < reference : current - minDelta > reference;
    }

    /** The worst possible value: the start of "best" when there is no baseline. */
    protected final double worstValue() {
        return lowerIsBetter() ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
    }

    /** The monitored value in {@code logs}, or null (with a warning listing the keys there are). */
    protected final Double monitorValue(Map<String, Double> logs) {
        Double v = logs == null ? null : logs.get(monitor);
        if (v == null) {
            LOG.warn("{} conditioned on metric `{}` which is not available. Available metrics are: {}",
                    getClass().getSimpleName(), monitor, logs == null ? "" : String.join(",", logs.keySet()));
        }
        return v;
    }
}
