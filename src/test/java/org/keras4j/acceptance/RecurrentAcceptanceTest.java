package org.keras4j.acceptance;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.keras4j.datasets.TinyShakespeare;
import org.keras4j.datasets.text.Vocabulary;
import org.keras4j.examples.sequence.CharLanguageModelExercise;
import org.keras4j.examples.sequence.OddEvenExercise;

/** The recurrent issue's exercises on masked sequences and on Tiny Shakespeare, with their reference results. */
class RecurrentAcceptanceTest {

    @Test
    void oddEven_maskedBidirectionalLstm_reaches95PercentTestAccuracy() {
        OddEvenExercise.Outcome o = OddEvenExercise.train(0, null);
        assertTrue(o.accuracy() >= OddEvenExercise.REFERENCE_ACCURACY, "test accuracy " + o.accuracy());
    }

    @Test
    void shakespeare_characterLstm_validationLossBelow2NatsAndSamplesInTheAlphabet() {
        String text = TinyShakespeare.load(AcceptanceData.dir());
        CharLanguageModelExercise.Outcome o = CharLanguageModelExercise.train(text, CharLanguageModelExercise.EPOCHS, 0,
                null);
        assertTrue(o.validationLoss() < CharLanguageModelExercise.REFERENCE_VALIDATION_LOSS,
                "validation loss " + o.validationLoss() + " nats/char (unigram baseline " + o.unigramLoss() + ")");
        assertTrue(o.unigramLoss() > 3.0, "the unigram baseline is about 3.3 nats: " + o.unigramLoss());
        Vocabulary chars = o.vocabulary();
        for (String sample : o.samples()) {
            for (int i = 0; i < sample.length(); i++) {
                String c = String.valueOf(sample.charAt(i));
                assertTrue(chars.contains(c) && chars.index(c) >= 2, "sample character '" + c + "' is in the text's"
                        + " alphabet: " + sample);
            }
        }
        assertTrue(!o.samples().isEmpty(), "a sample after each epoch");
    }
}
