"""Independent statsmodels reference for our TypeScript ARIMA (src/analytics/arima/).

Run: /usr/bin/python3 scripts/reference/arima_statsmodels.py [--write-fixtures]

Everything printed here comes from statsmodels (SARIMAX / ARIMA: exact Gaussian
likelihood by the Kalman filter, maximised by scipy) and numpy/pandas, never from our
code. The printed figures are the golden values in tests/analytics/arima/*.test.ts.

--write-fixtures regenerates tests/fixtures/arima/simulated.json from numpy's generator
(seed 20240611, one generator drawn in the order below):
  arma11    ARMA(1,1): y - 50 = 0.6 (y[-1] - 50) + e + 0.3 e[-1], sd(e) = 2, n = 120
  ar2       AR(2): y - 100 = 0.6 (y[-1] - 100) - 0.3 (y[-2] - 100) + e, sd(e) = 5, n = 150
  ari_drift ARIMA(1,1,0) with drift: dy - 0.8 = 0.5 (dy[-1] - 0.8) + e, sd(e) = 3, y0 = 200, n = 100
  sarima    ARIMA(0,1,1)(0,1,1)[12]: (1-L)(1-L^12) y = (1 - 0.4 L)(1 - 0.6 L^12) e, sd(e) = 2,
            started from a level of 100 with a fixed 12-month pattern, n = 96
Each stationary part gets a 500-step burn-in. Values are rounded to 6 decimals and the
fits below read the rounded values back from the fixture.

AirPassengers (tests/fixtures/arima/air-passengers.json) is the Box & Jenkins series; the
script checks that the fixture equals the copy statsmodels ships in its own test results.
"""
import json
import math
import os
import sys
import warnings

import numpy as np
import pandas as pd
import scipy
import statsmodels
from statsmodels.tsa.arima.model import ARIMA
from statsmodels.tsa.seasonal import STL
from statsmodels.tsa.statespace.sarimax import SARIMAX
from statsmodels.tsa.stattools import kpss

warnings.simplefilter("ignore")
here = os.path.dirname(os.path.abspath(__file__))
fixdir = os.path.join(here, "..", "..", "tests", "fixtures", "arima")
np.set_printoptions(precision=17)


def simulate(seed=20240611):
    rng = np.random.default_rng(seed)
    burn = 500
    out = {}
    # ARMA(1,1) around 50
    e = rng.normal(0, 2, 120 + burn)
    x = np.zeros_like(e)
    for t in range(1, len(e)):
        x[t] = 0.6 * x[t - 1] + e[t] + 0.3 * e[t - 1]
    out["arma11"] = 50 + x[burn:]
    # AR(2) around 100
    e = rng.normal(0, 5, 150 + burn)
    x = np.zeros_like(e)
    for t in range(2, len(e)):
        x[t] = 0.6 * x[t - 1] - 0.3 * x[t - 2] + e[t]
    out["ar2"] = 100 + x[burn:]
    # ARIMA(1,1,0) with drift 0.8
    e = rng.normal(0, 3, 99 + burn)
    u = np.zeros_like(e)
    for t in range(1, len(e)):
        u[t] = 0.5 * u[t - 1] + e[t]
    dy = 0.8 + u[burn:]
    out["ari_drift"] = 200 + np.concatenate([[0.0], np.cumsum(dy)])
    # Airline-type seasonal series
    n = 96
    e = rng.normal(0, 2, n + burn)
    w = np.zeros_like(e)
    for t in range(13, len(e)):
        w[t] = e[t] - 0.4 * e[t - 1] - 0.6 * e[t - 12] + 0.24 * e[t - 13]
    w = w[burn:]
    pattern = np.array([-8, -10, -2, 0, 3, 6, 12, 11, 4, 0, -5, -11], dtype=float)
    y = np.zeros(n)
    y[:13] = 100 + np.concatenate([pattern, pattern[:1]]) + np.arange(13) * 0.5
    for t in range(13, n):
        y[t] = w[t] + y[t - 1] + y[t - 12] - y[t - 13]
    out["sarima"] = y
    return {k: [round(float(v), 6) for v in vals] for k, vals in out.items()}


