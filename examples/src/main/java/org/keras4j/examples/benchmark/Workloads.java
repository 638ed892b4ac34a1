package org.keras4j.examples.benchmark;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.DoubleSupplier;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.keras4j.FitOptions;
import org.keras4j.Sequential;
import org.keras4j.layers.core.Dense;
import org.keras4j.layers.core.Input;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The benchmark's workloads, each written twice on the same data: by hand in DL4J (a
 * {@code MultiLayerNetwork} built with DL4J's builders, run by {@link HandLoop}) and
 * with keras4j's {@code Sequential}. Each method times one repetition and returns one number.
 *
 * <pre>{@code
 * Workloads w = new Workloads(Workloads.Sizes.DEFAULT, 42);
 * MultiLayerNetwork net = Workloads.dl4jMlp(42);
 * double secondsPerEpoch = w.w1TrainDl4j(net);
 * }</pre>
 */
final class Workloads {

    /** Problem sizes (the defaults; tests shrink them). */
    record Sizes(int w1Samples, int w1Batch, int w1InferSamples, int w1InferBatch, int w4Samples, int w4Batch,
                 int w4InferCalls, int gemmN) {
        static final Sizes DEFAULT = new Sizes(60_000, 128, 10_000, 1000, 4000, 4, 2000, 2048);

        Sizes {
            for (int v : new int[] {w1Samples, w1Batch, w1InferSamples, w1InferBatch, w4Samples, w4Batch,
                w4InferCalls, gemmN}) {
                if (v <= 0) {
                    throw new IllegalArgumentException("benchmark sizes must be positive, got " + this);
                }
            }
            if (w1InferSamples > w1Samples) {
                throw new IllegalArgumentException("w1InferSamples (" + w1InferSamples
                        + ") must not exceed w1Samples (" + w1Samples + ")");
            }
        }
    }

    final Sizes sizes;
    final INDArray w1x;
    final INDArray w1y;
    final INDArray w1InferX;
    final INDArray w4x;
    final INDArray w4y;
    final INDArray w4InferX;

    /** Synthetic data from {@code seed}: uniform inputs, random one-hot (W1) or XOR (W4) labels. */
    Workloads(Sizes sizes, long seed) {
        this.sizes = sizes;
        Nd4j.getRandom().setSeed(seed);
        Random r = new Random(seed);
        w1x = Nd4j.rand(DataType.FLOAT, sizes.w1Samples(), 784);
        w1y = Nd4j.zeros(DataType.FLOAT, sizes.w1Samples(), 10);
        for (int i = 0; i < sizes.w1Samples(); i++) {
            w1y.putScalar(i, r.nextInt(10), 1f);
        }
        w1InferX = rows(w1x, 0, sizes.w1InferSamples()).dup();
        w4x = Nd4j.rand(DataType.FLOAT, sizes.w4Samples(), 2);
        w4y = Nd4j.zeros(DataType.FLOAT, sizes.w4Samples(), 1);
        for (int i = 0; i < sizes.w4Samples(); i++) {
            boolean a = w4x.getFloat(i, 0) > 0.5f;
            boolean b = w4x.getFloat(i, 1) > 0.5f;
            w4y.putScalar(i, 0, a ^ b ? 1f : 0f);
        }
        w4InferX = rows(w4x, 0, sizes.w4Batch()).dup();
    }

    // ---- the networks ------------------------------------------------------------------------

