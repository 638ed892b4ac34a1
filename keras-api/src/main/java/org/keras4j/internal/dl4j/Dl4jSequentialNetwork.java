package org.keras4j.internal.dl4j;

import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.keras4j.Shape;
import org.keras4j.backend.Backend;
import org.keras4j.engine.CompiledNetwork;
import org.keras4j.engine.LayerWeights;
import org.keras4j.internal.dl4j.jvm.JvmDenseNetwork;
import org.keras4j.layers.Layer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A compiled {@code Sequential} running as a DL4J {@link MultiLayerNetwork}. Adapts Keras
 * layouts to DL4J's without moving values: vectors, sequences {@code [batch, steps, features]}
 * and NHWC images go in as they are, higher ranks flattened ({@link SequentialTranslator#inputDims});
 * outputs come back reshaped to Keras's shape; per-sample weights become DL4J's per-example
 * label mask. Small dense networks train and predict on the JVM ({@link JvmDenseNetwork}), on the
 * same parameters and optimizer state.
 *
 * <pre>{@code
 * CompiledNetwork net = new Dl4jSequentialNetwork(conf, Shape.of(28, 28), Shape.of(10));
 * }</pre>
 */
public final class Dl4jSequentialNetwork implements CompiledNetwork {
    private final MultiLayerNetwork network;
    private final long[] internalInputDims;
    private final Shape outputShape;
    private final OutputCapture capture = new OutputCapture();
    private boolean captureOutputs;
    private double learningRate = Double.NaN;
    /** Null when the network has layers or settings the JVM path does not compute. */
    private final JvmDenseNetwork jvm;
    /** The DL4J layer holding each bound keras4j layer's parameters. */
    private final Map<Layer, org.deeplearning4j.nn.api.Layer> holders = new IdentityHashMap<>();

    public Dl4jSequentialNetwork(MultiLayerConfiguration conf, Shape inputShape, Shape outputShape) {
        this.network = new MultiLayerNetwork(conf);
        this.network.init();
        Backend.prepare(network); // row-major arrays for oneDNN convolutions: NHWC gradients are wrong otherwise
        this.internalInputDims = SequentialTranslator.inputDims(inputShape);
        this.outputShape = outputShape;
        this.jvm = JvmDenseNetwork.of(network);
    }

    @Override
    public double trainBatch(INDArray x, INDArray y, INDArray sampleWeight) {
        INDArray in = toInternal(x);
        INDArray labels = y.rank() == 2 ? y : y.reshape(y.size(0), y.length() / y.size(0));
        if (jvm != null && sampleWeight == null && onlyOwnListeners()) {
            OptionalDouble loss = jvm.train(in, labels);
            if (loss.isPresent()) {
                if (captureOutputs) {
                    capture.outputs = jvm.lastOutputs();
                }
                return loss.getAsDouble();
            }
        }
        INDArray mask = sampleWeight == null ? null : sampleWeight.reshape(sampleWeight.length(), 1).castTo(DataType.FLOAT);
        network.fit(in, labels, null, mask);
        return network.score();
    }

    /** True when no DL4J listener but keras4j's output capture would miss a JVM step. */
    private boolean onlyOwnListeners() {
        var listeners = network.getListeners();
        return listeners == null || listeners.isEmpty() || (listeners.size() == 1 && listeners.contains(capture));
    }

    @Override
    public void setCaptureTrainOutputs(boolean capture) {
        if (capture == captureOutputs) {
            return;
        }
        captureOutputs = capture;
        if (capture) {
            network.addListeners(this.capture);
        } else {
            network.getListeners().remove(this.capture);
        }
    }

    @Override
    public INDArray lastTrainOutputs() {
        return capture.outputs == null ? null : toExternal(capture.outputs);
    }

    @Override
    public INDArray predict(INDArray x) {
        INDArray in = toInternal(x);
        INDArray out = jvm == null ? null : jvm.predict(in);
        return toExternal(out != null ? out : network.output(in, false));
    }

    @Override
    public double regularizationPenalty() {
        return network.calcRegularizationScore(true);
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
        INDArray state = network.getUpdater().getStateViewArray();
        return state == null ? Nd4j.empty(DataType.FLOAT) : state.dup();
    }

    @Override
    public void setOptimizerState(INDArray state) {
        INDArray current = network.getUpdater().getStateViewArray();
        long expected = current == null ? 0 : current.length();
        if (state.length() != expected) {
            throw new IllegalArgumentException("expected optimizer state of " + expected + " values, got " + state.length());
        }
        if (expected > 0) {
            current.assign(state.reshape(current.shape()));
        }
    }

    @Override
    public int iterationCount() {
        return network.getIterationCount();
    }

    @Override
    public void setIterationCount(int iterations) {
        network.setIterationCount(iterations);
    }

    @Override
    public void setEpochCount(int epoch) {
        network.setEpochCount(epoch);
    }

    @Override
    public void setLearningRate(double learningRate) {
        if (learningRate != this.learningRate) {
            network.setLearningRate(learningRate);
            this.learningRate = learningRate;
        }
    }

    @Override
    public long numParams() {
        return network.numParams();
    }

    @Override
    public MultiLayerNetwork unwrap() {
        return network;
    }

    /**
     * Gives each of {@code layers} (the model's, without its {@code Input}) its weights in
     * Keras's layout ({@link Layer#bindWeights}). The translator puts each layer's parameters in
     * one DL4J layer and adds only parameter-free ones, so the layers with parameters and the
     * DL4J layers with parameters pair up in order; their counts are checked pair by pair.
     */
    public void bindWeights(List<Layer> layers, Shape inputShape) {
        org.deeplearning4j.nn.api.Layer[] dl4j = network.getLayers();
        int next = 0;
        Shape shape = inputShape;
        for (Layer layer : layers) {
            long count = layer.countParams(shape);
            shape = layer.computeOutputShape(shape);
            if (count == 0) {
                layer.bindWeights(LayerWeights.none(layer.toString()));
                continue;
            }
            while (next < dl4j.length && dl4j[next].numParams() == 0) {
                next++;
            }
            if (next == dl4j.length || dl4j[next].numParams() != count) {
                throw new IllegalStateException("internal: " + layer + " has " + count + " parameters but DL4J layer "
                        + next + " has " + (next == dl4j.length ? "none" : dl4j[next].numParams()));
            }
            holders.put(layer, KerasWeightLayout.unwrapped(dl4j[next]));
            layer.bindWeights(KerasWeightLayout.of(layer, dl4j[next++]));
        }
    }

    /** A copy of each bound layer's parameters, by DL4J parameter name, for {@link #restoreLayerParams}. */
    public Map<Layer, Map<String, INDArray>> copyOfLayerParams() {
        Map<Layer, Map<String, INDArray>> out = new IdentityHashMap<>();
        holders.forEach((layer, dl4j) -> {
            Map<String, INDArray> params = new LinkedHashMap<>();
            dl4j.paramTable().forEach((key, view) -> params.put(key, view.dup()));
            out.put(layer, params);
        });
        return out;
    }

    /**
     * Gives the layers of {@code kept} that this network also holds their earlier parameters, as
     * Keras keeps weights when a model is compiled again; a layer new to the model keeps its fresh
     * initialization.
     */
    public void restoreLayerParams(Map<Layer, Map<String, INDArray>> kept) {
        holders.forEach((layer, dl4j) -> {
            Map<String, INDArray> earlier = kept.get(layer);
            if (earlier != null) {
                dl4j.paramTable().forEach((key, view) -> {
                    INDArray old = earlier.get(key);
                    if (old != null && Arrays.equals(old.shape(), view.shape())) {
                        view.assign(old);
                    }
                });
            }
        });
    }

    private INDArray toInternal(INDArray x) {
        INDArray in = x.dataType() == DataType.FLOAT ? x : x.castTo(DataType.FLOAT);
        long[] shape = withBatch(internalInputDims, in.size(0));
        if (!Arrays.equals(in.shape(), shape)) {
            in = in.reshape('c', shape); // a view of the same values in Keras's order
        }
        return in;
    }

    private static long[] withBatch(long[] dims, long batch) {
        long[] out = new long[dims.length + 1];
        out[0] = batch;
        System.arraycopy(dims, 0, out, 1, dims.length);
        return out;
    }

    private INDArray toExternal(INDArray out) {
        if (outputShape.rank() == 1) {
            return out;
        }
        return out.reshape('c', outputShape.withBatch(out.size(0)));
    }

    /**
     * Keeps the output layer's training-mode activations of each step. DL4J computes the loss
     * without storing them, so they are recomputed from the output layer's stored input in
     * {@code onBackwardPass}, before the update: one extra pass through the last layer only.
     */
    private static final class OutputCapture extends BaseTrainingListener {
        private INDArray outputs;

        @Override
        public void onBackwardPass(Model model) {
            org.deeplearning4j.nn.api.Layer out = ((MultiLayerNetwork) model).getOutputLayer();
            // sample weights travel as DL4J's label mask, which would also scale these outputs
            INDArray mask = out.getMaskArray();
            out.setMaskArray(null);
            try {
                outputs = out.activate(true, LayerWorkspaceMgr.noWorkspaces()).detach();
            } finally {
                out.setMaskArray(mask);
            }
        }
    }
}
