package org.keras4j.models.zoo;

import org.keras4j.Sequential;
import org.keras4j.layers.core.Dense;
import org.keras4j.layers.core.Input;

/**
 * The course's multilayer perceptrons on tabular data, uncompiled (the course compiles them with Adam).
 *
 * <ul>
 *   <li>{@link #concreteRegression}: the concrete-strength assignment's network, ReLU hidden layers and one linear
 *       output; compile with {@code "mean_squared_error"}.</li>
 *   <li>{@link #carEvaluation}: the car-evaluation classifier, {@code Dense(64, relu)}, {@code Dense(32, relu)},
 *       softmax; compile with {@code "categorical_crossentropy"} on one-hot labels.</li>
 * </ul>
 *
 * <pre>{@code
 * Sequential model = CourseMlp.concreteRegression(8, 10, 10, 10);
 * // the same as
 * Sequential same = new Sequential(new Input(8), new Dense(10, "relu"), new Dense(10, "relu"),
 *         new Dense(10, "relu"), new Dense(1));
 * model.compile("adam", "mean_squared_error");
 * }</pre>
 */
public final class CourseMlp {
    /** The assignment's baseline: one hidden layer of 10 units. */
    public static final int[] CONCRETE_HIDDEN = {10};

    private CourseMlp() {
    }

    /** The assignment's baseline on the 8 concrete features: {@code Input(8)}, {@code Dense(10, relu)}, {@code Dense(1)}. */
    public static Sequential concreteRegression() {
        return concreteRegression(8, CONCRETE_HIDDEN);
    }

    /**
     * {@code Input(features)}, a {@code Dense(units, "relu")} per entry of {@code hiddenUnits}, {@code Dense(1)}.
     *
     * @throws IllegalArgumentException if {@code features} or a unit count is not positive
     */
    public static Sequential concreteRegression(int features, int... hiddenUnits) {
        requirePositive(features, "features");
        if (hiddenUnits == null) {
            throw new IllegalArgumentException("hiddenUnits must not be null (give none for a linear regression)");
        }
        Sequential model = new Sequential(new Input(features));
        for (int i = 0; i < hiddenUnits.length; i++) {
            requirePositive(hiddenUnits[i], "hiddenUnits[" + i + "]");
            model.add(new Dense(hiddenUnits[i], "relu"));
        }
        model.add(new Dense(1));
        return model;
    }

    /**
     * {@code Input(features)}, {@code Dense(64, "relu")}, {@code Dense(32, "relu")}, {@code Dense(classes,
     * "softmax")}: 21 one-hot features and 4 classes for the car-evaluation data.
     *
     * @throws IllegalArgumentException if a size is not positive
     */
    public static Sequential carEvaluation(int features, int classes) {
        requirePositive(features, "features");
        requirePositive(classes, "classes");
        return new Sequential(
                new Input(features),
                new Dense(64, "relu"),
                new Dense(32, "relu"),
                new Dense(classes, "softmax"));
    }

    static void requirePositive(long value, String name) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }
}
