#!/usr/bin/env python3
"""PyTorch side of keras4j's benchmark: the same workloads as
org.keras4j.examples.benchmark.Benchmark, printed as one JSON line that the Java program reads.

  W1  MLP 784-512-256-10 (ReLU, softmax + cross-entropy, Adam lr 1e-3 eps 1e-7), batch 128,
      one epoch of synthetic samples (s/epoch); inference in batches of 1000 (samples/s)
  W2  course CNN (Conv 16 5x5 same + ReLU, MaxPool 2, Conv 32 5x5 same + ReLU, MaxPool 2, Linear 10), Adam,
      batch 64: training and inference (batch 1000) in images/s
  W3  LSTM 128 units over 50 steps x 64 features, last step -> Linear 10, Adam, batch 64 (s/epoch)
  W4  2-8-1 net (tanh, sigmoid + binary cross-entropy, SGD lr 0.01), batch 4:
      us per training step and per inference call
  W5  sgemm 2048^3 (GFLOP/s)
  W7  residual CNN (Conv 16 3x3 same + ReLU; 2 x [Conv 16 3x3 same + ReLU, Conv 16 3x3 same, add the block's
      input, ReLU]; global average pooling, Linear 10), Adam, batch 64: training in images/s
  W8  GRU 128 units (Keras 3's reset_after form, as nn.GRU) over W3's sequences, last step -> Linear 10, Adam,
      batch 64 (s/epoch)
  W9  character language model step: Embedding(65, 64), LSTM 256 over 100 steps, Linear 65 at every step,
      cross-entropy with the next token at each position, Adam, batch 64 (ms/step)

Usage: python3 benchmark/pytorch_bench.py [--reps 3] [--w1-samples 60000] [--w4-samples 4000]
                                         [--w2-samples 10000] [--w3-samples 10000] [--w7-samples 4000]
                                         [--w8-samples 10000] [--w9-batches 20] [--threads N]
                                         [--only w3,w7,w8,w9]
Without --threads, each workload runs with one intra-op thread and with one per core, and the faster
of the two is kept (on a shared 2-core machine PyTorch's two threads have run 3.5x slower than one): the
best PyTorch this machine gives. "threads" in the JSON says which count each result used.
"""
import argparse
import json
import os
import resource
import statistics
import sys
import time

import torch
from torch import nn

W1_BATCH, W1_INFER_SAMPLES, W1_INFER_BATCH = 128, 10_000, 1000
W4_BATCH, W4_INFER_CALLS, GEMM_N = 4, 2000, 2048
W2_BATCH, W2_INFER_BATCH = 64, 1000
W3_STEPS, W3_FEATURES, W3_UNITS, W3_BATCH = 50, 64, 128, 64
W7_BATCH, W7_FILTERS, W7_BLOCKS = 64, 16, 2
W9_VOCABULARY, W9_EMBEDDING, W9_UNITS, W9_STEPS, W9_BATCH = 65, 64, 256, 100, 64


# rates; every other metric is a time
HIGHER_IS_BETTER = {"W1_infer", "W2_train", "W2_infer", "W5_sgemm", "W7_train"}


def best_of(thread_counts, run, results, chosen):
    """Runs one workload with each thread count and keeps, per metric, the repetitions with the better median."""
    for n in thread_counts:
        torch.set_num_threads(n)
        trial = {}
        run(trial)
        for key, values in trial.items():
            m = statistics.median(values)
            if key in results:
                best = statistics.median(results[key])
                if (m <= best) if key in HIGHER_IS_BETTER else (m >= best):
                    continue
            results[key] = values
            chosen[key] = n


def seconds(fn):
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def fit_batches(model, opt, loss_fn, x, y, batch, n):
    for i in range(0, n, batch):
        opt.zero_grad(set_to_none=True)
        loss = loss_fn(model(x[i:i + batch]), y[i:i + batch])
        loss.backward()
        opt.step()


def w1(reps, samples, results):
    x = torch.rand(samples, 784)
    y = torch.randint(0, 10, (samples,))
    model = nn.Sequential(nn.Linear(784, 512), nn.ReLU(), nn.Linear(512, 256), nn.ReLU(), nn.Linear(256, 10))
    opt = torch.optim.Adam(model.parameters(), lr=1e-3, eps=1e-7)
    loss_fn = nn.CrossEntropyLoss()  # softmax + categorical cross-entropy, as the DL4J output layer
    infer_n = min(W1_INFER_SAMPLES, samples)
    xi = x[:infer_n].clone()

    def infer():
        with torch.no_grad():
            for i in range(0, infer_n, W1_INFER_BATCH):
                torch.softmax(model(xi[i:i + W1_INFER_BATCH]), dim=1)

    fit_batches(model, opt, loss_fn, x, y, W1_BATCH, min(samples, 40 * W1_BATCH))  # warm-up
    infer()
    model.train()
    results["W1_train"] = [seconds(lambda: fit_batches(model, opt, loss_fn, x, y, W1_BATCH, samples))
                           for _ in range(reps)]
    model.eval()
    results["W1_infer"] = [infer_n / seconds(infer) for _ in range(reps)]


