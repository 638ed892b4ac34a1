package org.keras4j.examples.vision;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.keras4j.datasets.AtomicFiles;
import org.keras4j.datasets.ImageData;
import org.keras4j.datasets.TrainTest;
import org.keras4j.datasets.image.ImageFiles;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Writes images of some classes as the course capstone's data: a folder of PNG files and one CSV index with the
 * capstone's header {@code #,TYPE,PATH,CLASS} ({@code TYPE} is {@code train} or {@code test}, {@code PATH} relative
 * to the CSV, {@code CLASS} the class name). The first {@code trainPerClass} training images of each class are
 * taken, in the data's order, and every test image of the classes. Each file is written atomically; the index last,
 * so a folder with an index is complete.
 *
 * <pre>{@code
 * Path csv = CapstoneFolder.write(dir, FashionMnist.load(), Set.of(5, 6, 7, 8, 9), 2000);
 * ImageFolder train = ImageFolder.fromCsv(csv).withType("train");
 * }</pre>
 */
public final class CapstoneFolder {
    /** The index's name inside the folder. */
    public static final String INDEX = "index.csv";

    private CapstoneFolder() {
    }

    /**
     * Writes the folder into {@code dir} and returns its index.
     *
     * @throws IllegalArgumentException if {@code classes} is empty or names a class the data does not have, or
     *                                  {@code trainPerClass} is not positive
     */
    public static Path write(Path dir, TrainTest<ImageData> data, Set<Integer> classes, int trainPerClass) {
        if (classes == null || classes.isEmpty()) {
            throw new IllegalArgumentException("classes must name at least one class, got " + classes);
        }
        for (int c : classes) {
            if (c < 0 || c >= data.train().numClasses()) {
                throw new IllegalArgumentException("classes must be class indices in [0, " + data.train().numClasses()
                        + "), got " + c);
            }
            String name = data.train().labelNames().get(c);
            if (name.contains(",") || name.contains("\"") || name.contains("\n")) {
                throw new IllegalArgumentException("class " + c + " is named '" + name + "', which a CSV cell cannot"
                        + " hold unquoted");
            }
        }
        if (trainPerClass < 1) {
            throw new IllegalArgumentException("trainPerClass must be positive, got " + trainPerClass);
        }
        StringBuilder csv = new StringBuilder("#,TYPE,PATH,CLASS\n");
        int row = 0;
        row = writeSplit(dir, "train", data.train(), classes, trainPerClass, csv, row);
        writeSplit(dir, "test", data.test(), classes, Integer.MAX_VALUE, csv, row);
        Path index = dir.resolve(INDEX);
        byte[] bytes = csv.toString().getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(index, out -> out.write(bytes));
        return index;
    }

    private static int writeSplit(Path dir, String type, ImageData data, Set<Integer> classes, int perClass,
                                  StringBuilder csv, int row) {
        int[] taken = new int[data.numClasses()];
        List<Integer> chosen = new ArrayList<>();
        for (int i = 0; i < data.numImages(); i++) {
            int label = data.label(i);
            if (classes.contains(label) && taken[label] < perClass) {
                taken[label]++;
                chosen.add(i);
            }
        }
        for (int i : chosen) {
            int label = data.label(i);
            String path = String.format(Locale.ROOT, "%s/%d/%05d.png", type, label, i);
            INDArray image = data.x().get(NDArrayIndex.point(i), NDArrayIndex.all(), NDArrayIndex.all(),
                    NDArrayIndex.all());
            ImageFiles.write(image, dir.resolve(path));
            csv.append(row++).append(',').append(type).append(',').append(path).append(',')
                    .append(data.labelNames().get(label)).append('\n');
        }
        return row;
    }
}
