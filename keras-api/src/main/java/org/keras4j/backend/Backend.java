package org.keras4j.backend;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.Pointer;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.layers.wrapper.BaseWrapperLayer;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNConvHelper;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.blas.Blas;
import org.nd4j.linalg.factory.Environment;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOps;
import org.nd4j.nativeblas.NativeOpsHolder;
import org.nd4j.nativeblas.Nd4jCpu;

/**
 * What ND4J runs on, and the fastest safe settings for it, chosen by keras4j so that users do not
 * have to learn DL4J's performance folklore.
 *
 * <p>{@link #configure()} runs once, when the first model is compiled, before DL4J builds a
 * network. On the CPU backend it
 * <ul>
 *   <li>sizes ND4J's thread pools so they do not oversubscribe the cores: libnd4j's pool gets
 *       half the cores, OpenMP all of them when its idle threads sleep (else half), BLAS all
 *       of them (overrides:
 *       {@code -Dkeras4j.threads.nd4j=N}, {@code -Dkeras4j.threads.omp=N},
 *       {@code -Dkeras4j.threads.blas=N}; an {@code OMP_NUM_THREADS} / {@code OPENBLAS_NUM_THREADS}
 *       / {@code MKL_NUM_THREADS} environment variable is kept);</li>
 *   <li>turns on DL4J's oneDNN layer helpers for convolution, pooling and batch normalization
 *       (override: {@code -Dkeras4j.onednn.helpers=false}, or DL4J's own
 *       {@code -Dorg.eclipse.deeplearning4j.helpers.disable}).</li>
 * </ul>
 * Small dense networks train on the JVM instead of through ND4J's native operations, whose
 * dispatch costs more than their arithmetic ({@link JvmPath}; override:
 * {@code -Dkeras4j.jvm.maxMultiplyAdds=N}, 0 for off). keras4j's own layer and updater
 * implementations can all be switched off at once ({@link FastPaths}: {@code -Dkeras4j.fastPaths=false}).
 * JavaCPP's resident-memory check on every native allocation is turned off, and OpenMP's and
 * OpenBLAS's idle threads are made to sleep instead of spin, earlier, when ND4J starts
 * ({@link StartupHook}).
 * libnd4j's start-up maximum ({@code OMP_NUM_THREADS}, else the core count) still bounds some
 * of its loops and cannot be lowered after start; set that variable to cap them too.
 * {@link #prepare} fixes DL4J's oneDNN convolution helper in each new network.
 * On the CUDA backend it first checks that a GPU ND4J's kernels support (compute capability 3.7
 * to 8.6) is present. {@code -Dkeras4j.autoconfigure=false} leaves ND4J's defaults untouched.
 * {@link #report()} prints what actually loaded and what was chosen.
 *
 * <pre>{@code
 * Backend.configure();                 // optional: compile() calls it
 * Backend.prepare(network);            // after network.init(), before training
 * System.out.println(Backend.report());
 * }</pre>
 */
public final class Backend {
    /** {@code false} disables {@link #configure()}. */
    public static final String AUTOCONFIGURE_PROPERTY = "keras4j.autoconfigure";

    private static final String CPU_BACKEND = "org.nd4j.linalg.cpu.nativecpu.CpuBackend";
    private static final String CUDA_BACKEND = "org.nd4j.linalg.jcublas.JCublasBackend";

    /** What configure() chose; null until it ran. */
    private static volatile Applied applied;
    /** OpenMP's thread count is a per-thread setting in libgomp: set it on each calling thread. */
    private static final ThreadLocal<Boolean> OMP_SET = ThreadLocal.withInitial(() -> Boolean.FALSE);

    private Backend() {
    }

    private record Applied(boolean enabled, boolean cpu, ThreadPolicy.Settings threads, String helpers,
                           String reason) {
    }

    /**
     * Applies the fastest safe ND4J / DL4J settings. Idempotent: the process-wide settings are
     * applied once; later calls only set OpenMP's thread count on a new calling thread.
     *
     * @throws IllegalStateException on the CUDA backend, if no CUDA device is present or none
     *     has a compute capability from 3.7 to 8.6
     * @throws IllegalArgumentException if a {@code keras4j.*} backend property has a bad value
     */
    public static void configure() {
        Applied a = applied;
        if (a == null) {
            synchronized (Backend.class) {
                a = applied;
                if (a == null) {
                    a = apply();
                    applied = a;
                }
            }
        }
        if (a.enabled() && a.cpu() && !OMP_SET.get()) {
            nativeOps().setOmpNumThreads(a.threads().omp().value());
            OMP_SET.set(Boolean.TRUE);
        }
    }

