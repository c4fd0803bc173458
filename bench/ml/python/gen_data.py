"""Writes the one seeded dataset that both benchmark sides read.

Layout: DIR/meta.json lists every array as {"file", "dtype", "shape"} plus scalar settings; each array is a raw
little-endian file (float32, float64 or int32, row-major), readable with numpy.fromfile and by the .NET harness.

Contents (planted PReF model: V* shape (K, D), W* shape (users, K), P(first preferred) = sigmoid(w_u . V* d_p)):
  dense.*   training set with dense d_p, shape (pairs, D_dense), entries N(0, 1/D)
  sparse.*  training set with signed-hashing-like CSR d_p, D_sparse columns, `nnz` non-zeros per row, values +-1/sqrt(nnz)
  newuser.* answer sets for new users (z_j = V* d_j, y_j), sizes 5/10/20/40, with both labels present in every set
  select.*  10,000 candidate phi-differences and a posterior (mean, covariance) to choose among them
  score.*   response embeddings e (256, D_dense), V and one user's w for reward scoring
"""

import argparse
import json
import os

import numpy as np


class Writer:
    def __init__(self, directory):
        self.directory = directory
        self.meta = {"arrays": {}, "settings": {}}
        os.makedirs(directory, exist_ok=True)

    def array(self, name, values, dtype):
        values = np.ascontiguousarray(values, dtype=dtype)
        path = name + ".bin"
        values.astype(values.dtype.newbyteorder("<"), copy=False).tofile(os.path.join(self.directory, path))
        self.meta["arrays"][name] = {"file": path, "dtype": np.dtype(dtype).name, "shape": list(values.shape)}

    def setting(self, name, value):
        self.meta["settings"][name] = value

    def close(self):
        with open(os.path.join(self.directory, "meta.json"), "w") as f:
            json.dump(self.meta, f, indent=1)


def sigmoid(m):
    return 1.0 / (1.0 + np.exp(-m))


