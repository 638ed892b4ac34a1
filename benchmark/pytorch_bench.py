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
  W6  course-size classifier 20-64-3 (ReLU, softmax + cross-entropy on class indices, Adam), batch 32,
      5 epochs of 6,000 rows, reshuffled each epoch, running accuracy as Keras's "accuracy" (ms/step)
  W7  residual CNN (Conv 16 3x3 same + ReLU; 2 x [Conv 16 3x3 same + ReLU, Conv 16 3x3 same, add the block's
      input, ReLU]; global average pooling, Linear 10), Adam, batch 64: training in images/s
  W8  GRU 128 units (Keras 3's reset_after form, as nn.GRU) over W3's sequences, last step -> Linear 10, Adam,
      batch 64 (s/epoch)
  W9  character language model step: Embedding(65, 64), LSTM 256 over 100 steps, Linear 65 at every step,
      cross-entropy with the next token at each position, Adam, batch 64 (ms/step)

Usage: python3 benchmark/pytorch_bench.py [--reps 3] [--w1-samples 60000] [--w4-samples 4000]
                                         [--w2-samples 10000] [--w3-samples 10000] [--w6-samples 6000]
                                         [--w7-samples 4000] [--w8-samples 10000] [--w9-batches 20]
                                         [--threads N] [--only w1,w2,w3,w4,w5,w6,w7,w8,w9]
       python3 benchmark/pytorch_bench.py --serve [the same sizes]
Without --threads, each workload runs with one intra-op thread and with one per core, and the faster
of the two is kept (on a shared 2-core machine PyTorch's two threads have run 3.5x slower than one): the
best PyTorch this machine gives. "threads" in the JSON says which count each result used.

--serve is how the Java benchmark runs it: one process per memory allocator (the allocator is chosen when
the process starts, LD_PRELOAD or glibc's MALLOC_* variables), answering one JSON request per line on
standard input with one JSON line on standard output, so that the Java side can interleave single
repetitions of keras4j, hand-written DL4J and each PyTorch configuration:
  {"op": "warm", "workload": "w1", "threads": [1, 2]}        -> {"ok": true}
  {"op": "rep", "workload": "w1", "metric": "W1_train", "threads": 1}  -> {"value": 5.31}
A workload's model and data are built on its first request (torch.manual_seed(seed) first), and
dropped when a request names another workload. The first line the process prints is
{"version": ..., "allocator": ...}.
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
W6_FEATURES, W6_UNITS, W6_CLASSES, W6_BATCH, W6_EPOCHS = 20, 64, 3, 32, 5
W7_BATCH, W7_FILTERS, W7_BLOCKS = 64, 16, 2
W9_VOCABULARY, W9_EMBEDDING, W9_UNITS, W9_STEPS, W9_BATCH = 65, 64, 256, 100, 64

WORKLOADS = ("w1", "w2", "w3", "w4", "w5", "w6", "w7", "w8", "w9")

# rates; every other metric is a time
HIGHER_IS_BETTER = {"W1_infer", "W2_train", "W2_infer", "W5_sgemm", "W7_train"}


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


def adam(model):
    return torch.optim.Adam(model.parameters(), lr=1e-3, eps=1e-7)


# Each workload: build(sizes) -> (warm, {metric: one timed repetition, returning its value}).

def w1(a):
    samples = a.w1_samples
    x = torch.rand(samples, 784)
    y = torch.randint(0, 10, (samples,))
    model = nn.Sequential(nn.Linear(784, 512), nn.ReLU(), nn.Linear(512, 256), nn.ReLU(), nn.Linear(256, 10))
    opt = adam(model)
    loss_fn = nn.CrossEntropyLoss()  # softmax + categorical cross-entropy, as the DL4J output layer
    infer_n = min(W1_INFER_SAMPLES, samples)
    xi = x[:infer_n].clone()

    def infer():
        with torch.no_grad():
            for i in range(0, infer_n, W1_INFER_BATCH):
                torch.softmax(model(xi[i:i + W1_INFER_BATCH]), dim=1)

    def warm():
        fit_batches(model, opt, loss_fn, x, y, W1_BATCH, min(samples, 40 * W1_BATCH))
        infer()

    def train():
        model.train()
        return seconds(lambda: fit_batches(model, opt, loss_fn, x, y, W1_BATCH, samples))

    def inference():
        model.eval()
        return infer_n / seconds(infer)

    return warm, {"W1_train": train, "W1_infer": inference}


def w2(a):
    samples = a.w2_samples
    x = torch.rand(samples, 1, 28, 28)
    y = torch.randint(0, 10, (samples,))
    model = nn.Sequential(nn.Conv2d(1, 16, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
                          nn.Conv2d(16, 32, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
                          nn.Flatten(), nn.Linear(32 * 7 * 7, 10))
    opt = adam(model)
    loss_fn = nn.CrossEntropyLoss()

    def infer():
        with torch.no_grad():
            for i in range(0, samples, W2_INFER_BATCH):
                torch.softmax(model(x[i:i + W2_INFER_BATCH]), dim=1)

    def warm():
        fit_batches(model, opt, loss_fn, x, y, W2_BATCH, min(samples, 10 * W2_BATCH))
        infer()

    return warm, {
        "W2_train": lambda: samples / seconds(lambda: fit_batches(model, opt, loss_fn, x, y, W2_BATCH, samples)),
        "W2_infer": lambda: samples / seconds(infer)}


class LastStepLstm(nn.Module):
    def __init__(self):
        super().__init__()
        self.lstm = nn.LSTM(W3_FEATURES, W3_UNITS, batch_first=True)
        self.dense = nn.Linear(W3_UNITS, 10)

    def forward(self, x):
        out, _ = self.lstm(x)
        return self.dense(out[:, -1])


class LastStepGru(nn.Module):
    def __init__(self):
        super().__init__()
        self.gru = nn.GRU(W3_FEATURES, W3_UNITS, batch_first=True)
        self.dense = nn.Linear(W3_UNITS, 10)

    def forward(self, x):
        out, _ = self.gru(x)
        return self.dense(out[:, -1])


def sequence_classifier(model, samples, key):
    x = torch.rand(samples, W3_STEPS, W3_FEATURES)
    y = torch.randint(0, 10, (samples,))
    opt = adam(model)
    loss_fn = nn.CrossEntropyLoss()
    return (lambda: fit_batches(model, opt, loss_fn, x, y, W3_BATCH, min(samples, 5 * W3_BATCH)),
            {key: lambda: seconds(lambda: fit_batches(model, opt, loss_fn, x, y, W3_BATCH, samples))})


def w3(a):
    return sequence_classifier(LastStepLstm(), a.w3_samples, "W3_train")


def w8(a):
    return sequence_classifier(LastStepGru(), a.w8_samples, "W8_train")


def w4(a):
    samples = a.w4_samples
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

    def warm():
        fit_batches(model, opt, loss_fn, x, y, W4_BATCH, min(samples, 200 * W4_BATCH))
        infer()

    return warm, {
        "W4_train": lambda: seconds(lambda: fit_batches(model, opt, loss_fn, x, y, W4_BATCH, samples)) * 1e6 / steps,
        "W4_infer": lambda: seconds(infer) * 1e6 / W4_INFER_CALLS}


def w5(a):
    n = GEMM_N
    x, y, out = torch.rand(n, n), torch.rand(n, n), torch.empty(n, n)
    return (lambda: torch.mm(x, y, out=out),
            {"W5_sgemm": lambda: 2.0 * n ** 3 / seconds(lambda: torch.mm(x, y, out=out)) / 1e9})


def w6(a):
    """The shape of most course exercises: shuffled mini-batches of a small table, the running accuracy
    read each step as Keras's progress does (the .item() a PyTorch course loop calls)."""
    samples = a.w6_samples
    x = torch.rand(samples, W6_FEATURES)
    y = x[:, :W6_CLASSES].argmax(1)
    model = nn.Sequential(nn.Linear(W6_FEATURES, W6_UNITS), nn.ReLU(), nn.Linear(W6_UNITS, W6_CLASSES))
    opt = adam(model)
    loss_fn = nn.CrossEntropyLoss()
    steps_per_epoch = (samples + W6_BATCH - 1) // W6_BATCH

    def epochs(n):
        for _ in range(n):
            perm = torch.randperm(samples)
            correct = 0
            for i in range(0, samples, W6_BATCH):
                idx = perm[i:i + W6_BATCH]
                xb, yb = x[idx], y[idx]
                opt.zero_grad(set_to_none=True)
                out = model(xb)
                loss = loss_fn(out, yb)
                loss.backward()
                opt.step()
                correct += (out.argmax(1) == yb).sum().item()

    return (lambda: epochs(W6_EPOCHS),  # one repetition, as the Java side's warm-up
            {"W6_train": lambda: seconds(lambda: epochs(W6_EPOCHS)) * 1000 / (W6_EPOCHS * steps_per_epoch)})


class CharLanguageModel(nn.Module):
    def __init__(self):
        super().__init__()
        self.embedding = nn.Embedding(W9_VOCABULARY, W9_EMBEDDING)
        self.lstm = nn.LSTM(W9_EMBEDDING, W9_UNITS, batch_first=True)
        self.dense = nn.Linear(W9_UNITS, W9_VOCABULARY)

    def forward(self, x):
        out, _ = self.lstm(self.embedding(x))
        return self.dense(out).reshape(-1, W9_VOCABULARY)


def w9(a):
    batches = a.w9_batches
    tokens = torch.randint(1, W9_VOCABULARY, (batches * W9_BATCH, W9_STEPS + 1))
    x, y = tokens[:, :-1].contiguous(), tokens[:, 1:].reshape(-1)
    model = CharLanguageModel()
    opt = adam(model)
    loss_fn = nn.CrossEntropyLoss()

    def fit(n):
        for i in range(0, n, W9_BATCH):
            opt.zero_grad(set_to_none=True)
            loss = loss_fn(model(x[i:i + W9_BATCH]), y[i * W9_STEPS:(i + W9_BATCH) * W9_STEPS])
            loss.backward()
            opt.step()

    return (lambda: fit(min(batches, 3) * W9_BATCH),
            {"W9_train": lambda: seconds(lambda: fit(batches * W9_BATCH)) * 1000 / batches})


class ResidualBlock(nn.Module):
    def __init__(self, filters):
        super().__init__()
        self.conv1 = nn.Conv2d(filters, filters, 3, padding=1)
        self.conv2 = nn.Conv2d(filters, filters, 3, padding=1)

    def forward(self, x):
        return torch.relu(self.conv2(torch.relu(self.conv1(x))) + x)


def w7(a):
    samples = a.w7_samples
    x = torch.rand(samples, 1, 28, 28)
    y = torch.randint(0, 10, (samples,))
    model = nn.Sequential(nn.Conv2d(1, W7_FILTERS, 3, padding=1), nn.ReLU(),
                          *[ResidualBlock(W7_FILTERS) for _ in range(W7_BLOCKS)],
                          nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(W7_FILTERS, 10))
    opt = adam(model)
    loss_fn = nn.CrossEntropyLoss()
    return (lambda: fit_batches(model, opt, loss_fn, x, y, W7_BATCH, min(samples, 10 * W7_BATCH)),
            {"W7_train": lambda: samples / seconds(lambda: fit_batches(model, opt, loss_fn, x, y, W7_BATCH, samples))})


BUILDERS = {"w1": w1, "w2": w2, "w3": w3, "w4": w4, "w5": w5, "w6": w6, "w7": w7, "w8": w8, "w9": w9}


def better(key, candidate, best):
    return candidate > best if key in HIGHER_IS_BETTER else candidate < best


def run_all(a, names, threads):
    """Each workload with each thread count (fresh model and data per count), reps per metric; per
    metric, the repetitions of the thread count with the better median."""
    results, chosen = {}, {}
    for name in names:
        for n in threads:
            torch.set_num_threads(n)
            torch.manual_seed(a.seed)
            warm, metrics = BUILDERS[name](a)
            warm()
            for key, rep in metrics.items():
                values = [rep() for _ in range(a.reps)]
                if key not in results or better(key, statistics.median(values), statistics.median(results[key])):
                    results[key], chosen[key] = values, n
    return results, chosen


def allocator():
    preload = os.environ.get("LD_PRELOAD", "")
    if "jemalloc" in preload:
        return "jemalloc, LD_PRELOAD=" + preload
    tuned = [v for v in ("MALLOC_MMAP_THRESHOLD_", "MALLOC_TRIM_THRESHOLD_", "MALLOC_TOP_PAD_") if v in os.environ]
    return "glibc, " + ", ".join(f"{v}={os.environ[v]}" for v in tuned) if tuned else "glibc"


def serve(a, lines, out):
    """Answers requests (see the module's doc) until end of input."""
    def reply(obj):
        out.write(json.dumps(obj) + "\n")
        out.flush()

    reply({"version": torch.__version__, "allocator": allocator()})
    current, warm, metrics, warmed = None, None, None, set()
    for line in lines:
        if not line.strip():
            continue
        req = json.loads(line)
        name = req.get("workload")
        if name not in BUILDERS:
            reply({"error": f"unknown workload {name!r}, expected one of {list(BUILDERS)}"})
            continue
        if name != current:
            current, warm, metrics, warmed = None, None, None, set()  # free the last workload first
            torch.manual_seed(a.seed)
            warm, metrics = BUILDERS[name](a)
            current = name
        if req.get("op") == "warm":
            for n in req.get("threads", [1]):
                torch.set_num_threads(n)
                warm()
                warmed.add(n)
            reply({"ok": True})
        elif req.get("op") == "rep":
            key, n = req.get("metric"), req.get("threads", 1)
            if key not in metrics:
                reply({"error": f"workload {name} has no metric {key!r}, expected one of {list(metrics)}"})
                continue
            torch.set_num_threads(n)
            if n not in warmed:
                warm()
                warmed.add(n)
            reply({"value": metrics[key]()})
        else:
            reply({"error": f"unknown op {req.get('op')!r}, expected warm or rep"})


def main(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--reps", type=int, default=3)
    p.add_argument("--w1-samples", type=int, default=60_000)
    p.add_argument("--w4-samples", type=int, default=4000)
    p.add_argument("--w2-samples", type=int, default=10_000)
    p.add_argument("--w3-samples", type=int, default=10_000)
    p.add_argument("--w6-samples", type=int, default=6000)
    p.add_argument("--w7-samples", type=int, default=4000)
    p.add_argument("--w8-samples", type=int, default=10_000)
    p.add_argument("--w9-batches", type=int, default=20)
    p.add_argument("--only", help="run only these workloads, comma-separated: " + ", ".join(WORKLOADS))
    p.add_argument("--threads", type=int, help="intra-op threads (default: the faster of 1 and one per core)")
    p.add_argument("--serve", action="store_true", help="answer the Java benchmark's requests on standard input")
    p.add_argument("--seed", type=int, default=42)
    a = p.parse_args(argv)
    if min(a.reps, a.w1_samples, a.w4_samples, a.w2_samples, a.w3_samples, a.w6_samples, a.w7_samples,
           a.w8_samples, a.w9_batches, a.threads or 1) <= 0:
        p.error("--reps, --threads and the sample counts must be positive")
    names = a.only.split(",") if a.only else list(WORKLOADS)
    if not set(names) <= set(WORKLOADS):
        p.error("--only takes " + ", ".join(WORKLOADS) + ", comma-separated, got " + a.only)
    if a.serve:
        serve(a, sys.stdin, sys.stdout)
        return
    threads = [a.threads] if a.threads else sorted({1, os.cpu_count() or 1})
    results, chosen = run_all(a, names, threads)
    info = {
        "version": torch.__version__,
        "allocator": allocator(),
        "threads": ", ".join(f"{k} {v}" for k, v in sorted(chosen.items())),
        "peak_rss_mb": str(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024),
    }
    print(json.dumps({"results": {"pytorch": results}, "info": {"pytorch": info}}))


if __name__ == "__main__":
    main(sys.argv[1:])
