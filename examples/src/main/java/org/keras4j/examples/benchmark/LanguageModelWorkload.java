package org.keras4j.examples.benchmark;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.keras4j.FitOptions;
import org.keras4j.Sequential;
import org.keras4j.layers.core.Dense;
import org.keras4j.layers.core.Embedding;
import org.keras4j.layers.core.Input;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.impl.LossSparseMCXENT;

/**
 * W9, a character language model's training step: windows of {@value #STEPS} tokens of a
 * {@value #VOCABULARY}-token vocabulary, {@code Embedding(65, 64)}, {@code LSTM(256)} returning
 * sequences, {@code Dense(65, softmax)} at every step, {@code sparse_categorical_crossentropy}
 * (the next token at each position), Adam, batch {@value #BATCH}; milliseconds per step.
 *
 * <p>The hand-written DL4J network is {@code EmbeddingSequenceLayer}, {@code LSTM} and
 * {@code RnnOutputLayer} with DL4J's sparse cross-entropy, all NWC, as a DL4J user writes it.
 *
 * <pre>{@code
 * LanguageModelWorkload w9 = new LanguageModelWorkload(20, 42);
 * double msPerStep = w9.trainKeras(LanguageModelWorkload.kerasModel());
 * }</pre>
 */
final class LanguageModelWorkload {
    static final int VOCABULARY = 65;
    static final int EMBEDDING = 64;
    static final int UNITS = 256;
    static final int STEPS = 100;
    static final int BATCH = 64;

    final int batches;
    final INDArray x;
    final INDArray y;
    /** DL4J's NWC RnnOutputLayer reads sparse labels as {@code [n, steps, 1]}. */
    final INDArray yNwc;

    LanguageModelWorkload(int batches, long seed) {
        if (batches <= 0) {
            throw new IllegalArgumentException("W9 batches must be positive, got " + batches);
        }
        this.batches = batches;
        Nd4j.getRandom().setSeed(seed);
        // tokens 1..64: 0 is Keras's padding index
        INDArray tokens = Nd4j.rand(DataType.FLOAT, (long) batches * BATCH, STEPS + 1).muli(VOCABULARY - 1)
                .castTo(DataType.INT32).castTo(DataType.FLOAT).addi(1);
        x = tokens.get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                org.nd4j.linalg.indexing.NDArrayIndex.interval(0, STEPS)).dup('c');
        y = tokens.get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                org.nd4j.linalg.indexing.NDArrayIndex.interval(1, STEPS + 1)).dup('c');
        yNwc = y.reshape('c', y.size(0), STEPS, 1);
    }

    static MultiLayerNetwork dl4jModel(long seed) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(seed).dataType(DataType.FLOAT)
                .updater(Adam.builder().learningRate(1e-3).epsilon(1e-7).build())
                .weightInit(WeightInit.XAVIER_UNIFORM)
                .list()
                .layer(new EmbeddingSequenceLayer.Builder().nIn(VOCABULARY).nOut(EMBEDDING).inputLength(STEPS)
                        .hasBias(false).outputDataFormat(RNNFormat.NWC).build())
                .layer(new LSTM.Builder().nIn(EMBEDDING).nOut(UNITS).activation(Activation.TANH)
                        .dataFormat(RNNFormat.NWC).build())
                .layer(new RnnOutputLayer.Builder(new LossSparseMCXENT()).nIn(UNITS).nOut(VOCABULARY)
                        .activation(Activation.SOFTMAX).dataFormat(RNNFormat.NWC).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    static Sequential kerasModel() {
        Sequential model = new Sequential(new Input(STEPS), new Embedding(VOCABULARY, EMBEDDING),
                new org.keras4j.layers.rnn.LSTM(UNITS).withReturnSequences(true), new Dense(VOCABULARY, "softmax"));
        model.compile("adam", "sparse_categorical_crossentropy");
        return model;
    }

    /** {@code batches} steps through keras4j's fit. Milliseconds per step. */
    double trainKeras(Sequential model) {
        return 1000 * Workloads.seconds(() -> model.fit(x, y, FitOptions.defaults().epochs(1).batchSize(BATCH)
                .shuffle(false).verbose(0))) / batches;
    }

    /** {@code batches} steps, hand-written loop. Milliseconds per step. */
    double trainDl4j(MultiLayerNetwork net) {
        return 1000 * Workloads.seconds(() -> HandLoop.fit(net, x, yNwc, BATCH, batches * BATCH)) / batches;
    }

    void warmUp(MultiLayerNetwork net, Sequential model) {
        int n = Math.min(batches, 3) * BATCH;
        if (net != null) {
            HandLoop.fit(net, x, yNwc, BATCH, n);
        }
        if (model != null) {
            model.fit(Workloads.rows(x, 0, n), Workloads.rows(y, 0, n),
                    FitOptions.defaults().epochs(1).batchSize(BATCH).verbose(0));
        }
    }
}
