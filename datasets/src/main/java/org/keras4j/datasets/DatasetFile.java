package org.keras4j.datasets;

import java.util.regex.Pattern;

/**
 * One file of a published dataset, as its publisher distributes it (usually gzipped), with the checksums that prove a
 * copy is intact.
 *
 * <pre>{@code
 * DatasetFile labels = new DatasetFile("t10k-labels-idx1-ubyte.gz", 5148,
 *         "67da17c76eaffca5446c3361aaab5c3cd6d1c2608764d35dfb1850b086bf8dd5",
 *         "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34");
 * }</pre>
 *
 * @param name          the published file name, e.g. {@code train-images-idx3-ubyte.gz}
 * @param size          its size in bytes
 * @param sha256        the SHA-256 of the published file (hex), checked after a download
 * @param contentSha256 the SHA-256 of its content after decompression (hex), checked on every load, so a copy that
 *                      was recompressed (as Debian's) or stored uncompressed is accepted; equal to {@code sha256}
 *                      for a file that is not compressed
 */
public record DatasetFile(String name, long size, String sha256, String contentSha256) {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    /**
     * @throws IllegalArgumentException if the name is blank or contains a path separator, the size is negative, or
     *                                  a checksum is not 64 lowercase hex digits
     */
    public DatasetFile {
        if (name == null || name.isBlank() || name.contains("/") || name.contains("\\")) {
            throw new IllegalArgumentException("name must be a plain file name, got '" + name + "'");
        }
        if (size < 0) {
            throw new IllegalArgumentException("size must be >= 0, got " + size);
        }
        if (sha256 == null || !SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("sha256 must be 64 lowercase hex digits, got '" + sha256 + "'");
        }
        if (contentSha256 == null || !SHA256.matcher(contentSha256).matches()) {
            throw new IllegalArgumentException("contentSha256 must be 64 lowercase hex digits, got '"
                    + contentSha256 + "'");
        }
    }

    /** The name of the decompressed file: {@link #name()} without {@code .gz}. */
    public String uncompressedName() {
        return name.endsWith(".gz") ? name.substring(0, name.length() - 3) : name;
    }
}
