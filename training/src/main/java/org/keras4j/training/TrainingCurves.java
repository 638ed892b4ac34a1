package org.keras4j.training;

import java.awt.BasicStroke;
import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.keras4j.callbacks.History;
import org.keras4j.saving.AtomicFiles;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Training curves as PNG images, drawn with XChart: {@link #plot} draws a {@link History} (one
 * panel per quantity — loss, then each metric — with the training series and, when there was
 * validation, the {@code val_} series), and {@link #compare} draws one quantity for several runs
 * in one panel (e.g. {@code val_loss} for three learning rates). The x axis is the epoch,
 * 1-based as the progress bar shows it. A panel whose values span more than three decades is drawn
 * on a logarithmic y axis. Files are written atomically.
 *
 * <pre>{@code
 * History h = model.fit(x, y, FitOptions.defaults().epochs(50).validationSplit(0.2));
 * TrainingCurves.plot(h, Path.of("curves.png"));
 * TrainingCurves.compare(Map.of("lr=0.1", h1, "lr=0.01", h2), "val_loss", Path.of("lr.png"));
 * }</pre>
 */
public final class TrainingCurves {
    /** Width and height of one panel, in pixels. */
    public static final int PANEL_WIDTH = 640;
    public static final int PANEL_HEIGHT = 420;
    /** Colour of training series. */
    public static final Color TRAIN_COLOR = new Color(0x1f77b4);
    /** Colour of validation series. */
    public static final Color VALIDATION_COLOR = new Color(0xff7f0e);
    /** Colours of the runs of a comparison, in order (matplotlib's tab10). */
    public static final List<Color> RUN_COLORS = List.of(new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c),
            new Color(0xd62728), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f),
            new Color(0xbcbd22), new Color(0x17becf));

    private TrainingCurves() {
    }

    /**
     * Draws {@code history} to {@code png}: one panel per quantity, two panels per row.
     *
     * @return {@code png}
     * @throws IllegalArgumentException if the history has no epochs
     */
    public static Path plot(History history, Path png) {
        return plot(history, png, "");
    }

    /** As {@link #plot(History, Path)}, with {@code title} before each panel's name. */
    public static Path plot(History history, Path png, String title) {
        requirePath(png);
        List<XYChart> charts = charts(history, title);
        int cols = Math.min(2, charts.size());
        int rows = (charts.size() + cols - 1) / cols;
        AtomicFiles.write(png, out -> BitmapEncoder.saveBitmap(charts, rows, cols, out, BitmapEncoder.BitmapFormat.PNG));
        return png;
    }

    /**
     * The panels {@link #plot} draws: for each key without the {@code val_} prefix (in logging
     * order) a chart with series {@code key} and, if logged, {@code val_key}; a {@code val_} key
     * with no training counterpart gets its own chart.
     *
     * @throws IllegalArgumentException if {@code history} is null or empty
     */
    public static List<XYChart> charts(History history, String title) {
        if (history == null || history.size() == 0) {
            throw new IllegalArgumentException("history must hold at least one epoch, got "
                    + (history == null ? "null" : "an empty History"));
        }
        Map<String, List<Double>> all = history.history();
        List<Double> epochs = epochAxis(history);
        List<XYChart> charts = new ArrayList<>();
        for (String key : all.keySet()) {
            boolean validation = key.startsWith("val_");
            if (validation && all.containsKey(key.substring(4))) {
                continue; // drawn with its training series
            }
            XYChart chart = newChart(title == null || title.isBlank() ? key : title + ": " + key, key);
            addSeries(chart, validation ? "validation" : "training", epochs, all.get(key),
                    validation ? VALIDATION_COLOR : TRAIN_COLOR);
            if (!validation && all.containsKey("val_" + key)) {
                addSeries(chart, "validation", epochs, all.get("val_" + key), VALIDATION_COLOR);
            }
            logScaleIfWide(chart);
            readableEpochAxis(chart);
            placeLegend(chart);
            charts.add(chart);
        }
        return charts;
    }

    /**
     * Draws {@code key} of several runs in one panel, one series per run named by its map key.
     *
     * @return {@code png}
     * @throws IllegalArgumentException if {@code runs} is empty or a run did not log {@code key}
     */
    public static Path compare(Map<String, History> runs, String key, Path png) {
        requirePath(png);
        XYChart chart = comparisonChart(runs, key);
        AtomicFiles.write(png, out -> BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG));
        return png;
    }

    /** The panel {@link #compare} draws. */
    public static XYChart comparisonChart(Map<String, History> runs, String key) {
        if (runs == null || runs.isEmpty()) {
            throw new IllegalArgumentException("runs must hold at least one named History");
        }
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("key must name a logged quantity such as \"val_loss\", got " + key);
        }
        XYChart chart = newChart(key + " by run", key);
        int i = 0;
        for (Map.Entry<String, History> run : new LinkedHashMap<>(runs).entrySet()) {
            History h = run.getValue();
            if (h == null || !h.has(key)) {
                throw new IllegalArgumentException("run '" + run.getKey() + "' has no '" + key + "'; it logged "
                        + (h == null ? "nothing" : h.history().keySet()));
            }
            addSeries(chart, run.getKey(), epochAxis(h), h.get(key), RUN_COLORS.get(i % RUN_COLORS.size()));
            i++;
        }
        logScaleIfWide(chart);
        readableEpochAxis(chart);
        // runs may rise and fall: keep the legend off the curves
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        return chart;
    }

    private static XYChart newChart(String title, String yTitle) {
        XYChart chart = new XYChartBuilder().width(PANEL_WIDTH).height(PANEL_HEIGHT).title(title)
                .xAxisTitle("epoch").yAxisTitle(yTitle).build();
        XYStyler s = chart.getStyler();
        s.setLegendPosition(Styler.LegendPosition.InsideNE);
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotGridLinesColor(new Color(0xdddddd));
        s.setAntiAlias(true);
        s.setXAxisDecimalPattern("#");
        return chart;
    }

    private static void addSeries(XYChart chart, String name, List<Double> x, List<Double> y, Color color) {
        // XChart draws NaN as a gap but cannot scale an axis to infinity
        List<Double> finite = new ArrayList<>(y.size());
        boolean any = false;
        for (double v : y) {
            finite.add(Double.isFinite(v) ? v : Double.NaN);
            any |= Double.isFinite(v);
        }
        if (!any) {
            finite.replaceAll(v -> 0.0); // keep the series (and its legend entry) drawable
        }
        XYSeries series = chart.addSeries(name, x.subList(0, finite.size()), finite);
        series.setLineColor(color);
        series.setMarkerColor(color);
        series.setMarker(finite.size() <= 30 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
        series.setLineStyle(new BasicStroke(2f));
    }

    /**
     * XChart labels equally spaced x values at a step it picks from the data, which crowds the
     * labels of long runs: turn them upright then.
     */
    private static void readableEpochAxis(XYChart chart) {
        int epochs = 0;
        for (XYSeries s : chart.getSeriesMap().values()) {
            epochs = Math.max(epochs, s.getXData().length);
        }
        if (epochs > 40) {
            chart.getStyler().setXAxisLabelRotation(90);
        }
    }

    private static void logScaleIfWide(XYChart chart) {
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (XYSeries s : chart.getSeriesMap().values()) {
            for (double v : s.getYData()) {
                if (Double.isFinite(v)) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        if (min > 0 && max / min > 1e3) {
            chart.getStyler().setYAxisLogarithmic(true);
            // whole decades: XChart's own log range can cut the top of a steep curve
            chart.getStyler().setYAxisMin(Math.pow(10, Math.floor(Math.log10(min))));
            chart.getStyler().setYAxisMax(Math.pow(10, Math.ceil(Math.log10(max))));
        }
    }

    /** Puts the legend in a top corner for falling curves (losses), a bottom one for rising curves (accuracies). */
    private static void placeLegend(XYChart chart) {
        XYSeries first = chart.getSeriesMap().values().iterator().next();
        double[] y = first.getYData();
        int quarter = Math.max(1, y.length / 4);
        double head = 0;
        double tail = 0;
        for (int i = 0; i < quarter; i++) {
            head += Double.isFinite(y[i]) ? y[i] : 0;
            tail += Double.isFinite(y[y.length - 1 - i]) ? y[y.length - 1 - i] : 0;
        }
        chart.getStyler().setLegendPosition(tail > head ? Styler.LegendPosition.InsideSE : Styler.LegendPosition.InsideNE);
    }

    private static List<Double> epochAxis(History h) {
        List<Double> x = new ArrayList<>();
        for (int e : h.epochs()) {
            x.add(e + 1.0);
        }
        return x;
    }

    private static void requirePath(Path png) {
        if (png == null) {
            throw new IllegalArgumentException("png path must not be null");
        }
    }
}
