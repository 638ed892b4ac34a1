package org.keras4j.internal.dl4j;

import java.util.Locale;
import java.util.Random;
import java.util.function.Supplier;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.keras4j.Keras;
import org.keras4j.Sequential;
import org.keras4j.layers.core.Dense;
import org.keras4j.layers.core.Embedding;
import org.keras4j.layers.core.Input;
import org.keras4j.layers.rnn.Bidirectional;
import org.keras4j.layers.rnn.GRU;
import org.keras4j.layers.rnn.LSTM;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A quick timing, not a benchmark: milliseconds per training step (forward, backward, Adam) of
 * {@code Embedding(10, 8, maskZero) -> Bidirectional(rnn(16)) -> Dense(1, sigmoid)} on 20 steps,
 * batch 32, sequences zero-padded after 5 to 20 steps (a features mask every batch). Runs only
 * with {@code -Dkeras4j.timing=true}.
 */
@EnabledIfSystemProperty(named = "keras4j.timing", matches = "true")
class BidirectionalStepTiming {
    private static final int STEPS = 20;
    private static final int BATCH = 32;

    @Test
    void trainingStep_maskedBidirectional() {
        for (int round = 0; round < 2; round++) {
            // the features mask given to DL4J's bidirectional layer directly: the translation before masks chose keras4j's
            time("Bidirectional(LSTM(16)), masked, DL4J's", () -> new LSTM(16), false, true);
            time("Bidirectional(LSTM(16)), masked", () -> new LSTM(16), true, true);
            time("Bidirectional(LSTM(16)), no mask", () -> new LSTM(16), false, false);
            Dl4jRecurrentLayers.forceKerasRecurrent(true);
            try {
                time("Bidirectional(LSTM(16)), no mask, keras4j's", () -> new LSTM(16), false, false);
            } finally {
                Dl4jRecurrentLayers.forceKerasRecurrent(false);
            }
            time("Bidirectional(GRU(16)), masked", () -> new GRU(16), true, true);
        }
    }

    private static void time(String what, Supplier<org.keras4j.layers.rnn.BaseRNN<?>> rnn, boolean maskZero,
                             boolean masked) {
        Keras.setRandomSeed(1);
        Sequential model = new Sequential(new Input(STEPS), new Embedding(10, 8).withMaskZero(maskZero),
                new Bidirectional(rnn.get()), new Dense(1, "sigmoid"));
        try {
            model.compile("adam", "binary_crossentropy");
        } catch (IllegalArgumentException e) {
            System.out.println("TIMING " + what + ": " + e.getMessage());
            return;
        }
        MultiLayerNetwork net = (MultiLayerNetwork) model.network().unwrap();
        Random r = new Random(2);
        INDArray x = Nd4j.zeros(DataType.FLOAT, BATCH, STEPS);
        INDArray mask = Nd4j.zeros(DataType.FLOAT, BATCH, STEPS);
        INDArray y = Nd4j.zeros(DataType.FLOAT, BATCH, 1);
        for (int i = 0; i < BATCH; i++) {
            int length = 5 + r.nextInt(STEPS - 4);
            for (int t = 0; t < length; t++) {
                x.putScalar(i, t, 1 + r.nextInt(9));
                mask.putScalar(i, t, 1);
            }
            y.putScalar(i, 0, i % 2);
        }
        INDArray featuresMask = masked ? mask : null;
        for (int i = 0; i < 10; i++) {
            net.fit(x, y, featuresMask, null);
        }
        int steps = 40;
        long start = System.nanoTime();
        for (int i = 0; i < steps; i++) {
            net.fit(x, y, featuresMask, null);
        }
        double ms = (System.nanoTime() - start) / 1e6 / steps;
        System.out.println(String.format(Locale.ROOT, "TIMING %-36s train %7.2f ms/step (%s)", what, ms,
                net.getLayer(1).getClass().getSimpleName()));
    }
}
