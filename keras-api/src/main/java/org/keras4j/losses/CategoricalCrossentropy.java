package org.keras4j.losses;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * {@code -sum(y_true * log(y_pred))} over the last axis, with one-hot labels. Probabilities
 * are renormalised to sum to 1 and clipped to {@code [1e-7, 1 - 1e-7]} as Keras does; with
 * {@code fromLogits} the exact {@code log_softmax} of the logits is used instead.
 * {@code labelSmoothing} mixes the labels with the uniform distribution:
 * {@code y * (1 - s) + s / k}. Identifier: categorical_crossentropy.
 *
 * <pre>{@code
 * model.compile("adam", new CategoricalCrossentropy(true), "accuracy");   // logits output
 * }</pre>
 */
public final class CategoricalCrossentropy extends Loss {
    private final double labelSmoothing;

    public CategoricalCrossentropy() {
        this(false);
    }

    public CategoricalCrossentropy(boolean fromLogits) {
        this(fromLogits, 0.0);
    }

    /** @throws IllegalArgumentException if {@code labelSmoothing} is outside [0, 1] */
    public CategoricalCrossentropy(boolean fromLogits, double labelSmoothing) {
        super(fromLogits);
        this.labelSmoothing = BinaryCrossentropy.checkSmoothing(labelSmoothing);
    }

    public double labelSmoothing() {
        return labelSmoothing;
    }

    @Override
    public String identifier() {
        return "categorical_crossentropy";
    }

    @Override
    protected Map<String, Object> hyperParameters() {
        return Map.of("label_smoothing", labelSmoothing);
    }

    /** The labels the formula uses: {@code y * (1 - s) + s / k}, in the predictions' type. */
    public INDArray smoothLabels(INDArray yTrue, INDArray yPred) {
        INDArray pred = predictions(yPred);
        INDArray labels = labelsLike(yTrue, pred);
        return labelSmoothing > 0 ? labels.mul(1 - labelSmoothing).addi(labelSmoothing / pred.size(1)) : labels;
    }

    @Override
    public INDArray call(INDArray yTrue, INDArray yPred) {
        INDArray pred = predictions(yPred);
        return crossentropy(smoothLabels(yTrue, pred), pred, fromLogits());
    }

    /** Keras's {@code ops.categorical_crossentropy} on labels already of the predictions' shape. */
    static INDArray crossentropy(INDArray labels, INDArray pred, boolean fromLogits) {
        INDArray logProbs;
        if (fromLogits) {
            logProbs = logSoftmax(pred);
        } else {
            INDArray probs = pred.divColumnVector(pred.sum(true, 1));
            logProbs = Transforms.log(clip(probs, EPSILON, 1 - EPSILON), false);
        }
        return logProbs.muli(labels).sum(1).negi();
    }
}
