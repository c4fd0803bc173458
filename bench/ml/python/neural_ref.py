"""Reference for bench/ml/neural.sh: the neural PReF objective of Attune.Ml.Torch's NeuralPrefTrainer, written directly in
PyTorch on the files Attune.Bench.Neural prepare wrote (same data, same validation split, same linear start V and W,
U = 0, b = 0, H ~ N(0, h_scale^2 / D)), trained for the same number of epochs with Adam on shuffled mini-batches:

    loss_B = mean_{i in B} BCE(y_i, sigmoid(m_i)) + (lambda_w ||W||^2 + lambda_theta (||V||^2 + ||H||^2 + ||U||^2)) / (2 n)
    m_i = w_{u_i} . (phi(e_a) - phi(e_b)),  phi(e) = V e + U tanh(H e + b)

Validation loss after each epoch, as the .NET side. Usage: neural_ref.py DIR EPOCHS OUT.json"""

import json
import os
import sys
import time

import numpy as np
import torch


def main(folder, epochs, out):
    torch.set_num_threads(1)
    meta = json.load(open(os.path.join(folder, "meta.json")))
    d, k, h, users = meta["dimension"], meta["rank"], meta["hidden"], meta["users"]
    raw = lambda name, dtype: np.fromfile(os.path.join(folder, name), dtype=dtype)
    torch.manual_seed(meta["seed"])
    start = time.perf_counter()
    e = torch.from_numpy(raw("embeddings.f32", np.float32).reshape(-1, d))
    first = torch.from_numpy(raw("first.i32", np.int32).astype(np.int64))
    second = torch.from_numpy(raw("second.i32", np.int32).astype(np.int64))
    user = torch.from_numpy(raw("users.i32", np.int32).astype(np.int64))
    y = torch.from_numpy(raw("preferences.f32", np.float32))
    validation = raw("validation.i32", np.int32).astype(np.int64)
    mask = np.ones(len(y), dtype=bool)
    mask[validation] = False
    train = torch.from_numpy(np.nonzero(mask)[0])
    validation = torch.from_numpy(validation)
    n = len(train)

    v = torch.nn.Parameter(torch.from_numpy(raw("v.f32", np.float32).reshape(k, d).copy()))
    w = torch.nn.Parameter(torch.from_numpy(raw("w.f32", np.float32).reshape(users, k).copy()))
    hh = torch.nn.Parameter(torch.randn(h, d) * (meta["h_scale"] / np.sqrt(d)))
    b = torch.nn.Parameter(torch.zeros(h))
    u = torch.nn.Parameter(torch.zeros(k, h))
    params = [v, hh, b, u, w]
    optimizer = torch.optim.Adam(params, lr=meta["learning_rate"])

    def phi(x):
        return x @ v.t() + torch.tanh(x @ hh.t() + b) @ u.t()

    def margins(rows):
        return (w[user[rows]] * (phi(e[first[rows]]) - phi(e[second[rows]]))).sum(1)

    def validation_loss():
        with torch.no_grad():
            return torch.nn.functional.binary_cross_entropy_with_logits(margins(validation), y[validation]).item()

    initial = validation_loss()
    best = initial
    rng = np.random.RandomState(meta["seed"])
    batch = meta["batch_size"]
    per_epoch = []
    last = time.perf_counter()
    for _ in range(epochs):
        order = train[torch.from_numpy(rng.permutation(n))]
        for s in range(0, n, batch):
            rows = order[s:s + batch]
            optimizer.zero_grad()
            penalty = meta["lambda_w"] * w.square().sum() + meta["lambda_theta"] * (v.square().sum() + hh.square().sum() + u.square().sum())
            loss = torch.nn.functional.binary_cross_entropy_with_logits(margins(rows), y[rows]) + penalty / (2 * n)
            loss.backward()
            optimizer.step()
        best = min(best, validation_loss())
        now = time.perf_counter()
        per_epoch.append(now - last)
        last = now
    total = time.perf_counter() - start
    report = {"side": "pytorch-" + torch.__version__, "epochs": epochs, "total_s": total, "epoch_s": per_epoch,
              "initial_validation_loss": initial, "final_validation_loss": best, "device": "cpu"}
    json.dump(report, open(out, "w"))
    print(json.dumps(report))


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), sys.argv[3])
