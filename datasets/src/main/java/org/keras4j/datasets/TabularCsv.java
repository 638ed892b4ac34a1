package org.keras4j.datasets;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Reads a numeric CSV file with a header into features and a regression target, as
 * {@code df = pd.read_csv(file); y = df[target]; x = df.drop(columns=target)} does in the Keras course.
 *
 * <p>Every cell of the chosen columns must be a plain decimal number ({@code 540}, {@code -2.5}, {@code 1e-3}); other
 * columns are not read. A bad file fails with one {@link IllegalArgumentException} naming the file, the row as a
 * spreadsheet numbers it (the header is row 1) and the column, e.g.
 * {@code data.csv: row 17, column 'Cement': 'abc' is not a number}.
 *
 * <pre>{@code
 * TabularData data = TabularCsv.read(Path.of("concrete_data.csv"), "Strength");
 * data.x();   // [1030, 8]
 * data.y();   // [1030, 1]
 * }</pre>
 */
public final class TabularCsv {

    private TabularCsv() {
    }

    /**
     * Reads every column but {@code target} as a feature, in file order.
     *
     * @param file   a CSV file with a header line
     * @param target the name of the target column
     * @throws IllegalArgumentException if the file is missing or empty, a row has the wrong number of values, the
     *                                  target column does not exist (the message lists the columns), or a cell of
     *                                  a read column is not a number
     */
    public static TabularData read(Path file, String target) {
        return read(CsvTable.read(file), target, null);
    }

    /**
     * Reads the given feature columns, in the given order, and {@code target}.
     *
     * @param file     a CSV file with a header line
     * @param target   the name of the target column
     * @param features the names of the feature columns, not including {@code target}
     * @throws IllegalArgumentException as {@link #read(Path, String)}, and if {@code features} is empty, repeats a
     *                                  name, names a missing column or includes the target
     */
    public static TabularData read(Path file, String target, List<String> features) {
        if (features == null) {
            throw new IllegalArgumentException("features must not be null; use read(file, target) for all columns");
        }
        return read(CsvTable.read(file), target, features);
    }

    /** {@code features == null} means every column but the target. */
    static TabularData read(CsvTable table, String target, List<String> features) {
        int targetColumn = table.column(target, "target");
        List<String> names = new ArrayList<>();
        List<Integer> columns = new ArrayList<>();
        if (features == null) {
            for (int c = 0; c < table.header().size(); c++) {
                if (c != targetColumn) {
                    names.add(table.header().get(c));
                    columns.add(c);
                }
            }
            if (columns.isEmpty()) {
                throw new IllegalArgumentException(table.source() + " has only the target column '" + target
                        + "'; at least one feature column is needed");
            }
        } else {
            if (features.isEmpty()) {
                throw new IllegalArgumentException("features must name at least one column, got []");
            }
            Set<String> seen = new HashSet<>();
            for (String feature : features) {
                if (!seen.add(feature)) {
                    throw new IllegalArgumentException("features name column '" + feature + "' twice: " + features);
                }
                if (target.equals(feature)) {
                    throw new IllegalArgumentException("features must not include the target column '" + target
                            + "': " + features);
                }
                columns.add(table.column(feature, "feature"));
                names.add(feature);
            }
        }
        int n = table.numRows();
        float[][] x = new float[n][columns.size()];
        float[][] y = new float[n][1];
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < columns.size(); j++) {
                x[r][j] = (float) table.number(r, columns.get(j));
            }
            y[r][0] = (float) table.number(r, targetColumn);
        }
        return new TabularData(Nd4j.createFromArray(x), Nd4j.createFromArray(y), names, target);
    }
}
