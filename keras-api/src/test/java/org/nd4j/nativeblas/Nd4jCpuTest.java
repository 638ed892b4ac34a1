package org.nd4j.nativeblas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import org.deeplearning4j.config.DL4JClassLoading;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

class Nd4jCpuTest {

    @Test
    void isUseMKLDNN_equalsLibnd4jsOneDnnFlag() throws Exception {
        Nd4j.getBackend();
        Class<?> binding = Class.forName("org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu$Environment");
        Object real = binding.getMethod("getInstance").invoke(null);
        boolean expected = (Boolean) binding.getMethod("isUseONEDNN").invoke(real);
        assertEquals(expected, Nd4jCpu.Environment.getInstance().isUseMKLDNN());
    }

    @Test
    void dl4jReflectiveLookup_findsTheMethodItExpects() throws Exception {
        // the exact lookup of DL4J 1.0.0-M2.1's BaseMKLDNNHelper.mklDnnEnabled()
        Class<?> clazz = DL4JClassLoading.loadClassByName("org.nd4j.nativeblas.Nd4jCpu$Environment");
        Method getInstance = clazz.getMethod("getInstance");
        Object instance = getInstance.invoke(null);
        Method isUseMKLDNN = clazz.getMethod("isUseMKLDNN");
        assertTrue((Boolean) isUseMKLDNN.invoke(instance), "the onednn native build is on the test classpath");
    }
}
