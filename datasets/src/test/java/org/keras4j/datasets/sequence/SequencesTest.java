package org.keras4j.datasets.sequence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** {@code pad_sequences} against the examples of Keras's documentation ({@code keras.utils.pad_sequences}). */
class SequencesTest {

    private static final List<int[]> SEQUENCE = List.of(new int[] {1}, new int[] {2, 3}, new int[] {4, 5, 6});

    @Test
    void padSequences_defaults_padBeforeToTheLongest() {
        assertArrayEquals(new int[][] {{0, 0, 1}, {0, 2, 3}, {4, 5, 6}}, Sequences.padSequences(SEQUENCE));
    }

    @Test
    void padSequences_value_isThePaddingValue() {
        assertArrayEquals(new int[][] {{-1, -1, 1}, {-1, 2, 3}, {4, 5, 6}},
                Sequences.padSequences(SEQUENCE, Padding.defaults().value(-1)));
    }

    @Test
    void padSequences_post_padsAfter() {
        assertArrayEquals(new int[][] {{1, 0, 0}, {2, 3, 0}, {4, 5, 6}},
                Sequences.padSequences(SEQUENCE, Padding.defaults().padding("post")));
    }

    @Test
    void padSequences_maxlen_truncatesAtTheStartByDefault() {
        assertArrayEquals(new int[][] {{0, 1}, {2, 3}, {5, 6}},
                Sequences.padSequences(SEQUENCE, Padding.defaults().maxlen(2)));
    }

    @Test
    void padSequences_truncatingPost_keepsTheFirstValues() {
        assertArrayEquals(new int[][] {{0, 1}, {2, 3}, {4, 5}},
                Sequences.padSequences(SEQUENCE, Padding.defaults().maxlen(2).truncating("post")));
    }

    @Test
    void padSequences_emptySequence_isAllPadding() {
        assertArrayEquals(new int[][] {{0, 0}, {0, 7}},
                Sequences.padSequences(List.of(new int[0], new int[] {7}), Padding.defaults().maxlen(2)));
    }

    @Test
    void padSequences_unknownPadding_throwsNamingTheValidValues() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Padding.defaults().padding("both"));

        assertTrue(e.getMessage().contains("\"pre\" or \"post\"") && e.getMessage().contains("both"), e.getMessage());
    }

    @Test
    void toArray_givesFloatIndices() {
        INDArray a = Sequences.toArray(new int[][] {{0, 2}, {3, 4}});

        assertEquals(DataType.FLOAT, a.dataType());
        assertArrayEquals(new float[] {0, 2, 3, 4}, a.ravel().toFloatVector());
    }

    @Test
    void toArray_raggedRows_throw() {
        assertThrows(IllegalArgumentException.class, () -> Sequences.toArray(new int[][] {{1}, {1, 2}}));
    }
}
