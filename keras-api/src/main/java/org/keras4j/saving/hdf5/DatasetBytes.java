package org.keras4j.saving.hdf5;

import io.jhdf.ObjectHeader;
import io.jhdf.object.message.DataLayoutMessage;
import io.jhdf.object.message.DataLayoutMessage.ChunkedDataLayoutMessage;
import io.jhdf.object.message.DataLayoutMessage.CompactDataLayoutMessage;
import io.jhdf.object.message.DataLayoutMessage.ContiguousDataLayoutMessage;
import io.jhdf.object.message.FillValueMessage;
import io.jhdf.object.message.FilterPipelineMessage;
import io.jhdf.object.message.FilterPipelineMessage.FilterInfo;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Delivers a dataset's stored elements in c order, from whichever layout holds them (compact, contiguous, chunked),
 * as runs of raw bytes, without jHDF's data readers: every size is checked against the file first, chunks are
 * decoded with bounded filters ({@link ChunkFilters}) and honour each chunk's filter mask, and unwritten parts are
 * reported as fill.
 */
final class DatasetBytes {
    /** The largest chunk accepted beyond the dataset's own size (h5py's automatic chunks stay under 1 MiB). */
    private static final long MAX_CHUNK_BEYOND_DATA = 4L << 20;

    /** Receives the elements: {@code count} values of the element size at byte {@code from} of {@code bytes}. */
    interface Sink {
        void run(int element, ByteBuffer bytes, int from, int count);

        /** Elements the file never wrote: they hold the dataset's fill value. */
        void fill(int element, int count);
    }

    private DatasetBytes() {
    }

    /**
     * @param dims        the dataset's shape, already checked to be what the caller expects (so its size is bounded)
     * @param elementSize bytes per element, from the dataset's type
     * @throws Malformed if the layout declares storage the file does not hold or that this reader cannot decode
     */
    static void read(ObjectHeader header, FileBytes file, int[] dims, int elementSize, Sink sink) {
        long elements = 1;
        for (int d : dims) {
            elements *= d;
        }
        long bytes = elements * elementSize;
        DataLayoutMessage layout = header.getMessageOfType(DataLayoutMessage.class);
        if (elements == 0) {
            return;
        }
        if (layout instanceof CompactDataLayoutMessage compact) {
            ByteBuffer data = compact.getDataBuffer();
            if (data.remaining() < bytes) {
                throw new Malformed("its compact storage holds " + data.remaining() + " bytes, the shape "
                        + Arrays.toString(dims) + " needs " + bytes);
            }
            sink.run(0, data, data.position(), (int) elements);
        } else if (layout instanceof ContiguousDataLayoutMessage contiguous) {
            if (file.isUndefined(contiguous.getAddress())) {
                sink.fill(0, (int) elements);
            } else {
                ByteBuffer data = file.slice(file.at(contiguous.getAddress()), bytes, "its data");
                sink.run(0, data, 0, (int) elements);
            }
        } else {
            chunked(header, layout, file, dims, elementSize, sink);
        }
    }

    /** The fill value's bytes, if the dataset defines one of {@code elementSize} bytes. */
    static Optional<ByteBuffer> fillValue(ObjectHeader header, int elementSize) {
        for (FillValueMessage m : header.getMessagesOfType(FillValueMessage.class)) {
            if (m.isFillValueDefined() && m.getFillValue() != null && m.getFillValue().remaining() == elementSize) {
                return Optional.of(m.getFillValue());
            }
        }
        return Optional.empty();
    }

