package org.keras4j.engine;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.keras4j.callbacks.Callback;

/**
 * Keras's progress output for {@code fit}: verbose 1 draws a progress bar with ETA and running
 * metrics (redrawn in place on a terminal, printed once per epoch otherwise), verbose 2 prints
 * one line per epoch, verbose 0 nothing.
 *
 * <pre>{@code
 * Epoch 1/10
 * 1875/1875 ━━━━━━━━━━━━━━━━━━━━ 3s 2ms/step - accuracy: 0.8213 - loss: 0.5120 - val_accuracy: 0.8510 - val_loss: 0.4105
 * }</pre>
 */
public final class ProgressLogger implements Callback {
    private static final int BAR_WIDTH = 20;
    private static final long REDRAW_NANOS = 50_000_000L;

    private final int verbose;
    private final int epochs;
    private final int stepsPerEpoch;
    private final PrintStream out;
    private final boolean interactive;
    private long epochStart;
    private long lastDraw;
    private int seenSteps;

    /**
     * @param stepsPerEpoch batches per epoch, or -1 if unknown (iterators without a size)
     */
    public ProgressLogger(int verbose, int epochs, int stepsPerEpoch, PrintStream out, boolean interactive) {
        this.verbose = verbose;
        this.epochs = epochs;
        this.stepsPerEpoch = stepsPerEpoch;
        this.out = out;
        this.interactive = interactive;
    }

    /** Progress on {@link System#out}; interactive when a console is attached. */
    public static ProgressLogger toStdout(int verbose, int epochs, int stepsPerEpoch) {
        return new ProgressLogger(verbose, epochs, stepsPerEpoch, System.out, System.console() != null);
    }

    @Override
    public void onEpochBegin(int epoch, Map<String, Double> logs) {
        epochStart = System.nanoTime();
        lastDraw = 0;
        seenSteps = 0;
        if (verbose == 1) {
            out.println("Epoch " + (epoch + 1) + "/" + epochs);
        }
    }

    @Override
    public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
        seenSteps = batch + 1;
        if (verbose != 1 || !interactive) {
            return;
        }
        long now = System.nanoTime();
        if (now - lastDraw < REDRAW_NANOS && batch + 1 != stepsPerEpoch) {
            return;
        }
        lastDraw = now;
        out.print("\r" + line(batch + 1, logs, now, false));
        out.flush();
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        long now = System.nanoTime();
        if (verbose == 1) {
            out.print((interactive ? "\r" : "") + line(seenSteps, logs, now, true) + System.lineSeparator());
        } else if (verbose == 2) {
            out.println("Epoch " + (epoch + 1) + "/" + epochs);
            out.println(seenSteps + "/" + seenSteps + " - " + duration(now - epochStart) + " - "
                    + perStep(now - epochStart, seenSteps) + formatLogs(logs));
        }
        out.flush();
    }

    private String line(int step, Map<String, Double> logs, long now, boolean done) {
        int total = stepsPerEpoch > 0 ? stepsPerEpoch : step;
        StringBuilder sb = new StringBuilder();
        String width = String.valueOf(total);
        sb.append(String.format(Locale.ROOT, "%" + width.length() + "d/%s ", step, width));
        int filled = total == 0 ? BAR_WIDTH : (int) ((long) BAR_WIDTH * step / total);
        sb.append("━".repeat(filled)).append(" ".repeat(BAR_WIDTH - filled)).append(' ');
        long elapsed = now - epochStart;
        if (done || step >= total) {
            sb.append(duration(elapsed)).append(' ').append(perStep(elapsed, step));
        } else {
            long eta = step == 0 ? 0 : elapsed / step * (total - step);
            sb.append("ETA ").append(duration(eta)).append(' ').append(perStep(elapsed, step));
        }
        return sb.append(formatLogs(logs)).toString();
    }

    private static String formatLogs(Map<String, Double> logs) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, Double> e : new TreeMap<>(logs).entrySet()) {
            sb.append(" - ").append(e.getKey()).append(": ").append(String.format(Locale.ROOT, "%.4f", e.getValue()));
        }
        return sb.toString();
    }

    private static String duration(long nanos) {
        long s = nanos / 1_000_000_000L;
        if (s >= 3600) {
            return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, (s % 3600) / 60, s % 60);
        }
        if (s >= 60) {
            return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
        }
        return s + "s";
    }

    private static String perStep(long nanos, int steps) {
        if (steps == 0) {
            return "";
        }
        double perStep = nanos / 1e3 / steps;
        return perStep >= 1e6 ? String.format(Locale.ROOT, "%.0fs/step", perStep / 1e6)
                : perStep >= 1e3 ? String.format(Locale.ROOT, "%.0fms/step", perStep / 1e3)
                : String.format(Locale.ROOT, "%.0fus/step", perStep);
    }
}
