"""Writes the small HDF5 files Hdf5ReaderTest reads, with h5py as Keras writes them.

Run from this directory with Debian's Python (it has h5py): /usr/bin/python3 make_fixtures.py
The outputs are committed; rerunning gives the same content (no timestamps are stored).

keras_legacy.h5  - a Keras 2 style full-model file: root attributes (str), model_weights with layer_names
                   (|S fixed-length), weight_names (|S, object / vlen str, and the empty float64 array Keras
                   writes for "no weights"), weights at model_weights/<layer>/<layer>/<var>:0
keras3_weights.h5 - a Keras 3 model.weights.h5: layers/<layer>/vars/<i>, optimizer/vars/0 (int64 scalar)
layouts.h5       - float16 / big-endian float32 / float64 datasets, chunked (gzip + shuffle, partial edge
                   chunks; plain; partly unwritten with a fill value), compact, never-written contiguous,
                   non-float datasets, groups tracking creation order (compact and dense link storage)
"""
import h5py
import numpy as np

NO_TIMES = dict(track_times=False)


def values(shape, scale=1.0):
    n = int(np.prod(shape)) if shape else 1
    return (np.arange(n, dtype=np.float64) * scale - n / 3).reshape(shape)


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
        ordered = f.create_group("ordered", track_order=True)
        for name in ["zeta", "alpha", "mu"]:
            ordered.create_dataset(name, data=np.int8(0), **NO_TIMES)
        dense = f.create_group("ordered_dense", track_order=True)  # more than 8 links: dense storage
        for i in range(12):
            dense.create_dataset("d%02d" % (11 - i), data=np.int8(i), **NO_TIMES)
        by_name = f.create_group("by_name")
        for name in ["b", "a", "B"]:
            by_name.create_dataset(name, data=np.int8(0), **NO_TIMES)


if __name__ == "__main__":
    keras_legacy()
    keras3_weights()
    layouts()
