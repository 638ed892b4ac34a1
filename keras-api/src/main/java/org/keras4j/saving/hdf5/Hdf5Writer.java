package org.keras4j.saving.hdf5;

import io.jhdf.Superblock;
import io.jhdf.WritableGroupImpl;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import io.jhdf.api.WritableNode;
import io.jhdf.exceptions.HdfException;
import io.jhdf.storage.HdfFileChannel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Array;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.keras4j.saving.AtomicFiles;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Builds an HDF5 file in memory (groups, string attributes, float32 and int64 datasets) and writes it at once, in
 * the layout h5py and Keras read. Paths are {@code "a/b/c"} from the root; a leading '/' is ignored; parents are
 * created as needed. A list of no strings is written as Keras writes it: an empty float64 array.
 *
 * <pre>{@code
 * new Hdf5Writer()
 *         .attribute("", "keras_version", "3.13.2")
 *         .group("layers/dense/vars")
 *         .attribute("layers/dense/vars", "name", "dense")
 *         .dataset("layers/dense/vars/0", kernel)      // float32, the array's shape
 *         .dataset("optimizer/vars/0", 56250L)         // int64 scalar
 *         .write(Path.of("model.weights.h5"));         // atomically
 * }</pre>
 *
 * <p>Not thread-safe. Written with jHDF (pure Java): a superblock v2/v3 file with compact groups and contiguous
 * datasets.
 */
public final class Hdf5Writer {
    /** Marks an empty list of strings, written as an empty float64 array. */
    private static final Object EMPTY_LIST = new Object();

    private final Node root = Node.group();

    /**
     * Creates the group at {@code path} and its missing parents; an existing group is kept.
     *
     * @throws IllegalArgumentException if the path is null, has an empty name, or passes through a dataset
     */
    public Hdf5Writer group(String path) {
        requireGroup(Hdf5Paths.split(path), path);
        return this;
    }

    /**
     * Sets a scalar string attribute on the group or dataset at {@code path} (a missing path becomes a group).
     *
     * @throws IllegalArgumentException if the path is invalid, or {@code name} or {@code value} is null or the name
     *                                  blank
     */
    public Hdf5Writer attribute(String path, String name, String value) {
        requireValue(value, path, name);
        node(path).attributes.put(requireName(name, path), value);
        return this;
    }

    /**
     * Sets a string-array attribute (Keras's {@code layer_names}, {@code weight_names}); an empty list is written as
     * Keras writes it, an empty float64 array.
     *
     * @throws IllegalArgumentException if the path is invalid, {@code name} is null or blank, or {@code values} is or
     *                                  holds null
     */
    public Hdf5Writer attribute(String path, String name, List<String> values) {
        requireValue(values, path, name);
        for (String v : values) {
            requireValue(v, path, name);
        }
        node(path).attributes.put(requireName(name, path),
                values.isEmpty() ? EMPTY_LIST : values.toArray(new String[0]));
        return this;
    }

    /**
     * Adds a float32 dataset of {@code values}' shape and values in c order (rank 0 gives a scalar dataset).
     *
     * @throws IllegalArgumentException if the path is invalid or already exists, {@code values} is null or empty, or a
     *                                  dimension exceeds {@link Integer#MAX_VALUE}
     */
    public Hdf5Writer dataset(String path, INDArray values) {
        requireValue(values, path, null);
        long[] shape = values.shape();
        if (values.length() == 0) {
            throw new IllegalArgumentException("HDF5 dataset " + Hdf5Paths.display(path)
                    + ": an empty array (shape " + java.util.Arrays.toString(shape) + ") cannot be written");
        }
        for (long d : shape) {
            if (d > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("HDF5 dataset " + Hdf5Paths.display(path) + ": dimension " + d
                        + " of shape " + java.util.Arrays.toString(shape) + " exceeds " + Integer.MAX_VALUE);
            }
        }
        float[] flat = values.castTo(DataType.FLOAT).dup('c').data().asFloat();
        putDataset(path, shape.length == 0 ? (Object) flat[0] : nested(flat, shape));
        return this;
    }

    /**
     * Adds an int64 scalar dataset (shape {@code ()}), as Keras stores an optimizer's iteration count.
     *
     * @throws IllegalArgumentException if the path is invalid or already exists
     */
    public Hdf5Writer dataset(String path, long scalar) {
        putDataset(path, scalar);
        return this;
    }

    /**
     * Writes the file atomically: a temporary file beside {@code file} renamed over it, so readers see the old file
     * or the complete new one, and a failure leaves neither a temporary nor a partial file.
     *
     * @throws IllegalArgumentException if {@code file} is null
     * @throws UncheckedIOException     if writing fails; {@code file} is then unchanged
     */
    public void write(Path file) {
        if (file == null) {
            throw new IllegalArgumentException("the HDF5 file path must not be null");
        }
        AtomicFiles.write(file, out -> {
            Path tmp = Files.createTempFile("keras4j-", ".h5");
            try {
                writeTo(tmp);
                Files.copy(tmp, out);
            } finally {
                Files.deleteIfExists(tmp);
            }
        });
    }

