package org.keras4j.saving;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * One keras4j zip opened for reading ({@link ZipEntries#open}). Only the entries asked for are inflated, never the
 * others, and each one is bounded by a limit the caller derives from what the format declares (a fixed size for a
 * JSON document, the declared parameter count for weights) and by the size its zip header declares, so a small file
 * cannot make the reader allocate more than its content really holds. CRCs are checked. Every problem is one
 * {@link IllegalArgumentException} naming the file, the entry and the numbers.
 *
 * <pre>{@code
 * try (ArchiveReader zip = new ZipEntries("model file", "keras4j model file").open(path)) {
 *     byte[] json = zip.read("keras4j.json", 16 << 20, "the most a configuration may take");
 *     StoredArray weights = zip.readArray("weights.bin", 1000, "1000 parameters");
 * }
 * }</pre>
 */
public final class ArchiveReader implements AutoCloseable {
    /** The largest entry one Java array holds. */
    public static final long MAX_ENTRY_BYTES = Integer.MAX_VALUE - 8;

    private final ZipEntries format;
    private final Path path;
    private final ZipFile zip;

    ArchiveReader(ZipEntries format, Path path, ZipFile zip) {
        this.format = format;
        this.path = path;
        this.zip = zip;
    }

    public Path path() {
        return path;
    }

    /** Whether the archive has an entry {@code name}. */
    public boolean has(String name) {
        return zip.getEntry(name) != null;
    }

    /**
     * The uncompressed size entry {@code name}'s zip header declares, or -1 if it declares none.
     *
     * @throws IllegalArgumentException if there is no such entry
     */
    public long declaredSize(String name) {
        return entry(name).getSize();
    }

    /**
     * The compressed size of entry {@code name} in the file, or -1 if its header declares none.
     *
     * @throws IllegalArgumentException if there is no such entry
     */
    public long compressedSize(String name) {
        return entry(name).getCompressedSize();
    }

    /**
     * The bytes of entry {@code name}, at most {@code limit} of them.
     *
     * @param why what {@code limit} is, for the message: e.g. {@code "the most 10 parameters take"}
     * @throws IllegalArgumentException if the entry is missing, declares or inflates to more than {@code limit} or
     *                                  than its zip header declares, is truncated or fails its CRC
     */
    public byte[] read(String name, long limit, String why) {
        ZipEntry e = entry(name);
        long cap = Math.min(limit, MAX_ENTRY_BYTES);
        long declared = e.getSize();
        if (declared > cap) {
            throw corrupt(name + " declares " + declared + " bytes, more than " + cap + " (" + why + ")");
        }
        if (declared >= 0) {
            cap = declared;
        }
        CRC32 crc = new CRC32();
        byte[] bytes;
        try (InputStream in = new CheckedInputStream(zip.getInputStream(e), crc)) {
            // grows with what is actually inflated, never allocates the declared size up front
            bytes = in.readNBytes((int) cap + 1);
        } catch (ZipException | EOFException x) {
            throw corrupt(name + " is truncated or corrupt (" + x.getMessage() + ")");
        } catch (IOException x) {
            throw new UncheckedIOException("could not read " + path + ": " + x.getMessage(), x);
        }
        if (bytes.length > cap) {
            throw corrupt(name + " inflates to more than " + cap + " bytes ("
                    + (declared >= 0 ? "the size its zip header declares" : why) + ")");
        }
        if (declared >= 0 && bytes.length != declared) {
            throw corrupt(name + " holds " + bytes.length + " bytes but its zip header declares " + declared);
        }
        if (e.getCrc() != -1 && crc.getValue() != e.getCrc()) {
            throw corrupt(name + " fails its CRC check: the file is damaged");
        }
        return bytes;
    }

    /**
     * The ND4J array (written by {@link ZipEntries#arrayBytes}) in entry {@code name}, checked but not yet
     * allocated: read at most {@link StoredArray#maxBytes} of {@code maxLength}, and its headers must agree with
     * its bytes.
     *
     * @param maxLength the most values the format lets this entry hold
     * @param what      what {@code maxLength} is, e.g. {@code "the 10 parameters keras4j.json declares"}
     * @throws IllegalArgumentException if the entry is missing, too large or does not hold a valid array
     */
    public StoredArray readArray(String name, long maxLength, String what) {
        byte[] bytes = read(name, StoredArray.maxBytes(maxLength), "the most " + what + " take");
        try {
            return StoredArray.parse(bytes);
        } catch (IllegalArgumentException x) {
            throw corrupt(name + " does not hold a valid array: " + x.getMessage());
        }
    }

    /** The exception for this file not being what it should be, saying {@code why}. */
    public IllegalArgumentException corrupt(String why) {
        return format.corrupt(path, why);
    }

    @Override
    public void close() {
        try {
            zip.close();
        } catch (IOException ignored) {
            // read-only: nothing is lost
        }
    }

    private ZipEntry entry(String name) {
        ZipEntry e = zip.getEntry(name);
        if (e == null) {
            throw corrupt("it has no " + name);
        }
        return e;
    }
}
