package org.keras4j.datasets;

import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What {@link DatasetLocator} needs to know about a published dataset: its files, where they are published, and the
 * names it goes by in the caches it searches.
 *
 * <pre>{@code
 * Path dir = DatasetLocator.defaults().locate(FashionMnist.FILES);
 * }</pre>
 *
 * @param name          the directory name in data roots and caches, e.g. {@code fashion-mnist}
 * @param title         the name people know, for messages, e.g. {@code Fashion-MNIST}
 * @param files         the files that make up the dataset
 * @param mirrors       base URLs (ending in {@code /}) the files are downloaded from, tried in order; may be empty
 * @param debianPackage the Debian package that installs the files in {@code /usr/share/datasets/<name>}, or
 *                      {@code null} if there is none
 * @param kerasArchive  the file Keras itself caches for this dataset in a format keras4j does not read (e.g.
 *                      {@code mnist.npz}), named in the error when it is all that is found, or {@code null}
 */
public record DatasetFiles(String name, String title, List<DatasetFile> files, List<URI> mirrors,
                           String debianPackage, String kerasArchive) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    /**
     * @throws IllegalArgumentException if the name is not a plain directory name, there are no files or two with
     *                                  the same name, or a mirror does not end in {@code /}
     */
    public DatasetFiles {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("name must be a plain directory name (letters, digits, '.', '_', '-'),"
                    + " got '" + name + "'");
        }
        if (title == null || title.isBlank()) {
            throw new IllegalArgumentException("title must not be blank, got '" + title + "'");
        }
        if (files == null || files.isEmpty()) {
            throw new IllegalArgumentException("files must list at least one file, got " + files);
        }
        files = List.copyOf(files);
        Set<String> names = new HashSet<>();
        for (DatasetFile f : files) {
            if (!names.add(f.name())) {
                throw new IllegalArgumentException("files lists '" + f.name() + "' twice");
            }
        }
        mirrors = mirrors == null ? List.of() : List.copyOf(mirrors);
        for (URI mirror : mirrors) {
            if (!mirror.toString().endsWith("/")) {
                throw new IllegalArgumentException("mirror must be a base URL ending in '/', got " + mirror);
            }
        }
    }

    /** The URL of {@code file} on {@code mirror}. */
    URI url(URI mirror, DatasetFile file) {
        return mirror.resolve(file.name());
    }
}
