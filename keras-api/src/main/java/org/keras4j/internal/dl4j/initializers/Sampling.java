package org.keras4j.internal.dl4j.initializers;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Random fills from ND4J's global generator (which DL4J seeds from the configuration's seed). */
final class Sampling {
    private Sampling() {
    }

    /**
     * Fills {@code target} with N(mean, stddev) values redrawn until they lie within two
     * standard deviations of the mean, as Keras's {@code random.truncated_normal}.
     */
    static void truncatedNormal(INDArray target, double mean, double stddev) {
        long n = target.length();
        DataType type = target.dataType().isFPType() ? target.dataType() : DataType.DOUBLE;
        INDArray x = Nd4j.randn(type, n);
        // each round redraws the ~4.6% outside (-2, 2): about 5 rounds for a million values
        for (int round = 0; round < 1000; round++) {
            INDArray outside = Transforms.abs(x, true).gt(2.0).castTo(type);
            if (outside.sumNumber().doubleValue() == 0) {
                target.assign(x.muli(stddev).addi(mean).reshape(target.shape()));
                return;
            }
            INDArray fresh = Nd4j.randn(type, n);
            x.muli(outside.rsub(1.0)).addi(fresh.muli(outside));
        }
        throw new IllegalStateException("truncated normal sampling did not converge; is the random generator broken?");
    }

    /** Fills {@code target} with N(mean, stddev) values. */
    static void normal(INDArray target, double mean, double stddev) {
        Nd4j.randn(target);
        target.muli(stddev).addi(mean);
    }

    /** Fills {@code target} with U[minval, maxval) values. */
    static void uniform(INDArray target, double minval, double maxval) {
        Nd4j.rand(target, Nd4j.getDistributions().createUniform(minval, maxval));
    }
}
