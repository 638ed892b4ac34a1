package org.keras4j.examples.benchmark;

import java.util.Random;
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
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.impl.LossSparseMCXENT;

/**
 * W6, the shape of most course exercises: a 20-64-3 classifier (relu, softmax) on a table of
 * 6,000 rows with integer labels, {@code sparse_categorical_crossentropy} and
 * {@code "accuracy"}, Adam, batch 32, 5 epochs reshuffled each epoch; milliseconds per step.
 *
 * <p>The hand-written DL4J network takes the same rows in the same batches (each epoch gathers
 * the rows in a new random order, then trains on views of the gathered arrays) and computes no
 * accuracy, DL4J's loop having no metrics.
 *
 * <pre>{@code
 * CourseClassifierWorkload w6 = new CourseClassifierWorkload(6000, 42);
 * double msPerStep = w6.trainKeras(CourseClassifierWorkload.kerasClassifier());
 * }</pre>
 */
final class CourseClassifierWorkload {
    static final int FEATURES = 20;
    static final int UNITS = 64;
    static final int CLASSES = 3;
    static final int BATCH = 32;
    static final int EPOCHS = 5;

    final int samples;
    final INDArray x;
    /** Class indices {@code [n, 1]}: the largest of the first three features. */
    final INDArray y;
    private final Random shuffle;

    CourseClassifierWorkload(int samples, long seed) {
        if (samples <= 0) {
            throw new IllegalArgumentException("W6 samples must be positive, got " + samples);
        }
        this.samples = samples;
        Nd4j.getRandom().setSeed(seed);
        x = Nd4j.rand(DataType.FLOAT, samples, FEATURES);
        y = Nd4j.create(DataType.FLOAT, samples, 1);
        for (int i = 0; i < samples; i++) {
            int best = 0;
            for (int c = 1; c < CLASSES; c++) {
                best = x.getFloat(i, c) > x.getFloat(i, best) ? c : best;
            }
            y.putScalar(i, 0, best);
        }
        shuffle = new Random(seed);
    }

    /** The classifier by hand in DL4J: DL4J's sparse cross-entropy after a softmax, Adam as Keras's. */
    static MultiLayerNetwork dl4jClassifier(long seed) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(seed).dataType(DataType.FLOAT)
                .updater(Adam.builder().learningRate(1e-3).epsilon(1e-7).build())
                .weightInit(WeightInit.XAVIER_UNIFORM)
                .list()
                .layer(new DenseLayer.Builder().nIn(FEATURES).nOut(UNITS).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder().lossFunction(new LossSparseMCXENT()).nIn(UNITS).nOut(CLASSES)
                        .activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /** The same classifier in keras4j, compiled as the course compiles it. */
    static Sequential kerasClassifier() {
        Sequential model = new Sequential(new Input(FEATURES), new Dense(UNITS, "relu"), new Dense(CLASSES, "softmax"));
        model.compile("adam", "sparse_categorical_crossentropy", "accuracy");
        return model;
    }

    int stepsPerRep() {
        return EPOCHS * Workloads.steps(samples, BATCH);
    }

    /** {@link #EPOCHS} epochs by hand, each on the rows in a new order. Milliseconds per step. */
    double trainDl4j(MultiLayerNetwork net) {
        return Workloads.seconds(() -> epochsDl4j(net, EPOCHS)) * 1000 / stepsPerRep();
    }

    /** {@link #EPOCHS} epochs through keras4j's fit (shuffled, Keras's default). Milliseconds per step. */
    double trainKeras(Sequential model) {
        return Workloads.seconds(() -> model.fit(x, y, FitOptions.defaults().epochs(EPOCHS).batchSize(BATCH).verbose(0)))
                * 1000 / stepsPerRep();
    }

    private void epochsDl4j(MultiLayerNetwork net, int epochs) {
        for (int e = 0; e < epochs; e++) {
            int[] order = permutation();
            HandLoop.fit(net, x.getRows(order), y.getRows(order), BATCH, samples);
        }
    }

    private int[] permutation() {
        int[] p = new int[samples];
        for (int i = 0; i < samples; i++) {
            p[i] = i;
        }
        for (int i = samples - 1; i > 0; i--) {
            int j = shuffle.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /**
     * One repetition's epochs through each code path: a step this small is mostly code the JIT
     * compiles while it runs, and one epoch left keras4j's first repetitions twice as slow as its
     * later ones (PyTorch's warm-up is as long).
     */
    void warmUp(MultiLayerNetwork net, Sequential model) {
        if (net != null) {
            epochsDl4j(net, EPOCHS);
        }
        if (model != null) {
            model.fit(x, y, FitOptions.defaults().epochs(EPOCHS).batchSize(BATCH).verbose(0));
        }
    }
}
