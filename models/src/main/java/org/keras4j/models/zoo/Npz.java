package org.keras4j.models.zoo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipFile;
import org.keras4j.saving.ArchiveReader;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Reads arrays from NumPy's {@code .npz} files ({@code numpy.savez}: a zip of one {@code .npy} file per array), as
 * {@code float} values in C order. An array is read only with the shape the caller expects: its header must declare
 * that shape, a little-endian {@code float32} or {@code float64} type and C order, and its entry is read bounded by
 * the bytes that shape takes, so a file never decides how much is allocated.
 *
 * <pre>{@code
 * INDArray logits = Npz.readArray(Path.of("check.npz"), "output", 2, 1000);   // FLOAT [2, 1000]
 * try (ArchiveReader zip = Npz.open(path)) {
 *     float[] kernel = Npz.read(zip, "conv1.weight", new long[] {64, 3, 7, 7});
 * }
 * }</pre>
 */
public final class Npz {
    /** NumPy's {@code .npy} magic. */
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    /** Headers are a short Python dict; NumPy pads them to 64 bytes, far below this. */
    private static final int MAX_HEADER = 1 << 16;
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");
    private static final org.keras4j.saving.ZipEntries FORMAT = new org.keras4j.saving.ZipEntries("NumPy .npz file",
            "NumPy .npz file (numpy.savez)");

    private Npz() {
    }

    /**
     * Opens {@code file} for reading named arrays.
     *
     * @throws IllegalArgumentException if the file is missing or not a zip archive
     */
    public static ArchiveReader open(Path file) {
        return FORMAT.open(file);
    }

    /** The names of the arrays in {@code file} (its {@code .npy} entries without the extension), sorted. */
    public static List<String> names(Path file) {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            List<String> names = new ArrayList<>();
            zip.stream().map(e -> e.getName()).filter(n -> n.endsWith(".npy"))
                    .forEach(n -> names.add(n.substring(0, n.length() - 4)));
            Collections.sort(names);
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The values of array {@code name}, which must have {@code shape}.
     *
     * @throws IllegalArgumentException if the entry is missing, its header is malformed, declares another shape, type
     *                                  or order, or its data is not exactly what the shape takes
     */
    public static float[] read(ArchiveReader zip, String name, long[] shape) {
        long count = 1;
        for (long d : shape) {
            count = Math.multiplyExact(count, d);
        }
        String entry = name + ".npy";
        if (!zip.has(entry)) {
            throw zip.corrupt("it has no array '" + name + "'");
        }
        byte[] bytes = zip.read(entry, MAX_HEADER + 16 + count * 8, "the header and " + count + " float64 values");
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < MAGIC.length + 4 || !Arrays.equals(Arrays.copyOf(bytes, MAGIC.length), MAGIC)) {
            throw zip.corrupt("array '" + name + "' is not a .npy file (no \\x93NUMPY magic)");
        }
        int major = bytes[6];
        if (major < 1 || major > 3) {
            throw zip.corrupt("array '" + name + "' is in .npy format version " + major + ", expected 1 to 3");
        }
        in.position(8);
        long headerLength = major == 1 ? Short.toUnsignedInt(in.getShort()) : Integer.toUnsignedLong(in.getInt());
        if (headerLength > MAX_HEADER || in.position() + headerLength > bytes.length) {
            throw zip.corrupt("array '" + name + "' declares a header of " + headerLength + " bytes, in "
                    + bytes.length + " bytes");
        }
        String header = new String(bytes, in.position(), (int) headerLength, StandardCharsets.ISO_8859_1);
        in.position(in.position() + (int) headerLength);
        String descr = group(DESCR, header, zip, name, "descr");
        if (!group(FORTRAN, header, zip, name, "fortran_order").equals("False")) {
            throw zip.corrupt("array '" + name + "' is in Fortran order; save it in C order (numpy.ascontiguousarray)");
        }
        long[] declared = shape(group(SHAPE, header, zip, name, "shape"), zip, name);
        if (!Arrays.equals(declared, shape)) {
            throw new IllegalArgumentException(zip.path() + ": array '" + name + "' has shape "
                    + Arrays.toString(declared) + ", expected " + Arrays.toString(shape));
        }
        int width = switch (descr) {
            case "<f4" -> 4;
            case "<f8" -> 8;
            default -> throw zip.corrupt("array '" + name + "' has type '" + descr + "', expected little-endian"
                    + " float32 ('<f4') or float64 ('<f8')");
        };
        if (in.remaining() != count * width) {
            throw zip.corrupt("array '" + name + "' holds " + in.remaining() + " bytes of data, its shape "
                    + Arrays.toString(shape) + " takes " + count * width);
        }
        float[] values = new float[(int) count];
        for (int i = 0; i < values.length; i++) {
            values[i] = width == 4 ? in.getFloat() : (float) in.getDouble();
        }
        return values;
    }

    /**
     * Array {@code name} of {@code file} as a {@code FLOAT} array of {@code shape}.
     *
     * @throws IllegalArgumentException as {@link #read}
     */
    public static INDArray readArray(Path file, String name, long... shape) {
        try (ArchiveReader zip = open(file)) {
            return Nd4j.create(read(zip, name, shape), shape, 'c');
        }
    }

    private static String group(Pattern p, String header, ArchiveReader zip, String name, String key) {
        Matcher m = p.matcher(header);
        if (!m.find()) {
            throw zip.corrupt("array '" + name + "' has no '" + key + "' in its header " + header.strip());
        }
        return m.group(1);
    }

    private static long[] shape(String tuple, ArchiveReader zip, String name) {
        List<Long> dims = new ArrayList<>();
        for (String part : tuple.split(",")) {
            String d = part.strip().toUpperCase(Locale.ROOT).replace("L", "");
            if (d.isEmpty()) {
                continue;
            }
            try {
                dims.add(Long.parseLong(d));
            } catch (NumberFormatException e) {
                throw zip.corrupt("array '" + name + "' has the shape (" + tuple + ")");
            }
        }
        return dims.stream().mapToLong(Long::longValue).toArray();
    }
}
