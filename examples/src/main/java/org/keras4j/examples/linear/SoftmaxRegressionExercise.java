package org.keras4j.examples.linear;

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
import org.keras4j.optimizers.SGD;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The course's softmax regression: three Gaussian classes in the plane, one softmax layer,
 * sparse categorical cross-entropy on class indices.
 *
 * <pre>{@code
 * ./keras4j run softmax-regression
 * }</pre>
 */
public final class SoftmaxRegressionExercise implements Exercise {
    private static final double[][] CENTRES = {{-2, -2}, {2, -2}, {0, 2}};

    @Override
    public String name() {
        return "softmax-regression";
    }

    @Override
    public String title() {
        return "Softmax regression on three 2-D classes";
    }

    @Override
    public ExerciseResult run(ExerciseContext ctx) {
        PrintWriter out = ctx.out();
        Keras.setRandomSeed(0);
        int perClass = 100;
        INDArray x = Nd4j.randn(DataType.FLOAT, 3L * perClass, 2).muli(0.8);
        INDArray y = Nd4j.create(DataType.FLOAT, 3L * perClass);
        for (int c = 0; c < 3; c++) {
            for (int i = c * perClass; i < (c + 1) * perClass; i++) {
                x.putScalar(i, 0, x.getDouble(i, 0) + CENTRES[c][0]);
                x.putScalar(i, 1, x.getDouble(i, 1) + CENTRES[c][1]);
                y.putScalar(i, c);
            }
        }
        Sequential model = new Sequential(new Input(2), new Dense(3, "softmax"));
        model.compile(new SGD(0.1), "sparse_categorical_crossentropy", "accuracy");
        model.fit(x, y, FitOptions.defaults().epochs(30).batchSize(16).verbose(0));
        Map<String, Double> scores = model.evaluate(x, y);
        out.printf("loss %.4f, accuracy %.3f on %d points of 3 classes%n", scores.get("loss"), scores.get("accuracy"), 3 * perClass);
        return ExerciseResult.of("accuracy", scores.get("accuracy")).withPassed(scores.get("accuracy") >= 0.95);
    }
}
