package org.keras4j.examples.unsupervised;

import java.awt.BasicStroke;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import org.keras4j.FitOptions;
import org.keras4j.Keras;
import org.keras4j.datasets.StandardScaler;
import org.keras4j.examples.Checks;
import org.keras4j.examples.Exercise;
import org.keras4j.examples.ExerciseContext;
import org.keras4j.examples.ExerciseResult;
import org.keras4j.examples.training.OutputFiles;
import org.keras4j.models.Autoencoder;
import org.keras4j.models.PCA;
import org.keras4j.optimizers.Adam;
import org.keras4j.saving.AtomicFiles;
import org.keras4j.training.TrainingCurves;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The course's matrix view of an autoencoder: {@code AutoEncoder(2, 1)} with the encoder weight
 * set by hand to {@code W = [1/√2, 1/√2]}, so the code of a point is {@code z = W x} (its
 * coordinate along the diagonal) and the decoder {@code x̂ = Wᵀ z} projects it onto the diagonal.
 * Then the same picture learned from data: PCA of standardized, positively correlated 2-D data
 * finds the diagonal, and a linear autoencoder trained on that data finds the same direction.
 *
 * <pre>{@code
 * ./keras4j run autoencoder-matrix
 * }</pre>
 */
public final class AutoencoderMatrixExercise implements Exercise {
    @Override
    public String name() {
        return "autoencoder-matrix";
    }

    @Override
    public String title() {
        return "AutoEncoder(2, 1) as matrices: W = [1/√2, 1/√2] by hand, then PCA and a trained linear autoencoder";
    }

    @Override
    public ExerciseResult run(ExerciseContext ctx) {
        Checks checks = new Checks(ctx.out());
        checks.section("AutoEncoder(2, 1) with W = [1/√2, 1/√2] set by hand");
        double s = 1 / Math.sqrt(2);
        INDArray w = Nd4j.createFromArray(new double[][] {{s, s}});
        Autoencoder byHand = Autoencoder.linear(2, 1).compile("sgd", "mse");
        byHand.setMatrices(w, w.transpose());
        double[][] points = {{1, 1}, {1, -1}, {2, 0}, {-3, -1}};
        INDArray x = Nd4j.createFromArray(points).castTo(DataType.FLOAT);
        INDArray z = byHand.encode(x);
        INDArray xHat = byHand.decode(z);
        for (int i = 0; i < points.length; i++) {
            double zi = s * points[i][0] + s * points[i][1];
            checks.close("z = W x of (" + fmt(points[i][0]) + ", " + fmt(points[i][1]) + ")", z.getDouble(i, 0), zi, 1e-6);
            checks.close("x̂ = Wᵀ z, first coordinate (the projection onto the diagonal)", xHat.getDouble(i, 0), zi * s, 1e-6);
            checks.close("x̂ second coordinate", xHat.getDouble(i, 1), zi * s, 1e-6);
        }
        checks.close("(1, -1) is orthogonal to W: code 0, reconstruction error ((1-0)² + (-1-0)²) / 2",
                byHand.reconstructionError(x).getDouble(1), 1.0, 1e-6);

        checks.section("standardized 2-D data: PCA and a trained linear autoencoder");
        INDArray data = correlated(500, 0.8, 3);
        INDArray standardized = new StandardScaler().fit(data).transform(data);
        PCA pca = new PCA(1).fit(standardized);
        double[] pc = pca.components().getRow(0).toDoubleVector();
        ctx.out().printf(Locale.ROOT, "PCA's first component: [%.4f, %.4f], explained variance ratio %.3f%n", pc[0], pc[1],
                pca.explainedVarianceRatio()[0]);
        // a 2x2 correlation matrix always has eigenvectors (1, ±1)/√2: PCA finds the hand-set W
        checks.close("|cos| between PCA's component and W", Math.abs(pc[0] * s + pc[1] * s), 1.0, 1e-6);

        Keras.setRandomSeed(4);
        Autoencoder trained = Autoencoder.linear(2, 1).compile(new Adam(0.02), "mse");
        trained.fit(standardized, FitOptions.defaults().epochs(40).batchSize(32).verbose(0));
        double[] v = trained.decoderMatrix().getColumn(0).toDoubleVector();
        double norm = Math.hypot(v[0], v[1]);
        double[] dir = {v[0] / norm, v[1] / norm};
        ctx.out().printf(Locale.ROOT, "trained decoder direction: [%.4f, %.4f]; encoder W = %s%n", dir[0], dir[1],
                trained.encoderMatrix());
        checks.close("|cos| between the trained decoder's direction and PCA's", Math.abs(dir[0] * pc[0] + dir[1] * pc[1]),
                1.0, 1e-3);
        double aeError = trained.reconstructionError(standardized).meanNumber().doubleValue();
        double pcaError = Autoencoder.meanSquaredError(standardized, pca.inverseTransform(pca.transform(standardized)))
                .meanNumber().doubleValue();
        checks.that(String.format(Locale.ROOT, "reconstruction error AE %.5f within 1%% of PCA's %.5f", aeError, pcaError),
                aeError / pcaError, aeError <= pcaError * 1.01);

        Path png = plot(standardized, pc, dir, OutputFiles.path("autoencoder-matrix.png"));
        ctx.out().println("plot: " + png.toAbsolutePath());
        return checks.result("checks passed");
    }

    /** n points with unit-variance coordinates correlated by {@code rho}, on different scales before standardizing. */
    static INDArray correlated(int n, double rho, long seed) {
        Random r = new Random(seed);
        double[][] x = new double[n][2];
        for (int i = 0; i < n; i++) {
            double a = r.nextGaussian();
            double b = rho * a + Math.sqrt(1 - rho * rho) * r.nextGaussian();
            x[i][0] = 5 + 2 * a;
            x[i][1] = -1 + 0.5 * b;
        }
        return Nd4j.createFromArray(x).castTo(DataType.FLOAT);
    }

    private static Path plot(INDArray data, double[] pc, double[] ae, Path png) {
        XYChart chart = new XYChartBuilder().width(TrainingCurves.PANEL_WIDTH).height(TrainingCurves.PANEL_WIDTH)
                .title("standardized data, PCA's component and the linear autoencoder's direction")
                .xAxisTitle("x1").yAxisTitle("x2").build();
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        chart.getStyler().setPlotBackgroundColor(java.awt.Color.WHITE);
        chart.getStyler().setMarkerSize(4);
        XYSeries points = chart.addSeries("data", data.getColumn(0).toDoubleVector(), data.getColumn(1).toDoubleVector());
        points.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        points.setMarker(SeriesMarkers.CIRCLE);
        points.setMarkerColor(new java.awt.Color(0x9ecae1));
        line(chart, "PCA component", pc, 3.2, TrainingCurves.RUN_COLORS.get(1), 4f);
        line(chart, "autoencoder direction", ae, 3.0, TrainingCurves.RUN_COLORS.get(3), 2f);
        AtomicFiles.write(png, o -> BitmapEncoder.saveBitmap(chart, o, BitmapEncoder.BitmapFormat.PNG));
        return png;
    }

    private static void line(XYChart chart, String name, double[] dir, double length, java.awt.Color color, float width) {
        XYSeries s = chart.addSeries(name, new double[] {-length * dir[0], length * dir[0]},
                new double[] {-length * dir[1], length * dir[1]});
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(color);
        s.setLineStyle(new BasicStroke(width));
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
