package org.keras4j.datasets;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;

/**
 * Reads and writes IDX files, the format of MNIST and Fashion-MNIST, gzipped or raw.
 *
 * <p>The format (all integers big-endian): two zero bytes, a type code ({@code 0x08} unsigned byte, {@code 0x09}
 * byte, {@code 0x0B} short, {@code 0x0C} int, {@code 0x0D} float, {@code 0x0E} double), the number of dimensions,
 * one 32-bit size per dimension, then the values in row-major order. Reading detects gzip by its magic bytes, not
 * by the file name, checks the gzip checksum, and rejects a file whose length differs from what its header declares,
 * naming the file and the numbers; the values are read into a buffer that grows with the data actually present, so
 * a header is never trusted with an allocation. Writing gzips when the name ends in {@code .gz} and is atomic: the data goes to a
 * temporary file in the same directory that is renamed into place, so a crash never leaves a half file.
 *
 * <pre>{@code
 * IdxArray images = Idx.read(Path.of("train-images-idx3-ubyte.gz"));   // UNSIGNED_BYTE [60000, 28, 28]
 * Idx.write(IdxArray.of(Nd4j.createFromArray(1f, 2f, 3f)), Path.of("floats-idx1.gz"));
 * }</pre>
 */
public final class Idx {

    private static final int GZIP_MAGIC_1 = 0x1f;
    private static final int GZIP_MAGIC_2 = 0x8b;
    /** The first buffer for values; it doubles as data arrives, up to what the header declares. */
    private static final int INITIAL_BUFFER = 1 << 20;

    private Idx() {
    }

    /**
     * Reads an IDX file, gzipped or raw.
     *
     * @param file the file
     * @return its content
     * @throws IllegalArgumentException if the file is missing, is not an IDX file, or is truncated or corrupt (the
     *                                  message names the file and what is wrong)
     * @throws UncheckedIOException     if reading fails for another reason
     */
    public static IdxArray read(Path file) {
        return read(file, null);
    }

    /** Reads an IDX file and feeds its decompressed bytes to {@code contentDigest} (if not null). */
    static IdxArray read(Path file, MessageDigest contentDigest) {
        if (file == null) {
            throw new IllegalArgumentException("file must not be null");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString(), contentDigest);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("IDX file " + file + " does not exist", e);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read IDX file " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads IDX content, gzipped or raw, from a stream (which is not closed).
     *
     * @param in     the stream
     * @param source what to call the stream in error messages, e.g. a file name
     * @throws IllegalArgumentException if the content is not IDX, or is truncated or corrupt
     * @throws UncheckedIOException     if reading fails for another reason
     */
    public static IdxArray read(InputStream in, String source) {
        if (in == null) {
            throw new IllegalArgumentException("in must not be null");
        }
        try {
            return read(in, source, null);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + source + ": " + e.getMessage(), e);
        }
    }

