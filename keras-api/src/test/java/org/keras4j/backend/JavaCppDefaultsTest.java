package org.keras4j.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Properties;
import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

class JavaCppDefaultsTest {

    @Test
    void inThisJvm_javaCppStartedWithoutTheResidentMemoryCheck_andNd4jStillLoadedItsCpuBackend() {
        // the end-to-end check: ND4J's backend discovery ran the hook before JavaCPP read its limits
        Nd4j.create(2, 2);
        assertEquals(0, Pointer.maxPhysicalBytes());
        // by name: the CUDA profile compiles the tests without the CPU backend's classes
        assertEquals("org.nd4j.linalg.cpu.nativecpu.CpuBackend", Nd4j.getBackend().getClass().getName());
        assertTrue(Backend.report().contains("JavaCPP RSS check:  off (keras4j default"), Backend.report());
    }

    @Test
    void apply_unset_turnsTheCheckOff() {
        Properties p = new Properties();
        String why = JavaCppDefaults.apply(p);
        assertEquals("0", p.getProperty(JavaCppDefaults.MAX_PHYSICAL_BYTES));
        assertTrue(why.startsWith("keras4j default"), why);
    }

    @Test
    void apply_userValueInEitherSpelling_isKept() {
        for (String key : new String[] {JavaCppDefaults.MAX_PHYSICAL_BYTES, JavaCppDefaults.MAX_PHYSICAL_BYTES_CAMEL}) {
            Properties p = new Properties();
            p.setProperty(key, "8g");
            String why = JavaCppDefaults.apply(p);
            assertEquals("8g", p.getProperty(key));
            assertEquals(1, p.size(), "nothing else set");
            assertEquals("system property " + key + "=8g", why);
        }
    }

    @Test
    void apply_autoconfigureOff_leavesJavaCppsDefault() {
        Properties p = new Properties();
        p.setProperty(Backend.AUTOCONFIGURE_PROPERTY, "false");
        String why = JavaCppDefaults.apply(p);
        assertEquals(null, p.getProperty(JavaCppDefaults.MAX_PHYSICAL_BYTES));
        assertTrue(why.contains("JavaCPP's default"), why);
    }
}
