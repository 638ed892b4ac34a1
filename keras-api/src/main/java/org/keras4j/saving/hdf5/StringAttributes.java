package org.keras4j.saving.hdf5;

import io.jhdf.GlobalHeap;
import io.jhdf.api.Attribute;
import io.jhdf.object.datatype.DataType;
import io.jhdf.object.datatype.StringData;
import io.jhdf.object.datatype.VariableLength;
import io.jhdf.storage.HdfBackingStorage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes string attributes as h5py writes them: fixed-length byte strings (numpy {@code |S7}) and variable-length
 * strings (Python {@code str}, numpy object arrays), as UTF-8. The strings' declared total size is bounded
 * ({@link #MAX_BYTES}) before any is read, and every global heap collection holding variable-length strings is
 * checked against the file before jHDF parses it.
 */
final class StringAttributes {
    /** Generous for Keras's largest attribute, {@code model_config} (a model's JSON configuration). */
    static final long MAX_BYTES = 16L << 20;

    private StringAttributes() {
    }

    static boolean isString(DataType type) {
        return type instanceof StringData || type instanceof VariableLength v && v.isVariableLengthString();
    }

    /**
     * All strings of a string attribute (one for a scalar), in c order.
     *
     * @throws Malformed if the strings declare more than {@link #MAX_BYTES} or more than the file holds
     */
    static List<String> read(Attribute attribute, FileBytes file, HdfBackingStorage storage) {
        long count = attribute.getSize();
        ByteBuffer data = attribute.isEmpty() ? ByteBuffer.allocate(0) : attribute.getBuffer();
        if (count == 0) {
            return List.of();
        }
        DataType type = attribute.getDataType();
        long declared = count * type.getSize();
        if (type.getSize() <= 0 || declared > MAX_BYTES) {
            throw new Malformed("declares " + count + " strings of " + type.getSize() + " bytes, more than the "
                    + (MAX_BYTES >> 20) + " MiB this reader accepts");
        }
        if (data.remaining() < declared) {
            throw new Malformed("declares " + declared + " bytes of strings but holds " + data.remaining());
        }
        data = data.slice().order(ByteOrder.LITTLE_ENDIAN);
        return type instanceof StringData fixed
                ? fixedLength(data, fixed, (int) count)
                : variableLength(data, type.getSize(), (int) count, file, storage);
    }

    private static List<String> fixedLength(ByteBuffer data, StringData type, int count) {
        int size = type.getSize();
        List<String> strings = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int from = i * size;
            int end = from + size;
            switch (type.getPaddingType()) {
                case NULL_TERMINATED -> end = firstNul(data, from, end);
                case NULL_PADDED -> end = trimTrailing(data, from, end, (byte) 0);
                case SPACE_PADDED -> end = trimTrailing(data, from, end, (byte) ' ');
                default -> { }
            }
            strings.add(utf8(data, from, end - from));
        }
        return strings;
    }

    /** Each element: a 4-byte length, then a global heap id (collection address, 4-byte object index). */
    private static List<String> variableLength(ByteBuffer data, int elementSize, int count, FileBytes file,
            HdfBackingStorage storage) {
        int offsetSize = file.offsetSize();
        if (elementSize != 8 + offsetSize) {
            throw new Malformed("declares variable-length strings of " + elementSize + " bytes, expected "
                    + (8 + offsetSize));
        }
        long total = 0;
        for (int i = 0; i < count; i++) {
            total += Integer.toUnsignedLong(data.getInt(i * elementSize));
        }
        if (total > MAX_BYTES) {
            throw new Malformed("declares " + total + " bytes of strings, more than the " + (MAX_BYTES >> 20)
                    + " MiB this reader accepts");
        }
        Map<Long, GlobalHeap> heaps = new HashMap<>();
        long[] heapBytes = {0};
        List<String> strings = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int at = i * elementSize;
            int length = data.getInt(at);
            long address = unsigned(data, at + 4, offsetSize);
            long index = Integer.toUnsignedLong(data.getInt(at + 4 + offsetSize));
            if (length == 0) {
                strings.add("");
                continue;
            }
            GlobalHeap heap = heaps.computeIfAbsent(address, a -> {
                heapBytes[0] += checkedCollection(file, a);
                if (heapBytes[0] > file.size()) {
                    throw new Malformed("its strings' heap collections claim more bytes than the file holds");
                }
                return new GlobalHeap(storage, a);
            });
            ByteBuffer object = heap.getObjectData((int) Math.min(index, Integer.MAX_VALUE));
            if (object.remaining() < length) {
                throw new Malformed("string " + i + " declares " + length + " bytes, its heap object holds "
                        + object.remaining());
            }
            strings.add(utf8(object, object.position(), length));
        }
        return strings;
    }

    /** The size of the global heap collection at {@code address}, once it is known to lie inside the file. */
    private static long checkedCollection(FileBytes file, long address) {
        long position = file.at(address);
        file.require(position, 8 + file.lengthSize(), "a global heap collection");
        if (!file.hasSignature(position, "GCOL")) {
            throw new Malformed("no global heap collection (signature 'GCOL') at offset " + position);
        }
        long size = file.length(position + 8);
        file.require(position, size, "a global heap collection");
        return size;
    }

    private static long unsigned(ByteBuffer data, int at, int width) {
        long value = 0;
        for (int i = width - 1; i >= 0; i--) {
            value = (value << 8) | Byte.toUnsignedLong(data.get(at + i));
        }
        return value;
    }

    private static int firstNul(ByteBuffer data, int from, int end) {
        for (int i = from; i < end; i++) {
            if (data.get(i) == 0) {
                return i;
            }
        }
        return end;
    }

    private static int trimTrailing(ByteBuffer data, int from, int end, byte pad) {
        while (end > from && data.get(end - 1) == pad) {
            end--;
        }
        return end;
    }

    private static String utf8(ByteBuffer data, int from, int length) {
        byte[] bytes = new byte[length];
        data.get(from, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
