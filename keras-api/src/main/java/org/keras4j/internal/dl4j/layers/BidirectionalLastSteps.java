package org.keras4j.internal.dl4j.layers;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

import java.util.Arrays;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.wrapper.BaseWrapperLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The output of Keras's {@code Bidirectional} without {@code return_sequences}, from DL4J's
 * bidirectional layer in {@code CONCAT} mode ({@code [batch, timesteps, 2 * units]}, NWC, the
 * backward half already back in time order): the forward half at the last step the forward
 * layer read, the backward half at step 0 (the backward layer's last output, after it has read
 * the whole sequence), merged as Keras merges them. With a features mask, the forward half is
 * taken at each sequence's last unmasked step and the backward half at its first unmasked step:
 * DL4J's recurrent layers output zeros and restart from a zero state at masked steps, so for
 * padding before or after a sequence these are the states after reading it, as Keras's.
 *
 * <p>Backprop places the merge's gradient at those two steps and lets DL4J's bidirectional
 * layer take it through both directions. The gathered outputs are copies; only {@code "mul"}
 * keeps them for backprop, detached from any workspace.
 *
 * <pre>{@code
 * Layer layer = new BidirectionalLastSteps(dl4jBidirectionalConcat, "sum");
 * }</pre>
 */
public class BidirectionalLastSteps extends BaseWrapperLayer {
    private final String mergeMode;
    /** Per example, the step holding the forward layer's last output, and the backward layer's. */
    private int[] forwardSteps;
    private int[] backwardSteps;
    private long steps;
    /** Whether the last forward pass had a features mask (else the steps are the last and the first). */
    private boolean masked;
    /** {@code [batch, 2 * units]}, the two gathered outputs side by side; kept for {@code "mul"} only. */
    private INDArray gathered;

    /**
     * @param bidirectional DL4J's bidirectional layer in {@code CONCAT} mode, outputting every step
     * @param mergeMode Keras's {@code "concat"}, {@code "sum"}, {@code "mul"} or {@code "ave"}
     */
    public BidirectionalLastSteps(Layer bidirectional, String mergeMode) {
        super(bidirectional);
        KerasBidirectional.dl4jMode(mergeMode); // validates
        this.mergeMode = mergeMode;
    }

    @Override
    public Type type() {
        return Type.FEED_FORWARD;
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        return lastSteps(underlying.activate(training, workspaceMgr), workspaceMgr);
    }

    @Override
    public INDArray activate(INDArray input, boolean training, LayerWorkspaceMgr workspaceMgr) {
        return lastSteps(underlying.activate(input, training, workspaceMgr), workspaceMgr);
    }

    private INDArray lastSteps(INDArray sequence, LayerWorkspaceMgr workspaceMgr) {
        if (sequence.rank() != 3) {
            throw new IllegalStateException("internal: expected the bidirectional layer's output [batch, timesteps, 2 *"
                    + " units], got " + Arrays.toString(sequence.shape()));
        }
        long batch = sequence.size(0);
        steps = sequence.size(1);
        long width = sequence.size(2);
        long units = width / 2;
        masked = pickSteps(underlying.getMaskArray(), (int) batch);

        INDArray contiguous = workspaceMgr.dup(ArrayType.FF_WORKING_MEM, sequence, 'c');
        INDArray both = workspaceMgr.createUninitialized(ArrayType.FF_WORKING_MEM, sequence.dataType(),
                new long[] {batch, width}, 'c');
        if (!masked) { // every sequence ends at the last step: two slices
            both.get(all(), interval(0, units)).assign(contiguous.get(all(), point(steps - 1), interval(0, units)));
            both.get(all(), interval(units, width)).assign(contiguous.get(all(), point(0), interval(units, width)));
        } else {
            INDArray rows = contiguous.reshape('c', batch * steps, width);
            for (int i = 0; i < batch; i++) {
                both.get(point(i), interval(0, units))
                        .assign(rows.get(point(i * steps + forwardSteps[i]), interval(0, units)));
                both.get(point(i), interval(units, width))
                        .assign(rows.get(point(i * steps + backwardSteps[i]), interval(units, width)));
            }
        }
        gathered = "mul".equals(mergeMode) ? both.detach() : null;
        INDArray forward = both.get(all(), interval(0, units));
        INDArray backward = both.get(all(), interval(units, width));
        return switch (mergeMode) {
            case "concat" -> workspaceMgr.leverageTo(ArrayType.ACTIVATIONS, both);
            case "sum" -> workspaceMgr.dup(ArrayType.ACTIVATIONS, forward, 'c').addi(backward);
            case "mul" -> workspaceMgr.dup(ArrayType.ACTIVATIONS, forward, 'c').muli(backward);
            case "ave" -> workspaceMgr.dup(ArrayType.ACTIVATIONS, forward, 'c').addi(backward).muli(0.5);
            default -> throw new IllegalStateException("internal: merge mode " + mergeMode);
        };
    }

