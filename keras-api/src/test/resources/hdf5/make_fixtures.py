"""Writes the small HDF5 files Hdf5ReaderTest reads, with h5py as Keras writes them.

Run from this directory with Debian's Python (it has h5py): /usr/bin/python3 make_fixtures.py
The tests run it once per JVM into a temporary directory (H5pyFixtures); the outputs are not kept in git. Rerunning gives the same content (no timestamps are stored).

keras_legacy.h5  - a Keras 2 style full-model file: root attributes (str), model_weights with layer_names
                   (|S fixed-length), weight_names (|S, object / vlen str, and the empty float64 array Keras
                   writes for "no weights"), weights at model_weights/<layer>/<layer>/<var>:0
keras3_weights.h5 - a Keras 3 model.weights.h5: layers/<layer>/vars/<i>, optimizer/vars/0 (int64 scalar)
hostile.h5       - valid, but built for Hdf5HostileFileTest: a chunk whose gzip data inflates to 1 MiB (the
                   chunk holds 64 bytes), a chunk B-tree of two levels (100 chunks) and a group of two
                   symbol table nodes (12 members), which the test rewires into a cycle and a shared node
layouts.h5       - float16 / big-endian float32 / float64 datasets, chunked (gzip + shuffle, partial edge
                   chunks; plain; partly unwritten with a fill value), compact, never-written contiguous, empty,
                   non-float datasets, groups tracking creation order (compact and dense link storage)
"""
import zlib

import h5py
import numpy as np

NO_TIMES = dict(track_times=False)


def values(shape, scale=1.0):
    n = int(np.prod(shape)) if shape else 1
    return (np.arange(n, dtype=np.float64) * scale - n / 3).reshape(shape)


def tracking_order(parent, name):
    """parent.create_group(name, track_order=True), without the timestamps h5py's groups of this kind store."""
    gcpl = h5py.h5p.create(h5py.h5p.GROUP_CREATE)
    gcpl.set_link_creation_order(h5py.h5p.CRT_ORDER_TRACKED | h5py.h5p.CRT_ORDER_INDEXED)
    gcpl.set_obj_track_times(False)
    return h5py.Group(h5py.h5g.create(parent.id, name.encode(), gcpl=gcpl))


def keras_legacy():
    with h5py.File("keras_legacy.h5", "w") as f:
        f.attrs["keras_version"] = "2.1.3"
        f.attrs["backend"] = "tensorflow"
        f.attrs["model_config"] = '{"class_name": "Sequential", "config": {"name": "caf\u00e9"}}'
        weights = f.create_group("model_weights")
        weights.attrs["layer_names"] = np.array([b"dense", b"dropout", b"conv2d"], dtype="|S7")
        weights.attrs["backend"] = np.bytes_(b"tensorflow")  # a fixed-length scalar
        dense = weights.create_group("dense")
        dense.attrs["weight_names"] = np.array([b"dense/kernel:0", b"dense/bias:0"])
        dense.create_dataset("dense/kernel:0", data=values((2, 3)).astype("f4"), **NO_TIMES)
        dense.create_dataset("dense/bias:0", data=values((3,)).astype("f4"), **NO_TIMES)
        dropout = weights.create_group("dropout")
        dropout.attrs["weight_names"] = np.array([], dtype=np.float64)
        conv = weights.create_group("conv2d")
        conv.attrs["weight_names"] = np.array(["conv2d/kernel:0", "conv2d/bias:0"], dtype=object)
        conv.create_dataset("conv2d/kernel:0", data=values((3, 3, 1, 2), 0.5).astype("f4"), **NO_TIMES)
        conv.create_dataset("conv2d/bias:0", data=values((2,)).astype("f4"), **NO_TIMES)


