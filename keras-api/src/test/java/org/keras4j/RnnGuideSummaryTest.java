package org.keras4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.keras4j.layers.core.Dense;
import org.keras4j.layers.core.Embedding;
import org.keras4j.layers.core.Input;
import org.keras4j.layers.merging.Concatenate;
import org.keras4j.layers.rnn.GRU;
import org.keras4j.layers.rnn.LSTM;
import org.keras4j.layers.rnn.SimpleRNN;

/**
 * Parameter counts of the models of Keras's guides that use embeddings, as Keras prints them
 * (keras.io "Working with RNNs" and "The Functional API"). The guides give their sequence inputs
 * a variable length ({@code shape=(None,)}); keras4j's inputs have a static one, which no count
 * depends on. The guide's encoder–decoder is in {@code RecurrentStatesGraphTest}, its
 * bidirectional models in {@code BidirectionalModelsTest}.
 */
class RnnGuideSummaryTest {

    private static void assertCounts(Model model, long total, String... counts) {
        String text = model.summaryText();
        for (String c : counts) {
            assertTrue(text.contains(c), c + " in\n" + text);
        }
        assertTrue(text.contains(String.format(java.util.Locale.ROOT, "Total params: %,d", total)), text);
    }

    @Test
    void embeddingLstmDense() {
        Sequential model = new Sequential(new Input(10), new Embedding(1000, 64), new LSTM(128), new Dense(10));
        assertCounts(model, 164_106, "64,000", "98,816", "1,290");
    }

    @Test
    void embeddingGruSimpleRnnDense() {
        Sequential model = new Sequential(new Input(10), new Embedding(1000, 64),
                new GRU(256).withReturnSequences(true), new SimpleRNN(128), new Dense(10));
        assertCounts(model, 361_866, "64,000", "247,296", "49,280", "1,290");
        assertTrue(model.summaryText().contains("(None, 10, 256)"), model.summaryText());
    }

    @Test
    void functionalGuide_titleBodyTagsTicketModel() {
        int numTags = 12;
        int numWords = 10_000;
        int numDepartments = 4;
        KerasTensor title = Keras.input("title", 10);
        KerasTensor body = Keras.input("body", 100);
        KerasTensor tags = Keras.input("tags", numTags);
        KerasTensor titleFeatures = new LSTM(128).apply(new Embedding(numWords, 64).apply(title));
        KerasTensor bodyFeatures = new LSTM(32).apply(new Embedding(numWords, 64).apply(body));
        KerasTensor x = new Concatenate().apply(titleFeatures, bodyFeatures, tags);
        KerasTensor priority = new Dense(1).withName("priority").apply(x);
        KerasTensor department = new Dense(numDepartments).withName("department").apply(x);
        Functional model = new Functional(List.of(title, body, tags), List.of(priority, department));
        assertCounts(model, 1_392_097, "640,000", "98,816", "12,416", "173", "692");
        model.compile("rmsprop", List.of("binary_crossentropy", "categorical_crossentropy"), List.of(1.0, 0.2),
                List.of(List.of(), List.of()));
        assertEquals(1_392_097, model.network().numParams());
    }
}