if "--write-fixtures" in sys.argv:
    sims = simulate()
    doc = {
        "source": "Simulated once with numpy (default_rng seed 20240611) by scripts/reference/arima_statsmodels.py --write-fixtures; see its docstring for the models.",
        "series": sims,
    }
    with open(os.path.join(fixdir, "simulated.json"), "w") as fh:
        json.dump(doc, fh, indent=1)
        fh.write("\n")
    print("wrote simulated.json")

with open(os.path.join(fixdir, "air-passengers.json")) as fh:
    air = np.array(json.load(fh)["values"], dtype=float)
with open(os.path.join(fixdir, "simulated.json")) as fh:
    sim = {k: np.array(v, dtype=float) for k, v in json.load(fh)["series"].items()}

from statsmodels.tsa.statespace.tests.results import results_sarimax  # noqa: E402

assert np.array_equal(air, np.array(results_sarimax.air2_data, dtype=float)), "fixture differs from statsmodels' copy"
print("numpy", np.__version__, "scipy", scipy.__version__, "pandas", pd.__version__, "statsmodels", statsmodels.__version__)
print("AirPassengers: n", len(air), "sum", air.sum(), "(matches statsmodels' air2_data)")


def fmt(a):
    return "[" + ", ".join(repr(float(v)) for v in np.atleast_1d(a)) + "]"


def aicc(llf, k, nobs):
    aic = -2 * llf + 2 * k
    return aic + 2 * k * (k + 1) / (nobs - k - 1)


def report(name, est, full, nobs_eff, h=6):
    """est: the model on the differenced series (stationary initialisation, as ours); its
    maximum gives parameters, SEs (cov_type="approx": inverse of the numerical Hessian of the loglik, as R reports) and loglik.
    full: the same model on the levels with the differencing inside the state (statsmodels'
    default), filtered at those parameters; it gives the forecasts and intervals."""
    res = fit_tight(est)
    params = np.asarray(res.params)
    k = len(params)
    print(f"\n== {name}")
    print("  param names", list(res.model.param_names))
    print("  params     ", fmt(params))
    print("  bse (approx)", fmt(res.bse))
    print("  llf        ", repr(float(res.llf)))
    print("  nobs_eff   ", nobs_eff, " k", k)
    print("  aic        ", repr(float(-2 * res.llf + 2 * k)), " aicc", repr(aicc(res.llf, k, nobs_eff)))
    fres = full.filter(params)
    print("  llf of the levels model (diffuse differencing states) at these params:", repr(float(fres.llf)))
    fc = fres.get_forecast(h)
    mean = np.asarray(fc.predicted_mean)
    ci80 = np.asarray(fc.conf_int(alpha=0.2))
    ci95 = np.asarray(fc.conf_int(alpha=0.05))
    print("  forecast   ", fmt(mean))
    print("  lower80    ", fmt(ci80[:, 0]))
    print("  upper80    ", fmt(ci80[:, 1]))
    print("  lower95    ", fmt(ci95[:, 0]))
    print("  upper95    ", fmt(ci95[:, 1]))
    return res, fres


def fit_tight(model):
    # Three optimisers in turn from statsmodels' own start; keep the best likelihood. Tight
    # tolerances so the reference is the maximum, not wherever lbfgs happened to stop.
    r1 = model.fit(disp=False, method="lbfgs", maxiter=5000, pgtol=1e-12, factr=10, cov_type="approx")
    r2 = model.fit(start_params=r1.params, disp=False, method="nm", maxiter=20000, xtol=1e-12, ftol=1e-14, cov_type="approx")
    r3 = model.fit(start_params=r2.params, disp=False, method="bfgs", maxiter=5000, gtol=1e-10, cov_type="approx")
    return max([r1, r2, r3], key=lambda r: r.llf)


