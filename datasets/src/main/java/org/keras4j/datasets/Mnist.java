package org.keras4j.datasets;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * The MNIST handwritten digits (LeCun, Cortes, Burges): 28x28 grayscale images of the digits 0 to 9, as Keras's
 * {@code keras.datasets.mnist.load_data()}.
 *
 * <p>{@link #load()} returns train and test as {@link ImageData}:
 * <ul>
 *   <li>{@code x}: train {@code [60000, 28, 28, 1]}, test {@code [10000, 28, 28, 1]}, float pixels in {@code [0, 1]}
 *       (the byte value / 255; 0 is the background), or {@code UBYTE} 0..255 with {@link MnistLoader#rawPixels()};</li>
 *   <li>{@code y}: class indices {@code [n, 1]}, the digit itself; {@code yOneHot()}: {@code [n, 10]}.</li>
 * </ul>
 * The first training image is a 5, the first test image a 7.
 *
 * <p>Files: the four original IDX files ({@link #FILES}), gzipped or not, found as {@link DatasetLocator} describes:
 * a directory passed to {@link #load(Path)}; {@code -Dkeras4j.data=<root>} or {@code KERAS4J_DATA=<root>} (in
 * {@code <root>/mnist} or {@code <root>}); the cache {@code ~/.keras4j/datasets/mnist};
 * {@code ~/.keras/datasets/mnist}.
 * Missing, they are downloaded into {@code ~/.keras4j/datasets/mnist} (about 11 MB) and checked against their
 * SHA-256. Keras itself caches MNIST as {@code ~/.keras/datasets/mnist.npz}, a NumPy archive that keras4j does not
 * read.
 *
 * <p>Licence: Creative Commons Attribution-Share Alike 3.0 (CC BY-SA 3.0), as Keras/TensorFlow give it. Source:
 * http://yann.lecun.com/exdb/mnist/ (the download uses the copy PyTorch's torchvision uses first). Cite: Y. LeCun,
 * L. Bottou, Y. Bengio, P. Haffner, "Gradient-based learning applied to document recognition", Proc. IEEE 86(11),
 * 1998.
 *
 * <pre>{@code
 * TrainTest<ImageData> data = Mnist.load();
 * INDArray xTrain = data.train().x();   // [60000, 28, 28, 1] in [0, 1]
 * INDArray yTrain = data.train().y();   // [60000, 1] digits
 * }</pre>
 */
public final class Mnist {

    /** The class names: {@code "0"} to {@code "9"}, the class index is the digit. */
    public static final List<String> LABELS = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

    /** The published files, their checksums and download locations. */
    public static final DatasetFiles FILES = new DatasetFiles("mnist", "MNIST", List.of(
            new DatasetFile(MnistLoader.TRAIN_IMAGES, 9912422,
                    "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609",
                    "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db"),
            new DatasetFile(MnistLoader.TRAIN_LABELS, 28881,
                    "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c",
                    "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5"),
            new DatasetFile(MnistLoader.TEST_IMAGES, 1648877,
                    "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6",
                    "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7"),
            new DatasetFile(MnistLoader.TEST_LABELS, 4542,
                    "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6",
                    "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2")),
            List.of(URI.create("https://ossci-datasets.s3.amazonaws.com/mnist/"),
                    URI.create("http://yann.lecun.com/exdb/mnist/")),
            null, "mnist.npz");

    private Mnist() {
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
     * As {@link #load()}, looking in {@code directory} (or {@code directory/mnist}) first.
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
