package org.keras4j.datasets;

/**
 * A dataset is not on this machine and could not be downloaded. The message lists the places searched, why each
 * download failed, and exactly which files to put where to work offline.
 *
 * <pre>{@code
 * try {
 *     data = FashionMnist.load();
 * } catch (MissingDatasetException e) {
 *     System.err.println(e.getMessage());   // what to download and where to put it
 * }
 * }</pre>
 */
public class MissingDatasetException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final transient DatasetFiles dataset;

    /**
     * @param dataset the dataset that is missing
     * @param message the explanation, including what to put where
     */
    public MissingDatasetException(DatasetFiles dataset, String message) {
        super(message);
        this.dataset = dataset;
    }

    /** The dataset that is missing. */
    public DatasetFiles dataset() {
        return dataset;
    }
}
