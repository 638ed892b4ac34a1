package org.keras4j.datasets;

import java.nio.file.Path;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * Run by {@link ImageFolderLargeFolderTest} in a JVM with a small heap: streams an image folder whose
 * decoded pixels are larger than the heap, and prints the number of images and the sum of their pixels per epoch.
 * Arguments: the CSV index, the batch size.
 */
public final class LargeFolderStreamMain {

    static final int EPOCHS = 1;

    private LargeFolderStreamMain() {
    }

    public static void main(String[] args) {
        ImageFolder folder = ImageFolder.fromCsv(Path.of(args[0])).withColorMode("grayscale");
        DataSetIterator it = folder.iterator(Integer.parseInt(args[1]), true, 7);
        long decodedBytes = 0;
        for (int epoch = 0; epoch < EPOCHS; epoch++) {
            int images = 0;
            double sum = 0;
            while (it.hasNext()) {
                DataSet batch = it.next();
                images += batch.numExamples();
                sum += batch.getFeatures().sumNumber().doubleValue();
                decodedBytes += batch.getFeatures().length() * 4;
            }
            it.reset();
            System.out.println("epoch=" + epoch + " images=" + images + " sum=" + sum);
        }
        System.out.println("maxHeap=" + Runtime.getRuntime().maxMemory() + " decodedBytesPerEpoch="
                + decodedBytes / EPOCHS);
    }
}
