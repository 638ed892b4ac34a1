package org.keras4j.saving.hdf5;

import java.util.ArrayList;
import java.util.List;

/** Paths inside an HDF5 file as this package takes them: {@code "a/b/c"}, a leading or trailing '/' ignored, "" = root. */
final class Hdf5Paths {
    private Hdf5Paths() {
    }

    /**
     * The names along {@code path}, empty for the root.
     *
     * @throws IllegalArgumentException if {@code path} is null or has an empty name ("a//b")
     */
    static List<String> split(String path) {
        if (path == null) {
            throw new IllegalArgumentException("an HDF5 path must not be null (use \"\" or \"/\" for the root group)");
        }
        String trimmed = strip(path);
        List<String> names = new ArrayList<>();
        if (trimmed.isEmpty()) {
            return names;
        }
        for (String name : trimmed.split("/", -1)) {
            if (name.isEmpty()) {
                throw new IllegalArgumentException("HDF5 path '" + path + "' has an empty name between two '/'");
            }
            names.add(name);
        }
        return names;
    }

    /** How a path appears in messages: "/" for the root, else "/a/b". */
    static String display(String path) {
        return path == null ? "null" : "/" + strip(path);
    }

    static String join(List<String> names) {
        return String.join("/", names);
    }

    private static String strip(String path) {
        int from = 0;
        int to = path.length();
        while (from < to && path.charAt(from) == '/') {
            from++;
        }
        while (to > from && path.charAt(to - 1) == '/') {
            to--;
        }
        return path.substring(from, to);
    }
}
