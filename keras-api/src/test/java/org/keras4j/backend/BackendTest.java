package org.keras4j.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.nativeblas.NativeOps;
import org.nd4j.nativeblas.NativeOpsHolder;

class BackendTest {
    private static final String[] PROPERTIES = {ThreadPolicy.ND4J_PROPERTY, ThreadPolicy.OMP_PROPERTY,
        ThreadPolicy.BLAS_PROPERTY, Backend.AUTOCONFIGURE_PROPERTY};

    private static NativeOps ops() {
        Nd4j.getBackend();
        return NativeOpsHolder.getInstance().getDeviceNativeOps();
    }

    @AfterEach
    void restoreDefaults() {
        for (String p : PROPERTIES) {
            System.clearProperty(p);
        }
        Backend.reset();
        Backend.configure(); // back to the settings other tests in this JVM expect
    }

    @Test
    void report_describesBackendSimdThreadsBlasOneDnnAndFloatType() {
        String r = Backend.report();
        for (String key : new String[] {"ND4J backend:", "CPU (CpuBackend)", "native build linux-x86_64",
            "SIMD:", "libnd4j threads:", "OpenMP threads:", "BLAS:", "OPENBLAS", "oneDNN:", "DL4J layer helpers:",
            "float type:", "FLOAT", "autoconfigure:"}) {
            assertTrue(r.contains(key), "missing '" + key + "' in\n" + r);
        }
    }

    @Test
    void configure_appliesThreadCountsFromProperties() {
        Backend.reset();
        System.setProperty(ThreadPolicy.BLAS_PROPERTY, "2");
        System.setProperty(ThreadPolicy.OMP_PROPERTY, "2");
        System.setProperty(ThreadPolicy.ND4J_PROPERTY, "1");
        Backend.configure();
        assertEquals(2, Nd4j.factory().blas().getMaxThreads());
        assertEquals(2, ops().ompGetMaxThreads());
        assertEquals(1, Nd4j.getEnvironment().maxMasterThreads());
        String r = Backend.report();
        assertTrue(r.contains("chosen: 2 (system property keras4j.threads.blas)"), r);
    }

    @Test
    void configure_onAnotherThread_setsOpenMpThreadsThere() throws Exception {
        Backend.reset();
        System.setProperty(ThreadPolicy.OMP_PROPERTY, "2");
        Backend.configure();
        AtomicInteger before = new AtomicInteger();
        AtomicInteger after = new AtomicInteger();
        Thread t = new Thread(() -> {
            before.set(ops().ompGetMaxThreads());
            Backend.configure();
            after.set(ops().ompGetMaxThreads());
        });
        t.start();
        t.join();
        assertEquals(2, after.get(), "OpenMP threads after configure() on a new thread (before: " + before.get() + ")");
    }

    @Test
    void configure_isIdempotent() {
        Backend.reset();
        System.setProperty(ThreadPolicy.BLAS_PROPERTY, "2");
        Backend.configure();
        System.setProperty(ThreadPolicy.BLAS_PROPERTY, "1");
        Backend.configure();
        assertEquals(2, Nd4j.factory().blas().getMaxThreads());
        assertEquals(2, Backend.appliedThreads().blas().value());
    }

    @Test
    void autoconfigureFalse_leavesNd4jSettingsAlone() {
        Backend.reset();
        Nd4j.factory().blas().setMaxThreads(2);
        System.setProperty(Backend.AUTOCONFIGURE_PROPERTY, "false");
        System.setProperty(ThreadPolicy.BLAS_PROPERTY, "1");
        Backend.configure();
        assertEquals(2, Nd4j.factory().blas().getMaxThreads());
        assertNull(Backend.appliedThreads());
        assertTrue(Backend.report().contains("off (keras4j.autoconfigure=false)"), Backend.report());
    }

    @Test
    void badAutoconfigureValue_throwsNamingIt() {
        Backend.reset();
        System.setProperty(Backend.AUTOCONFIGURE_PROPERTY, "off");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, Backend::configure);
        assertTrue(e.getMessage().contains("keras4j.autoconfigure") && e.getMessage().contains("'off'"), e.getMessage());
    }

    private static MultiLayerNetwork convNet(boolean helpers) {
        String saved = System.getProperty(OneDnnHelpers.DL4J_DISABLE);
        System.setProperty(OneDnnHelpers.DL4J_DISABLE, String.valueOf(!helpers));
        try {
            MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                    .dataType(DataType.FLOAT).list()
                    .layer(new ConvolutionLayer.Builder(2, 2).nOut(2).activation(Activation.RELU)
                            .dataFormat(CNN2DFormat.NHWC).build())
                    .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nOut(1)
                            .activation(Activation.IDENTITY).build())
                    .setInputType(InputType.convolutional(4, 4, 1, CNN2DFormat.NHWC)).build());
            net.init();
            return net;
        } finally {
            if (saved == null) {
                System.clearProperty(OneDnnHelpers.DL4J_DISABLE);
            } else {
                System.setProperty(OneDnnHelpers.DL4J_DISABLE, saved);
            }
        }
    }

    @Test
    void prepare_replacesOneDnnConvHelper() {
        MultiLayerNetwork net = convNet(true);
        assertEquals(1, Backend.prepare(net));
        assertEquals(ContiguousConvHelper.class, net.getLayer(0).getHelper().getClass());
        assertEquals(0, Backend.prepare(net), "already replaced");
    }

    @Test
    void prepare_withoutHelpers_changesNothing() {
        MultiLayerNetwork net = convNet(false);
        assertEquals(0, Backend.prepare(net));
        assertNull(net.getLayer(0).getHelper());
    }

    @Test
    void prepare_null_throws() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Backend.prepare(null));
        assertTrue(e.getMessage().contains("MultiLayerNetwork or ComputationGraph"), e.getMessage());
    }
}
