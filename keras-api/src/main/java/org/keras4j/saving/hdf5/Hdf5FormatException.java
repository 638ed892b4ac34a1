package org.keras4j.saving.hdf5;

/**
 * The one exception a {@link Hdf5Reader} throws for a file it cannot read: the message starts with the file's name
 * and the path inside it. A subtype only so that the reader's own failures pass its catch-all unchanged.
 */
final class Hdf5FormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    Hdf5FormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
