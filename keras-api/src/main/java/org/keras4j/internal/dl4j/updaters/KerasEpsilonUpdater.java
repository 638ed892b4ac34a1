package org.keras4j.internal.dl4j.updaters;

/**
 * Base of the Keras updaters that divide by a root of an accumulated square plus {@code epsilon}
 * (Adagrad, Adadelta, Adamax, Nadam): holds {@code epsilon} as a bean property, serialized under
 * the same field name by DL4J's Jackson configuration.
 *
 * <pre>{@code
 * KerasEpsilonUpdater updater = new KerasAdagrad(1e-3, 0.1, 1e-7);
 * updater.getEpsilon();   // 1e-7
 * }</pre>
 */
public abstract class KerasEpsilonUpdater extends KerasUpdater {
    protected double epsilon;

    /** For JSON deserialization. */
    protected KerasEpsilonUpdater() {
    }

    protected KerasEpsilonUpdater(double learningRate, double epsilon) {
        super(learningRate);
        this.epsilon = epsilon;
    }

    public double getEpsilon() {
        return epsilon;
    }

    public void setEpsilon(double epsilon) {
        this.epsilon = epsilon;
    }
}
