package org.keras4j.internal.dl4j.layers;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import java.util.Map;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.recurrent.BidirectionalLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.custom.Reverse;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The layer of a {@link BidirectionalRecurrent} configuration: two {@link KerasRecurrentLayer}s
 * reading the same input and mask, the backward one with {@code goBackwards} (it reverses the
 * sequence and the mask itself, and outputs in the order it reads). With {@code returnSequences}
 * the backward output is reversed into time order, and the gradient of the merge reversed back
 * for it; the input gradient is the sum of both layers' (both in time order). A stateful pair
 * carries both layers' states; {@link #resetStates()} forgets both.
 *
 * <p>DL4J's {@link BidirectionalLayer} assumes halves of equal size, reverses the input itself
 * and keeps the mask only for the forward layer's API: those parts are replaced here, the
 * delegation of everything else (listeners, parameters by prefix, iteration counts) is DL4J's.
 *
 * <pre>{@code
 * BidirectionalRecurrentLayer layer = (BidirectionalRecurrentLayer) network.getLayer(1);
 * INDArray out = layer.activate(x, false, LayerWorkspaceMgr.noWorkspaces());
 * }</pre>
 */
public class BidirectionalRecurrentLayer extends BidirectionalLayer {
    private final KerasRecurrentLayer forward;
    private final KerasRecurrentLayer backward;
    private final BidirectionalRecurrent pair;
    private INDArray paramsView;
    private INDArray gradientView;
    private INDArray input;
    private INDArray maskArray;
    /** The two outputs of the last pass, in time order, detached: kept for {@code "mul"}'s gradient only. */
    private INDArray forwardOut;
    private INDArray backwardOut;

    public BidirectionalRecurrentLayer(NeuralNetConfiguration conf, KerasRecurrentLayer forward, KerasRecurrentLayer backward,
                                       INDArray paramsView) {
        super(conf, forward, backward, paramsView);
        this.forward = forward;
        this.backward = backward;
        this.pair = (BidirectionalRecurrent) conf.getLayer();
        this.paramsView = paramsView;
    }

    public KerasRecurrentLayer forwardLayer() {
        return forward;
    }

    public KerasRecurrentLayer backwardLayer() {
        return backward;
    }

    /** Forgets both layers' carried states. */
    public void resetStates() {
        forward.resetStates();
        backward.resetStates();
    }

    @Override
    public Type type() {
        return pair.isReturnSequences() ? Type.RECURRENT : Type.FEED_FORWARD;
    }

    @Override
    public void setInput(INDArray input, LayerWorkspaceMgr workspaceMgr) {
        this.input = input;
        forward.setInput(input, workspaceMgr);
        backward.setInput(input, workspaceMgr); // it reads the sequence backwards itself
    }

    @Override
    public INDArray input() {
        return input;
    }

    @Override
    public void allowInputModification(boolean allow) {
        // both read the same array: neither may write into it unless both may
        forward.allowInputModification(allow);
        backward.allowInputModification(allow);
    }

    @Override
    public void setMaskArray(INDArray maskArray) {
        this.maskArray = maskArray;
        forward.setMaskArray(maskArray);
        backward.setMaskArray(maskArray);
    }

    @Override
    public INDArray getMaskArray() {
        return maskArray;
    }

