package org.keras4j.callbacks;

import java.util.Map;
import org.keras4j.optimizers.Optimizer;

/**
 * Reduces the learning rate when a monitored quantity has stopped improving, as Keras's
 * {@code ReduceLROnPlateau}: after {@code patience} epochs without an improvement of more than
 * {@code minDelta}, {@code lr = max(lr * factor, minLr)}, then {@code cooldown} epochs during
 * which the wait does not grow. Adds {@code learning_rate} to each epoch's logs (so it appears in
 * {@code History}).
 *
 * <p>Defaults: monitor {@code val_loss}, factor 0.1, patience 10, verbose 0, mode auto (as Keras
 * here: maximise when the name contains {@code "acc"}, else minimise), minDelta 1e-4, cooldown
 * 0, minLr 0.
 *
 * <pre>{@code
 * ReduceLROnPlateau reduce = new ReduceLROnPlateau("val_loss").withFactor(0.2).withPatience(5).withMinLr(1e-3);
 * model.fit(x, y, FitOptions.defaults().epochs(100).validationSplit(0.2).callbacks(reduce));
 * }</pre>
 */
public final class ReduceLROnPlateau extends MonitorCallback {
    private double factor = 0.1;
    private int patience = 10;
    private int verbose;
    private int cooldown;
    private double minLr;

    private int wait;
    private int cooldownCounter;
    private double best;

    /** Watches {@code val_loss}. */
    public ReduceLROnPlateau() {
        this("val_loss");
    }

    /** Watches {@code monitor}. */
    public ReduceLROnPlateau(String monitor) {
        super(monitor);
        setMinDelta(1e-4);
    }

    /**
     * {@code new_lr = lr * factor}; default 0.1.
     *
     * @throws IllegalArgumentException unless {@code 0 < factor < 1}
     */
    public ReduceLROnPlateau withFactor(double factor) {
        if (factor >= 1.0) {
            throw new IllegalArgumentException("ReduceLROnPlateau does not support a factor >= 1.0. Received: factor="
                    + factor);
        }
        if (!(factor > 0)) {
            throw new IllegalArgumentException("factor must be in (0, 1), got " + factor);
        }
        this.factor = factor;
        return this;
    }

    /**
     * Epochs without improvement before the rate is reduced; default 10.
     *
     * @throws IllegalArgumentException if negative
     */
    public ReduceLROnPlateau withPatience(int patience) {
        if (patience < 0) {
            throw new IllegalArgumentException("patience must be >= 0, got " + patience);
        }
        this.patience = patience;
        return this;
    }

    /** {@code "auto"} (default), {@code "min"} or {@code "max"}. */
    public ReduceLROnPlateau withMode(String mode) {
        setMode(mode);
        return this;
    }

    /** Threshold for a new optimum; default 1e-4. */
    public ReduceLROnPlateau withMinDelta(double minDelta) {
        setMinDelta(minDelta);
        return this;
    }

    /**
     * Epochs to wait after a reduction before counting again; default 0.
     *
     * @throws IllegalArgumentException if negative
     */
    public ReduceLROnPlateau withCooldown(int cooldown) {
        if (cooldown < 0) {
            throw new IllegalArgumentException("cooldown must be >= 0, got " + cooldown);
        }
        this.cooldown = cooldown;
        return this;
    }

    /**
     * Lower bound on the learning rate; default 0.
     *
     * @throws IllegalArgumentException if negative or not finite
     */
    public ReduceLROnPlateau withMinLr(double minLr) {
        if (!(minLr >= 0) || Double.isInfinite(minLr)) {
            throw new IllegalArgumentException("minLr must be a finite number >= 0, got " + minLr);
        }
        this.minLr = minLr;
        return this;
    }

    /** 0 silent, 1 prints each reduction; default 0. */
    public ReduceLROnPlateau withVerbose(int verbose) {
        this.verbose = verbose;
        return this;
    }

    /** Keras's rule for this callback: maximise when the monitored name contains "acc". */
    @Override
    protected Boolean autoLowerIsBetter() {
        return !monitor().contains("acc");
    }

    @Override
    public void onTrainBegin(Map<String, Double> logs) {
        best = worstValue();
        cooldownCounter = 0;
        wait = 0;
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        Optimizer optimizer = model.optimizer();
        putLearningRate(logs, optimizer.getLearningRate());
        Double current = monitorValue(logs);
        if (current == null) {
            return;
        }
        if (inCooldown()) {
            cooldownCounter--;
            wait = 0;
        }
        if (isImprovement(current, best)) {
            best = current;
            wait = 0;
        } else if (!inCooldown()) {
            wait++;
            if (wait >= patience) {
                double oldLr = optimizer.getLearningRate();
                // Keras keeps the rate in float32 and compares with float32(min_lr)
                if ((float) oldLr > (float) minLr) {
                    double newLr = Math.max(oldLr * factor, minLr);
                    optimizer.setLearningRate(newLr);
                    if (verbose > 0) {
                        System.out.println("\nEpoch " + (epoch + 1) + ": ReduceLROnPlateau reducing learning rate to "
                                + newLr + ".");
                    }
                    cooldownCounter = cooldown;
                    wait = 0;
                }
            }
        }
    }

    /** Whether the last reduction's cooldown is still running. */
    public boolean inCooldown() {
        return cooldownCounter > 0;
    }

    /** Epochs since the last improvement (or reduction). */
    public int waited() {
        return wait;
    }

    /** The best monitored value since training began. */
    public double best() {
        return best;
    }

    static void putLearningRate(Map<String, Double> logs, double learningRate) {
        if (logs == null) {
            return;
        }
        try {
            logs.put("learning_rate", learningRate);
        } catch (UnsupportedOperationException e) {
            // read-only logs from a caller other than fit: nothing to record into
        }
    }
}
