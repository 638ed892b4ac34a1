package org.keras4j.datasets;

/**
 * A training part and a test part of one dataset.
 *
 * <pre>{@code
 * TrainTest<TabularData> split = Split.trainTest(Concrete.load(), 0.3, 42);
 * TabularData train = split.train();
 * TabularData test = split.test();
 * }</pre>
 *
 * @param train the rows to fit on
 * @param test  the held-out rows
 * @param <T>   the data type, e.g. {@link TabularData} or {@link ClassificationData}
 */
public record TrainTest<T>(T train, T test) {

    /**
     * @throws IllegalArgumentException if either part is null
     */
    public TrainTest {
        if (train == null || test == null) {
            throw new IllegalArgumentException("train and test must not be null");
        }
    }
}
