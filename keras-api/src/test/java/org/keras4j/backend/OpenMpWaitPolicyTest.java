package org.keras4j.backend;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OpenMpWaitPolicyTest {

    @Test
    void isPassive_passivePolicyOrZeroSpinCount() {
        assertTrue(OpenMpWaitPolicy.isPassive(new NativeDefault.Outcome("OMP_WAIT_POLICY", "PASSIVE", "")));
        assertFalse(OpenMpWaitPolicy.isPassive(new NativeDefault.Outcome("OMP_WAIT_POLICY", "active", "")));
        assertTrue(OpenMpWaitPolicy.isPassive(new NativeDefault.Outcome("GOMP_SPINCOUNT", "0", "")));
        assertFalse(OpenMpWaitPolicy.isPassive(new NativeDefault.Outcome("GOMP_SPINCOUNT", "10000", "")));
        assertFalse(OpenMpWaitPolicy.isPassive(NativeDefault.Outcome.libraryDefault("OpenMP", "off")));
    }
}
