package org.keras4j.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.keras4j.callbacks.History;
import org.knowm.xchart.XYChart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingCurvesTest {
    @TempDir
    Path dir;

    private static History history(double scale) {
        History h = new History();
        for (int e = 0; e < 12; e++) {
            Map<String, Double> logs = new LinkedHashMap<>();
            logs.put("loss", scale / (e + 1));
            logs.put("accuracy", 0.5 + 0.04 * e);
            logs.put("val_loss", scale / (e + 1) + 0.01 * e * e);
            logs.put("val_accuracy", 0.5 + 0.03 * e);
            h.record(e, logs);
        }
        return h;
    }

    private static BufferedImage read(Path png) throws IOException {
        byte[] bytes = Files.readAllBytes(png);
        assertEquals(0x89, bytes[0] & 0xff);
        assertEquals("PNG", new String(bytes, 1, 3, java.nio.charset.StandardCharsets.US_ASCII));
        return ImageIO.read(png.toFile());
    }

    private static int countPixels(BufferedImage img, Color color) {
        int n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                if ((img.getRGB(x, y) & 0xffffff) == (color.getRGB() & 0xffffff)) {
                    n++;
                }
            }
        }
        return n;
    }

    private static int distinctColors(BufferedImage img) {
        Set<Integer> colors = new HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 2) {
            for (int x = 0; x < img.getWidth(); x += 2) {
                colors.add(img.getRGB(x, y));
            }
        }
        return colors.size();
    }

    @Test
    void plot_writesOnePanelPerQuantityWithTrainingAndValidationSeries() throws IOException {
        Path png = TrainingCurves.plot(history(1.0), dir.resolve("curves.png"));
        BufferedImage img = read(png);
        assertEquals(2 * TrainingCurves.PANEL_WIDTH, img.getWidth());
        assertEquals(TrainingCurves.PANEL_HEIGHT, img.getHeight());
        assertTrue(distinctColors(img) > 20, "a blank or flat image");
        assertTrue(countPixels(img, TrainingCurves.TRAIN_COLOR) > 500, "no training curve drawn");
        assertTrue(countPixels(img, TrainingCurves.VALIDATION_COLOR) > 500, "no validation curve drawn");
    }

    @Test
    void charts_pairEachQuantityWithItsValidationSeries() {
        List<XYChart> charts = TrainingCurves.charts(history(1.0), "run");
        assertEquals(2, charts.size());
        assertEquals("run: loss", charts.get(0).getTitle());
        assertEquals(List.of("training", "validation"), List.copyOf(charts.get(0).getSeriesMap().keySet()));
        assertEquals("run: accuracy", charts.get(1).getTitle());
        double[] y = charts.get(0).getSeriesMap().get("validation").getYData();
        assertEquals(1.0 / 3 + 0.04, y[2], 1e-12);
        assertEquals(12.0, charts.get(0).getSeriesMap().get("training").getXData()[11]);   // epochs 1-based
    }

    @Test
    void compare_drawsOneSeriesPerRunInItsColour() throws IOException {
        Map<String, History> runs = new LinkedHashMap<>();
        runs.put("lr=1", history(1.0));
        runs.put("lr=0.1", history(0.5));
        runs.put("lr=0.01", history(2.0));
        XYChart chart = TrainingCurves.comparisonChart(runs, "val_loss");
        assertEquals(List.of("lr=1", "lr=0.1", "lr=0.01"), List.copyOf(chart.getSeriesMap().keySet()));
        BufferedImage img = read(TrainingCurves.compare(runs, "val_loss", dir.resolve("cmp.png")));
        assertEquals(TrainingCurves.PANEL_WIDTH, img.getWidth());
        for (int i = 0; i < 3; i++) {
            assertTrue(countPixels(img, TrainingCurves.RUN_COLORS.get(i)) > 200, "run " + i + " not drawn");
        }
    }

    @Test
    void divergingRun_isDrawnOnALogAxis_andNaNDoesNotBreakThePlot() throws IOException {
        History diverging = new History();
        for (int e = 0; e < 5; e++) {
            diverging.record(e, Map.of("loss", e < 4 ? Math.pow(100, e) : Double.NaN));
        }
        XYChart chart = TrainingCurves.charts(diverging, "").get(0);
        assertTrue(chart.getStyler().isYAxisLogarithmic());
        assertTrue(distinctColors(read(TrainingCurves.plot(diverging, dir.resolve("nan.png")))) > 5);
    }

    @Test
    void emptyHistory_throws() {
        assertThrows(IllegalArgumentException.class, () -> TrainingCurves.plot(new History(), dir.resolve("x.png")));
    }

    @Test
    void compare_runWithoutTheKey_namesIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrainingCurves.comparisonChart(Map.of("a", history(1)), "val_mae"));
        assertTrue(e.getMessage().startsWith("run 'a' has no 'val_mae'"), e.getMessage());
    }
}