def seasonal_diff(x, d, D, m):
    for _ in range(D):
        x = x[m:] - x[:-m]
    for _ in range(d):
        x = np.diff(x)
    return x


def sarima(name, x, order, seasonal=(0, 0, 0, 12)):
    d, D, m = order[1], seasonal[1], seasonal[3]
    w = seasonal_diff(x, d, D, m)
    est = SARIMAX(w, order=(order[0], 0, order[2]), seasonal_order=(seasonal[0], 0, seasonal[2], m), trend="n")
    full = SARIMAX(x, order=order, seasonal_order=seasonal, trend="n")
    return report(name, est, full, len(w))


# ------------------------------------------------------------- airline model, log AP
y = np.log(air)
res, fres = sarima("airline (0,1,1)(0,1,1)12 on log AirPassengers", y, (0, 1, 1), (0, 1, 1, 12))
print("  fitted (one-step predictions) at t = 13, 14, 143:", fmt(np.asarray(fres.fittedvalues)[[13, 14, 143]]))
# Seasonal AR parts exercise the stationary initial covariance of a 13-state AR block.
sarima("(1,1,0)(1,1,0)12 on log AirPassengers", y, (1, 1, 0), (1, 1, 0, 12))
# R's auto.arima(AirPassengers) answer, to set our likelihood beside R's print-out.
sarima("(2,1,1)(0,1,0)12 on AirPassengers", air, (2, 1, 1), (0, 1, 0, 12))
sarima("(0,1,1)(0,1,1)12 on sarima", sim["sarima"], (0, 1, 1), (0, 1, 1, 12))

# ------------------------------------------------------------- non-seasonal simulated
# A mean (and, after one difference, a drift) enters as a regression with ARMA errors,
# exactly as R's arima / statsmodels' ARIMA(trend=...) do: exog = 1 on the differenced data.
for name, key, order in [("ARMA(1,1) with mean on arma11", "arma11", (1, 0, 1)), ("AR(2) with mean on ar2", "ar2", (2, 0, 0))]:
    x = sim[key]
    est = SARIMAX(x, exog=np.ones((len(x), 1)), order=order, trend="n")
    report(name, est, ARIMA(x, order=order, trend="c"), len(x))

x = sim["ari_drift"]
est = SARIMAX(np.diff(x), exog=np.ones((len(x) - 1, 1)), order=(1, 0, 0), trend="n")
report("ARIMA(1,1,0) with drift on ari_drift", est, ARIMA(x, order=(1, 1, 0), trend="t"), len(x) - 1)


# ------------------------------------------------------------- KPSS (level), ndiffs lag rule
def kpss_level(x):
    lags = int(math.trunc(3 * math.sqrt(len(x)) / 13))
    stat = kpss(x, regression="c", nlags=lags)[0]
    return stat, lags


print("\n== KPSS level statistic, lags = trunc(3 sqrt(n) / 13) as forecast::ndiffs")
for name, x in [
    ("AirPassengers", air),
    ("diff(log AP, 12)", np.log(air)[12:] - np.log(air)[:-12]),
    ("arma11", sim["arma11"]),
    ("ari_drift", sim["ari_drift"]),
    ("diff(ari_drift)", np.diff(sim["ari_drift"])),
]:
    stat, lags = kpss_level(x)
    print(f"  {name:18s} n {len(x):4d} lags {lags}  stat {stat!r}")


# ------------------------------------------------------------- STL as R's stl() in mstl()
def r_stl(x, m):
    """R stl(x, s.window = 11) with its defaults: s.degree 0, t.window nextodd(ceiling(1.5m/(1-1.5/11))),
    l.window nextodd(m), t.degree = l.degree = 1, jumps ceiling(window/10), inner 2, outer 0."""

    def nextodd(v):
        v = int(round(v))
        return v + 1 if v % 2 == 0 else v

    ns = 11
    nt = nextodd(math.ceil(1.5 * m / (1 - 1.5 / ns)))
    nl = nextodd(m)
    stl = STL(x, period=m, seasonal=ns, trend=nt, low_pass=nl, seasonal_deg=0, trend_deg=1, low_pass_deg=1,
              robust=False, seasonal_jump=math.ceil(ns / 10), trend_jump=math.ceil(nt / 10), low_pass_jump=math.ceil(nl / 10))
    return stl.fit(inner_iter=2, outer_iter=0), (ns, nt, nl)


