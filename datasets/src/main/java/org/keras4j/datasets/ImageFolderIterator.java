package org.keras4j.datasets;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link ImageFolder#iterator}: decodes one batch of images per {@link #next()}, never more. Shuffling draws a new
 * order from one seeded generator at construction and at every {@link #reset()}, so epoch {@code k} has the same
 * order on every run.
 */
final class ImageFolderIterator implements DataSetIterator {

    private static final long serialVersionUID = 1L;

    private final transient ImageFolder folder;
    private final int batchSize;
    private final boolean shuffle;
    private final Random random;
    private final int[] order;
    private int cursor;
    private long[] imageShape;   // [h, w, c] of the first image, which all others must match
    private transient DataSetPreProcessor preProcessor;

    ImageFolderIterator(ImageFolder folder, int batchSize, boolean shuffle, long seed) {
        this.folder = folder;
        this.batchSize = batchSize;
        this.shuffle = shuffle;
        this.random = new Random(seed);
        this.order = new int[folder.size()];
        newEpoch();
    }

    private void newEpoch() {
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        if (shuffle) {
            for (int i = order.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
        }
        cursor = 0;
    }

    @Override
    public boolean hasNext() {
        return cursor < order.length;
    }

    @Override
    public DataSet next() {
        return next(batchSize);
    }

    @Override
    public DataSet next(int num) {
        if (num < 1) {
            throw new IllegalArgumentException("num must be >= 1, got " + num);
        }
        if (!hasNext()) {
            throw new NoSuchElementException("no more images in this epoch (" + order.length + " seen); call reset()");
        }
        int n = Math.min(num, order.length - cursor);
        INDArray features = null;
        int k = folder.classNames().size();
        INDArray labels = folder.oneHot() ? Nd4j.zeros(DataType.FLOAT, n, k) : Nd4j.zeros(DataType.FLOAT, n, 1);
        for (int b = 0; b < n; b++) {
            int i = order[cursor + b];
            INDArray image = decode(i);
            if (features == null) {
                // every element is written below; zeroing a large batch first costs as much as filling it
                features = Nd4j.createUninitialized(DataType.FLOAT, n, image.size(0), image.size(1), image.size(2));
            }
            features.slice(b).assign(image);
            if (folder.oneHot()) {
                labels.putScalar(b, folder.label(i), 1f);
            } else {
                labels.putScalar(b, 0, folder.label(i));
            }
        }
        cursor += n;
        DataSet batch = new DataSet(features, labels);
        if (preProcessor != null) {
            preProcessor.preProcess(batch);
        }
        return batch;
    }

    /** Decodes and transforms row {@code i}, checking its shape against the first image's. */
    private INDArray decode(int i) {
        Path file = folder.file(i);
        INDArray image;
        try {
            image = folder.decoder().decode(file, folder.colorMode());
            image = folder.transform().apply(image);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(folder.source() + ": row " + folder.csvRow(i) + " (" + file + "): "
                    + e.getMessage(), e);
        }
        if (image.rank() != 3) {
            throw new IllegalArgumentException(folder.source() + ": row " + folder.csvRow(i) + " (" + file
                    + "): the transform returned shape " + Arrays.toString(image.shape())
                    + ", expected one image [height, width, channels]");
        }
        if (imageShape == null) {
            imageShape = image.shape();
        } else if (!Arrays.equals(imageShape, image.shape())) {
            throw new IllegalArgumentException(folder.source() + ": row " + folder.csvRow(i) + " (" + file
                    + ") gives an image of shape " + Arrays.toString(image.shape()) + " but the first image gave "
                    + Arrays.toString(imageShape) + "; all images of a batch must have one shape: add "
                    + "Transforms.resize(height, width) to the transform");
        }
        return image.dataType() == DataType.FLOAT ? image : image.castTo(DataType.FLOAT);
    }

    /** {@code height * width * channels}; decodes the first image if no batch has been read yet. */
    @Override
    public int inputColumns() {
        if (imageShape == null) {
            decode(0);
        }
        return (int) (imageShape[0] * imageShape[1] * imageShape[2]);
    }

    @Override
    public int totalOutcomes() {
        return folder.classNames().size();
    }

    @Override
    public boolean resetSupported() {
        return true;
    }

    @Override
    public boolean asyncSupported() {
        return true;
    }

    @Override
    public void reset() {
        newEpoch();
    }

    @Override
    public int batch() {
        return batchSize;
    }

    @Override
    public void setPreProcessor(DataSetPreProcessor preProcessor) {
        this.preProcessor = preProcessor;
    }

    @Override
    public DataSetPreProcessor getPreProcessor() {
        return preProcessor;
    }

    @Override
    public List<String> getLabels() {
        return folder.classNames();
    }

    @Override
    public String toString() {
        return "ImageFolderIterator[" + folder + ", batchSize=" + batchSize + ", shuffle=" + shuffle + "]";
    }
}