    /** W1 by hand: 784-512-256-10, ReLU, softmax + cross-entropy, Adam(1e-3, eps 1e-7) as Keras. */
    static MultiLayerNetwork dl4jMlp(long seed) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(seed).dataType(DataType.FLOAT)
                .updater(Adam.builder().learningRate(1e-3).epsilon(1e-7).build())
                .weightInit(WeightInit.XAVIER_UNIFORM)
                .list()
                .layer(new DenseLayer.Builder().nIn(784).nOut(512).activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().nIn(512).nOut(256).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(256).nOut(10)
                        .activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /** W1 in keras4j. */
    static Sequential kerasMlp() {
        Sequential model = new Sequential(new Input(784), new Dense(512, "relu"), new Dense(256, "relu"),
                new Dense(10, "softmax"));
        model.compile("adam", "categorical_crossentropy");
        return model;
    }

    /** W4 by hand: 2-8-1, tanh, sigmoid + binary cross-entropy, SGD(0.01) as Keras's "sgd". */
    static MultiLayerNetwork dl4jTiny(long seed) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(seed).dataType(DataType.FLOAT)
                .updater(new Sgd(0.01))
                .weightInit(WeightInit.XAVIER_UNIFORM)
                .list()
                .layer(new DenseLayer.Builder().nIn(2).nOut(8).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.XENT).nIn(8).nOut(1)
                        .activation(Activation.SIGMOID).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /** W4 in keras4j. */
    static Sequential kerasTiny() {
        Sequential model = new Sequential(new Input(2), new Dense(8, "tanh"), new Dense(1, "sigmoid"));
        model.compile("sgd", "binary_crossentropy");
        return model;
    }

    // ---- W1 ----------------------------------------------------------------------------------

    /** One epoch, hand-written loop: one DataSet (views of the same arrays) per batch. Seconds. */
    double w1TrainDl4j(MultiLayerNetwork net) {
        return seconds(() -> HandLoop.fit(net, w1x, w1y, sizes.w1Batch(), sizes.w1Samples()));
    }

    /** One epoch through keras4j's fit (its defaults: shuffled). Seconds. */
    double w1TrainKeras(Sequential model) {
        return seconds(() -> model.fit(w1x, w1y, FitOptions.defaults().epochs(1).batchSize(sizes.w1Batch()).verbose(0)));
    }

    /** Inference over w1InferSamples in batches of w1InferBatch. Samples per second. */
    double w1InferDl4j(MultiLayerNetwork net) {
        int n = sizes.w1InferSamples();
        int b = sizes.w1InferBatch();
        double s = seconds(() -> {
            for (int i = 0; i < n; i += b) {
                HandLoop.output(net, rows(w1InferX, i, Math.min(n, i + b)));
            }
        });
        return n / s;
    }

    /** keras4j's predict over the same samples and batch size. Samples per second. */
    double w1InferKeras(Sequential model) {
        double s = seconds(() -> model.predict(w1InferX, sizes.w1InferBatch()));
        return sizes.w1InferSamples() / s;
    }

    /** A warm-up: a few batches through each code path, so that the timed runs are compiled. */
    void warmUpW1(MultiLayerNetwork net, Sequential model) {
        int n = Math.min(sizes.w1Samples(), 40 * sizes.w1Batch());
        if (net != null) {
            HandLoop.fit(net, w1x, w1y, sizes.w1Batch(), n);
            HandLoop.output(net, rows(w1InferX, 0, Math.min(sizes.w1InferSamples(), sizes.w1InferBatch())));
        }
        if (model != null) {
            INDArray x = rows(w1x, 0, n);
            INDArray y = rows(w1y, 0, n);
            model.fit(x, y, FitOptions.defaults().epochs(1).batchSize(sizes.w1Batch()).verbose(0));
            model.predict(w1InferX, sizes.w1InferBatch());
        }
    }

    // ---- W4 ----------------------------------------------------------------------------------

    /** One epoch of batch-4 steps, hand-written. Microseconds per step. */
    double w4TrainDl4j(MultiLayerNetwork net) {
        double s = seconds(() -> HandLoop.fit(net, w4x, w4y, sizes.w4Batch(), sizes.w4Samples()));
        return s * 1e6 / steps(sizes.w4Samples(), sizes.w4Batch());
    }

    /** One epoch of batch-4 steps through keras4j's fit. Microseconds per step. */
    double w4TrainKeras(Sequential model) {
        double s = seconds(() -> model.fit(w4x, w4y, FitOptions.defaults().epochs(1).batchSize(sizes.w4Batch()).verbose(0)));
        return s * 1e6 / steps(sizes.w4Samples(), sizes.w4Batch());
    }

    /** One inference call on a batch of 4, repeated. Microseconds per call. */
    double w4InferDl4j(MultiLayerNetwork net) {
        int calls = sizes.w4InferCalls();
        return seconds(() -> {
            for (int i = 0; i < calls; i++) {
                HandLoop.output(net, w4InferX);
            }
        }) * 1e6 / calls;
    }

    /** keras4j's predict on a batch of 4, repeated. Microseconds per call. */
    double w4InferKeras(Sequential model) {
        int calls = sizes.w4InferCalls();
        return seconds(() -> {
            for (int i = 0; i < calls; i++) {
                model.predict(w4InferX);
            }
        }) * 1e6 / calls;
    }

    void warmUpW4(MultiLayerNetwork net, Sequential model) {
        int n = Math.min(sizes.w4Samples(), 200 * sizes.w4Batch());
        if (net != null) {
            HandLoop.fit(net, w4x, w4y, sizes.w4Batch(), n);
            for (int i = 0; i < 200; i++) {
                HandLoop.output(net, w4InferX);
            }
        }
        if (model != null) {
            INDArray x = rows(w4x, 0, n);
            INDArray y = rows(w4y, 0, n);
            model.fit(x, y, FitOptions.defaults().epochs(1).batchSize(sizes.w4Batch()).verbose(0));
            for (int i = 0; i < 200; i++) {
                model.predict(w4InferX);
            }
        }
    }

    // ---- W5 ----------------------------------------------------------------------------------

    /** sgemm n x n x n with Nd4j.gemm into a preallocated result. GFLOP/s of one call. */
    static DoubleSupplier sgemm(int n, long seed) {
        Nd4j.getRandom().setSeed(seed);
        INDArray a = Nd4j.rand(DataType.FLOAT, n, n);
        INDArray b = Nd4j.rand(DataType.FLOAT, n, n);
        INDArray c = Nd4j.create(DataType.FLOAT, n, n);
        Nd4j.gemm(a, b, c, false, false, 1.0, 0.0); // warm-up
        return () -> 2.0 * n * n * n / seconds(() -> Nd4j.gemm(a, b, c, false, false, 1.0, 0.0)) / 1e9;
    }

    // ---- helpers -----------------------------------------------------------------------------

    /** Rows {@code [from, to)} along the first axis, as a view, for arrays of any rank. */
    static INDArray rows(INDArray a, int from, int to) {
        return a.get(NDArrayIndex.interval(from, to));
    }

    static int steps(int samples, int batch) {
        return (samples + batch - 1) / batch;
    }

    static double seconds(Runnable r) {
        long t = System.nanoTime();
        r.run();
        return (System.nanoTime() - t) / 1e9;
    }

    /** Runs {@code reps} timed repetitions of {@code timed}. */
    static List<Double> repeat(int reps, DoubleSupplier timed) {
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < reps; i++) {
            out.add(timed.getAsDouble());
        }
        return out;
    }
}
