package org.keras4j.datasets;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.URLConnection;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

/** {@link Downloader#standard()}: a class of its own so the HTTP client is built once, on first use. */
final class StandardDownloader implements Downloader {

    static final StandardDownloader INSTANCE = new StandardDownloader();
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration FILE_TIMEOUT = Duration.ofMinutes(5);

    private volatile HttpClient client;

    private StandardDownloader() {
    }

    @Override
    public void download(URI source, Path target) throws IOException {
        String scheme = source.getScheme() == null ? "" : source.getScheme().toLowerCase();
        if (scheme.equals("http") || scheme.equals("https")) {
            HttpRequest request = HttpRequest.newBuilder(source).timeout(FILE_TIMEOUT).GET().build();
            HttpResponse<InputStream> response;
            try {
                response = client().send(request, HttpResponse.BodyHandlers.ofInputStream());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("download of " + source + " was interrupted");
            }
            try (InputStream in = response.body()) {
                if (response.statusCode() != 200) {
                    throw new IOException("HTTP " + response.statusCode() + " for " + source);
                }
                Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } else {
            URLConnection connection = source.toURL().openConnection();
            connection.setConnectTimeout((int) CONNECT_TIMEOUT.toMillis());
            connection.setReadTimeout((int) CONNECT_TIMEOUT.toMillis());
            try (InputStream in = connection.getInputStream()) {
                Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private HttpClient client() {
        HttpClient c = client;
        if (c == null) {
            synchronized (this) {
                c = client;
                if (c == null) {
                    c = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
                            .followRedirects(HttpClient.Redirect.NORMAL).build();
                    client = c;
                }
            }
        }
        return c;
    }
}
