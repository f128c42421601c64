"""Side-by-side check of IMACS's k-means against scikit-learn on a run's own embeddings.

Reads result.json (embeddings are stored as k-means clustered them), and for the run's k and every
k in "clusterings" prints IMACS's inertia next to scikit-learn's KMeans(n_init=10) inertia.
Run with Debian's interpreter, which has scikit-learn:

    /usr/bin/python3 bench/kmeans_vs_sklearn.py runs/demo/a-vs-b/result.json
"""
import json
import sys

import numpy as np
from sklearn.cluster import KMeans


def inertia(x, labels):
    return sum(((x[labels == c] - x[labels == c].mean(axis=0)) ** 2).sum() for c in np.unique(labels))


def main(path):
    r = json.load(open(path))
    x = np.array([s["embedding"] for s in r["segments"]], dtype=np.float64)
    runs = [(len(r["clusters"]), np.array([s["cluster"] for s in r["segments"]]))]
    runs += [(a["k"], np.array(a["cluster"])) for a in r.get("clusterings", [])]
    print(f"{len(x)} embeddings of {x.shape[1]} dims, space: {r['manifest']['parameters'].get('embeddingNorm', 'l2 (old)')}")
    print("   k   imacs inertia  sklearn inertia   imacs/sklearn")
    worst = 0.0
    for k, labels in sorted(runs, key=lambda t: t[0]):
        ours = inertia(x, labels)
        theirs = KMeans(n_clusters=k, n_init=10, random_state=0).fit(x).inertia_
        worst = max(worst, ours / theirs)
        print(f"{k:4d} {ours:15.4f} {theirs:16.4f} {ours / theirs:15.4f}")
    print(f"worst ratio {worst:.4f}")


if __name__ == "__main__":
    main(sys.argv[1])
