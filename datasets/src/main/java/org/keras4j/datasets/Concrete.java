package org.keras4j.datasets;

import java.nio.file.Path;
import java.util.List;

/**
 * The Concrete Compressive Strength dataset (UCI): predict the strength of concrete from its mixture and age, the
 * regression exercise of the Keras course ({@code concrete_data.csv}).
 *
 * <p>{@link #load()} returns all 1030 rows, in file order (split them with {@link Split}):
 * <ul>
 *   <li>{@code x}: {@code [1030, 8]} float, columns {@link #FEATURES}: {@code Cement}, {@code Blast Furnace Slag},
 *       {@code Fly Ash}, {@code Water}, {@code Superplasticizer}, {@code Coarse Aggregate}, {@code Fine Aggregate}
 *       (kg per m³ of mixture) and {@code Age} (days, 1 to 365);</li>
 *   <li>{@code y}: {@code [1030, 1]} float, {@link #TARGET} {@code Strength}, compressive strength in MPa
 *       (2.33 to 82.6, mean 35.82).</li>
 * </ul>
 * The first row is {@code 540, 0, 0, 162, 2.5, 1040, 676, 28 -> 79.99}. The file has 25 exact duplicate rows, as the
 * UCI original. The values are unscaled: standardize them with a {@link StandardScaler} fit on the training rows.
 *
 * <p>Creator: Prof. I-Cheng Yeh. Licence: CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/), as the UCI
 * Machine Learning Repository states; source: https://archive.ics.uci.edu/dataset/165/concrete+compressive+strength.
 * Cite: I-C. Yeh, "Modeling of strength of high performance concrete using artificial neural networks", Cement and
 * Concrete Research 28(12):1797-1808, 1998. The bundled copy and its provenance are the resources
 * {@code org/keras4j/datasets/concrete_data.csv}, {@code CONCRETE_SOURCE.md} and {@code DATA_LICENSE.md}.
 *
 * <pre>{@code
 * TrainTest<TabularData> split = Split.trainTest(Concrete.load(), 0.3, 42);
 * StandardScaler scaler = new StandardScaler();
 * INDArray xTrain = scaler.fitTransform(split.train().x());
 * INDArray xTest = scaler.transform(split.test().x());
 * }</pre>
 */
public final class Concrete {

    /** The target column. */
    public static final String TARGET = "Strength";

    /** The feature columns, in the order of {@code x}'s columns. */
    public static final List<String> FEATURES = List.of("Cement", "Blast Furnace Slag", "Fly Ash", "Water",
            "Superplasticizer", "Coarse Aggregate", "Fine Aggregate", "Age");

    private static final String RESOURCE = "concrete_data.csv";

    private Concrete() {
    }

    /**
     * The bundled dataset: {@code x [1030, 8]}, {@code y [1030, 1]}.
     *
     * @throws IllegalStateException if the bundled file is missing from the jar
     */
    public static TabularData load() {
        return TabularCsv.read(CsvTable.resource(RESOURCE), TARGET, FEATURES);
    }

    /**
     * Reads a user's copy of the dataset: a CSV file whose header has the columns {@link #FEATURES} and
     * {@link #TARGET} (in any order; other columns are ignored). {@code x} has {@link #FEATURES}'s column order.
     *
     * @param file the CSV file
     * @throws IllegalArgumentException if the file is missing, lacks one of the columns (the message lists the
     *                                  columns it has), or holds a cell that is not a number
     */
    public static TabularData load(Path file) {
        return TabularCsv.read(file, TARGET, FEATURES);
    }
}
