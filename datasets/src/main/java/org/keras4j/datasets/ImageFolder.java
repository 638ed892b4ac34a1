package org.keras4j.datasets;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.keras4j.datasets.image.ImageFiles;
import org.keras4j.datasets.image.ImageTransform;
import org.keras4j.datasets.image.Transforms;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A folder of image files with a CSV index, streamed in batches: the data layout of the course capstone.
 *
 * <p>The index has a header and one row per image. Two layouts are understood by {@link #fromCsv(Path)} (column names
 * are matched ignoring case; other columns are ignored), and any other names can be given to
 * {@link #fromCsv(Path, String, String, String)}:
 * <ul>
 *   <li>{@code path,label}, e.g. {@code train/0/0000.png,0};</li>
 *   <li>the capstone's {@code index, type, path, class}: {@code type} names the split a row belongs to
 *       (select one with {@link #withType}; without it every row is used), {@code class} is the label.</li>
 * </ul>
 * A path is relative to the CSV's directory (or to {@link #withRoot}), or absolute. Labels that are all
 * non-negative integers are class indices (class names {@code "0"} to the largest, below 65,536); otherwise the distinct labels,
 * sorted, are the classes (as Keras's {@code image_dataset_from_directory} sorts class names). Classes are taken from
 * every row of the CSV, before {@link #withType} selects rows, so the splits of one CSV agree on the indices; give
 * {@link #withClassNames} to fix them across CSV files.
 *
 * <p>{@link #iterator} decodes images only when a batch is asked for: one batch of decoded images is in memory at a
 * time (plus the few batches DL4J's {@code fit} prefetches in a background thread), so a folder larger than the heap
 * trains. Each image is decoded with {@code javax.imageio} in the colour mode
 * ({@code "rgb"} by default, as Keras), run through the transform (by default {@link Transforms#toFloat()}: pixels in
 * {@code [0, 1]}), and converted to float; features are {@code [batch, height, width, channels]} (NHWC), labels
 * one-hot {@code [batch, classes]} ({@code labelMode "categorical"}, the default) or indices {@code [batch, 1]}
 * ({@code "int"}). Images must all come out the same shape; resize or crop them in the transform if they differ.
 * Instances are immutable.
 *
 * <pre>{@code
 * ImageFolder train = ImageFolder.fromCsv(Path.of("fashion-mnist-png-small/train.csv"))
 *         .withColorMode("grayscale")
 *         .withTransform(Transforms.compose(Transforms.randomHorizontalFlip(0.5, 1), Transforms.toFloat()));
 * DataSetIterator batches = train.iterator(64, true, 42);   // reshuffled every epoch
 * }</pre>
 */
public final class ImageFolder {

    /**
     * The most classes numeric labels may make: a label is a class index and every class up to the largest exists,
     * so one stray large number would otherwise build that many classes (and one-hot rows that wide).
     */
    static final int MAX_CLASSES = 1 << 16;

    /** The label modes {@link #withLabelMode} accepts, Keras's {@code label_mode} values. */
    public static final List<String> LABEL_MODES = List.of("categorical", "int");

    /** Turns a file into an image; replaceable for tests. */
    @FunctionalInterface
    interface Decoder {
        INDArray decode(Path file, String colorMode);
    }

    /** One row of the index. */
    record Entry(Path file, String label, String type, int row) {
    }

    private final String source;
    private final Path csv;
    private final Path root;
    private final List<Entry> all;
    private final boolean hasTypeColumn;
    private final String type;
    private final List<String> classNames;       // null: derived from the labels
    private final String colorMode;
    private final ImageTransform transform;
    private final String labelMode;
    private final Decoder decoder;
    // derived
    private final List<Entry> entries;
    private final List<String> classes;
    private final int[] labels;

    private ImageFolder(String source, Path csv, Path root, List<Entry> all, boolean hasTypeColumn, String type,
                        List<String> classNames, String colorMode, ImageTransform transform, String labelMode,
                        Decoder decoder) {
        this.source = source;
        this.csv = csv;
        this.root = root;
        this.all = all;
        this.hasTypeColumn = hasTypeColumn;
        this.type = type;
        this.classNames = classNames;
        this.colorMode = colorMode;
        this.transform = transform;
        this.labelMode = labelMode;
        this.decoder = decoder;
        this.classes = classNames != null ? classNames : deriveClasses(all, source);
        this.entries = type == null ? all : all.stream().filter(e -> type.equals(e.type)).toList();
        if (entries.isEmpty()) {
            throw new IllegalArgumentException(source + " has no rows of type '" + type + "'; the types are "
                    + new TreeSet<>(all.stream().map(Entry::type).toList()));
        }
        this.labels = new int[entries.size()];
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < classes.size(); i++) {
            index.put(classes.get(i), i);
        }
        boolean numeric = classNames == null && allIndices(all);
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            Integer label = numeric ? Integer.valueOf(e.label) : index.get(e.label);
            if (label == null && isIndex(e.label) && Integer.parseInt(e.label) < classes.size()) {
                label = Integer.parseInt(e.label);   // a class index with given class names
            }
            if (label == null) {
                throw new IllegalArgumentException(source + ": row " + e.row + " has label '" + e.label
                        + "', which is neither one of the class names " + classes + " nor a class index below "
                        + classes.size());
            }
            labels[i] = label;
        }
    }

    /**
     * Reads a CSV index; image paths are relative to the CSV's directory. Every image file must exist.
     *
     * @param csv the index: {@code path,label} or {@code index, type, path, class}
     * @throws IllegalArgumentException if the CSV is missing or has no path or label column, a label is blank, or an
     *                                  image file is missing (the message names the row)
     */
    public static ImageFolder fromCsv(Path csv) {
        if (csv == null) {
            throw new IllegalArgumentException("csv must not be null");
        }
        CsvTable table = CsvTable.read(csv);
        return fromTable(table, csv, find(table, List.of("path"), "path"),
                find(table, List.of("label", "class"), "label (or class)"), optional(table, "type"));
    }

    /**
     * Reads a CSV index whose columns have other names, e.g. {@code fromCsv(csv, "file", "category", "split")}.
     * Names are matched ignoring case and surrounding spaces; other columns are ignored.
     *
     * @param pathColumn  the column of image paths (relative to the CSV's directory, or absolute)
     * @param labelColumn the column of labels (class names, or class indices)
     * @param typeColumn  the column naming each row's split, for {@link #withType}; {@code null} if there is none
     * @throws IllegalArgumentException as {@link #fromCsv(Path)}, or if a named column is not in the header (the
     *                                  message lists the header)
     */
    public static ImageFolder fromCsv(Path csv, String pathColumn, String labelColumn, String typeColumn) {
        if (csv == null) {
            throw new IllegalArgumentException("csv must not be null");
        }
        requireColumnName(pathColumn, "pathColumn");
        requireColumnName(labelColumn, "labelColumn");
        if (typeColumn != null) {
            requireColumnName(typeColumn, "typeColumn");
        }
        CsvTable table = CsvTable.read(csv);
        return fromTable(table, csv, named(table, pathColumn, "pathColumn"), named(table, labelColumn, "labelColumn"),
                typeColumn == null ? -1 : named(table, typeColumn, "typeColumn"));
    }

    private static ImageFolder fromTable(CsvTable table, Path csv, int pathColumn, int labelColumn, int typeColumn) {
        Path root = csv.toAbsolutePath().getParent();
        List<Entry> all = new ArrayList<>(table.numRows());
        for (int r = 0; r < table.numRows(); r++) {
            String path = table.cell(r, pathColumn);
            String label = table.cell(r, labelColumn);
            if (path.isEmpty()) {
                throw table.cellError(r, pathColumn, "the path is empty");
            }
            if (label.isEmpty()) {
                throw table.cellError(r, labelColumn, "the label is empty");
            }
            all.add(new Entry(Path.of(path), label, typeColumn < 0 ? null : table.cell(r, typeColumn),
                    table.rowNumber(r)));
        }
        ImageFolder folder = new ImageFolder(table.source(), csv, root, List.copyOf(all), typeColumn >= 0, null, null,
                "rgb", Transforms.toFloat(), "categorical", ImageFiles::read);
        folder.checkFilesExist();
        return folder;
    }

    private static void requireColumnName(String name, String argument) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException(argument + " must name a column, got '" + name + "'");
        }
    }

    private static int named(CsvTable table, String name, String argument) {
        int c = optional(table, name.strip().toLowerCase(Locale.ROOT));
        if (c < 0) {
            throw new IllegalArgumentException(table.source() + " has no column '" + name + "' (" + argument
                    + "); the columns are " + table.header());
        }
        return c;
    }

    private void checkFilesExist() {
        for (Entry e : all) {
            Path file = root.resolve(e.file);
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException(source + ": row " + e.row + " names image '" + e.file
                        + "', but " + file + " does not exist" + (root.equals(csv.toAbsolutePath().getParent())
                        ? " (paths are relative to the CSV's directory; use withRoot to change that)" : ""));
            }
        }
    }

    private static int find(CsvTable table, List<String> names, String role) {
        for (String name : names) {
            int c = optional(table, name);
            if (c >= 0) {
                return c;
            }
        }
        throw new IllegalArgumentException(table.source() + " has no " + role + " column; the columns are "
                + table.header() + ", expected a header such as 'path,label' or 'index, type, path, class'");
    }

    private static int optional(CsvTable table, String name) {
        List<String> header = table.header();
        for (int c = 0; c < header.size(); c++) {
            if (header.get(c).strip().toLowerCase(Locale.ROOT).equals(name)) {
                return c;
            }
        }
        return -1;
    }

    private static List<String> deriveClasses(List<Entry> entries, String source) {
        if (allIndices(entries)) {
            Entry top = entries.stream().max(java.util.Comparator.comparingInt(e -> Integer.parseInt(e.label))).orElseThrow();
            int max = Integer.parseInt(top.label);
            if (max >= MAX_CLASSES) {
                throw new IllegalArgumentException(source + ": row " + top.row + " has the class index " + max
                        + ", expected an index below " + MAX_CLASSES + " (labels that are numbers are class indices,"
                        + " and classes 0 to the largest are made); use class names as labels, or withClassNames");
            }
            List<String> names = new ArrayList<>();
            for (int i = 0; i <= max; i++) {
                names.add(Integer.toString(i));
            }
            return List.copyOf(names);
        }
        return List.copyOf(new TreeSet<>(entries.stream().map(Entry::label).toList()));
    }

    private static boolean allIndices(List<Entry> entries) {
        return entries.stream().allMatch(e -> isIndex(e.label));
    }

    private static boolean isIndex(String label) {
        return label.length() <= 9 && label.chars().allMatch(ch -> ch >= '0' && ch <= '9');
    }

    private ImageFolder copy(Path root, String type, List<String> classNames, String colorMode,
                             ImageTransform transform, String labelMode, Decoder decoder) {
        return new ImageFolder(source, csv, root, all, hasTypeColumn, type, classNames, colorMode, transform,
                labelMode, decoder);
    }

    /**
     * Resolves relative image paths against {@code root} instead of the CSV's directory.
     *
     * @throws IllegalArgumentException if {@code root} is null or an image file is missing under it
     */
    public ImageFolder withRoot(Path root) {
        if (root == null) {
            throw new IllegalArgumentException("root must not be null");
        }
        ImageFolder folder = copy(root.toAbsolutePath(), type, classNames, colorMode, transform, labelMode, decoder);
        folder.checkFilesExist();
        return folder;
    }

    /**
     * Keeps only the rows whose {@code type} column is {@code type} (e.g. {@code "train"}); the class indices stay
     * those of the whole CSV.
     *
     * @throws IllegalArgumentException if the CSV has no type column or no row of that type (the message lists the
     *                                  types)
     */
    public ImageFolder withType(String type) {
        if (!hasTypeColumn) {
            throw new IllegalArgumentException(source + " has no type column, so rows cannot be selected by type '"
                    + type + "'");
        }
        if (type == null) {
            throw new IllegalArgumentException("type must not be null");
        }
        return copy(root, type, classNames, colorMode, transform, labelMode, decoder);
    }

    /**
     * Fixes the classes: a label is one of these names (or an index into them), and its class index is the name's
     * position.
     *
     * @throws IllegalArgumentException if the list is empty, has duplicates, or a label is not in it
     */
    public ImageFolder withClassNames(List<String> classNames) {
        if (classNames == null || classNames.isEmpty() || new TreeSet<>(classNames).size() != classNames.size()) {
            throw new IllegalArgumentException("classNames must be a non-empty list without duplicates, got "
                    + classNames);
        }
        return copy(root, type, List.copyOf(classNames), colorMode, transform, labelMode, decoder);
    }

    /**
     * Decodes images as {@code "grayscale"} (1 channel), {@code "rgb"} (3, the default) or {@code "rgba"} (4).
     *
     * @throws IllegalArgumentException for another mode
     */
    public ImageFolder withColorMode(String colorMode) {
        ImageFiles.channels(colorMode);
        return copy(root, type, classNames, colorMode, transform, labelMode, decoder);
    }

    /**
     * Runs every decoded image ({@code UBYTE [height, width, channels]}) through {@code transform}, which replaces
     * the default {@link Transforms#toFloat()}; its output is converted to float as it is, so end the pipeline with
     * {@code toFloat()} (or {@code normalize}) to get pixels in {@code [0, 1]}.
     *
     * @throws IllegalArgumentException if {@code transform} is null
     */
    public ImageFolder withTransform(ImageTransform transform) {
        if (transform == null) {
            throw new IllegalArgumentException("transform must not be null");
        }
        return copy(root, type, classNames, colorMode, transform, labelMode, decoder);
    }

    /**
     * Labels as {@code "categorical"} (one-hot {@code [batch, classes]}, the default, as DL4J's output layers want)
     * or {@code "int"} (class indices {@code [batch, 1]}, for {@code sparse_categorical_crossentropy}).
     *
     * @throws IllegalArgumentException for another mode
     */
    public ImageFolder withLabelMode(String labelMode) {
        if (!LABEL_MODES.contains(labelMode)) {
            throw new IllegalArgumentException("labelMode must be one of " + LABEL_MODES + ", got '" + labelMode
                    + "'");
        }
        return copy(root, type, classNames, colorMode, transform, labelMode, decoder);
    }

    /** Replaces the image decoder; for tests that count or fake decoding. */
    ImageFolder withDecoder(Decoder decoder) {
        return copy(root, type, classNames, colorMode, transform, labelMode, decoder);
    }

    /**
     * Batches of images, decoded as they are asked for.
     *
     * @param batchSize the images per batch (the last batch may be smaller)
     * @param shuffle   reshuffle the order at the start of every epoch ({@code reset()})
     * @param seed      seeds the shuffle
     * @throws IllegalArgumentException if {@code batchSize < 1}
     */
    public DataSetIterator iterator(int batchSize, boolean shuffle, long seed) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
        }
        return new ImageFolderIterator(this, batchSize, shuffle, seed);
    }

    /**
     * Decodes every image into memory; for small folders (a large one may not fit: use {@link #iterator}).
     *
     * @return images {@code [n, height, width, channels]} float and their labels, in CSV order
     */
    public ImageData load() {
        ImageFolderIterator it = new ImageFolderIterator(this, size(), false, 0);
        INDArray x = it.next().getFeatures();
        float[] y = new float[size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = labels[i];
        }
        return new ImageData(x, Nd4j.create(y, new long[] {y.length, 1}, 'c'), classes);
    }

    /** The number of images (rows selected). */
    public int size() {
        return entries.size();
    }

    /** The class names in class-index order. */
    public List<String> classNames() {
        return classes;
    }

    /** The image file of row {@code i} (of the rows selected), resolved. */
    public Path file(int i) {
        return root.resolve(entries.get(checkIndex(i)).file);
    }

    /** The class index of row {@code i} (of the rows selected). */
    public int label(int i) {
        return labels[checkIndex(i)];
    }

    private int checkIndex(int i) {
        if (i < 0 || i >= entries.size()) {
            throw new IllegalArgumentException("i must be in [0, " + entries.size() + "), got " + i);
        }
        return i;
    }

    String source() {
        return source;
    }

    int csvRow(int i) {
        return entries.get(i).row;
    }

    String colorMode() {
        return colorMode;
    }

    ImageTransform transform() {
        return transform;
    }

    boolean oneHot() {
        return labelMode.equals("categorical");
    }

    Decoder decoder() {
        return decoder;
    }

    @Override
    public String toString() {
        return "ImageFolder[" + source + (type == null ? "" : ", type=" + type) + ", images=" + size() + ", classes="
                + classes + ", colorMode=" + colorMode + ", transform=" + transform + "]";
    }
}
