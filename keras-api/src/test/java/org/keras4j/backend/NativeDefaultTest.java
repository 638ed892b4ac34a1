package org.keras4j.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class NativeDefaultTest {
    private static final NativeDefault WAIT = new NativeDefault("OpenMP", "libgomp", "OMP_WAIT_POLICY", "passive",
            List.of("GOMP_SPINCOUNT"));

    private final Map<String, String> set = new HashMap<>();
    private final NativeDefault.EnvironmentSetter recorder = set::put;

    @Test
    void apply_nothingChosen_setsTheVariableBeforeTheLibraryLoads() {
        NativeDefault.Outcome o = WAIT.apply(new Properties(), Map.of(), marker -> false, recorder);
        assertEquals(Map.of("OMP_WAIT_POLICY", "passive"), set);
        assertEquals("OMP_WAIT_POLICY", o.variable());
        assertEquals("passive", o.value());
        assertEquals("keras4j default: OMP_WAIT_POLICY=passive, set before OpenMP started", o.reason());
    }

    @Test
    void apply_userSetTheVariable_orAnotherSpelling_isKept() {
        NativeDefault.Outcome own = WAIT.apply(new Properties(), Map.of("OMP_WAIT_POLICY", " ACTIVE"), m -> false,
                recorder);
        assertEquals(new NativeDefault.Outcome("OMP_WAIT_POLICY", "ACTIVE", "environment OMP_WAIT_POLICY= ACTIVE"),
                own);
        NativeDefault.Outcome other = WAIT.apply(new Properties(), Map.of("GOMP_SPINCOUNT", "1000"), m -> false,
                recorder);
        assertEquals("GOMP_SPINCOUNT", other.variable());
        assertEquals("1000", other.value());
        assertEquals(Map.of(), set, "nothing set");
    }

    @Test
    void apply_blankUserValue_countsAsUnset() {
        WAIT.apply(new Properties(), Map.of("OMP_WAIT_POLICY", " "), m -> false, recorder);
        assertEquals(Map.of("OMP_WAIT_POLICY", "passive"), set);
    }

    @Test
    void apply_autoconfigureOff_leavesTheLibrarysDefault() {
        Properties p = new Properties();
        p.setProperty(Backend.AUTOCONFIGURE_PROPERTY, "false");
        NativeDefault.Outcome o = WAIT.apply(p, Map.of(), m -> false, recorder);
        assertNull(o.variable());
        assertEquals("keras4j.autoconfigure=false: OpenMP's default", o.reason());
        assertEquals(Map.of(), set, "nothing set");
    }

    @Test
    void apply_libraryAlreadyLoaded_setsNothing_becauseItWouldNotBeRead() {
        NativeDefault.Outcome o = WAIT.apply(new Properties(), Map.of(), "libgomp"::equals, recorder);
        assertNull(o.variable());
        assertTrue(o.reason().startsWith("OpenMP was loaded before keras4j's start-up hook ran"), o.reason());
        assertEquals(Map.of(), set, "nothing set");
    }

    @Test
    void apply_setenvFails_saysWhy() {
        NativeDefault.Outcome o = WAIT.apply(new Properties(), Map.of(), m -> false, (k, v) -> {
            throw new UnsatisfiedLinkError("no setenv here");
        });
        assertNull(o.variable());
        assertTrue(o.reason().contains("could not set OMP_WAIT_POLICY") && o.reason().contains("no setenv here"),
                o.reason());
    }

    @Test
    void loaded_seesTheLibrariesOfThisProcess() {
        assertTrue(NativeDefault.loaded("libjvm"), "the JVM's own library is mapped");
        assertEquals(false, NativeDefault.loaded("libkeras4j-no-such-library"));
    }
}
