package org.keras4j.losses;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Binary cross-entropy averaged over the last axis (one independent yes/no per output unit).
 * On probabilities, Keras clips them to {@code [1e-7, 1 - 1e-7]} and takes
 * {@code -(y * log(p) + (1 - y) * log(1 - p))}; with {@code fromLogits} it uses the exact
 * {@code max(z, 0) - z * y + log(1 + exp(-|z|))}. {@code labelSmoothing} squeezes the labels
 * towards 0.5: {@code y * (1 - s) + 0.5 * s}. Identifiers: binary_crossentropy, bce.
 *
 * <pre>{@code
 * model.compile("adam", new BinaryCrossentropy(true, 0.1), "accuracy");   // logits output
 * }</pre>
 */
public final class BinaryCrossentropy extends Loss {
    private final double labelSmoothing;

    public BinaryCrossentropy() {
        this(false);
    }

    public BinaryCrossentropy(boolean fromLogits) {
        this(fromLogits, 0.0);
    }

    /** @throws IllegalArgumentException if {@code labelSmoothing} is outside [0, 1] */
    public BinaryCrossentropy(boolean fromLogits, double labelSmoothing) {
        super(fromLogits);
        this.labelSmoothing = checkSmoothing(labelSmoothing);
    }

    public double labelSmoothing() {
        return labelSmoothing;
    }

    @Override
    public String identifier() {
        return "binary_crossentropy";
    }

    @Override
    protected Map<String, Object> hyperParameters() {
        return Map.of("label_smoothing", labelSmoothing);
    }

    /** The labels the formula uses: {@code y * (1 - s) + 0.5 * s}, in the predictions' type. */
    public INDArray smoothLabels(INDArray yTrue, INDArray yPred) {
        INDArray labels = labelsLike(yTrue, predictions(yPred));
        return labelSmoothing > 0 ? labels.mul(1 - labelSmoothing).addi(0.5 * labelSmoothing) : labels;
    }

    @Override
    public INDArray call(INDArray yTrue, INDArray yPred) {
        INDArray pred = predictions(yPred);
        INDArray labels = smoothLabels(yTrue, pred);
        INDArray perElement;
        if (fromLogits()) {
            perElement = Transforms.max(pred, 0.0, true).subi(pred.mul(labels))
                    .addi(Transforms.log1p(Transforms.exp(Transforms.abs(pred, true).negi(), false), false));
        } else {
            INDArray p = clip(pred, EPSILON, 1 - EPSILON);
            INDArray positive = labels.mul(Transforms.log(p, true));
            INDArray negative = labels.rsub(1.0).muli(Transforms.log(p.rsub(1.0), false));
            perElement = positive.addi(negative).negi();
        }
        return perElement.mean(1);
    }

    static double checkSmoothing(double labelSmoothing) {
        if (!(labelSmoothing >= 0 && labelSmoothing <= 1)) {
            throw new IllegalArgumentException("labelSmoothing must be in [0, 1], got " + labelSmoothing);
        }
        return labelSmoothing;
    }
}
