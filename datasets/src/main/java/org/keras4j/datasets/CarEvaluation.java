package org.keras4j.datasets;

import java.nio.file.Path;
import java.util.List;

/**
 * The Car Evaluation dataset (UCI): classify a car's acceptability from six categorical attributes, the
 * classification exercise of the Keras course.
 *
 * <p>{@link #load()} returns all 1728 rows (every combination of the attributes once, sorted by attribute, not
 * shuffled: split them with {@link Split}):
 * <ul>
 *   <li>{@code x}: {@code [1728, 21]} float, the six attributes one-hot encoded by DataVec, in the order of the UCI
 *       documentation: {@code buying} (vhigh, high, med, low), {@code maint} (vhigh, high, med, low), {@code doors}
 *       (2, 3, 4, 5more), {@code persons} (2, 4, more), {@code lug_boot} (small, med, big), {@code safety} (low, med,
 *       high); feature names are {@code buying[vhigh]}, {@code buying[high]}, ..., {@code safety[high]};</li>
 *   <li>{@code y}: {@code [1728, 1]} class indices and {@code yOneHot}: {@code [1728, 4]}, for {@link #LABELS}
 *       {@code unacc} (0, 1210 rows), {@code acc} (1, 384), {@code good} (2, 69), {@code vgood} (3, 65).</li>
 * </ul>
 * The first row is {@code vhigh, vhigh, 2, 2, small, low -> unacc}.
 *
 * <p>Creator: Marko Bohanec (donors Marko Bohanec and Blaz Zupan, 1997). Licence: CC BY 4.0
 * (https://creativecommons.org/licenses/by/4.0/), as the UCI Machine Learning Repository states; source:
 * https://archive.ics.uci.edu/dataset/19/car+evaluation. Cite: M. Bohanec and V. Rajkovic, "Knowledge acquisition
 * and explanation for multi-attribute decision making", 8th Intl Workshop on Expert Systems and their Applications,
 * Avignon, 1988. The bundled copy and its provenance are the resources {@code org/keras4j/datasets/car.csv},
 * {@code car.names}, {@code CAR_SOURCE.md} and {@code DATA_LICENSE.md}.
 *
 * <pre>{@code
 * TrainTest<ClassificationData> split = Split.trainTest(CarEvaluation.load(), 0.3, 42);
 * model.fit(split.train().x(), split.train().yOneHot(), 30);
 * }</pre>
 */
public final class CarEvaluation {

    /** The label column. */
    public static final String LABEL = "class";

    /** The class names, in class-index order. */
    public static final List<String> LABELS = List.of("unacc", "acc", "good", "vgood");

    /** The attribute columns, in the order of their one-hot blocks in {@code x}. */
    public static final List<String> FEATURES = List.of("buying", "maint", "doors", "persons", "lug_boot", "safety");

    private static final String RESOURCE = "car.csv";

    private static final CategoricalCsv.Options OPTIONS = CategoricalCsv.Options.defaults()
            .features(FEATURES.toArray(new String[0]))
            .categories("buying", "vhigh", "high", "med", "low")
            .categories("maint", "vhigh", "high", "med", "low")
            .categories("doors", "2", "3", "4", "5more")
            .categories("persons", "2", "4", "more")
            .categories("lug_boot", "small", "med", "big")
            .categories("safety", "low", "med", "high")
            .categories(LABEL, LABELS.toArray(new String[0]));

    private CarEvaluation() {
    }

    /**
     * The bundled dataset: {@code x [1728, 21]}, {@code y [1728, 1]}, {@code yOneHot [1728, 4]}.
     *
     * @throws IllegalStateException if the bundled file is missing from the jar
     */
    public static ClassificationData load() {
        return CategoricalCsv.read(CsvTable.resource(RESOURCE), LABEL, OPTIONS);
    }

    /**
     * Reads a user's copy of the dataset: a CSV file with a header naming {@link #FEATURES} and {@link #LABEL} (in any
     * order), values spelled as in the UCI {@code car.data} ({@code vhigh}, {@code 5more}, {@code vgood}). The
     * encoding is the same as {@link #load()}'s, even if the file lacks some category.
     *
     * @param file the CSV file
     * @throws IllegalArgumentException if the file is missing, lacks a column (the message lists the columns it has),
     *                                  or holds a value outside its column's categories
     */
    public static ClassificationData load(Path file) {
        return CategoricalCsv.read(file, LABEL, OPTIONS);
    }
}
