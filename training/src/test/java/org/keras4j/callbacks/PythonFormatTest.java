package org.keras4j.callbacks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PythonFormatTest {

    @Test
    void repr_matchesPythonsFloatRepr() {
        assertEquals("0.1", PythonFormat.repr(0.1));
        assertEquals("1.0", PythonFormat.repr(1.0));
        assertEquals("0.0001", PythonFormat.repr(1e-4));
        assertEquals("1e-05", PythonFormat.repr(1e-5));
        assertEquals("1.5e-07", PythonFormat.repr(1.5e-7));
        assertEquals("12345678.0", PythonFormat.repr(12345678.0));
        assertEquals("1e+16", PythonFormat.repr(1e16));
        assertEquals("-2.5", PythonFormat.repr(-2.5));
        assertEquals("nan", PythonFormat.repr(Double.NaN));
        assertEquals("inf", PythonFormat.repr(Double.POSITIVE_INFINITY));
    }

    @Test
    void format_fillsFieldsWithPythonSpecs() {
        Map<String, Number> v = Map.of("epoch", 3, "val_loss", 0.123456, "lr", 0.00012);
        assertEquals("ckpt-03-0.12.keras4j", PythonFormat.format("ckpt-{epoch:02d}-{val_loss:.2f}.keras4j", v));
        assertEquals("3 0.123456", PythonFormat.format("{epoch} {val_loss}", v));
        assertEquals("1.20e-04", PythonFormat.format("{lr:.2e}", v));
        assertEquals("0.000120", PythonFormat.format("{lr:f}", v));
        assertEquals("0.00012", PythonFormat.format("{lr:g}", v));
        assertEquals("12.35%", PythonFormat.format("{val_loss:.2%}", v));
        assertEquals("  3", PythonFormat.format("{epoch:3}", v));
    }

    @Test
    void format_dSpecOnAFloat_throws() {
        assertThrows(IllegalArgumentException.class, () -> PythonFormat.format("{x:d}", Map.of("x", 0.5)));
    }

    @Test
    void format_missingKey_listsAvailableOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PythonFormat.format("{acc}", Map.of("loss", 1.0)));
        assertEquals("Failed to format this callback filepath: \"{acc}\". Reason: no value for 'acc'; available: [loss]",
                e.getMessage());
    }
}
