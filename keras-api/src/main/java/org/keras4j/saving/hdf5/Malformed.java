package org.keras4j.saving.hdf5;

/**
 * A problem this package's own checks found in a file's structure, before or instead of jHDF reading it. The
 * message says what is wrong; the reader adds the file's name and the path inside it.
 */
final class Malformed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Malformed(String why) {
        super(why, null, false, false);
    }
}
