"""Independent scikit-learn reference for k-means on the Mall Customers data.

Run: /usr/bin/python3 scripts/reference/kmeans_mall.py [path]
(default path: ../shared/data/mall_customers.csv relative to the repo root)

Features: Annual Income (k$) and Spending Score (1-100), no log transform,
standardised with StandardScaler. The figures it prints are the golden values in
tests/analytics/kmeans.test.ts (inertia at k=5 with n_init=20, the k=5 centroids in
original units, and silhouette_score for k=2..10).
"""
import os
import sys

import numpy as np
import pandas as pd
import sklearn
from sklearn.cluster import KMeans
from sklearn.metrics import silhouette_score
from sklearn.preprocessing import StandardScaler

here = os.path.dirname(os.path.abspath(__file__))
default = os.path.join(here, "..", "..", "..", "shared", "data", "mall_customers.csv")
path = sys.argv[1] if len(sys.argv) > 1 else default
df = pd.read_csv(path)
cols = ["Annual Income (k$)", "Spending Score (1-100)"]
X = df[cols].to_numpy(dtype=float)
scaler = StandardScaler().fit(X)
Z = scaler.transform(X)
print("sklearn", sklearn.__version__, "rows", len(X))
print("scaler mean", scaler.mean_.tolist(), "scale", scaler.scale_.tolist())

print("k  inertia(n_init=20)  silhouette")
for k in range(2, 11):
    km = KMeans(n_clusters=k, n_init=20, random_state=0, algorithm="lloyd").fit(Z)
    print(k, f"{km.inertia_:.6f}", f"{silhouette_score(Z, km.labels_):.6f}")

# Which k have one clear optimum? k=3..5 give the same inertia for every seed; k=2 and
# k>=6 have several local optima close together, so only k=3..5 are golden figures.
for k in range(2, 11):
    inertias = sorted({round(KMeans(n_clusters=k, n_init=20, random_state=seed, algorithm="lloyd").fit(Z).inertia_, 4) for seed in range(10)})
    print(f"k={k} inertia over 10 seeds (n_init=20):", inertias)
km = KMeans(n_clusters=5, n_init=20, random_state=0, algorithm="lloyd").fit(Z)
centres = scaler.inverse_transform(km.cluster_centers_)
order = np.lexsort((centres[:, 1], centres[:, 0]))
print("k=5 centroids (original units, sorted by income then score):")
for c in centres[order]:
    print(f"  ({c[0]:.4f}, {c[1]:.4f})")
sizes = np.bincount(km.labels_)
print("k=5 sizes (same order):", sizes[order].tolist())
print("k=5 silhouette", f"{silhouette_score(Z, km.labels_):.6f}")