    /**
     * The forward half's last step (the last unmasked one) and the backward half's (the first
     * unmasked one) of each example; without a mask, the last step and step 0. A fully masked
     * sequence outputs zeros at every step, so any step does.
     */
    private boolean pickSteps(INDArray mask, int batch) {
        forwardSteps = new int[batch];
        backwardSteps = new int[batch];
        if (mask == null) {
            Arrays.fill(forwardSteps, (int) steps - 1);
            return false;
        }
        if (mask.rank() != 2 || mask.size(0) != batch || mask.size(1) != steps) {
            throw new IllegalArgumentException("Bidirectional " + layerName() + ": the features mask must have shape [batch,"
                    + " timesteps] = [" + batch + ", " + steps + "], got " + Arrays.toString(mask.shape()));
        }
        double[][] m = mask.castTo(DataType.DOUBLE).toDoubleMatrix();
        for (int i = 0; i < batch; i++) {
            int first = -1;
            int last = -1;
            for (int t = 0; t < steps; t++) {
                if (m[i][t] != 0) {
                    first = first < 0 ? t : first;
                    last = t;
                }
            }
            forwardSteps[i] = last < 0 ? (int) steps - 1 : last;
            backwardSteps[i] = first < 0 ? 0 : first;
        }
        return true;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        // contiguous: ND4J 1.0.0-M2.1 can return an empty row from a view of a column range
        INDArray eps = epsilon.dup('c');
        long batch = eps.size(0);
        long units = "concat".equals(mergeMode) ? eps.size(1) / 2 : eps.size(1);
        INDArray forward;
        INDArray backward;
        switch (mergeMode) {
            case "concat" -> {
                forward = eps.get(all(), interval(0, units)).dup('c');
                backward = eps.get(all(), interval(units, 2 * units)).dup('c');
            }
            case "sum" -> {
                forward = eps;
                backward = eps;
            }
            case "ave" -> {
                forward = eps.muli(0.5);
                backward = forward;
            }
            case "mul" -> { // d(f * b)/df = b, d(f * b)/db = f
                forward = eps.mul(gathered.get(all(), interval(units, 2 * units)));
                backward = eps.mul(gathered.get(all(), interval(0, units)));
            }
            default -> throw new IllegalStateException("internal: merge mode " + mergeMode);
        }
        INDArray sequence = workspaceMgr.create(ArrayType.BP_WORKING_MEM, eps.dataType(),
                new long[] {batch, steps, 2 * units}, 'c');
        if (!masked) {
            sequence.get(all(), point(steps - 1), interval(0, units)).assign(forward);
            sequence.get(all(), point(0), interval(units, 2 * units)).assign(backward);
        } else {
            INDArray rows = sequence.reshape('c', batch * steps, 2 * units);
            for (int i = 0; i < batch; i++) {
                rows.get(point(i * steps + forwardSteps[i]), interval(0, units)).assign(forward.getRow(i));
                rows.get(point(i * steps + backwardSteps[i]), interval(units, 2 * units)).assign(backward.getRow(i));
            }
        }
        return underlying.backpropGradient(sequence, workspaceMgr);
    }

    /** The sequence's mask goes to the recurrent layers; the output has no time axis, so no mask. */
    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray maskArray, MaskState currentMaskState,
                                                          int minibatchSize) {
        underlying.feedForwardMaskArray(maskArray, currentMaskState, minibatchSize);
        return new Pair<>(null, currentMaskState);
    }

    @Override
    public void clear() {
        super.clear();
        gathered = null;
    }

    private String layerName() {
        return underlying.conf() == null ? "" : "'" + underlying.conf().getLayer().getLayerName() + "'";
    }
}