    /** Both layers read the sequence's mask (the backward one reverses it); the output carries it only as a sequence. */
    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray maskArray, MaskState currentMaskState,
                                                          int minibatchSize) {
        this.maskArray = maskArray;
        forward.feedForwardMaskArray(maskArray, currentMaskState, minibatchSize);
        backward.feedForwardMaskArray(maskArray, currentMaskState, minibatchSize);
        return pair.isReturnSequences() && maskArray != null ? new Pair<>(maskArray, currentMaskState) : null;
    }

    @Override
    public INDArray activate(INDArray input, boolean training, LayerWorkspaceMgr workspaceMgr) {
        setInput(input, workspaceMgr);
        return activate(training, workspaceMgr);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        INDArray f = forward.activate(training, workspaceMgr);
        INDArray b = backward.activate(training, workspaceMgr);
        if (pair.isReturnSequences()) {
            b = reversedSteps(b, workspaceMgr, ArrayType.FF_WORKING_MEM);
        }
        String mode = pair.getMergeMode();
        if ("mul".equals(mode)) {
            forwardOut = f.detach();
            backwardOut = b.detach();
        } else {
            forwardOut = null;
            backwardOut = null;
        }
        long units = f.size(f.rank() - 1);
        return switch (mode) {
            case "concat" -> {
                long[] shape = f.shape().clone();
                shape[shape.length - 1] = units + b.size(b.rank() - 1);
                INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, f.dataType(), shape, 'c');
                lastAxis(out, 0, units).assign(f);
                lastAxis(out, units, shape[shape.length - 1]).assign(b);
                yield out;
            }
            case "sum" -> workspaceMgr.dup(ArrayType.ACTIVATIONS, f, 'c').addi(b);
            case "mul" -> workspaceMgr.dup(ArrayType.ACTIVATIONS, f, 'c').muli(b);
            case "ave" -> workspaceMgr.dup(ArrayType.ACTIVATIONS, f, 'c').addi(b).muli(0.5);
            default -> throw new IllegalStateException("internal: merge mode " + mode);
        };
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        String mode = pair.getMergeMode();
        INDArray eps = epsilon.dup('c'); // ND4J 1.0.0-M2.1 can misread views of a column range: contiguous copies
        INDArray forwardEps;
        INDArray backwardEps;
        switch (mode) {
            case "concat" -> {
                long units = pair.forward().getNOut();
                forwardEps = lastAxis(eps, 0, units).dup('c');
                backwardEps = lastAxis(eps, units, eps.size(eps.rank() - 1)).dup('c');
            }
            case "sum" -> {
                forwardEps = eps;
                backwardEps = eps;
            }
            case "ave" -> {
                forwardEps = eps.muli(0.5);
                backwardEps = forwardEps;
            }
            case "mul" -> { // d(f * b)/df = b, d(f * b)/db = f
                forwardEps = eps.mul(backwardOut);
                backwardEps = eps.mul(forwardOut);
            }
            default -> throw new IllegalStateException("internal: merge mode " + mode);
        }
        if (pair.isReturnSequences()) {
            backwardEps = reversedSteps(backwardEps, workspaceMgr, ArrayType.BP_WORKING_MEM); // back to reading order
        }
        Pair<Gradient, INDArray> f = forward.backpropGradient(forwardEps, workspaceMgr);
        Pair<Gradient, INDArray> b = backward.backpropGradient(backwardEps, workspaceMgr);
        Gradient gradient = new DefaultGradient(gradientView);
        for (Map.Entry<String, INDArray> e : f.getFirst().gradientForVariable().entrySet()) {
            gradient.gradientForVariable().put(BidirectionalRecurrent.FORWARD + e.getKey(), e.getValue());
        }
        for (Map.Entry<String, INDArray> e : b.getFirst().gradientForVariable().entrySet()) {
            gradient.gradientForVariable().put(BidirectionalRecurrent.BACKWARD + e.getKey(), e.getValue());
        }
        return new Pair<>(gradient, f.getSecond().addi(b.getSecond()));
    }

    /** {@code sequence [batch, steps, units]} with its steps in reverse order, a new array. */
    private static INDArray reversedSteps(INDArray sequence, LayerWorkspaceMgr workspaceMgr, ArrayType type) {
        INDArray out = workspaceMgr.createUninitialized(type, sequence.dataType(), sequence.shape(), 'c');
        Nd4j.exec(new Reverse(sequence, out, 1));
        return out;
    }

    /** The columns {@code [from, to)} of the last axis of a rank 2 or 3 array. */
    private static INDArray lastAxis(INDArray a, long from, long to) {
        return a.rank() == 3 ? a.get(all(), all(), interval(from, to)) : a.get(all(), interval(from, to));
    }

    @Override
    public INDArray params() {
        return paramsView;
    }

    @Override
    public long numParams() {
        return forward.numParams() + backward.numParams();
    }

    @Override
    public void setParams(INDArray params) {
        paramsView.assign(params);
    }

    @Override
    public void setParamsViewArray(INDArray params) {
        this.paramsView = params;
        INDArray row = params.reshape(params.length());
        long split = forward.numParams();
        forward.setParamsViewArray(row.get(interval(0, split)));
        backward.setParamsViewArray(row.get(interval(split, row.length())));
    }

    @Override
    public INDArray getGradientsViewArray() {
        return gradientView;
    }

    @Override
    public void setBackpropGradientsViewArray(INDArray gradients) {
        if (gradients.length() != numParams()) {
            throw new IllegalArgumentException("Bidirectional '" + pair.getLayerName() + "': expected a gradient view of "
                    + numParams() + " values, got " + gradients.length());
        }
        this.gradientView = gradients;
        INDArray row = gradients.reshape(gradients.length());
        long split = forward.numParams();
        forward.setBackpropGradientsViewArray(row.get(interval(0, split)));
        backward.setBackpropGradientsViewArray(row.get(interval(split, row.length())));
    }

    @Override
    public void rnnClearPreviousState() {
        forward.rnnClearPreviousState();
        backward.rnnClearPreviousState();
    }

    @Override
    public void clear() {
        super.clear();
        input = null;
        forwardOut = null;
        backwardOut = null;
    }
}
