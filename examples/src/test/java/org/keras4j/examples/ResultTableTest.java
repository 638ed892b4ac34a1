package org.keras4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;

class ResultTableTest {

    @Test
    void print_alignsColumnsUnderTheHeader() {
        ResultTable table = new ResultTable("exercise", "metric", "result", "time");
        table.add("xor", "accuracy", "1", "0.5 s");
        table.add("concrete", "test MSE", "41.23 ± 2.50", "12.0 s");
        StringWriter text = new StringWriter();
        table.print(new PrintWriter(text));
        assertEquals(String.join(System.lineSeparator(),
                "exercise  metric    result        time",
                "--------  --------  ------------  ------",
                "xor       accuracy  1             0.5 s",
                "concrete  test MSE  41.23 ± 2.50  12.0 s", ""), text.toString());
    }

    @Test
    void duration_secondsThenMinutes() {
        assertEquals("0.4 s", ResultTable.duration(0.42));
        assertEquals("59.9 s", ResultTable.duration(59.94));
        assertEquals("2m 05s", ResultTable.duration(125.2));
    }
}
