"""scikit-learn timing reference for our k-means (src/analytics/kmeans/index.ts).

Run: node scripts/bench/kmeans-points.mjs write      # writes .bench/kmeans-points.f64
     /usr/bin/python3 scripts/reference/kmeans_bench.py [points=.bench/kmeans-points.f64] [k=8] [seeds=5] [repeats=3]

For each seed it times
  * full fit: KMeans(n_clusters=k, n_init=1, algorithm="lloyd", random_state=seed)
    (greedy k-means++ init + Lloyd), and
  * Lloyd only: the same fit started from sklearn's own kmeans_plusplus centres, which
    it writes to .bench/kmeans-init-<seed>.f64 (k*d float64) so our bench can start from
    exactly the same centres and the iteration counts can be compared.
Times are the best of `repeats` runs, in milliseconds; sklearn uses all cores (OpenMP).
"""
import sys
import time

import numpy as np
import sklearn
from sklearn.cluster import KMeans, kmeans_plusplus

path = sys.argv[1] if len(sys.argv) > 1 else ".bench/kmeans-points.f64"
k = int(sys.argv[2]) if len(sys.argv) > 2 else 8
n_seeds = int(sys.argv[3]) if len(sys.argv) > 3 else 5
repeats = int(sys.argv[4]) if len(sys.argv) > 4 else 3

with open(path, "rb") as f:
    head = f.read(16)
assert head[:4] == b"KMP1", "not a kmeans-points file"
n, d = np.frombuffer(head[4:12], dtype="<u4")
X = np.fromfile(path, dtype="<f8", offset=16).reshape(int(n), int(d))
try:
    from threadpoolctl import threadpool_info

    threads = {i["internal_api"]: i["num_threads"] for i in threadpool_info()}
except Exception:  # threadpoolctl is optional
    threads = "?"
print(f"sklearn {sklearn.__version__}  n={n} d={d} k={k}  threads={threads}")


def best_of(fn):
    best, out = float("inf"), None
    for _ in range(repeats):
        t0 = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t0)
    return best * 1000, out


print("seed  full_ms  full_iter  full_inertia      lloyd_ms  lloyd_iter  lloyd_inertia")
totals = [0.0, 0, 0.0, 0]
for seed in range(n_seeds):
    full_ms, km = best_of(
        lambda: KMeans(n_clusters=k, n_init=1, algorithm="lloyd", random_state=seed).fit(X)
    )
    init, _ = kmeans_plusplus(X, k, random_state=seed)
    init.astype("<f8").tofile(f".bench/kmeans-init-{seed}.f64")
    lloyd_ms, km2 = best_of(
        lambda: KMeans(n_clusters=k, n_init=1, algorithm="lloyd", init=init).fit(X)
    )
    print(
        f"{seed:4d}  {full_ms:7.1f}  {km.n_iter_:9d}  {km.inertia_:14.3f}"
        f"  {lloyd_ms:8.1f}  {km2.n_iter_:10d}  {km2.inertia_:14.3f}"
    )
    totals = [totals[0] + full_ms, totals[1] + km.n_iter_, totals[2] + lloyd_ms, totals[3] + km2.n_iter_]
print(f" sum  {totals[0]:7.1f}  {totals[1]:9d}  {'':14}  {totals[2]:8.1f}  {totals[3]:10d}")
