package org.keras4j.examples.benchmark;

import java.util.Random;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.keras4j.FitOptions;
import org.keras4j.Sequential;
import org.keras4j.layers.convolutional.Conv2D;
import org.keras4j.layers.core.Dense;
import org.keras4j.layers.core.Input;
import org.keras4j.layers.pooling.MaxPooling2D;
import org.keras4j.layers.reshaping.Flatten;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * W2, the course CNN on Fashion-MNIST-shaped data (28x28x1, 10 classes): Conv2D 16 5x5 same +
 * ReLU, MaxPool 2, Conv2D 32 5x5 same + ReLU, MaxPool 2, Flatten, Dense 10 softmax, Adam, batch
 * 64. Training and inference are reported in images per second.
 *
 * <p>The hand-written DL4J network is what a DL4J user writes: DL4J's default NCHW layout, so its
 * data is the same images transposed to {@code [n, 1, 28, 28]}; keras4j takes Keras's
 * {@code [n, 28, 28, 1]}.
 *
 * <pre>{@code
 * CnnWorkload w2 = new CnnWorkload(10_000, 42);
 * double imagesPerSecond = w2.trainDl4j(CnnWorkload.dl4jCnn(42));
 * }</pre>
 */
final class CnnWorkload {
    static final int BATCH = 64;
    static final int INFER_BATCH = 1000;

    final int samples;
    final INDArray xNhwc;
    final INDArray xNchw;
    final INDArray y;

    CnnWorkload(int samples, long seed) {
        if (samples <= 0) {
            throw new IllegalArgumentException("W2 samples must be positive, got " + samples);
        }
        this.samples = samples;
        Nd4j.getRandom().setSeed(seed);
        Random r = new Random(seed);
        xNhwc = Nd4j.rand(DataType.FLOAT, samples, 28, 28, 1);
        xNchw = xNhwc.permute(0, 3, 1, 2).dup('c');
        y = Nd4j.zeros(DataType.FLOAT, samples, 10);
        for (int i = 0; i < samples; i++) {
            y.putScalar(i, r.nextInt(10), 1f);
        }
    }

    /** The course CNN by hand in DL4J (NCHW, DL4J's default), Adam as Keras's. */
    static MultiLayerNetwork dl4jCnn(long seed) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(seed).dataType(DataType.FLOAT)
                .updater(Adam.builder().learningRate(1e-3).epsilon(1e-7).build())
                .weightInit(WeightInit.XAVIER_UNIFORM)
                .convolutionMode(ConvolutionMode.Same)
                .list()
                .layer(new ConvolutionLayer.Builder(5, 5).nOut(16).activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2)
                        .build())
                .layer(new ConvolutionLayer.Builder(5, 5).nOut(32).activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2)
                        .build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(28, 28, 1, CNN2DFormat.NCHW))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /** The same network in keras4j. */
    static Sequential kerasCnn() {
        Sequential model = new Sequential(new Input(28, 28, 1),
                new Conv2D(16, 5, "relu").withPadding("same"), new MaxPooling2D(2),
                new Conv2D(32, 5, "relu").withPadding("same"), new MaxPooling2D(2),
                new Flatten(), new Dense(10, "softmax"));
        model.compile("adam", "categorical_crossentropy");
        return model;
    }

    /** One epoch, hand-written loop over batches of 64. Images per second. */
    double trainDl4j(MultiLayerNetwork net) {
        return samples / Workloads.seconds(() -> HandLoop.fit(net, xNchw, y, BATCH, samples));
    }

    /** One epoch through keras4j's fit. Images per second. */
    double trainKeras(Sequential model) {
        return samples / Workloads.seconds(() -> model.fit(xNhwc, y, FitOptions.defaults().epochs(1).batchSize(BATCH).verbose(0)));
    }

    /** Inference over every image in batches of 1000. Images per second. */
    double inferDl4j(MultiLayerNetwork net) {
        return samples / Workloads.seconds(() -> {
            for (int i = 0; i < samples; i += INFER_BATCH) {
                HandLoop.output(net, Workloads.rows(xNchw, i, Math.min(samples, i + INFER_BATCH)));
            }
        });
    }

    /** keras4j's predict over the same images. Images per second. */
    double inferKeras(Sequential model) {
        return samples / Workloads.seconds(() -> model.predict(xNhwc, INFER_BATCH));
    }

    /** A few batches through each code path, so that the timed runs are compiled and allocated. */
    void warmUp(MultiLayerNetwork net, Sequential model) {
        int n = Math.min(samples, 10 * BATCH);
        if (net != null) {
            HandLoop.fit(net, xNchw, y, BATCH, n);
            HandLoop.output(net, Workloads.rows(xNchw, 0, Math.min(samples, INFER_BATCH)));
        }
        if (model != null) {
            model.fit(Workloads.rows(xNhwc, 0, n), Workloads.rows(y, 0, n),
                    FitOptions.defaults().epochs(1).batchSize(BATCH).verbose(0));
            model.predict(Workloads.rows(xNhwc, 0, Math.min(samples, INFER_BATCH)), INFER_BATCH);
        }
    }
}
