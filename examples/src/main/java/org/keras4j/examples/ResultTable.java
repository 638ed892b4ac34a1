package org.keras4j.examples;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A plain-text table with left-aligned columns, as printed by {@code keras4j tour}.
 *
 * <pre>{@code
 * ResultTable table = new ResultTable("exercise", "metric", "result", "time");
 * table.add("tensors", "checks passed", "35/35", "0.4 s");
 * table.print(out);
 * }</pre>
 */
final class ResultTable {
    private final String[] header;
    private final List<String[]> rows = new ArrayList<>();

    ResultTable(String... header) {
        this.header = header.clone();
    }

    void add(String... cells) {
        if (cells.length != header.length) {
            throw new IllegalArgumentException("cells must have " + header.length + " entries, got " + cells.length);
        }
        rows.add(cells.clone());
    }

    void print(PrintWriter out) {
        int[] widths = new int[header.length];
        for (String[] row : allRows()) {
            for (int c = 0; c < row.length; c++) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        printRow(out, header, widths);
        StringBuilder rule = new StringBuilder();
        for (int c = 0; c < widths.length; c++) {
            rule.append(c == 0 ? "" : "  ").append("-".repeat(widths[c]));
        }
        out.println(rule);
        for (String[] row : rows) {
            printRow(out, row, widths);
        }
        out.flush();
    }

    /** {@code seconds} as "0.4 s", or "2m 05s" from a minute on. */
    static String duration(double seconds) {
        if (seconds < 60) {
            return String.format(Locale.ROOT, "%.1f s", seconds);
        }
        long whole = Math.round(seconds);
        return String.format(Locale.ROOT, "%dm %02ds", whole / 60, whole % 60);
    }

    private List<String[]> allRows() {
        List<String[]> all = new ArrayList<>(rows);
        all.add(0, header);
        return all;
    }

    private static void printRow(PrintWriter out, String[] row, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < row.length; c++) {
            line.append(c == 0 ? "" : "  ");
            line.append(c == row.length - 1 ? row[c] : String.format("%-" + widths[c] + "s", row[c]));
        }
        out.println(line.toString().stripTrailing());
    }
}
