package org.keras4j.examples.linear;

import java.io.PrintWriter;
import java.util.List;
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
 * The course's logistic regression: one sigmoid unit trained with binary cross-entropy to
 * separate x &lt; 0.2 from x &ge; 0.2 on a 1-D grid.
 *
 * <pre>{@code
 * ./keras4j run logistic-regression
 * }</pre>
 */
public final class LogisticRegressionExercise implements Exercise {
    @Override
    public String name() {
        return "logistic-regression";
    }

    @Override
    public String title() {
        return "Logistic regression: one sigmoid unit, binary cross-entropy, 1-D threshold";
    }

    @Override
    public ExerciseResult run(ExerciseContext ctx) {
        PrintWriter out = ctx.out();
        Keras.setRandomSeed(0);
        INDArray x = Nd4j.arange(-1, 1, 0.1).castTo(DataType.FLOAT).reshape(-1, 1);
        INDArray y = x.gte(0.2).castTo(DataType.FLOAT);

        Sequential model = new Sequential(new Input(1), new Dense(1, "sigmoid"));
        model.compile(new SGD(2.0), "binary_crossentropy", "accuracy");
        model.fit(x, y, FitOptions.defaults().epochs(100).batchSize(20).verbose(0));

        Map<String, Double> scores = model.evaluate(x, y);
        List<INDArray> w = model.getWeights();   // kernel [1, 1], bias [1]
        out.printf("decision boundary at x = %.3f (true 0.2); loss %.4f, accuracy %.3f%n",
                -w.get(1).getDouble(0) / w.get(0).getDouble(0, 0), scores.get("loss"), scores.get("accuracy"));
        return ExerciseResult.of("accuracy", scores.get("accuracy")).withPassed(scores.get("accuracy") >= 0.95);
    }
}
