package org.keras4j.datasets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.datavec.api.records.reader.RecordReader;
import org.datavec.api.records.reader.impl.collection.CollectionRecordReader;
import org.datavec.api.records.reader.impl.transform.TransformProcessRecordReader;
import org.datavec.api.transform.TransformProcess;
import org.datavec.api.transform.schema.Schema;
import org.datavec.api.writable.DoubleWritable;
import org.datavec.api.writable.Text;
import org.datavec.api.writable.Writable;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Reads a CSV file of categorical columns and a class label, one-hot encoding the features and indexing the label
 * with DataVec transforms ({@code categoricalToOneHot}, {@code categoricalToInteger}), as
 * {@code pd.get_dummies(x)} and a label encoder do in the Keras course.
 *
 * <p>Every feature column is categorical unless {@link Options#numeric} names it. A categorical column's categories are
 * the ones {@link Options#categories} declares, in that order (e.g. the dataset's documentation order), or else the
 * values that occur, sorted (numerically when all are numbers, else alphabetically), so the encoding never depends
 * on row order. A one-hot column is named {@code column[category]}, as DataVec names it. The label is categorical in
 * the same way; its categories become {@link ClassificationData#labelNames()}.
 *
 * <pre>{@code
 * ClassificationData data = CategoricalCsv.read(Path.of("car.csv"), "class",
 *         CategoricalCsv.Options.defaults().categories("class", "unacc", "acc", "good", "vgood"));
 * data.featureNames();   // [buying[high], buying[low], ...]
 * }</pre>
 */
public final class CategoricalCsv {

    private CategoricalCsv() {
    }

    /**
     * Reads every column but {@code label} as a categorical feature, categories sorted.
     *
     * @param file  a CSV file with a header line
     * @param label the name of the label column
     * @throws IllegalArgumentException if the file is missing or empty, a row has the wrong number of values, or
     *                                  the label column does not exist (the message lists the columns)
     */
    public static ClassificationData read(Path file, String label) {
        return read(CsvTable.read(file), label, Options.defaults());
    }

    /**
     * Reads a CSV file with the given options.
     *
     * @param file    a CSV file with a header line
     * @param label   the name of the label column
     * @param options feature columns, declared categories, numeric columns
     * @throws IllegalArgumentException as {@link #read(Path, String)}, and if an option names a missing column, a
     *                                  cell is not one of its column's declared categories, or a numeric cell is
     *                                  not a number
     */
    public static ClassificationData read(Path file, String label, Options options) {
        if (options == null) {
            throw new IllegalArgumentException("options must not be null; use Options.defaults()");
        }
        return read(CsvTable.read(file), label, options);
    }

    static ClassificationData read(CsvTable table, String label, Options options) {
        int labelColumn = table.column(label, "label");
        List<String> features = new ArrayList<>();
        if (options.features == null) {
            for (String name : table.header()) {
                if (!name.equals(label)) {
                    features.add(name);
                }
            }
            if (features.isEmpty()) {
                throw new IllegalArgumentException(table.source() + " has only the label column '" + label
                        + "'; at least one feature column is needed");
            }
        } else {
            for (String feature : options.features) {
                if (feature.equals(label)) {
                    throw new IllegalArgumentException("features must not include the label column '" + label
                            + "': " + options.features);
                }
                table.column(feature, "feature");
                features.add(feature);
            }
        }
        for (String name : options.categories.keySet()) {
            table.column(name, "categorical");
            if (!name.equals(label) && !features.contains(name)) {
                throw new IllegalArgumentException("categories are declared for column '" + name
                        + "', which is neither a feature nor the label; the features are " + features);
            }
        }
        for (String name : options.numeric) {
            table.column(name, "numeric");
            if (name.equals(label)) {
                throw new IllegalArgumentException("the label column '" + label
                        + "' cannot be numeric: a class label is categorical");
            }
            if (!features.contains(name)) {
                throw new IllegalArgumentException("numeric column '" + name + "' is not a feature; the features are "
                        + features);
            }
            if (options.categories.containsKey(name)) {
                throw new IllegalArgumentException("column '" + name + "' is declared both numeric and categorical");
            }
        }

        // schema over the chosen columns: features in order, then the label
        List<String> columns = new ArrayList<>(features);
        columns.add(label);
        int[] source = new int[columns.size()];
        Schema.Builder schema = new Schema.Builder();
        List<String> oneHot = new ArrayList<>();
        List<String> labelNames = null;
        for (int j = 0; j < columns.size(); j++) {
            String name = columns.get(j);
            source[j] = j == columns.size() - 1 ? labelColumn : table.column(name, "feature");
            if (options.numeric.contains(name)) {
                schema.addColumnDouble(name);
            } else {
                List<String> categories = categories(table, source[j], options.categories.get(name));
                schema.addColumnCategorical(name, categories);
                if (j == columns.size() - 1) {
                    labelNames = categories;
                } else {
                    oneHot.add(name);
                }
            }
        }
        TransformProcess.Builder process = new TransformProcess.Builder(schema.build());
        if (!oneHot.isEmpty()) {
            process.categoricalToOneHot(oneHot.toArray(new String[0]));
        }
        TransformProcess transform = process.categoricalToInteger(label).build();

        int n = table.numRows();
        List<List<Writable>> records = new ArrayList<>(n);
        for (int r = 0; r < n; r++) {
            List<Writable> record = new ArrayList<>(columns.size());
            for (int j = 0; j < columns.size(); j++) {
                record.add(options.numeric.contains(columns.get(j))
                        ? new DoubleWritable(table.number(r, source[j]))
                        : new Text(table.cell(r, source[j])));
            }
            records.add(record);
        }

        List<String> finalColumns = transform.getFinalSchema().getColumnNames();
        List<String> featureNames = finalColumns.subList(0, finalColumns.size() - 1);
        int f = featureNames.size();
        float[][] x = new float[n][f];
        float[][] y = new float[n][1];
        try (RecordReader reader = new TransformProcessRecordReader(new CollectionRecordReader(records), transform)) {
            for (int r = 0; r < n; r++) {
                List<Writable> out = reader.next();
                for (int c = 0; c < f; c++) {
                    x[r][c] = out.get(c).toFloat();
                }
                y[r][0] = out.get(f).toFloat();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in-memory records: not expected
        }
        return new ClassificationData(Nd4j.createFromArray(x), Nd4j.createFromArray(y), featureNames, labelNames);
    }

    /** Declared categories after checking every cell against them, or the sorted distinct values. */
    private static List<String> categories(CsvTable table, int column, List<String> declared) {
        if (declared != null) {
            Set<String> allowed = new HashSet<>(declared);
            for (int r = 0; r < table.numRows(); r++) {
                String value = table.cell(r, column);
                if (!allowed.contains(value)) {
                    throw table.cellError(r, column, "'" + value + "' is not one of the declared categories "
                            + declared);
                }
            }
            return declared;
        }
        Set<String> values = new LinkedHashSet<>();
        boolean numeric = true;
        for (int r = 0; r < table.numRows(); r++) {
            String value = table.cell(r, column);
            values.add(value);
            numeric &= CsvTable.isNumber(value);
        }
        Comparator<String> order = numeric
                ? Comparator.<String>comparingDouble(Double::parseDouble).thenComparing(Comparator.naturalOrder())
                : Comparator.naturalOrder();
        TreeSet<String> sorted = new TreeSet<>(order);
        sorted.addAll(values);
        return List.copyOf(sorted);
    }

    /**
     * Which columns to read and how, for {@link CategoricalCsv#read(Path, String, Options)}; immutable, each method
     * returns a new copy.
     *
     * <pre>{@code
     * CategoricalCsv.Options.defaults()
     *         .features("buying", "safety")
     *         .categories("safety", "low", "med", "high")
     * }</pre>
     */
    public static final class Options {

        private final List<String> features;                 // null: every column but the label
        private final Map<String, List<String>> categories;  // declared category order per column
        private final Set<String> numeric;                   // numeric feature columns, passed through

        private Options(List<String> features, Map<String, List<String>> categories, Set<String> numeric) {
            this.features = features;
            this.categories = categories;
            this.numeric = numeric;
        }

        /** Every column but the label is a categorical feature with sorted categories. */
        public static Options defaults() {
            return new Options(null, Map.of(), Set.of());
        }

        /**
         * Reads only these feature columns, in this order.
         *
         * @throws IllegalArgumentException if no column is given or a name repeats
         */
        public Options features(String... columns) {
            if (columns == null || columns.length == 0) {
                throw new IllegalArgumentException("features must name at least one column, got "
                        + Arrays.toString(columns));
            }
            List<String> list = List.of(columns);
            if (new HashSet<>(list).size() != list.size()) {
                throw new IllegalArgumentException("features name a column twice: " + list);
            }
            return new Options(list, categories, numeric);
        }

        /**
         * Declares a column's categories and their order (the one-hot column order, or the class indices for the
         * label). A cell outside them is an error.
         *
         * @throws IllegalArgumentException if no category is given or one repeats
         */
        public Options categories(String column, String... values) {
            if (column == null) {
                throw new IllegalArgumentException("column must not be null");
            }
            if (values == null || values.length == 0) {
                throw new IllegalArgumentException("categories of '" + column + "' must list at least one value, got "
                        + Arrays.toString(values));
            }
            List<String> list = List.of(values);
            if (new HashSet<>(list).size() != list.size()) {
                throw new IllegalArgumentException("categories of '" + column + "' repeat a value: " + list);
            }
            Map<String, List<String>> copy = new LinkedHashMap<>(categories);
            copy.put(column, list);
            return new Options(features, Collections.unmodifiableMap(copy), numeric);
        }

        /**
         * Reads these feature columns as numbers, passed through unchanged instead of one-hot encoded.
         *
         * @throws IllegalArgumentException if no column is given
         */
        public Options numeric(String... columns) {
            if (columns == null || columns.length == 0) {
                throw new IllegalArgumentException("numeric must name at least one column, got "
                        + Arrays.toString(columns));
            }
            Set<String> copy = new LinkedHashSet<>(numeric);
            copy.addAll(List.of(columns));
            return new Options(features, categories, Collections.unmodifiableSet(copy));
        }
    }
}
