#!/usr/bin/env python3
"""torchvision side of keras4j's ResNet18 benchmark (Benchmark --only r18), printed as one JSON line that the Java
program reads (the same form as pytorch_bench.py):

  R18_infer  torchvision.models.resnet18() (random weights, eval mode, no_grad), a batch of 16 images 224x224x3:
             ms per batch
  R18_train  one training step on that batch: cross-entropy over 1000 classes, SGD lr 0.01 momentum 0.9 (train mode,
             BatchNorm in batch-statistics mode): ms per step

Each runs with one intra-op thread and with one per core, and the faster is kept (as pytorch_bench.py), after two
warm-up calls.

--export DIR also writes, for keras4j's agreement check, a seeded resnet18 whose BatchNorm statistics and affine
parameters are randomized (so they matter) as DIR/resnet18.npz (its state_dict, numpy.savez) and DIR/check.npz with
"input" (2 images, NHWC float32) and "output" (the eval-mode logits, [2, 1000]).

Needs torch and torchvision (Debian: apt-get install python3-torch python3-torchvision); without torchvision it says so
on stderr and exits with status 3.

Usage: python3 benchmark/torchvision_bench.py [--reps 5] [--batch 16] [--threads N] [--export DIR] [--seed 42]
"""
import argparse
import json
import os
import statistics
import sys
import time

import numpy as np
import torch

try:
    import torchvision
except ImportError:
    print("torchvision_bench.py: torchvision is not installed (Debian: apt-get install python3-torchvision)",
          file=sys.stderr)
    sys.exit(3)

CLASSES, SIZE = 1000, 224


def median_ms(fn, reps):
    fn()
    fn()
    times = []
    for _ in range(reps):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return times


def measure(batch, reps, seed):
    torch.manual_seed(seed)
    model = torchvision.models.resnet18()
    x = torch.rand(batch, 3, SIZE, SIZE)
    y = torch.randint(0, CLASSES, (batch,))
    loss_fn = torch.nn.CrossEntropyLoss()
    opt = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)

    def infer():
        model.eval()
        with torch.no_grad():
            model(x)

    def train():
        model.train()
        opt.zero_grad(set_to_none=True)
        loss_fn(model(x), y).backward()
        opt.step()

    return {"R18_infer": median_ms(infer, reps), "R18_train": median_ms(train, reps)}


def export(directory, seed):
    torch.manual_seed(seed)
    model = torchvision.models.resnet18()
    with torch.no_grad():
        for m in model.modules():
            if isinstance(m, torch.nn.BatchNorm2d):
                m.weight.uniform_(0.5, 1.5)
                m.bias.normal_(0, 0.1)
                m.running_mean.normal_(0, 0.1)
                m.running_var.uniform_(0.5, 1.5)
    model.eval()
    x = torch.rand(2, 3, SIZE, SIZE)
    with torch.no_grad():
        out = model(x)
    os.makedirs(directory, exist_ok=True)
    np.savez(os.path.join(directory, "resnet18.npz"), **{k: v.numpy() for k, v in model.state_dict().items()})
    np.savez(os.path.join(directory, "check.npz"), input=x.permute(0, 2, 3, 1).contiguous().numpy(),
             output=out.numpy())


def main(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--reps", type=int, default=5)
    p.add_argument("--batch", type=int, default=16)
    p.add_argument("--threads", type=int, help="intra-op threads (default: the faster of 1 and one per core)")
    p.add_argument("--export", help="write resnet18.npz and check.npz for keras4j's agreement check here")
    p.add_argument("--seed", type=int, default=42)
    a = p.parse_args(argv)
    if a.export:
        export(a.export, a.seed)
    counts = [a.threads] if a.threads else sorted({1, os.cpu_count() or 1})
    results, chosen = {}, {}
    for n in counts:
        torch.set_num_threads(n)
        for key, values in measure(a.batch, a.reps, a.seed).items():
            if key not in results or statistics.median(values) < statistics.median(results[key]):
                results[key] = values
                chosen[key] = n
    info = {"version": "torch " + torch.__version__ + ", torchvision " + torchvision.__version__,
            "threads": ", ".join(f"{k} {v}" for k, v in sorted(chosen.items())),
            "batch": str(a.batch)}
    print(json.dumps({"results": {"pytorch": results}, "info": {"pytorch": info}}))


if __name__ == "__main__":
    main(sys.argv[1:])
