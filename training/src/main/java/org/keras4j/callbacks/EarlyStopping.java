package org.keras4j.callbacks;

import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Stops training when a monitored quantity has stopped improving, as Keras's
 * {@code EarlyStopping}.
 *
 * <p>At each epoch end (from {@code startFromEpoch} on) the monitored value is compared with the
 * best so far: an improvement (by more than {@code minDelta}) becomes the best and, if it also
 * beats {@code baseline}, resets the wait; otherwise the wait grows, and when it reaches
 * {@code patience} (and the epoch is not the first) training stops. With
 * {@code restoreBestWeights}, the weights of the best epoch are put back when training ends for
 * any reason (stopped here, by another callback, or out of epochs); with a baseline that is never
 * beaten, that is the best epoch among those run.
 *
 * <p>Defaults: monitor {@code val_loss}, minDelta 0, patience 0, verbose 0, mode auto, no
 * baseline, restoreBestWeights off, startFromEpoch 0.
 *
 * <pre>{@code
 * EarlyStopping stop = new EarlyStopping("val_loss").withPatience(3).withRestoreBestWeights(true);
 * model.fit(x, y, FitOptions.defaults().epochs(100).validationSplit(0.2).callbacks(stop));
 * int stoppedAt = stop.stoppedEpoch();   // 0-based; 0 if it never stopped training
 * }</pre>
 */
public final class EarlyStopping extends MonitorCallback {
    private int patience;
    private int verbose;
    private Double baseline;
    private boolean restoreBestWeights;
    private int startFromEpoch;

    private int wait;
    private int stoppedEpoch;
    private Double best;
    private List<INDArray> bestWeights;
    private int bestEpoch;

    /** Watches {@code val_loss}. */
    public EarlyStopping() {
        this("val_loss");
    }

    /** Watches {@code monitor}, e.g. {@code "loss"} or {@code "val_accuracy"}. */
    public EarlyStopping(String monitor) {
        super(monitor);
    }

    /**
     * Epochs with no improvement after which training stops; default 0.
     *
     * @throws IllegalArgumentException if negative
     */
    public EarlyStopping withPatience(int patience) {
        if (patience < 0) {
            throw new IllegalArgumentException("patience must be >= 0, got " + patience);
        }
        this.patience = patience;
        return this;
    }

    /** Smallest change that counts as an improvement; default 0. */
    public EarlyStopping withMinDelta(double minDelta) {
        setMinDelta(Math.abs(minDelta));
        return this;
    }

    /** {@code "auto"} (default), {@code "min"} or {@code "max"}. */
    public EarlyStopping withMode(String mode) {
        setMode(mode);
        return this;
    }

    /** A value the monitored quantity must beat for the wait to reset. */
    public EarlyStopping withBaseline(double baseline) {
        this.baseline = baseline;
        return this;
    }

    /** Puts back the best epoch's weights when training ends; default off. */
    public EarlyStopping withRestoreBestWeights(boolean restoreBestWeights) {
        this.restoreBestWeights = restoreBestWeights;
        return this;
    }

    /**
     * Epochs to wait before monitoring starts (a warm-up); default 0.
     *
     * @throws IllegalArgumentException if negative
     */
    public EarlyStopping withStartFromEpoch(int startFromEpoch) {
        if (startFromEpoch < 0) {
            throw new IllegalArgumentException("startFromEpoch must be >= 0, got " + startFromEpoch);
        }
        this.startFromEpoch = startFromEpoch;
        return this;
    }

    /** 0 silent, 1 prints when it stops and restores; default 0. */
    public EarlyStopping withVerbose(int verbose) {
        this.verbose = verbose;
        return this;
    }

    @Override
    public void onTrainBegin(Map<String, Double> logs) {
        // instances can be reused across fits
        wait = 0;
        stoppedEpoch = 0;
        best = null;
        bestWeights = null;
        bestEpoch = 0;
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        lowerIsBetter(); // resolve auto mode now that the model's metrics are known
        Double current = monitorValue(logs);
        if (current == null || epoch < startFromEpoch) {
            return;
        }
        if (restoreBestWeights && bestWeights == null) {
            // the first monitored epoch is the best so far
            bestWeights = model.getWeights();
            bestEpoch = epoch;
        }
        wait++;
        if (isImprovement(current, best)) {
            best = current;
            bestEpoch = epoch;
            if (restoreBestWeights) {
                bestWeights = model.getWeights();
            }
            // only a value that also beats the baseline restarts the wait
            if (baseline == null || isImprovement(current, baseline)) {
                wait = 0;
            }
            return;
        }
        if (wait >= patience && epoch > 0) {
            stoppedEpoch = epoch;
            model.setStopTraining(true);
        }
    }

    @Override
    public void onTrainEnd(Map<String, Double> logs) {
        if (stoppedEpoch > 0 && verbose > 0) {
            System.out.println("Epoch " + (stoppedEpoch + 1) + ": early stopping");
        }
        if (restoreBestWeights && bestWeights != null) {
            if (verbose > 0) {
                System.out.println("Restoring model weights from the end of the best epoch: " + (bestEpoch + 1) + ".");
            }
            model.setWeights(bestWeights);
        }
    }

    /** The epoch (0-based) at which this callback stopped training, 0 if it did not. */
    public int stoppedEpoch() {
        return stoppedEpoch;
    }

    /** The epoch (0-based) with the best monitored value so far. */
    public int bestEpoch() {
        return bestEpoch;
    }

    /** The best monitored value so far, or null before the first monitored epoch. */
    public Double best() {
        return best;
    }

    /** Epochs since the last improvement that counted. */
    public int waited() {
        return wait;
    }

    public int patience() {
        return patience;
    }

    public boolean restoreBestWeights() {
        return restoreBestWeights;
    }
}
