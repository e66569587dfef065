"""scikit-learn reference inertia at every k of the scan (k = 2..10), for the
"as good as sklearn at every k" tests in tests/analytics/kmeans-every-k.test.ts.

Run: /usr/bin/python3 scripts/reference/kmeans_every_k.py [shared data dir]
(default: ../shared/data relative to the repo root)

For each dataset, KMeans(n_clusters=k, n_init=10, init='k-means++', random_state=0)
inertia on StandardScaler z-scores (the synthetic set is used raw):
  - mall: Annual Income (k$), Spending Score (1-100)          (mall_customers.csv)
  - mall3: Age, Annual Income (k$), Spending Score (1-100)     (mall_customers.csv)
  - trends: Age, Purchase Amount (USD), Review Rating, Previous Purchases (shopping_trends.csv)
  - synthetic: 600 points in 3-D from 7 overlapping blobs, drawn with the Park–Miller
    generator below (integer arithmetic, so the TS test regenerates the same points).
"""
import os
import sys

import numpy as np
import pandas as pd
import sklearn
from sklearn.cluster import KMeans
from sklearn.preprocessing import StandardScaler

here = os.path.dirname(os.path.abspath(__file__))
base = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "..", "..", "..", "shared", "data")


def synthetic():
    """Park–Miller minimal standard (s = s * 48271 mod 2^31 - 1), seed 12345."""
    s = 12345

    def u():
        nonlocal s
        s = (s * 48271) % 2147483647
        return s / 2147483647

    centres = [(0, 0, 0), (3, 0, 1), (0, 4, 0), (5, 5, 2), (1.5, 2, 4), (6, 1, 5), (2, 6, 3)]
    pts = []
    for i in range(600):
        c = centres[i % 7]
        spread = 0.6 + 0.25 * (i % 3)
        # Irwin–Hall(4) − 2: a bell-shaped draw from plain uniforms
        pts.append([c[j] + spread * (u() + u() + u() + u() - 2) for j in range(3)])
    return np.array(pts, dtype=float)


def scan(name, X):
    out = []
    for k in range(2, 11):
        km = KMeans(n_clusters=k, n_init=10, init="k-means++", random_state=0, algorithm="lloyd").fit(X)
        out.append(f"{km.inertia_:.6f}")
    print(f"{name} ({len(X)} x {X.shape[1]}): [{', '.join(out)}]")


print("sklearn", sklearn.__version__)
S = synthetic()
print("synthetic first point", S[0].tolist(), "sum", f"{S.sum():.10f}")
scan("synthetic", S)
mall = os.path.join(base, "mall_customers.csv")
if os.path.exists(mall):
    df = pd.read_csv(mall)
    scan("mall", StandardScaler().fit_transform(df[["Annual Income (k$)", "Spending Score (1-100)"]].to_numpy(float)))
    scan("mall3", StandardScaler().fit_transform(df[["Age", "Annual Income (k$)", "Spending Score (1-100)"]].to_numpy(float)))
trends = os.path.join(base, "shopping_trends.csv")
if os.path.exists(trends):
    df = pd.read_csv(trends)
    cols = ["Age", "Purchase Amount (USD)", "Review Rating", "Previous Purchases"]
    scan("trends", StandardScaler().fit_transform(df[cols].to_numpy(float)))
