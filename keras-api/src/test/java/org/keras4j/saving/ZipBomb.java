package org.keras4j.saving;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Test fixture: writes a zip whose entries are given bytes plus, optionally, one entry of zeros that inflates to any
 * size (Zip64 above 4 GiB) while its compressed form is about a thousandth of it. The zeros are never materialised:
 * one deflate block of 1 MiB of zeros is position-independent once the window is zeros, so it is repeated.
 *
 * <pre>{@code
 * ZipBomb.write(file, Map.of("keras4j.json", json), "extra.bin", 10L << 30, -1);   // 10 GiB in ~10 MB
 * }</pre>
 */
public final class ZipBomb {
    private static final int MIB = 1 << 20;

    private ZipBomb() {
    }

    /**
     * @param bombBytes     what the bomb entry inflates to, a multiple of 1 MiB; 0 for no bomb
     * @param declaredBytes the uncompressed size its headers claim; -1 for the truth
     */
    public static void write(Path target, Map<String, byte[]> entries, String bombName, long bombBytes,
            long declaredBytes) throws IOException {
        List<byte[]> central = new ArrayList<>();
        try (OutputStream out = Files.newOutputStream(target)) {
            long offset = 0;
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                CRC32 crc = new CRC32();
                crc.update(e.getValue());
                byte[] data = deflate(e.getValue());
                offset = entry(out, central, offset, e.getKey(), data, e.getValue().length, crc.getValue());
            }
            if (bombBytes > 0) {
                // the CRC of the zeros would take seconds to compute; a reader that got this far has already failed
                offset = entry(out, central, offset, bombName, zeros(bombBytes),
                        declaredBytes >= 0 ? declaredBytes : bombBytes, 0);
            }
            long cenStart = offset;
            long cenSize = 0;
            for (byte[] c : central) {
                out.write(c);
                cenSize += c.length;
            }
            ByteBuffer end = le(22);
            end.putInt(0x06054b50).putShort((short) 0).putShort((short) 0).putShort((short) central.size())
                    .putShort((short) central.size()).putInt((int) cenSize).putInt((int) cenStart).putShort((short) 0);
            out.write(end.array());
        }
    }

    private static long entry(OutputStream out, List<byte[]> central, long offset, String name, byte[] data,
            long size, long crc) throws IOException {
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        boolean zip64 = size >= 0xFFFFFFFFL;
        ByteBuffer extra = le(zip64 ? 20 : 0);
        if (zip64) {
            extra.putShort((short) 1).putShort((short) 16).putLong(size).putLong(data.length);
        }
        ByteBuffer local = le(30 + nameBytes.length + extra.capacity());
        local.putInt(0x04034b50).putShort((short) (zip64 ? 45 : 20)).putShort((short) 0).putShort((short) 8)
                .putInt(0).putInt((int) crc).putInt(zip64 ? -1 : data.length).putInt(zip64 ? -1 : (int) size)
                .putShort((short) nameBytes.length).putShort((short) extra.capacity()).put(nameBytes).put(extra.array());
        out.write(local.array());
        out.write(data);
        ByteBuffer cen = le(46 + nameBytes.length + extra.capacity());
        cen.putInt(0x02014b50).putShort((short) (zip64 ? 45 : 20)).putShort((short) (zip64 ? 45 : 20))
                .putShort((short) 0).putShort((short) 8).putInt(0).putInt((int) crc).putInt(zip64 ? -1 : data.length)
                .putInt(zip64 ? -1 : (int) size).putShort((short) nameBytes.length).putShort((short) extra.capacity())
                .putShort((short) 0).putShort((short) 0).putShort((short) 0).putInt(0).putInt((int) offset)
                .put(nameBytes).put(extra.array());
        central.add(cen.array());
        return offset + local.capacity() + data.length;
    }

    /** Raw deflate of {@code bytes} MiB-multiple zeros, from one flushed block repeated. */
    private static byte[] zeros(long bytes) {
        Deflater d = new Deflater(Deflater.BEST_COMPRESSION, true);
        byte[] zeros = new byte[MIB];
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        d.setInput(zeros);
        byte[] first = drain(d, Deflater.SYNC_FLUSH);
        d.setInput(zeros);
        byte[] block = drain(d, Deflater.SYNC_FLUSH); // refers only to the zeros before it
        d.finish();
        byte[] last = drain(d, Deflater.NO_FLUSH);
        d.end();
        out.writeBytes(first);
        for (long i = 1; i < bytes / MIB; i++) {
            out.writeBytes(block);
        }
        out.writeBytes(last);
        return out.toByteArray();
    }

    private static byte[] deflate(byte[] bytes) {
        Deflater d = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        d.setInput(bytes);
        d.finish();
        byte[] out = drain(d, Deflater.NO_FLUSH);
        d.end();
        return out;
    }

    private static byte[] drain(Deflater d, int flush) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[64 * 1024];
        while (true) {
            int n = d.deflate(buf, 0, buf.length, flush);
            out.write(buf, 0, n);
            if (d.finished() || (flush == Deflater.SYNC_FLUSH && n < buf.length)) {
                return out.toByteArray();
            }
        }
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }
}
