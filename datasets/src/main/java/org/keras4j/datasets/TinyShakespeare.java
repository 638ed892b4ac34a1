package org.keras4j.datasets;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Tiny Shakespeare (Andrej Karpathy's char-rnn): 1,115,394 characters of Shakespeare's plays in one ASCII file, 65
 * distinct characters, the classic data of character-level language models (TensorFlow's {@code shakespeare.txt}).
 *
 * <p>{@link #load()} returns the text; {@link #file()} the verified file, for streaming it with
 * {@code TextSequences}. The common split is the first 90 % of the characters for training and the last 10 % for
 * validation. The file {@code input.txt} is found as {@link DatasetLocator} describes: a directory given to
 * {@link #load(Path)}; {@code -Dkeras4j.data=<root>} or {@code KERAS4J_DATA=<root>} (in
 * {@code <root>/tinyshakespeare} or {@code <root>}); the cache {@code ~/.keras4j/datasets/tinyshakespeare}. Missing,
 * it is downloaded there from {@link #URL} (about 1.1 MB). Wherever it comes from, its SHA-256 must be the published
 * {@code 86c4e6aa...565ed}, or loading fails naming the file.
 *
 * <p>{@link #excerpt()} is the first 198 lines (5,593 characters), bundled with keras4j for tests and offline demos.
 *
 * <p>Licence: the text is in the public domain (William Shakespeare, d. 1616); selected by Andrej Karpathy and
 * published in the MIT-licensed repository https://github.com/karpathy/char-rnn (data/tinyshakespeare/input.txt).
 *
 * <pre>{@code
 * String text = TinyShakespeare.load();                       // "First Citizen:\nBefore we proceed ..."
 * Vocabulary chars = Vocabulary.characters(text);            // 65 characters + padding and OOV
 * String offline = TinyShakespeare.excerpt();                 // 5,593 characters, no download
 * }</pre>
 */
public final class TinyShakespeare {

    /** Where the file is published. */
    public static final URI URL =
            URI.create("https://raw.githubusercontent.com/karpathy/char-rnn/master/data/tinyshakespeare/input.txt");

    /** The published file, its checksum and download location. */
    public static final DatasetFiles FILES = new DatasetFiles("tinyshakespeare", "Tiny Shakespeare", List.of(
            new DatasetFile("input.txt", 1115394,
                    "86c4e6aa9db7c042ec79f339dcb96d42b0075e16b8fc2e86bf0ca57e2dc565ed",
                    "86c4e6aa9db7c042ec79f339dcb96d42b0075e16b8fc2e86bf0ca57e2dc565ed")),
            List.of(URI.create("https://raw.githubusercontent.com/karpathy/char-rnn/master/data/tinyshakespeare/")),
            null, null);

    private static final String EXCERPT = "tinyshakespeare_excerpt.txt";

    private TinyShakespeare() {
    }

    /**
     * The whole text, 1,115,394 characters.
     *
     * @throws MissingDatasetException  if the file is not on this machine and cannot be downloaded (the message says
     *                                  where to put it)
     * @throws IllegalArgumentException if the file found is not the official one
     */
    public static String load() {
        return load(DatasetLocator.defaults());
    }

    /**
     * As {@link #load()}, looking in {@code directory} (or {@code directory/tinyshakespeare}) first.
     *
     * @throws IllegalArgumentException if {@code directory} is null, or the file found is not the official one
     */
    public static String load(Path directory) {
        return load(DatasetLocator.defaults().withDirectory(requireDirectory(directory)));
    }

    /** The text, found (or downloaded) by {@code locator}, verified. */
    public static String load(DatasetLocator locator) {
        Path file = file(locator);
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The verified file, for streaming ({@code TextSequences.of(TinyShakespeare.file(), ...)}).
     *
     * @throws MissingDatasetException  if it is not on this machine and cannot be downloaded
     * @throws IllegalArgumentException if the file found is not the official one
     */
    public static Path file() {
        return file(DatasetLocator.defaults());
    }

    /** As {@link #file()}, looking in {@code directory} (or {@code directory/tinyshakespeare}) first. */
    public static Path file(Path directory) {
        return file(DatasetLocator.defaults().withDirectory(requireDirectory(directory)));
    }

    /**
     * The file found (or downloaded) by {@code locator}, after checking its SHA-256 against the published one.
     *
     * @throws IllegalArgumentException if {@code locator} is null or the file is not the official one
     */
    public static Path file(DatasetLocator locator) {
        if (locator == null) {
            throw new IllegalArgumentException("locator must not be null");
        }
        DatasetFile expected = FILES.files().get(0);
        Path file = locator.locate(FILES).get(expected.name());
        String sha256;
        try {
            sha256 = DatasetLocator.sha256(file);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file + ": " + e.getMessage(), e);
        }
        if (!sha256.equals(expected.contentSha256())) {
            long size;
            try {
                size = Files.size(file);
            } catch (IOException e) {
                size = -1;
            }
            throw new IllegalArgumentException(file + " is not the official Tiny Shakespeare " + expected.name()
                    + ": it has " + size + " bytes with sha256 " + sha256 + ", expected " + expected.size()
                    + " bytes with sha256 " + expected.contentSha256() + "; replace it with the file from " + URL);
        }
        return file;
    }

    /**
     * The first 198 lines of the text (5,593 characters, ending with a full speech), bundled with keras4j.
     *
     * @throws IllegalStateException if the bundled resource is missing from the jar
     */
    public static String excerpt() {
        try (InputStream in = TinyShakespeare.class.getResourceAsStream(EXCERPT)) {
            if (in == null) {
                throw new IllegalStateException("bundled resource org/keras4j/datasets/" + EXCERPT
                        + " is missing from the keras4j-datasets jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read bundled resource " + EXCERPT + ": " + e.getMessage(), e);
        }
    }

    private static Path requireDirectory(Path directory) {
        if (directory == null) {
            throw new IllegalArgumentException("directory must not be null");
        }
        return directory;
    }
}
