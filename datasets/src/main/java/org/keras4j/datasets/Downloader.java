package org.keras4j.datasets;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;

/**
 * Copies the bytes at a URL into a local file. {@link DatasetLocator} uses it to fetch missing dataset files; it
 * verifies the checksum itself and gives the downloader a temporary file, so an implementation only transfers bytes.
 * Replace it to use a proxy-aware client, or to test without a network.
 *
 * <pre>{@code
 * DatasetLocator locator = DatasetLocator.defaults().withDownloader(Downloader.standard());
 * }</pre>
 */
@FunctionalInterface
public interface Downloader {

    /**
     * Copies the content at {@code source} into {@code target} (an existing, empty file that is replaced).
     *
     * @throws IOException if the transfer fails, including an HTTP status other than 200
     */
    void download(URI source, Path target) throws IOException;

    /**
     * The default: {@code http} and {@code https} through {@link java.net.http.HttpClient} (following redirects,
     * 30 s to connect, 5 minutes per file), any other scheme {@link java.net.URL} supports (e.g. {@code file})
     * through {@link java.net.URLConnection}.
     */
    static Downloader standard() {
        return StandardDownloader.INSTANCE;
    }
}
