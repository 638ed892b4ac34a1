package org.keras4j.datasets.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Against the examples of Keras's {@code TextVectorization} documentation. */
class TextVectorizationTest {

    @Test
    void adapt_kerasDocumentedExample() {
        // Keras docs: adapt(["foo bar", "bar baz", "baz bada boom"]) then (["foo qux bar", "qux baz"])
        // -> [[4, 1, 3, 0], [1, 2, 0, 0]] with max_tokens=5000, output_sequence_length=4
        TextVectorization v = TextVectorization.adapt(List.of("foo bar", "bar baz", "baz bada boom"),
                TextVectorization.options().maxTokens(5000).outputSequenceLength(4));

        INDArray x = v.apply(List.of("foo qux bar", "qux baz"));

        assertArrayEquals(new long[] {2, 4}, x.shape());
        assertArrayEquals(new float[] {4, 1, 3, 0, 1, 2, 0, 0}, x.ravel().toFloatVector());
    }

    @Test
    void withVocabulary_kerasDocumentedExample() {
        // Keras docs: vocabulary ["earth", "wind", "and", "fire"], output_sequence_length=4:
        // ["earth wind and fire", "fire and earth michigan"] -> [[2, 3, 4, 5], [5, 4, 2, 1]]
        TextVectorization v = TextVectorization.withVocabulary(
                Vocabulary.of(Vocabulary.Level.WORD, List.of("earth", "wind", "and", "fire")),
                TextVectorization.options().outputSequenceLength(4));

        INDArray x = v.apply(List.of("earth wind and fire", "fire and earth michigan"));

        assertArrayEquals(new float[] {2, 3, 4, 5, 5, 4, 2, 1}, x.ravel().toFloatVector());
    }

    @Test
    void standardize_lowerAndStripPunctuation_isKerasDefault() {
        TextVectorization v = TextVectorization.adapt(List.of("x"));

        assertEquals("hello world its a test", v.standardize("Hello, World! It's a (test)."));
        assertEquals("a–b", v.standardize("A–B"), "only ASCII punctuation is stripped, as Keras's regex");
    }

    @Test
    void encode_outputSequenceLength_truncatesAtTheEnd() {
        TextVectorization v = TextVectorization.adapt(List.of("a b c"),
                TextVectorization.options().outputSequenceLength(2));

        assertArrayEquals(new int[] {v.vocabulary().index("a"), v.vocabulary().index("b")}, v.encode("a b c"));
    }

    @Test
    void apply_withoutOutputLength_padsToTheLongestText() {
        TextVectorization v = TextVectorization.adapt(List.of("a a b"));

        INDArray x = v.apply(List.of("a", "b a  b"));

        assertArrayEquals(new long[] {2, 3}, x.shape());
        assertArrayEquals(new float[] {2, 0, 0, 3, 2, 3}, x.ravel().toFloatVector());
    }

    @Test
    void maxTokens_limitsTheVocabulary() {
        TextVectorization v = TextVectorization.adapt(List.of("a a a b b c"),
                TextVectorization.options().maxTokens(3));

        assertEquals(List.of("", "[UNK]", "a"), v.vocabulary().tokens());
        assertArrayEquals(new int[] {2, 1, 1}, v.encode("A b c"));
    }

    @Test
    void characterSplit_tokensAreCharacters() {
        TextVectorization v = TextVectorization.adapt(List.of("abba"),
                TextVectorization.options().split("character").standardize("none"));

        assertEquals(Vocabulary.Level.CHARACTER, v.vocabulary().level());
        assertArrayEquals(new int[] {3, 2, 2, 3, 1}, v.encode("abbaC"));
    }

    @Test
    void options_unknownStandardize_throwsListingTheValidOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TextVectorization.options().standardize("upper"));

        assertTrue(e.getMessage().contains("lower_and_strip_punctuation") && e.getMessage().contains("upper"),
                e.getMessage());
    }

    @Test
    void withVocabulary_levelNotMatchingTheSplit_throws() {
        assertThrows(IllegalArgumentException.class, () -> TextVectorization.withVocabulary(
                Vocabulary.characters("ab"), TextVectorization.options()));
    }
}
