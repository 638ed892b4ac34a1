package org.keras4j.saving.hdf5;

import io.jhdf.object.message.DataLayoutMessage;
import io.jhdf.object.message.DataLayoutMessage.ChunkedDataLayoutMessage;
import io.jhdf.object.message.DataLayoutMessage.ChunkedDataLayoutMessageV4;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Where each chunk of a chunked dataset is stored, read from the file's chunk index after checking it: chunk
 * offsets on the chunk grid and inside the dataset, each chunk once, every chunk's bytes inside the file. Covers the
 * indexes h5py writes: the version-1 B-tree of its default format, and the single-chunk and implicit indexes of
 * the HDF5 1.10 format. Chunks are numbered in row-major order of the chunk grid; a missing number means the chunk
 * was never written (it holds the fill value).
 */
final class ChunkIndex {
    /** A stored chunk: its bytes in the file and which filters were skipped for it (bit i: filter i). */
    record Chunk(long position, long size, int skippedFilters) {
    }

    private static final String[] V4_INDEX_NAMES = {"?", "single chunk", "implicit", "fixed array",
        "extensible array", "version-2 B-tree"};

    private ChunkIndex() {
    }

    /**
     * @param dims      the dataset's shape (already checked against the caller's expectation)
     * @param chunkDims the chunk shape, same rank, each at least 1
     * @throws Malformed if the index is damaged or of a kind this reader does not decode
     */
    static Map<Long, Chunk> read(FileBytes file, DataLayoutMessage layout, int[] dims, int[] chunkDims,
            long chunkBytes, boolean filtered) {
        long[] grid = new long[dims.length];
        long count = 1;
        for (int d = 0; d < dims.length; d++) {
            grid[d] = (dims[d] + (long) chunkDims[d] - 1) / chunkDims[d];
            count *= grid[d];
        }
        if (layout instanceof ChunkedDataLayoutMessage v3) {
            return bTree(file, v3.getBTreeAddress(), dims, chunkDims, grid);
        }
        ChunkedDataLayoutMessageV4 v4 = (ChunkedDataLayoutMessageV4) layout;
        int type = v4.getIndexingType();
        long address = v4.getAddress();
        Map<Long, Chunk> chunks = new HashMap<>();
        if (file.isUndefined(address) || count == 0) {
            return chunks;
        }
        if (type == 1) {
            if (count != 1) {
                throw new Malformed("a single-chunk index for a dataset of " + count + " chunks");
            }
            long size = v4.isFilteredSingleChunk() ? v4.getSizeOfFilteredSingleChunk() : chunkBytes;
            int skipped = v4.isFilteredSingleChunk() ? mask(v4.getFilterMaskFilteredSingleChunk()) : 0;
            file.require(file.at(address), size, "the dataset's chunk");
            chunks.put(0L, new Chunk(file.at(address), size, skipped));
        } else if (type == 2 && !filtered) {
            file.require(file.at(address), count * chunkBytes, "the dataset's " + count + " chunks");
            for (long i = 0; i < count; i++) {
                chunks.put(i, new Chunk(file.at(address) + i * chunkBytes, chunkBytes, 0));
            }
        } else {
            throw new Malformed("its chunks are indexed by a " + (type > 0 && type < V4_INDEX_NAMES.length
                    ? V4_INDEX_NAMES[type] : "type-" + type) + (type == 2 ? " with filters" : "")
                    + " (HDF5 1.10 file format), which this reader does not support;"
                    + " h5py's default format (libver 'earliest') indexes chunks with a version-1 B-tree");
        }
        return chunks;
    }

    private static Map<Long, Chunk> bTree(FileBytes file, long root, int[] dims, int[] chunkDims, long[] grid) {
        Map<Long, Chunk> chunks = new HashMap<>();
        if (file.isUndefined(root)) {
            return chunks;
        }
        int rank = dims.length;
        String what = "the chunk index";
        BTreeV1Walk.walk(file, root, BTreeV1Walk.CHUNK_NODES, 8 + 8 * (rank + 1), what, (key, address) -> {
            long size = file.u32(key);
            int skipped = (int) file.u32(key + 4);
            long index = 0;
            long[] offset = new long[rank];
            for (int d = 0; d < rank; d++) {
                offset[d] = file.unsigned(key + 8 + 8L * d, 8);
                if (offset[d] < 0 || offset[d] >= dims[d] || offset[d] % chunkDims[d] != 0) {
                    throw new Malformed(what + ": a chunk at " + Arrays.toString(offset) + " is not on the grid of "
                            + Arrays.toString(chunkDims) + " chunks inside the shape " + Arrays.toString(dims));
                }
                index = index * grid[d] + offset[d] / chunkDims[d];
            }
            file.require(file.at(address), size, what + ": the chunk at " + Arrays.toString(offset));
            if (chunks.put(index, new Chunk(file.at(address), size, skipped)) != null) {
                throw new Malformed(what + ": two chunks at " + Arrays.toString(offset));
            }
        });
        return chunks;
    }

    private static int mask(java.util.BitSet bits) {
        long[] words = bits == null ? new long[0] : bits.toLongArray();
        return words.length == 0 ? 0 : (int) words[0];
    }
}
