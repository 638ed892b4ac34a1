package org.keras4j.datasets.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** The streamed batches against windows cut by hand from the text held in memory. */
class TextSequencesTest {

    private static final String TEXT = "First Citizen:\nBefore we proceed any further, hear me speak.\n";

    @TempDir
    Path tmp;

    private Path write(String text) throws Exception {
        Path file = tmp.resolve("text-" + text.length() + ".txt");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    /** Windows of length + 1 characters starting every stride characters, cut from the string: the reference. */
    private static List<int[]> byHand(String text, Vocabulary v, int length, int stride) {
        List<int[]> windows = new ArrayList<>();
        for (int start = 0; start + length + 1 <= text.length(); start += stride) {
            windows.add(v.encode(text.substring(start, start + length + 1)));
        }
        return windows;
    }

    /** Every (inputs..., target) row of an epoch, read from index batches. */
    private static List<int[]> epoch(DataSetIterator it) {
        List<int[]> rows = new ArrayList<>();
        while (it.hasNext()) {
            DataSet ds = it.next();
            INDArray x = ds.getFeatures();
            INDArray y = ds.getLabels();
            for (int b = 0; b < x.size(0); b++) {
                int[] row = new int[(int) x.size(1) + 1];
                for (int k = 0; k < x.size(1); k++) {
                    row[k] = x.getInt(b, k);
                }
                row[row.length - 1] = y.getInt(b, 0);
                rows.add(row);
            }
        }
        return rows;
    }

    private static void assertSameRows(List<int[]> expected, List<int[]> actual) {
        assertEquals(expected.size(), actual.size(), "number of sequences");
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i), actual.get(i), "sequence " + i);
        }
    }

    private static List<int[]> sorted(List<int[]> rows) {
        List<int[]> s = new ArrayList<>(rows);
        s.sort(Arrays::compare);
        return s;
    }

    @Test
    void iterator_indexBatchesEqualWindowsCutByHand() throws Exception {
        Vocabulary v = Vocabulary.characters(TEXT);
        DataSetIterator it = TextSequences.of(write(TEXT), v, 10).stride(3).batchSize(4).iterator();

        assertSameRows(byHand(TEXT, v, 10, 3), epoch(it));
    }

    @Test
    void iterator_batchShapes_areBatchBySequenceLengthAndBatchByOne() throws Exception {
        Vocabulary v = Vocabulary.characters(TEXT);
        DataSet first = TextSequences.of(write(TEXT), v, 10).batchSize(4).iterator().next();

        assertArrayEquals(new long[] {4, 10}, first.getFeatures().shape());
        assertArrayEquals(new long[] {4, 1}, first.getLabels().shape());
        // the first sequence is "First Citi", its next character 'z'
        assertEquals(v.index("F"), first.getFeatures().getInt(0, 0));
        assertEquals(v.index("z"), first.getLabels().getInt(0, 0));
    }

    @Test
    void iterator_lastBatchHoldsTheRest() throws Exception {
        Vocabulary v = Vocabulary.characters(TEXT);
        int windows = byHand(TEXT, v, 10, 1).size();   // 62 - 11 + 1 = 52
        DataSetIterator it = TextSequences.of(write(TEXT), v, 10).batchSize(5).iterator();

        DataSet last = null;
        int batches = 0;
        while (it.hasNext()) {
            last = it.next();
            batches++;
        }
        assertEquals((windows + 4) / 5, batches);
        assertEquals(windows % 5 == 0 ? 5 : windows % 5, last.getFeatures().size(0));
    }

    @Test
    void iterator_oneHot_setsOneAtEachIndex() throws Exception {
        Vocabulary v = Vocabulary.characters(TEXT);
        DataSet ds = TextSequences.of(write(TEXT), v, 4).batchSize(2).oneHotInputs().oneHotTargets().iterator().next();

        assertArrayEquals(new long[] {2, 4, v.size()}, ds.getFeatures().shape());
        assertArrayEquals(new long[] {2, v.size()}, ds.getLabels().shape());
        int[] firstWindow = v.encode("First");
        for (int k = 0; k < 4; k++) {
            assertEquals(1f, ds.getFeatures().getFloat(0, k, firstWindow[k]));
        }
        assertEquals(4.0, ds.getFeatures().get(NDArrayIndex.point(0), NDArrayIndex.all(), NDArrayIndex.all())
                .sumNumber().doubleValue(), 0, "one 1 per time step");
        assertEquals(1f, ds.getLabels().getFloat(0, firstWindow[4]));
        assertEquals(1.0, ds.getLabels().getRow(0).sumNumber().doubleValue(), 0);
    }

    @Test
    void fractions_cutTheCharacterRange() throws Exception {
        Vocabulary v = Vocabulary.characters(TEXT);
        Path file = write(TEXT);
        int cut = (int) Math.floor(0.75 * TEXT.length());

        List<int[]> head = epoch(TextSequences.of(file, v, 5).batchSize(7).fractions(0.0, 0.75).iterator());
        List<int[]> tail = epoch(TextSequences.of(file, v, 5).batchSize(7).fractions(0.75, 1.0).iterator());

        assertSameRows(byHand(TEXT.substring(0, cut), v, 5, 1), head);
        assertSameRows(byHand(TEXT.substring(cut), v, 5, 1), tail);
    }

    @Test
    void range_inCharacters() throws Exception {
        Vocabulary v = Vocabulary.characters(TEXT);

        List<int[]> rows = epoch(TextSequences.of(write(TEXT), v, 3).stride(2).range(15, 40).iterator());

        assertSameRows(byHand(TEXT.substring(15, 40), v, 3, 2), rows);
    }

    @Test
    void shuffle_keepsEveryWindowAndRepeatsPerSeed() throws Exception {
        Vocabulary v = Vocabulary.characters(TEXT);
        TextSequences s = TextSequences.of(write(TEXT), v, 6).batchSize(8);

        List<int[]> ordered = epoch(s.iterator());
        List<int[]> shuffled = epoch(s.shuffle(16, 7).iterator());
        List<int[]> again = epoch(s.shuffle(16, 7).iterator());

        assertSameRows(sorted(ordered), sorted(shuffled));
        assertSameRows(shuffled, again);
        assertFalse(Arrays.equals(ordered.stream().flatMapToInt(Arrays::stream).toArray(),
                shuffled.stream().flatMapToInt(Arrays::stream).toArray()), "the order changed");
    }

    @Test
    void shuffle_drawsOnlyFromTheBuffer() throws Exception {
        // distinct windows: a text of distinct characters, so each window's first character names its position
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            sb.appendCodePoint(0x4E00 + i);
        }
        String text = sb.toString();
        Vocabulary v = Vocabulary.characters(text);
        int buffer = 10;

        List<int[]> rows = epoch(TextSequences.of(write(text), v, 4).batchSize(16).shuffle(buffer, 3).iterator());

        List<String> firsts = new ArrayList<>();
        for (int k = 0; k < rows.size(); k++) {
            int position = v.token(rows.get(k)[0]).codePointAt(0) - 0x4E00;
            // output k is drawn from a buffer holding windows up to k + buffer - 1
            assertTrue(position <= k + buffer - 1, "output " + k + " is window " + position);
            firsts.add(v.token(rows.get(k)[0]));
        }
        assertEquals(200 - 5 + 1, rows.size());
        assertEquals(rows.size(), firsts.stream().distinct().count(), "every window exactly once");
    }

    @Test
    void reset_startsANewEpochWithTheSameWindows() throws Exception {
        Vocabulary v = Vocabulary.characters(TEXT);
        DataSetIterator it = TextSequences.of(write(TEXT), v, 6).batchSize(8).shuffle(8, 1).iterator();

        List<int[]> first = epoch(it);
        it.reset();
        List<int[]> second = epoch(it);

        assertSameRows(sorted(first), sorted(second));
        assertThrows(java.util.NoSuchElementException.class, it::next);
    }

    @Test
    void largeFile_isReadInAStreamAndMatchesTheInMemoryCut() throws Exception {
        // 400,000 characters; a 1 Ki-character read buffer and a 32-window shuffle buffer
        Random random = new Random(11);
        StringBuilder sb = new StringBuilder();
        String alphabet = "abcdefghijklmnopqrstuvwxyz \n.,;ABC";
        for (int i = 0; i < 400_000; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        String text = sb.toString();
        Path file = write(text);
        Vocabulary v = Vocabulary.characters(text);
        TextSequences s = TextSequences.of(file, v, 50).stride(97).batchSize(64).readBuffer(1024);

        TextSequenceIterator it = (TextSequenceIterator) s.shuffle(32, 5).iterator();
        it.next();
        long afterFirstBatch = it.bytesRead();

        assertTrue(afterFirstBatch < 32 * 1024, "read " + afterFirstBatch + " of " + Files.size(file)
                + " bytes for the first batch");
        List<int[]> streamed = epoch(s.iterator());
        assertSameRows(byHand(text, v, 50, 97), streamed);
    }

    @Test
    void wordLevel_tokensAreWords() throws Exception {
        String text = "to be or not to be that is the question";
        Vocabulary v = Vocabulary.words(text);

        List<int[]> rows = epoch(TextSequences.of(write(text), v, 2).stride(3).iterator());

        String[] w = text.split(" ");
        List<int[]> expected = new ArrayList<>();
        for (int start = 0; start + 3 <= w.length; start += 3) {
            expected.add(new int[] {v.index(w[start]), v.index(w[start + 1]), v.index(w[start + 2])});
        }
        assertSameRows(expected, rows);
    }

    @Test
    void iterator_rangeTooShortForOneSequence_throwsNamingTheCounts() throws Exception {
        Vocabulary v = Vocabulary.characters(TEXT);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TextSequences.of(write(TEXT), v, 10).range(0, 8).iterator());
        assertTrue(e.getMessage().contains("8 character tokens") && e.getMessage().contains("sequenceLength + 1 = 11"),
                e.getMessage());
    }

    @Test
    void iterator_rangeBeyondTheEnd_throws() throws Exception {
        Vocabulary v = Vocabulary.characters(TEXT);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TextSequences.of(write(TEXT), v, 3).range(0, 1000).iterator());
        assertTrue(e.getMessage().contains("has " + TEXT.length() + " characters"), e.getMessage());
    }

    @Test
    void of_missingFile_throws() {
        assertThrows(IllegalArgumentException.class,
                () -> TextSequences.of(tmp.resolve("absent.txt"), Vocabulary.characters("a"), 3));
    }
}