    /**
     * Whether {@code props} turn keras4j's autoconfiguration off. Lenient, for the start-up hook
     * and the report, which must not throw: {@link #configure()} rejects a value other than true
     * or false.
     */
    static boolean autoconfigureOff(Properties props) {
        return "false".equalsIgnoreCase(props.getProperty(AUTOCONFIGURE_PROPERTY));
    }

    /** Forgets what configure() applied on this thread and process-wide, so tests can apply it again. */
    static synchronized void reset() {
        applied = null;
        OMP_SET.remove();
    }

    /** The thread counts configure() applied, or null if it has not run or applied none. */
    static ThreadPolicy.Settings appliedThreads() {
        Applied a = applied;
        return a == null ? null : a.threads();
    }

    private static Applied apply() {
        String auto = System.getProperty(AUTOCONFIGURE_PROPERTY, "true");
        if (!auto.equalsIgnoreCase("true") && !auto.equalsIgnoreCase("false")) {
            throw new IllegalArgumentException(
                    "System property " + AUTOCONFIGURE_PROPERTY + " must be true or false, got '" + auto + "'");
        }
        if (!Boolean.parseBoolean(auto)) {
            return new Applied(false, false, null, null, AUTOCONFIGURE_PROPERTY + "=false");
        }
        if (cudaOnly()) {
            // before ND4J starts: its CUDA kernels must not be launched on a GPU they were not built for
            CudaDevices.requireUsable(CudaDevices.probe());
        }
        // the same switch enables cuDNN helpers on CUDA; it must be set before layers are created
        String helpers = OneDnnHelpers.enable(System.getProperties());
        boolean cpu = isCpu();
        if (!cpu) {
            return new Applied(true, false, null, helpers, "CUDA backend");
        }
        ThreadPolicy.Settings t = ThreadPolicy.choose(cores(), System::getProperty, System.getenv(),
                OpenMpWaitPolicy.passive());
        Nd4j.getEnvironment().setMaxMasterThreads(t.nd4j().value());
        Nd4j.factory().blas().setMaxThreads(t.blas().value());
        return new Applied(true, true, t, helpers, "CPU backend");
    }

    /**
     * Applies keras4j's fixes to a DL4J network right after {@code init()}: each oneDNN
     * convolution helper is replaced by one that passes row-major arrays to libnd4j, because
     * DL4J 1.0.0-M2.1's own helper computes wrong gradients for NHWC convolutions with ReLU otherwise (see
     * {@code ContiguousConvHelper}). Layers without a oneDNN helper are left alone.
     *
     * @param network an initialized {@code MultiLayerNetwork} or {@code ComputationGraph}
     * @return the number of helpers replaced
     * @throws IllegalArgumentException if {@code network} is neither
     */
    public static int prepare(Model network) {
        Layer[] layers;
        if (network instanceof MultiLayerNetwork m) {
            layers = m.getLayers();
        } else if (network instanceof ComputationGraph g) {
            layers = g.getLayers();
        } else {
            throw new IllegalArgumentException("network must be a MultiLayerNetwork or ComputationGraph, got "
                    + (network == null ? "null" : network.getClass().getName()));
        }
        int replaced = 0;
        for (Layer l : layers == null ? new Layer[0] : layers) {
            while (l instanceof BaseWrapperLayer w) {
                l = w.getUnderlying(); // e.g. FrozenLayer in transfer learning
            }
            if (l instanceof ConvolutionLayer conv
                    && conv.getHelper() != null
                    && conv.getHelper().getClass() == MKLDNNConvHelper.class) {
                setConvHelper(conv, new ContiguousConvHelper(conv.getParam("W").dataType()));
                replaced++;
            }
        }
        return replaced;
    }

    private static void setConvHelper(ConvolutionLayer conv, ContiguousConvHelper helper) {
        try {
            Field f = ConvolutionLayer.class.getDeclaredField("helper");
            f.setAccessible(true);
            f.set(conv, helper);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot install keras4j's convolution helper in this DL4J version", e);
        }
    }

