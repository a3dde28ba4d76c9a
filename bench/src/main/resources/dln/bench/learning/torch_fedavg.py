"""PyTorch side of `./dln bench learning --reference-pytorch`: plain FedAvg and centralised training
on the exact data of a plan entry, as a mainstream framework's reference for dln's accuracy.

Reads the architecture and initial parameters in dln's layout (built by torch_engine.build), each
provider's partition, and the test set, all exported by the Java side. FedAvg (McMahan et al. 2017):
every round each provider trains `epochs` local epochs from the global model with a fresh Adam
(the model recipe's lr and batch, PyTorch's default betas and epsilon, shuffled each epoch from a
seeded generator) and the next global model is the sample-weighted mean; no server optimiser, no
committee. Centralised: the same model and optimiser for rounds*epochs epochs on the union, with the
built-in recipe's lr and batch (--central-lr, --central-batch), as dln's baseline.
Prints one JSON line: the test accuracy after each round and after each centralised epoch.
"""
import argparse
import json
import time

import numpy as np
import torch
from torch import nn

from torch_engine import build


def load(prefix, features):
    x = torch.from_numpy(np.fromfile(prefix + "-x.f32", dtype="<f4").reshape(-1, features))
    y = torch.from_numpy(np.fromfile(prefix + "-y.i32", dtype="<i4").astype(np.int64))
    return x, y


def train(model, x, y, epochs, lr, batch, generator):
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    loss_fn = nn.CrossEntropyLoss()
    model.train()
    for _ in range(epochs):
        order = torch.randperm(len(x), generator=generator)
        for s in range(0, len(x), batch):
            idx = order[s:s + batch]
            opt.zero_grad()
            loss_fn(model(x[idx]), y[idx]).backward()
            opt.step()


def accuracy(model, x, y):
    model.eval()
    with torch.inference_mode():
        return (model(x).argmax(1) == y).float().mean().item()


def flat(model):
    return torch.cat([p.detach().reshape(-1) for p in model.parameters()])


def load_flat(model, vector):
    offset = 0
    for p in model.parameters():
        n = p.numel()
        p.data.copy_(vector[offset:offset + n].reshape(p.shape))
        offset += n


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--dir", required=True)
    p.add_argument("--providers", type=int, required=True)
    p.add_argument("--features", type=int, required=True)
    p.add_argument("--rounds", type=int, required=True)
    p.add_argument("--epochs", type=int, required=True)
    p.add_argument("--lr", type=float, required=True)
    p.add_argument("--batch", type=int, required=True)
    p.add_argument("--central-lr", type=float, required=True)
    p.add_argument("--central-batch", type=int, required=True)
    p.add_argument("--seed", type=int, required=True)
    p.add_argument("--threads", type=int, default=1)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    spec = json.load(open(a.dir + "/spec.json"))
    init = np.fromfile(a.dir + "/params.f32", dtype="<f4")
    parts = [load(f"{a.dir}/part{i}", a.features) for i in range(a.providers)]
    tx, ty = load(a.dir + "/test", a.features)
    g = torch.Generator().manual_seed(a.seed)

    # Timed from here, as dln's entry is from its session's start: both runs, each round's test
    # evaluation included; the imports and the files' reading left out.
    start = time.perf_counter()
    model = build(spec, init)
    global_w = flat(model)
    sizes = torch.tensor([float(len(x)) for x, _ in parts])
    federated = []
    for _ in range(a.rounds):
        total = torch.zeros_like(global_w)
        for (x, y), n in zip(parts, sizes):
            load_flat(model, global_w)
            train(model, x, y, a.epochs, a.lr, a.batch, g)
            total += flat(model) * (n / sizes.sum())
        global_w = total
        load_flat(model, global_w)
        federated.append(accuracy(model, tx, ty))

    ux = torch.cat([x for x, _ in parts])
    uy = torch.cat([y for _, y in parts])
    central_model = build(spec, init)
    centralised = []
    for _ in range(a.rounds * a.epochs):
        train(central_model, ux, uy, 1, a.central_lr, a.central_batch, g)
        centralised.append(accuracy(central_model, tx, ty))
    seconds = time.perf_counter() - start
    print(json.dumps({"torch": torch.__version__, "federated": federated, "centralised": centralised, "seconds": seconds}))


if __name__ == "__main__":
    main()
