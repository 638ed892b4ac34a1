package org.keras4j.datasets.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VocabularyTest {

    @TempDir
    Path tmp;

    @Test
    void words_indicesByDecreasingCountThenTokenDescending() {
        // a x3, b x2, c and d once: Keras's lexsort((tokens, counts))[::-1] puts d before c
        Vocabulary v = Vocabulary.words("b a c a b a d");

        assertEquals(List.of("", "[UNK]", "a", "b", "d", "c"), v.tokens());
        assertEquals(6, v.size());
        assertEquals(2, v.index("a"));
        assertEquals(5, v.index("c"));
    }

    @Test
    void characters_countEachCharacter() {
        // "hello": l x2; h, e, o once -> o, h, e
        Vocabulary v = Vocabulary.characters("hello");

        assertEquals(List.of("", "[UNK]", "l", "o", "h", "e"), v.tokens());
        assertArrayEquals(new int[] {4, 5, 2, 2, 3}, v.encode("hello"));
        assertEquals("hello", v.decode(4, 5, 2, 2, 3));
    }

    @Test
    void encode_unknownToken_isTheOovIndex() {
        Vocabulary v = Vocabulary.words("to be or not to be");

        assertArrayEquals(new int[] {v.index("to"), 1, v.index("be")}, v.encode("to see be"));
        assertEquals(1, Vocabulary.OOV_INDEX);
        assertFalse(v.contains("see"));
    }

    @Test
    void maxTokens_keepsTheMostFrequentIncludingPaddingAndOov() {
        Vocabulary v = Vocabulary.words("b a c a b a d", 4);

        assertEquals(List.of("", "[UNK]", "a", "b"), v.tokens());
        assertArrayEquals(new int[] {2, 1, 1}, v.encode("a c z"));
    }

    @Test
    void maxTokens_belowTwo_throwsAsKerasDoes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Vocabulary.words("a", 1));

        assertTrue(e.getMessage().contains("maxTokens") && e.getMessage().contains("got 1"), e.getMessage());
    }

    @Test
    void decode_skipsPaddingAndShowsOov() {
        Vocabulary v = Vocabulary.words("to be or not to be");

        assertEquals("to [UNK] be", v.decode(0, 0, v.index("to"), 1, v.index("be")));
    }

    @Test
    void decode_indexOutOfRange_throwsNamingTheRange() {
        Vocabulary v = Vocabulary.characters("ab");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> v.decode(4));
        assertTrue(e.getMessage().contains("[0, 4)") && e.getMessage().contains("got 4"), e.getMessage());
    }

    @Test
    void characters_supplementaryCharacterIsOneToken() {
        Vocabulary v = Vocabulary.characters("a\uD83D\uDE00a");   // a, grinning face, a

        assertEquals(List.of("", "[UNK]", "a", "\uD83D\uDE00"), v.tokens());
        assertArrayEquals(new int[] {2, 3, 2}, v.encode("a\uD83D\uDE00a"));
    }

    @Test
    void of_explicitTokens_startAtIndexTwo() {
        Vocabulary v = Vocabulary.of(Vocabulary.Level.WORD, List.of("earth", "wind"));

        assertEquals(2, v.index("earth"));
        assertEquals(3, v.index("wind"));
        assertThrows(IllegalArgumentException.class, () -> Vocabulary.of(Vocabulary.Level.WORD, List.of("a", "a")));
        assertThrows(IllegalArgumentException.class, () -> Vocabulary.of(Vocabulary.Level.CHARACTER, List.of("ab")));
    }

    @Test
    void saveAndLoad_roundTripKeepsEveryTokenAndTheLevel() {
        Vocabulary v = Vocabulary.characters("line\n\"quoted\" caf\u00e9 \\ \uD83D\uDE00\t");
        Path file = tmp.resolve("vocabulary.json");

        v.save(file);
        Vocabulary loaded = Vocabulary.load(file);

        assertEquals(v, loaded);
        assertEquals(Vocabulary.Level.CHARACTER, loaded.level());
        assertEquals(v.tokens(), loaded.tokens());
    }

    @Test
    void saveAndLoad_wordVocabulary() {
        Vocabulary v = Vocabulary.words("the cat and the hat", 4);
        Path file = tmp.resolve("words.json");

        v.save(file);

        assertEquals(v, Vocabulary.load(file));
        assertEquals(Vocabulary.Level.WORD, Vocabulary.load(file).level());
    }

    @Test
    void load_fileWithoutPaddingFirst_throwsNamingTheFile() throws Exception {
        Path file = tmp.resolve("bad.json");
        Files.writeString(file, "{\"format\": \"keras4j-vocabulary\", \"version\": 1, \"level\": \"word\","
                + " \"tokens\": [\"[UNK]\", \"a\"]}");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Vocabulary.load(file));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("padding"), e.getMessage());
    }

    @Test
    void load_notAVocabulary_throws() throws Exception {
        Path file = tmp.resolve("other.json");
        Files.writeString(file, "{\"tokens\": []}");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Vocabulary.load(file));
        assertTrue(e.getMessage().contains("not a keras4j vocabulary"), e.getMessage());
    }

    @Test
    void charactersOfAFile_equalCharactersOfItsText() throws Exception {
        String text = "To be, or not to be: that is the question.\n\u00e9\u00e9";
        Path file = tmp.resolve("text.txt");
        Files.writeString(file, text, StandardCharsets.UTF_8);

        assertEquals(Vocabulary.characters(text, 10), Vocabulary.characters(file, 10));
    }
}
