package org.keras4j.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

class OpenMpWaitPolicyTest {
    /** libgomp prints its settings at start with OMP_DISPLAY_ENV=verbose; passive means no spinning. */
    private static final String NO_SPINNING = "GOMP_SPINCOUNT = '0'";

    private final Map<String, String> set = new HashMap<>();
    private final OpenMpWaitPolicy.EnvironmentSetter recorder = set::put;

    @Test
    void apply_nothingChosen_setsPassiveBeforeOpenMpStarts() {
        OpenMpWaitPolicy.State s = OpenMpWaitPolicy.apply(new Properties(), Map.of(), () -> false, recorder);
        assertEquals(Map.of("OMP_WAIT_POLICY", "passive"), set);
        assertTrue(s.passive());
        assertTrue(s.reason().startsWith("keras4j default"), s.reason());
    }

    @Test
    void apply_userWaitPolicy_isKept() {
        OpenMpWaitPolicy.State active = OpenMpWaitPolicy.apply(new Properties(), Map.of("OMP_WAIT_POLICY", "ACTIVE"),
                () -> false, recorder);
        assertFalse(active.passive());
        assertEquals("environment OMP_WAIT_POLICY=ACTIVE", active.reason());
        assertTrue(OpenMpWaitPolicy.apply(new Properties(), Map.of("OMP_WAIT_POLICY", "Passive"), () -> false,
                recorder).passive());
        assertEquals(Map.of(), set, "nothing set");
    }

    @Test
    void apply_userSpinCount_isKept_andZeroMeansIdleThreadsSleep() {
        assertTrue(OpenMpWaitPolicy.apply(new Properties(), Map.of("GOMP_SPINCOUNT", "0"), () -> false, recorder)
                .passive());
        OpenMpWaitPolicy.State spin = OpenMpWaitPolicy.apply(new Properties(), Map.of("GOMP_SPINCOUNT", "10000"),
                () -> false, recorder);
        assertFalse(spin.passive());
        assertEquals("environment GOMP_SPINCOUNT=10000", spin.reason());
        assertEquals(Map.of(), set, "nothing set");
    }

    @Test
    void apply_autoconfigureOff_leavesOpenMpsDefault() {
        Properties p = new Properties();
        p.setProperty(Backend.AUTOCONFIGURE_PROPERTY, "false");
        OpenMpWaitPolicy.State s = OpenMpWaitPolicy.apply(p, Map.of(), () -> false, recorder);
        assertFalse(s.passive());
        assertTrue(s.reason().contains("keras4j.autoconfigure=false"), s.reason());
        assertEquals(Map.of(), set, "nothing set");
    }

    @Test
    void apply_openMpAlreadyLoaded_setsNothing_becauseItWouldNotBeRead() {
        OpenMpWaitPolicy.State s = OpenMpWaitPolicy.apply(new Properties(), Map.of(), () -> true, recorder);
        assertFalse(s.passive());
        assertTrue(s.reason().contains("loaded before"), s.reason());
        assertEquals(Map.of(), set, "nothing set");
    }

    @Test
    void apply_setenvFails_saysWhy_andReportsSpinning() {
        OpenMpWaitPolicy.State s = OpenMpWaitPolicy.apply(new Properties(), Map.of(), () -> false, (k, v) -> {
            throw new UnsatisfiedLinkError("no setenv here");
        });
        assertFalse(s.passive());
        assertTrue(s.reason().contains("could not set OMP_WAIT_POLICY") && s.reason().contains("no setenv here"),
                s.reason());
    }

    @Test
    void inThisJvm_theHookMadeOpenMpsIdleThreadsSleep_andOpenMpGetsAllTheCores() {
        assumeTrue(System.getenv("OMP_WAIT_POLICY") == null && System.getenv("GOMP_SPINCOUNT") == null,
                "the user chose OpenMP's wait policy for this JVM");
        Nd4j.create(2, 2);
        assertTrue(OpenMpWaitPolicy.current().passive(), OpenMpWaitPolicy.current().reason());
        String report = Backend.report();
        assertTrue(report.matches("(?s).*OpenMP waiting: +idle threads sleep \\(keras4j default.*"), report);
    }

    @Test
    void libgomp_readsThePolicy_thatTheHookSet() throws Exception {
        String out = startNd4jInChildJvm(Map.of());
        assertTrue(out.contains(NO_SPINNING), out);
        assertTrue(out.contains("policy: State[passive=true"), out);
    }

    @Test
    void libgomp_keepsItsDefault_whenAutoconfigureIsOff_orTheUserChose() throws Exception {
        String off = startNd4jInChildJvm(Map.of(), "-D" + Backend.AUTOCONFIGURE_PROPERTY + "=false");
        assertTrue(off.contains("GOMP_SPINCOUNT = '") && !off.contains(NO_SPINNING), off);
        String active = startNd4jInChildJvm(Map.of("OMP_WAIT_POLICY", "active"));
        assertTrue(active.contains("OMP_WAIT_POLICY = 'ACTIVE'"), active);
        assertTrue(active.contains("policy: State[passive=false, reason=environment OMP_WAIT_POLICY=active]"), active);
    }

    /** Runs {@link OpenMpStartProbe} with libgomp printing its settings; returns stdout and stderr. */
    private static String startNd4jInChildJvm(Map<String, String> env, String... jvmArgs)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(List.of(jvmArgs));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), OpenMpStartProbe.class.getName()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().remove("OMP_WAIT_POLICY");
        pb.environment().remove("GOMP_SPINCOUNT");
        pb.environment().put("OMP_DISPLAY_ENV", "verbose");
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "child JVM did not finish");
        assertEquals(0, p.exitValue(), out);
        return out;
    }
}
