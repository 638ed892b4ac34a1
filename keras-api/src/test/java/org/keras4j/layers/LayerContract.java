package org.keras4j.layers;

import java.util.List;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.function.Supplier;
import org.keras4j.FitOptions;
import org.keras4j.Keras;
import org.keras4j.Sequential;
import org.keras4j.Shape;
import org.keras4j.layers.core.Dense;
import org.keras4j.layers.core.Input;
import org.keras4j.layers.reshaping.Flatten;
import org.keras4j.optimizers.SGD;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.jackson.core.type.TypeReference;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/**
 * keras4j's {@code run_layer_test}: one layer against Keras's numbers, written literally by the
 * caller. Checks the output shape and parameter count the layer declares, that its config
 * survives a JSON round trip through {@link Layers}, and that the compiled DL4J network has the
 * same parameter count, predicts that shape and trains (backprop through the layer and a Dense
 * after it changes the weights and keeps the loss finite).
 *
 * <pre>{@code
 * LayerContract.check(() -> new Conv2D(16, 5).withPadding("same"), Shape.of(28, 28, 1), Shape.of(28, 28, 16), 416);
 * }</pre>
 */
public final class LayerContract {
    private static final ObjectMapper JSON = new ObjectMapper();

    private LayerContract() {
    }

    /**
     * @param layer makes a fresh layer for each model the check builds
     * @param expectedOutput Keras's output shape, batch excluded
     * @param expectedParams Keras's {@code count_params()}
     */
    public static void check(Supplier<? extends Layer> layer, Shape input, Shape expectedOutput, long expectedParams) {
        Layer declared = layer.get();
        String what = declared.className() + " on " + input;
        assertEquals(expectedOutput, declared.computeOutputShape(input), what + ": output shape");
        assertEquals(expectedParams, declared.countParams(input), what + ": parameter count");

        Map<String, Object> config = jsonRoundTrip(declared.getConfig());
        Layer rebuilt = Layers.fromConfig(declared.className(), config);
        assertEquals(jsonRoundTrip(declared.getConfig()), jsonRoundTrip(rebuilt.getConfig()), what + ": config round trip");
        assertEquals(expectedOutput, rebuilt.computeOutputShape(input), what + ": rebuilt output shape");

        Keras.setRandomSeed(11);
        Sequential alone = new Sequential(new Input(input), layer.get());
        alone.compile("sgd", "mse");
        assertEquals(expectedParams, alone.network().numParams(), what + ": DL4J parameter count");
        INDArray x = Nd4j.rand(DataType.FLOAT, input.withBatch(3)).subi(0.5);
        assertArrayEquals(expectedOutput.withBatch(3), alone.predict(x).shape(), what + ": predicted shape");

        Sequential trained = new Sequential(new Input(input), layer.get(), new Flatten(), new Dense(2));
        trained.compile(new SGD(0.01), "mse");
        List<INDArray> before = trained.getWeights();
        double loss = trained.fit(x, Nd4j.rand(DataType.FLOAT, 3, 2), FitOptions.defaults().epochs(1).batchSize(3).verbose(0))
                .history().get("loss").get(0);
        assertTrue(Double.isFinite(loss), what + ": training loss " + loss);
        assertFalse(before.equals(trained.getWeights()), what + ": one training step left the weights unchanged");
    }

    private static Map<String, Object> jsonRoundTrip(Map<String, Object> config) {
        try {
            return JSON.readValue(JSON.writeValueAsString(config), new TypeReference<Map<String, Object>>() { });
        } catch (java.io.IOException e) {
            throw new AssertionError("config is not JSON-serializable: " + config, e);
        }
    }
}
