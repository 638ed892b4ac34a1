package org.keras4j.internal.dl4j;

import java.util.Locale;
import java.util.function.Supplier;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.keras4j.Keras;
import org.keras4j.Sequential;
import org.keras4j.layers.core.Dense;
import org.keras4j.layers.core.Input;
import org.keras4j.layers.rnn.GRU;
import org.keras4j.layers.rnn.LSTM;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A quick timing, not a benchmark: milliseconds per training step (forward, backward, Adam) of
 * one recurrent layer on W3's shapes (batch 64, 50 steps, 64 features, 128 units) followed by
 * a softmax Dense. Runs only with {@code -Dkeras4j.timing=true}.
 */
@EnabledIfSystemProperty(named = "keras4j.timing", matches = "true")
class RecurrentStepTiming {

    @Test
    void trainingStep_gruAndLstm_onW3Shapes() {
        time("LSTM(128), fused DL4J LSTM", () -> new LSTM(128));
        time("GRU(128), keras4j's layer", () -> new GRU(128));
        time("GRU(128) reset_after=false", () -> new GRU(128).withResetAfter(false));
        Dl4jRecurrentLayers.forceKerasRecurrent(true);
        try {
            time("LSTM(128), keras4j's layer", () -> new LSTM(128));
        } finally {
            Dl4jRecurrentLayers.forceKerasRecurrent(false);
        }
        time("GRU(128) recurrent_dropout=0.2", () -> new GRU(128).withRecurrentDropout(0.2));
    }

    private static void time(String what, Supplier<org.keras4j.layers.Layer> layer) {
        Keras.setRandomSeed(1);
        Sequential model = new Sequential(new Input(50, 64), layer.get(), new Dense(10, "softmax"));
        model.compile("adam", "categorical_crossentropy");
        MultiLayerNetwork net = (MultiLayerNetwork) model.network().unwrap();
        Nd4j.getRandom().setSeed(2);
        INDArray x = Nd4j.randn(DataType.FLOAT, 64, 50, 64);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 64, 10);
        for (int i = 0; i < 64; i++) {
            y.putScalar(i, i % 10, 1);
        }
        for (int i = 0; i < 5; i++) {
            net.fit(x, y);
        }
        int steps = 20;
        long start = System.nanoTime();
        for (int i = 0; i < steps; i++) {
            net.fit(x, y);
        }
        double ms = (System.nanoTime() - start) / 1e6 / steps;
        long inferenceStart = System.nanoTime();
        for (int i = 0; i < steps; i++) {
            net.output(x);
        }
        double inference = (System.nanoTime() - inferenceStart) / 1e6 / steps;
        System.out.println(String.format(Locale.ROOT, "TIMING %-32s train %7.1f ms/step   predict %6.1f ms/batch", what, ms,
                inference));
    }
}
