package org.keras4j.internal.dl4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.keras4j.FitOptions;
import org.keras4j.Functional;
import org.keras4j.Keras;
import org.keras4j.KerasTensor;
import org.keras4j.Sequential;
import org.keras4j.layers.convolutional.Conv2D;
import org.keras4j.layers.core.Dense;
import org.keras4j.layers.core.Input;
import org.keras4j.layers.merging.Add;
import org.keras4j.layers.pooling.GlobalAveragePooling2D;
import org.keras4j.layers.reshaping.Flatten;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Convolutions fed by the network's input skip its gradient, in a Sequential and in a functional model. */
class FirstConvolutionInputGradientTest {

    private static INDArray x() {
        Nd4j.getRandom().setSeed(5);
        return Nd4j.rand(DataType.FLOAT, 8, 6, 6, 1);
    }

    @Test
    void sequential_marksOnlyItsFirstConvolution_andTrains() {
        Sequential model = new Sequential(new Input(6, 6, 1), new Conv2D(3, 3, "relu").withPadding("same"),
                new Conv2D(2, 3, "relu"), new Flatten(), new Dense(1));
        model.compile("adam", "mse");
        model.fit(x(), Nd4j.rand(DataType.FLOAT, 8, 1), FitOptions.defaults().epochs(2).batchSize(4).verbose(0));
        MultiLayerNetwork net = (MultiLayerNetwork) model.network().unwrap();
        List<GemmConvolutionLayer> convs = java.util.Arrays.stream(net.getLayers())
                .filter(GemmConvolutionLayer.class::isInstance).map(GemmConvolutionLayer.class::cast).toList();
        assertTrue(convs.get(0).isInputGradientUnused());
        assertFalse(convs.get(1).isInputGradientUnused());
        assertEquals(4, convs.get(0).backwardPasses(), "fit's batches took the matrix-product path");
        assertEquals(4, convs.get(1).backwardPasses(), "3 input channels, a valid convolution, with its input gradient");
    }

    @Test
    void functional_marksTheConvolutionOnItsInput_andTrains() {
        KerasTensor inputs = Keras.input(6, 6, 1);
        KerasTensor stem = new Conv2D(3, 3, "relu").withPadding("same").withName("stem").apply(inputs);
        KerasTensor y = new Conv2D(3, 3).withPadding("same").withName("inner").apply(stem);
        KerasTensor sum = new Add().apply(y, stem);
        KerasTensor out = new Dense(1).apply(new GlobalAveragePooling2D().apply(sum));
        Functional model = new Functional("f", List.of(inputs), List.of(out));
        model.compile("adam", "mse");
        model.fit(x(), Nd4j.rand(DataType.FLOAT, 8, 1), FitOptions.defaults().epochs(2).batchSize(4).verbose(0));
        ComputationGraph graph = (ComputationGraph) model.network().unwrap();
        assertTrue(((GemmConvolutionLayer) graph.getLayer("stem")).isInputGradientUnused());
        assertEquals(4, ((GemmConvolutionLayer) graph.getLayer("stem")).backwardPasses());
        assertEquals(4, ((GemmConvolutionLayer) graph.getLayer("inner")).backwardPasses());
        assertFalse(((GemmConvolutionLayer) graph.getLayer("inner")).isInputGradientUnused());
    }
}
