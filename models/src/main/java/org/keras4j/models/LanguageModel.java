package org.keras4j.models;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.keras4j.FitOptions;
import org.keras4j.Sequential;
import org.keras4j.callbacks.History;
import org.keras4j.layers.Layer;
import org.keras4j.layers.core.Dense;
import org.keras4j.layers.core.Embedding;
import org.keras4j.layers.core.Input;
import org.keras4j.layers.regularization.Dropout;
import org.keras4j.layers.rnn.GRU;
import org.keras4j.layers.rnn.LSTM;
import org.keras4j.optimizers.Optimizer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A recurrent language model written with keras4j's layers, as the course and Keras's text
 * generation examples build one: {@code Embedding(vocabulary, d, maskZero)} then stacked
 * {@code LSTM} (or {@code GRU}) layers returning sequences, then {@code Dense(vocabulary,
 * softmax)}, trained with {@code sparse_categorical_crossentropy} to predict, at every position of
 * a window, the token that follows it (so one window of {@code L} tokens gives {@code L} training
 * targets). Token 0 is padding, as in Keras's vocabularies: it is masked and never generated.
 *
 * <pre>{@code
 * LanguageModel lm = LanguageModel.lstm(vocab.size(), 100, 64, 256).withReservedTokens(2);
 * lm.compile("adam");
 * LanguageModel.Windows train = LanguageModel.windows(tokens, 100, 100);
 * lm.fit(train.x(), train.y(), FitOptions.defaults().epochs(5).batchSize(64));
 * double perplexity = lm.perplexity(val.x(), val.y());             // exp(mean cross-entropy)
 * int[] text = lm.generate(prompt, 200, TokenSampler.topK(5, 0.8, 42));
 * }</pre>
 */
public final class LanguageModel {
    /** The recurrent layer kind. */
    public enum Cell { LSTM, GRU }

    private final int vocabularySize;
    private final int sequenceLength;
    private final Sequential model;
    private int reservedTokens = 1;

    /**
     * Inputs and per-position targets cut from a token stream: {@code x[i, t]} is token
     * {@code start_i + t}, {@code y[i, t]} the one after it.
     */
    public record Windows(INDArray x, INDArray y) {
    }

    private LanguageModel(Cell cell, int vocabularySize, int sequenceLength, int embeddingDim, double dropout,
                          int[] units) {
        requirePositive(vocabularySize, "vocabularySize");
        requirePositive(sequenceLength, "sequenceLength");
        requirePositive(embeddingDim, "embeddingDim");
        if (units == null || units.length == 0) {
            throw new IllegalArgumentException("units must name at least one recurrent layer, got none");
        }
        for (int u : units) {
            requirePositive(u, "units");
        }
        this.vocabularySize = vocabularySize;
        this.sequenceLength = sequenceLength;
        List<Layer> layers = new ArrayList<>();
        layers.add(new Input(sequenceLength));
        layers.add(new Embedding(vocabularySize, embeddingDim).withMaskZero(true));
        for (int u : units) {
            layers.add(cell == Cell.LSTM ? new LSTM(u).withReturnSequences(true) : new GRU(u).withReturnSequences(true));
            if (dropout > 0) {
                layers.add(new Dropout(dropout));
            }
        }
        layers.add(new Dense(vocabularySize, "softmax"));
        this.model = new Sequential(layers.toArray(new Layer[0]));
    }

    /**
     * Embedding, one LSTM layer per entry of {@code units} (each returning sequences), softmax.
     *
     * @throws IllegalArgumentException if a size is not positive or {@code units} is empty
     */
    public static LanguageModel lstm(int vocabularySize, int sequenceLength, int embeddingDim, int... units) {
        return new LanguageModel(Cell.LSTM, vocabularySize, sequenceLength, embeddingDim, 0, units);
    }

    /** As {@link #lstm}, with GRU layers. */
    public static LanguageModel gru(int vocabularySize, int sequenceLength, int embeddingDim, int... units) {
        return new LanguageModel(Cell.GRU, vocabularySize, sequenceLength, embeddingDim, 0, units);
    }