def w2(reps, samples, results):
    x = torch.rand(samples, 1, 28, 28)
    y = torch.randint(0, 10, (samples,))
    model = nn.Sequential(nn.Conv2d(1, 16, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
                          nn.Conv2d(16, 32, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
                          nn.Flatten(), nn.Linear(32 * 7 * 7, 10))
    opt = torch.optim.Adam(model.parameters(), lr=1e-3, eps=1e-7)
    loss_fn = nn.CrossEntropyLoss()

    def infer():
        with torch.no_grad():
            for i in range(0, samples, W2_INFER_BATCH):
                torch.softmax(model(x[i:i + W2_INFER_BATCH]), dim=1)

    fit_batches(model, opt, loss_fn, x, y, W2_BATCH, min(samples, 10 * W2_BATCH))  # warm-up
    infer()
    results["W2_train"] = [samples / seconds(lambda: fit_batches(model, opt, loss_fn, x, y, W2_BATCH, samples))
                           for _ in range(reps)]
    results["W2_infer"] = [samples / seconds(infer) for _ in range(reps)]


class LastStepLstm(nn.Module):
    def __init__(self):
        super().__init__()
        self.lstm = nn.LSTM(W3_FEATURES, W3_UNITS, batch_first=True)
        self.dense = nn.Linear(W3_UNITS, 10)

    def forward(self, x):
        out, _ = self.lstm(x)
        return self.dense(out[:, -1])


def w3(reps, samples, results):
    x = torch.rand(samples, W3_STEPS, W3_FEATURES)
    y = torch.randint(0, 10, (samples,))
    model = LastStepLstm()
    opt = torch.optim.Adam(model.parameters(), lr=1e-3, eps=1e-7)
    loss_fn = nn.CrossEntropyLoss()
    fit_batches(model, opt, loss_fn, x, y, W3_BATCH, min(samples, 5 * W3_BATCH))  # warm-up
    results["W3_train"] = [seconds(lambda: fit_batches(model, opt, loss_fn, x, y, W3_BATCH, samples))
                           for _ in range(reps)]


def w4(reps, samples, results):
    x = torch.rand(samples, 2)
    y = ((x[:, 0] > 0.5) ^ (x[:, 1] > 0.5)).float().unsqueeze(1)
    model = nn.Sequential(nn.Linear(2, 8), nn.Tanh(), nn.Linear(8, 1), nn.Sigmoid())
    opt = torch.optim.SGD(model.parameters(), lr=0.01)
    loss_fn = nn.BCELoss()
    xi = x[:W4_BATCH].clone()
    steps = (samples + W4_BATCH - 1) // W4_BATCH

    def infer():
        with torch.no_grad():
            for _ in range(W4_INFER_CALLS):
                model(xi)

    fit_batches(model, opt, loss_fn, x, y, W4_BATCH, min(samples, 200 * W4_BATCH))  # warm-up
    infer()
    results["W4_train"] = [seconds(lambda: fit_batches(model, opt, loss_fn, x, y, W4_BATCH, samples)) * 1e6 / steps
                           for _ in range(reps)]
    results["W4_infer"] = [seconds(infer) * 1e6 / W4_INFER_CALLS for _ in range(reps)]


class LastStepGru(nn.Module):
    def __init__(self):
        super().__init__()
        self.gru = nn.GRU(W3_FEATURES, W3_UNITS, batch_first=True)
        self.dense = nn.Linear(W3_UNITS, 10)

    def forward(self, x):
        out, _ = self.gru(x)
        return self.dense(out[:, -1])


def w8(reps, samples, results):
    x = torch.rand(samples, W3_STEPS, W3_FEATURES)
    y = torch.randint(0, 10, (samples,))
    model = LastStepGru()
    opt = torch.optim.Adam(model.parameters(), lr=1e-3, eps=1e-7)
    loss_fn = nn.CrossEntropyLoss()
    fit_batches(model, opt, loss_fn, x, y, W3_BATCH, min(samples, 5 * W3_BATCH))  # warm-up
    results["W8_train"] = [seconds(lambda: fit_batches(model, opt, loss_fn, x, y, W3_BATCH, samples))
                           for _ in range(reps)]


class CharLanguageModel(nn.Module):
    def __init__(self):
        super().__init__()
        self.embedding = nn.Embedding(W9_VOCABULARY, W9_EMBEDDING)
        self.lstm = nn.LSTM(W9_EMBEDDING, W9_UNITS, batch_first=True)
        self.dense = nn.Linear(W9_UNITS, W9_VOCABULARY)

    def forward(self, x):
        out, _ = self.lstm(self.embedding(x))
        return self.dense(out).reshape(-1, W9_VOCABULARY)


def w9(reps, batches, results):
    tokens = torch.randint(1, W9_VOCABULARY, (batches * W9_BATCH, W9_STEPS + 1))
    x, y = tokens[:, :-1].contiguous(), tokens[:, 1:].reshape(-1)
    model = CharLanguageModel()
    opt = torch.optim.Adam(model.parameters(), lr=1e-3, eps=1e-7)
    loss_fn = nn.CrossEntropyLoss()

    def fit(n):
        for i in range(0, n, W9_BATCH):
            opt.zero_grad(set_to_none=True)
            loss = loss_fn(model(x[i:i + W9_BATCH]), y[i * W9_STEPS:(i + W9_BATCH) * W9_STEPS])
            loss.backward()
            opt.step()

    fit(min(batches, 3) * W9_BATCH)  # warm-up
    results["W9_train"] = [seconds(lambda: fit(batches * W9_BATCH)) * 1000 / batches for _ in range(reps)]


class ResidualBlock(nn.Module):
    def __init__(self, filters):
        super().__init__()
        self.conv1 = nn.Conv2d(filters, filters, 3, padding=1)
        self.conv2 = nn.Conv2d(filters, filters, 3, padding=1)

    def forward(self, x):
        return torch.relu(self.conv2(torch.relu(self.conv1(x))) + x)


def w7(reps, samples, results):
    x = torch.rand(samples, 1, 28, 28)
    y = torch.randint(0, 10, (samples,))
    model = nn.Sequential(nn.Conv2d(1, W7_FILTERS, 3, padding=1), nn.ReLU(),
                          *[ResidualBlock(W7_FILTERS) for _ in range(W7_BLOCKS)],
                          nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(W7_FILTERS, 10))
    opt = torch.optim.Adam(model.parameters(), lr=1e-3, eps=1e-7)
    loss_fn = nn.CrossEntropyLoss()
    fit_batches(model, opt, loss_fn, x, y, W7_BATCH, min(samples, 10 * W7_BATCH))  # warm-up
    results["W7_train"] = [samples / seconds(lambda: fit_batches(model, opt, loss_fn, x, y, W7_BATCH, samples))
                           for _ in range(reps)]


def w5(reps, results):
    n = GEMM_N
    a, b, c = torch.rand(n, n), torch.rand(n, n), torch.empty(n, n)
    torch.mm(a, b, out=c)  # warm-up
    results["W5_sgemm"] = [2.0 * n ** 3 / seconds(lambda: torch.mm(a, b, out=c)) / 1e9 for _ in range(reps)]


def main(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--reps", type=int, default=3)
    p.add_argument("--w1-samples", type=int, default=60_000)
    p.add_argument("--w4-samples", type=int, default=4000)
    p.add_argument("--w2-samples", type=int, default=10_000)
    p.add_argument("--w3-samples", type=int, default=10_000)
    p.add_argument("--w7-samples", type=int, default=4000)
    p.add_argument("--w8-samples", type=int, default=10_000)
    p.add_argument("--w9-batches", type=int, default=20)
    p.add_argument("--only", help="run only these workloads, comma-separated: w3, w7, w8, w9")
    p.add_argument("--threads", type=int, help="intra-op threads (default: the faster of 1 and one per core)")
    p.add_argument("--seed", type=int, default=42)
    a = p.parse_args(argv)
    if min(a.reps, a.w1_samples, a.w4_samples, a.w2_samples, a.w3_samples, a.w7_samples, a.w8_samples,
           a.w9_batches, a.threads or 1) <= 0:
        p.error("--reps, --threads and the sample counts must be positive")
    only = set(a.only.split(",")) if a.only else None
    if only is not None and not only <= {"w3", "w7", "w8", "w9"}:
        p.error("--only takes w3, w7, w8 and w9, comma-separated, got " + a.only)
    threads = [a.threads] if a.threads else sorted({1, os.cpu_count() or 1})
    torch.manual_seed(a.seed)
    results, chosen = {}, {}
    runs = []
    if only is None:
        runs += [lambda r: w1(a.reps, a.w1_samples, r), lambda r: w2(a.reps, a.w2_samples, r),
                 lambda r: w3(a.reps, a.w3_samples, r), lambda r: w4(a.reps, a.w4_samples, r),
                 lambda r: w5(a.reps, r)]
    if only is not None and "w3" in only:
        runs.append(lambda r: w3(a.reps, a.w3_samples, r))
    if only is None or "w7" in only:
        runs.append(lambda r: w7(a.reps, a.w7_samples, r))
    if only is None or "w8" in only:
        runs.append(lambda r: w8(a.reps, a.w8_samples, r))
    if only is None or "w9" in only:
        runs.append(lambda r: w9(a.reps, a.w9_batches, r))
    for run in runs:
        best_of(threads, run, results, chosen)
    info = {
        "version": torch.__version__,
        "threads": ", ".join(f"{k} {v}" for k, v in sorted(chosen.items())),
        "peak_rss_mb": str(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024),
    }
    print(json.dumps({"results": {"pytorch": results}, "info": {"pytorch": info}}))


if __name__ == "__main__":
    main(sys.argv[1:])
