package org.keras4j.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.executioner.OpExecutioner;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastAddOp;
import org.nd4j.linalg.api.ops.impl.reduce.floating.Mean;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarMultiplication;
import org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax;
import org.nd4j.linalg.api.ops.random.impl.GaussianDistribution;
import org.nd4j.linalg.cpu.nativecpu.ops.NativeOpExecutioner;
import org.nd4j.linalg.factory.Nd4j;

/** The GC-safe executioner is ND4J's, computes what ND4J's computes, and is chosen only where it fits. */
class GcSafeCpuExecutionerTest {
    // ND4J loads its native libraries first; an executioner built before that finds none
    private final OpExecutioner loaded = Nd4j.getExecutioner();
    private final OpExecutioner stock = new NativeOpExecutioner();
    private final OpExecutioner safe = new GcSafeCpuExecutioner();

    @Test
    void inThisJvm_nd4jRunsTheGcSafeExecutioner_andTheReportSaysSo() {
        assertInstanceOf(GcSafeCpuExecutioner.class, loaded);
        String report = Backend.report();
        assertTrue(report.matches("(?s).*native calls: +operations kept reachable during native calls \\(keras4j default\\).*"),
                report);
    }

    @Test
    void broadcast_equalsNd4jsOwn() {
        INDArray x = Nd4j.rand(DataType.FLOAT, 32, 64);
        INDArray bias = Nd4j.rand(DataType.FLOAT, 64);
        INDArray expected = stock.exec(new BroadcastAddOp(x, bias, x.ulike(), 1));
        INDArray actual = safe.exec(new BroadcastAddOp(x, bias, x.ulike(), 1));
        assertEquals(expected, actual);
        assertEquals(x.getFloat(3, 5) + bias.getFloat(5), actual.getFloat(3, 5), 0f);
    }

    @Test
    void reductionAlongADimension_scalarOp_customOp_andRandomOp_equalNd4jsOwn() {
        INDArray x = Nd4j.rand(DataType.DOUBLE, 7, 5);
        assertEquals(stock.exec(new Mean(x, 1)), safe.exec(new Mean(x, 1)));
        assertEquals(stock.exec(new ScalarMultiplication(x.dup(), 3.0)),
                safe.exec(new ScalarMultiplication(x.dup(), 3.0)));
        assertEquals(stock.exec(new SoftMax(x, x.ulike(), 1))[0], safe.exec(new SoftMax(x, x.ulike(), 1))[0]);
        INDArray a = Nd4j.zeros(DataType.DOUBLE, 100);
        INDArray b = Nd4j.zeros(DataType.DOUBLE, 100);
        stock.exec(new GaussianDistribution(a, 0, 1), Nd4j.getRandomFactory().getNewRandomInstance(42));
        safe.exec(new GaussianDistribution(b, 0, 1), Nd4j.getRandomFactory().getNewRandomInstance(42));
        assertEquals(a, b);
    }

    @Test
    void startupDefault_setsOpexec_onlyForTheCpuBackend_andKeepsTheUsersChoice() {
        Properties props = new Properties();
        assertEquals("keras4j default", GcSafeExecutionerDefault.apply(props, true, false));
        assertEquals(GcSafeCpuExecutioner.class.getName(), props.getProperty("opexec"));

        Properties cuda = new Properties();
        GcSafeExecutionerDefault.apply(cuda, true, true);
        assertEquals(null, cuda.getProperty("opexec"), "the CUDA backend wins over the CPU one");

        Properties none = new Properties();
        GcSafeExecutionerDefault.apply(none, false, false);
        assertEquals(null, none.getProperty("opexec"));

        Properties user = new Properties();
        user.setProperty("opexec", "com.example.MyExecutioner");
        assertEquals("system property opexec=com.example.MyExecutioner", GcSafeExecutionerDefault.apply(user, true, false));
        assertEquals("com.example.MyExecutioner", user.getProperty("opexec"));
    }
}
