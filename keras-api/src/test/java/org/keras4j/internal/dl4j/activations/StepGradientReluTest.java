package org.keras4j.internal.dl4j.activations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;
import org.keras4j.activations.Activations;
import org.keras4j.internal.dl4j.Dl4jActivations;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.serde.json.JsonMappers;

class StepGradientReluTest {

    /** Random values with exact zeros, where the gradient must be 0 as in Keras. */
    private static INDArray input(long... shape) {
        Nd4j.getRandom().setSeed(3);
        INDArray x = Nd4j.randn(DataType.FLOAT, shape);
        x.slice(0).assign(0);
        return x;
    }

    @Test
    void forwardAndGradient_equalDl4jsRelu_withZeroGradientAtZero() {
        INDArray z = input(4, 6, 5, 3);
        INDArray eps = Nd4j.randn(DataType.FLOAT, 4, 6, 5, 3);
        INDArray expectedA = new ActivationReLU().getActivation(z.dup(), true);
        INDArray expectedG = new ActivationReLU().backprop(z.dup(), eps.dup()).getFirst();
        assertEquals(expectedA, new StepGradientRelu().getActivation(z.dup(), true));
        INDArray in = z.dup();
        INDArray g = new StepGradientRelu().backprop(in, eps).getFirst();
        assertEquals(expectedG, g);
        assertSame(in, g, "written into the input, as DL4J's activations do");
        assertEquals(0.0, g.slice(0).amaxNumber().doubleValue(), "gradient at 0");
    }

    @Test
    void gradient_onStridedViews_equalsDl4jsRelu() {
        INDArray z = input(5, 7).transpose();
        INDArray eps = Nd4j.randn(DataType.FLOAT, 5, 7).transpose();
        INDArray expected = new ActivationReLU().backprop(z.dup(), eps.dup()).getFirst();
        assertEquals(expected, new StepGradientRelu().backprop(z.dup('f').transpose().transpose(), eps).getFirst());
    }

    @Test
    void plainRelu_translatesToIt_andItIsStillADl4jRelu() throws Exception {
        IActivation relu = Dl4jActivations.toDl4j(Activations.get("relu"));
        assertInstanceOf(StepGradientRelu.class, relu);
        assertInstanceOf(ActivationReLU.class, relu);
        String json = JsonMappers.getMapper().writeValueAsString(relu);
        assertInstanceOf(StepGradientRelu.class, JsonMappers.getMapper().readValue(json, IActivation.class));
    }
}
