package org.keras4j.examples.mlp;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.keras4j.FitOptions;
import org.keras4j.Functional;
import org.keras4j.callbacks.History;
import org.keras4j.Keras;
import org.keras4j.KerasTensor;
import org.keras4j.datasets.CarEvaluation;
import org.keras4j.datasets.ClassificationData;
import org.keras4j.datasets.Split;
import org.keras4j.datasets.TrainTest;
import org.keras4j.examples.Exercise;
import org.keras4j.examples.ExerciseContext;
import org.keras4j.examples.ExerciseResult;
import org.keras4j.layers.core.Dense;
import org.keras4j.layers.merging.Concatenate;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Car evaluation with the functional API, two inputs and two outputs: the price attributes
 * ({@code buying}, {@code maint}, one-hot, 8 columns) and the technical ones ({@code doors},
 * {@code persons}, {@code lug_boot}, {@code safety}, 13 columns) each go through a Dense branch
 * of their own, {@code Concatenate} joins the branches, and two heads read the joint
 * representation: {@code rating}, the 4-way class (softmax, sparse categorical cross-entropy),
 * and {@code acceptable}, whether the car is rated {@code acc} or better (sigmoid, binary
 * cross-entropy, loss weight {@value #ACCEPTABLE_LOSS_WEIGHT}). Test accuracy of both heads on a
 * seeded 70/30 split.
 *
 * <pre>{@code
 * ./keras4j run car-two-inputs
 * }</pre>
 */
public final class TwoInputExercise implements Exercise {
    /** The attributes of the price input; the others are the technical input. */
    public static final List<String> PRICE_ATTRIBUTES = List.of("buying", "maint");
    public static final int EPOCHS = 30;
    public static final int BATCH_SIZE = 32;
    public static final double ACCEPTABLE_LOSS_WEIGHT = 0.5;
    /** What the acceptance test asks of the two heads on the seed-0 split. */
    public static final double REFERENCE_RATING_ACCURACY = 0.98;
    public static final double REFERENCE_ACCEPTABLE_ACCURACY = 0.98;

    @Override
    public String name() {
        return "car-two-inputs";
    }

    @Override
    public String title() {
        return "Car evaluation, functional API: price and technical inputs, class and acceptable outputs";
    }

    /**
     * The cars as the model's two inputs and two targets.
     *
     * @param price      {@code [n, 8]}: buying and maint, one-hot
     * @param technical  {@code [n, 13]}: doors, persons, lug_boot and safety, one-hot
     * @param rating     {@code [n, 1]}: class index (unacc, acc, good, vgood)
     * @param acceptable {@code [n, 1]}: 1 when the class is acc or better, else 0
     */
    public record Cars(INDArray price, INDArray technical, INDArray rating, INDArray acceptable) {
        /** Splits the one-hot columns by attribute (a feature is named {@code attribute[value]}). */
        public static Cars of(ClassificationData data) {
            List<Integer> price = new ArrayList<>();
            List<Integer> technical = new ArrayList<>();
            List<String> names = data.featureNames();
            for (int c = 0; c < names.size(); c++) {
                String attribute = names.get(c).substring(0, names.get(c).indexOf('['));
                (PRICE_ATTRIBUTES.contains(attribute) ? price : technical).add(c);
            }
            INDArray x = data.x();
            INDArray y = data.y();
            return new Cars(x.getColumns(toArray(price)), x.getColumns(toArray(technical)), y,
                    y.gte(1).castTo(DataType.FLOAT));
        }

        private static int[] toArray(List<Integer> xs) {
            return xs.stream().mapToInt(Integer::intValue).toArray();
        }

        public List<INDArray> inputs() {
            return List.of(price, technical);
        }

        public List<INDArray> targets() {
            return List.of(rating, acceptable);
        }
    }

    /** Both heads' test accuracies and the training history (keys {@code rating_loss}, {@code acceptable_loss}, ...). */
    public record Outcome(double ratingAccuracy, double acceptableAccuracy, Map<String, Double> testScores,
                          History history) {
    }

    /** The two-branch, two-head model, compiled. */
    public static Functional model(long priceColumns, long technicalColumns) {
        KerasTensor price = Keras.input("price", priceColumns);
        KerasTensor technical = Keras.input("technical", technicalColumns);
        KerasTensor p = new Dense(16, "relu").withName("price_features").apply(price);
        KerasTensor t = new Dense(32, "relu").withName("technical_features").apply(technical);
        KerasTensor joint = new Concatenate().withName("joint").apply(p, t);
        joint = new Dense(64, "relu").withName("hidden").apply(joint);
        KerasTensor rating = new Dense(CarEvaluation.LABELS.size(), "softmax").withName("rating").apply(joint);
        KerasTensor acceptable = new Dense(1, "sigmoid").withName("acceptable").apply(joint);
        Functional model = new Functional("car_two_inputs", List.of(price, technical), List.of(rating, acceptable));
        model.compile("adam", List.of("sparse_categorical_crossentropy", "binary_crossentropy"),
                List.of(1.0, ACCEPTABLE_LOSS_WEIGHT), List.of(List.of("accuracy"), List.of("accuracy")));
        return model;
    }

    /** Trains on 70 % of the cars (seeded split and weights) and scores both heads on the rest. */
    public static Outcome train(ClassificationData data, long seed, ExerciseContext ctx) {
        TrainTest<ClassificationData> split = Split.trainTest(data, 0.3, seed);
        Cars train = Cars.of(split.train());
        Cars test = Cars.of(split.test());
        Keras.setRandomSeed(seed);
        Functional model = model(train.price().columns(), train.technical().columns());
        if (ctx != null) {
            model.summary(ctx.out()::println);
        }
        History history = model.fit(train.inputs(), train.targets(),
                FitOptions.defaults().epochs(EPOCHS).batchSize(BATCH_SIZE).verbose(0));
        Map<String, Double> scores = model.evaluate(test.inputs(), test.targets());
        return new Outcome(scores.get("rating_accuracy"), scores.get("acceptable_accuracy"), scores, history);
    }

    /** The car data from {@code --data DIR/car/car.csv} when present, else the bundled copy. */
    static ClassificationData load(ExerciseContext ctx) {
        return ctx.dataDir()
                .map(dir -> dir.resolve("car").resolve("car.csv"))
                .filter(Files::isRegularFile)
                .map(CarEvaluation::load)
                .orElseGet(CarEvaluation::load);
    }

    @Override
    public ExerciseResult run(ExerciseContext ctx) {
        Outcome o = train(load(ctx), 0, ctx);
        History h = o.history();
        ctx.out().printf("rating loss %.4f -> %.4f, acceptable loss %.4f -> %.4f over %d epochs%n",
                h.get("rating_loss").get(0), h.last("rating_loss"), h.get("acceptable_loss").get(0),
                h.last("acceptable_loss"), h.size());
        ctx.out().printf("test: loss %.4f, rating accuracy %.4f, acceptable accuracy %.4f%n",
                o.testScores().get("loss"), o.ratingAccuracy(), o.acceptableAccuracy());
        return ExerciseResult.of("rating / acceptable test accuracy", o.ratingAccuracy(),
                        String.format(java.util.Locale.ROOT, "%.4f / %.4f", o.ratingAccuracy(), o.acceptableAccuracy()))
                .withPassed(o.ratingAccuracy() >= REFERENCE_RATING_ACCURACY
                        && o.acceptableAccuracy() >= REFERENCE_ACCEPTABLE_ACCURACY);
    }
}
