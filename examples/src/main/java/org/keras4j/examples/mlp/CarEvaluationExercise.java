package org.keras4j.examples.mlp;

import java.util.Map;
import org.keras4j.FitOptions;
import org.keras4j.Keras;
import org.keras4j.Sequential;
import org.keras4j.datasets.CarEvaluation;
import org.keras4j.datasets.ClassificationData;
import org.keras4j.datasets.Split;
import org.keras4j.datasets.TrainTest;
import org.keras4j.examples.Exercise;
import org.keras4j.examples.ExerciseContext;
import org.keras4j.examples.ExerciseResult;
import org.keras4j.models.zoo.CourseMlp;

/**
 * Car evaluation: six categorical attributes one-hot encoded (21 inputs), a ReLU MLP and a
 * 4-class softmax (unacc, acc, good, vgood), {@link CourseMlp#carEvaluation}; test accuracy on a seeded 70/30 split.
 *
 * <pre>{@code
 * ./keras4j run car-evaluation
 * }</pre>
 */
public final class CarEvaluationExercise implements Exercise {
    @Override
    public String name() {
        return "car-evaluation";
    }

    @Override
    public String title() {
        return "Car evaluation: one-hot inputs, 4-class softmax classifier";
    }

    @Override
    public ExerciseResult run(ExerciseContext ctx) {
        ClassificationData data = ctx.dataDir()
                .map(dir -> dir.resolve("car").resolve("car.csv"))
                .filter(java.nio.file.Files::isRegularFile)
                .map(CarEvaluation::load)
                .orElseGet(CarEvaluation::load);
        double accuracy = testAccuracy(data, 0);
        ctx.out().printf("test accuracy %.4f on %d held-out cars%n", accuracy, Math.round(data.numRows() * 0.3));
        return ExerciseResult.of("test accuracy", accuracy);
    }

    /** Trains on 70 % of the cars and returns the accuracy on the rest. */
    public static double testAccuracy(ClassificationData data, long seed) {
        TrainTest<ClassificationData> split = Split.trainTest(data, 0.3, seed);
        Keras.setRandomSeed(seed);
        Sequential model = CourseMlp.carEvaluation(data.numFeatures(), data.numClasses());
        model.compile("adam", "categorical_crossentropy", "accuracy");
        model.fit(split.train().x(), split.train().yOneHot(), FitOptions.defaults().epochs(60).batchSize(32).verbose(0));
        Map<String, Double> scores = model.evaluate(split.test().x(), split.test().yOneHot());
        return scores.get("accuracy");
    }
}
