#!/usr/bin/env python3
"""PyTorch side of keras4j's benchmark: the same workloads as
org.keras4j.examples.benchmark.Benchmark, printed as one JSON line that the Java program reads.

  W1  MLP 784-512-256-10 (ReLU, softmax + cross-entropy, Adam lr 1e-3 eps 1e-7), batch 128,
      one epoch of synthetic samples (s/epoch); inference in batches of 1000 (samples/s)
  W4  2-8-1 net (tanh, sigmoid + binary cross-entropy, SGD lr 0.01), batch 4:
      us per training step and per inference call
  W5  sgemm 2048^3 (GFLOP/s)

Usage: python3 benchmark/pytorch_bench.py [--reps 3] [--w1-samples 60000] [--w4-samples 4000]
Runs with PyTorch's default thread settings (reported as "threads").
"""
import argparse
import json
import resource
import sys
import time

import torch
from torch import nn

W1_BATCH, W1_INFER_SAMPLES, W1_INFER_BATCH = 128, 10_000, 1000
W4_BATCH, W4_INFER_CALLS, GEMM_N = 4, 2000, 2048


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
    p.add_argument("--seed", type=int, default=42)
    a = p.parse_args(argv)
    if a.reps <= 0 or a.w1_samples <= 0 or a.w4_samples <= 0:
        p.error("--reps, --w1-samples and --w4-samples must be positive")
    torch.manual_seed(a.seed)
    results = {}
    w1(a.reps, a.w1_samples, results)
    w4(a.reps, a.w4_samples, results)
    w5(a.reps, results)
    info = {
        "version": torch.__version__,
        "threads": str(torch.get_num_threads()),
        "peak_rss_mb": str(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024),
    }
    print(json.dumps({"results": {"pytorch": results}, "info": {"pytorch": info}}))


if __name__ == "__main__":
    main(sys.argv[1:])
