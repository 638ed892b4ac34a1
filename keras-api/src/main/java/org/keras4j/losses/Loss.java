package org.keras4j.losses;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.keras4j.utils.Configurable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Base of Keras's losses. {@link #call} is Keras's formula, per sample, in plain ND4J: it is
 * what {@code evaluate} reports and the oracle the DL4J translation is tested against.
 *
 * <p>Reduction is Keras's default {@code sum_over_batch_size}: the mean over samples of
 * {@code sampleWeight * call(yTrue, yPred)}.
 *
 * <p>Two losses are equal when they are of the same class with the same config.
 *
 * <pre>{@code
 * Loss loss = Losses.get("mse");
 * double value = loss.compute(yTrue, yPred);
 * }</pre>
 */
public abstract class Loss implements Configurable {
    /** Keras's epsilon, used for clipping probabilities and guarding divisions. */
    public static final double EPSILON = 1e-7;

    private final boolean fromLogits;

    protected Loss(boolean fromLogits) {
        this.fromLogits = fromLogits;
    }

    /** True when predictions are logits (no sigmoid / softmax applied by the model). */
    public boolean fromLogits() {
        return fromLogits;
    }

    /** Whether labels are class indices ({@code [n]} or {@code [n, 1]}) instead of the output's width. */
    public boolean sparseLabels() {
        return false;
    }

    /**
     * The loss of each sample: shape {@code [n]}, in the predictions' data type.
     *
     * @param yTrue labels, {@code [n, k]} (or {@code [n, 1]} for sparse losses)
     * @param yPred the model's outputs, {@code [n, k]}
     * @throws IllegalArgumentException if the shapes do not match
     */
    public abstract INDArray call(INDArray yTrue, INDArray yPred);

    /** Mean over samples of {@link #call}. */
    public double compute(INDArray yTrue, INDArray yPred) {
        return compute(yTrue, yPred, null);
    }

    /**
     * Weighted mean over samples (Keras's sum_over_batch_size: {@code sum(w * loss) / n});
     * {@code sampleWeight} may be null.
     *
     * @throws IllegalArgumentException if {@code sampleWeight} has not one value per sample
     */
    public double compute(INDArray yTrue, INDArray yPred, INDArray sampleWeight) {
        INDArray perSample = call(yTrue.castTo(DataType.DOUBLE), yPred.castTo(DataType.DOUBLE));
        if (sampleWeight != null) {
            if (sampleWeight.length() != perSample.length()) {
                throw new IllegalArgumentException("sampleWeight must have one weight per sample: expected "
                        + perSample.length() + " values, got shape " + Arrays.toString(sampleWeight.shape()));
            }
            perSample = perSample.mul(sampleWeight.castTo(DataType.DOUBLE).reshape(perSample.shape()));
        }
        return perSample.sumNumber().doubleValue() / perSample.length();
    }

    /** Extra arguments besides {@code from_logits}. */
    protected Map<String, Object> hyperParameters() {
        return Map.of();
    }

    @Override
    public final Map<String, Object> getConfig() {
        Map<String, Object> cfg = new LinkedHashMap<>();
        cfg.put("from_logits", fromLogits);
        cfg.putAll(hyperParameters());
        return cfg;
    }

    @Override
    public boolean equals(Object o) {
        return o != null && o.getClass() == getClass() && ((Loss) o).getConfig().equals(getConfig());
    }

    @Override
    public int hashCode() {
        return getClass().hashCode() * 31 + getConfig().hashCode();
    }

    @Override
    public String toString() {
        return identifier() + getConfig();
    }

    /**
     * Predictions as a 2-d {@code [n, k]} array ({@code [n]} becomes {@code [n, 1]}).
     *
     * @throws IllegalArgumentException if {@code yPred} is not of rank 1 or 2
     */
    protected static INDArray predictions(INDArray yPred) {
        if (yPred.rank() == 1) {
            return yPred.reshape(yPred.length(), 1);
        }
        if (yPred.rank() != 2) {
            throw new IllegalArgumentException("yPred must have shape [samples, outputs], got "
                    + Arrays.toString(yPred.shape()));
        }
        return yPred;
    }

    /**
     * Labels of the predictions' shape and data type.
     *
     * @throws IllegalArgumentException if the shapes differ
     */
    protected static INDArray labelsLike(INDArray yTrue, INDArray yPred) {
        INDArray labels = yTrue.rank() == 1 ? yTrue.reshape(yTrue.length(), 1) : yTrue;
        if (!Arrays.equals(labels.shape(), yPred.shape())) {
            throw new IllegalArgumentException("yTrue and yPred must have the same shape: yTrue has "
                    + Arrays.toString(yTrue.shape()) + ", yPred has " + Arrays.toString(yPred.shape()));
        }
        return labels.castTo(yPred.dataType());
    }

    /** A copy of {@code x} clipped to {@code [lo, hi]}. */
    protected static INDArray clip(INDArray x, double lo, double hi) {
        return Transforms.max(Transforms.min(x, hi, true), lo, false);
    }

    /** {@code log(1 + exp(x))} computed without overflow: {@code max(x, 0) + log1p(exp(-|x|))}. */
    static INDArray softplus(INDArray x) {
        INDArray tail = Transforms.log1p(Transforms.exp(Transforms.abs(x, true).negi(), false), false);
        return Transforms.max(x, 0.0, true).addi(tail);
    }

    /** {@code x - logsumexp(x)} per row, computed stably. */
    static INDArray logSoftmax(INDArray logits) {
        INDArray shifted = logits.subColumnVector(logits.max(true, 1));
        INDArray logSumExp = Transforms.log(Transforms.exp(shifted, true).sum(true, 1), false);
        return shifted.subiColumnVector(logSumExp);
    }
}
