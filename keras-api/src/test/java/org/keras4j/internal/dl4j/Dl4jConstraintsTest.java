package org.keras4j.internal.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.deeplearning4j.nn.api.layers.LayerConstraint;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.constraint.BaseConstraint;
import org.deeplearning4j.nn.conf.constraint.NonNegativeConstraint;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.keras4j.constraints.Constraint;
import org.keras4j.constraints.Constraints;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** DL4J translations of Keras's constraints against Keras's formulas, on a Dense kernel [nIn=3, nOut=2]. */
class Dl4jConstraintsTest {
    private static final double EPS = 1e-7;
    /** Columns (units) have norms 5 and 0.5. */
    private static final double[][] KERNEL = {{3.0, 0.3}, {0.0, -0.4}, {-4.0, 0.0}};

    private static INDArray kernel() {
        return Nd4j.createFromArray(new double[][] {KERNEL[0].clone(), KERNEL[1].clone(), KERNEL[2].clone()});
    }

    /** Keras: w * desired(norm) / (eps + norm), norms over axis 0 (per unit). */
    private static double[][] keras(java.util.function.DoubleUnaryOperator desired) {
        double[][] out = new double[3][2];
        for (int j = 0; j < 2; j++) {
            double norm = 0;
            for (int i = 0; i < 3; i++) {
                norm += KERNEL[i][j] * KERNEL[i][j];
            }
            norm = Math.sqrt(norm);
            for (int i = 0; i < 3; i++) {
                out[i][j] = KERNEL[i][j] * desired.applyAsDouble(norm) / (EPS + norm);
            }
        }
        return out;
    }

    private static double[][] apply(Constraint c) {
        INDArray w = kernel();
        ((BaseConstraint) Dl4jConstraints.forDenseKernel(c)).apply(w);
        return w.toDoubleMatrix();
    }

    private static void assertMatrix(double[][] expected, double[][] actual) {
        for (int i = 0; i < expected.length; i++) {
            assertArrayEquals(expected[i], actual[i], 1e-12, "row " + i);
        }
    }

    @Test
    void maxNorm_capsEachUnitsNorm() {
        assertMatrix(keras(n -> Math.min(n, 2.0)), apply(Constraints.maxNorm(2.0)));
    }

    @Test
    void unitNorm_dividesByEpsPlusNorm() {
        assertMatrix(keras(n -> 1.0), apply(Constraints.unitNorm()));
    }

    @Test
    void minMaxNorm_withRate_movesPartWay() {
        // DL4J's own MinMaxNormConstraint gets this case wrong
        assertMatrix(keras(n -> 0.5 * Math.max(1.0, Math.min(n, 2.0)) + 0.5 * n), apply(Constraints.minMaxNorm(1.0, 2.0, 0.5)));
    }

    @Test
    void nonNeg_zeroesNegatives() {
        LayerConstraint c = Dl4jConstraints.forDenseKernel(Constraints.nonNeg());
        assertInstanceOf(NonNegativeConstraint.class, c);
        assertMatrix(new double[][] {{3.0, 0.3}, {0.0, 0.0}, {0.0, 0.0}}, apply(Constraints.nonNeg()));
    }

    @Test
    void axisOne_normsEachInputRow() {
        INDArray w = kernel();
        ((BaseConstraint) Dl4jConstraints.forDenseKernel(Constraints.unitNorm(1))).apply(w);
        for (int i = 0; i < 3; i++) {
            double norm = Math.hypot(KERNEL[i][0], KERNEL[i][1]);
            assertArrayEquals(new double[] {KERNEL[i][0] / (EPS + norm), KERNEL[i][1] / (EPS + norm)}, w.getRow(i).toDoubleVector(), 1e-12);
        }
    }

    @Test
    void forBias_normsTheWholeVector() {
        INDArray b = Nd4j.createFromArray(new double[][] {{6.0, -8.0}});
        ((BaseConstraint) Dl4jConstraints.forBias(Constraints.maxNorm(5.0))).apply(b);
        assertArrayEquals(new double[] {6.0 * 5 / (10 + EPS), -8.0 * 5 / (10 + EPS)}, b.toDoubleVector(), 1e-12);
    }

    @Test
    void convAxisMap_normsEachFilter() {
        // Keras Conv2D kernel (kh, kw, in, out) axis [0, 1, 2] -> DL4J [out, in, kh, kw] dimensions {1, 2, 3}
        BaseConstraint c = (BaseConstraint) Dl4jConstraints.toDl4j(Constraints.unitNorm(0, 1, 2), new int[] {2, 3, 1, 0});
        assertArrayEquals(new int[] {1, 2, 3}, c.getDimensions());
        INDArray w = Nd4j.rand(DataType.DOUBLE, 4, 3, 2, 2);
        c.apply(w);
        for (int f = 0; f < 4; f++) {
            assertEquals(1.0, w.get(org.nd4j.linalg.indexing.NDArrayIndex.point(f)).norm2Number().doubleValue(), 1e-6);
        }
    }

    @Test
    void axisOutOfRange_throws() {
        assertThrows(IllegalArgumentException.class, () -> Dl4jConstraints.forDenseKernel(Constraints.maxNorm(2.0, 2)));
        assertArrayEquals(new int[] {1}, ((BaseConstraint) Dl4jConstraints.forDenseKernel(Constraints.maxNorm(2.0, -1))).getDimensions());
    }

    @Test
    void inNetwork_appliesOncePerStepToKernelOnly() {
        Constraint c = Constraints.minMaxNorm(1.0, 2.0, 0.5);
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE).list()
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(3).nOut(2).activation(Activation.IDENTITY)
                        .constrainWeights(Dl4jConstraints.forDenseKernel(c)).biasInit(7.0).build())
                .build();
        // DL4J clones constraints through JSON and clone(): both must keep Keras's epsilon and rate
        MultiLayerNetwork net = new MultiLayerNetwork(MultiLayerConfiguration.fromJson(conf.toJson()));
        net.init();
        net.getParam("0_W").assign(kernel());

        net.applyConstraints(0, 0);

        assertMatrix(keras(n -> 0.5 * Math.max(1.0, Math.min(n, 2.0)) + 0.5 * n), net.getParam("0_W").toDoubleMatrix());
        assertArrayEquals(new double[] {7.0, 7.0}, net.getParam("0_b").toDoubleVector(), 0.0);
    }

    @Test
    void normConstraint_survivesJsonAndClone() {
        LayerConstraint c = Dl4jConstraints.forDenseKernel(Constraints.minMaxNorm(0.5, 3.0, 0.7));
        c.setParams(java.util.Set.of("W"));
        assertEquals(c, c.clone());
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().list()
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(3).nOut(2).constrainWeights(c).build())
                .build();
        List<LayerConstraint> back = MultiLayerConfiguration.fromJson(conf.toJson()).getConf(0).getLayer().getConstraints();
        assertEquals(conf.getConf(0).getLayer().getConstraints(), back);
        assertEquals(1e-7, ((BaseConstraint) back.get(0)).getEpsilon(), 0.0);
    }
}
