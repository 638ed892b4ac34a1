package org.keras4j.saving.hdf5;

import io.jhdf.AbstractNode;
import io.jhdf.HdfFile;
import io.jhdf.ObjectHeader;
import io.jhdf.Superblock;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Link;
import io.jhdf.api.Node;
import io.jhdf.object.datatype.FixedPoint;
import io.jhdf.object.datatype.FloatingPoint;
import io.jhdf.storage.HdfBackingStorage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Reads what Keras stores in HDF5 files (legacy {@code .h5} models and weights, a {@code .keras} file's
 * {@code model.weights.h5}): groups, string attributes, float datasets, the int64 iteration count. Paths are
 * {@code "a/b/c"} from the root ("" or "/" is the root; a leading '/' is ignored).
 *
 * <pre>{@code
 * try (Hdf5Reader h5 = Hdf5Reader.open(Path.of("model.h5"))) {
 *     String config = h5.stringAttribute("", "model_config").orElseThrow();
 *     List<String> layers = h5.stringsAttribute("model_weights", "layer_names");
 *     INDArray kernel = h5.readFloats("model_weights/dense/dense/kernel:0", new long[] {784, 512});
 * }
 * }</pre>
 *
 * <p>A file from outside is untrusted: every failure (not HDF5, truncated, corrupt, a missing path, a group where a
 * dataset is expected, a wrong type or shape) is one {@link IllegalArgumentException} whose message starts with the
 * file's name and the path inside it, and says what was expected and what was found. Nothing is allocated in a size
 * the file declares before that size is checked: {@link #readFloats} compares the declared shape with the caller's
 * before reading a value, string attributes are bounded (16 MiB), and every index structure h5py writes is checked
 * before it is followed (no cycles, nothing beyond the file's end). The file is read in place (memory-mapped, or the
 * given bytes), never extracted or copied; links (soft, external) are never followed.
 *
 * <p>Built on jHDF (pure Java) for the file's structure; the values themselves are decoded here. Not thread-safe.
 */
public final class Hdf5Reader implements AutoCloseable {
    private static final int MAX_LISTED = 20;

    private final String name;
    private final HdfFile file;
    private final HdfBackingStorage storage;
    private final FileBytes bytes;
    private final StructureChecks checks;
    private final ObjectHeader rootHeader;
    private boolean closed;

    private Hdf5Reader(String name, ByteBuffer content) {
        this.name = name;
        if (Hdf5Signature.find(content) < 0) {
            throw failure(null, Hdf5Signature.describeMismatch(content), null);
        }
        this.file = guarded(null, () -> HdfFile.fromByteBuffer(content.duplicate()));
        this.storage = file.getHdfBackingStorage();
        Superblock superblock = storage.getSuperblock();
        long end = superblock.getBaseAddressByte() + superblock.getEndOfFileAddress();
        if (superblock.getEndOfFileAddress() >= 0 && end > content.capacity()) {
            throw failure(null, "truncated: its superblock declares " + end + " bytes, the file has "
                    + content.capacity(), null);
        }
        this.bytes = new FileBytes(content, superblock.getBaseAddressByte(), superblock.getSizeOfOffsets(),
                superblock.getSizeOfLengths());
        this.checks = new StructureChecks(bytes);
        this.rootHeader = guarded("/", () -> ObjectHeader.readObjectHeader(storage, file.getAddress()));
        guarded("/", () -> members(file)); // a file whose root group is unreadable fails here, not later
    }

    /**
     * Opens {@code file}, memory-mapped (read-only, never copied), after checking the HDF5 signature.
     *
     * @throws IllegalArgumentException if {@code file} is null, missing, unreadable, larger than 2 GiB, not HDF5,
     *                                  truncated, or its root group is corrupt
     */
    public static Hdf5Reader open(Path file) {
        if (file == null) {
            throw new IllegalArgumentException("the HDF5 file path must not be null");
        }
        String name = file.toString();
        if (!Files.isRegularFile(file)) {
            throw new Hdf5FormatException(name + ": " + (Files.exists(file) ? "not a regular file" : "no such file"),
                    null);
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size > Integer.MAX_VALUE) {
                throw new Hdf5FormatException(name + ": the file has " + size
                        + " bytes; this reader reads files of up to 2 GiB", null);
            }
            // the mapping stays valid after the channel closes; the bytes are paged in only as they are read
            return new Hdf5Reader(name, channel.map(FileChannel.MapMode.READ_ONLY, 0, size));
        } catch (IOException e) {
            throw new Hdf5FormatException(name + ": cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * Reads an HDF5 file held in memory, such as the {@code model.weights.h5} entry of a {@code .keras} zip.
     *
     * @param name how messages name it, e.g. {@code "model.weights.h5 in x.keras"}
     * @throws IllegalArgumentException if an argument is null, or the bytes are not HDF5, truncated, or their root
     *                                  group is corrupt
     */
    public static Hdf5Reader fromBytes(byte[] bytes, String name) {
        if (bytes == null || name == null) {
            throw new IllegalArgumentException("the HDF5 " + (bytes == null ? "bytes" : "name") + " must not be null");
        }
        return new Hdf5Reader(name, ByteBuffer.wrap(bytes));
    }

    /** The name messages use for this file: the path given to {@link #open}, or the name given to {@link #fromBytes}. */
    public String name() {
        return name;
    }

    /**
     * True if a group, dataset or link exists at {@code path}.
     *
     * @throws IllegalArgumentException if the path is invalid or the groups along it are corrupt
     */
    public boolean exists(String path) {
        List<String> names = Hdf5Paths.split(path);
        return guarded(path, () -> find(names).isPresent());
    }

    /** True if a group exists at {@code path} (a link to one does not count). */
    public boolean isGroup(String path) {
        List<String> names = Hdf5Paths.split(path);
        return guarded(path, () -> find(names).filter(n -> !(n instanceof Link) && n instanceof Group).isPresent());
    }

    /** True if a dataset exists at {@code path} (a link to one does not count). */
    public boolean isDataset(String path) {
        List<String> names = Hdf5Paths.split(path);
        return guarded(path, () -> find(names).filter(n -> !(n instanceof Link) && n instanceof Dataset).isPresent());
    }

    /**
     * The names of the group's members, in h5py's order: by name, or by creation order if the group tracks it.
     *
     * @param groupPath "" or "/" for the root group
     * @throws IllegalArgumentException if the path is missing, not a group, or corrupt
     */
    public List<String> children(String groupPath) {
        List<String> names = Hdf5Paths.split(groupPath);
        return guarded(groupPath, () -> {
            Node node = require(groupPath, names);
            if (node instanceof Link || !(node instanceof Group group)) {
                throw failure(groupPath, "expected a group, found " + kind(node), null);
            }
            return LinkOrder.of(members(group).keySet(), header(group), storage, bytes);
        });
    }

    /**
     * The names of the attributes of the group or dataset at {@code path}, sorted by name.
     *
     * @throws IllegalArgumentException if the path is missing or corrupt
     */
    public List<String> attributeNames(String path) {
        List<String> names = Hdf5Paths.split(path);
        return guarded(path, () -> sorted(attributes(path, require(path, names)).keySet()));
    }

    /**
     * A scalar string attribute (fixed or variable length, bytes or str, decoded as UTF-8); empty if absent.
     *
     * @throws IllegalArgumentException if the path is missing or corrupt, or the attribute is not a scalar string
     *                                  (an array of strings, even of one, is {@link #stringsAttribute}'s)
     */
    public Optional<String> stringAttribute(String path, String attribute) {
        List<String> names = Hdf5Paths.split(path);
        requireAttributeName(attribute);
        return guarded(path, () -> {
            Attribute a = attributes(path, require(path, names)).get(attribute);
            if (a == null) {
                return Optional.empty();
            }
            if (!StringAttributes.isString(a.getDataType()) || a.getDimensions().length != 0 || a.getSize() != 1) {
                throw failure(path, "attribute '" + attribute + "': expected a string, found "
                        + describe(a.getDataType(), a.getDimensions()), null);
            }
            return Optional.of(strings(path, attribute, a).get(0));
        });
    }

    /**
     * A string-array attribute ({@code layer_names}, {@code weight_names}: numpy {@code |S7}, variable-length or
     * object arrays); an empty attribute of any type (Keras writes an empty float64 array for "no names") gives [].
     *
     * @throws IllegalArgumentException if the path is missing or corrupt, the attribute is absent, or it holds
     *                                  something other than strings
     */
    public List<String> stringsAttribute(String path, String attribute) {
        List<String> names = Hdf5Paths.split(path);
        requireAttributeName(attribute);
        return guarded(path, () -> {
            Map<String, Attribute> all = attributes(path, require(path, names));
            Attribute a = all.get(attribute);
            if (a == null) {
                throw failure(path, "attribute '" + attribute + "' not found (attributes: "
                        + listed(sorted(all.keySet())) + ")", null);
            }
            if (a.getSize() == 0) {
                return List.of();
            }
            if (!StringAttributes.isString(a.getDataType())) {
                throw failure(path, "attribute '" + attribute + "': expected strings, found "
                        + describe(a.getDataType(), a.getDimensions()), null);
            }
            return strings(path, attribute, a);
        });
    }

    /**
     * The shape of the dataset at {@code datasetPath} ([] for a scalar).
     *
     * @throws IllegalArgumentException if the path is missing, not a dataset, or corrupt
     */
    public long[] shape(String datasetPath) {
        List<String> names = Hdf5Paths.split(datasetPath);
        return guarded(datasetPath, () -> longs(dataset(datasetPath, names).getDimensions()));
    }

    /**
     * The dataset's element type as numpy names it: "float32", "float64", "float16", "int64", "|S7", "object", ...
     *
     * @throws IllegalArgumentException if the path is missing, not a dataset, or corrupt
     */
    public String dtype(String datasetPath) {
        List<String> names = Hdf5Paths.split(datasetPath);
        return guarded(datasetPath, () -> Dtypes.name(dataset(datasetPath, names).getDataType()));
    }

    /**
     * Reads a float16, float32 or float64 dataset as a FLOAT array of {@code expectedShape}, c order. The shape the
     * file declares is compared with {@code expectedShape} before anything is allocated.
     *
     * @param expectedShape the shape the caller knows (a layer's weight shape); [] for a scalar
     * @throws IllegalArgumentException if {@code expectedShape} is null or negative; or the path is missing, not a
     *                                  dataset, not of a float type, of another shape ("expected [3, 3, 1, 32],
     *                                  found [3, 3, 32]"), or its data is missing from the file or corrupt
     */
    public INDArray readFloats(String datasetPath, long[] expectedShape) {
        List<String> names = Hdf5Paths.split(datasetPath);
        long elements = requireShape(expectedShape);
        return guarded(datasetPath, () -> {
            Dataset dataset = dataset(datasetPath, names);
            if (!(dataset.getDataType() instanceof FloatingPoint type)) {
                throw failure(datasetPath, "expected a float dataset (float16, float32 or float64), found "
                        + describe(dataset.getDataType(), dataset.getDimensions()), null);
            }
            FloatDecoding.requireIeee(type);
            int[] dims = requireDims(datasetPath, dataset, expectedShape, elements);
            float[] values = new float[(int) elements];
            ObjectHeader header = header(dataset);
            float fill = DatasetBytes.fillValue(header, type.getSize()).map(b -> {
                float[] one = new float[1];
                FloatDecoding.decode(b, b.position(), type.getByteOrder(), type.getSize(), one, 0, 1);
                return one[0];
            }).orElse(0f);
            DatasetBytes.read(header, bytes, dims, type.getSize(), new DatasetBytes.Sink() {
                @Override
                public void run(int element, ByteBuffer src, int from, int count) {
                    FloatDecoding.decode(src, from, type.getByteOrder(), type.getSize(), values, element, count);
                }

                @Override
                public void fill(int element, int count) {
                    Arrays.fill(values, element, element + count, fill);
                }
            });
            if (expectedShape.length == 0) {
                return Nd4j.scalar(values[0]);
            }
            return elements == 0 ? Nd4j.create(org.nd4j.linalg.api.buffer.DataType.FLOAT, expectedShape) : Nd4j.create(values, expectedShape, 'c');
        });
    }

    /**
     * Reads a scalar integer dataset (shape []), such as Keras 3's optimizer iteration count.
     *
     * @throws IllegalArgumentException if the path is missing, not a dataset, not an integer scalar, or corrupt
     */
    public long readLong(String datasetPath) {
        List<String> names = Hdf5Paths.split(datasetPath);
        return guarded(datasetPath, () -> {
            Dataset dataset = dataset(datasetPath, names);
            if (!(dataset.getDataType() instanceof FixedPoint type) || type.getSize() > 8) {
                throw failure(datasetPath, "expected an integer dataset, found "
                        + describe(dataset.getDataType(), dataset.getDimensions()), null);
            }
            int[] dims = requireDims(datasetPath, dataset, new long[0], 1);
            ObjectHeader header = header(dataset);
            long[] value = {DatasetBytes.fillValue(header, type.getSize()).map(b -> integer(b, b.position(), type))
                    .orElse(0L)};
            DatasetBytes.read(header, bytes, dims, type.getSize(), new DatasetBytes.Sink() {
                @Override
                public void run(int element, ByteBuffer src, int from, int count) {
                    value[0] = integer(src, from, type);
                }

                @Override
                public void fill(int element, int count) {
                    // the fill value is already in place
                }
            });
            if (!type.isSigned() && value[0] < 0) {
                throw failure(datasetPath, "the unsigned value " + Long.toUnsignedString(value[0])
                        + " exceeds the largest long", null);
            }
            return value[0];
        });
    }

    /**
     * The exception for a problem at {@code path} in this file: {@code "<name>: <path>: <why>"}, for callers that
     * find a problem in what they read (a dataset Keras's layout needs but the file lacks).
     */
    public IllegalArgumentException corrupt(String path, String why) {
        return failure(path, why, null);
    }

    /** Releases the file; later calls fail with {@link IllegalStateException}. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            file.close();
        }
    }

    // --- navigation ---

    private Optional<Node> find(List<String> names) {
        Node node = file;
        for (String child : names) {
            if (node instanceof Link || !(node instanceof Group group)) {
                return Optional.empty();
            }
            node = members(group).get(child);
            if (node == null) {
                return Optional.empty();
            }
        }
        return Optional.of(node);
    }

    private Node require(String path, List<String> names) {
        Node node = file;
        for (int i = 0; i < names.size(); i++) {
            String parent = Hdf5Paths.display(Hdf5Paths.join(names.subList(0, i)));
            if (node instanceof Link) {
                throw failure(path, "not found: " + parent + " is a link, and links are not followed", null);
            }
            if (!(node instanceof Group group)) {
                throw failure(path, "not found: " + parent + " is " + kind(node) + ", not a group", null);
            }
            Map<String, Node> members = members(group);
            Node child = members.get(names.get(i));
            if (child == null) {
                throw failure(path, "not found: " + parent + " has no member '" + names.get(i) + "' (members: "
                        + listed(sorted(members.keySet())) + ")", null);
            }
            node = child;
        }
        return node;
    }

    private Dataset dataset(String path, List<String> names) {
        Node node = require(path, names);
        if (node instanceof Link || !(node instanceof Dataset dataset)) {
            String members = node instanceof Group group && !(node instanceof Link)
                    ? " (members: " + listed(sorted(members(group).keySet())) + ")" : "";
            throw failure(path, "expected a dataset, found " + kind(node) + members, null);
        }
        return dataset;
    }

    private Map<String, Node> members(Group group) {
        requireOpen();
        checks.group(header(group));
        Map<String, Node> members = group.getChildren();
        for (String member : members.keySet()) {
            if (member.isEmpty() || member.indexOf('/') >= 0 || member.indexOf('\0') >= 0) {
                throw new Malformed("a member's name '" + member + "' is not a valid HDF5 name");
            }
        }
        return members;
    }

    private Map<String, Attribute> attributes(String path, Node node) {
        if (node instanceof Link) {
            throw failure(path, "is a link, and links are not followed", null);
        }
        checks.attributes(header(node));
        return node.getAttributes();
    }

    private ObjectHeader header(Node node) {
        return node instanceof AbstractNode a ? a.getHeader() : rootHeader; // only the root is not an AbstractNode
    }

    private List<String> strings(String path, String attribute, Attribute a) {
        try {
            return StringAttributes.read(a, bytes, storage);
        } catch (Malformed e) {
            throw failure(path, "attribute '" + attribute + "' " + e.getMessage(), null);
        }
    }

    // --- checks and messages ---

    private int[] requireDims(String path, Dataset dataset, long[] expected, long elements) {
        int[] dims = dataset.getDimensions();
        if (!Arrays.equals(longs(dims), expected)) {
            throw failure(path, "expected shape " + Arrays.toString(expected) + ", found " + Arrays.toString(dims),
                    null);
        }
        if (dataset.getSize() != elements) {
            throw failure(path, "its dataspace holds " + dataset.getSize() + " elements, its shape "
                    + Arrays.toString(dims) + " " + elements, null);
        }
        return dims;
    }

    private static long requireShape(long[] shape) {
        if (shape == null) {
            throw new IllegalArgumentException("expectedShape must not be null (use new long[0] for a scalar)");
        }
        long elements = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("expectedShape " + Arrays.toString(shape) + " has a negative size");
            }
            elements = d == 0 || elements == 0 ? 0 : elements > Integer.MAX_VALUE / d ? Long.MAX_VALUE : elements * d;
        }
        if (elements > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("expectedShape " + Arrays.toString(shape)
                    + " has more elements than one array holds (" + (Integer.MAX_VALUE - 8) + ")");
        }
        return elements;
    }

    private static void requireAttributeName(String attribute) {
        if (attribute == null || attribute.isEmpty()) {
            throw new IllegalArgumentException("an attribute name must not be null or empty");
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException(name + " is closed");
        }
    }

    private static long integer(ByteBuffer src, int from, FixedPoint type) {
        ByteBuffer view = src.duplicate().order(type.getByteOrder());
        int size = type.getSize();
        long value = 0;
        for (int i = 0; i < size; i++) {
            int at = view.order() == java.nio.ByteOrder.LITTLE_ENDIAN ? size - 1 - i : i;
            value = (value << 8) | Byte.toUnsignedLong(view.get(from + at));
        }
        if (type.isSigned() && size < 8) {
            value = (value << (64 - 8 * size)) >> (64 - 8 * size); // sign-extend
        }
        return value;
    }

    private <T> T guarded(String path, Supplier<T> body) {
        try {
            return body.get();
        } catch (Hdf5FormatException e) {
            throw e;
        } catch (Malformed e) {
            throw failure(path, e.getMessage(), null);
        } catch (IllegalStateException e) {
            if (closed) {
                throw e;
            }
            throw failure(path, "unreadable HDF5 structure (truncated or corrupt file?): " + causes(e), e);
        } catch (RuntimeException e) {
            throw failure(path, "unreadable HDF5 structure (truncated or corrupt file?): " + causes(e), e);
        } catch (StackOverflowError e) {
            throw failure(path, "its structure refers back to itself without end (corrupt file?)", null);
        }
    }

    private Hdf5FormatException failure(String path, String why, Throwable cause) {
        return new Hdf5FormatException(name + ": " + (path == null ? "" : Hdf5Paths.display(path) + ": ") + why, cause);
    }

    /** jHDF wraps its errors several times; the chain of messages says where and what. */
    private static String causes(Throwable e) {
        List<String> parts = new ArrayList<>();
        for (Throwable t = e; t != null && parts.size() < 6; t = t.getCause()) {
            String part = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
            if (!parts.contains(part)) {
                parts.add(part);
            }
        }
        String joined = String.join(": ", parts);
        return joined.length() > 500 ? joined.substring(0, 500) + "..." : joined;
    }

    private static String kind(Node node) {
        if (node instanceof Link) {
            return "a link";
        }
        if (node instanceof Group) {
            return "a group";
        }
        if (node instanceof Dataset d) {
            return "a dataset (" + describe(d.getDataType(), d.getDimensions()) + ")";
        }
        return "a " + node.getType().toString().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }

    private static String describe(io.jhdf.object.datatype.DataType type, int[] dims) {
        return Dtypes.name(type) + " of shape " + Arrays.toString(dims);
    }

    private static long[] longs(int[] dims) {
        return Arrays.stream(dims).asLongStream().toArray();
    }

    private static List<String> sorted(Collection<String> names) {
        return LinkOrder.byName(names);
    }

    private static String listed(List<String> names) {
        if (names.size() <= MAX_LISTED) {
            return names.toString();
        }
        return names.subList(0, MAX_LISTED).toString().replace("]", ", ... " + (names.size() - MAX_LISTED) + " more]");
    }
}