def keras3_weights():
    with h5py.File("keras3_weights.h5", "w") as f:
        layers = f.create_group("layers")
        v = layers.create_group("dense").create_group("vars")
        v.attrs["name"] = "dense"
        v.create_dataset("0", data=values((4, 2), 0.25).astype("f4"), **NO_TIMES)
        v.create_dataset("1", data=values((2,)).astype("f4"), **NO_TIMES)
        layers.create_group("flatten").create_group("vars").attrs["name"] = "flatten"
        o = f.create_group("optimizer").create_group("vars")
        o.attrs["name"] = "adam"
        o.create_dataset("0", data=np.int64(56250), **NO_TIMES)
        o.create_dataset("1", data=np.float32(0.001), **NO_TIMES)
        f.create_group("vars").attrs["name"] = "sequential"


def layouts():
    with h5py.File("layouts.h5", "w") as f:
        f.create_dataset("float16", data=values((2, 3)).astype("f2"), **NO_TIMES)
        f.create_dataset("float32_big_endian", data=values((5,)).astype(">f4"), **NO_TIMES)
        f.create_dataset("float64", data=values((2, 2), 1e-3), **NO_TIMES)
        f.create_dataset("gzip", data=values((20, 15), 0.1).astype("f4"), chunks=(8, 6),
                         compression="gzip", shuffle=True, **NO_TIMES)
        f.create_dataset("chunked", data=values((5, 7)).astype("f4"), chunks=(2, 3), **NO_TIMES)
        sparse = f.create_dataset("sparse", shape=(4, 4), chunks=(2, 2), dtype="f4", fillvalue=-1, **NO_TIMES)
        sparse[0:2, 0:2] = values((2, 2)).astype("f4")
        f.create_dataset("unwritten", shape=(3,), dtype="f4", fillvalue=7, **NO_TIMES)
        f.create_dataset("empty", shape=(0, 3), dtype="f4", **NO_TIMES)
        dcpl = h5py.h5p.create(h5py.h5p.DATASET_CREATE)
        dcpl.set_layout(h5py.h5d.COMPACT)
        dcpl.set_obj_track_times(False)
        space = h5py.h5s.create_simple((4,))
        compact = h5py.h5d.create(f.id, b"compact", h5py.h5t.IEEE_F32LE, space, dcpl=dcpl)
        compact.write(h5py.h5s.ALL, h5py.h5s.ALL, values((4,)).astype("<f4"))
        f.create_dataset("int32", data=np.arange(3, dtype=np.int32), **NO_TIMES)
        f.create_dataset("int8_scalar", data=np.int8(-5), **NO_TIMES)
        f.create_dataset("strings", data=np.array([b"a", b"bc"]), **NO_TIMES)
        # members are scalar datasets: an empty group costs ~2 KB in h5py's default format, a scalar ~300 bytes
        ordered = tracking_order(f, "ordered")
        for name in ["zeta", "alpha", "mu"]:
            ordered.create_dataset(name, data=np.int8(0), **NO_TIMES)
        dense = tracking_order(f, "ordered_dense")  # more than 8 links: dense storage
        for i in range(12):
            dense.create_dataset("d%02d" % (11 - i), data=np.int8(i), **NO_TIMES)
        by_name = f.create_group("by_name")
        for name in ["b", "a", "B"]:
            by_name.create_dataset(name, data=np.int8(0), **NO_TIMES)


def hostile():
    with h5py.File("hostile.h5", "w") as f:
        bomb = f.create_dataset("bomb", shape=(4, 4), chunks=(4, 4), dtype="f4", compression="gzip", **NO_TIMES)
        bomb.id.write_direct_chunk((0, 0), zlib.compress(bytes(1 << 20), 9))
        f.create_dataset("many_chunks", data=np.arange(100, dtype="f4"), chunks=(1,), **NO_TIMES)
        wide = f.create_group("wide")
        for i in range(12):
            wide.create_dataset("m%02d" % i, data=np.int8(i), **NO_TIMES)


if __name__ == "__main__":
    hostile()
    keras_legacy()
    keras3_weights()
    layouts()
