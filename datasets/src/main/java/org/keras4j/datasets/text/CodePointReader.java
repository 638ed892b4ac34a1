package org.keras4j.datasets.text;

import java.io.IOException;
import java.io.Reader;

/**
 * Reads Unicode code points from a {@link Reader}, joining surrogate pairs, so a character-level vocabulary sees one
 * token per character also outside the Basic Multilingual Plane. Counts what it returned.
 */
final class CodePointReader {

    private final Reader reader;
    private int pending = -2;   // a char read ahead after a lone high surrogate; -2: none
    private long count;

    CodePointReader(Reader reader) {
        this.reader = reader;
    }

    /** The next code point, or -1 at the end. A lone surrogate is returned as it is. */
    int next() throws IOException {
        int c = pending != -2 ? pending : reader.read();
        pending = -2;
        if (c < 0) {
            return -1;
        }
        if (Character.isHighSurrogate((char) c)) {
            int d = reader.read();
            if (d >= 0 && Character.isLowSurrogate((char) d)) {
                count++;
                return Character.toCodePoint((char) c, (char) d);
            }
            pending = d;   // -1 stays -1: the end comes next
        }
        count++;
        return c;
    }

    /** How many code points {@link #next} has returned. */
    long count() {
        return count;
    }
}
