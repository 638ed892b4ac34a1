package org.keras4j.backend;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CudaDevicesTest {

    private static CudaDevices.Device gpu(int index, int major, int minor) {
        return new CudaDevices.Device(index, major, minor);
    }

    @Test
    void keplerToAmpere_isUsable() {
        assertDoesNotThrow(() -> CudaDevices.requireUsable(List.of(gpu(0, 3, 7))));
        assertDoesNotThrow(() -> CudaDevices.requireUsable(List.of(gpu(0, 7, 5), gpu(1, 8, 6))));
    }

    @Test
    void noDevice_throwsNoCudaDeviceFound() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> CudaDevices.requireUsable(List.of()));
        assertTrue(e.getMessage().startsWith("No CUDA device found"), e.getMessage());
        assertTrue(e.getMessage().contains("3.7 to 8.6"), e.getMessage());
    }

    @Test
    void adaGpu_throwsNamingItsCapabilityAndTheSupportedRange() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> CudaDevices.requireUsable(List.of(gpu(0, 8, 9))));
        assertTrue(e.getMessage().startsWith("No usable CUDA device"), e.getMessage());
        assertTrue(e.getMessage().contains("GPU 0 (compute capability 8.9)"), e.getMessage());
        assertTrue(e.getMessage().contains("3.7 to 8.6"), e.getMessage());
    }

    @Test
    void olderThanKepler_throws() {
        assertThrows(IllegalStateException.class, () -> CudaDevices.requireUsable(List.of(gpu(0, 3, 5))));
    }

    @Test
    void mixedDevices_throwsSuggestingVisibleDevices() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> CudaDevices.requireUsable(List.of(gpu(0, 9, 0), gpu(1, 8, 0))));
        assertTrue(e.getMessage().contains("GPU 0 (compute capability 9.0)"), e.getMessage());
        assertTrue(e.getMessage().contains("CUDA_VISIBLE_DEVICES=1"), e.getMessage());
    }

    @Test
    void probe_withoutCudaRuntime_throwsNoCudaDeviceFound() {
        // the CPU test classpath has no org.bytedeco.cuda: exactly the "no CUDA" situation
        IllegalStateException e = assertThrows(IllegalStateException.class, CudaDevices::probe);
        assertTrue(e.getMessage().startsWith("No CUDA device found"), e.getMessage());
    }
}
