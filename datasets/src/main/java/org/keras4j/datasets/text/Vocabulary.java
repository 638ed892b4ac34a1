package org.keras4j.datasets.text;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.keras4j.datasets.AtomicFiles;
import org.nd4j.shade.jackson.core.JsonProcessingException;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/**
 * A token-to-index lookup with Keras's conventions ({@code StringLookup} / {@code TextVectorization}): index 0 is
 * the padding (mask) token {@code ""}, index 1 the out-of-vocabulary token {@code "[UNK]"}, then the learned tokens
 * by decreasing count. Ties are broken as Keras breaks them (its {@code np.lexsort((tokens, counts))[::-1]}): the
 * token that sorts later comes first, comparing Unicode code points, so a vocabulary is the same on every run.
 * {@code maxTokens} caps the size including the padding and OOV tokens, keeping the most frequent tokens.
 *
 * <p>Two levels: {@link Level#CHARACTER} (each Unicode code point is a token; decoding concatenates) and
 * {@link Level#WORD} (tokens are separated by whitespace; decoding joins with one space). Immutable; saved as a small
 * JSON file with {@link #save} so a model can carry it.
 *
 * <pre>{@code
 * Vocabulary chars = Vocabulary.characters(text);              // every character of text
 * Vocabulary words = Vocabulary.words(text, 10_000);           // the 9,998 most frequent words, padding and OOV
 * int[] ids = words.encode("to be or not");                    // unknown words -> 1
 * String back = words.decode(ids);
 * chars.save(Path.of("vocabulary.json"));
 * }</pre>
 */
public final class Vocabulary {

    /** The padding (mask) token, Keras's {@code mask_token=""}. */
    public static final String PADDING = "";
    /** The padding token's index. */
    public static final int PADDING_INDEX = 0;
    /** The out-of-vocabulary token, Keras's {@code oov_token="[UNK]"}. */
    public static final String OOV = "[UNK]";
    /** The out-of-vocabulary token's index. */
    public static final int OOV_INDEX = 1;

    private static final String FORMAT = "keras4j-vocabulary";
    private static final int VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a token is. */
    public enum Level {
        /** One Unicode code point per token. */
        CHARACTER,
        /** Tokens separated by whitespace. */
        WORD;

        /** The tokens of {@code text} at this level. */
        public List<String> tokenize(CharSequence text) {
            if (text == null) {
                throw new IllegalArgumentException("text must not be null");
            }
            List<String> tokens = new ArrayList<>();
            if (this == CHARACTER) {
                text.codePoints().forEach(cp -> tokens.add(new String(Character.toChars(cp))));
            } else {
                for (String w : WHITESPACE.split(text)) {
                    if (!w.isEmpty()) {
                        tokens.add(w);
                    }
                }
            }
            return tokens;
        }
    }

    /** ASCII whitespace, as {@code tf.strings.split} with no separator. */
    static final java.util.regex.Pattern WHITESPACE = java.util.regex.Pattern.compile("[ \\t\\n\\r\\f\\u000B]+");

    private final Level level;
    private final List<String> tokens;            // index -> token, [0] = "", [1] = "[UNK]"
    private final Map<String, Integer> indices;   // token -> index

    private Vocabulary(Level level, List<String> tokens) {
        this.level = level;
        this.tokens = List.copyOf(tokens);
        Map<String, Integer> map = new HashMap<>();
        for (int i = 0; i < tokens.size(); i++) {
            map.put(tokens.get(i), i);
        }
        this.indices = map;
    }

    // ---- building ----

    /** Every character of {@code text}, most frequent first. */
    public static Vocabulary characters(CharSequence text) {
        return fromTokens(Level.CHARACTER, Level.CHARACTER.tokenize(text), Integer.MAX_VALUE);
    }

    /**
     * The {@code maxTokens - 2} most frequent characters of {@code text}, after padding and OOV.
     *
     * @throws IllegalArgumentException if {@code maxTokens < 2}
     */
    public static Vocabulary characters(CharSequence text, int maxTokens) {
        return fromTokens(Level.CHARACTER, Level.CHARACTER.tokenize(text), maxTokens);
    }

    /**
     * The characters of a UTF-8 text file, read in a stream (the file is never held in memory).
     *
     * @param maxTokens the size limit including padding and OOV, or {@code Integer.MAX_VALUE} for none
     * @throws IllegalArgumentException if the file cannot be read or {@code maxTokens < 2}
     */
    public static Vocabulary characters(Path file, int maxTokens) {
        requireMaxTokens(maxTokens);
        Map<String, Long> counts = new HashMap<>();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            CodePointReader in = new CodePointReader(reader);
            for (int cp = in.next(); cp >= 0; cp = in.next()) {
                counts.merge(new String(Character.toChars(cp)), 1L, Long::sum);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("could not read " + file + ": " + e.getMessage(), e);
        }
        return fromCounts(Level.CHARACTER, counts, maxTokens);
    }

