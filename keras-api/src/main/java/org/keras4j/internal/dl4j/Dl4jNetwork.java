package org.keras4j.internal.dl4j;

import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.keras4j.Shape;
import org.keras4j.engine.CompiledNetwork;
import org.keras4j.engine.LayerStates;
import org.keras4j.engine.LayerWeights;
import org.keras4j.engine.MaskPlan;
import org.keras4j.layers.Layer;
import org.keras4j.layers.rnn.BaseRNN;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What the {@code MultiLayerNetwork} and {@code ComputationGraph} adapters share: parameters and
 * optimizer state as flat vectors, counters, the learning rate, the layout conversion of
 * arrays, and each keras4j layer's weights bound to the DL4J layer that holds them.
 *
 * <p>A layer object may belong to several models (a sub-model, a model compiled again), each with
 * its own DL4J network; its weights live in one of them at a time, the one that used it last
 * ({@link Layer#weightsBinding()}). Before a network runs, {@link #claimWeights()} copies the
 * current values of any layer another network has used since, so every model sees the same
 * weights, as layers shared between Keras models do.
 *
 * <pre>{@code
 * network.bind(layer, dl4jLayer);
 * network.claimWeights();   // at compile: the weights a layer already had carry over
 * }</pre>
 */
public abstract class Dl4jNetwork implements CompiledNetwork {
    private final org.deeplearning4j.nn.api.Model network;
    private final Map<Layer, LayerWeights> bindings = new IdentityHashMap<>();
    private final Map<Layer, org.deeplearning4j.nn.api.Layer> holders = new IdentityHashMap<>();
    private final Map<BaseRNN<?>, LayerStates> states = new IdentityHashMap<>();
    private double learningRate = Double.NaN;
    private MaskPlan masks = MaskPlan.NONE;

    protected Dl4jNetwork(org.deeplearning4j.nn.api.Model network) {
        this.network = network;
    }

    /**
     * Where the model's Keras masks come from: from then on each batch's masks go to DL4J as
     * its features masks, and a masked sequence output's loss mask as its labels mask.
     */
    public void setMaskPlan(MaskPlan masks) {
        this.masks = masks == null ? MaskPlan.NONE : masks;
    }

    /** The model's mask plan ({@link MaskPlan#NONE} without masks). */
    protected final MaskPlan maskPlan() {
        return masks;
    }

    @Override
    public List<INDArray> outputMasks(List<INDArray> x) {
        return masks.isEmpty() ? null : masks.outputMasks(masks.inputMasks(x));
    }

    /** DL4J's updater state view, or null for a stateless updater. */
    protected abstract INDArray updaterStateView();

    /** Sets DL4J's learning rate on every layer. */
    protected abstract void applyLearningRate(double learningRate);

    @Override
    public void setLearningRate(double learningRate) {
        if (learningRate != this.learningRate) {
            applyLearningRate(learningRate);
            this.learningRate = learningRate;
        }
    }

    @Override
    public INDArray params() {
        return network.params().dup();
    }

    @Override
    public void setParams(INDArray params) {
        if (params.length() != network.numParams()) {
            throw new IllegalArgumentException("expected " + network.numParams() + " parameters, got " + params.length());
        }
        network.setParams(params.castTo(network.params().dataType()).reshape(network.params().shape()));
    }

    @Override
    public INDArray optimizerState() {
        INDArray state = updaterStateView();
        return state == null ? Nd4j.empty(DataType.FLOAT) : state.dup();
    }

    @Override
    public void setOptimizerState(INDArray state) {
        INDArray current = updaterStateView();
        long expected = current == null ? 0 : current.length();
        if (state.length() != expected) {
            throw new IllegalArgumentException("expected optimizer state of " + expected + " values, got " + state.length());
        }
        if (expected > 0) {
            current.assign(state.reshape(current.shape()));
        }
    }

    @Override
    public long numParams() {
        return network.numParams();
    }

    /** Binds {@code layer}'s weights in Keras's layout to the DL4J layer holding its parameters. */
    protected final void bind(Layer layer, org.deeplearning4j.nn.api.Layer dl4j) {
        bindings.put(layer, KerasWeightLayout.of(layer, dl4j));
        holders.put(layer, KerasWeightLayout.unwrapped(dl4j));
        states.putAll(RecurrentStateBindings.of(layer, dl4j));
    }

    /** Binds a layer without weights. */
    protected final void bindNone(Layer layer) {
        bindings.put(layer, LayerWeights.none(layer.toString()));
    }

    /**
     * Makes this network the home of its layers' weights (and recurrent states): a layer whose
     * weights live in another network (an earlier compile, or another model sharing it) has them
     * copied here first. At compile, a layer whose earlier weights have other shapes keeps its
     * fresh initialization.
     */
    @Override
    public void claimWeights() {
        states.forEach(BaseRNN::bindStates); // resetStates() reaches the network that ran last, as the weights do
        bindings.forEach((layer, mine) -> {
            LayerWeights current = layer.weightsBinding();
            if (current == mine) {
                return;
            }
            if (current != null) {
                List<INDArray> values = current.get();
                if (sameShapes(values, mine.get())) {
                    mine.set(values);
                }
            }
            layer.bindWeights(mine);
        });
    }

    private static boolean sameShapes(List<INDArray> a, List<INDArray> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!Arrays.equals(a.get(i).shape(), b.get(i).shape())) {
                return false;
            }
        }
        return true;
    }

    /** The DL4J layer holding each bound layer's parameters. */
    protected final Map<Layer, org.deeplearning4j.nn.api.Layer> holders() {
        return holders;
    }

    /** {@code x} as float in DL4J's dims for one sample {@code dims}: a view of the same values in Keras's order. */
    protected static INDArray toInternal(INDArray x, long[] dims) {
        INDArray in = x.dataType() == DataType.FLOAT ? x : x.castTo(DataType.FLOAT);
        long[] shape = new long[dims.length + 1];
        shape[0] = in.size(0);
        System.arraycopy(dims, 0, shape, 1, dims.length);
        if (!Arrays.equals(in.shape(), shape)) {
            in = in.reshape('c', shape);
        }
        return in;
    }

    /** A DL4J output in Keras's shape for one sample {@code outputShape}. */
    protected static INDArray toExternal(INDArray out, Shape outputShape) {
        if (outputShape.rank() == 1) {
            return out;
        }
        return out.reshape('c', outputShape.withBatch(out.size(0)));
    }

    /** Labels as DL4J's output layers take them: {@code [n, values]}. */
    protected static INDArray labels(INDArray y) {
        return y.rank() == 2 ? y : y.reshape(y.size(0), y.length() / y.size(0));
    }

    /**
     * DL4J's labels mask for one output: the per-example sample weights {@code [n, 1]}, or for a
     * masked sequence output Keras's per-step weights {@code [n, steps]}: 0 at masked steps and
     * {@code sampleWeight * total / valid} elsewhere ({@code total} the batch's steps, {@code valid}
     * its unmasked ones, 0 weights when none is), so that DL4J's mean over the batch is Keras's
     * {@code sum(loss * sampleWeight) / valid}.
     */
    protected static INDArray lossMask(INDArray stepMask, INDArray sampleWeight) {
        if (stepMask == null) {
            return mask(sampleWeight);
        }
        double valid = stepMask.sumNumber().doubleValue();
        INDArray weights = stepMask.castTo(DataType.FLOAT).mul(valid == 0 ? 0.0 : stepMask.length() / valid);
        if (sampleWeight != null) {
            weights.muliColumnVector(sampleWeight.reshape(sampleWeight.length(), 1).castTo(DataType.FLOAT));
        }
        return weights;
    }

    /** Per-sample weights as DL4J's per-example label mask {@code [n, 1]}, or null. */
    protected static INDArray mask(INDArray sampleWeight) {
        return sampleWeight == null ? null : sampleWeight.reshape(sampleWeight.length(), 1).castTo(DataType.FLOAT);
    }
}
