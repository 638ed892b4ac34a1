"""Recomputes a keras4j-saved MLP's prediction from its Keras 3 weights file with h5py and numpy alone.

usage: predict_mlp.py model.weights.h5 x1,x2,...  -> prints the softmax output, comma-separated
The file is read as Keras 3's saving_lib reads it: layers/dense/vars/{0,1} (kernel, bias), layers/dense_1/vars/...
"""
import sys

import h5py
import numpy as np

with h5py.File(sys.argv[1], "r") as f:
    w1, b1 = f["layers/dense/vars/0"][()], f["layers/dense/vars/1"][()]
    w2, b2 = f["layers/dense_1/vars/0"][()], f["layers/dense_1/vars/1"][()]
    name = f["vars"].attrs["name"]
    assert (name.decode() if isinstance(name, bytes) else name) == "mlp", name
x = np.array([float(v) for v in sys.argv[2].split(",")], dtype=np.float64)
h = np.maximum(x @ w1.astype(np.float64) + b1, 0.0)
z = h @ w2.astype(np.float64) + b2
p = np.exp(z - z.max()) / np.exp(z - z.max()).sum()
print(",".join(repr(float(v)) for v in p))
