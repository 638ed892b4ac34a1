package org.keras4j.datasets;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * Fashion-MNIST (Zalando Research): 28x28 grayscale images of 10 kinds of clothing, a drop-in replacement for MNIST,
 * as Keras's {@code keras.datasets.fashion_mnist.load_data()}.
 *
 * <p>{@link #load()} returns train and test as {@link ImageData}:
 * <ul>
 *   <li>{@code x}: train {@code [60000, 28, 28, 1]}, test {@code [10000, 28, 28, 1]}, float pixels in {@code [0, 1]}
 *       (the byte value / 255; 0 is the background), or {@code UBYTE} 0..255 with {@link MnistLoader#rawPixels()};</li>
 *   <li>{@code y}: class indices {@code [n, 1]}; {@code yOneHot()}: {@code [n, 10]}. 6,000 training and 1,000 test
 *       images per class.</li>
 * </ul>
 * The classes ({@link #LABELS}): 0 T-shirt/top, 1 Trouser, 2 Pullover, 3 Dress, 4 Coat, 5 Sandal, 6 Shirt, 7 Sneaker,
 * 8 Bag, 9 Ankle boot.
 *
 * <p>Files: the four original IDX files ({@link #FILES}), gzipped or not, found as {@link DatasetLocator} describes:
 * a directory passed to {@link #load(Path)}; {@code -Dkeras4j.data=<root>} or {@code KERAS4J_DATA=<root>} (in
 * {@code <root>/fashion-mnist} or {@code <root>}); the cache {@code ~/.keras4j/datasets/fashion-mnist}; Keras's cache
 * {@code ~/.keras/datasets/fashion-mnist} (so data Keras downloaded is reused);
 * {@code /usr/share/datasets/fashion-mnist} (Debian's {@code apt-get install dataset-fashion-mnist}). Missing, they are
 * downloaded into {@code ~/.keras4j/datasets/fashion-mnist} (about 30 MB) and checked against their SHA-256.
 *
 * <p>Licence: MIT, Copyright (c) 2017 Zalando SE. Source: https://github.com/zalandoresearch/fashion-mnist. Cite:
 * H. Xiao, K. Rasul, R. Vollgraf, "Fashion-MNIST: a Novel Image Dataset for Benchmarking Machine Learning
 * Algorithms", arXiv:1708.07747, 2017.
 *
 * <pre>{@code
 * TrainTest<ImageData> data = FashionMnist.load();
 * INDArray xTrain = data.train().x();              // [60000, 28, 28, 1] in [0, 1]
 * String name = FashionMnist.LABELS.get(data.train().label(0));   // "Ankle boot"
 * }</pre>
 */
public final class FashionMnist {

    /** The class names in class-index order. */
    public static final List<String> LABELS = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    /** The published files, their checksums and download locations. */
    public static final DatasetFiles FILES = new DatasetFiles("fashion-mnist", "Fashion-MNIST", List.of(
            new DatasetFile(MnistLoader.TRAIN_IMAGES, 26421880,
                    "3aede38d61863908ad78613f6a32ed271626dd12800ba2636569512369268a84",
                    "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888"),
            new DatasetFile(MnistLoader.TRAIN_LABELS, 29515,
                    "a04f17134ac03560a47e3764e11b92fc97de4d1bfaf8ba1a3aa29af54cc90845",
                    "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9"),
            new DatasetFile(MnistLoader.TEST_IMAGES, 4422102,
                    "346e55b948d973a97e58d2351dde16a484bd415d4595297633bb08f03db6a073",
                    "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b"),
            new DatasetFile(MnistLoader.TEST_LABELS, 5148,
                    "67da17c76eaffca5446c3361aaab5c3cd6d1c2608764d35dfb1850b086bf8dd5",
                    "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34")),
            // Zalando's own location first (plain http; the SHA-256 check protects it), then Keras's mirror
            List.of(URI.create("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/"),
                    URI.create("https://storage.googleapis.com/tensorflow/tf-keras-datasets/")),
            "dataset-fashion-mnist", null);

    private FashionMnist() {
    }

    /**
     * Train (60,000) and test (10,000) images, pixels in {@code [0, 1]}.
     *
     * @throws MissingDatasetException  if the files are not on this machine and cannot be downloaded (the message
     *                                  says which files to put where)
     * @throws IllegalArgumentException if a file found is corrupt, truncated or not the official one
     */
    public static TrainTest<ImageData> load() {
        return loader().load();
    }

    /**
     * As {@link #load()}, looking in {@code directory} (or {@code directory/fashion-mnist}) first.
     *
     * @throws IllegalArgumentException if {@code directory} is null, or a file found is corrupt
     */
    public static TrainTest<ImageData> load(Path directory) {
        return loader().directory(directory).load();
    }

    /** A loader with options: where to look, raw pixels. */
    public static MnistLoader loader() {
        return new MnistLoader(FILES, LABELS, DatasetLocator.defaults(), false);
    }
}
