package org.keras4j.examples.unsupervised;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.keras4j.datasets.FashionMnist;
import org.keras4j.datasets.ImageData;
import org.keras4j.datasets.TrainTest;
import org.keras4j.examples.ExerciseContext;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Fashion-MNIST as flat vectors for the autoencoder exercises: images {@code [n, 784]} in [0, 1]
 * with their class labels, loaded from {@code --data} when given, else through the standard lookup.
 *
 * <pre>{@code
 * FashionVectors train = FashionVectors.load(ctx).train().first(20_000);
 * FashionVectors footwear = train.ofClasses(Set.of(5, 7, 9));
 * }</pre>
 *
 * @param x      images, {@code [n, 784]}, floats in [0, 1]
 * @param labels class index of each row
 */
public record FashionVectors(INDArray x, int[] labels) {
    /** Pixels per image. */
    public static final int PIXELS = 28 * 28;

    /** Training and test images of Fashion-MNIST, flattened. */
    public static TrainTest<FashionVectors> load(ExerciseContext ctx) {
        TrainTest<ImageData> data = ctx == null || ctx.dataDir().isEmpty() ? FashionMnist.load()
                : FashionMnist.load(ctx.dataDir().get());
        return new TrainTest<>(of(data.train()), of(data.test()));
    }

    /** The images of {@code data} as rows of 784 pixels. */
    public static FashionVectors of(ImageData data) {
        int n = data.numImages();
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = data.label(i);
        }
        return new FashionVectors(data.x().reshape('c', n, PIXELS), labels);
    }

    public int size() {
        return labels.length;
    }

    /** The first {@code n} rows (all when there are fewer). */
    public FashionVectors first(int n) {
        int m = Math.min(n, size());
        return new FashionVectors(x.get(NDArrayIndex.interval(0, m), NDArrayIndex.all()).dup(),
                java.util.Arrays.copyOf(labels, m));
    }

    /** Rows {@code from} (inclusive) to {@code to} (exclusive). */
    public FashionVectors rows(int from, int to) {
        return new FashionVectors(x.get(NDArrayIndex.interval(from, to), NDArrayIndex.all()).dup(),
                java.util.Arrays.copyOfRange(labels, from, to));
    }

    /** The rows whose class is in {@code classes}, in order. */
    public FashionVectors ofClasses(Set<Integer> classes) {
        List<Long> keep = new ArrayList<>();
        for (int i = 0; i < size(); i++) {
            if (classes.contains(labels[i])) {
                keep.add((long) i);
            }
        }
        long[] idx = keep.stream().mapToLong(Long::longValue).toArray();
        int[] l = new int[idx.length];
        for (int i = 0; i < idx.length; i++) {
            l[i] = labels[(int) idx[i]];
        }
        return new FashionVectors(x.getRows(java.util.Arrays.stream(idx).mapToInt(v -> (int) v).toArray()).dup(), l);
    }

    /** The rows in a random order drawn from {@code seed}. */
    public FashionVectors shuffled(long seed) {
        int[] order = new int[size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Random r = new Random(seed);
        for (int i = order.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int[] l = new int[order.length];
        for (int i = 0; i < order.length; i++) {
            l[i] = labels[order[i]];
        }
        return new FashionVectors(x.getRows(order).dup(), l);
    }
}
