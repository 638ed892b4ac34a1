package org.keras4j.internal.dl4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.keras4j.Shape;
import org.keras4j.backend.Backend;
import org.keras4j.internal.dl4j.layers.GemmConvolutionLayer;
import org.keras4j.layers.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A compiled functional model running as a DL4J {@link ComputationGraph}: one array per input in
 * Keras's layout (re-viewed, never moved, as {@link Dl4jSequentialNetwork} does), one output
 * array per output reshaped back to Keras's shape, per-sample weights as every output's
 * per-example label mask. DL4J's score is the sum of the output layers' scores, each already
 * scaled by its loss weight, plus the weight penalties once: Keras's total loss.
 *
 * <pre>{@code
 * GraphTranslator.Translation t = GraphTranslator.translate(inputs, nodes, outputs, compiled, new Adam(), 42L);
 * Dl4jGraphNetwork net = new Dl4jGraphNetwork(t, List.of(Shape.of(10)));
 * }</pre>
 */
public final class Dl4jGraphNetwork extends Dl4jNetwork {
    private final ComputationGraph graph;
    private final List<long[]> inputDims;
    private final List<Shape> outputShapes;
    private final OutputCapture capture = new OutputCapture();
    private boolean captureOutputs;

    public Dl4jGraphNetwork(GraphTranslator.Translation translation, List<Shape> outputShapes) {
        this(init(translation), translation, outputShapes);
    }

    private Dl4jGraphNetwork(ComputationGraph graph, GraphTranslator.Translation translation, List<Shape> outputShapes) {
        super(graph);
        this.graph = graph;
        Backend.prepare(graph); // row-major arrays for oneDNN convolutions, as for MultiLayerNetwork
        skipNetworkInputGradients(graph);
        this.inputDims = List.copyOf(translation.inputDims());
        this.outputShapes = List.copyOf(outputShapes);
    }

    /**
     * keras4j's loop never reads the gradients of the network's inputs: convolutions fed straight
     * from an input (no preprocessor) do not compute them, as a {@code Sequential}'s first layer.
     */
    private static void skipNetworkInputGradients(ComputationGraph graph) {
        for (GraphVertex vertex : graph.getVertices()) {
            if (!vertex.hasLayer() || !(vertex.getLayer() instanceof GemmConvolutionLayer conv)
                    || vertex.getInputVertices() == null) {
                continue;
            }
            org.deeplearning4j.nn.conf.graph.GraphVertex vertexConf = graph.getConfiguration().getVertices()
                    .get(vertex.getVertexName());
            boolean preprocessed = vertexConf instanceof org.deeplearning4j.nn.conf.graph.LayerVertex l
                    && l.getPreProcessor() != null;
            boolean fromInputs = java.util.Arrays.stream(vertex.getInputVertices())
                    .allMatch(v -> graph.getVertices()[v.getVertexIndex()].isInputVertex());
            if (!preprocessed && fromInputs) {
                conv.setInputGradientUnused(true);
            }
        }
    }

    private static ComputationGraph init(GraphTranslator.Translation translation) {
        ComputationGraph graph = new ComputationGraph(translation.configuration());
        graph.init();
        return graph;
    }

    @Override
    public double trainBatch(List<INDArray> x, List<INDArray> y, INDArray sampleWeight) {
        INDArray[] labels = new INDArray[y.size()];
        List<INDArray> featureMasks = maskPlan().isEmpty() ? null : maskPlan().inputMasks(x);
        List<INDArray> stepMasks = featureMasks == null ? null : maskPlan().outputMasks(featureMasks);
        INDArray[] masks = sampleWeight == null && stepMasks == null ? null : new INDArray[y.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = labels(y.get(i));
            if (masks != null) {
                masks[i] = lossMask(stepMasks == null ? null : stepMasks.get(i), sampleWeight);
            }
        }
        graph.fit(internal(x), labels, featureMasks == null ? null : featureMasks.toArray(new INDArray[0]), masks);
        return graph.score();
    }

    @Override
    public void setCaptureTrainOutputs(boolean capture) {
        if (capture == captureOutputs) {
            return;
        }
        captureOutputs = capture;
        if (capture) {
            graph.addListeners(this.capture);
        } else {
            graph.getListeners().remove(this.capture);
        }
    }

    @Override
    public List<INDArray> lastTrainOutputs() {
        return capture.outputs == null ? null : external(capture.outputs);
    }

    @Override
    public List<INDArray> predict(List<INDArray> x) {
        if (!maskPlan().isEmpty()) {
            return external(graph.output(false, internal(x), maskPlan().inputMasks(x).toArray(new INDArray[0])));
        }
        return external(graph.output(false, internal(x)));
    }

    @Override
    public double regularizationPenalty() {
        return graph.calcRegularizationScore(true);
    }

    @Override
    protected INDArray updaterStateView() {
        return graph.getUpdater().getStateViewArray();
    }

    @Override
    protected void applyLearningRate(double learningRate) {
        graph.setLearningRate(learningRate);
    }

    @Override
    public int iterationCount() {
        return graph.getIterationCount();
    }

    @Override
    public void setIterationCount(int iterations) {
        graph.getConfiguration().setIterationCount(iterations); // the graph copies it to its layers each step
    }

    @Override
    public void setEpochCount(int epoch) {
        graph.getConfiguration().setEpochCount(epoch);
    }

    @Override
    public ComputationGraph unwrap() {
        return graph;
    }

    /**
     * Binds each layer of the model (without its inputs) to its weights in Keras's layout, in the
     * DL4J vertex holding its parameters, then takes over the weights the layers already had.
     *
     * @param layers the model's layers and the input shape of each one's first call
     */
    public void bindWeights(Map<Layer, Shape> layers, Map<Layer, List<String>> layerVertices) {
        layers.forEach((layer, inputShape) -> {
            long count = layer.countParams(inputShape);
            if (count == 0) {
                bindNone(layer);
                return;
            }
            org.deeplearning4j.nn.api.Layer holder = null;
            for (String vertex : layerVertices.getOrDefault(layer, List.of())) {
                org.deeplearning4j.nn.api.Layer candidate = graph.getLayer(vertex);
                if (candidate != null && candidate.numParams() > 0) {
                    holder = candidate;
                    break;
                }
            }
            if (holder == null || holder.numParams() != count) {
                throw new IllegalStateException("internal: " + layer + " has " + count + " parameters but its DL4J vertices "
                        + layerVertices.get(layer) + " hold " + (holder == null ? "none" : holder.numParams()));
            }
            bind(layer, holder);
        });
        claimWeights();
    }

    private INDArray[] internal(List<INDArray> x) {
        INDArray[] in = new INDArray[x.size()];
        for (int i = 0; i < in.length; i++) {
            in[i] = toInternal(x.get(i), inputDims.get(i));
        }
        return in;
    }

    private List<INDArray> external(INDArray[] out) {
        List<INDArray> result = new ArrayList<>();
        for (int i = 0; i < out.length; i++) {
            result.add(toExternal(out[i], outputShapes.get(i)));
        }
        return result;
    }

    /**
     * Keeps the output layers' training-mode activations of each step, recomputed from their
     * stored inputs before the update, as for {@code MultiLayerNetwork}.
     */
    private static final class OutputCapture extends BaseTrainingListener {
        private INDArray[] outputs;

        @Override
        public void onBackwardPass(Model model) {
            ComputationGraph g = (ComputationGraph) model;
            List<String> names = g.getConfiguration().getNetworkOutputs();
            INDArray[] out = new INDArray[names.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = OutputActivations.training(g.getLayer(names.get(i)));
            }
            outputs = out;
        }
    }
}
