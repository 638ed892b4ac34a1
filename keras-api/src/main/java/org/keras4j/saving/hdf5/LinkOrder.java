package org.keras4j.saving.hdf5;

import io.jhdf.FractalHeap;
import io.jhdf.ObjectHeader;
import io.jhdf.btree.BTreeV2;
import io.jhdf.btree.record.LinkNameForIndexedGroupRecord;
import io.jhdf.object.message.LinkInfoMessage;
import io.jhdf.object.message.LinkMessage;
import io.jhdf.storage.HdfBackingStorage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The order h5py lists a group's members in: by name (byte order, as HDF5's name index sorts), or by creation order
 * when the group tracks it ({@code track_order=True}). jHDF's own order is its storage order, which for a large
 * new-style group is the order of name hashes.
 */
final class LinkOrder {
    private static final Comparator<String> BY_NAME = (a, b) -> Arrays.compareUnsigned(
            a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

    private LinkOrder() {
    }

    /** {@code names} sorted as HDF5's name index sorts them. */
    static List<String> byName(Collection<String> names) {
        List<String> sorted = new ArrayList<>(names);
        sorted.sort(BY_NAME);
        return sorted;
    }

    static List<String> of(Collection<String> names, ObjectHeader header, HdfBackingStorage storage, FileBytes file) {
        List<String> ordered = new ArrayList<>(names);
        List<LinkInfoMessage> info = header.getMessagesOfType(LinkInfoMessage.class);
        if (info.isEmpty() || !info.get(0).isLinkCreationOrderTracked()) {
            ordered.sort(BY_NAME);
            return ordered;
        }
        Map<String, Long> created = new HashMap<>();
        for (LinkMessage link : links(info.get(0), header, storage, file)) {
            created.put(link.getLinkName(), link.getCreationOrder());
        }
        ordered.sort(Comparator.comparing((String name) -> created.getOrDefault(name, Long.MAX_VALUE))
                .thenComparing(BY_NAME));
        return ordered;
    }

    /** The link messages: in the object header (compact storage) or in the fractal heap (dense storage). */
    private static List<LinkMessage> links(LinkInfoMessage info, ObjectHeader header, HdfBackingStorage storage,
            FileBytes file) {
        if (file.isUndefined(info.getBTreeNameIndexAddress())) {
            return header.getMessagesOfType(LinkMessage.class);
        }
        BTreeV2<LinkNameForIndexedGroupRecord> index = new BTreeV2<>(storage, info.getBTreeNameIndexAddress());
        FractalHeap heap = new FractalHeap(storage, info.getFractalHeapAddress());
        List<LinkMessage> links = new ArrayList<>();
        for (LinkNameForIndexedGroupRecord record : index.getRecords()) {
            links.add(LinkMessage.fromBuffer(heap.getId(record.getId()), storage.getSuperblock()));
        }
        return links;
    }
}