    /**
     * The file's bytes, for an entry of a zip ({@code model.weights.h5} in a {@code .keras} file).
     *
     * @throws UncheckedIOException if the temporary file jHDF writes through cannot be written or read
     */
    public byte[] toBytes() {
        Path tmp = null;
        try {
            tmp = Files.createTempFile("keras4j-", ".h5");
            writeTo(tmp);
            return Files.readAllBytes(tmp);
        } catch (IOException e) {
            throw new UncheckedIOException("could not build an HDF5 file: " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the temporary directory's cleanup gets it; the result or the first error matters more
                }
            }
        }
    }

    /**
     * Writes the tree with jHDF's node writers into {@code tmp}, an empty file this class owns. Not through
     * {@code HdfFile.write}: jHDF 0.9.4's {@code WritableHdfFile.close} appends an info string at the channel's
     * position, which is the end of the last dataset's data, not the end of the file, so whenever a group is written
     * after the last dataset the string overwrites that group's header. Here the superblock, as jHDF writes it, gets
     * the true end and nothing is appended; jHDF's "_jHDF" root attribute is not added either (Keras's files have
     * none).
     */
    private void writeTo(Path tmp) throws IOException {
        try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            Superblock.SuperblockV2V3 superblock = new Superblock.SuperblockV2V3();
            HdfFileChannel out = new HdfFileChannel(channel, superblock);
            WritableGroupImpl rootGroup = new WritableGroupImpl(null, "/");
            fill(rootGroup, root);
            long end = rootGroup.write(out, WritableHdfFile.ROOT_GROUP_ADDRESS);
            out.write(superblock.toBuffer(end), 0);
        } catch (HdfException e) {
            throw new IOException("jHDF could not write the file: " + e.getMessage(), e);
        }
    }

    private static void fill(WritableGroup target, Node group) {
        putAttributes(target, group);
        for (Map.Entry<String, Node> child : group.children.entrySet()) {
            Node node = child.getValue();
            if (node.data == null) {
                fill(target.putGroup(child.getKey()), node);
            } else {
                putAttributes(target.putDataset(child.getKey(), node.data), node);
            }
        }
    }

    private static void putAttributes(WritableNode target, Node node) {
        node.attributes.forEach((name, value) -> {
            if (value == EMPTY_LIST) {
                // jHDF's writable nodes expose their attribute map; its putAttribute cannot type an empty array
                target.getAttributes().put(name, new EmptyFloat64Attribute(target, name));
            } else {
                target.putAttribute(name, value);
            }
        });
    }

    private void putDataset(String path, Object data) {
        List<String> names = Hdf5Paths.split(path);
        if (names.isEmpty()) {
            throw new IllegalArgumentException("an HDF5 dataset needs a name; the root group cannot be one");
        }
        Node parent = requireGroup(names.subList(0, names.size() - 1), path);
        String name = names.get(names.size() - 1);
        if (parent.children.containsKey(name)) {
            throw new IllegalArgumentException("HDF5 path " + Hdf5Paths.display(path) + " already exists");
        }
        parent.children.put(requireChildName(name, path), Node.dataset(data));
    }

    /** The node at {@code path}, a new group if missing. */
    private Node node(String path) {
        List<String> names = Hdf5Paths.split(path);
        if (names.isEmpty()) {
            return root;
        }
        Node parent = requireGroup(names.subList(0, names.size() - 1), path);
        Node existing = parent.children.get(names.get(names.size() - 1));
        return existing != null ? existing : requireGroup(names, path);
    }

    private Node requireGroup(List<String> names, String path) {
        Node node = root;
        for (int i = 0; i < names.size(); i++) {
            String name = requireChildName(names.get(i), path);
            Node child = node.children.computeIfAbsent(name, n -> Node.group());
            if (child.data != null) {
                throw new IllegalArgumentException("HDF5 path " + Hdf5Paths.display(path) + ": "
                        + Hdf5Paths.display(Hdf5Paths.join(names.subList(0, i + 1))) + " is a dataset, not a group");
            }
            node = child;
        }
        return node;
    }

    private static String requireChildName(String name, String path) {
        if (name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException("HDF5 path " + Hdf5Paths.display(path) + ": '" + name
                    + "' cannot name a group or dataset");
        }
        return name;
    }

    private static String requireName(String name, String path) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("HDF5 path " + Hdf5Paths.display(path)
                    + ": an attribute name must not be null or blank, got " + (name == null ? "null" : "'" + name + "'"));
        }
        return name;
    }

    private static void requireValue(Object value, String path, String attribute) {
        if (value == null) {
            throw new IllegalArgumentException("HDF5 path " + Hdf5Paths.display(path)
                    + (attribute == null ? ": the dataset's values" : ": attribute '" + attribute + "'")
                    + " must not be null");
        }
    }

    /** {@code flat} (c order) as the nested Java array jHDF writes: float[d0][d1]...[dn]. */
    private static Object nested(float[] flat, long[] shape) {
        int[] dims = new int[shape.length];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = (int) shape[i];
        }
        Object array = Array.newInstance(float.class, dims);
        fillRows(array, flat, 0, dims, 0);
        return array;
    }

    private static int fillRows(Object array, float[] flat, int offset, int[] dims, int axis) {
        if (axis == dims.length - 1) {
            System.arraycopy(flat, offset, array, 0, dims[axis]);
            return offset + dims[axis];
        }
        for (int i = 0; i < dims[axis]; i++) {
            offset = fillRows(Array.get(array, i), flat, offset, dims, axis + 1);
        }
        return offset;
    }

    /** A group (data null, children) or a dataset (data: a nested float array, a Float or a Long). */
    private static final class Node {
        final Map<String, Node> children = new LinkedHashMap<>();
        final Map<String, Object> attributes = new LinkedHashMap<>();
        final Object data;

        private Node(Object data) {
            this.data = data;
        }

        static Node group() {
            return new Node(null);
        }

        static Node dataset(Object data) {
            return new Node(data);
        }
    }
}
