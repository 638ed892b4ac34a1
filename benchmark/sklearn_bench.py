#!/usr/bin/env python3
"""scikit-learn side of keras4j's benchmark: R1, printed as one JSON line that the Java program reads.

  R1  BernoulliRBM(n_components=256, learning_rate=0.05, batch_size=64) (persistent CD-1) on binarized
      images (a pixel is on when its byte is above 127): seconds per epoch (each epoch of the loop
      BernoulliRBM.fit runs, timed on its own), and after the last epoch the exact pseudo-likelihood of
      the first --eval test images: every pixel flipped in turn, sum over pixels of
      log sigmoid(F(flipped) - F(v)), the expectation of BernoulliRBM.score_samples (which flips one
      random pixel and multiplies by the number of pixels); the same formula as keras4j's
      RBM.exactPseudoLikelihood.

The images are IDX files (gzipped or not), as MNIST's: the Java benchmark passes the files its own side
trained on, so both train on the same bytes. The training images are cut to whole batches (60,000 to
59,968): on a short last batch BernoulliRBM._fit divides the chains' statistics (64 chains) by the batch's
size (32), a doubled negative phase once per epoch that keras4j's RBM does not do; with whole batches the
two updates are the same.

Usage: python3 benchmark/sklearn_bench.py --train-images FILE --test-images FILE
                                         [--samples 60000] [--eval 1000] [--epochs 10] [--seed 42]
       python3 benchmark/sklearn_bench.py --test-images FILE --eval N --weights FILE
The second form trains nothing: it prints the exact pseudo-likelihood of each of the first N test images
under the RBM whose weights FILE holds (big-endian float32: W [784, hidden] row-major, the hidden biases,
the visible biases; keras4j's RBM.getWeights order), so that a test can check both programs compute the
same number.
"""
import argparse
import gzip
import json
import resource
import struct
import sys
import time

import numpy as np
import sklearn
from scipy.special import log_expit
from sklearn.neural_network import BernoulliRBM
from sklearn.utils import check_random_state, gen_even_slices

HIDDEN, LEARNING_RATE, BATCH, THRESHOLD = 256, 0.05, 64, 127


def read_idx(path, n, whole_batches=False):
    """The first n images of an IDX file of unsigned bytes [count, rows, cols] as float32 0/1 rows
    (with whole_batches, cut down to a multiple of the batch size when there are at least BATCH)."""
    with open(path, "rb") as f:
        raw = f.read()
    if raw[:2] == b"\x1f\x8b":
        raw = gzip.decompress(raw)
    zero, kind, dims = struct.unpack(">HBB", raw[:4])
    if zero != 0 or kind != 0x08 or dims != 3:
        raise ValueError(f"{path}: expected an IDX file of unsigned bytes [count, rows, cols], "
                         f"got type 0x{kind:02x} with {dims} dimensions")
    count, rows, cols = struct.unpack(">III", raw[4:16])
    m = min(n, count)
    if whole_batches and m >= BATCH:
        m -= m % BATCH
    pixels = np.frombuffer(raw, dtype=np.uint8, count=m * rows * cols, offset=16)
    return (pixels.reshape(m, rows * cols) > THRESHOLD).astype(np.float32)


def fit_by_epoch(rbm, X, epochs):
    """BernoulliRBM.fit (scikit-learn 1.x) with each epoch timed: the same statements, the same random stream."""
    rbm._validate_params()
    X = rbm._validate_data(X, accept_sparse="csr", dtype=(np.float64, np.float32))
    n_samples = X.shape[0]
    rng = check_random_state(rbm.random_state)
    rbm.components_ = np.asarray(rng.normal(0, 0.01, (rbm.n_components, X.shape[1])), order="F", dtype=X.dtype)
    rbm._n_features_out = rbm.components_.shape[0]
    rbm.intercept_hidden_ = np.zeros(rbm.n_components, dtype=X.dtype)
    rbm.intercept_visible_ = np.zeros(X.shape[1], dtype=X.dtype)
    rbm.h_samples_ = np.zeros((rbm.batch_size, rbm.n_components), dtype=X.dtype)
    n_batches = int(np.ceil(float(n_samples) / rbm.batch_size))
    batch_slices = list(gen_even_slices(n_batches * rbm.batch_size, n_batches, n_samples=n_samples))
    seconds = []
    for _ in range(epochs):
        t = time.perf_counter()
        for batch_slice in batch_slices:
            rbm._fit(X[batch_slice], rng)
        seconds.append(time.perf_counter() - t)
    return seconds


