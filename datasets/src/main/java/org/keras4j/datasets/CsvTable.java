package org.keras4j.datasets;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A CSV file read as strings: one header line, then rows of the same width.
 *
 * <p>Package-private: the adapters ({@link TabularCsv}, {@link CategoricalCsv}) turn it into arrays. Errors name the
 * source, the row as a spreadsheet numbers it (the header is row 1, blank lines count) and the column, so a user can
 * find the cell. Fields may be quoted with {@code "} ({@code ""} inside quotes is a quote); whitespace around unquoted
 * fields is trimmed; blank lines are skipped; a UTF-8 byte-order mark is ignored.
 */
final class CsvTable {

    // A plain decimal number; Double.parseDouble alone would also accept "NaN", "Infinity", "1f" and hex floats.
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private final String source;
    private final List<String> header;
    private final Map<String, Integer> index;
    private final List<String[]> rows;
    private final int[] rowNumbers;

    private CsvTable(String source, List<String> header, List<String[]> rows, int[] rowNumbers) {
        this.source = source;
        this.header = Collections.unmodifiableList(header);
        this.rows = rows;
        this.rowNumbers = rowNumbers;
        this.index = new HashMap<>();
        for (int c = 0; c < header.size(); c++) {
            index.put(header.get(c), c);
        }
    }

    /** Reads a UTF-8 CSV file; {@code source} in messages is the path. */
    static CsvTable read(Path file) {
        if (file == null) {
            throw new IllegalArgumentException("file must not be null");
        }
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("file " + file + " does not exist or is not a regular file");
        }
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(reader, file.toString());
        } catch (CharacterCodingException e) {
            throw notUtf8(file, e);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The error for a file that is not UTF-8, naming the row and the byte. The reader fails a buffer ahead of the
     * line it returns, so the file is decoded again line by line to find the row (only on this error path).
     */
    private static IllegalArgumentException notUtf8(Path file, CharacterCodingException cause) {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int row = 1;
            for (int b = in.read(); ; b = in.read()) {
                if (b != '\n' && b != -1) {
                    line.write(b);
                    continue;
                }
                String where = firstInvalidUtf8(line.toByteArray());
                if (where != null) {
                    return new IllegalArgumentException(file + " is not UTF-8: row " + row + " " + where
                            + "; save the file as UTF-8 (it may be Latin-1 or Windows-1252)", cause);
                }
                if (b == -1) {
                    break;
                }
                line.reset();
                row++;
            }
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
        return new IllegalArgumentException(file + " is not UTF-8 (" + cause + "); save the file as UTF-8", cause);
    }

    /** Where {@code bytes} stop being UTF-8, e.g. "has the byte 0xE9 after 'Caf'", or null if they are UTF-8. */
    private static String firstInvalidUtf8(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            return null;
        }
        String before = out.flip().toString();
        before = before.length() > 30 ? "..." + before.substring(before.length() - 30) : before;
        return String.format("has the byte 0x%02X at byte %d of the row, after '%s', which is not valid UTF-8",
                bytes[in.position()] & 0xff, in.position() + 1, before);
    }

    /** Reads a bundled resource next to this class; a missing resource means a broken jar. */
    static CsvTable resource(String name) {
        InputStream in = CsvTable.class.getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("bundled resource org/keras4j/datasets/" + name
                    + " is missing from the keras4j-datasets jar");
        }
        try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            return read(reader, name + " (bundled with keras4j-datasets)");
        } catch (IOException e) {
            throw new UncheckedIOException("could not read bundled resource " + name + ": " + e.getMessage(), e);
        }
    }

    static CsvTable read(Reader reader, String source) throws IOException {
        BufferedReader lines = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
        List<String> header = null;
        int headerRow = 0;
        List<String[]> rows = new ArrayList<>();
        List<Integer> rowNumbers = new ArrayList<>();
        int lineNumber = 0;
        String line;
        while ((line = lines.readLine()) != null) {
            lineNumber++;
            if (lineNumber == 1 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            if (line.isBlank()) {
                continue;
            }
            List<String> fields = split(line, source, lineNumber);
            if (header == null) {
                header = fields;
                headerRow = lineNumber;
                checkHeader(header, source, headerRow);
                continue;
            }
            if (fields.size() != header.size()) {
                throw new IllegalArgumentException(source + ": row " + lineNumber + " has " + fields.size()
                        + (fields.size() == 1 ? " value" : " values") + " but the header (row " + headerRow
                        + ") has " + header.size() + " columns");
            }
            rows.add(fields.toArray(new String[0]));
            rowNumbers.add(lineNumber);
        }
        if (header == null) {
            throw new IllegalArgumentException(source + " is empty: expected a header line and at least one data row");
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException(source + " has a header (row " + headerRow + ") but no data rows");
        }
        return new CsvTable(source, header, rows, rowNumbers.stream().mapToInt(Integer::intValue).toArray());
    }

    private static void checkHeader(List<String> header, String source, int row) {
        Map<String, Integer> seen = new HashMap<>();
        for (int c = 0; c < header.size(); c++) {
            Integer previous = seen.put(header.get(c), c);
            if (previous != null) {
                throw new IllegalArgumentException(source + ": the header (row " + row + ") names column '"
                        + header.get(c) + "' twice (columns " + (previous + 1) + " and " + (c + 1) + ")");
            }
        }
    }

    /** Splits one line on commas, honouring double quotes. */
    private static List<String> split(String line, String source, int lineNumber) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;      // inside quotes now
        boolean wasQuoted = false;   // this field had quotes: keep its spaces
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"') {
                    if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    field.append(ch);
                }
            } else if (ch == '"' && field.toString().isBlank()) {
                quoted = true;
                wasQuoted = true;
                field.setLength(0);
            } else if (ch == ',') {
                fields.add(wasQuoted ? field.toString() : field.toString().strip());
                field.setLength(0);
                wasQuoted = false;
            } else if (!(wasQuoted && Character.isWhitespace(ch))) {
                field.append(ch);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException(source + ": row " + lineNumber
                    + " has a quote that is not closed on the same line (quoted line breaks are not supported)");
        }
        fields.add(wasQuoted ? field.toString() : field.toString().strip());
        return fields;
    }

    String source() {
        return source;
    }

    List<String> header() {
        return header;
    }

    int numRows() {
        return rows.size();
    }

    String cell(int row, int column) {
        return rows.get(row)[column];
    }

    /** The row number a spreadsheet shows for data row {@code row} (0-based). */
    int rowNumber(int row) {
        return rowNumbers[row];
    }

    /** The index of a column, or an exception that lists the columns that exist. */
    int column(String name, String role) {
        if (name == null) {
            throw new IllegalArgumentException(role + " column must not be null");
        }
        Integer c = index.get(name);
        if (c == null) {
            StringBuilder message = new StringBuilder(source + ": no " + role + " column '" + name
                    + "'; the columns are " + header);
            for (String existing : header) {
                if (existing.equalsIgnoreCase(name.strip())) {
                    message.append("; did you mean '").append(existing).append("'?");
                    break;
                }
            }
            throw new IllegalArgumentException(message.toString());
        }
        return c;
    }

    /** Parses a cell as a number that fits in a float, or fails naming the row, column and value. */
    double number(int row, int column) {
        String text = cell(row, column);
        if (!NUMBER.matcher(text).matches()) {
            throw cellError(row, column, "'" + text + "' is not a number"
                    + (text.isEmpty() ? " (the cell is empty)" : ""));
        }
        double value = Double.parseDouble(text);
        if (!Float.isFinite((float) value)) {
            throw cellError(row, column, "'" + text + "' is too large for a float");
        }
        return value;
    }

    /** Whether a cell is a plain decimal number, as {@link #number} accepts. */
    static boolean isNumber(String text) {
        return NUMBER.matcher(text).matches();
    }

    IllegalArgumentException cellError(int row, int column, String problem) {
        return new IllegalArgumentException(source + ": row " + rowNumber(row) + ", column '" + header.get(column)
                + "': " + problem);
    }
}
