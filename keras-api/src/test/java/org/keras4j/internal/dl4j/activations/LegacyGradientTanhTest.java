package org.keras4j.internal.dl4j.activations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.keras4j.activations.Activations;
import org.keras4j.internal.dl4j.Dl4jActivations;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.serde.json.JsonMappers;

class LegacyGradientTanhTest {

    @Test
    void gradient_equalsDl4jsTanh_onArraysAndStridedViews() {
        Nd4j.getRandom().setSeed(5);
        for (INDArray z : new INDArray[] {Nd4j.randn(DataType.FLOAT, 4, 8).muli(3), Nd4j.randn(DataType.DOUBLE, 6, 5),
                Nd4j.randn(DataType.FLOAT, 5, 7).transpose()}) {
            INDArray eps = Nd4j.randn(z.dataType(), z.shape());
            INDArray expected = new ActivationTanH().backprop(z.dup(), eps.dup()).getFirst();
            INDArray in = z.dup(z.ordering());
            INDArray actual = new LegacyGradientTanh().backprop(in, eps).getFirst();
            assertTrue(expected.equalsWithEps(actual, 1e-6), z.dataType() + " " + z.ordering());
            assertSame(in, actual, "written into the input, as DL4J's activations do");
        }
    }

    @Test
    void mismatchedShapes_areRefused() {
        assertThrows(IllegalStateException.class, () -> new LegacyGradientTanh().backprop(
                Nd4j.ones(DataType.FLOAT, 2, 3), Nd4j.ones(DataType.FLOAT, 3, 2)));
    }

    @Test
    void tanh_translatesToIt_andItIsStillADl4jTanh() throws Exception {
        IActivation tanh = Dl4jActivations.toDl4j(Activations.get("tanh"));
        assertInstanceOf(LegacyGradientTanh.class, tanh);
        assertInstanceOf(ActivationTanH.class, tanh);
        String json = JsonMappers.getMapper().writeValueAsString(tanh);
        assertInstanceOf(LegacyGradientTanh.class, JsonMappers.getMapper().readValue(json, IActivation.class));
        assertEquals(new ActivationTanH().getActivation(Nd4j.linspace(-3, 3, 7), true),
                tanh.getActivation(Nd4j.linspace(-3, 3, 7), true));
    }
}