    private static IdxArray read(InputStream raw, String source, MessageDigest contentDigest) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(raw, 1 << 16);
        buffered.mark(2);
        int b1 = buffered.read();
        int b2 = buffered.read();
        buffered.reset();
        boolean gzip = b1 == GZIP_MAGIC_1 && b2 == GZIP_MAGIC_2;
        try {
            InputStream content = gzip ? new GZIPInputStream(buffered, 1 << 16) : buffered;
            if (contentDigest != null) {
                content = new DigestInputStream(content, contentDigest);
            }
            return readContent(new DataInputStream(content), source, gzip);
        } catch (EOFException e) {
            // GZIPInputStream says "Unexpected end of ZLIB input stream" when the compressed file is cut short
            throw new IllegalArgumentException(source + " is truncated: the " + (gzip ? "gzip stream" : "file")
                    + " ends early (" + e.getMessage() + "); delete it and get a fresh copy", e);
        } catch (ZipException e) {
            throw new IllegalArgumentException(source + " is corrupt: not a valid gzip stream (" + e.getMessage()
                    + "); delete it and get a fresh copy", e);
        }
    }

    private static IdxArray readContent(DataInputStream in, String source, boolean gzip) throws IOException {
        byte[] header = new byte[4];
        int got = in.readNBytes(header, 0, 4);
        if (got < 4) {
            throw new IllegalArgumentException(source + " is not an IDX file: it holds only " + got
                    + (gzip ? " decompressed" : "") + " bytes, fewer than the 4-byte header");
        }
        IdxArray.Type type = IdxArray.Type.ofCode(header[2] & 0xff);
        int rank = header[3] & 0xff;
        if (header[0] != 0 || header[1] != 0 || type == null || rank == 0) {
            throw new IllegalArgumentException(String.format(
                    "%s is not an IDX file: its header starts with %02x %02x %02x %02x, expected 00 00, a type code "
                            + "(08, 09, 0b, 0c, 0d or 0e) and a number of dimensions > 0", source, header[0],
                    header[1], header[2], header[3]));
        }
        int[] shape = new int[rank];
        for (int d = 0; d < rank; d++) {
            byte[] size = new byte[4];
            if (in.readNBytes(size, 0, 4) < 4) {
                throw new IllegalArgumentException(source + " is truncated: its header declares " + rank
                        + " dimensions but the file ends after " + d + " of their sizes");
            }
            shape[d] = ((size[0] & 0xff) << 24) | ((size[1] & 0xff) << 16) | ((size[2] & 0xff) << 8) | (size[3] & 0xff);
            if (shape[d] < 0) {
                throw new IllegalArgumentException(source + " is not a valid IDX file: dimension " + d
                        + " has the negative size " + shape[d]);
            }
        }
        long bytes;
        try {
            bytes = Math.multiplyExact(IdxArray.count(shape), type.bytes());
        } catch (ArithmeticException e) {
            bytes = Long.MAX_VALUE;
        }
        if (bytes > IdxArray.MAX_BYTES) {
            throw new IllegalArgumentException(source + " declares shape " + Arrays.toString(shape) + " of " + type
                    + ", more than " + IdxArray.MAX_BYTES + " bytes; only files up to 2 GB can be read");
        }
        byte[] data = readValues(in, bytes);
        if (data.length < bytes) {
            throw new IllegalArgumentException(source + " is truncated: its header declares shape "
                    + Arrays.toString(shape) + " of " + type + " (" + bytes + " bytes of values) but only " + data.length
                    + " bytes follow; delete it and get a fresh copy");
        }
        // Reading to the end also makes GZIPInputStream check the gzip trailer's CRC and length.
        long extra = 0;
        byte[] rest = new byte[8192];
        for (int n; (n = in.read(rest)) > 0; ) {
            extra += n;
        }
        if (extra > 0) {
            throw new IllegalArgumentException(source + " is not a valid IDX file: " + extra
                    + " bytes follow the " + bytes + " bytes of values its header declares (shape "
                    + Arrays.toString(shape) + " of " + type + ")");
        }
        return IdxArray.wrap(type, shape, data);
    }

    /**
     * Up to {@code declared} bytes of values, in a buffer that grows with what actually arrives: the header is the
     * file's word only, so an 11-byte file claiming two billion values costs a few kilobytes, not 2 GB. Doubling
     * keeps the copies to about one extra pass; a complete file ends with a buffer of exactly {@code declared}.
     */
    private static byte[] readValues(InputStream in, long declared) throws IOException {
        byte[] data = new byte[(int) Math.min(declared, INITIAL_BUFFER)];
        int filled = 0;
        while (true) {
            int n = in.readNBytes(data, filled, data.length - filled);
            filled += n;
            if (filled < data.length || filled == declared) {
                return filled == data.length ? data : Arrays.copyOf(data, filled);
            }
            data = Arrays.copyOf(data, (int) Math.min(declared, 2L * data.length));
        }
    }

    /**
     * Writes an IDX file atomically, gzipped if the file name ends in {@code .gz}. Missing parent directories are
     * created; an existing file is replaced.
     *
     * @param array the content
     * @param file  the target file
     * @throws IllegalArgumentException if an argument is null
     * @throws UncheckedIOException     if writing fails (the target is then unchanged)
     */
    public static void write(IdxArray array, Path file) {
        if (array == null || file == null) {
            throw new IllegalArgumentException("array and file must not be null, got array " + array + " and file "
                    + file);
        }
        boolean gzip = file.getFileName().toString().endsWith(".gz");
        AtomicFiles.write(file, out -> {
            if (gzip) {
                try (GZIPOutputStream z = new GZIPOutputStream(out, 1 << 16)) {
                    write(array, z);
                }
            } else {
                write(array, out);
            }
        });
    }

    /**
     * Writes raw (not gzipped) IDX content to a stream, which is flushed but not closed.
     *
     * @throws IOException if the stream fails
     */
    public static void write(IdxArray array, OutputStream out) throws IOException {
        if (array == null || out == null) {
            throw new IllegalArgumentException("array and out must not be null");
        }
        DataOutputStream data = new DataOutputStream(new BufferedOutputStream(out, 1 << 16));
        int[] shape = array.shape();
        data.writeShort(0);
        data.writeByte(array.type().code());
        data.writeByte(shape.length);
        for (int d : shape) {
            data.writeInt(d);
        }
        data.write(array.data());
        data.flush();
    }
}
