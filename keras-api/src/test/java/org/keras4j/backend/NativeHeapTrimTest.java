package org.keras4j.backend;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import org.junit.jupiter.api.Test;

class NativeHeapTrimTest {
    private static final long MIB = 1L << 20;

    @Test
    void freedButFragmentedHeap_isReturnedToTheOperatingSystem() {
        assumeTrue(NativeHeapTrim.available(), "not glibc");
        // 96 MiB of small blocks, touched; freeing all but every 64th leaves the heap fragmented,
        // so glibc cannot shrink it from the top and keeps the freed pages resident
        int blocks = 24_576;
        long size = 4096;
        long[] addresses = new long[blocks];
        for (int i = 0; i < blocks; i++) {
            addresses[i] = Native.malloc(size);
            new Pointer(addresses[i]).setMemory(0, size, (byte) 1);
        }
        for (int i = 0; i < blocks; i++) {
            if (i % 64 != 0) {
                Native.free(addresses[i]);
            }
        }
        long before = org.bytedeco.javacpp.Pointer.physicalBytes();
        NativeHeapTrim.run();
        long after = org.bytedeco.javacpp.Pointer.physicalBytes();
        for (int i = 0; i < blocks; i += 64) {
            Native.free(addresses[i]);
        }
        assertTrue(before - after > 32 * MIB,
                "resident before trim " + before / MIB + " MiB, after " + after / MIB + " MiB");
    }

    @Test
    void run_canBeCalledRepeatedly() {
        NativeHeapTrim.run();
        NativeHeapTrim.run();
    }
}
