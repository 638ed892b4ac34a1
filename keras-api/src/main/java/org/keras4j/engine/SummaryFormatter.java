package org.keras4j.engine;

import java.util.List;
import java.util.Locale;

/**
 * Formats Keras 3's {@code model.summary()} table: layer (type), output shape, parameter
 * count, then total, trainable and non-trainable parameters with their float32 size.
 *
 * <pre>{@code
 * String text = SummaryFormatter.format("sequential", rows);
 * }</pre>
 */
public final class SummaryFormatter {
    private static final int[] WIDTHS = {33, 24, 15};

    private SummaryFormatter() {
    }

    /** One table row. */
    public record Row(String name, String type, String outputShape, long trainable, long nonTrainable) {
        long params() {
            return trainable + nonTrainable;
        }
    }

    public static String format(String modelName, List<Row> rows) {
        StringBuilder sb = new StringBuilder();
        sb.append("Model: \"").append(modelName).append("\"\n");
        sb.append(border('┏', '━', '┳', '┓'));
        sb.append(cells('┃', "Layer (type)", "Output Shape", "Param #"));
        sb.append(border('┡', '━', '╇', '┩'));
        long trainable = 0;
        long nonTrainable = 0;
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            sb.append(cells('│', r.name() + " (" + r.type() + ")", r.outputShape(), String.format(Locale.ROOT, "%,d", r.params())));
            sb.append(i + 1 < rows.size() ? border('├', '─', '┼', '┤') : border('└', '─', '┴', '┘'));
            trainable += r.trainable();
            nonTrainable += r.nonTrainable();
        }
        if (rows.isEmpty()) {
            sb.append(border('└', '─', '┴', '┘'));
        }
        sb.append(" Total params: ").append(count(trainable + nonTrainable)).append('\n');
        sb.append(" Trainable params: ").append(count(trainable)).append('\n');
        sb.append(" Non-trainable params: ").append(count(nonTrainable)).append('\n');
        return sb.toString();
    }

    private static String border(char left, char fill, char mid, char right) {
        StringBuilder sb = new StringBuilder().append(left);
        for (int i = 0; i < WIDTHS.length; i++) {
            sb.append(String.valueOf(fill).repeat(WIDTHS[i]));
            sb.append(i + 1 < WIDTHS.length ? mid : right);
        }
        return sb.append('\n').toString();
    }

    private static String cells(char sep, String a, String b, String c) {
        return sep + " " + pad(a, WIDTHS[0] - 2) + " " + sep + " " + pad(b, WIDTHS[1] - 2) + " " + sep + " "
                + padLeft(c, WIDTHS[2] - 2) + " " + sep + "\n";
    }

    private static String pad(String s, int w) {
        return s.length() >= w ? s.substring(0, w - 1) + "…" : s + " ".repeat(w - s.length());
    }

    private static String padLeft(String s, int w) {
        return s.length() >= w ? s : " ".repeat(w - s.length()) + s;
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
