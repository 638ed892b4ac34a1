package org.keras4j.datasets.text;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link TextSequences#iterator()}: reads the file's range in a stream each epoch and cuts windows as it goes, holding
 * one window being cut, the shuffle buffer and the reader's buffer, never the text. The stream is closed at the end of
 * an epoch and by {@link #reset()}.
 */
final class TextSequenceIterator implements DataSetIterator {

    private static final long serialVersionUID = 1L;

    private final transient TextSequences options;
    private final long start;
    private final long end;
    private final long tokens;
    private final int windows;
    private final int span;   // sequenceLength + 1
    private final Random random;
    private transient TokenStream stream;
    private int[] window;     // the window being cut; null before the first
    private boolean streamDone;
    private final List<int[]> buffer = new ArrayList<>();
    private int[] peeked;
    private transient DataSetPreProcessor preProcessor;

    TextSequenceIterator(TextSequences options, long start, long end) {
        this.options = options;
        this.start = start;
        this.end = end;
        this.span = options.sequenceLength() + 1;
        this.random = new Random(options.seed());
        this.tokens = options.vocabulary().level() == Vocabulary.Level.CHARACTER ? end - start : countWords();
        if (tokens < span) {
            throw new IllegalArgumentException("characters [" + start + ", " + end + ") of " + options.file()
                    + " hold " + tokens + " " + unit() + " tokens, fewer than sequenceLength + 1 = " + span
                    + ": use a shorter sequenceLength or a larger range");
        }
        this.windows = (int) Math.min(Integer.MAX_VALUE, (tokens - span) / options.stride() + 1);
    }

    /** The number of words in the range, counted in a stream as an epoch reads them. */
    private long countWords() {
        try (TokenStream counter = open()) {
            long n = 0;
            while (counter.next() >= 0) {
                n++;
            }
            return n;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + options.file() + ": " + e.getMessage(), e);
        }
    }

    /** The number of characters (code points) of a UTF-8 file, counted in a stream. */
    static long countCharacters(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            CodePointReader in = new CodePointReader(reader);
            while (in.next() >= 0) {
                // counting only
            }
            return in.count();
        }
    }

    /** The number of tokens in the range. */
    long tokens() {
        return tokens;
    }

    /** The number of windows of one epoch. */
    int windows() {
        return windows;
    }

    /** Bytes the current epoch's stream has read from the file so far (0 before it starts). */
    long bytesRead() {
        return stream == null ? 0 : stream.bytes.count;
    }

    private String unit() {
        return options.vocabulary().level() == Vocabulary.Level.CHARACTER ? "character" : "word";
    }

    private TokenStream open() throws IOException {
        return new TokenStream(options.file(), options.vocabulary(), start, end, options.readBufferChars());
    }

    // ---- windows ----

    /** The next window of this epoch in file order, or null at the end of the range. */
    private int[] nextInOrder() {
        if (streamDone) {
            return null;
        }
        try {
            if (stream == null) {
                stream = open();
            }
            if (window == null) {
                window = new int[span];
                if (!read(0, span)) {
                    return finish();
                }
            } else if (options.stride() < span) {
                int keep = span - options.stride();
                System.arraycopy(window, options.stride(), window, 0, keep);
                if (!read(keep, span)) {
                    return finish();
                }
            } else {
                for (int skip = options.stride() - span; skip > 0; skip--) {
                    if (stream.next() < 0) {
                        return finish();
                    }
                }
                if (!read(0, span)) {
                    return finish();
                }
            }
            return window.clone();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + options.file() + ": " + e.getMessage(), e);
        }
    }

    private boolean read(int from, int to) throws IOException {
        for (int i = from; i < to; i++) {
            int t = stream.next();
            if (t < 0) {
                return false;
            }
            window[i] = t;
        }
        return true;
    }

    private int[] finish() {
        streamDone = true;
        closeStream();
        return null;
    }

    /** The next window of this epoch, shuffled within the buffer if asked, or null at the end. */
    private int[] nextWindow() {
        int size = options.shuffleBuffer();
        if (size <= 1) {
            return nextInOrder();
        }
        while (buffer.size() < size) {
            int[] w = nextInOrder();
            if (w == null) {
                break;
            }
            buffer.add(w);
        }
        if (buffer.isEmpty()) {
            return null;
        }
        int j = random.nextInt(buffer.size());
        int[] out = buffer.get(j);
        int[] last = buffer.remove(buffer.size() - 1);
        if (j < buffer.size()) {
            buffer.set(j, last);
        }
        return out;
    }

    // ---- DataSetIterator ----

    @Override
    public boolean hasNext() {
        if (peeked == null) {
            peeked = nextWindow();
        }
        return peeked != null;
    }

    @Override
    public DataSet next() {
        return next(options.batchSize());
    }

    @Override
    public DataSet next(int num) {
        if (num < 1) {
            throw new IllegalArgumentException("num must be >= 1, got " + num);
        }
        if (!hasNext()) {
            throw new NoSuchElementException("no more sequences in this epoch (" + windows + " seen); call reset()");
        }
        List<int[]> batch = new ArrayList<>(num);
        while (batch.size() < num && hasNext()) {
            batch.add(peeked);
            peeked = null;
        }
        int n = batch.size();
        int length = span - 1;
        int v = options.vocabulary().size();
        // filled in Java and copied once: a native call per element would cost more than the batch
        float[] x = new float[options.isOneHotInputs() ? n * length * v : n * length];
        float[] y = new float[options.isOneHotTargets() ? n * v : n];
        for (int b = 0; b < n; b++) {
            int[] w = batch.get(b);
            for (int k = 0; k < length; k++) {
                if (options.isOneHotInputs()) {
                    x[(b * length + k) * v + w[k]] = 1f;
                } else {
                    x[b * length + k] = w[k];
                }
            }
            if (options.isOneHotTargets()) {
                y[b * v + w[length]] = 1f;
            } else {
                y[b] = w[length];
            }
        }
        INDArray features = options.isOneHotInputs()
                ? Nd4j.create(x, new long[] {n, length, v}, 'c')
                : Nd4j.create(x, new long[] {n, length}, 'c');
        INDArray labels = options.isOneHotTargets()
                ? Nd4j.create(y, new long[] {n, v}, 'c')
                : Nd4j.create(y, new long[] {n, 1}, 'c');
        DataSet ds = new DataSet(features, labels);
        if (preProcessor != null) {
            preProcessor.preProcess(ds);
        }
        return ds;
    }

    @Override
    public int inputColumns() {
        return options.isOneHotInputs() ? options.vocabulary().size() : options.sequenceLength();
    }

    @Override
    public int totalOutcomes() {
        return options.vocabulary().size();
    }

    @Override
    public boolean resetSupported() {
        return true;
    }

    /** False: the stream and the shuffle generator belong to the thread that reads the batches. */
    @Override
    public boolean asyncSupported() {
        return false;
    }

    /** Starts a new epoch: reopens the file; the shuffle generator goes on, so epochs differ but repeat per seed. */
    @Override
    public void reset() {
        closeStream();
        window = null;
        streamDone = false;
        buffer.clear();
        peeked = null;
    }

    @Override
    public int batch() {
        return options.batchSize();
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
        return options.vocabulary().tokens();
    }

    private void closeStream() {
        if (stream != null) {
            try {
                stream.close();
            } catch (IOException e) {
                // a failed close of a file opened for reading loses nothing
            }
            stream = null;
        }
    }

    @Override
    public String toString() {
        return "TextSequenceIterator[" + options + ", characters [" + start + ", " + end + "), " + windows
                + " sequences per epoch]";
    }

    // ---- the token stream ----

    /** Token indices of the characters {@code [start, end)} of a file, read through a buffer of a fixed size. */
    private static final class TokenStream implements Closeable {
        private final CountingInputStream bytes;
        private final Reader reader;
        private final CodePointReader codePoints;
        private final Vocabulary vocabulary;
        private final long end;
        private final boolean words;
        private final StringBuilder word = new StringBuilder();

        TokenStream(Path file, Vocabulary vocabulary, long start, long end, int bufferChars) throws IOException {
            this.bytes = new CountingInputStream(Files.newInputStream(file));
            this.reader = new BufferedReader(new InputStreamReader(bytes, StandardCharsets.UTF_8.newDecoder()),
                    bufferChars);
            this.codePoints = new CodePointReader(reader);
            this.vocabulary = vocabulary;
            this.end = end;
            this.words = vocabulary.level() == Vocabulary.Level.WORD;
            while (codePoints.count() < start && codePoints.next() >= 0) {
                // skipping to the start of the range
            }
        }

        /** The next token's index, or -1 at the end of the range. */
        int next() throws IOException {
            if (!words) {
                if (codePoints.count() >= end) {
                    return -1;
                }
                int cp = codePoints.next();
                return cp < 0 ? -1 : vocabulary.index(new String(Character.toChars(cp)));
            }
            word.setLength(0);
            while (codePoints.count() < end) {
                int cp = codePoints.next();
                if (cp < 0) {
                    break;
                }
                if (isWhitespace(cp)) {
                    if (word.length() > 0) {
                        break;
                    }
                } else {
                    word.appendCodePoint(cp);
                }
            }
            return word.length() == 0 ? -1 : vocabulary.index(word.toString());
        }

        /** ASCII whitespace, as {@link Vocabulary.Level#WORD} splits. */
        private static boolean isWhitespace(int cp) {
            return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == 0x0B;
        }

        @Override
        public void close() throws IOException {
            reader.close();
        }
    }

    /** Counts the bytes read from the file, so a test can check the stream never reads the whole file at once. */
    private static final class CountingInputStream extends FilterInputStream {
        long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }
}
