package org.keras4j.saving.hdf5;

import io.jhdf.ObjectHeader;
import io.jhdf.object.message.AttributeInfoMessage;
import io.jhdf.object.message.LinkInfoMessage;
import io.jhdf.object.message.SymbolTableMessage;
import java.util.HashSet;
import java.util.Set;

/**
 * Checks the index structures of a group or of a node's attributes before jHDF reads them, so that a damaged or
 * hostile file cannot make jHDF loop, recurse without end or size a list from a count it has not checked:
 * <ul>
 *   <li>old-style groups (what h5py writes by default): the whole B-tree ({@link BTreeV1Walk}) and every symbol
 *       table node it points to, each reached once, all within the file;</li>
 *   <li>new-style groups and attributes in dense storage (h5py with {@code track_order=True}, or libver "latest"):
 *       the header of their version-2 B-tree, whose record count jHDF sizes a list from.</li>
 * </ul>
 * Deeper structures of the new style (fractal heap blocks, version-2 B-tree nodes) are left to jHDF, whose
 * checksums reject accidental damage; a file crafted with valid checksums could still make it do more work.
 */
final class StructureChecks {
    /** Deeper than any tree HDF5 builds for the links or attributes of one object; jHDF recurses once per level. */
    private static final int MAX_BTREE_V2_DEPTH = 64;

    private final FileBytes file;
    private final Set<Long> checkedGroups = new HashSet<>();
    private final Set<Long> checkedAttributes = new HashSet<>();

    StructureChecks(FileBytes file) {
        this.file = file;
    }

    /** @throws Malformed if the group's index is damaged */
    void group(ObjectHeader header) {
        if (checkedGroups.contains(header.getAddress())) {
            return;
        }
        for (SymbolTableMessage table : header.getMessagesOfType(SymbolTableMessage.class)) {
            symbolTable(table);
        }
        for (LinkInfoMessage links : header.getMessagesOfType(LinkInfoMessage.class)) {
            if (!file.isUndefined(links.getBTreeNameIndexAddress())) { // else the links are in the header
                bTreeV2Header(links.getBTreeNameIndexAddress(), "the group's link index");
            }
        }
        checkedGroups.add(header.getAddress()); // only once it passed: a failure must fail again
    }

    /** @throws Malformed if the node's dense attribute index is damaged */
    void attributes(ObjectHeader header) {
        if (checkedAttributes.contains(header.getAddress())) {
            return;
        }
        for (AttributeInfoMessage info : header.getMessagesOfType(AttributeInfoMessage.class)) {
            if (!file.isUndefined(info.getFractalHeapAddress())) {
                bTreeV2Header(info.getAttributeNameBTreeAddress(), "the attribute index");
            }
        }
        checkedAttributes.add(header.getAddress());
    }

    private void symbolTable(SymbolTableMessage table) {
        String what = "the group's symbol table";
        Set<Long> nodes = new HashSet<>();
        long entrySize = 2L * file.offsetSize() + 24;
        long[] claimed = {0};
        BTreeV1Walk.walk(file, table.getBTreeAddress(), BTreeV1Walk.GROUP_NODES, file.lengthSize(), what,
                (key, address) -> {
                    if (!nodes.add(address)) {
                        throw new Malformed(what + ": symbol table node at address " + address
                                + " is listed twice");
                    }
                    long position = file.at(address);
                    file.require(position, 8, what + ": symbol table node");
                    if (!file.hasSignature(position, "SNOD")) {
                        throw new Malformed(what + ": no symbol table node (signature 'SNOD') at offset " + position);
                    }
                    int symbols = file.u16(position + 6);
                    file.require(position + 8, symbols * entrySize, what + ": " + symbols + " symbols");
                    claimed[0] += 8 + symbols * entrySize;
                    if (claimed[0] > file.size()) {
                        throw new Malformed(what + ": its symbol table nodes claim more bytes than the file holds ("
                                + file.size() + ")");
                    }
                });
    }

    private void bTreeV2Header(long address, String what) {
        long position = file.at(address);
        int size = 16 + file.offsetSize() + 2 + file.lengthSize() + 4;
        file.require(position, size, what);
        if (!file.hasSignature(position, "BTHD")) {
            throw new Malformed(what + ": no B-tree header (signature 'BTHD') at offset " + position);
        }
        long nodeSize = file.u32(position + 6);
        int recordSize = file.u16(position + 10);
        int depth = file.u16(position + 12);
        long records = file.length(position + 16 + file.offsetSize() + 2);
        if (recordSize == 0 || nodeSize > file.size() || depth > MAX_BTREE_V2_DEPTH || records < 0
                || records > file.size() / recordSize) {
            throw new Malformed(what + ": B-tree header declares " + records + " records of " + recordSize
                    + " bytes, nodes of " + nodeSize + " bytes and depth " + depth + ", more than a file of "
                    + file.size() + " bytes holds");
        }
    }
}
