package org.keras4j.saving.hdf5;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;

/**
 * Walks a version-1 B-tree (the index of old-style groups and of chunked datasets in the format h5py writes by
 * default) before jHDF or the chunk reader trust it. Every node must carry the signature, the expected node type and
 * its parent's level minus one; no node may be reached twice; and all nodes together may not claim more bytes than
 * the file holds. So a cyclic, shared or oversized tree fails at once, and the walk's cost is bounded by the file's
 * size, whatever the nodes declare. jHDF itself follows child pointers without these checks.
 */
final class BTreeV1Walk {
    static final int GROUP_NODES = 0;
    static final int CHUNK_NODES = 1;

    /** Receives each entry of a leaf node: where its key starts and the address it points to. */
    @FunctionalInterface
    interface LeafEntry {
        void accept(long keyPosition, long childAddress);
    }

    private BTreeV1Walk() {
    }

    /**
     * @param keySize bytes of each key: the offset width for group nodes, 8 + 8 × (rank + 1) for chunk nodes
     * @throws Malformed naming {@code what} and the first violation found
     */
    static void walk(FileBytes file, long rootAddress, int nodeType, int keySize, String what, LeafEntry leaf) {
        int headerSize = 8 + 2 * file.offsetSize();
        long stride = (long) keySize + file.offsetSize();
        Deque<long[]> pending = new ArrayDeque<>();
        Set<Long> seen = new HashSet<>();
        pending.push(new long[] {rootAddress, -1});
        seen.add(rootAddress);
        long claimed = 0;
        while (!pending.isEmpty()) {
            long[] next = pending.pop();
            long position = file.at(next[0]);
            file.require(position, headerSize, what + ": B-tree node");
            if (!file.hasSignature(position, "TREE")) {
                throw new Malformed(what + ": no B-tree node (signature 'TREE') at offset " + position);
            }
            int type = file.u8(position + 4);
            if (type != nodeType) {
                throw new Malformed(what + ": B-tree node at offset " + position + " has node type " + type
                        + ", expected " + nodeType);
            }
            int level = file.u8(position + 5);
            if (next[1] >= 0 && level != next[1]) {
                throw new Malformed(what + ": B-tree node at offset " + position + " has level " + level
                        + ", its parent expects " + next[1]);
            }
            int entries = file.u16(position + 6);
            long body = entries * stride + keySize;
            file.require(position + headerSize, body, what + ": B-tree node's " + entries + " entries");
            claimed += headerSize + body;
            if (claimed > file.size()) {
                throw new Malformed(what + ": its B-tree nodes claim more bytes than the file holds ("
                        + file.size() + ")");
            }
            for (int i = 0; i < entries; i++) {
                long keyPosition = position + headerSize + i * stride;
                long child = file.offset(keyPosition + keySize);
                if (level == 0) {
                    leaf.accept(keyPosition, child);
                } else if (!seen.add(child)) {
                    throw new Malformed(what + ": B-tree node at address " + child
                            + " is reached twice (a cycle or a shared node)");
                } else {
                    pending.push(new long[] {child, level - 1});
                }
            }
        }
    }
}
