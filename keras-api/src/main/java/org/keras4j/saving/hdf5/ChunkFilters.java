package org.keras4j.saving.hdf5;

import io.jhdf.filter.ByteShuffleFilter;
import io.jhdf.filter.FletcherChecksumFilter;
import io.jhdf.object.message.FilterPipelineMessage.FilterInfo;
import java.util.Arrays;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Undoes the filters h5py applies to a chunk: gzip (deflate), shuffle and fletcher32. Inflating stops at the size
 * the chunk must have, so a chunk that would inflate to gigabytes (a "zip bomb") fails after a few kilobytes of
 * output instead of exhausting memory; jHDF's own deflate filter inflates without a bound. Other filters (lzf, lz4,
 * szip, ...) are refused by name: Keras never writes them.
 */
final class ChunkFilters {
    private static final int DEFLATE = 1;
    private static final int SHUFFLE = 2;
    private static final int FLETCHER32 = 3;

    private ChunkFilters() {
    }

    /** @throws Malformed naming the first filter the pipeline has that this class does not decode */
    static void requireSupported(List<FilterInfo> filters) {
        for (FilterInfo f : filters) {
            if (f.getId() != DEFLATE && f.getId() != SHUFFLE && f.getId() != FLETCHER32) {
                throw new Malformed("its chunks are compressed with the filter '" + f.getName() + "' (id " + f.getId()
                        + "), which this reader does not decode; Keras files use no filter or gzip");
            }
        }
    }

    /**
     * The chunk's bytes with the filters of {@code filters} undone, last first, except those {@code skipped} marks.
     *
     * @param size the bytes the decoded chunk must have
     * @throws Malformed if a filter's data is corrupt or the result does not have {@code size} bytes
     */
    static byte[] decode(byte[] stored, List<FilterInfo> filters, int skipped, int size) {
        byte[] bytes = stored;
        for (int i = filters.size() - 1; i >= 0; i--) {
            if ((skipped & (1 << i)) != 0) {
                continue;
            }
            FilterInfo filter = filters.get(i);
            int[] data = filter.getData();
            bytes = switch (filter.getId()) {
                case DEFLATE -> inflate(bytes, size + 4L * filters.size()); // fletcher32 may sit inside, 4 bytes each
                case SHUFFLE -> new ByteShuffleFilter().decode(bytes, data);
                case FLETCHER32 -> new FletcherChecksumFilter().decode(bytes, data);
                default -> throw new IllegalStateException("unchecked filter id " + filter.getId());
            };
        }
        if (bytes.length != size) {
            throw new Malformed("a chunk decodes to " + bytes.length + " bytes, expected " + size);
        }
        return bytes;
    }

    private static byte[] inflate(byte[] compressed, long limit) {
        byte[] out = new byte[(int) Math.min(limit + 1, Integer.MAX_VALUE - 8)];
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(compressed);
            int length = 0;
            while (!inflater.finished()) {
                if (length == out.length) {
                    throw new Malformed("a gzip-compressed chunk inflates to more than the " + limit
                            + " bytes a chunk of this dataset holds");
                }
                int n = inflater.inflate(out, length, out.length - length);
                if (n == 0 && !inflater.finished()) {
                    throw new Malformed("a gzip-compressed chunk ends early (" + length + " bytes inflated)");
                }
                length += n;
            }
            return Arrays.copyOf(out, length);
        } catch (DataFormatException e) {
            throw new Malformed("a gzip-compressed chunk is corrupt: " + e.getMessage());
        } finally {
            inflater.end();
        }
    }
}
