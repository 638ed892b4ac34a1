"""Prints what h5py finds in an HDF5 file, one line per group, dataset and attribute, sorted by path.

Hdf5WriterTest runs it on a file Hdf5Writer wrote: /usr/bin/python3 read_with_h5py.py FILE
  G <path>
  D <path> <shape> <dtype> <values, c order>
  A <path>@<name> <dtype> <value as JSON: a string, a list of strings, or numbers>
"""
import json
import sys

import h5py
import numpy as np


def plain(value):
    if isinstance(value, bytes):
        return value.decode("utf-8")
    if isinstance(value, np.ndarray):
        return [plain(v) for v in value.tolist()]
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


lines = []


def visit(name, obj):
    if isinstance(obj, h5py.Group):
        lines.append("G /%s" % name)
    else:
        lines.append("D /%s %s %s %s" % (name, list(obj.shape), obj.dtype.name, json.dumps(plain(np.asarray(obj[()]).tolist()))))
    for key in obj.attrs:
        value = obj.attrs[key]
        lines.append("A /%s@%s %s %s" % (name, key, np.asarray(value).dtype.str.lstrip("<>|="),
                                         json.dumps(plain(value), ensure_ascii=False)))


with h5py.File(sys.argv[1], "r") as f:
    visit("", f)
    f.visititems(visit)
print("\n".join(sorted(lines)))
