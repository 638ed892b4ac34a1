package org.keras4j.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SummaryFormatterTest {

    @Test
    void format_longLayerAndType_wrapsOntoAFurtherLineAsKeras3() {
        // Keras 3's summary of Sequential([Input((8,)), Dense(64), BatchNormalization()])
        String text = SummaryFormatter.format("sequential", List.of(
                new SummaryFormatter.Row("dense", "Dense", "(None, 64)", 576, 0),
                new SummaryFormatter.Row("batch_normalization", "BatchNormalization", "(None, 64)", 128, 128)));
        String expected = String.join("\n",
                "Model: \"sequential\"",
                "┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━┓",
                "┃ Layer (type)                    ┃ Output Shape           ┃       Param # ┃",
                "┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━┩",
                "│ dense (Dense)                   │ (None, 64)             │           576 │",
                "├─────────────────────────────────┼────────────────────────┼───────────────┤",
                "│ batch_normalization             │ (None, 64)             │           256 │",
                "│ (BatchNormalization)            │                        │               │",
                "└─────────────────────────────────┴────────────────────────┴───────────────┘",
                " Total params: 832 (3.25 KB)",
                " Trainable params: 704 (2.75 KB)",
                " Non-trainable params: 128 (512.00 B)",
                "");
        assertEquals(expected, text);
    }

    @Test
    void wrap_wordLongerThanTheColumn_isFoldedNotCut() {
        assertEquals(List.of("abcdefghij", "klm", "(Dense)"), SummaryFormatter.wrap("abcdefghijklm (Dense)", 10));
    }

    @Test
    void wrap_textThatFitsExactly_staysWhole() {
        assertEquals(List.of("abcdefghij"), SummaryFormatter.wrap("abcdefghij", 10));
        assertEquals(List.of("ab (Dense)"), SummaryFormatter.wrap("ab (Dense)", 10));
    }
}
