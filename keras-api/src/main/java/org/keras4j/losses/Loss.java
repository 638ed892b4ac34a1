package org.keras4j.losses;

import java.util.LinkedHashMap;
import java.util.Map;
import org.keras4j.utils.Configurable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Base of Keras's losses. {@link #call} is Keras's formula, per sample, in plain ND4J: it is
 * what {@code evaluate} reports and the oracle the DL4J translation is tested against.
 *
 * <p>Reduction is Keras's default {@code sum_over_batch_size}: the mean over samples of
 * {@code sampleWeight * call(yTrue, yPred)}.
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
     * The loss of each sample: shape {@code [n]}.
     *
     * @param yTrue labels, {@code [n, k]} (or {@code [n, 1]} for sparse losses)
     * @param yPred the model's outputs, {@code [n, k]}
     */
    public abstract INDArray call(INDArray yTrue, INDArray yPred);

    /** Mean over samples of {@link #call}. */
    public double compute(INDArray yTrue, INDArray yPred) {
        return compute(yTrue, yPred, null);
    }

    /** Weighted mean over samples (Keras's sum_over_batch_size); {@code sampleWeight} may be null. */
    public double compute(INDArray yTrue, INDArray yPred, INDArray sampleWeight) {
        INDArray perSample = call(yTrue.castTo(DataType.DOUBLE), yPred.castTo(DataType.DOUBLE));
        if (sampleWeight != null) {
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
    public String toString() {
        return identifier() + getConfig();
    }
}