def training_set(w, rng, prefix, features, v_true, w_true, users, pairs, comparisons, rank):
    """features: callable(p) -> z_p = V* d_p for all pairs, shape (pairs, K); writes users, pairs, labels and theta0."""
    z = features
    u = rng.integers(0, users, comparisons).astype(np.int32)
    p = rng.integers(0, pairs, comparisons).astype(np.int32)
    margin = np.einsum("ik,ik->i", w_true[u], z[p])
    y = (rng.random(comparisons) < sigmoid(margin)).astype(np.float32)
    w.array(prefix + ".users", u, np.int32)
    w.array(prefix + ".pairs", p, np.int32)
    w.array(prefix + ".y", y, np.float32)
    d = v_true.shape[1]
    w.array(prefix + ".v0", 0.1 * rng.standard_normal((rank, d)), np.float32)
    w.array(prefix + ".w0", 0.1 * rng.standard_normal((users, rank)), np.float32)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--seed", type=int, default=20250306)
    ap.add_argument("--users", type=int, default=200)
    ap.add_argument("--pairs", type=int, default=5000)
    ap.add_argument("--comparisons", type=int, default=40000)
    ap.add_argument("--rank", type=int, default=8)
    ap.add_argument("--dense-d", type=int, default=256)
    ap.add_argument("--sparse-d", type=int, default=4096)
    ap.add_argument("--nnz", type=int, default=100)
    ap.add_argument("--iterations", type=int, default=50)
    ap.add_argument("--sets", type=int, default=100)
    ap.add_argument("--candidates", type=int, default=10000)
    args = ap.parse_args()

    rng = np.random.default_rng(args.seed)
    k, users, pairs = args.rank, args.users, args.pairs
    w = Writer(args.out)
    for name in ("seed", "users", "pairs", "comparisons", "rank", "iterations", "nnz"):
        w.setting(name, getattr(args, name))
    w.setting("dense_d", args.dense_d)
    w.setting("sparse_d", args.sparse_d)
    w.setting("lambda_v", 1.0)
    w.setting("lambda_w", 1.0)
    w.setting("newuser_sizes", [5, 10, 20, 40])
    w.setting("score_sizes", [8, 256])
    w.setting("lbfgs_history", 10)

    w_true = rng.standard_normal((users, k))
    w_true[:, 0] += 1.0  # a shared direction, as in real preference data (most users agree on some things)

    # Dense: d ~ N(0, I / D), so z = V* d ~ N(0, I) for V* ~ N(0, 1).
    dd = args.dense_d
    v_dense = rng.standard_normal((k, dd))
    d_dense = (rng.standard_normal((pairs, dd)) / np.sqrt(dd)).astype(np.float32)
    w.array("dense.d", d_dense, np.float32)
    training_set(w, rng, "dense", d_dense.astype(np.float64) @ v_dense.T, v_dense, w_true, users, pairs, args.comparisons, k)

    # Sparse: CSR rows with nnz distinct columns and random signs (signed feature hashing).
    ds, nnz = args.sparse_d, args.nnz
    v_sparse = rng.standard_normal((k, ds))
    cols = np.stack([np.sort(rng.choice(ds, nnz, replace=False)) for _ in range(pairs)]).astype(np.int32)
    vals = (rng.choice([-1.0, 1.0], (pairs, nnz)) / np.sqrt(nnz)).astype(np.float32)
    indptr = (np.arange(pairs + 1) * nnz).astype(np.int32)
    w.array("sparse.indptr", indptr, np.int32)
    w.array("sparse.indices", cols.reshape(-1), np.int32)
    w.array("sparse.values", vals.reshape(-1), np.float32)
    z_sparse = np.einsum("pn,kpn->pk", vals.astype(np.float64), v_sparse[:, cols])
    training_set(w, rng, "sparse", z_sparse, v_sparse, w_true, users, pairs, args.comparisons, k)

    # New users: prior from the planted users; each set is one new user's answers on random pairs.
    z_all = d_dense.astype(np.float64) @ v_dense.T
    mu = w_true.mean(axis=0)
    cov = np.cov(w_true, rowvar=False)
    for n in (5, 10, 20, 40):
        zs = np.empty((args.sets, n, k), np.float32)
        ys = np.empty((args.sets, n), np.float32)
        for s in range(args.sets):
            wu = rng.multivariate_normal(mu, cov)
            z = z_all[rng.integers(0, pairs, n)]
            y = (rng.random(n) < sigmoid(z @ wu)).astype(np.float64)
            # (z, y) -> (-z, 1 - y) leaves the no-intercept logistic loss unchanged; use it so both labels occur
            # (scikit-learn refuses a single class).
            if y.min() == y.max():
                z[0], y[0] = -z[0], 1.0 - y[0]
            zs[s], ys[s] = z, y
        w.array(f"newuser.z{n}", zs, np.float32)
        w.array(f"newuser.y{n}", ys, np.float32)
    w.array("newuser.prior_mean", mu, np.float64)
    w.array("newuser.prior_cov", cov, np.float64)

    # Selection: a posterior after a few answers (mean near the prior mean, covariance a shrunk prior).
    a = rng.standard_normal((k, k))
    post_cov = 0.3 * cov + 0.05 * (a @ a.T) / k + 0.01 * np.eye(k)
    w.array("select.mean", mu + 0.3 * rng.standard_normal(k), np.float64)
    w.array("select.cov", post_cov, np.float64)
    # z = V* d ~ N(0, I) for the planted model, so fresh candidates are drawn from that law directly.
    w.array("select.z", rng.standard_normal((args.candidates, k)), np.float32)

    # Scoring: response embeddings (not differences), a trained-like V and one user's weights.
    w.array("score.e", rng.standard_normal((256, dd)) / np.sqrt(dd), np.float32)
    w.array("score.v", v_dense, np.float32)
    w.array("score.w", w_true[0], np.float32)
    w.close()


if __name__ == "__main__":
    main()
