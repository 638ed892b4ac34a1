package org.keras4j.examples.vision;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.keras4j.FitOptions;
import org.keras4j.Keras;
import org.keras4j.Sequential;
import org.keras4j.callbacks.Callback;
import org.keras4j.callbacks.History;
import org.keras4j.datasets.ImageFolder;
import org.keras4j.layers.convolutional.Conv2D;
import org.keras4j.layers.core.Dense;
import org.keras4j.layers.core.Input;
import org.keras4j.layers.pooling.MaxPooling2D;
import org.keras4j.layers.reshaping.Flatten;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * Run by {@link ImageFolderTrainingBeyondHeapTest} in a JVM with a small heap: trains a small CNN for one epoch on
 * an image folder streamed by {@link ImageFolder}, and prints what the parent checks: batches and images trained on,
 * the epoch's loss, the heap limit, the bytes of decoded float pixels the iterator produced, and the process's
 * peak resident memory.
 *
 * <pre>{@code
 * java -Xmx48m -cp ... org.keras4j.examples.vision.LargeFolderTrainMain index.csv 1024 4
 * }</pre>
 * Arguments: the CSV index, the image side, the batch size.
 */
public final class LargeFolderTrainMain {

    private LargeFolderTrainMain() {
    }

    public static void main(String[] args) throws IOException {
        Path csv = Path.of(args[0]);
        int side = Integer.parseInt(args[1]);
        int batchSize = Integer.parseInt(args[2]);
        ImageFolder folder = ImageFolder.fromCsv(csv).withColorMode("grayscale").withLabelMode("int");
        DataSetIterator batches = folder.iterator(batchSize, true, 7);
        long[] decodedBytes = {0};
        // counts what the iterator hands to fit, batch by batch
        batches.setPreProcessor(ds -> decodedBytes[0] += ds.getFeatures().length() * Float.BYTES);

        Keras.setRandomSeed(1);
        // pooling first keeps the step cheap: the test is about memory, not about the model
        Sequential model = new Sequential(
                new Input(side, side, 1),
                new MaxPooling2D(8),
                new Conv2D(4, 3, "relu"),
                new MaxPooling2D(4),
                new Flatten(),
                new Dense(folder.classNames().size(), "softmax"));
        model.compile("adam", "sparse_categorical_crossentropy", "accuracy");
        int[] steps = {0};
        Callback counter = new Callback() {
            @Override
            public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
                steps[0]++;
            }
        };
        History history = model.fit(batches, FitOptions.defaults().epochs(1).verbose(0).callbacks(counter));
        System.out.printf(Locale.ROOT, "batches=%d images=%d loss=%s accuracy=%s%n", steps[0], folder.size(),
                history.last("loss"), history.last("accuracy"));
        System.out.printf(Locale.ROOT, "maxHeap=%d decodedBytes=%d peakResidentBytes=%d%n",
                Runtime.getRuntime().maxMemory(), decodedBytes[0], peakResidentBytes());
    }

    /** The process's peak resident set (Java heap, ND4J's off-heap arrays, native libraries), from Linux's VmHWM. */
    private static long peakResidentBytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;   // the value is in kB
            }
        }
        throw new IllegalStateException("/proc/self/status has no VmHWM line");
    }
}