    /**
     * A multi-line description of the running backend: ND4J backend and native build, devices,
     * SIMD level and CPU features, thread pools, BLAS, oneDNN and DL4J's layer helpers, float
     * type, and what {@link #configure()} chose and why. Initializes ND4J.
     *
     * @throws IllegalStateException on the CUDA backend, if no usable CUDA device is present
     */
    public static String report() {
        if (cudaOnly()) {
            CudaDevices.requireUsable(CudaDevices.probe()); // rather than ND4J failing to start
        }
        StringBuilder out = new StringBuilder("keras4j backend\n");
        boolean cpu = isCpu();
        Map<?, ?> info = Nd4j.getExecutioner().getEnvironmentInformation();
        line(out, "ND4J backend", (cpu ? "CPU" : "CUDA") + " (" + Nd4j.getBackend().getClass().getSimpleName()
                + "), native build " + nativeBuild());
        NativeOps ops = nativeOps();
        if (cpu) {
            line(out, "device", cpuModel() + ", " + Runtime.getRuntime().availableProcessors() + " cores");
            line(out, "SIMD", "binary built for " + level(ops.binaryLevel()) + ", CPU supports "
                    + level(ops.optimalLevel()) + " (features: " + String.join(" ", cpuFeatures()) + ")");
        } else {
            int n = ops.getAvailableDevices();
            List<String> devices = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                devices.add("GPU " + i + " " + ops.getDeviceName(i) + " (compute capability "
                        + ops.getDeviceMajor(i) + "." + ops.getDeviceMinor(i) + ", "
                        + ops.getDeviceTotalMemory(i) / (1L << 20) + " MiB)");
            }
            line(out, "devices", devices.isEmpty() ? "none" : String.join("; ", devices));
        }
        Applied a = applied;
        Environment env = Nd4j.getEnvironment();
        Blas blas = Nd4j.factory().blas();
        if (cpu) {
            line(out, "libnd4j threads", env.maxMasterThreads() + " of max " + env.maxThreads()
                    + chosen(a, a == null || a.threads() == null ? null : a.threads().nd4j()));
            line(out, "OpenMP threads", ops.ompGetMaxThreads() + " (this thread)"
                    + chosen(a, a == null || a.threads() == null ? null : a.threads().omp()));
            line(out, "OpenMP waiting", (OpenMpWaitPolicy.passive() ? "idle threads sleep" : "idle threads spin")
                    + " (" + OpenMpWaitPolicy.current().reason() + ")");
        }
        line(out, "BLAS", blas.getBlasVendor() + ", " + (cpu ? blas.getMaxThreads() + " threads" : "on device")
                + (cpu ? chosen(a, a == null || a.threads() == null ? null : a.threads().blas()) : ""));
        if (cpu) {
            line(out, "BLAS waiting", OpenBlasThreadTimeout.current().reason());
            boolean built = Nd4j.getBackend().buildInfo().contains("HAVE_ONEDNN");
            line(out, "oneDNN", built
                    ? "available, " + (Nd4jCpu.Environment.getInstance().isUseMKLDNN() ? "used" : "not used") + " by libnd4j"
                    : "not in this native build (use the nd4j-native linux-x86_64-onednn classifier)");
        }
        boolean helpersOn = cpu ? OneDnnHelpers.active()
                : "false".equalsIgnoreCase(System.getProperty(OneDnnHelpers.DL4J_DISABLE));
        String why = a != null && a.helpers() != null ? a.helpers()
                : OneDnnHelpers.DL4J_DISABLE + "=" + System.getProperty(OneDnnHelpers.DL4J_DISABLE, "unset, DL4J default true");
        line(out, "DL4J layer helpers", (helpersOn ? (cpu ? "oneDNN" : "cuDNN") + " on" : "off") + " (" + why + ")");
        if (cpu) {
            line(out, "native calls", GcSafeExecutionerDefault.describe());
        }
        line(out, "float type", Nd4j.defaultFloatingPointType().toString());
        line(out, "small networks", JvmPath.describe());
        line(out, "fast paths", FastPaths.describe());
        line(out, "memory", "JVM heap max " + mib(Runtime.getRuntime().maxMemory()) + ", off-heap limit "
                + mib(Pointer.maxBytes()) + ", physical limit "
                + (Pointer.maxPhysicalBytes() == 0 ? "none" : mib(Pointer.maxPhysicalBytes()))
                + ", reported free " + mib(toLong(info.get("memory.free"))));
        line(out, "native memory", NativeMemoryGuard.shared().describe());
        line(out, "JavaCPP RSS check", JavaCppDefaults.describe());
        line(out, "autoconfigure", a == null ? (autoconfigureOff(System.getProperties())
                ? "off (" + AUTOCONFIGURE_PROPERTY + "=false): ND4J's defaults"
                : "not run yet (runs when a model is compiled)")
                : a.enabled() ? "applied for the " + a.reason() : "off (" + a.reason() + "): ND4J's defaults");
        return out.toString();
    }

    private static String chosen(Applied a, ThreadPolicy.Choice c) {
        return c == null ? (a != null && !a.enabled() ? ", ND4J default" : "") : ", chosen: " + c;
    }

    private static void line(StringBuilder out, String key, String value) {
        out.append(String.format(Locale.ROOT, "  %-19s %s%n", key + ":", value));
    }

    /** Whether ND4J runs on its CPU backend (nd4j-native), whose OpenBLAS and legacy operations keras4j calls. */
    public static boolean isCpu() {
        return CpuBackend.IS_CPU;
    }

    /** The answer, read once: a JVM keeps the backend ND4J loaded. */
    private static final class CpuBackend {
        static final boolean IS_CPU = "CPU".equalsIgnoreCase(String.valueOf(
                Nd4j.getExecutioner().getEnvironmentInformation().get("backend")));
    }

    private static NativeOps nativeOps() {
        Nd4j.getBackend(); // NativeOpsHolder needs the backend's properties loaded first
        return NativeOpsHolder.getInstance().getDeviceNativeOps();
    }

    private static boolean cudaOnly() {
        return present(CUDA_BACKEND) && !present(CPU_BACKEND);
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, Backend.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private static int cores() {
        return Runtime.getRuntime().availableProcessors();
    }

    /** The JavaCPP platform directory ND4J's JNI library was loaded from, e.g. linux-x86_64-onednn. */
    private static String nativeBuild() {
        for (Map.Entry<String, String> e : Loader.getLoadedLibraries().entrySet()) {
            if (e.getKey().contains("jnind4j") && e.getValue() != null) {
                Path parent = Paths.get(e.getValue()).getParent();
                if (parent != null && parent.getFileName() != null) {
                    return parent.getFileName().toString();
                }
            }
        }
        return Loader.getPlatform();
    }

    private static String level(int level) {
        // libnd4j's levels, as ND4J's CpuNDArrayFactory names them
        return switch (level) {
            case 3 -> "AVX-512";
            case 2 -> "AVX/AVX2";
            default -> "generic x86-64";
        };
    }

    private static String cpuModel() {
        for (String l : cpuinfo()) {
            if (l.startsWith("model name")) {
                return l.substring(l.indexOf(':') + 1).trim();
            }
        }
        return System.getProperty("os.arch");
    }

    private static Set<String> cpuFeatures() {
        Set<String> wanted = Set.of("sse4_2", "avx", "avx2", "fma", "f16c", "avx512f", "avx512bw", "avx512vl",
                "avx512_vnni", "avx512_bf16", "amx_tile");
        Set<String> found = new LinkedHashSet<>();
        for (String l : cpuinfo()) {
            if (l.startsWith("flags")) {
                for (String f : l.substring(l.indexOf(':') + 1).trim().split("\\s+")) {
                    if (wanted.contains(f)) {
                        found.add(f);
                    }
                }
                break;
            }
        }
        if (found.isEmpty()) {
            found.add("unknown");
        }
        return found;
    }

    private static List<String> cpuinfo() {
        try {
            return Files.readAllLines(Paths.get("/proc/cpuinfo"));
        } catch (IOException | RuntimeException e) {
            return List.of(); // not Linux: the report says "unknown"
        }
    }

    private static long toLong(Object o) {
        return o instanceof Number n ? n.longValue() : -1;
    }

    private static String mib(long bytes) {
        return bytes < 0 ? "unknown" : String.format(Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30));
    }
}
