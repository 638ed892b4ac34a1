package org.keras4j.internal.dl4j.layers;

import org.keras4j.FitOptions;
import org.keras4j.Sequential;
import org.keras4j.layers.convolutional.Conv2D;
import org.keras4j.layers.core.Dense;
import org.keras4j.layers.core.Input;
import org.keras4j.layers.pooling.MaxPooling2D;
import org.keras4j.layers.reshaping.Flatten;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Not a test: W2's network fits {@code args[0]} batches of 64, for whole-process A/B timing. */
public final class CnnFitMain {
    private CnnFitMain() {
    }

    public static void main(String[] args) {
        int batches = Integer.parseInt(args[0]);
        Sequential model = new Sequential(new Input(28, 28, 1),
                new Conv2D(16, 5, "relu").withPadding("same"), new MaxPooling2D(2),
                new Conv2D(32, 5, "relu").withPadding("same"), new MaxPooling2D(2),
                new Flatten(), new Dense(10, "softmax"));
        model.compile("adam", "categorical_crossentropy");
        Nd4j.getRandom().setSeed(1);
        INDArray x = Nd4j.rand(DataType.FLOAT, 64L * batches, 28, 28, 1);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 64L * batches, 10);
        for (int i = 0; i < 64 * batches; i++) {
            y.putScalar(i, i % 10, 1f);
        }
        model.fit(x, y, FitOptions.defaults().epochs(1).batchSize(64).verbose(0));
    }
}
