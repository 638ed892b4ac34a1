package org.keras4j.backend;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Finds the CUDA devices and checks that ND4J 1.0.0-M2.1's CUDA backend can run on them, before
 * ND4J touches the GPU.
 *
 * <p>{@code nd4j-cuda-11.6} ships kernels for compute capabilities 3.7 to 8.6 (Kepler to Ampere)
 * and no PTX, so on a newer GPU its kernels fail at launch, and with no GPU it cannot start. The
 * probe calls the CUDA runtime through JavaCPP's {@code org.bytedeco.cuda.global.cudart}, which
 * the CUDA backend brings (reached by name: library modules never depend on a backend).
 *
 * <pre>{@code
 * CudaDevices.requireUsable(CudaDevices.probe());   // throws IllegalStateException if none fits
 * }</pre>
 */
final class CudaDevices {
    /** The oldest compute capability ND4J 1.0.0-M2.1's CUDA kernels are built for, times ten. */
    static final int MIN_CAPABILITY = 37;
    /** The newest one, times ten. */
    static final int MAX_CAPABILITY = 86;

    private static final String CUDART = "org.bytedeco.cuda.global.cudart";
    private static final int ATTR_CC_MAJOR = 75; // cudaDevAttrComputeCapabilityMajor
    private static final int ATTR_CC_MINOR = 76; // cudaDevAttrComputeCapabilityMinor

    private CudaDevices() {
    }

    /** One CUDA device and its compute capability. */
    record Device(int index, int major, int minor) {
        boolean supported() {
            int cc = major * 10 + minor;
            return cc >= MIN_CAPABILITY && cc <= MAX_CAPABILITY;
        }

        @Override
        public String toString() {
            return "GPU " + index + " (compute capability " + major + "." + minor + ")";
        }
    }

    /**
     * Lists the visible CUDA devices.
     *
     * @throws IllegalStateException if the CUDA runtime cannot be loaded or reports no device
     */
    static List<Device> probe() {
        try {
            Class<?> cudart = Class.forName(CUDART, true, CudaDevices.class.getClassLoader());
            Method count = cudart.getMethod("cudaGetDeviceCount", int[].class);
            Method attribute = cudart.getMethod("cudaDeviceGetAttribute", int[].class, int.class, int.class);
            int[] n = new int[1];
            int err = (Integer) count.invoke(null, (Object) n);
            if (err != 0 || n[0] <= 0) {
                throw new IllegalStateException(noDevice("the CUDA runtime reports "
                        + (err != 0 ? "error " + err + " (no driver or no GPU)" : "0 devices")));
            }
            List<Device> devices = new ArrayList<>();
            for (int i = 0; i < n[0]; i++) {
                int[] major = new int[1];
                int[] minor = new int[1];
                attribute.invoke(null, major, ATTR_CC_MAJOR, i);
                attribute.invoke(null, minor, ATTR_CC_MINOR, i);
                devices.add(new Device(i, major[0], minor[0]));
            }
            return devices;
        } catch (IllegalStateException e) {
            throw e;
        } catch (Throwable t) {
            // UnsatisfiedLinkError / ExceptionInInitializerError: no CUDA 11.6 runtime or driver
            Throwable root = t;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            throw new IllegalStateException(noDevice("the CUDA runtime could not be loaded: " + root), t);
        }
    }

    /**
     * Checks that every visible device is one ND4J's CUDA kernels support.
     *
     * @throws IllegalStateException if {@code devices} is empty or holds an unsupported GPU
     */
    static void requireUsable(List<Device> devices) {
        if (devices.isEmpty()) {
            throw new IllegalStateException(noDevice("the CUDA runtime reports 0 devices"));
        }
        List<Device> bad = devices.stream().filter(d -> !d.supported()).collect(Collectors.toList());
        if (bad.isEmpty()) {
            return;
        }
        String list = bad.stream().map(Device::toString).collect(Collectors.joining(", "));
        String supported = "ND4J 1.0.0-M2.1's CUDA backend has kernels for compute capabilities "
                + range() + " only (Kepler to Ampere) and no PTX for newer GPUs";
        if (bad.size() == devices.size()) {
            throw new IllegalStateException("No usable CUDA device: found " + list + "; " + supported
                    + ". Use a supported GPU or build keras4j with -Pcpu.");
        }
        String good = devices.stream().filter(Device::supported).map(d -> String.valueOf(d.index()))
                .collect(Collectors.joining(","));
        throw new IllegalStateException("Unsupported CUDA device: " + list + "; " + supported
                + ". Hide it with CUDA_VISIBLE_DEVICES=" + good + ".");
    }

    static String range() {
        return MIN_CAPABILITY / 10 + "." + MIN_CAPABILITY % 10 + " to " + MAX_CAPABILITY / 10 + "." + MAX_CAPABILITY % 10;
    }

    private static String noDevice(String why) {
        return "No CUDA device found: " + why + ". keras4j was built with the CUDA backend (nd4j-cuda-11.6), "
                + "which needs an NVIDIA GPU with compute capability " + range()
                + " and a CUDA 11.6 driver; build with -Pcpu to run on the CPU.";
    }
}
