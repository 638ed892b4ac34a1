package org.keras4j.internal.dl4j.losses;

import java.util.Arrays;
import java.util.Objects;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.ILossFunction;

/**
 * Keras's loss for outputs of rank > 2 ({@code [batch, steps, classes]}, {@code [batch, h, w, c]}),
 * which DL4J holds flattened as {@code [batch, positions * units]}. Keras's loss functions reduce
 * the last axis only, giving one value per position, and the default reduction averages those over
 * positions and batch. This views the output as {@code [batch * positions, units]} rows, applies
 * the per-sample loss to each row, and reports each example's mean over its positions; the gradient
 * is the rows' gradient divided by the number of positions. Labels are one row of {@code units}
 * values per position, or one class index per position for sparse losses.
 *
 * <p>A per-example mask (keras4j's sample weights, {@code [batch, 1]}) weights every position of
 * its example, as Keras broadcasts {@code sample_weight} over the loss's {@code [batch, steps]}; a
 * per-position mask {@code [batch, positions]} weights each position (a Keras step mask, with its
 * normalization already applied).
 *
 * <pre>{@code
 * new LossLayer.Builder().activation(new PerPositionActivation(new ActivationSoftmax(), 10))
 *         .lossFunction(new PerPositionLoss(new LossMCXENT(1e-7, null), 10));
 * }</pre>
 */
public class PerPositionLoss implements ILossFunction {
    private ILossFunction loss;
    private long units;

    /** For JSON. */
    public PerPositionLoss() {
    }

    /**
     * @param loss the loss of one position, applied to {@code [rows, units]}
     * @param units size of the output's last axis
     * @throws IllegalArgumentException if {@code units < 1}
     */
    public PerPositionLoss(ILossFunction loss, long units) {
        this.loss = Objects.requireNonNull(loss, "loss");
        setUnits(units);
    }

    public ILossFunction getLoss() {
        return loss;
    }

    public void setLoss(ILossFunction loss) {
        this.loss = loss;
    }

    public long getUnits() {
        return units;
    }

    /** @throws IllegalArgumentException if {@code units < 1} */
    public void setUnits(long units) {
        if (units < 1) {
            throw new IllegalArgumentException("units must be >= 1, got " + units);
        }
        this.units = units;
    }

    /** The pre-output, labels, activation and mask seen as one row per position. */
    private record Rows(long batch, long positions, INDArray labels, INDArray preOutput, IActivation activation,
                        INDArray mask) {
    }

    private Rows rows(INDArray labels, INDArray preOutput, IActivation activation, INDArray mask) {
        long batch = preOutput.size(0);
        long perExample = preOutput.length() / batch;
        if (perExample % units != 0) {
            throw new IllegalArgumentException("output must hold a multiple of " + units + " values per example, got shape "
                    + Arrays.toString(preOutput.shape()));
        }
        long positions = perExample / units;
        long labelWidth = labels.length() / batch;
        if (labelWidth % positions != 0) {
            throw new IllegalArgumentException("labels must hold one row per position (" + positions + " positions), got shape "
                    + Arrays.toString(labels.shape()) + " for output " + Arrays.toString(preOutput.shape()));
        }
        IActivation inner = activation instanceof PerPositionActivation p ? p.getActivation() : activation;
        INDArray rowMask = null;
        if (mask != null && mask.length() == batch * positions && (positions > 1 || mask.rank() == 2)) {
            // a weight per position: Keras's masked sequence loss, weights already normalized by the caller
            rowMask = mask.castTo(preOutput.dataType()).dup('c').reshape('c', batch * positions, 1);
        } else if (mask != null) {
            if (mask.length() != batch) {
                throw new IllegalArgumentException("label mask must hold one weight per example, shape [" + batch
                        + ", 1], or one per position, [" + batch + ", " + positions + "], got " + Arrays.toString(mask.shape()));
            }
            rowMask = Nd4j.ones(preOutput.dataType(), batch, positions)
                    .muliColumnVector(mask.reshape(batch, 1).castTo(preOutput.dataType()))
                    .reshape('c', batch * positions, 1);
        }
        return new Rows(batch, positions,
                labels.dup('c').reshape('c', batch * positions, labelWidth / positions),
                PerPositionActivation.rows(preOutput, units), inner, rowMask);
    }

    @Override
    public INDArray computeScoreArray(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        Rows r = rows(labels, preOutput, activationFn, mask);
        INDArray perRow = loss.computeScoreArray(r.labels(), r.preOutput(), r.activation(), r.mask());
        return perRow.reshape('c', r.batch(), r.positions()).mean(true, 1);
    }

    @Override
    public double computeScore(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask,
                               boolean average) {
        double sum = computeScoreArray(labels, preOutput, activationFn, mask).sumNumber().doubleValue();
        return average ? sum / preOutput.size(0) : sum;
    }

    @Override
    public INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        Rows r = rows(labels, preOutput, activationFn, mask);
        INDArray grad = loss.computeGradient(r.labels(), r.preOutput(), r.activation(), r.mask());
        return grad.reshape('c', preOutput.shape()).divi(r.positions());
    }

    @Override
    public Pair<Double, INDArray> computeGradientAndScore(INDArray labels, INDArray preOutput, IActivation activationFn,
                                                          INDArray mask, boolean average) {
        return new Pair<>(computeScore(labels, preOutput, activationFn, mask, average),
                computeGradient(labels, preOutput, activationFn, mask));
    }

    @Override
    public String name() {
        return toString();
    }

    @Override
    public String toString() {
        return "PerPositionLoss(" + loss + ", units=" + units + ")";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PerPositionLoss other && units == other.units && Objects.equals(loss, other.loss);
    }

    @Override
    public int hashCode() {
        return Objects.hash(loss, units);
    }
}
