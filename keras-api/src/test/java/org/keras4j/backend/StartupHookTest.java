package org.keras4j.backend;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.cpu.nativecpu.CpuBackend;
import org.nd4j.linalg.factory.Nd4jBackend;

class StartupHookTest {

    @Test
    void hook_isRegisteredForNd4jsBackendDiscovery_andNeverChosen() {
        StartupHook hook = ServiceLoader.load(Nd4jBackend.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(StartupHook.class::isInstance)
                .map(StartupHook.class::cast)
                .findFirst().orElseThrow(() -> new AssertionError("StartupHook is not a registered Nd4jBackend"));
        assertFalse(hook.isAvailable());
        assertFalse(hook.canRun());
        assertTrue(hook.getPriority() < new CpuBackend().getPriority());
        assertThrows(UnsupportedOperationException.class, hook::getEnvironment);
    }
}
