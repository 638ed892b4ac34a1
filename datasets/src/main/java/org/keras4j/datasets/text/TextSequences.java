package org.keras4j.datasets.text;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * {@code (sequence, next token)} training batches streamed from a UTF-8 text file, for a language model: the file's
 * tokens (characters or words, as the {@link Vocabulary}'s level says) are cut into windows of
 * {@code sequenceLength + 1} tokens, one every {@code stride} tokens; a window's first {@code sequenceLength} tokens
 * are the input, its last token the target. The file is read in a stream, one buffer at a time; at most the shuffle
 * buffer's windows are held, never the whole text.
 *
 * <p>Options and defaults:
 * <ul>
 *   <li>{@code stride} 1;</li>
 *   <li>{@code batchSize} 32 (the last batch of an epoch may be smaller);</li>
 *   <li>{@code shuffle(bufferSize, seed)}: off by default. As {@code tf.data}'s {@code shuffle(buffer_size)}: a
 *       buffer is filled with the next {@code bufferSize} windows, each output is drawn from it at random and replaced
 *       by the next window; one seeded generator serves every epoch, so epoch {@code k} is the same on every run;</li>
 *   <li>inputs: token indices {@code [batch, sequenceLength]} (for an {@code Embedding}, the default), or one-hot
 *       {@code [batch, sequenceLength, vocabularySize]} with {@link #oneHotInputs()} (for an LSTM directly);</li>
 *   <li>targets: the next token's index {@code [batch, 1]} (for {@code sparse_categorical_crossentropy}, the default),
 *       or one-hot {@code [batch, vocabularySize]} with {@link #oneHotTargets()};</li>
 *   <li>{@code range(from, to)}: only the characters {@code [from, to)} of the file (Unicode code points), or
 *       {@code fractions(0.0, 0.9)} for the first 90 % and {@code fractions(0.9, 1.0)} for the last 10 %.</li>
 * </ul>
 * Word-level files are split on whitespace without any other standardization: build the vocabulary from the same
 * text. Immutable; every method returns a copy.
 *
 * <pre>{@code
 * Path file = TinyShakespeare.file();
 * Vocabulary chars = Vocabulary.characters(file, Integer.MAX_VALUE);
 * TextSequences sequences = TextSequences.of(file, chars, 100).stride(3).batchSize(64).shuffle(10_000, 42);
 * DataSetIterator train = sequences.fractions(0.0, 0.9).iterator();
 * DataSetIterator validation = sequences.fractions(0.9, 1.0).iterator();
 * model.fit(train, FitOptions.defaults().epochs(10).validationData(validation));
 * }</pre>
 */
public final class TextSequences {

    /** The default read buffer, in characters. */
    static final int READ_BUFFER = 64 * 1024;

    private final Path file;
    private final Vocabulary vocabulary;
    private final int sequenceLength;
    private final int stride;
    private final int batchSize;
    private final int shuffleBuffer;    // 0: no shuffling
    private final long seed;
    private final boolean oneHotInputs;
    private final boolean oneHotTargets;
    private final long from;
    private final long to;              // -1: the end of the file
    private final double fromFraction;  // NaN unless fractions() was used
    private final double toFraction;
    private final int readBuffer;

    private TextSequences(Path file, Vocabulary vocabulary, int sequenceLength, int stride, int batchSize,
                          int shuffleBuffer, long seed, boolean oneHotInputs, boolean oneHotTargets, long from, long to,
                          double fromFraction, double toFraction, int readBuffer) {
        this.file = file;
        this.vocabulary = vocabulary;
        this.sequenceLength = sequenceLength;
        this.stride = stride;
        this.batchSize = batchSize;
        this.shuffleBuffer = shuffleBuffer;
        this.seed = seed;
        this.oneHotInputs = oneHotInputs;
        this.oneHotTargets = oneHotTargets;
        this.from = from;
        this.to = to;
        this.fromFraction = fromFraction;
        this.toFraction = toFraction;
        this.readBuffer = readBuffer;
    }

    /**
     * Sequences of {@code sequenceLength} tokens of {@code file}, each followed by its next token.
     *
     * @throws IllegalArgumentException if the file is not a readable regular file, the vocabulary is null, or
     *                                  {@code sequenceLength} is not positive
     */
    public static TextSequences of(Path file, Vocabulary vocabulary, int sequenceLength) {
        if (file == null || !Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new IllegalArgumentException("file must be a readable text file, got " + file);
        }
        if (vocabulary == null) {
            throw new IllegalArgumentException("vocabulary must not be null");
        }
        requirePositive(sequenceLength, "sequenceLength");
        return new TextSequences(file, vocabulary, sequenceLength, 1, 32, 0, 0, false, false, 0, -1, Double.NaN,
                Double.NaN, READ_BUFFER);
    }

    /** @throws IllegalArgumentException if {@code stride} is not positive */
    public TextSequences stride(int stride) {
        requirePositive(stride, "stride");
        return new TextSequences(file, vocabulary, sequenceLength, stride, batchSize, shuffleBuffer, seed,
                oneHotInputs, oneHotTargets, from, to, fromFraction, toFraction, readBuffer);
    }

    /** @throws IllegalArgumentException if {@code batchSize} is not positive */
    public TextSequences batchSize(int batchSize) {
        requirePositive(batchSize, "batchSize");
        return new TextSequences(file, vocabulary, sequenceLength, stride, batchSize, shuffleBuffer, seed,
                oneHotInputs, oneHotTargets, from, to, fromFraction, toFraction, readBuffer);
    }

    /**
     * Shuffles within a buffer of {@code bufferSize} windows, drawing from a generator seeded with {@code seed}.
     *
     * @throws IllegalArgumentException if {@code bufferSize} is not positive
     */
    public TextSequences shuffle(int bufferSize, long seed) {
        requirePositive(bufferSize, "bufferSize");
        return new TextSequences(file, vocabulary, sequenceLength, stride, batchSize, bufferSize, seed,
                oneHotInputs, oneHotTargets, from, to, fromFraction, toFraction, readBuffer);
    }

    /** Inputs one-hot, {@code [batch, sequenceLength, vocabularySize]}, instead of indices. */
    public TextSequences oneHotInputs() {
        return new TextSequences(file, vocabulary, sequenceLength, stride, batchSize, shuffleBuffer, seed, true,
                oneHotTargets, from, to, fromFraction, toFraction, readBuffer);
    }

    /** Targets one-hot, {@code [batch, vocabularySize]} (for {@code categorical_crossentropy}), instead of indices. */
    public TextSequences oneHotTargets() {
        return new TextSequences(file, vocabulary, sequenceLength, stride, batchSize, shuffleBuffer, seed,
                oneHotInputs, true, from, to, fromFraction, toFraction, readBuffer);
    }

    /**
     * Only the characters {@code [from, to)} of the file (Unicode code points, counted from 0).
     *
     * @throws IllegalArgumentException unless {@code 0 <= from < to}
     */
    public TextSequences range(long from, long to) {
        if (from < 0 || to <= from) {
            throw new IllegalArgumentException("range must satisfy 0 <= from < to, got [" + from + ", " + to + ")");
        }
        return new TextSequences(file, vocabulary, sequenceLength, stride, batchSize, shuffleBuffer, seed,
                oneHotInputs, oneHotTargets, from, to, Double.NaN, Double.NaN, readBuffer);
    }

    /**
     * Only the characters from {@code floor(from * n)} to {@code floor(to * n)} of the file's {@code n} characters,
     * e.g. {@code fractions(0.0, 0.9)} and {@code fractions(0.9, 1.0)} for a 90 / 10 split.
     *
     * @throws IllegalArgumentException unless {@code 0 <= from < to <= 1}
     */
    public TextSequences fractions(double from, double to) {
        if (!(from >= 0 && from < to && to <= 1)) {
            throw new IllegalArgumentException("fractions must satisfy 0 <= from < to <= 1, got [" + from + ", " + to
                    + ")");
        }
        return new TextSequences(file, vocabulary, sequenceLength, stride, batchSize, shuffleBuffer, seed,
                oneHotInputs, oneHotTargets, 0, -1, from, to, readBuffer);
    }

    /** The reader's buffer size in characters (default 64 Ki); for tests of the streaming. */
    TextSequences readBuffer(int chars) {
        requirePositive(chars, "readBuffer");
        return new TextSequences(file, vocabulary, sequenceLength, stride, batchSize, shuffleBuffer, seed,
                oneHotInputs, oneHotTargets, from, to, fromFraction, toFraction, chars);
    }

    /**
     * A new iterator over the batches. It counts the file's characters in one streaming pass first (to resolve
     * {@link #fractions} and to know how many windows an epoch has; a word vocabulary takes a second pass to count
     * the words of the range).
     *
     * @throws IllegalArgumentException if the file cannot be read, the range lies beyond its end, or the range holds
     *                                  fewer than {@code sequenceLength + 1} tokens
     */
    public DataSetIterator iterator() {
        long characters;
        try {
            characters = TextSequenceIterator.countCharacters(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("could not read " + file + ": " + e.getMessage(), e);
        }
        long start;
        long end;
        if (!Double.isNaN(fromFraction)) {
            start = (long) Math.floor(fromFraction * characters);
            end = (long) Math.floor(toFraction * characters);
        } else {
            start = from;
            end = to < 0 ? characters : to;
        }
        if (end > characters) {
            throw new IllegalArgumentException("range [" + start + ", " + end + ") goes beyond the end of " + file
                    + ", which has " + characters + " characters");
        }
        return new TextSequenceIterator(this, start, end);
    }

    Path file() {
        return file;
    }

    public Vocabulary vocabulary() {
        return vocabulary;
    }

    public int sequenceLength() {
        return sequenceLength;
    }

    public int stride() {
        return stride;
    }

    public int batchSize() {
        return batchSize;
    }

    int shuffleBuffer() {
        return shuffleBuffer;
    }

    long seed() {
        return seed;
    }

    boolean isOneHotInputs() {
        return oneHotInputs;
    }

    boolean isOneHotTargets() {
        return oneHotTargets;
    }

    int readBufferChars() {
        return readBuffer;
    }

    private static void requirePositive(int value, String name) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }

    @Override
    public String toString() {
        return "TextSequences(" + file + ", " + vocabulary.level().name().toLowerCase(java.util.Locale.ROOT)
                + " tokens, sequenceLength=" + sequenceLength + ", stride=" + stride + ", batchSize=" + batchSize
                + (shuffleBuffer > 0 ? ", shuffle(" + shuffleBuffer + ", " + seed + ")" : "") + ")";
    }
}
