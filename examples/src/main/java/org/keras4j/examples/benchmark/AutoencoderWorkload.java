package org.keras4j.examples.benchmark;

import java.util.Arrays;
import java.util.List;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.keras4j.FitOptions;
import org.keras4j.Keras;
import org.keras4j.models.Autoencoder;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * W10, the deep autoencoder of the unsupervised exercises, {@code Autoencoder.deep(784, 128, 32)}:
 * Dense 128 relu, Dense 32 (the linear code), Dense 128 relu, Dense 784 linear, mean squared
 * error, Adam as Keras's (lr 1e-3, epsilon 1e-7), batch 128, on synthetic inputs in [0, 1]
 * (the speed of a step does not depend on what the pixels show). Training is reported in seconds
 * per epoch.
 *
 * <p>keras4j's side is the {@link Autoencoder} itself ({@code compile("adam", "mse")} and
 * {@code fit}), a {@code Functional} model; the hand-written side is what a DL4J user writes for
 * a chain: a {@code MultiLayerNetwork} of three {@code DenseLayer}s and an {@code OutputLayer(MSE)},
 * from the autoencoder's initial weights, trained by {@link HandLoop}.
 *
 * <pre>{@code
 * AutoencoderWorkload w10 = new AutoencoderWorkload(60_000, 42);
 * double secondsPerEpoch = w10.trainDl4j(AutoencoderWorkload.dl4jAutoencoder(42));
 * }</pre>
 */
final class AutoencoderWorkload {
    private static final Logger LOG = LoggerFactory.getLogger(AutoencoderWorkload.class);

    static final int INPUT = 784;
    static final int HIDDEN = 128;
    static final int CODE = 32;
    static final int BATCH = 128;
    /** The autoencoder's layers that hold weights, in order; the hand-written network's layers 0..3. */
    static final List<String> LAYERS = List.of("encoder_1", "code", "decoder_1", "reconstruction");

    final int samples;
    final INDArray x;

    AutoencoderWorkload(int samples, long seed) {
        if (samples <= 0) {
            throw new IllegalArgumentException("W10 samples must be positive, got " + samples);
        }
        this.samples = samples;
        Nd4j.getRandom().setSeed(seed);
        this.x = Nd4j.rand(DataType.FLOAT, samples, INPUT);
    }

    /** keras4j's deep autoencoder, compiled as the exercises compile it. */
    static Autoencoder kerasAutoencoder(long seed) {
        Keras.setRandomSeed(seed);
        return Autoencoder.deep(INPUT, HIDDEN, CODE).compile("adam", "mse");
    }

    /** The same network by hand: 784-128-32-128-784, relu, linear code and output, MSE, Adam as Keras's. */
    static MultiLayerNetwork dl4jAutoencoder(long seed) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(seed).dataType(DataType.FLOAT)
                .updater(Adam.builder().learningRate(1e-3).epsilon(1e-7).build())
                .weightInit(WeightInit.XAVIER_UNIFORM)
                .list()
                .layer(new DenseLayer.Builder().nIn(INPUT).nOut(HIDDEN).activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().nIn(HIDDEN).nOut(CODE).activation(Activation.IDENTITY).build())
                .layer(new DenseLayer.Builder().nIn(CODE).nOut(HIDDEN).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(HIDDEN).nOut(INPUT)
                        .activation(Activation.IDENTITY).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /**
     * Starts the hand-written network from the autoencoder's initial weights (a Dense kernel
     * {@code [in, out]} is DL4J's {@code W [nIn, nOut]}), as {@code Benchmark.sameStart} does for
     * the chains. Leaves the network as initialised, with a warning, if a shape does not match.
     */
    static void sameStart(MultiLayerNetwork net, Autoencoder ae) {
        for (int i = 0; i < LAYERS.size(); i++) {
            List<INDArray> keras = ae.model().getLayer(LAYERS.get(i)).getWeights();
            INDArray w = net.getLayer(i).getParam("W");
            INDArray b = net.getLayer(i).getParam("b");
            if (keras.size() != 2 || !Arrays.equals(keras.get(0).shape(), w.shape()) || keras.get(1).length() != b.length()) {
                LOG.warn("W10: layer {} has weights {} in keras4j and W {} b {} in DL4J; the network keeps its own start",
                        LAYERS.get(i), keras.stream().map(a -> Arrays.toString(a.shape())).toList(),
                        Arrays.toString(w.shape()), Arrays.toString(b.shape()));
                return;
            }
        }
        for (int i = 0; i < LAYERS.size(); i++) {
            List<INDArray> keras = ae.model().getLayer(LAYERS.get(i)).getWeights();
            net.getLayer(i).getParam("W").assign(keras.get(0));
            net.getLayer(i).getParam("b").assign(keras.get(1).reshape(net.getLayer(i).getParam("b").shape()));
        }
    }

    /** One epoch, hand-written loop over batches of 128. Seconds. */
    double trainDl4j(MultiLayerNetwork net) {
        return Workloads.seconds(() -> HandLoop.fit(net, x, x, BATCH, samples));
    }

    /** One epoch through the autoencoder's fit (Keras's defaults: shuffled). Seconds. */
    double trainKeras(Autoencoder ae) {
        return Workloads.seconds(() -> ae.fit(x, FitOptions.defaults().epochs(1).batchSize(BATCH).verbose(0)));
    }

    /** A few batches through each code path, so that the timed runs are compiled and allocated. */
    void warmUp(MultiLayerNetwork net, Autoencoder ae) {
        int n = Math.min(samples, 40 * BATCH);
        if (net != null) {
            HandLoop.fit(net, x, x, BATCH, n);
        }
        if (ae != null) {
            ae.fit(Workloads.rows(x, 0, n), FitOptions.defaults().epochs(1).batchSize(BATCH).verbose(0));
        }
    }
}
