package org.keras4j.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Training on every fast path survives a garbage collection every 2 ms ({@link GcStressProbe},
 * in a child JVM with a 512 MB heap, so a native crash fails this test instead of ending the
 * test run). Before {@link GcSafeCpuExecutioner}, the same probe ended in SIGSEGV in
 * {@code execBroadcast} within seconds in most runs.
 */
@Tag("stress")
class GcStressTest {
    /** How long the probe trains; {@code -Dkeras4j.stress.seconds} to run it longer. */
    private static final long SECONDS = Long.getLong("keras4j.stress.seconds", 40);

    @Test
    void everyFastPath_survivesCollectionsDuringNativeCalls() throws Exception {
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:ErrorFile=" + Path.of(System.getProperty("java.io.tmpdir"), "keras4j-gc-stress-hs_err_%p.log"),
                "-cp", System.getProperty("java.class.path"), GcStressProbe.class.getName(), Long.toString(SECONDS));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(SECONDS + 120, TimeUnit.SECONDS), "probe did not finish");
        assertEquals(0, p.exitValue(), "probe crashed or failed:\n" + tail(out));
        assertTrue(out.contains("executioner " + GcSafeCpuExecutioner.class.getName()), tail(out));
        assertTrue(out.matches("(?s).*survived [1-9]\\d* rounds.*"), tail(out));
        String jvmPath = out.lines().filter(l -> l.startsWith("jvm path ")).findFirst().orElse("");
        assertTrue(jvmPath.contains("course") && jvmPath.contains("jvm"), "the JVM path takes both small networks:\n"
                + tail(out));
        String fusedAdam = out.lines().filter(l -> l.startsWith("fused adam step ")).findFirst().orElse("");
        assertTrue(fusedAdam.contains("mlp"), "the fused Adam step takes the larger MLP:\n" + tail(out));
        for (String layer : List.of("dense:RowMajorDenseLayer", "mlp:RowMajorOutputLayer", "lstm:ColumnMajorLstm",
                "conv:GemmConvolutionLayer", "convgemm:GemmConvolutionLayer",
                "conv:CopyFreeReluLayer", "stock:SimpleRnn", "stock:BatchNormalization", "gru:KerasRecurrentLayer", "bidi:BidirectionalRecurrentLayer",
                "bidi:KerasBidirectionalLayer", "masked:BidirectionalRecurrentLayer")) {
            assertTrue(out.contains(layer), "probe did not run " + layer + ":\n" + tail(out));
        }
    }

    private static String tail(String out) {
        return out.length() <= 4000 ? out : out.substring(out.length() - 4000);
    }
}
