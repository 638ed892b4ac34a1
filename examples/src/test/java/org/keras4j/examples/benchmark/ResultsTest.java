package org.keras4j.examples.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ResultsTest {

    @Test
    void median_oddEvenAndEmpty() {
        assertEquals(2.0, Results.median(List.of(3.0, 1.0, 2.0)));
        assertEquals(2.5, Results.median(List.of(4.0, 1.0, 2.0, 3.0)));
        assertTrue(Double.isNaN(Results.median(List.of())));
    }

    @Test
    void json_roundTripsValuesAndInfo() {
        Results r = new Results();
        r.addAll("keras4j", Metric.W1_TRAIN, List.of(9.5, 9.0, 9.25));
        r.add("keras4j", Metric.W5_SGEMM, 180.0);
        r.info("keras4j", "report", "line 1\nline 2");
        Results back = Results.fromJson(r.toJson());
        assertEquals(List.of(9.5, 9.0, 9.25), back.reps("keras4j", Metric.W1_TRAIN));
        assertEquals(9.25, back.median("keras4j", Metric.W1_TRAIN));
        assertEquals(180.0, back.median("keras4j", Metric.W5_SGEMM));
        assertEquals("line 1\nline 2", back.info("keras4j", "report"));
    }

    @Test
    void fromJson_readsThePyTorchScriptsFormat() {
        Results r = Results.fromJson("{\"results\": {\"pytorch\": {\"W1_train\": [2.1, 2.0], \"W4_infer\": [18.0]}}, "
                + "\"info\": {\"pytorch\": {\"version\": \"1.13.0\", \"threads\": \"1\"}}}");
        assertEquals(2.05, r.median("pytorch", Metric.W1_TRAIN), 1e-12);
        assertEquals(18.0, r.median("pytorch", Metric.W4_INFER));
        assertEquals("1", r.info("pytorch", "threads"));
    }

    @Test
    void fromJson_notJson_throws() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Results.fromJson("Traceback"));
        assertTrue(e.getMessage().contains("not JSON"), e.getMessage());
    }

    @Test
    void fromJson_withoutResults_throws() {
        assertThrows(IllegalArgumentException.class, () -> Results.fromJson("{\"info\": {}}"));
    }

    @Test
    void fromJson_unknownMetric_throwsNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Results.fromJson("{\"results\": {\"pytorch\": {\"W9_magic\": [1.0]}}}"));
        assertTrue(e.getMessage().contains("W9_magic"), e.getMessage());
    }

    @Test
    void merge_combinesVariants() {
        Results a = new Results();
        a.add("dl4j_default", Metric.W4_TRAIN, 2000.0);
        Results b = new Results();
        b.add("keras4j", Metric.W4_TRAIN, 700.0);
        a.merge(b);
        assertEquals(2000.0, a.median("dl4j_default", Metric.W4_TRAIN));
        assertEquals(700.0, a.median("keras4j", Metric.W4_TRAIN));
    }
}
