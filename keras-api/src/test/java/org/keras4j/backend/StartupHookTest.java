package org.keras4j.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.factory.Nd4jBackend;

/** The hook's registration, and the settings it applies as the native libraries see them. */
class StartupHookTest {
    /** libgomp prints its settings at start with OMP_DISPLAY_ENV=verbose; passive means no spinning. */
    private static final String NO_SPINNING = "GOMP_SPINCOUNT = '0'";

    @Test
    void hook_isRegisteredForNd4jsBackendDiscovery_andNeverChosen() {
        StartupHook hook = ServiceLoader.load(Nd4jBackend.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(StartupHook.class::isInstance)
                .map(StartupHook.class::cast)
                .findFirst().orElseThrow(() -> new AssertionError("StartupHook is not a registered Nd4jBackend"));
        assertFalse(hook.isAvailable());
        assertFalse(hook.canRun());
        assertTrue(hook.getPriority() < Nd4j.getBackend().getPriority(), "below the backend ND4J loaded");
        assertThrows(UnsupportedOperationException.class, hook::getEnvironment);
    }

    @Test
    void inThisJvm_theHookMadeIdleThreadsSleep_andTheReportSaysSo() {
        assumeTrue(System.getenv("OMP_WAIT_POLICY") == null && System.getenv("GOMP_SPINCOUNT") == null
                && System.getenv("OPENBLAS_THREAD_TIMEOUT") == null, "the user chose the policies for this JVM");
        Nd4j.create(2, 2);
        assertTrue(OpenMpWaitPolicy.passive(), OpenMpWaitPolicy.current().reason());
        String report = Backend.report();
        assertTrue(report.matches("(?s).*OpenMP waiting: +idle threads sleep \\(keras4j default.*"), report);
        assertTrue(report.matches("(?s).*BLAS waiting: +keras4j default: OPENBLAS_THREAD_TIMEOUT=21.*"), report);
    }

    @Test
    void nativeLibraries_readWhatTheHookSet() throws Exception {
        String out = startNd4jInChildJvm(Map.of());
        assertTrue(out.contains(NO_SPINNING), out);
        assertTrue(out.contains("openmp: passive=true"), out);
        assertTrue(out.contains("openblas: C environment OPENBLAS_THREAD_TIMEOUT=21 Outcome[variable="
                + "OPENBLAS_THREAD_TIMEOUT, value=21, reason=keras4j default"), out);
    }

    @Test
    void nativeLibraries_keepTheirDefaults_whenAutoconfigureIsOff() throws Exception {
        String out = startNd4jInChildJvm(Map.of(), "-D" + Backend.AUTOCONFIGURE_PROPERTY + "=false");
        assertTrue(out.contains("GOMP_SPINCOUNT = '") && !out.contains(NO_SPINNING), out);
        assertTrue(out.contains("openmp: passive=false"), out);
        assertTrue(out.contains("openblas: C environment OPENBLAS_THREAD_TIMEOUT=unset"), out);
    }

    @Test
    void nativeLibraries_keepTheUsersChoice() throws Exception {
        String out = startNd4jInChildJvm(Map.of("OMP_WAIT_POLICY", "active", "OPENBLAS_THREAD_TIMEOUT", "8"));
        assertTrue(out.contains("OMP_WAIT_POLICY = 'ACTIVE'"), out);
        assertTrue(out.contains("openmp: passive=false Outcome[variable=OMP_WAIT_POLICY, value=active, "
                + "reason=environment OMP_WAIT_POLICY=active]"), out);
        assertTrue(out.contains("openblas: C environment OPENBLAS_THREAD_TIMEOUT=8 "), out);
    }

    /** Runs {@link NativeStartProbe} with libgomp printing its settings; returns stdout and stderr. */
    private static String startNd4jInChildJvm(Map<String, String> env, String... jvmArgs)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(List.of(jvmArgs));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), NativeStartProbe.class.getName()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        for (String v : List.of("OMP_WAIT_POLICY", "GOMP_SPINCOUNT", "OPENBLAS_THREAD_TIMEOUT")) {
            pb.environment().remove(v);
        }
        pb.environment().put("OMP_DISPLAY_ENV", "verbose");
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "child JVM did not finish");
        assertEquals(0, p.exitValue(), out);
        return out;
    }
}