    /**
     * The same architecture with {@code Dropout(rate)} after every recurrent layer; a new,
     * uncompiled model.
     */
    public static LanguageModel of(Cell cell, int vocabularySize, int sequenceLength, int embeddingDim, double dropout,
                                   int... units) {
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout);
        }
        return new LanguageModel(cell, vocabularySize, sequenceLength, embeddingDim, dropout, units);
    }

    /**
     * Tokens {@code [0, n)} are never generated: 1 (padding, the default); 2 with Keras's
     * vocabularies, whose index 1 is the out-of-vocabulary token.
     *
     * @throws IllegalArgumentException unless {@code 1 <= n < vocabularySize}
     */
    public LanguageModel withReservedTokens(int n) {
        if (n < 1 || n >= vocabularySize) {
            throw new IllegalArgumentException("reservedTokens must be in [1, " + vocabularySize + "), got " + n);
        }
        this.reservedTokens = n;
        return this;
    }

    /** The keras4j model: {@code summary()}, {@code save}, callbacks, weights. */
    public Sequential model() {
        return model;
    }

    public int vocabularySize() {
        return vocabularySize;
    }

    public int sequenceLength() {
        return sequenceLength;
    }

    /** Compiles with {@code sparse_categorical_crossentropy} and the given metrics. */
    public LanguageModel compile(String optimizer, String... metrics) {
        model.compile(optimizer, "sparse_categorical_crossentropy", metrics);
        return this;
    }

    /** Compiles with {@code sparse_categorical_crossentropy} and the given metrics. */
    public LanguageModel compile(Optimizer optimizer, String... metrics) {
        model.compile(optimizer, "sparse_categorical_crossentropy", metrics);
        return this;
    }

    /**
     * Every window of {@code sequenceLength} tokens starting at {@code 0, stride, 2·stride, …}
     * that has a following token, with its targets shifted by one.
     *
     * @throws IllegalArgumentException if the stream is shorter than one window plus one token, if
     *     {@code stride} is not positive, or a token is negative
     */
    public static Windows windows(int[] tokens, int sequenceLength, int stride) {
        requirePositive(sequenceLength, "sequenceLength");
        requirePositive(stride, "stride");
        if (tokens == null || tokens.length < sequenceLength + 1) {
            throw new IllegalArgumentException("tokens must hold at least sequenceLength + 1 = " + (sequenceLength + 1)
                    + " tokens, got " + (tokens == null ? "null" : tokens.length));
        }
        int n = (tokens.length - sequenceLength - 1) / stride + 1;
        float[] x = new float[n * sequenceLength];
        float[] y = new float[n * sequenceLength];
        for (int i = 0; i < n; i++) {
            for (int t = 0; t < sequenceLength; t++) {
                int at = i * stride + t;
                if (tokens[at] < 0) {
                    throw new IllegalArgumentException("tokens[" + at + "] must be >= 0, got " + tokens[at]);
                }
                x[i * sequenceLength + t] = tokens[at];
                y[i * sequenceLength + t] = tokens[at + 1];
            }
        }
        return new Windows(Nd4j.create(x, new long[] {n, sequenceLength}, 'c'),
                Nd4j.create(y, new long[] {n, sequenceLength}, 'c'));
    }

    /** Trains on windows: {@code x [n, L]} token indices, {@code y [n, L]} the next token at each position. */
    public History fit(INDArray x, INDArray y, FitOptions options) {
        return model.fit(x, y, options);
    }

    /** {@code sparse_categorical_crossentropy} and metrics on windows, as {@code Model.evaluate}. */
    public Map<String, Double> evaluate(INDArray x, INDArray y) {
        return model.evaluate(x, y);
    }

    /** {@code exp} of the mean cross-entropy per predicted token (nats): the model's perplexity on the windows. */
    public double perplexity(INDArray x, INDArray y) {
        return Math.exp(evaluate(x, y).get("loss"));
    }

    /**
     * The distribution of the token after {@code context}: its last {@code sequenceLength} tokens
     * are read (a shorter context is padded in front, and the padding masked).
     *
     * @throws IllegalArgumentException if the context is empty or a token is outside the vocabulary
     */
    public double[] nextTokenProbabilities(int[] context) {
        if (context == null || context.length == 0) {
            throw new IllegalArgumentException("context must hold at least one token, got "
                    + (context == null ? "null" : "none"));
        }
        int from = Math.max(0, context.length - sequenceLength);
        int pad = sequenceLength - (context.length - from);
        float[] window = new float[sequenceLength];
        for (int i = from; i < context.length; i++) {
            int token = context[i];
            if (token < 0 || token >= vocabularySize) {
                throw new IllegalArgumentException("context[" + i + "] must be a token in [0, " + vocabularySize + "), got "
                        + token);
            }
            window[pad + i - from] = token;
        }
        INDArray out = model.predict(Nd4j.create(window, new long[] {1, sequenceLength}, 'c'));
        // the distribution at the last position, the one after the whole context
        return out.get(org.nd4j.linalg.indexing.NDArrayIndex.point(0),
                org.nd4j.linalg.indexing.NDArrayIndex.point(sequenceLength - 1),
                org.nd4j.linalg.indexing.NDArrayIndex.all()).castTo(DataType.DOUBLE).toDoubleVector();
    }

    /**
     * {@code length} tokens following {@code prompt}, each chosen by {@code sampler} from the
     * model's distribution given everything before it; reserved tokens are never chosen.
     *
     * @throws IllegalArgumentException if the prompt is empty or {@code length} negative
     */
    public int[] generate(int[] prompt, int length, TokenSampler sampler) {
        if (length < 0) {
            throw new IllegalArgumentException("length must be >= 0, got " + length);
        }
        if (sampler == null) {
            throw new IllegalArgumentException("sampler must not be null");
        }
        int[] text = Arrays.copyOf(prompt == null ? new int[0] : prompt, (prompt == null ? 0 : prompt.length) + length);
        int at = prompt == null ? 0 : prompt.length;
        for (int i = 0; i < length; i++) {
            double[] p = nextTokenProbabilities(Arrays.copyOf(text, at));
            Arrays.fill(p, 0, reservedTokens, 0.0);
            text[at++] = sampler.next(p);
        }
        return Arrays.copyOfRange(text, text.length - length, text.length);
    }

    private static void requirePositive(int value, String argument) {
        if (value <= 0) {
            throw new IllegalArgumentException(argument + " must be positive, got " + value);
        }
    }
}
