package org.keras4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FitOptionsTest {

    private static void assertOptions(FitOptions o) {
        assertEquals(5, o.epochs());
        assertEquals(64, o.batchSize());
        assertEquals(0.2, o.validationSplit());
        assertEquals(2, o.verbose());
    }

    @Test
    void keywordArguments_inAnyOrder_allTakeEffect() {
        assertOptions(FitOptions.defaults().epochs(5).batchSize(64).validationSplit(0.2).verbose(2));
        // the chain of the hardening issue: epochs last used to start new options and drop the rest
        assertOptions(FitOptions.defaults().batchSize(64).validationSplit(0.2).epochs(5).verbose(2));
        assertOptions(FitOptions.defaults().verbose(2).validationSplit(0.2).batchSize(64).epochs(5));
    }

    @Test
    void defaults_areKeras() {
        FitOptions o = FitOptions.defaults();
        assertEquals(1, o.epochs());
        assertEquals(32, o.batchSize());
        assertEquals(1, o.verbose());
        assertEquals(true, o.shuffle());
        assertEquals(0.0, o.validationSplit());
    }

    @Test
    void defaults_isTheOnlyStaticFactory_soNoChainCanRestart() {
        List<String> factories = new ArrayList<>();
        for (Method m : FitOptions.class.getMethods()) {
            if (Modifier.isStatic(m.getModifiers()) && m.getReturnType() == FitOptions.class) {
                factories.add(m.getName());
            }
        }
        assertEquals(List.of("defaults"), factories);
    }

    @Test
    void epochs_notPositive_throws() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FitOptions.defaults().epochs(0));
        assertEquals("epochs must be positive, got 0", e.getMessage());
    }
}
