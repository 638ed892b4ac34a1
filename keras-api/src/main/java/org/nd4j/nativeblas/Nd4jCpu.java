package org.nd4j.nativeblas;

import java.lang.reflect.Method;

/**
 * Restores the class DL4J 1.0.0-M2.1's oneDNN layer helpers look for, so that they are used.
 *
 * <p>{@code org.deeplearning4j.nn.layers.mkldnn.BaseMKLDNNHelper.mklDnnEnabled()} looks up, by
 * reflection, {@code org.nd4j.nativeblas.Nd4jCpu$Environment.getInstance().isUseMKLDNN()}. ND4J
 * 1.0.0-M2.1 moved that binding to {@code org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu$Environment}
 * and renamed the method {@code isUseONEDNN()}, so the lookup throws, DL4J remembers the failure
 * and silently drops the convolution, pooling, batch-normalization and LRN helpers. This class
 * offers the old name and delegates to the new binding. It is not meant to be called directly:
 *
 * <pre>{@code
 * boolean used = org.nd4j.nativeblas.Nd4jCpu.Environment.getInstance().isUseMKLDNN();
 * }</pre>
 *
 * <p>keras4j owns this file only until DL4J fixes the lookup; {@code org.keras4j.backend.Backend}
 * reports whether the helpers are in use.
 */
public final class Nd4jCpu {
    private Nd4jCpu() {
    }

    /** The slice of libnd4j's {@code sd::Environment} that DL4J's helper check calls. */
    public static final class Environment {
        private static final String BINDING = "org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu$Environment";
        private static final Environment INSTANCE = new Environment();

        private final Object delegate;
        private final Method isUseOneDnn;

        private Environment() {
            Object d = null;
            Method m = null;
            try {
                // the CPU backend is optional at compile time: reach it by name
                Class<?> binding = Class.forName(BINDING, true, Nd4jCpu.class.getClassLoader());
                d = binding.getMethod("getInstance").invoke(null);
                m = binding.getMethod("isUseONEDNN");
            } catch (ReflectiveOperationException | LinkageError e) {
                // not the CPU backend: isUseMKLDNN() answers false, as DL4J expects
            }
            this.delegate = d;
            this.isUseOneDnn = m;
        }

        /** The process-wide instance, as libnd4j's {@code Environment::getInstance()}. */
        public static Environment getInstance() {
            return INSTANCE;
        }

        /** Whether libnd4j runs oneDNN kernels; false when the CPU backend is not loaded. */
        public boolean isUseMKLDNN() {
            if (delegate == null) {
                return false;
            }
            try {
                return (Boolean) isUseOneDnn.invoke(delegate);
            } catch (ReflectiveOperationException e) {
                return false;
            }
        }
    }
}
