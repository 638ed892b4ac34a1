package org.keras4j.examples.benchmark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.keras4j.FitOptions;
import org.keras4j.Functional;
import org.keras4j.Keras;
import org.keras4j.KerasTensor;
import org.keras4j.layers.convolutional.Conv2D;
import org.keras4j.layers.core.Dense;
import org.keras4j.layers.merging.Add;
import org.keras4j.layers.pooling.GlobalAveragePooling2D;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * W7, a small residual CNN on Fashion-MNIST-shaped data (28x28x1, 10 classes, the same synthetic
 * images as W2): Conv2D 16 3x3 same + ReLU; {@value #BLOCKS} blocks of [Conv2D 16 3x3 same + ReLU,
 * Conv2D 16 3x3 same, Add with the block's input, ReLU]; global average pooling; Dense 10
 * softmax; Adam, batch 64. Training is reported in images per second.
 *
 * <p>The hand-written DL4J network is what a DL4J user writes for a graph: a
 * {@code ComputationGraph} from {@code graphBuilder()}, the shortcut an
 * {@code ElementWiseVertex(Add)}, DL4J's default NCHW layout, trained by {@link HandLoop}.
 *
 * <p>keras4j's is the same network written with the functional API, as a Keras user writes it:
 *
 * <pre>{@code
 * KerasTensor x = new Conv2D(16, 3, "relu").withPadding("same").apply(inputs);
 * KerasTensor y = new Conv2D(16, 3, "relu").withPadding("same").apply(x);
 * y = new Conv2D(16, 3).withPadding("same").apply(y);
 * x = new Activation("relu").apply(new Add().apply(y, x));
 * }</pre>
 *
 * <pre>{@code
 * ResidualWorkload w7 = new ResidualWorkload(4_000, 42);
 * double imagesPerSecond = w7.trainDl4j(ResidualWorkload.dl4jResNet(42));
 * }</pre>
 */
final class ResidualWorkload {
    private static final Logger LOG = LoggerFactory.getLogger(ResidualWorkload.class);

    static final int BATCH = 64;
    static final int BLOCKS = 2;
    static final int FILTERS = 16;

    final int samples;
    final INDArray xNhwc;
    final INDArray xNchw;
    final INDArray y;

    ResidualWorkload(int samples, long seed) {
        if (samples <= 0) {
            throw new IllegalArgumentException("W7 samples must be positive, got " + samples);
        }
        CnnWorkload images = new CnnWorkload(samples, seed);
        this.samples = samples;
        this.xNhwc = images.xNhwc;
        this.xNchw = images.xNchw;
        this.y = images.y;
    }

    /** The residual CNN by hand as a DL4J {@code ComputationGraph} (NCHW), Adam as Keras's. */
    static ComputationGraph dl4jResNet(long seed) {
        ComputationGraphConfiguration.GraphBuilder g = new NeuralNetConfiguration.Builder()
                .seed(seed).dataType(DataType.FLOAT)
                .updater(Adam.builder().learningRate(1e-3).epsilon(1e-7).build())
                .weightInit(WeightInit.XAVIER_UNIFORM)
                .convolutionMode(ConvolutionMode.Same)
                .graphBuilder()
                .addInputs("image")
                .setInputTypes(InputType.convolutional(28, 28, 1, CNN2DFormat.NCHW))
                .addLayer("stem", conv(Activation.RELU), "image");
        String x = "stem";
        for (int b = 1; b <= BLOCKS; b++) {
            String p = "block" + b + "_";
            g.addLayer(p + "conv1", conv(Activation.RELU), x)
                    .addLayer(p + "conv2", conv(Activation.IDENTITY), p + "conv1")
                    .addVertex(p + "add", new ElementWiseVertex(ElementWiseVertex.Op.Add), p + "conv2", x)
                    .addLayer(p + "relu", new ActivationLayer(Activation.RELU), p + "add");
            x = p + "relu";
        }
        ComputationGraphConfiguration conf = g
                .addLayer("pool", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), x)
                .addLayer("output", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10)
                        .activation(Activation.SOFTMAX).build(), "pool")
                .setOutputs("output")
                .build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        return graph;
    }

    private static ConvolutionLayer conv(Activation activation) {
        return new ConvolutionLayer.Builder(3, 3).nOut(FILTERS).activation(activation).build();
    }

    /** The same network with keras4j's functional API; its layers are named as the graph's. */
    static Functional kerasResNet() {
        KerasTensor inputs = Keras.input(28, 28, 1);
        KerasTensor x = new Conv2D(FILTERS, 3, "relu").withPadding("same").withName("stem").apply(inputs);
        for (int b = 1; b <= BLOCKS; b++) {
            String p = "block" + b + "_";
            KerasTensor y = new Conv2D(FILTERS, 3, "relu").withPadding("same").withName(p + "conv1").apply(x);
            y = new Conv2D(FILTERS, 3).withPadding("same").withName(p + "conv2").apply(y);
            KerasTensor sum = new Add().withName(p + "add").apply(y, x);
            x = new org.keras4j.layers.core.Activation("relu").withName(p + "relu").apply(sum);
        }
        x = new GlobalAveragePooling2D().withName("pool").apply(x);
        KerasTensor outputs = new Dense(10, "softmax").withName("output").apply(x);
        Functional model = new Functional("w7_resnet", List.of(inputs), List.of(outputs));
        model.compile("adam", "categorical_crossentropy");
        return model;
    }

    /**
     * Starts the hand-written graph from the keras4j model's initial weights (Keras's layouts
     * turned into DL4J's: a kernel {@code [kh, kw, in, out]} is DL4J's {@code [out, in, kh, kw]}),
     * as {@code Benchmark.sameStart} does for the chains: a step's speed can depend on the values.
     * Leaves the graph as initialised, with a warning, if a shape does not match.
     */
    static void sameStart(ComputationGraph graph, Functional model) {
        List<INDArray[]> copies = new ArrayList<>();
        for (String name : weightedLayers()) {
            List<INDArray> keras = model.getLayer(name).getWeights();
            INDArray w = graph.getLayer(name).getParam("W");
            INDArray b = graph.getLayer(name).getParam("b");
            INDArray kernel = keras.get(0).rank() == 4 ? keras.get(0).permute(3, 2, 0, 1) : keras.get(0);
            if (keras.size() != 2 || !Arrays.equals(kernel.shape(), w.shape())
                    || keras.get(1).length() != b.length()) {
                LOG.warn("W7: layer {} has weights {} in keras4j and W {} b {} in DL4J; the graph keeps its own start",
                        name, keras.stream().map(a -> Arrays.toString(a.shape())).toList(),
                        Arrays.toString(w.shape()), Arrays.toString(b.shape()));
                return;
            }
            copies.add(new INDArray[] {w, kernel, b, keras.get(1).reshape(b.shape())});
        }
        for (INDArray[] c : copies) {
            c[0].assign(c[1]);
            c[2].assign(c[3]);
        }
    }

    /** The graph's layers that hold weights, in the order of the keras4j model's. */
    static List<String> weightedLayers() {
        List<String> names = new ArrayList<>(List.of("stem"));
        for (int b = 1; b <= BLOCKS; b++) {
            names.add("block" + b + "_conv1");
            names.add("block" + b + "_conv2");
        }
        names.add("output");
        return names;
    }

    /** One epoch, hand-written loop over batches of 64. Images per second. */
    double trainDl4j(ComputationGraph graph) {
        return samples / Workloads.seconds(() -> HandLoop.fit(graph, xNchw, y, BATCH, samples));
    }

    /** One epoch through keras4j's fit (its defaults: shuffled). Images per second. */
    double trainKeras(Functional model) {
        return samples / Workloads.seconds(() -> model.fit(xNhwc, y,
                FitOptions.defaults().epochs(1).batchSize(BATCH).verbose(0)));
    }

    /** A few batches through each code path, so that the timed runs are compiled and allocated. */
    void warmUp(ComputationGraph graph, Functional model) {
        int n = Math.min(samples, 10 * BATCH);
        if (graph != null) {
            HandLoop.fit(graph, xNchw, y, BATCH, n);
        }
        if (model != null) {
            model.fit(Workloads.rows(xNhwc, 0, n), Workloads.rows(y, 0, n),
                    FitOptions.defaults().epochs(1).batchSize(BATCH).verbose(0));
        }
    }
}
