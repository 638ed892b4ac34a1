package org.keras4j.backend;

import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Child-JVM entry point for {@link StartupHookTest}: starts ND4J (which loads libgomp and
 * OpenBLAS), then prints what keras4j chose and the C environment's OpenBLAS timeout.
 */
final class NativeStartProbe {
    private NativeStartProbe() {
    }

    public static void main(String[] args) {
        Nd4j.create(2, 2).mmul(Nd4j.create(2, 2));
        System.out.println("openmp: passive=" + OpenMpWaitPolicy.passive() + " " + OpenMpWaitPolicy.current());
        Pointer timeout = (Pointer) NativeLibrary.getProcess().getFunction("getenv")
                .invoke(Pointer.class, new Object[] {"OPENBLAS_THREAD_TIMEOUT"});
        System.out.println("openblas: C environment OPENBLAS_THREAD_TIMEOUT="
                + (timeout == null ? "unset" : timeout.getString(0)) + " " + OpenBlasThreadTimeout.current());
    }
}
