package org.keras4j.datasets;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Loads MNIST or Fashion-MNIST (which share a format) with options: where to look, and raw pixels.
 *
 * <p>{@link Mnist#load()} and {@link FashionMnist#load()} cover the common case; this class is for the rest. Every
 * file is read in full and its decompressed content checked against the official SHA-256, so a corrupt, truncated or
 * wrong file fails with a message naming it, whichever directory it came from. Immutable.
 *
 * <pre>{@code
 * TrainTest<ImageData> raw = FashionMnist.loader()
 *         .directory(Path.of("data"))   // looked in first
 *         .rawPixels()                  // UBYTE 0..255 instead of float [0, 1]
 *         .load();
 * }</pre>
 */
public final class MnistLoader {

    static final String TRAIN_IMAGES = "train-images-idx3-ubyte.gz";
    static final String TRAIN_LABELS = "train-labels-idx1-ubyte.gz";
    static final String TEST_IMAGES = "t10k-images-idx3-ubyte.gz";
    static final String TEST_LABELS = "t10k-labels-idx1-ubyte.gz";

    private final DatasetFiles dataset;
    private final List<String> labelNames;
    private final DatasetLocator locator;
    private final boolean raw;

    MnistLoader(DatasetFiles dataset, List<String> labelNames, DatasetLocator locator, boolean raw) {
        this.dataset = dataset;
        this.labelNames = labelNames;
        this.locator = locator;
        this.raw = raw;
    }

    /**
     * Looks in {@code directory} (or {@code directory/<name>}) first, then in the usual places.
     *
     * @throws IllegalArgumentException if {@code directory} is null
     */
    public MnistLoader directory(Path directory) {
        if (directory == null) {
            throw new IllegalArgumentException("directory must not be null");
        }
        return new MnistLoader(dataset, labelNames, locator.withDirectory(directory), raw);
    }

    /**
     * Finds the files with this locator (e.g. one with downloads turned off).
     *
     * @throws IllegalArgumentException if {@code locator} is null
     */
    public MnistLoader locator(DatasetLocator locator) {
        if (locator == null) {
            throw new IllegalArgumentException("locator must not be null");
        }
        return new MnistLoader(dataset, labelNames, locator, raw);
    }

    /** Keeps pixels as {@code UBYTE} values 0 to 255 (a quarter of the memory) instead of float in {@code [0, 1]}. */
    public MnistLoader rawPixels() {
        return new MnistLoader(dataset, labelNames, locator, true);
    }

    /**
     * Finds (or downloads) the four files and reads them.
     *
     * @return train (60,000 images) and test (10,000 images)
     * @throws MissingDatasetException  if the files are nowhere and cannot be downloaded
     * @throws IllegalArgumentException if a file found is corrupt, truncated or not the official one
     */
    public TrainTest<ImageData> load() {
        Map<String, Path> files = locator.locate(dataset);
        ImageData train = read(files, TRAIN_IMAGES, TRAIN_LABELS);
        ImageData test = read(files, TEST_IMAGES, TEST_LABELS);
        return new TrainTest<>(train, test);
    }

    private ImageData read(Map<String, Path> files, String images, String labels) {
        Path imagesFile = files.get(images);
        Path labelsFile = files.get(labels);
        return ImageData.fromIdx(readVerified(imagesFile, images), readVerified(labelsFile, labels), labelNames, raw,
                imagesFile.toString(), labelsFile.toString());
    }

    private IdxArray readVerified(Path path, String name) {
        DatasetFile expected = dataset.files().stream().filter(f -> f.name().equals(name)).findFirst()
                .orElseThrow();
        MessageDigest digest = DatasetLocator.newSha256();
        IdxArray content = Idx.read(path, digest);
        String sha256 = HexFormat.of().formatHex(digest.digest());
        if (!sha256.equals(expected.contentSha256())) {
            StringBuilder m = new StringBuilder(path + " is not the official " + dataset.title() + " file " + name
                    + ": its content has sha256 " + sha256 + ", expected " + expected.contentSha256());
            for (DatasetFiles other : List.of(Mnist.FILES, FashionMnist.FILES)) {
                for (DatasetFile f : other.files()) {
                    if (f.contentSha256().equals(sha256)) {
                        m.append(" (it is ").append(other.title()).append("'s ").append(f.name()).append(')');
                    }
                }
            }
            throw new IllegalArgumentException(m.append("; replace it with the official file").toString());
        }
        return content;
    }
}
