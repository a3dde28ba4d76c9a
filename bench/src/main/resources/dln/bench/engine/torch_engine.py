"""PyTorch side of `./dln bench engine`: the same model, data, batch and threads as dln's engine.

Reads the architecture (the plan's layers as JSON), the initial flat parameter vector in dln's
layout (dense W [in, out], conv W [kH, kW, in, out], each followed by its bias), the training
examples in the order dln trains them, and the test examples; trains one pass with Adam and
evaluates without gradients (--eval-passes passes timed together); prints one JSON line with
examples per second.
"""
import argparse
import json
import sys
import time

import numpy as np
import torch
from torch import nn


def build(spec, flat):
    layers, offset, shape = [], 0, list(spec["input"])
    def take(n):
        nonlocal offset
        part = torch.from_numpy(flat[offset:offset + n].copy())
        offset += n
        return part
    if len(shape) == 3:
        layers.append(nn.Unflatten(1, tuple(shape)))
    for l in spec["layers"]:
        kind = l["type"]
        if kind == "conv2d":
            c, k, f = shape[0], l["kernel"], l["filters"]
            conv = nn.Conv2d(c, f, k, stride=l["stride"])
            conv.weight.data = take(k * k * c * f).reshape(k, k, c, f).permute(3, 2, 0, 1).contiguous()
            conv.bias.data = take(f)
            layers.append(conv)
            shape = [f, (shape[1] - k) // l["stride"] + 1, (shape[2] - k) // l["stride"] + 1]
        elif kind == "maxpool":
            k, s = l["kernel"], l["stride"]
            layers.append(nn.MaxPool2d(k, s))
            shape = [shape[0], (shape[1] - k) // s + 1, (shape[2] - k) // s + 1]
        else:
            if len(shape) == 3:
                layers.append(nn.Flatten())
            n_in, units = int(np.prod(shape)), l["units"]
            lin = nn.Linear(n_in, units)
            lin.weight.data = take(n_in * units).reshape(n_in, units).t().contiguous()
            lin.bias.data = take(units)
            layers.append(lin)
            shape = [units]
        act = l.get("activation")
        if kind != "output" and act not in (None, "identity"):
            layers.append({"relu": nn.ReLU(), "tanh": nn.Tanh(), "sigmoid": nn.Sigmoid()}[act])
    if offset != len(flat):
        sys.exit(f"parameter vector has {len(flat)} values, the model used {offset}")
    return nn.Sequential(*layers)


def main():
    p = argparse.ArgumentParser()
    for a in ("--spec", "--params", "--train-x", "--train-y", "--test-x", "--test-y"):
        p.add_argument(a, required=True)
    p.add_argument("--features", type=int, required=True)
    p.add_argument("--threads", type=int, required=True)
    p.add_argument("--batch", type=int, required=True)
    p.add_argument("--eval-batch", type=int, required=True)
    p.add_argument("--lr", type=float, required=True)
    p.add_argument("--warmup", type=int, required=True)
    p.add_argument("--repeats", type=int, default=1)
    p.add_argument("--eval-passes", type=int, default=1)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    spec = json.load(open(a.spec))
    flat = np.fromfile(a.params, dtype="<f4")
    x = torch.from_numpy(np.fromfile(a.train_x, dtype="<f4").reshape(-1, a.features))
    y = torch.from_numpy(np.fromfile(a.train_y, dtype="<i4").astype(np.int64))
    tx = torch.from_numpy(np.fromfile(a.test_x, dtype="<f4").reshape(-1, a.features))
    ty = torch.from_numpy(np.fromfile(a.test_y, dtype="<i4").astype(np.int64))
    loss_fn = nn.CrossEntropyLoss()

    def train(model, n):
        opt = torch.optim.Adam(model.parameters(), lr=a.lr)
        model.train()
        total = 0.0
        steps = 0
        for s in range(0, n, a.batch):
            opt.zero_grad()
            loss = loss_fn(model(x[s:min(n, s + a.batch)]), y[s:min(n, s + a.batch)])
            loss.backward()
            opt.step()
            total += loss.item()
            steps += 1
        return total / steps

    def evaluate(model, n):
        model.eval()
        right = 0
        with torch.inference_mode():
            for s in range(0, n, a.eval_batch):
                right += (model(tx[s:s + a.eval_batch]).argmax(1) == ty[s:s + a.eval_batch]).sum().item()
        return right / n

    train(build(spec, flat), min(a.warmup, len(x)))
    train_s = eval_s = float("inf")
    for _ in range(a.repeats):  # the best of the repeats, as dln's side reports
        model = build(spec, flat)
        t0 = time.perf_counter()
        loss = train(model, len(x))
        train_s = min(train_s, time.perf_counter() - t0)
        evaluate(model, min(a.eval_batch, len(tx)))
        t0 = time.perf_counter()
        for _ in range(a.eval_passes):  # timed together, as dln's side does
            acc = evaluate(model, len(tx))
        eval_s = min(eval_s, (time.perf_counter() - t0) / a.eval_passes)
    print(json.dumps({"torch": torch.__version__, "threads": torch.get_num_threads(),
                      "train_eps": len(x) / train_s, "eval_eps": len(tx) / eval_s,
                      "mean_loss": loss, "accuracy": acc}))


if __name__ == "__main__":
    main()
