package org.keras4j.examples.mlp;

import java.io.PrintWriter;
import java.util.Map;
import org.keras4j.FitOptions;
import org.keras4j.Keras;
import org.keras4j.Sequential;
import org.keras4j.examples.Exercise;
import org.keras4j.examples.ExerciseContext;
import org.keras4j.examples.ExerciseResult;
import org.keras4j.layers.core.Dense;
import org.keras4j.layers.core.Input;
import org.keras4j.optimizers.Adam;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * XOR, the problem one linear unit cannot solve: a 2-4-1 network of sigmoid units with binary
 * cross-entropy.
 *
 * <pre>{@code
 * ./keras4j run xor
 * }</pre>
 */
public final class XorExercise implements Exercise {
    @Override
    public String name() {
        return "xor";
    }

    @Override
    public String title() {
        return "XOR with a 2-4-1 sigmoid network and binary cross-entropy";
    }

    @Override
    public ExerciseResult run(ExerciseContext ctx) {
        PrintWriter out = ctx.out();
        Keras.setRandomSeed(0);
        INDArray x = Nd4j.createFromArray(new float[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}});
        INDArray y = Nd4j.createFromArray(new float[][] {{0}, {1}, {1}, {0}});

        Sequential model = new Sequential(new Input(2), new Dense(4, "sigmoid"), new Dense(1, "sigmoid"));
        model.compile(new Adam(0.1), "binary_crossentropy", "accuracy");
        model.fit(x, y, FitOptions.defaults().epochs(500).batchSize(4).verbose(0));

        INDArray p = model.predict(x);
        for (int i = 0; i < 4; i++) {
            out.printf("%s xor %s -> %.3f%n", (int) x.getDouble(i, 0), (int) x.getDouble(i, 1), p.getDouble(i, 0));
        }
        Map<String, Double> scores = model.evaluate(x, y);
        return ExerciseResult.of("accuracy", scores.get("accuracy"))
                .withDetails(String.format(java.util.Locale.ROOT, "loss %.4f", scores.get("loss")))
                .withPassed(scores.get("accuracy") == 1.0);
    }
}