    /** Every whitespace-separated word of {@code text}, most frequent first. */
    public static Vocabulary words(CharSequence text) {
        return fromTokens(Level.WORD, Level.WORD.tokenize(text), Integer.MAX_VALUE);
    }

    /**
     * The {@code maxTokens - 2} most frequent whitespace-separated words of {@code text}.
     *
     * @throws IllegalArgumentException if {@code maxTokens < 2}
     */
    public static Vocabulary words(CharSequence text, int maxTokens) {
        return fromTokens(Level.WORD, Level.WORD.tokenize(text), maxTokens);
    }

    /**
     * Counts {@code tokens} and keeps the {@code maxTokens - 2} most frequent (Keras's {@code adapt}). The padding and
     * OOV tokens are not counted.
     *
     * @param maxTokens the size limit including padding and OOV, or {@code Integer.MAX_VALUE} for none
     * @throws IllegalArgumentException if {@code maxTokens < 2}, or a token is null or does not fit the level
     */
    public static Vocabulary fromTokens(Level level, Iterable<String> tokens, int maxTokens) {
        requireLevel(level);
        requireMaxTokens(maxTokens);
        if (tokens == null) {
            throw new IllegalArgumentException("tokens must not be null");
        }
        Map<String, Long> counts = new HashMap<>();
        for (String t : tokens) {
            counts.merge(checkToken(level, t), 1L, Long::sum);
        }
        return fromCounts(level, counts, maxTokens);
    }

    /**
     * A vocabulary of exactly these tokens after padding and OOV (Keras's {@code vocabulary=[...]} argument): the
     * first gets index 2.
     *
     * @throws IllegalArgumentException if a token is repeated, empty, {@code "[UNK]"}, or does not fit the level
     */
    public static Vocabulary of(Level level, List<String> tokens) {
        requireLevel(level);
        if (tokens == null) {
            throw new IllegalArgumentException("tokens must not be null");
        }
        List<String> all = new ArrayList<>(List.of(PADDING, OOV));
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (String t : tokens) {
            checkToken(level, t);
            if (t.equals(OOV)) {
                throw new IllegalArgumentException("the vocabulary must not list the OOV token " + OOV
                        + ": it is always index " + OOV_INDEX);
            }
            if (!seen.add(t)) {
                throw new IllegalArgumentException("the vocabulary lists '" + t + "' twice");
            }
            all.add(t);
        }
        return new Vocabulary(level, all);
    }

    private static Vocabulary fromCounts(Level level, Map<String, Long> counts, int maxTokens) {
        counts.remove(OOV);
        counts.remove(PADDING);
        List<Map.Entry<String, Long>> entries = new ArrayList<>(counts.entrySet());
        // Keras: np.lexsort((tokens, counts))[::-1], i.e. count descending, then token descending
        entries.sort((a, b) -> {
            int byCount = Long.compare(b.getValue(), a.getValue());
            return byCount != 0 ? byCount : compareCodePoints(b.getKey(), a.getKey());
        });
        int learned = (int) Math.min(entries.size(), (long) maxTokens - 2);
        List<String> all = new ArrayList<>(learned + 2);
        all.add(PADDING);
        all.add(OOV);
        for (int i = 0; i < learned; i++) {
            all.add(entries.get(i).getKey());
        }
        return new Vocabulary(level, all);
    }

    /** Compares as NumPy compares Unicode strings: code point by code point, a prefix first. */
    static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    // ---- lookups ----

    public Level level() {
        return level;
    }

    /** The number of tokens, padding and OOV included: the {@code inputDim} of an {@code Embedding}. */
    public int size() {
        return tokens.size();
    }

    /** Every token in index order: {@code ""}, {@code "[UNK]"}, then the learned ones (Keras's {@code get_vocabulary()}). */
    public List<String> tokens() {
        return tokens;
    }

    /** The index of {@code token}, or {@link #OOV_INDEX} if it is not in the vocabulary. */
    public int index(String token) {
        Integer i = indices.get(token);
        return i == null ? OOV_INDEX : i;
    }

    /** Whether {@code token} has its own index. */
    public boolean contains(String token) {
        return indices.containsKey(token) && !OOV.equals(token);
    }

    /**
     * The token at {@code index}.
     *
     * @throws IllegalArgumentException if {@code index} is outside {@code [0, size())}
     */
    public String token(int index) {
        if (index < 0 || index >= tokens.size()) {
            throw new IllegalArgumentException("index must be in [0, " + tokens.size() + "), got " + index);
        }
        return tokens.get(index);
    }

    /** The indices of {@code text}'s tokens at this vocabulary's level; unknown tokens map to {@link #OOV_INDEX}. */
    public int[] encode(CharSequence text) {
        return encode(level.tokenize(text));
    }

    /** The indices of {@code tokens}; unknown tokens map to {@link #OOV_INDEX}. */
    public int[] encode(List<String> tokens) {
        if (tokens == null) {
            throw new IllegalArgumentException("tokens must not be null");
        }
        int[] out = new int[tokens.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = index(tokens.get(i));
        }
        return out;
    }

