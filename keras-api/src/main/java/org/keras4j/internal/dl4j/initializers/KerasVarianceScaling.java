package org.keras4j.internal.dl4j.initializers;

import java.util.Objects;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keras's {@code VarianceScaling}, the rule behind glorot_*, he_* and lecun_*: with
 * {@code n} = fan_in, fan_out or their mean and {@code v = scale / max(1, n)}, draws from
 * U(-sqrt(3v), sqrt(3v)), N(0, sqrt(v)), or a normal truncated at two standard deviations with
 * {@code stddev = sqrt(v) / 0.87962566103423978} (so the truncated values have std sqrt(v)).
 * DL4J's truncated VAR_SCALING_* inits lack that correction.
 *
 * <p>Fans are DL4J's unless given: pass Keras's ({@link Fans}) where DL4J's differ.
 *
 * <pre>{@code
 * IWeightInit heNormal = new KerasVarianceScaling(2.0, "fan_in", "truncated_normal");
 * }</pre>
 */
public final class KerasVarianceScaling implements IWeightInit {
    /** Standard deviation of a standard normal truncated to (-2, 2). */
    static final double TRUNCATED_STDDEV = 0.87962566103423978;

    private double scale;
    private String mode;
    private String distribution;
    private Double fanIn;
    private Double fanOut;

    /** For JSON deserialization. */
    public KerasVarianceScaling() {
    }

    /**
     * @param mode "fan_in", "fan_out" or "fan_avg"
     * @param distribution "truncated_normal", "untruncated_normal" or "uniform"
     */
    public KerasVarianceScaling(double scale, String mode, String distribution) {
        this(scale, mode, distribution, null, null);
    }

    /** With Keras's fans instead of the ones DL4J passes; null keeps DL4J's. */
    public KerasVarianceScaling(double scale, String mode, String distribution, Double fanIn, Double fanOut) {
        this.scale = scale;
        this.mode = mode;
        this.distribution = distribution;
        this.fanIn = fanIn;
        this.fanOut = fanOut;
    }

    /** Keras's variance {@code scale / max(1, n)} for the given fans. */
    double variance(double dl4jFanIn, double dl4jFanOut) {
        double in = fanIn != null ? fanIn : dl4jFanIn;
        double out = fanOut != null ? fanOut : dl4jFanOut;
        double n = switch (mode) {
            case "fan_in" -> in;
            case "fan_out" -> out;
            case "fan_avg" -> (in + out) / 2.0;
            default -> throw new IllegalStateException("unknown variance scaling mode '" + mode + "'");
        };
        return scale / Math.max(1.0, n);
    }

    @Override
    public INDArray init(double dl4jFanIn, double dl4jFanOut, long[] shape, char order, INDArray paramView) {
        double variance = variance(dl4jFanIn, dl4jFanOut);
        switch (distribution) {
            case "truncated_normal" -> Sampling.truncatedNormal(paramView, 0.0, Math.sqrt(variance) / TRUNCATED_STDDEV);
            case "untruncated_normal" -> Sampling.normal(paramView, 0.0, Math.sqrt(variance));
            case "uniform" -> {
                double limit = Math.sqrt(3.0 * variance);
                Sampling.uniform(paramView, -limit, limit);
            }
            default -> throw new IllegalStateException("unknown variance scaling distribution '" + distribution + "'");
        }
        return paramView.reshape(order, shape);
    }

    public double getScale() {
        return scale;
    }

    public String getMode() {
        return mode;
    }

    public String getDistribution() {
        return distribution;
    }

    public Double getFanIn() {
        return fanIn;
    }

    public Double getFanOut() {
        return fanOut;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KerasVarianceScaling other && Double.compare(scale, other.scale) == 0
                && Objects.equals(mode, other.mode) && Objects.equals(distribution, other.distribution)
                && Objects.equals(fanIn, other.fanIn) && Objects.equals(fanOut, other.fanOut);
    }

    @Override
    public int hashCode() {
        return Objects.hash(scale, mode, distribution, fanIn, fanOut);
    }

    @Override
    public String toString() {
        return "KerasVarianceScaling(scale=" + scale + ", mode=" + mode + ", distribution=" + distribution
                + (fanIn == null ? "" : ", fanIn=" + fanIn + ", fanOut=" + fanOut) + ")";
    }
}
