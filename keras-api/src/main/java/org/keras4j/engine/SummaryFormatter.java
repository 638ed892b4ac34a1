package org.keras4j.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Formats Keras 3's {@code model.summary()} table: layer (type), output shape, parameter
 * count and, for graphs, the "Connected to" column; then total, trainable and non-trainable
 * parameters with their float32 size. A cell too long for its column wraps onto further lines,
 * as in Keras.
 *
 * <pre>{@code
 * String text = SummaryFormatter.format("sequential", rows);
 * }</pre>
 */
public final class SummaryFormatter {
    private static final int[] WIDTHS = {33, 24, 15};
    /** Keras's wider table for graphs (108 characters); "Connected to" wide enough for a long layer name and its comma. */
    private static final int[] GRAPH_WIDTHS = {31, 26, 12, 33};

    private SummaryFormatter() {
    }

    /**
     * One table row.
     *
     * @param connectedTo the inputs of the layer's calls as {@code layer[node][tensor]}, or null
     *     for a model summarized without the "Connected to" column
     */
    public record Row(String name, String type, String outputShape, long trainable, long nonTrainable,
                      List<String> connectedTo) {
        /** A row of a table without the "Connected to" column. */
        public Row(String name, String type, String outputShape, long trainable, long nonTrainable) {
            this(name, type, outputShape, trainable, nonTrainable, null);
        }

        long params() {
            return trainable + nonTrainable;
        }
    }

    public static String format(String modelName, List<Row> rows) {
        boolean graph = rows.stream().anyMatch(r -> r.connectedTo() != null);
        int[] widths = graph ? GRAPH_WIDTHS : WIDTHS;
        StringBuilder sb = new StringBuilder();
        sb.append("Model: \"").append(modelName).append("\"\n");
        sb.append(border(widths, '┏', '━', '┳', '┓'));
        sb.append(graph ? cells(widths, '┃', "Layer (type)", "Output Shape", "Param #", "Connected to")
                : cells(widths, '┃', "Layer (type)", "Output Shape", "Param #"));
        sb.append(border(widths, '┡', '━', '╇', '┩'));
        long trainable = 0;
        long nonTrainable = 0;
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            String layer = r.name() + " (" + r.type() + ")";
            String params = String.format(Locale.ROOT, "%,d", r.params());
            sb.append(graph ? cells(widths, '│', layer, r.outputShape(), params, connected(r))
                    : cells(widths, '│', layer, r.outputShape(), params));
            sb.append(i + 1 < rows.size() ? border(widths, '├', '─', '┼', '┤') : border(widths, '└', '─', '┴', '┘'));
            trainable += r.trainable();
            nonTrainable += r.nonTrainable();
        }
        if (rows.isEmpty()) {
            sb.append(border(widths, '└', '─', '┴', '┘'));
        }
        sb.append(" Total params: ").append(count(trainable + nonTrainable)).append('\n');
        sb.append(" Trainable params: ").append(count(trainable)).append('\n');
        sb.append(" Non-trainable params: ").append(count(nonTrainable)).append('\n');
        return sb.toString();
    }

    /** The "Connected to" cell: each input on its own line, as Keras prints them. */
    private static String connected(Row r) {
        return r.connectedTo() == null || r.connectedTo().isEmpty() ? "-" : String.join(",\n", r.connectedTo());
    }

    private static String border(int[] widths, char left, char fill, char mid, char right) {
        StringBuilder sb = new StringBuilder().append(left);
        for (int i = 0; i < widths.length; i++) {
            sb.append(String.valueOf(fill).repeat(widths[i]));
            sb.append(i + 1 < widths.length ? mid : right);
        }
        return sb.append('\n').toString();
    }

    /** One row: each cell wrapped to its column, the row as tall as its tallest cell. */
    private static String cells(int[] widths, char sep, String... texts) {
        List<List<String>> columns = new ArrayList<>();
        int height = 1;
        for (int i = 0; i < texts.length; i++) {
            List<String> lines = new ArrayList<>();
            for (String part : texts[i].split("\n")) {
                lines.addAll(wrap(part, widths[i] - 2));
            }
            columns.add(lines);
            height = Math.max(height, lines.size());
        }
        StringBuilder sb = new StringBuilder();
        for (int line = 0; line < height; line++) {
            sb.append(sep);
            for (int i = 0; i < texts.length; i++) {
                List<String> lines = columns.get(i);
                String text = line < lines.size() ? lines.get(line) : "";
                String fill = " ".repeat(widths[i] - 2 - text.length());
                // parameter counts are right-aligned, as in Keras
                sb.append(' ').append(i == 2 ? fill + text : text + fill).append(' ').append(sep);
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /**
     * {@code text} in lines of at most {@code width} characters, broken at spaces as Keras's table
     * (rich) wraps a cell. A word longer than the column is folded onto the next line rather than
     * cut with an ellipsis as rich does: a layer's name and type must stay readable.
     */
    static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (line.length() > 0 && line.length() + 1 + word.length() <= width) {
                line.append(' ').append(word);
                continue;
            }
            if (line.length() > 0) {
                lines.add(line.toString());
                line.setLength(0);
            }
            while (word.length() > width) {
                lines.add(word.substring(0, width));
                word = word.substring(width);
            }
            line.append(word);
        }
        lines.add(line.toString());
        return lines;
    }

    /** {@code 50,890 (198.79 KB)}: float32 parameters, sizes in binary units as Keras prints them. */
    static String count(long params) {
        double bytes = params * 4.0;
        String size;
        if (bytes < 1024) {
            size = String.format(Locale.ROOT, "%.2f B", bytes);
        } else if (bytes < 1024 * 1024) {
            size = String.format(Locale.ROOT, "%.2f KB", bytes / 1024);
        } else if (bytes < 1024.0 * 1024 * 1024) {
            size = String.format(Locale.ROOT, "%.2f MB", bytes / 1024 / 1024);
        } else {
            size = String.format(Locale.ROOT, "%.2f GB", bytes / 1024 / 1024 / 1024);
        }
        return String.format(Locale.ROOT, "%,d (%s)", params, size);
    }
}
