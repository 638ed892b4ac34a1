package org.keras4j.internal.dl4j;

import java.util.List;
import java.util.OptionalDouble;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.keras4j.Shape;
import org.keras4j.backend.Backend;
import org.keras4j.internal.dl4j.jvm.JvmDenseNetwork;
import org.keras4j.internal.dl4j.layers.GemmConvolutionLayer;
import org.keras4j.internal.dl4j.layers.RowMajorDenseLayer;
import org.keras4j.internal.dl4j.updaters.FusedAdamStep;
import org.keras4j.layers.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;

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
public final class Dl4jSequentialNetwork extends Dl4jNetwork {
    private final MultiLayerNetwork network;
    private final long[] internalInputDims;
    private final Shape outputShape;
    private final OutputCapture capture = new OutputCapture();
    private boolean captureOutputs;
    /** Null when the network has layers or settings the JVM path does not compute. */
    private final JvmDenseNetwork jvm;
    /** Null when the network has settings the fused Adam step does not take. */
    private final FusedAdamStep adamStep;

    public Dl4jSequentialNetwork(MultiLayerConfiguration conf, Shape inputShape, Shape outputShape) {
        this(init(conf), inputShape, outputShape);
    }

    private Dl4jSequentialNetwork(MultiLayerNetwork network, Shape inputShape, Shape outputShape) {
        super(network);
        this.network = network;
        Backend.prepare(network); // row-major arrays for oneDNN convolutions: NHWC gradients are wrong otherwise
        this.internalInputDims = SequentialTranslator.inputDims(inputShape);
        this.outputShape = outputShape;
        this.jvm = JvmDenseNetwork.of(network);
        this.adamStep = FusedAdamStep.of(network); // for the batches the JVM path does not take
        // keras4j's loop never reads the gradient of the network's input
        if (network.getnLayers() > 0 && network.getLayerWiseConfigurations().getInputPreProcess(0) == null) {
            if (network.getLayer(0) instanceof RowMajorDenseLayer first) {
                first.setInputGradientUnused(true);
            } else if (network.getLayer(0) instanceof GemmConvolutionLayer first) {
                first.setInputGradientUnused(true);
            }
        }
    }

    private static MultiLayerNetwork init(MultiLayerConfiguration conf) {
        MultiLayerNetwork network = new MultiLayerNetwork(conf);
        network.init();
        return network;
    }

    @Override
    public double trainBatch(List<INDArray> x, List<INDArray> y, INDArray sampleWeight) {
        return trainBatch(x.get(0), y.get(0), sampleWeight);
    }

    @Override
    public double trainBatch(INDArray x, INDArray y, INDArray sampleWeight) {
        INDArray in = toInternal(x, internalInputDims);
        INDArray labels = labels(y);
        if (!maskPlan().isEmpty()) {
            INDArray featuresMask = maskPlan().inputMasks(List.of(x)).get(0);
            INDArray stepMask = maskPlan().outputMasks(java.util.Collections.singletonList(featuresMask)).get(0);
            network.fit(in, labels, featuresMask, lossMask(stepMask, sampleWeight));
            return network.score();
        }
        if (jvm != null && sampleWeight == null && onlyOwnListeners()) {
            OptionalDouble loss = jvm.train(in, labels);
            if (loss.isPresent()) {
                if (captureOutputs) {
                    capture.outputs = jvm.lastOutputs();
                }
                return loss.getAsDouble();
            }
        }
        if (adamStep != null && sampleWeight == null && onlyOwnListeners()) {
            OptionalDouble loss = adamStep.train(in, labels);
            if (loss.isPresent()) {
                return loss.getAsDouble();
            }
        }
        network.fit(in, labels, null, mask(sampleWeight));
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
    public List<INDArray> lastTrainOutputs() {
        return capture.outputs == null ? null : List.of(toExternal(capture.outputs, outputShape));
    }

    @Override
    public List<INDArray> predict(List<INDArray> x) {
        return List.of(predict(x.get(0)));
    }

    @Override
    public INDArray predict(INDArray x) {
        INDArray in = toInternal(x, internalInputDims);
        if (!maskPlan().isEmpty()) {
            return toExternal(network.output(in, false, maskPlan().inputMasks(List.of(x)).get(0), null), outputShape);
        }
        INDArray out = jvm == null ? null : jvm.predict(in);
        return toExternal(out != null ? out : network.output(in, false), outputShape);
    }

    @Override
    public double regularizationPenalty() {
        return network.calcRegularizationScore(true);
    }

    @Override
    protected INDArray updaterStateView() {
        return network.getUpdater().getStateViewArray();
    }

    @Override
    protected void applyLearningRate(double learningRate) {
        network.setLearningRate(learningRate);
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
    public MultiLayerNetwork unwrap() {
        return network;
    }

    /**
     * Binds each of {@code layers} (the model's, without its {@code Input}) to its weights in
     * Keras's layout, then takes over the weights they already had ({@link #claimWeights()}). The
     * translator puts each layer's parameters in one DL4J layer and adds only parameter-free ones,
     * so the layers with parameters and the DL4J layers with parameters pair up in order; their
     * counts are checked pair by pair.
     */
    public void bindWeights(List<Layer> layers, Shape inputShape) {
        org.deeplearning4j.nn.api.Layer[] dl4j = network.getLayers();
        int next = 0;
        Shape shape = inputShape;
        for (Layer layer : layers) {
            long count = layer.countParams(shape);
            shape = layer.computeOutputShape(shape);
            if (count == 0) {
                bindNone(layer);
                continue;
            }
            while (next < dl4j.length && dl4j[next].numParams() == 0) {
                next++;
            }
            if (next == dl4j.length || dl4j[next].numParams() != count) {
                throw new IllegalStateException("internal: " + layer + " has " + count + " parameters but DL4J layer "
                        + next + " has " + (next == dl4j.length ? "none" : dl4j[next].numParams()));
            }
            bind(layer, dl4j[next++]);
        }
        claimWeights();
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
            outputs = OutputActivations.training(((MultiLayerNetwork) model).getOutputLayer());
        }
    }
}
