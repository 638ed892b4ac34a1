package org.keras4j.datasets.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.keras4j.datasets.sequence.Padding;
import org.keras4j.datasets.sequence.Sequences;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Text to token indices, as Keras's {@code TextVectorization} layer with {@code output_mode="int"}: standardize,
 * split, look up in a {@link Vocabulary} learned by {@link #adapt}, then pad or truncate.
 *
 * <ul>
 *   <li>standardize (default {@code "lower_and_strip_punctuation"}): lower-case, then remove the ASCII punctuation
 *       Keras's {@code DEFAULT_STRIP_REGEX} removes, {@code !"#$%&'()*+,-./:;<=>?@[\]^_`{|}~}; or {@code "lower"},
 *       {@code "strip_punctuation"}, {@code "none"};</li>
 *   <li>split (default {@code "whitespace"}): on runs of ASCII whitespace; or {@code "character"};</li>
 *   <li>{@code maxTokens} (default none): the vocabulary size including padding (0) and OOV (1);</li>
 *   <li>{@code outputSequenceLength} (default none): pad with 0 or truncate at the end to this length; without it
 *       {@link #apply} pads to the longest text of the call.</li>
 * </ul>
 *
 * <pre>{@code
 * TextVectorization vectorize = TextVectorization.adapt(trainTexts,
 *         TextVectorization.options().maxTokens(20_000).outputSequenceLength(200));
 * INDArray x = vectorize.apply(List.of("The cat sat on the mat."));   // [1, 200] float indices
 * vectorize.vocabulary().save(Path.of("vocabulary.json"));
 * }</pre>
 */
public final class TextVectorization {

    /** Keras's {@code DEFAULT_STRIP_REGEX}: Python's {@code string.punctuation}. */
    static final Pattern PUNCTUATION = Pattern.compile("[!\"#$%&()*+,\\-./:;<=>?@\\[\\\\\\]^_`{|}~']");

    private final Options options;
    private final Vocabulary vocabulary;

    private TextVectorization(Options options, Vocabulary vocabulary) {
        this.options = options;
        this.vocabulary = vocabulary;
    }

    /** Keras's defaults, to change with the option methods. */
    public static Options options() {
        return Options.DEFAULTS;
    }

    /**
     * Learns the vocabulary of {@code texts} (standardized and split as {@code options} say), as Keras's
     * {@code adapt}.
     *
     * @throws IllegalArgumentException if {@code texts} or a text is null
     */
    public static TextVectorization adapt(List<String> texts, Options options) {
        requireOptions(options);
        if (texts == null) {
            throw new IllegalArgumentException("texts must not be null");
        }
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            tokens.addAll(options.tokenize(requireText(texts.get(i), i)));
        }
        return new TextVectorization(options, Vocabulary.fromTokens(options.level(), tokens, options.maxTokens()));
    }

    /** {@link #adapt(List, Options)} with Keras's defaults. */
    public static TextVectorization adapt(List<String> texts) {
        return adapt(texts, options());
    }

    /**
     * A vectorizer with a given vocabulary, e.g. one loaded with {@link Vocabulary#load} (Keras's
     * {@code vocabulary=} argument). {@code maxTokens} does not apply.
     *
     * @throws IllegalArgumentException if the vocabulary's level does not match the split
     */
    public static TextVectorization withVocabulary(Vocabulary vocabulary, Options options) {
        requireOptions(options);
        if (vocabulary == null) {
            throw new IllegalArgumentException("vocabulary must not be null");
        }
        if (vocabulary.level() != options.level()) {
            throw new IllegalArgumentException("split \"" + options.split() + "\" needs a "
                    + options.level().name().toLowerCase(Locale.ROOT) + " vocabulary, got a "
                    + vocabulary.level().name().toLowerCase(Locale.ROOT) + " vocabulary");
        }
        return new TextVectorization(options, vocabulary);
    }

    public Vocabulary vocabulary() {
        return vocabulary;
    }

    public Options getOptions() {
        return options;
    }

    /** The standardized text, as the first step of {@link #encode}. */
    public String standardize(String text) {
        return options.applyStandardize(requireText(text, 0));
    }

    /** The indices of one text: standardized, split, looked up, then padded or truncated to the output length. */
    public int[] encode(String text) {
        int[] ids = vocabulary.encode(options.tokenize(requireText(text, 0)));
        if (options.outputSequenceLength() < 0) {
            return ids;
        }
        return Sequences.padSequences(List.of(ids), Padding.defaults().maxlen(options.outputSequenceLength())
                .padding("post").truncating("post"))[0];
    }

    /**
     * The indices of every text as a float32 array {@code [texts, length]}: {@code length} is
     * {@code outputSequenceLength}, or without one the longest text's token count (shorter texts padded with 0 at
     * the end, as Keras pads a ragged batch).
     *
     * @throws IllegalArgumentException if {@code texts} or a text is null
     */
    public INDArray apply(List<String> texts) {
        if (texts == null) {
            throw new IllegalArgumentException("texts must not be null");
        }
        List<int[]> rows = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            rows.add(encode(requireText(texts.get(i), i)));
        }
        return Sequences.toArray(Sequences.padSequences(rows, Padding.defaults().padding("post").truncating("post")));
    }

    private static String requireText(String text, int i) {
        if (text == null) {
            throw new IllegalArgumentException("text " + i + " is null");
        }
        return text;
    }

    private static void requireOptions(Options options) {
        if (options == null) {
            throw new IllegalArgumentException("options must not be null");
        }
    }

    @Override
    public String toString() {
        return "TextVectorization(" + options + ", " + vocabulary.size() + " tokens)";
    }

    /**
     * Keras's {@code TextVectorization} arguments, with its defaults. Immutable; every method returns a copy.
     *
     * <pre>{@code
     * TextVectorization.options().maxTokens(10_000).outputSequenceLength(50).standardize("lower");
     * }</pre>
     */
    public static final class Options {
        static final Options DEFAULTS = new Options("lower_and_strip_punctuation", "whitespace", Integer.MAX_VALUE,
                -1);
        private static final List<String> STANDARDIZE = List.of("lower_and_strip_punctuation", "lower",
                "strip_punctuation", "none");
        private static final List<String> SPLIT = List.of("whitespace", "character");

        private final String standardize;
        private final String split;
        private final int maxTokens;
        private final int outputSequenceLength;

        private Options(String standardize, String split, int maxTokens, int outputSequenceLength) {
            this.standardize = standardize;
            this.split = split;
            this.maxTokens = maxTokens;
            this.outputSequenceLength = outputSequenceLength;
        }

        /**
         * @throws IllegalArgumentException unless one of "lower_and_strip_punctuation", "lower",
         *                                  "strip_punctuation", "none"
         */
        public Options standardize(String standardize) {
            if (!STANDARDIZE.contains(standardize)) {
                throw new IllegalArgumentException("standardize must be one of " + STANDARDIZE + ", got "
                        + (standardize == null ? "null" : "\"" + standardize + "\""));
            }
            return new Options(standardize, split, maxTokens, outputSequenceLength);
        }

        /** @throws IllegalArgumentException unless "whitespace" or "character" */
        public Options split(String split) {
            if (!SPLIT.contains(split)) {
                throw new IllegalArgumentException("split must be one of " + SPLIT + ", got "
                        + (split == null ? "null" : "\"" + split + "\""));
            }
            return new Options(standardize, split, maxTokens, outputSequenceLength);
        }

        /** @throws IllegalArgumentException if {@code maxTokens < 2} (padding and OOV take two) */
        public Options maxTokens(int maxTokens) {
            if (maxTokens < 2) {
                throw new IllegalArgumentException("maxTokens must be at least 2 (padding and OOV), got " + maxTokens);
            }
            return new Options(standardize, split, maxTokens, outputSequenceLength);
        }

        /** @throws IllegalArgumentException if {@code length} is not positive */
        public Options outputSequenceLength(int length) {
            if (length < 1) {
                throw new IllegalArgumentException("outputSequenceLength must be positive, got " + length);
            }
            return new Options(standardize, split, maxTokens, length);
        }

        public String standardize() {
            return standardize;
        }

        public String split() {
            return split;
        }

        /** The vocabulary size limit, {@code Integer.MAX_VALUE} when none is set. */
        public int maxTokens() {
            return maxTokens;
        }

        /** The output length, {@code -1} when none is set. */
        public int outputSequenceLength() {
            return outputSequenceLength;
        }

        Vocabulary.Level level() {
            return split.equals("character") ? Vocabulary.Level.CHARACTER : Vocabulary.Level.WORD;
        }

        String applyStandardize(String text) {
            String s = text;
            if (standardize.equals("lower") || standardize.equals("lower_and_strip_punctuation")) {
                s = s.toLowerCase(Locale.ROOT);
            }
            if (standardize.equals("strip_punctuation") || standardize.equals("lower_and_strip_punctuation")) {
                s = PUNCTUATION.matcher(s).replaceAll("");
            }
            return s;
        }

        List<String> tokenize(String text) {
            return level().tokenize(applyStandardize(text));
        }

        @Override
        public String toString() {
            return "standardize=" + standardize + ", split=" + split + ", maxTokens="
                    + (maxTokens == Integer.MAX_VALUE ? "None" : maxTokens) + ", outputSequenceLength="
                    + (outputSequenceLength < 0 ? "None" : outputSequenceLength);
        }
    }
}