def exact_pseudo_likelihood(rbm, V):
    """Per sample: sum over pixels i of log sigmoid(F(v with pixel i flipped) - F(v)), in double precision."""
    W = rbm.components_.astype(np.float64)             # [hidden, visible]
    c = rbm.intercept_hidden_.astype(np.float64)
    b = rbm.intercept_visible_.astype(np.float64)
    V = V.astype(np.float64)
    pre = V @ W.T + c                                   # [n, hidden]
    base = np.logaddexp(0, pre).sum(axis=1)
    out = np.empty(V.shape[0])
    for i in range(V.shape[0]):
        s = 1 - 2 * V[i]                                # flipping pixel a adds s_a W_a to the hidden inputs
        flipped = pre[i][None, :] + s[:, None] * W.T    # [visible, hidden]
        minus_delta = s * b + np.logaddexp(0, flipped).sum(axis=1) - base[i]   # F(v) - F(flipped)
        out[i] = -np.logaddexp(0, minus_delta).sum()   # sum of log sigmoid(F(flipped) - F(v))
    return out


def self_check(X, seed):
    """fit_by_epoch is BernoulliRBM.fit, and the exact pseudo-likelihood is the sum over flips of _free_energy."""
    small = X[:300]
    a = BernoulliRBM(n_components=16, learning_rate=LEARNING_RATE, batch_size=BATCH, n_iter=2, random_state=seed)
    a.fit(small)
    b = BernoulliRBM(n_components=16, learning_rate=LEARNING_RATE, batch_size=BATCH, n_iter=2, random_state=seed)
    fit_by_epoch(b, small, 2)
    if not np.array_equal(a.components_, b.components_):
        raise AssertionError("the epoch-by-epoch loop does not reproduce BernoulliRBM.fit")
    v = small[:2].astype(np.float64)
    brute = []
    for row in v:
        flips = np.repeat(row[None, :], row.size, axis=0)
        flips[np.arange(row.size), np.arange(row.size)] = 1 - row
        brute.append(log_expit(a._free_energy(flips) - a._free_energy(row[None, :])).sum())
    if not np.allclose(exact_pseudo_likelihood(a, v), brute, rtol=1e-9, atol=1e-6):
        raise AssertionError("the exact pseudo-likelihood does not match the free energies of the flipped images")


def score_weights(weights_file, E):
    """The exact pseudo-likelihood of each row of E under the RBM in weights_file (see the usage)."""
    raw = np.fromfile(weights_file, dtype=">f4").astype(np.float32)
    visible = E.shape[1]
    hidden = (raw.size - visible) // (visible + 1)
    if hidden * (visible + 1) + visible != raw.size:
        raise ValueError(f"{weights_file}: {raw.size} floats are not W [{visible}, h], h hidden and {visible} "
                         "visible biases for any h")
    rbm = BernoulliRBM(n_components=hidden)
    rbm.components_ = raw[:visible * hidden].reshape(visible, hidden).T.copy()
    rbm.intercept_hidden_ = raw[visible * hidden:visible * hidden + hidden]
    rbm.intercept_visible_ = raw[visible * hidden + hidden:]
    return exact_pseudo_likelihood(rbm, E)


def blas_info():
    try:
        from threadpoolctl import threadpool_info
        return "; ".join(f"{p.get('internal_api')} {p.get('version')}, {p.get('num_threads')} threads"
                         for p in threadpool_info() if p.get("user_api") == "blas") or "unknown"
    except ImportError:
        return "unknown (no threadpoolctl)"


def main(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--train-images", help="IDX file of training images (gzipped or not)")
    p.add_argument("--test-images", required=True, help="IDX file of test images for the pseudo-likelihood")
    p.add_argument("--samples", type=int, default=60_000)
    p.add_argument("--eval", type=int, default=1000)
    p.add_argument("--epochs", type=int, default=10)
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--weights", help="score the RBM in this file instead of training (see the usage)")
    a = p.parse_args(argv)
    if min(a.samples, a.eval, a.epochs) <= 0:
        p.error("--samples, --eval and --epochs must be positive")
    if a.weights is not None:
        pl = score_weights(a.weights, read_idx(a.test_images, a.eval))
        print(json.dumps({"pseudo_likelihood": [float(v) for v in pl]}))
        return
    if a.train_images is None:
        p.error("--train-images is required unless --weights is given")
    X = read_idx(a.train_images, a.samples, whole_batches=True)
    E = read_idx(a.test_images, a.eval)
    self_check(X, a.seed)
    rbm = BernoulliRBM(n_components=HIDDEN, learning_rate=LEARNING_RATE, batch_size=BATCH, n_iter=a.epochs,
                       random_state=a.seed)
    seconds = fit_by_epoch(rbm, X, a.epochs)
    pl = float(exact_pseudo_likelihood(rbm, E).mean())
    results = {"R1_train": seconds, "R1_pl": [pl]}
    info = {
        "version": sklearn.__version__ + " (numpy " + np.__version__ + ")",
        "blas": blas_info(),
        "score_samples": "%.2f (its own estimate on the same test images, for reference: one random pixel per image "
                         "times 784, unbiased but noisy)" % float(rbm.score_samples(E).mean()),
        "peak_rss_mb": str(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024),
    }
    print(json.dumps({"results": {"sklearn": results}, "info": {"sklearn": info}}))


if __name__ == "__main__":
    main(sys.argv[1:])
