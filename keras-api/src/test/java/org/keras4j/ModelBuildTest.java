package org.keras4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.keras4j.layers.core.Dense;
import org.keras4j.layers.core.Input;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ModelBuildTest {

    @Test
    void aBuiltModelPredictsWithTheWeightsItIsGivenButCannotTrain() {
        Sequential model = new Sequential(new Input(2), new Dense(1));
        model.build();
        assertTrue(model.isBuilt());
        assertFalse(model.isCompiled());
        INDArray kernel = Nd4j.createFromArray(new float[][] {{2f}, {-1f}});
        INDArray bias = Nd4j.createFromArray(0.5f);
        model.getLayer(0).setWeights(List.of(kernel, bias.reshape(1)));
        INDArray y = model.predict(Nd4j.createFromArray(new float[][] {{1f, 3f}}));
        assertEquals(2 * 1 - 3 + 0.5, y.getDouble(0, 0), 1e-6); // y = x W + b written out
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> model.fit(Nd4j.zeros(DataType.FLOAT, 4, 2), Nd4j.zeros(DataType.FLOAT, 4, 1), 1));
        assertTrue(e.getMessage().contains("compile()"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> model.evaluate(Nd4j.zeros(DataType.FLOAT, 4, 2),
                Nd4j.zeros(DataType.FLOAT, 4, 1)));
    }

    @Test
    void compilingABuiltModelKeepsItsWeights() {
        Sequential model = new Sequential(new Input(3), new Dense(2));
        model.build();
        List<INDArray> before = model.getLayer(0).getWeights();
        model.compile("sgd", "mse");
        assertTrue(model.isCompiled());
        List<INDArray> after = model.getLayer(0).getWeights();
        assertEquals(before.get(0), after.get(0));
        assertEquals(before.get(1), after.get(1));
        model.fit(Nd4j.rand(DataType.FLOAT, 8, 3), Nd4j.rand(DataType.FLOAT, 8, 2), 1); // trains now
    }
}