print("\n== STL (R defaults as used by forecast::mstl) and seasonal strength 1 - var(R)/var(S+R)")
for name, x, m in [("AirPassengers", air, 12), ("sarima", sim["sarima"], 12), ("arma11 (as if m=12)", sim["arma11"], 12)]:
    fit, windows = r_stl(x, m)
    s, t, r = np.asarray(fit.seasonal), np.asarray(fit.trend), np.asarray(fit.resid)
    strength = max(0.0, min(1.0, 1 - np.var(r, ddof=1) / np.var(s + r, ddof=1)))
    print(f"  {name}: windows {windows}")
    print("    seasonal[0:3], [-1]", fmt(s[[0, 1, 2, -1]]))
    print("    trend[0:3], [-1]   ", fmt(t[[0, 1, 2, -1]]))
    print("    strength           ", repr(strength))


# ------------------------------------------------------------- Ljung–Box (residual diagnostics)
# acorr_ljungbox on a fixed series (the first 60 values of arma11, lags 1…10), then the
# tests statsmodels runs on a fit: SARIMAXResults.summary prints lag 1 ("Ljung-Box (L1) (Q)"),
# test_serial_correlation(lags=None) uses min(10, nobs // 5), or min(2m, nobs // 5) for a
# seasonal model, both on the standardized forecast errors after the diffuse burn-in.
from statsmodels.stats.diagnostic import acorr_ljungbox  # noqa: E402

print("\n== Ljung-Box: acorr_ljungbox(arma11[:60], lags=10)")
lb = acorr_ljungbox(sim["arma11"][:60], lags=10, return_df=True)
print("  lb_stat  ", fmt(lb["lb_stat"].to_numpy()))
print("  lb_pvalue", fmt(lb["lb_pvalue"].to_numpy()))
print("== Ljung-Box: acorr_ljungbox(a short series 1, -1, 2, 0, -2, 1, 0, 1, -1, 3, -3, 2, lags=3)")
lb = acorr_ljungbox(np.array([1, -1, 2, 0, -2, 1, 0, 1, -1, 3, -3, 2], dtype=float), lags=3, return_df=True)
print("  lb_stat  ", fmt(lb["lb_stat"].to_numpy()))
print("  lb_pvalue", fmt(lb["lb_pvalue"].to_numpy()))

for name, x, order, seasonal in [
    ("(2,1,1)(0,1,0)12 on AirPassengers", air, (2, 1, 1), (0, 1, 0, 12)),
    ("(0,1,1)(0,1,1)12 on log AirPassengers", np.log(air), (0, 1, 1), (0, 1, 1, 12)),
]:
    d, D, m = order[1], seasonal[1], seasonal[3]
    w = seasonal_diff(x, d, D, m)
    est = fit_tight(SARIMAX(w, order=(order[0], 0, order[2]), seasonal_order=(seasonal[0], 0, seasonal[2], m), trend="n"))
    fres = SARIMAX(x, order=order, seasonal_order=seasonal, trend="n").filter(np.asarray(est.params))
    l1 = fres.test_serial_correlation("ljungbox", lags=[1])[0]
    ld = fres.test_serial_correlation("ljungbox", lags=None)[0]
    print(f"\n== Ljung-Box of the fit {name}: burn-in {int(fres.loglikelihood_burn)}, nobs_diffuse {int(fres.nobs_diffuse)}")
    print("  summary (L1): Q", repr(float(l1[0][-1])), " Prob(Q)", repr(float(l1[1][-1])))
    print(f"  default lags ({ld.shape[1]}): Q", repr(float(ld[0][-1])), " p", repr(float(ld[1][-1])))
