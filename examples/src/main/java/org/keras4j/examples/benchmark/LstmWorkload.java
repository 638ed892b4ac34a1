package org.keras4j.examples.benchmark;

import java.util.Random;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
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
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * W3, an LSTM classifier: sequences of 50 steps x 64 features, LSTM 128 units (last step),
 * Dense 10 softmax, Adam, batch 64; seconds per epoch.
 *
 * <p>The hand-written DL4J network uses DL4J's default NCW layout, so its data is the same
 * sequences transposed to {@code [n, 64, 50]}; keras4j takes Keras's {@code [n, 50, 64]}.
 *
 * <pre>{@code
 * LstmWorkload w3 = new LstmWorkload(10_000, 42);
 * double secondsPerEpoch = w3.trainDl4j(LstmWorkload.dl4jLstm(42));
 * }</pre>
 */
final class LstmWorkload {
    static final int STEPS = 50;
    static final int FEATURES = 64;
    static final int UNITS = 128;
    static final int BATCH = 64;

    final int samples;
    final INDArray xNwc;
    final INDArray xNcw;
    final INDArray y;

    LstmWorkload(int samples, long seed) {
        if (samples <= 0) {
            throw new IllegalArgumentException("W3 samples must be positive, got " + samples);
        }
        this.samples = samples;
        Nd4j.getRandom().setSeed(seed);
        Random r = new Random(seed);
        xNwc = Nd4j.rand(DataType.FLOAT, samples, STEPS, FEATURES);
        xNcw = xNwc.permute(0, 2, 1).dup('c');
        y = Nd4j.zeros(DataType.FLOAT, samples, 10);
        for (int i = 0; i < samples; i++) {
            y.putScalar(i, r.nextInt(10), 1f);
        }
    }

    /** The LSTM classifier by hand in DL4J (NCW, DL4J's default), Adam as Keras's. */
    static MultiLayerNetwork dl4jLstm(long seed) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(seed).dataType(DataType.FLOAT)
                .updater(Adam.builder().learningRate(1e-3).epsilon(1e-7).build())
                .weightInit(WeightInit.XAVIER_UNIFORM)
                .list()
                .layer(new LastTimeStep(new LSTM.Builder().nIn(FEATURES).nOut(UNITS).activation(Activation.TANH)
                        .build()))
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(UNITS).nOut(10)
                        .activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /** The same network in keras4j. */
    static Sequential kerasLstm() {
        Sequential model = new Sequential(new Input(STEPS, FEATURES),
                new org.keras4j.layers.rnn.LSTM(UNITS), new Dense(10, "softmax"));
        model.compile("adam", "categorical_crossentropy");
        return model;
    }

    /** One epoch, hand-written loop over batches of 64. Seconds. */
    double trainDl4j(MultiLayerNetwork net) {
        return Workloads.seconds(() -> HandLoop.fit(net, xNcw, y, BATCH, samples));
    }

    /** One epoch through keras4j's fit. Seconds. */
    double trainKeras(Sequential model) {
        return Workloads.seconds(() -> model.fit(xNwc, y, FitOptions.defaults().epochs(1).batchSize(BATCH).verbose(0)));
    }

    /** A few batches through each code path. */
    void warmUp(MultiLayerNetwork net, Sequential model) {
        int n = Math.min(samples, 5 * BATCH);
        if (net != null) {
            HandLoop.fit(net, xNcw, y, BATCH, n);
        }
        if (model != null) {
            model.fit(Workloads.rows(xNwc, 0, n), Workloads.rows(y, 0, n),
                    FitOptions.defaults().epochs(1).batchSize(BATCH).verbose(0));
        }
    }
}
