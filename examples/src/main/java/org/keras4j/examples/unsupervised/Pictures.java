package org.keras4j.examples.unsupervised;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.keras4j.saving.AtomicFiles;
import org.keras4j.training.TrainingCurves;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The pictures of the unsupervised exercises, as PNG files written atomically: grids of images,
 * scatter plots of 2-D codes coloured by class, and bar charts of errors (XChart, in the style of
 * {@link TrainingCurves}).
 *
 * <pre>{@code
 * Pictures.imageGrid(List.of("input", "reconstruction"), List.of(x, r), 28, 28, 10, Path.of("grid.png"));
 * }</pre>
 */
public final class Pictures {
    private static final int SCALE = 2;
    private static final int LABEL_WIDTH = 150;

    private Pictures() {
    }

    /**
     * One row per array of {@code rows}: its first {@code columns} samples as {@code height x width}
     * grey images (values clipped to [0, 1], 0 black), each row captioned on the left.
     */
    public static Path imageGrid(List<String> captions, List<INDArray> rows, int height, int width, int columns, Path png) {
        int cell = width * SCALE + 4;
        int rowHeight = height * SCALE + 4;
        BufferedImage img = new BufferedImage(LABEL_WIDTH + columns * cell, rows.size() * rowHeight,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (int r = 0; r < rows.size(); r++) {
            g.setColor(Color.BLACK);
            g.drawString(captions.get(r), 4, r * rowHeight + rowHeight / 2 + 4);
            INDArray a = rows.get(r);
            long n = Math.min(columns, a.size(0));
            for (int c = 0; c < n; c++) {
                double[] pixels = a.getRow(c).reshape(a.getRow(c).length()).toDoubleVector();
                for (int y = 0; y < height; y++) {
                    for (int x = 0; x < width; x++) {
                        int v = (int) Math.round(255 * Math.max(0, Math.min(1, pixels[y * width + x])));
                        int rgb = (v << 16) | (v << 8) | v;
                        for (int dy = 0; dy < SCALE; dy++) {
                            for (int dx = 0; dx < SCALE; dx++) {
                                img.setRGB(LABEL_WIDTH + c * cell + 2 + x * SCALE + dx, r * rowHeight + 2 + y * SCALE + dy, rgb);
                            }
                        }
                    }
                }
            }
        }
        g.dispose();
        AtomicFiles.write(png, out -> ImageIO.write(img, "png", out));
        return png;
    }

    /** A scatter panel of 2-D points {@code [n, 2]}, one colour per class named by {@code classNames}. */
    public static XYChart scatter(String title, INDArray points, int[] labels, List<String> classNames) {
        XYChart chart = new XYChartBuilder().width(TrainingCurves.PANEL_WIDTH).height(TrainingCurves.PANEL_HEIGHT)
                .title(title).xAxisTitle("code 1").yAxisTitle("code 2").build();
        style(chart.getStyler());
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setMarkerSize(3);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        Map<Integer, List<double[]>> byClass = new LinkedHashMap<>();
        for (int i = 0; i < labels.length; i++) {
            byClass.computeIfAbsent(labels[i], k -> new ArrayList<>())
                    .add(new double[] {points.getDouble(i, 0), points.getDouble(i, 1)});
        }
        for (int c = 0; c < classNames.size(); c++) {
            List<double[]> pts = byClass.get(c);
            if (pts == null) {
                continue;
            }
            XYSeries s = chart.addSeries(classNames.get(c), pts.stream().map(p -> p[0]).toList(),
                    pts.stream().map(p -> p[1]).toList());
            s.setMarker(SeriesMarkers.CIRCLE);
            s.setMarkerColor(TrainingCurves.RUN_COLORS.get(c % TrainingCurves.RUN_COLORS.size()));
        }
        return chart;
    }

    /** A grouped bar chart: one group per category, one bar per series. */
    public static CategoryChart bars(String title, String yTitle, List<String> categories, Map<String, List<Double>> series) {
        CategoryChart chart = new CategoryChartBuilder().width(TrainingCurves.PANEL_WIDTH)
                .height(TrainingCurves.PANEL_HEIGHT).title(title).yAxisTitle(yTitle).build();
        style(chart.getStyler());
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        int i = 0;
        for (Map.Entry<String, List<Double>> e : series.entrySet()) {
            chart.addSeries(e.getKey(), categories, e.getValue())
                    .setFillColor(TrainingCurves.RUN_COLORS.get(i++ % TrainingCurves.RUN_COLORS.size()));
        }
        return chart;
    }

    /** Writes panels side by side, {@code columns} per row. */
    public static Path panels(List<? extends Chart<?, ?>> charts, int columns, Path png) {
        int cols = Math.min(columns, charts.size());
        int rows = (charts.size() + cols - 1) / cols;
        AtomicFiles.write(png, out -> BitmapEncoder.saveBitmap(charts, rows, cols, out, BitmapEncoder.BitmapFormat.PNG));
        return png;
    }

    private static void style(Styler s) {
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setAntiAlias(true);
    }
}
