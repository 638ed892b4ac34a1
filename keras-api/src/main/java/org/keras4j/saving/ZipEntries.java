package org.keras4j.saving;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The zip container of keras4j's files (model files, training checkpoints): named entries of
 * bytes, written atomically ({@link AtomicFiles}) and read entry by entry, each bounded
 * ({@link ArchiveReader}), with every corruption reported as one {@link IllegalArgumentException}
 * that names the file and what kind of file it should be. Also the byte form of an ND4J array
 * inside such an entry.
 *
 * <pre>{@code
 * ZipEntries zip = new ZipEntries("model file", "keras4j model file");
 * zip.write(path, Map.of("weights.bin", ZipEntries.arrayBytes(weights)));
 * try (ArchiveReader in = zip.open(path)) {
 *     INDArray again = in.readArray("weights.bin", weights.length(), "the weights").toINDArray();
 * }
 * }</pre>
 */
public final class ZipEntries {
    private final String noun;
    private final String kind;

    /**
     * @param noun what a missing file is called ("No {@code noun} at path")
     * @param kind what a corrupt file is not ("path is not a valid {@code kind}: why")
     * @throws IllegalArgumentException if either is null or blank
     */
    public ZipEntries(String noun, String kind) {
        if (noun == null || noun.isBlank() || kind == null || kind.isBlank()) {
            throw new IllegalArgumentException("noun and kind must be non-blank, got '" + noun + "' and '" + kind + "'");
        }
        this.noun = noun;
        this.kind = kind;
    }

    /**
     * Writes {@code entries}, in their iteration order, as one zip at {@code path}, atomically.
     *
     * @throws IllegalArgumentException if {@code path} is null
     * @throws UncheckedIOException     if writing fails; the file is then unchanged
     */
    public void write(Path path, Map<String, byte[]> entries) {
        requirePath(path);
        AtomicFiles.write(path, out -> {
            ZipOutputStream zip = new ZipOutputStream(out);
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
            zip.finish();
        });
    }

    /**
     * Opens the zip at {@code path} for reading named entries ({@link ArchiveReader}), first removing the temporary
     * files that interrupted writes of it left ({@link AtomicFiles#removeStaleTemporaryFiles}).
     *
     * @throws IllegalArgumentException if {@code path} is null or missing, or the file is empty, truncated or not a
     *                                  zip archive
     */
    public ArchiveReader open(Path path) {
        requirePath(path);
        if (!Files.exists(path)) {
            throw missing(path);
        }
        AtomicFiles.removeStaleTemporaryFiles(path);
        ZipFile zip;
        try {
            // ZipFile checks the central directory at the end: a file cut after its last entry fails here
            zip = new ZipFile(path.toFile());
        } catch (NoSuchFileException | FileNotFoundException e) {
            throw missing(path);
        } catch (ZipException e) {
            throw corrupt(path, "it is truncated or not a zip archive (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + path + ": " + e.getMessage(), e);
        }
        if (zip.size() == 0) {
            try {
                zip.close();
            } catch (IOException ignored) {
                // nothing was read
            }
            throw corrupt(path, "it is an empty zip archive");
        }
        return new ArchiveReader(this, path, zip);
    }

    /** The exception for a file at {@code path} that is not what it should be, saying {@code why}. */
    public IllegalArgumentException corrupt(Path path, String why) {
        return new IllegalArgumentException(path + " is not a valid " + kind + ": " + why);
    }

    /** {@code array} in ND4J's binary form ({@code Nd4j.write}): shape, data type and data. */
    public static byte[] arrayBytes(INDArray array) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            Nd4j.write(array, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private IllegalArgumentException missing(Path path) {
        return new IllegalArgumentException("No " + noun + " at " + path);
    }

    private static void requirePath(Path path) {
        if (path == null) {
            throw new IllegalArgumentException("path must not be null");
        }
    }
}
