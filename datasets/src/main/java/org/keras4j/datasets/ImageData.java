package org.keras4j.datasets;

import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Images with a class label each: what an image classifier is fit on.
 *
 * <p>{@code x()} is channels-last {@code [n, height, width, channels]}, as Keras's {@code Conv2D} expects: float
 * pixels in {@code [0, 1]}, or {@code UBYTE} values 0 to 255 when loaded raw. {@code y()} holds class indices
 * {@code [n, 1]} (float values {@code 0 .. k-1}, for {@code sparse_categorical_crossentropy}); {@code yOneHot()} is the
 * same labels one-hot {@code [n, k]} (for {@code categorical_crossentropy}). Class {@code i} is
 * {@code labelNames().get(i)}.
 *
 * <pre>{@code
 * TrainTest<ImageData> data = FashionMnist.load();
 * model.fit(data.train().x(), data.train().y(), 10);           // x [60000, 28, 28, 1], y [60000, 1]
 * String first = data.train().labelNames().get(data.train().label(0));   // "Ankle boot"
 * }</pre>
 */
public final class ImageData {

    private final INDArray x;
    private final INDArray y;
    private final int[] labels;
    private final List<String> labelNames;
    private INDArray yOneHot;

    /**
     * @param x          images {@code [n, height, width, channels]}
     * @param y          class indices {@code [n, 1]}, each an integer in {@code [0, labelNames.size())}
     * @param labelNames the class names, in class-index order
     * @throws IllegalArgumentException if a shape does not match or a label is not a valid class index
     */
    public ImageData(INDArray x, INDArray y, List<String> labelNames) {
        if (x == null || y == null) {
            throw new IllegalArgumentException("x and y must not be null");
        }
        if (x.rank() != 4) {
            throw new IllegalArgumentException("x must hold images [n, height, width, channels], got shape "
                    + Arrays.toString(x.shape()));
        }
        if (y.rank() != 2 || y.columns() != 1) {
            throw new IllegalArgumentException("y must hold class indices [n, 1], got shape "
                    + Arrays.toString(y.shape()));
        }
        if (x.size(0) != y.size(0)) {
            throw new IllegalArgumentException("x and y must hold the same number of samples, got x "
                    + Arrays.toString(x.shape()) + " and y " + Arrays.toString(y.shape()));
        }
        if (labelNames == null || labelNames.isEmpty()) {
            throw new IllegalArgumentException("labelNames must name at least one class, got " + labelNames);
        }
        int k = labelNames.size();
        double[] values = y.dup().data().asDouble();
        int[] indices = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            double label = values[i];
            if (label != Math.rint(label) || label < 0 || label >= k) {
                throw new IllegalArgumentException("y[" + i + "] must be a class index in [0, " + k + "), got "
                        + label);
            }
            indices[i] = (int) label;
        }
        this.x = x;
        this.y = y;
        this.labels = indices;
        this.labelNames = List.copyOf(labelNames);
    }

    /**
     * Images and labels from two IDX arrays, as MNIST stores them: images {@code UNSIGNED_BYTE [n, h, w]} (a fourth
     * dimension is taken as channels), labels {@code UNSIGNED_BYTE [n]}.
     *
     * @param raw keep pixels as {@code UBYTE} 0..255 instead of float in {@code [0, 1]}
     * @throws IllegalArgumentException if a type or shape is not as above or a label is out of range
     */
    static ImageData fromIdx(IdxArray images, IdxArray labels, List<String> labelNames, boolean raw,
                             String imagesSource, String labelsSource) {
        int[] s = images.shape();
        if (images.type() != IdxArray.Type.UNSIGNED_BYTE || (s.length != 3 && s.length != 4)) {
            throw new IllegalArgumentException(imagesSource + " must hold images as unsigned bytes [n, height, width]"
                    + ", got " + images.type() + " " + Arrays.toString(s));
        }
        int[] l = labels.shape();
        if (labels.type() != IdxArray.Type.UNSIGNED_BYTE || l.length != 1) {
            throw new IllegalArgumentException(labelsSource + " must hold labels as unsigned bytes [n], got "
                    + labels.type() + " " + Arrays.toString(l));
        }
        if (l[0] != s[0]) {
            throw new IllegalArgumentException(imagesSource + " holds " + s[0] + " images but " + labelsSource
                    + " holds " + l[0] + " labels");
        }
        long[] shape = {s[0], s[1], s[2], s.length == 4 ? s[3] : 1};
        INDArray pixels = raw ? images.toINDArray().reshape('c', shape) : scaled(images.data(), shape);
        byte[] bytes = labels.data();
        float[] y = new float[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            int label = bytes[i] & 0xff;
            if (label >= labelNames.size()) {
                throw new IllegalArgumentException(labelsSource + ": label " + i + " is " + label
                        + ", expected a class index in [0, " + labelNames.size() + ")");
            }
            y[i] = label;
        }
        return new ImageData(pixels, Nd4j.create(y, new long[] {y.length, 1}, 'c'), labelNames);
    }

    /** Unsigned bytes divided by 255, written in chunks straight into a float array's native memory. */
    private static INDArray scaled(byte[] bytes, long[] shape) {
        INDArray out = Nd4j.createUninitialized(DataType.FLOAT, shape);
        if (bytes.length == 0) {
            return out;
        }
        FloatBuffer target = out.data().asNio().order(ByteOrder.nativeOrder()).asFloatBuffer();
        float[] chunk = new float[Math.min(bytes.length, 1 << 16)];
        for (int offset = 0; offset < bytes.length; offset += chunk.length) {
            int n = Math.min(chunk.length, bytes.length - offset);
            for (int i = 0; i < n; i++) {
                chunk[i] = (bytes[offset + i] & 0xff) / 255f;
            }
            target.put(chunk, 0, n);
        }
        return out;
    }

    /** Images {@code [n, height, width, channels]}. */
    public INDArray x() {
        return x;
    }

    /** Class indices {@code [n, 1]}. */
    public INDArray y() {
        return y;
    }

    /** Labels one-hot {@code [n, k]} float, column {@code i} for {@code labelNames().get(i)}; built on first use. */
    public synchronized INDArray yOneHot() {
        if (yOneHot == null) {
            int k = labelNames.size();
            float[] oneHot = new float[labels.length * k];
            for (int i = 0; i < labels.length; i++) {
                oneHot[i * k + labels[i]] = 1f;
            }
            yOneHot = Nd4j.create(oneHot, new long[] {labels.length, k}, 'c');
        }
        return yOneHot;
    }

    /** The class index of image {@code i}. */
    public int label(int i) {
        if (i < 0 || i >= labels.length) {
            throw new IllegalArgumentException("i must be in [0, " + labels.length + "), got " + i);
        }
        return labels[i];
    }

    /** The class names in index order. */
    public List<String> labelNames() {
        return labelNames;
    }

    /** The number of classes {@code k}. */
    public int numClasses() {
        return labelNames.size();
    }

    /** The number of images {@code n}. */
    public int numImages() {
        return labels.length;
    }

    /** The shape of one image, {@code [height, width, channels]}. */
    public long[] imageShape() {
        return Arrays.copyOfRange(x.shape(), 1, 4);
    }

    /** The same data as an ND4J {@link DataSet} with one-hot labels, as DL4J's output layers expect. */
    public DataSet toDataSet() {
        return new DataSet(x, yOneHot());
    }

    @Override
    public String toString() {
        return "ImageData[x=" + x.dataType() + Arrays.toString(x.shape()) + ", classes=" + labelNames + "]";
    }
}
