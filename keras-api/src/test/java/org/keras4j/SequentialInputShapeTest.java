package org.keras4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.keras4j.layers.core.Dense;
import org.keras4j.layers.core.Input;
import org.keras4j.layers.rnn.LSTM;
import org.slf4j.LoggerFactory;

/** Keras's {@code input_shape} on a layer: {@code withInputShape}. */
class SequentialInputShapeTest {

    /** Runs {@code action} and returns the warnings Sequential logged meanwhile. */
    private static List<String> warnings(Runnable action) {
        Logger logger = (Logger) LoggerFactory.getLogger(Sequential.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try {
            action.run();
        } finally {
            logger.detachAppender(appender);
        }
        return appender.list.stream().filter(e -> e.getLevel() == Level.WARN).map(ILoggingEvent::getFormattedMessage)
                .toList();
    }

    @Test
    void firstLayerInputShape_buildsTheSameModelAsAnInput() {
        Sequential withInput = new Sequential(new Input(8), new Dense(64, "relu"), new Dense(1));
        Sequential[] withArgument = new Sequential[1];
        List<String> logged = warnings(() -> withArgument[0] = new Sequential(new Dense(64, "relu").withInputShape(8),
                new Dense(1)));
        Sequential model = withArgument[0];
        assertEquals(List.of(), logged);
        assertEquals(Shape.of(8), model.inputShape());
        assertEquals(withInput.summaryText(), model.summaryText());
        assertEquals(withInput.countParams(), model.countParams());
        assertEquals(2, model.layers().size());

        Keras.setRandomSeed(11);
        withInput.compile("adam", "mse");
        Keras.setRandomSeed(11);
        model.compile("adam", "mse");
        assertEquals(withInput.network().numParams(), model.network().numParams());
        assertArrayEquals(withInput.network().params().toFloatVector(), model.network().params().toFloatVector());
    }

    @Test
    void inputShapeAfterTheFirstLayer_isIgnoredWithAWarning() {
        Sequential[] models = new Sequential[2];
        List<String> logged = warnings(() -> {
            models[0] = new Sequential(new Input(4), new Dense(3).withInputShape(99));
            models[1] = new Sequential(new Dense(5).withInputShape(2), new Dense(1).withInputShape(7));
        });
        assertEquals(List.of(
                "Sequential 'sequential': inputShape (None, 99) of layer Dense 'dense' is ignored: only the first "
                        + "layer's inputShape declares the model's input",
                "Sequential 'sequential': inputShape (None, 7) of layer Dense 'dense_1' is ignored: only the first "
                        + "layer's inputShape declares the model's input"), logged);
        assertEquals(Shape.of(4), models[0].inputShape());
        assertEquals(15, models[0].countParams());
        assertEquals(Shape.of(2), models[1].inputShape());
        assertEquals(2 * 5 + 5 + 5 + 1, models[1].countParams());
    }

    @Test
    void noInputAndNoInputShape_keepsTheClearError() {
        Sequential model = new Sequential(new Dense(3));
        IllegalStateException e = assertThrows(IllegalStateException.class, model::inputShape);
        assertEquals("Sequential 'sequential' has no input shape: start it with new Input(...)", e.getMessage());
    }

    @Test
    void firstLayerRejectingItsInputShape_leavesTheModelWithoutInput() {
        Sequential model = new Sequential();
        // an LSTM needs [steps, features]
        assertThrows(IllegalArgumentException.class, () -> model.add(new LSTM(4).withInputShape(8)));
        assertNull(model.input());
        assertEquals(0, model.layers().size());
    }

    @Test
    void withInputShape_nonPositiveDimension_namesArgumentAndValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Dense(3).withInputShape(28, 0));
        assertEquals("inputShape of Dense must have positive dimensions, got [28, 0]", e.getMessage());
    }

    @Test
    void predict_wrongSampleShape_namesTheFirstLayer() {
        Sequential model = new Sequential(new Input(4), new Dense(3));
        model.compile("sgd", "mse");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> model.predict(org.nd4j.linalg.factory.Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.FLOAT, 2, 5)));
        assertEquals("Input x is incompatible with layer " + model.layers().get(0) + ": expected shape " + Shape.of(4)
                + ", got [2, 5]", e.getMessage());
    }
}
