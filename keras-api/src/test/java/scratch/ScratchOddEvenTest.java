package scratch;

import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.keras4j.*;
import org.keras4j.callbacks.History;
import org.keras4j.layers.core.*;
import org.keras4j.layers.rnn.*;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ScratchOddEvenTest {
    static final int MAX_LENGTH = 20;
    record Sequences(INDArray x, INDArray y) {}
    public static Sequences sequences(int n, long seed) {
        Random r = new Random(seed);
        float[] x = new float[n * MAX_LENGTH];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            int length = 1 + r.nextInt(MAX_LENGTH);
            int odd = 0;
            for (int t = MAX_LENGTH - length; t < MAX_LENGTH; t++) {
                int digit = 1 + r.nextInt(9);
                x[i * MAX_LENGTH + t] = digit;
                odd += digit % 2;
            }
            y[i] = odd > length - odd ? 1 : 0;
        }
        return new Sequences(Nd4j.create(x, new long[] {n, MAX_LENGTH}, 'c'), Nd4j.create(y, new long[] {n, 1}, 'c'));
    }

    @Test
    void run() {
        Sequences train = sequences(6000, 0), test = sequences(2000, 1);
        Keras.setRandomSeed(0);
        Sequential model = new Sequential(new Input(MAX_LENGTH), new Embedding(10, 8).withMaskZero(true),
                new Bidirectional(new LSTM(16)), new Dense(1, "sigmoid"));
        model.compile("adam", "binary_crossentropy", "accuracy");
        long t0 = System.nanoTime();
        History h = model.fit(train.x(), train.y(), FitOptions.defaults().epochs(12).batchSize(32).verbose(0));
        System.out.println("SCRATCH time " + (System.nanoTime() - t0) / 1e9 + " acc " + h.get("accuracy"));
        System.out.println("SCRATCH test " + model.evaluate(test.x(), test.y()));
    }
}
