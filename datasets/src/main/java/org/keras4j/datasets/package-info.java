/**
 * Datasets as ND4J arrays, one entry point each ({@link org.keras4j.datasets.Concrete#load()},
 * {@link org.keras4j.datasets.CarEvaluation#load()}), CSV adapters for a user's own files
 * ({@link org.keras4j.datasets.TabularCsv}, {@link org.keras4j.datasets.CategoricalCsv}), and the preprocessing the
 * Keras course does with scikit-learn: {@link org.keras4j.datasets.Split#trainTest}, a
 * {@link org.keras4j.datasets.StandardScaler} and a {@link org.keras4j.datasets.MinMaxScaler}.
 *
 * <p>Arrays are float32, rows are samples. This package depends on ND4J and DataVec only, not on the Keras API:
 * {@code model.fit(data.x(), data.y(), epochs)} takes its output as it is.
 *
 * <pre>{@code
 * TrainTest<TabularData> split = Split.trainTest(Concrete.load(), 0.3, 42);
 * }</pre>
 */
package org.keras4j.datasets;
