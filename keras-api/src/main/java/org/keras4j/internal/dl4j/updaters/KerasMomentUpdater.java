package org.keras4j.internal.dl4j.updaters;

/**
 * Base of the Adam-family updaters (Adamax, Nadam): the decay rates {@code beta1} of the first
 * moment and {@code beta2} of the second moment (or infinity norm) besides {@code epsilon}, which
 * are also its hyperparameters for equality.
 *
 * <pre>{@code
 * KerasMomentUpdater updater = new KerasNadam(1e-3, 0.9, 0.999, 1e-7);
 * updater.getBeta2();   // 0.999
 * }</pre>
 */
public abstract class KerasMomentUpdater extends KerasEpsilonUpdater {
    protected double beta1;
    protected double beta2;

    /** For JSON deserialization. */
    protected KerasMomentUpdater() {
    }

    protected KerasMomentUpdater(double learningRate, double beta1, double beta2, double epsilon) {
        super(learningRate, epsilon);
        this.beta1 = beta1;
        this.beta2 = beta2;
    }

    public double getBeta1() {
        return beta1;
    }

    public void setBeta1(double beta1) {
        this.beta1 = beta1;
    }

    public double getBeta2() {
        return beta2;
    }

    public void setBeta2(double beta2) {
        this.beta2 = beta2;
    }

    @Override
    protected double[] hyperParameters() {
        return new double[] {beta1, beta2, epsilon};
    }
}
