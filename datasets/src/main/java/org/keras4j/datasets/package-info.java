/**
 * Datasets as ND4J arrays, one entry point each ({@link org.keras4j.datasets.Concrete#load()},
 * {@link org.keras4j.datasets.CarEvaluation#load()}), CSV adapters for a user's own files
 * ({@link org.keras4j.datasets.TabularCsv}, {@link org.keras4j.datasets.CategoricalCsv}), and the preprocessing the
 * Keras course does with scikit-learn: {@link org.keras4j.datasets.Split#trainTest}, a
 * {@link org.keras4j.datasets.StandardScaler} and a {@link org.keras4j.datasets.MinMaxScaler}.
 *
 * <p>Image data: {@link org.keras4j.datasets.Mnist#load()} and {@link org.keras4j.datasets.FashionMnist#load()}
 * (NHWC {@code [n, 28, 28, 1]}, found through {@link org.keras4j.datasets.DatasetLocator}: an explicit directory,
 * {@code keras4j.data} / {@code KERAS4J_DATA}, the keras4j and Keras caches, Debian's package, then a download
 * verified by sha256), the IDX format on its own ({@link org.keras4j.datasets.Idx}), and folders of images with a
 * CSV index streamed in batches ({@link org.keras4j.datasets.ImageFolder}).
 *
 * <p>Sequences and text: {@link org.keras4j.datasets.sequence} (sliding windows over a time series, time-ordered
 * splits, {@code pad_sequences}), {@link org.keras4j.datasets.text} (vocabularies, {@code TextVectorization}, streamed
 * {@code (sequence, next token)} batches) and {@link org.keras4j.datasets.TinyShakespeare#load()}.
 *
 * <p>Arrays are float32, rows are samples. This package depends on ND4J and DataVec only, not on the Keras API:
 * {@code model.fit(data.x(), data.y(), epochs)} takes its output as it is.
 *
 * <pre>{@code
 * TrainTest<TabularData> split = Split.trainTest(Concrete.load(), 0.3, 42);
 * }</pre>
 */
package org.keras4j.datasets;
