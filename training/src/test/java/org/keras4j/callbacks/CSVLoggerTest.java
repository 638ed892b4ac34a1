package org.keras4j.callbacks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.keras4j.FitOptions;
import org.keras4j.Sequential;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

class CSVLoggerTest {
    @TempDir
    Path dir;
    private final INDArray[] data = TinyModels.data(5);

    private static List<String[]> parse(Path file) throws IOException {
        return Files.readAllLines(file).stream().map(l -> l.split(",", -1)).toList();
    }

    @Test
    void file_hasSortedHeaderAndOneParsableRowPerEpoch() throws IOException {
        Sequential model = TinyModels.regression(1);
        model.compile(new org.keras4j.optimizers.SGD(0.05), "mse", "mae");
        Path log = dir.resolve("training.log");
        History h = model.fit(data[0], data[1], FitOptions.defaults().epochs(3).verbose(0).validationSplit(0.25)
                .callbacks(new CSVLogger(log)));
        List<String[]> rows = parse(log);
        assertEquals(List.of("epoch", "loss", "mae", "val_loss", "val_mae"),
                List.of(rows.get(0)));
        assertEquals(4, rows.size());
        for (int e = 0; e < 3; e++) {
            String[] row = rows.get(e + 1);
            assertEquals(Integer.toString(e), row[0]);
            // Python's repr round-trips: the file holds exactly the logged doubles
            assertEquals(h.get("loss").get(e), Double.parseDouble(row[1]));
            assertEquals(h.get("val_mae").get(e), Double.parseDouble(row[4]));
        }
    }

    @Test
    void append_continuesTheFileWithoutASecondHeader() throws IOException {
        Sequential model = TinyModels.regression(1);
        Path log = dir.resolve("run.csv");
        model.fit(data[0], data[1], FitOptions.defaults().epochs(2).verbose(0).callbacks(new CSVLogger(log).withAppend(true)));
        // resumed run: epochs 2..4
        model.fit(data[0], data[1], FitOptions.defaults().epochs(5).initialEpoch(2).verbose(0)
                .callbacks(new CSVLogger(log).withAppend(true)));
        List<String[]> rows = parse(log);
        assertEquals(6, rows.size());
        assertEquals("epoch", rows.get(0)[0]);
        for (int e = 0; e < 5; e++) {
            assertEquals(Integer.toString(e), rows.get(e + 1)[0]);
            Double.parseDouble(rows.get(e + 1)[1]);
        }
    }

    @Test
    void withoutAppend_overwrites() throws IOException {
        Sequential model = TinyModels.regression(1);
        Path log = dir.resolve("run.csv");
        model.fit(data[0], data[1], FitOptions.defaults().epochs(3).verbose(0).callbacks(new CSVLogger(log)));
        model.fit(data[0], data[1], FitOptions.defaults().epochs(1).verbose(0).callbacks(new CSVLogger(log)));
        assertEquals(2, parse(log).size());
    }

    @Test
    void withoutValidation_addsValColumnsWithNA() throws IOException {
        Sequential model = TinyModels.regression(1);
        Path log = dir.resolve("run.csv");
        model.fit(data[0], data[1], FitOptions.defaults().epochs(1).verbose(0).callbacks(new CSVLogger(log)));
        List<String[]> rows = parse(log);
        assertEquals(List.of("epoch", "loss", "val_loss"), List.of(rows.get(0)));
        assertEquals("NA", rows.get(1)[2]);
    }

    @Test
    void customSeparator_isUsed() throws IOException {
        Sequential model = TinyModels.regression(1);
        Path log = dir.resolve("run.tsv");
        model.fit(data[0], data[1], FitOptions.defaults().epochs(1).verbose(0).callbacks(new CSVLogger(log).withSeparator("\t")));
        assertEquals("epoch\tloss\tval_loss", Files.readAllLines(log).get(0));
    }
}
