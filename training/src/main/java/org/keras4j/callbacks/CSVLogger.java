package org.keras4j.callbacks;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Streams each epoch's logs to a CSV file, as Keras's {@code CSVLogger}: a header
 * {@code epoch,<keys sorted>}, then one row per epoch (epoch 0-based, floats as Python prints
 * them, {@code NA} for a key missing that epoch). With no validation keys, {@code val_} columns
 * are added anyway, as Keras does. With {@code append}, an existing file is continued without a
 * second header: the way to log a run resumed by {@link BackupAndRestore}. Each row is flushed.
 *
 * <p>Defaults: separator {@code ","}, append off (overwrite).
 *
 * <pre>{@code
 * model.fit(x, y, FitOptions.defaults().epochs(10).callbacks(new CSVLogger(Path.of("training.log")).withAppend(true)));
 * }</pre>
 */
public final class CSVLogger implements Callback {
    private final Path filename;
    private String separator = ",";
    private boolean append;

    private BufferedWriter writer;
    private List<String> keys;
    private boolean appendHeader = true;
    private boolean headerWritten;

    /**
     * @throws IllegalArgumentException if {@code filename} is null
     */
    public CSVLogger(Path filename) {
        if (filename == null) {
            throw new IllegalArgumentException("filename must not be null");
        }
        this.filename = filename;
    }

    public CSVLogger(String filename) {
        this(filename == null ? null : Path.of(filename));
    }

    /**
     * The field separator; default {@code ","}.
     *
     * @throws IllegalArgumentException if empty or containing a quote or line break
     */
    public CSVLogger withSeparator(String separator) {
        if (separator == null || separator.isEmpty() || separator.contains("\"") || separator.contains("\n")
                || separator.contains("\r")) {
            throw new IllegalArgumentException("separator must be a non-empty string without quotes or line breaks, got "
                    + (separator == null ? "null" : "'" + separator + "'"));
        }
        this.separator = separator;
        return this;
    }

    /** Continues an existing file instead of overwriting it; default off. */
    public CSVLogger withAppend(boolean append) {
        this.append = append;
        return this;
    }

    public Path filename() {
        return filename;
    }

    @Override
    public void onTrainBegin(Map<String, Double> logs) {
        closeQuietly();
        try {
            if (filename.toAbsolutePath().getParent() != null) {
                Files.createDirectories(filename.toAbsolutePath().getParent());
            }
            appendHeader = true;
            if (append && Files.exists(filename)) {
                try (BufferedReader r = Files.newBufferedReader(filename, StandardCharsets.UTF_8)) {
                    String first = r.readLine();
                    appendHeader = first == null || first.isEmpty();
                }
            }
            writer = append
                    ? Files.newBufferedWriter(filename, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                            StandardOpenOption.APPEND)
                    : Files.newBufferedWriter(filename, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not open " + filename + ": " + e.getMessage(), e);
        }
        keys = null;
        headerWritten = false;
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        if (writer == null) {
            throw new IllegalStateException("CSVLogger received onEpochEnd before onTrainBegin");
        }
        if (keys == null) {
            keys = new ArrayList<>(new TreeSet<>(logs.keySet()));
            boolean hasValidation = keys.stream().anyMatch(k -> k.startsWith("val_"));
            if (!hasValidation && !keys.isEmpty()) {
                List<String> val = new ArrayList<>();
                keys.forEach(k -> val.add("val_" + k));
                keys.addAll(val);
            }
        }
        try {
            if (!headerWritten) {
                if (appendHeader) {
                    List<String> header = new ArrayList<>();
                    header.add("epoch");
                    header.addAll(keys);
                    writeRow(header);
                }
                headerWritten = true;
            }
            List<String> row = new ArrayList<>();
            row.add(Integer.toString(epoch));
            for (String k : keys) {
                Double v = logs.get(k);
                row.add(v == null ? "NA" : PythonFormat.repr(v));
            }
            writeRow(row);
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + filename + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void onTrainEnd(Map<String, Double> logs) {
        try {
            if (writer != null) {
                writer.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not close " + filename + ": " + e.getMessage(), e);
        } finally {
            writer = null;
        }
    }

    private void writeRow(List<String> cells) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                line.append(separator);
            }
            line.append(quote(cells.get(i)));
        }
        // Python's csv module ends rows with \r\n (the excel dialect)
        line.append("\r\n");
        writer.write(line.toString());
    }

    /** Quotes a cell as Python's csv (excel dialect) does: when it holds the separator, a quote or a line break. */
    private String quote(String cell) {
        if (cell.contains(separator) || cell.contains("\"") || cell.contains("\n") || cell.contains("\r")) {
            return "\"" + cell.replace("\"", "\"\"") + "\"";
        }
        return cell;
    }

    private void closeQuietly() {
        if (writer != null) {
            try {
                writer.close();
            } catch (IOException ignored) {
                // a new file is opened next; the old handle's error no longer matters
            }
            writer = null;
        }
    }
}
