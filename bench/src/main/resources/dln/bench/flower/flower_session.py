"""Flower side of `./dln bench session --with-flower`: the same federated rounds in Flower's simulation.

Reads what the Java side exported to DLN_FLOWER_DIR (session.json; the architecture; the initial
flat parameter vector in dln's layout; each provider's partition, in the providers' order; the
test set), then runs Flower's simulation engine (run_simulation, Ray backend) with one SuperNode
per provider: every round each client loads the global model, trains the local epochs with a fresh
Adam on its partition (the batch, learning rate and thread count of dln's run), and answers with
its weights and the aggregation weight dln's policy gives its partition; FedAvg averages them.
The server evaluates each round's aggregate on the test set (untimed). One JSON line at the end:
per round seconds (from the end of the previous round's evaluation to the start of this one's:
sending the model, training, answering, aggregating) and test accuracy.
"""
import json
import os
import sys
import time

import numpy as np
import torch
from torch import nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from torch_engine import build  # noqa: E402  (the same layer conversion as `./dln bench engine`)

import flwr  # noqa: E402
from flwr.app import ArrayRecord, Context, Message, MetricRecord, RecordDict  # noqa: E402
from flwr.clientapp import ClientApp  # noqa: E402
from flwr.serverapp import Grid, ServerApp  # noqa: E402
from flwr.serverapp.strategy import FedAvg  # noqa: E402
from flwr.simulation import run_simulation  # noqa: E402

DIR = os.environ["DLN_FLOWER_DIR"]
_cache = {}


def session():
    if "session" not in _cache:
        with open(os.path.join(DIR, "session.json")) as f:
            _cache["session"] = json.load(f)
    return _cache["session"]


def examples(name):
    s = session()
    x = torch.from_numpy(np.fromfile(os.path.join(DIR, name + "-x.f32"), dtype="<f4").reshape(-1, s["features"]))
    y = torch.from_numpy(np.fromfile(os.path.join(DIR, name + "-y.i32"), dtype="<i4").astype(np.int64))
    return x, y


def model():
    s = session()
    return build(s["spec"], np.fromfile(os.path.join(DIR, "params.f32"), dtype="<f4"))


client = ClientApp()


@client.train()
def train(msg: Message, context: Context):
    s = session()
    torch.set_num_threads(s["threads"])
    pid = int(context.node_config["partition-id"])
    key = "part-%d" % pid
    if key not in _cache:  # a client keeps its partition in memory between rounds, as a provider does
        _cache[key] = examples(key)
    x, y = _cache[key]
    net = model()
    net.load_state_dict(msg.content["arrays"].to_torch_state_dict())
    opt = torch.optim.Adam(net.parameters(), lr=s["lr"])
    loss_fn = nn.CrossEntropyLoss()
    rnd = int(msg.content["config"]["server-round"])
    g = torch.Generator().manual_seed(s["seed"] * 1_000_003 + pid * 1_009 + rnd)
    net.train()
    total, steps = 0.0, 0
    for _ in range(s["epochs"]):
        order = torch.randperm(len(x), generator=g)
        for b in range(0, len(x), s["batch"]):
            idx = order[b:b + s["batch"]]
            opt.zero_grad()
            loss = loss_fn(net(x[idx]), y[idx])
            loss.backward()
            opt.step()
            total += loss.item()
            steps += 1
    print("flower client %d round %d: %d examples, loss %.4f" % (pid, rnd, len(x), total / max(1, steps)), file=sys.stderr, flush=True)
    metrics = MetricRecord({"train-loss": total / max(1, steps), "num-examples": s["weights"][pid]})
    return Message(content=RecordDict({"arrays": ArrayRecord(net.state_dict()), "metrics": metrics}), reply_to=msg)


server = ServerApp()
rounds = []


@server.main()
def main(grid: Grid, context: Context):
    s = session()
    torch.set_num_threads(s["threads"])
    tx, ty = examples("test")
    net = model()
    marks = {"end": None}

    def evaluate(server_round, arrays):
        start = time.perf_counter()
        net.load_state_dict(arrays.to_torch_state_dict())
        net.eval()
        right = 0
        with torch.inference_mode():
            for b in range(0, len(tx), 500):
                right += (net(tx[b:b + 500]).argmax(1) == ty[b:b + 500]).sum().item()
        if server_round > 0:
            rounds.append({"round": server_round, "seconds": start - marks["end"], "accuracy": right / len(tx),
                           "clients": answered.get(server_round, 0)})
        marks["end"] = time.perf_counter()
        return MetricRecord({"accuracy": right / len(tx)})

    n = s["providers"]

    class CountingFedAvg(FedAvg):
        """FedAvg that remembers how many clients answered each round: a lost client is no fair round."""

        def aggregate_train(self, server_round, replies):
            replies = list(replies)
            answered[server_round] = sum(1 for r in replies if not r.has_error())
            return super().aggregate_train(server_round, replies)

    answered = {}
    strategy = CountingFedAvg(fraction_train=1.0, fraction_evaluate=0.0, min_train_nodes=n, min_available_nodes=n,
                      weighted_by_key="num-examples")
    strategy.start(grid=grid, initial_arrays=ArrayRecord(net.state_dict()), num_rounds=s["rounds"], evaluate_fn=evaluate)


if __name__ == "__main__":
    s = session()
    t0 = time.perf_counter()
    # Ray starts its workers at niceness 15; dln's JVM runs at 0, so on a shared machine Flower's
    # clients would get less of the cores than dln's providers. Same priority for both.
    os.environ.setdefault("RAY_worker_niceness", "0")
    # Ray kills its workers when the machine's memory passes 95 %, whoever uses it: on a shared
    # machine other processes' memory would kill Flower's clients mid-round (dln's JVM has no such
    # killer). Off; a lost client is still counted and the Java side refuses such a run.
    os.environ.setdefault("RAY_memory_monitor_refresh_ms", "0")
    # One client at a time with every core, as dln's providers take turns on the cores to train.
    backend = {"client_resources": {"num_cpus": s["cpus"], "num_gpus": 0.0}, "init_args": {"num_cpus": s["cpus"]}}
    run_simulation(server_app=server, client_app=client, num_supernodes=s["providers"], backend_config=backend)
    print(json.dumps({"flwr": flwr.__version__, "torch": torch.__version__, "backend": "ray simulation (run_simulation)",
                      "total_seconds": time.perf_counter() - t0, "rounds": rounds}))
