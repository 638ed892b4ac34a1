package org.keras4j.utils;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RegistryTest {
    private final Registry<String> registry = new Registry<String>("thing")
            .register(cfg -> "relu!", "relu")
            .register(cfg -> "elu!", "elu")
            .register(cfg -> "adam!", "adam");

    @Test
    void get_isCaseAndSpaceInsensitive() {
        assertEquals("relu!", registry.get(" ReLU "));
    }

    @Test
    void get_swappedLetters_suggestsTheIntendedName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> registry.get("rleu"));
        assertTrue(e.getMessage().contains("Did you mean 'relu'"), e.getMessage());
    }

    @Test
    void get_unrelatedName_listsValidNamesWithoutSuggestion() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> registry.get("transformer"));
        assertTrue(!e.getMessage().contains("Did you mean") && e.getMessage().contains("adam, elu, relu"), e.getMessage());
    }

    @Test
    void editDistance_countsAdjacentSwapAsOneEdit() {
        assertEquals(1, Registry.editDistance("rleu", "relu"));
        assertEquals(2, Registry.editDistance("rleu", "elu"));
    }
}