    private static void chunked(ObjectHeader header, DataLayoutMessage layout, FileBytes file, int[] dims,
            int elementSize, Sink sink) {
        int rank = dims.length;
        int[] chunkDims;
        if (layout instanceof ChunkedDataLayoutMessage v3) {
            chunkDims = v3.getChunkDimensions();
            if (v3.getSize() != elementSize) {
                throw new Malformed("its chunk layout declares " + v3.getSize() + "-byte elements, its type "
                        + elementSize);
            }
        } else if (layout instanceof DataLayoutMessage.ChunkedDataLayoutMessageV4 v4) {
            int[] all = v4.getChunkDimensions(); // the element size is the last one
            chunkDims = Arrays.copyOf(all, Math.max(0, all.length - 1));
        } else {
            throw new Malformed("its storage layout " + layout.getClass().getSimpleName() + " is not supported");
        }
        long chunkElements = 1;
        for (int c : chunkDims) {
            if (c < 1) {
                throw new Malformed("its chunk shape " + Arrays.toString(chunkDims) + " has an empty dimension");
            }
            chunkElements *= c;
        }
        if (chunkDims.length != rank) {
            throw new Malformed("its chunk shape " + Arrays.toString(chunkDims) + " does not have the rank of its shape "
                    + Arrays.toString(dims));
        }
        long dataBytes = Arrays.stream(dims).asLongStream().reduce(1, (a, b) -> a * b) * elementSize;
        long chunkBytes = chunkElements * elementSize;
        if (chunkBytes > Math.max(dataBytes, MAX_CHUNK_BEYOND_DATA)) {
            throw new Malformed("its chunks of shape " + Arrays.toString(chunkDims) + " (" + chunkBytes
                    + " bytes) are larger than the dataset of shape " + Arrays.toString(dims) + " needs");
        }
        List<FilterInfo> filters = header.getMessagesOfType(FilterPipelineMessage.class).stream()
                .flatMap(m -> m.getFilters().stream()).toList();
        ChunkFilters.requireSupported(filters);
        Map<Long, ChunkIndex.Chunk> chunks = ChunkIndex.read(file, layout, dims, chunkDims, chunkBytes,
                !filters.isEmpty());

        long[] grid = new long[rank];
        long count = 1;
        for (int d = 0; d < rank; d++) {
            grid[d] = (dims[d] + (long) chunkDims[d] - 1) / chunkDims[d];
            count *= grid[d];
        }
        int[] cell = new int[rank];
        for (long index = 0; index < count; index++) {
            int[] origin = new int[rank];
            for (int d = 0; d < rank; d++) {
                origin[d] = cell[d] * chunkDims[d];
            }
            ChunkIndex.Chunk chunk = chunks.get(index);
            ByteBuffer decoded = chunk == null ? null : decode(file, chunk, filters, (int) chunkBytes);
            copyRegion(decoded, origin, dims, chunkDims, elementSize, sink);
            for (int d = rank - 1; d >= 0 && ++cell[d] == grid[d]; d--) {
                cell[d] = 0; // next chunk in row-major order
            }
        }
    }

    private static ByteBuffer decode(FileBytes file, ChunkIndex.Chunk chunk, List<FilterInfo> filters, int size) {
        ByteBuffer stored = file.slice(chunk.position(), chunk.size(), "a chunk");
        boolean anyApplied = false;
        for (int i = 0; i < filters.size(); i++) {
            anyApplied |= (chunk.skippedFilters() & (1 << i)) == 0;
        }
        if (!anyApplied) {
            if (stored.remaining() < size) {
                throw new Malformed("a chunk holds " + stored.remaining() + " bytes, expected " + size);
            }
            return stored;
        }
        byte[] bytes = new byte[stored.remaining()];
        stored.get(bytes);
        return ByteBuffer.wrap(ChunkFilters.decode(bytes, filters, chunk.skippedFilters(), size));
    }

    /** Copies the part of a chunk inside the dataset, row by row along the last axis; null chunk: fill. */
    private static void copyRegion(ByteBuffer chunk, int[] origin, int[] dims, int[] chunkDims, int elementSize,
            Sink sink) {
        int rank = dims.length;
        int[] extent = new int[rank];
        long rows = 1;
        for (int d = 0; d < rank; d++) {
            extent[d] = Math.min(chunkDims[d], dims[d] - origin[d]);
            if (d < rank - 1) {
                rows *= extent[d];
            }
        }
        int[] at = new int[rank];
        for (long r = 0; r < rows; r++) {
            long source = 0;
            long target = 0;
            for (int d = 0; d < rank; d++) {
                source = source * chunkDims[d] + at[d];
                target = target * dims[d] + origin[d] + at[d];
            }
            if (chunk == null) {
                sink.fill((int) target, extent[rank - 1]);
            } else {
                sink.run((int) target, chunk, (int) source * elementSize, extent[rank - 1]);
            }
            for (int d = rank - 2; d >= 0 && ++at[d] == extent[d]; d--) {
                at[d] = 0;
            }
        }
    }
}
