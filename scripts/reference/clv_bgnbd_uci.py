"""BG/NBD on UCI Online Retail, as lifetimes would fit it: the reference for our fit on real data.

Run: /usr/bin/python3 scripts/reference/clv_bgnbd_uci.py

lifetimes is not installed (PyPI unreachable), so this re-implements what
BetaGeoFitter.fit does, from Fader, Hardie & Lee (2005), "Counting your customers the easy
way", eq. 6 (log-likelihood), with scipy: minimise the negative log-likelihood over
log-parameters, then standard errors from the inverse Hessian (delta method back to the
natural parameters), as lifetimes' `summary` (it prints se(coef) from the Hessian too).

The data: the canonical cleaning rules in pandas (uci_clean.py, independent of our SQL),
customers with an id, purchases merged by calendar day (lifetimes'
summary_data_from_transaction_data / calibration_and_holdout_data with freq='D'):
  - whole period: T to the last day in the data;
  - calibration: days up to the app's default split (75% of the date range), holdout after.
For the holdout, per-customer errors of E[Y(t) | calibration] (eq. 10) and of the naive
"repeat your calibration-period rate" forecast x / T * t are printed: the golden figures
of tests/pipeline/uci-models.test.ts.
"""
import math
import os
import sys
import warnings

import numpy as np
import pandas as pd
import scipy
from scipy.optimize import minimize
from scipy.special import betaln, gammaln, hyp2f1

warnings.simplefilter("ignore")
here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, here)
from uci_clean import clean_uci  # noqa: E402

sales, _ = clean_uci(os.path.join(here, "..", "..", "tests", "fixtures", "online_retail_uci.csv.gz"))
sales = sales[sales["CustomerID"].notna()]
days = sales.groupby(["CustomerID", "day"], as_index=False)["amount"].sum()
first_day, last_day = days["day"].min(), days["day"].max()
span = (last_day - first_day).days
split = first_day + pd.Timedelta(days=math.floor(span * 0.75 + 0.5))
print("numpy", np.__version__, "scipy", scipy.__version__, "pandas", pd.__version__)
print("first day", first_day.date(), "last day", last_day.date(), "default split", split.date())


def summary(d, end):
    d = d[d["day"] <= end]
    g = d.groupby("CustomerID")["day"]
    first, last, n = g.min(), g.max(), g.count()
    return pd.DataFrame({
        "x": (n - 1).astype(float),
        "tx": (last - first).dt.days.astype(float),
        "T": (end - first).dt.days.astype(float),
    })


def ll_terms(params, x, tx, T):
    r, alpha, a, b = params
    common = gammaln(r + x) - gammaln(r) + r * np.log(alpha) - betaln(a, b)
    ln_a = betaln(a, b + x) - (r + x) * np.log(alpha + T)
    with np.errstate(invalid="ignore", divide="ignore"):
        ln_b = np.where(x > 0, betaln(a + 1, np.where(x > 0, b + x - 1, 1.0)) - (r + x) * np.log(alpha + tx), -np.inf)
    return common + np.logaddexp(ln_a, ln_b)


def fit(s, label):
    agg = s.groupby(["x", "tx", "T"]).size().reset_index(name="w")
    x, tx, T, w = (agg[c].to_numpy(float) for c in ("x", "tx", "T", "w"))
    n = w.sum()

    def neg(lp):
        v = -float(np.sum(w * ll_terms(np.exp(lp), x, tx, T)))
        return v if np.isfinite(v) else 1e300

    best = None
    for start in ([1.0, float(s["T"].mean()), 1.0, 1.0], [0.3, 10.0, 0.5, 3.0], [3.0, 300.0, 2.0, 10.0]):
        r1 = minimize(lambda lp: neg(lp) / n, np.log(start), method="Nelder-Mead",
                      options={"xatol": 1e-9, "fatol": 1e-13, "maxiter": 20000, "maxfev": 40000})
        r2 = minimize(lambda lp: neg(lp) / n, r1.x, method="BFGS", options={"gtol": 1e-11})
        for r in (r1, r2):
            if best is None or r.fun < best.fun:
                best = r
    lp = best.x
    h = 1e-4
    k = len(lp)
    H = np.zeros((k, k))
    for i in range(k):
        for j in range(k):
            def f(di, dj):
                p = np.array(lp, dtype=float)
                p[i] += di
                p[j] += dj
                return neg(p)
            H[i, j] = (f(h, h) - f(h, -h) - f(-h, h) + f(-h, -h)) / (4 * h * h)
    eig = np.linalg.eigvalsh(H)
    p = np.exp(lp)
    try:
        se = p * np.sqrt(np.diag(np.linalg.inv(H)))
    except np.linalg.LinAlgError:
        se = np.full(k, np.nan)  # singular Hessian: a flat direction, no standard errors
    print(f"\n== {label}: customers {int(n)}, with a repeat purchase {int((s['x'] > 0).sum())}, distinct rows {len(agg)}")
    print("  r, alpha, a, b:", [f"{v:.6g}" for v in p])
    print("  se (inverse Hessian):", [f"{v:.6g}" for v in se])
    print("  se / estimate:", [f"{v:.3g}" for v in se / p])
    print("  log-likelihood", repr(-best.fun * n), " Hessian eigenvalues (log scale)", [f"{v:.4g}" for v in eig])
    return p


def cond_expected(params, t, x, tx, T):
    r, alpha, a, b = params
    z = t / (alpha + T + t)
    num = (a + b + x - 1) / (a - 1) * (1 - ((alpha + T) / (alpha + T + t)) ** (r + x) * hyp2f1(r + x, b + x, a + b + x - 1, z))
    den = 1 + (x > 0) * (a / (b + x - 1)) * ((alpha + T) / (alpha + tx)) ** (r + x)
    return num / den


full = summary(days, last_day)
fit(full, f"whole period to {last_day.date()}")

cal = summary(days, split)
pc = fit(cal, f"calibration to {split.date()}")
hold = days[days["day"] > split].groupby("CustomerID")["day"].nunique()
actual = hold.reindex(cal.index).fillna(0).to_numpy(float)
duration = float((last_day - split).days)
x, tx, T = (cal[c].to_numpy(float) for c in ("x", "tx", "T"))
pred = cond_expected(pc, duration, x, tx, T)
naive = np.where(T > 0, x / np.where(T > 0, T, 1.0) * duration, 0.0)
print(f"\n== holdout of {duration:.0f} days after {split.date()}: {len(cal)} calibration customers, {actual.sum():.0f} holdout purchases")
print("  model: predicted total", f"{pred.sum():.4f}", " MAE", f"{np.mean(np.abs(pred - actual)):.6f}", " RMSE", f"{np.sqrt(np.mean((pred - actual) ** 2)):.6f}")
print("  naive (x / T * duration): predicted total", f"{naive.sum():.4f}", " MAE", f"{np.mean(np.abs(naive - actual)):.6f}", " RMSE", f"{np.sqrt(np.mean((naive - actual) ** 2)):.6f}")