    /**
     * The text of {@code indices}: characters concatenated, or words joined by one space. Padding (index 0) is
     * skipped; the OOV index gives {@code "[UNK]"}.
     *
     * @throws IllegalArgumentException if an index is outside {@code [0, size())}
     */
    public String decode(int... indices) {
        if (indices == null) {
            throw new IllegalArgumentException("indices must not be null");
        }
        StringBuilder sb = new StringBuilder();
        for (int i : indices) {
            String t = token(i);
            if (i == PADDING_INDEX) {
                continue;
            }
            if (level == Level.WORD && sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(t);
        }
        return sb.toString();
    }

    // ---- files ----

    /**
     * Writes the vocabulary as JSON, {@code {"format": "keras4j-vocabulary", "version": 1, "level": "character",
     * "tokens": ["", "[UNK]", ...]}}, atomically (readers see the old file or the whole new one).
     *
     * @throws UncheckedIOException if the file cannot be written
     */
    public void save(Path file) {
        if (file == null) {
            throw new IllegalArgumentException("file must not be null");
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("format", FORMAT);
        doc.put("version", VERSION);
        doc.put("level", level.name().toLowerCase(Locale.ROOT));
        doc.put("tokens", tokens);
        byte[] bytes;
        try {
            bytes = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(doc);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not encode the vocabulary as JSON: " + e.getMessage(), e);
        }
        AtomicFiles.write(file, out -> out.write(bytes));
    }

    /**
     * Reads a file written by {@link #save}.
     *
     * @throws IllegalArgumentException if the file is missing, not such a JSON document, or its tokens do not start
     *                                  with {@code ""} and {@code "[UNK]"} or repeat one
     */
    public static Vocabulary load(Path file) {
        if (file == null) {
            throw new IllegalArgumentException("file must not be null");
        }
        JsonNode doc;
        try {
            doc = JSON.readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new IllegalArgumentException("could not read the vocabulary " + file + ": " + e.getMessage(), e);
        }
        if (doc == null || !doc.isObject() || !FORMAT.equals(doc.path("format").asText())) {
            throw new IllegalArgumentException(file + " is not a keras4j vocabulary: expected a JSON object with"
                    + " \"format\": \"" + FORMAT + "\"");
        }
        if (doc.path("version").asInt() != VERSION) {
            throw new IllegalArgumentException(file + " has vocabulary format version " + doc.path("version")
                    + ", this keras4j reads version " + VERSION);
        }
        String levelName = doc.path("level").asText();
        Level level = Arrays.stream(Level.values()).filter(l -> l.name().equalsIgnoreCase(levelName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(file + ": level must be \"character\" or \"word\","
                        + " got \"" + levelName + "\""));
        JsonNode list = doc.path("tokens");
        if (!list.isArray() || list.size() < 2 || !PADDING.equals(list.get(0).asText())
                || !OOV.equals(list.get(1).asText())) {
            throw new IllegalArgumentException(file + ": tokens must be a list starting with \"\" (padding) and \""
                    + OOV + "\" (OOV)");
        }
        List<String> rest = new ArrayList<>();
        for (int i = 2; i < list.size(); i++) {
            if (!list.get(i).isTextual()) {
                throw new IllegalArgumentException(file + ": token " + i + " is not a string: " + list.get(i));
            }
            rest.add(list.get(i).asText());
        }
        try {
            return of(level, rest);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    // ---- checks ----

    private static String checkToken(Level level, String token) {
        if (token == null) {
            throw new IllegalArgumentException("a token is null");
        }
        if (token.isEmpty()) {
            throw new IllegalArgumentException("tokens must not be empty: \"\" is the padding token, index 0");
        }
        if (level == Level.CHARACTER && !token.equals(OOV) && token.codePointCount(0, token.length()) != 1) {
            throw new IllegalArgumentException("a character vocabulary holds single characters, got \"" + token + "\"");
        }
        if (level == Level.WORD && WHITESPACE.matcher(token).find()) {
            throw new IllegalArgumentException("a word vocabulary holds tokens without whitespace, got \"" + token
                    + "\"");
        }
        return token;
    }

    private static void requireLevel(Level level) {
        if (level == null) {
            throw new IllegalArgumentException("level must not be null");
        }
    }

    private static void requireMaxTokens(int maxTokens) {
        if (maxTokens < 2) {
            throw new IllegalArgumentException("maxTokens must be at least 2 (padding and OOV), as Keras's max_tokens"
                    + " must be greater than 1, got " + maxTokens);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Vocabulary v && v.level == level && v.tokens.equals(tokens);
    }

    @Override
    public int hashCode() {
        return level.hashCode() * 31 + tokens.hashCode();
    }

    @Override
    public String toString() {
        List<String> head = tokens.subList(0, Math.min(tokens.size(), 12));
        return "Vocabulary(" + level.name().toLowerCase(Locale.ROOT) + ", " + tokens.size() + " tokens: " + head
                + (tokens.size() > head.size() ? " ..." : "") + ")";
    }
}
