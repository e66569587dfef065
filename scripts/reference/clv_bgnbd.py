"""Independent numpy/scipy reference for the BG/NBD and Gamma-Gamma models.

Run: /usr/bin/python3 scripts/reference/clv_bgnbd.py [--write-fixture]

Written from the papers, not from lifetimes (not installed; PyPI unreachable) and not
from our TypeScript:
- BG/NBD: Fader, Hardie & Lee (2005), "Counting your customers the easy way",
  log-likelihood eq. 6 (as written there, with beta functions), E[X(t)] eq. 7,
  conditional expectation eq. 10 (plain scipy.special.hyp2f1, no transformation),
  P(alive) eq. 13.
- Gamma-Gamma: Fader, Hardie & Lee (2005), "RFM and CLV", and Fader & Hardie (2013),
  "The Gamma-Gamma model of monetary value": marginal density of the average spend,
  conditional expected spend.
- CLV: the loop of lifetimes' customer_lifetime_value (months of 30 days, discount per
  month), re-typed from its documented algorithm.

--write-fixture regenerates tests/fixtures/clv/bgnbd-300.csv from numpy's generator
(seed 20240601): 300 customers from BG/NBD(r=0.25, alpha=4, a=0.8, b=2.5), T uniform in
[30, 365] days, repeat spends from Gamma-Gamma(p=6, q=4, gamma=15). Without the flag the
script reads the fixture, so the printed numbers are those in the tests.

The printed figures are the golden values in tests/analytics/clv/reference.test.ts,
hyp2f1.test.ts (the 2F1 table) and expectation-grid.test.ts (eq. 10 in mpmath).
"""
import csv
import os
import sys

import mpmath
import numpy as np
import scipy
from scipy.optimize import minimize
from scipy.special import betaln, gammaln, hyp2f1

here = os.path.dirname(os.path.abspath(__file__))
fixture = os.path.join(here, "..", "..", "tests", "fixtures", "clv", "bgnbd-300.csv")


def simulate(seed=20240601, n=300):
    rng = np.random.default_rng(seed)
    r, alpha, a, b = 0.25, 4.0, 0.8, 2.5
    p_, q_, g_ = 6.0, 4.0, 15.0
    out = []
    for _ in range(n):
        T = rng.uniform(30, 365)
        lam = rng.gamma(r, 1 / alpha)
        p = rng.beta(a, b)
        t, x = 0.0, 0
        while True:
            nxt = t + rng.exponential(1 / lam) if lam > 0 else np.inf
            if not nxt < T:
                break
            t, x = nxt, x + 1
            if rng.random() < p:
                break
        m = 0.0
        if x > 0:
            nu = rng.gamma(q_, 1 / g_)
            m = float(np.mean(rng.gamma(p_, 1 / nu, size=x)))
        out.append((x, round(t if x > 0 else 0.0, 6), round(T, 6), round(m, 2)))
    return out


if "--write-fixture" in sys.argv:
    os.makedirs(os.path.dirname(fixture), exist_ok=True)
    with open(fixture, "w", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["frequency", "recency", "T", "monetary_value"])
        for row in simulate():
            w.writerow([row[0], f"{row[1]:.6f}", f"{row[2]:.6f}", f"{row[3]:.2f}"])
    print("wrote", os.path.normpath(fixture))

data = np.loadtxt(fixture, delimiter=",", skiprows=1)
x, tx, T, m = data[:, 0], data[:, 1], data[:, 2], data[:, 3]
print("numpy", np.__version__, "scipy", scipy.__version__, "mpmath", mpmath.__version__)
print("customers", len(x), "with repeat", int((x > 0).sum()), "max frequency", int(x.max()))


# ---------------------------------------------------------------- BG/NBD
def bgnbd_ll_terms(params, x, tx, T):
    """ln L per customer, eq. 6: L = A + δ(x>0) B with
    A = B(a, b+x)/B(a, b) · Γ(r+x) α^r / (Γ(r) (α+T)^(r+x))
    B = B(a+1, b+x−1)/B(a, b) · Γ(r+x) α^r / (Γ(r) (α+t_x)^(r+x))"""
    r, alpha, a, b = params
    common = gammaln(r + x) - gammaln(r) + r * np.log(alpha) - betaln(a, b)
    ln_a = betaln(a, b + x) - (r + x) * np.log(alpha + T)
    with np.errstate(invalid="ignore", divide="ignore"):
        ln_b = np.where(x > 0, betaln(a + 1, np.where(x > 0, b + x - 1, 1.0)) - (r + x) * np.log(alpha + tx), -np.inf)
    return common + np.logaddexp(ln_a, ln_b)


def bgnbd_ll(params):
    return float(np.sum(bgnbd_ll_terms(params, x, tx, T)))


def fit(neg, x0):
    res = minimize(neg, x0, method="Nelder-Mead", options={"xatol": 1e-12, "fatol": 1e-13, "maxiter": 100000, "maxfev": 200000})
    res2 = minimize(neg, res.x, method="BFGS", options={"gtol": 1e-10})
    best = res2 if res2.fun <= res.fun else res
    return best, res


def hessian_se(neg_total, logp, h=1e-4):
    k = len(logp)
    H = np.zeros((k, k))
    for i in range(k):
        for j in range(k):
            def f(di, dj):
                p = np.array(logp, dtype=float)
                p[i] += di
                p[j] += dj
                return neg_total(p)
            H[i, j] = (f(h, h) - f(h, -h) - f(-h, h) + f(-h, -h)) / (4 * h * h)
    cov = np.linalg.inv(H)
    return np.exp(logp) * np.sqrt(np.diag(cov))


neg_bg = lambda lp: -bgnbd_ll(np.exp(lp))
best, nm = fit(neg_bg, np.log([1.0, float(T.mean()), 1.0, 1.0]))
alt, _ = fit(neg_bg, np.log([0.5, 10.0, 2.0, 5.0]))
bg = np.exp(best.x)
print()
print("BG/NBD log-likelihood at (r, alpha, a, b) = (0.25, 4, 0.8, 2.5):", repr(bgnbd_ll([0.25, 4.0, 0.8, 2.5])))
print("BG/NBD log-likelihood at (1, 2, 3, 4):", repr(bgnbd_ll([1.0, 2.0, 3.0, 4.0])))
print("BG/NBD MLE r, alpha, a, b:", [repr(float(v)) for v in bg])
print("  loglik", repr(float(-best.fun)), "| Nelder-Mead alone", repr(float(-nm.fun)), "| other start", repr(float(-alt.fun)), [f"{v:.8g}" for v in np.exp(alt.x)])
print("  se (inverse Hessian):", [f"{v:.6g}" for v in hessian_se(neg_bg, best.x)])


def p_alive(params, x, tx, T):
    r, alpha, a, b = params
    if x == 0:
        return 1.0
    return 1.0 / (1.0 + (a / (b + x - 1)) * ((alpha + T) / (alpha + tx)) ** (r + x))


def cond_expected(params, t, x, tx, T):
    """Eq. 10, as printed, with scipy's hyp2f1 on the original parameters."""
    r, alpha, a, b = params
    z = t / (alpha + T + t)
    num = (a + b + x - 1) / (a - 1) * (1 - ((alpha + T) / (alpha + T + t)) ** (r + x) * hyp2f1(r + x, b + x, a + b + x - 1, z))
    den = 1 + (x > 0) * (a / (b + x - 1)) * ((alpha + T) / (alpha + tx)) ** (r + x)
    return num / den


def uncond_expected(params, t):
    r, alpha, a, b = params
    return (a + b - 1) / (a - 1) * (1 - (alpha / (alpha + t)) ** r * hyp2f1(r, b, a + b - 1, t / (alpha + t)))


picks = [0, 1, 2, 3, 4, int(np.argmax(x))]
print()
print("Predictions at the MLE above (t in days):")
print("idx frequency recency T | P(alive) | E[Y(30)] | E[Y(90)]")
for i in picks:
    print(i, int(x[i]), float(tx[i]), float(T[i]), "|", repr(float(p_alive(bg, x[i], tx[i], T[i]))), "|", repr(float(cond_expected(bg, 30.0, x[i], tx[i], T[i]))), "|", repr(float(cond_expected(bg, 90.0, x[i], tx[i], T[i]))))
print("E[X(t)] for t = 30, 180, 365:", [repr(float(uncond_expected(bg, t))) for t in (30.0, 180.0, 365.0)])
print("sum over customers of E[Y(90)]:", repr(float(sum(cond_expected(bg, 90.0, x[i], tx[i], T[i]) for i in range(len(x))))))

# ---------------------------------------------------------------- Gamma-Gamma
sel = (x > 0) & (m > 0)
xs, ms = x[sel], m[sel]


def gg_ll(params):
    """Fader & Hardie (2013) eq. for f(m̄ | p, q, γ, x), m̄ the mean of x spends."""
    p, q, g = params
    return float(np.sum(gammaln(p * xs + q) - gammaln(p * xs) - gammaln(q) + q * np.log(g) + (p * xs - 1) * np.log(ms) + (p * xs) * np.log(xs) - (p * xs + q) * np.log(xs * ms + g)))


neg_gg = lambda lp: -gg_ll(np.exp(lp))
gbest, gnm = fit(neg_gg, np.log([1.0, 2.0, float(ms.mean())]))
galt, _ = fit(neg_gg, np.log([3.0, 3.0, 10.0]))
gg = np.exp(gbest.x)
print()
print("Gamma-Gamma customers used:", int(sel.sum()))
print("Gamma-Gamma log-likelihood at (p, q, gamma) = (6, 4, 15):", repr(gg_ll([6.0, 4.0, 15.0])))
print("Gamma-Gamma MLE p, q, gamma:", [repr(float(v)) for v in gg])
print("  loglik", repr(float(-gbest.fun)), "| Nelder-Mead alone", repr(float(-gnm.fun)), "| other start", repr(float(-galt.fun)), [f"{v:.8g}" for v in np.exp(galt.x)])
print("  se (inverse Hessian):", [f"{v:.6g}" for v in hessian_se(neg_gg, gbest.x)])


def exp_spend(params, x, m):
    p, q, g = params
    return (p * (g + x * m)) / (p * x + q - 1)


print("E[M | x, m] at the MLE:", [(i, repr(float(exp_spend(gg, x[i], m[i])))) for i in picks])


# ---------------------------------------------------------------- CLV (lifetimes' loop)
def clv(bgp, ggp, x, tx, T, m, months=12, d=0.01, factor=30.0):
    spend = exp_spend(ggp, x, m)
    total = 0.0
    for k in range(1, months + 1):
        e = cond_expected(bgp, k * factor, x, tx, T) - (cond_expected(bgp, (k - 1) * factor, x, tx, T) if k > 1 else 0.0)
        total += spend * e / (1 + d) ** k
    return total


print()
print("CLV, 12 months, 1%/month, months of 30 days, at the MLEs:", [(i, repr(float(clv(bg, gg, x[i], tx[i], T[i], m[i])))) for i in picks])
# Weeks: the same customers with times / 7. The BG/NBD MLE is equivariant (alpha / 7,
# r, a, b unchanged), and lifetimes' month is 4.345 weeks.
bgw = np.array([bg[0], bg[1] / 7, bg[2], bg[3]])
print("CLV in weeks (alpha / 7, months of 4.345 weeks), 6 months, 2%/month:",
      [(i, repr(float(clv(bgw, gg, x[i], tx[i] / 7, T[i] / 7, m[i], months=6, d=0.02, factor=4.345)))) for i in picks])

# ---------------------------------------------------------------- 2F1
print()
print("hyp2f1(a, b, c, z): scipy | mpmath (40 digits)")
mpmath.mp.dps = 40
cases = [
    (1, 1, 2, 0.5),
    (1, 1, 2, 0.999),
    (0.5, 0.5, 1, 0.99),
    (1, 1, 1.5, 0.999),
    (3.25, 5.5, 6.3, 0.9),
    (0.3, -0.2, 4.0, 0.999999),
    (2.3, 1.7, 4.0000001, 0.999),
    (1.2, 2.3, 3.50001, 0.9999),
    (1.5, 2.5, 0.7, -3.0),
    (-0.3, 0.2, -1.5, 0.95),
    (0.45, -0.2, 1.05, 0.99),
    (100.25, 102.5, 101.3, 0.5),
    (0.25, 2.5, 2.3, 0.98),
    (3.25, 5.5, 5.3, 0.95),
    (-3, 2.5, 1.5, 0.7),
]
for c in cases:
    print(c, repr(float(hyp2f1(*c))), mpmath.nstr(mpmath.hyp2f1(*[mpmath.mpf(v) for v in c]), 17))

# ---------------------------------------------------------------- eq. 10 on a grid, exactly
# E[Y(t) | x, t_x, T] by eq. 10 as printed, in 40-digit mpmath, over parameters with
# a < 1, a > 1, a ≈ 1, a + b < 1 (negative c at x = 0) and t up to 5000 (z near 1):
# the region where our Euler-transformed evaluation and the a ≈ 1 averaging must hold.
def cond_expected_mp(params, t, x, tx, T):
    r, alpha, a, b = [mpmath.mpf(v) for v in params]
    t, x, tx, T = mpmath.mpf(t), mpmath.mpf(x), mpmath.mpf(tx), mpmath.mpf(T)
    z = t / (alpha + T + t)
    num = (a + b + x - 1) / (a - 1) * (1 - ((alpha + T) / (alpha + T + t)) ** (r + x) * mpmath.hyp2f1(r + x, b + x, a + b + x - 1, z))
    den = 1 + (1 if x > 0 else 0) * (a / (b + x - 1)) * ((alpha + T) / (alpha + tx)) ** (r + x)
    return num / den


grid_params = [(0.25, 4.0, 0.8, 2.5), (1.5, 0.5, 3.2, 0.4), (2.0, 10.0, 0.3, 0.5), (0.6, 20.0, 1.00003, 1.7)]
grid_customers = [(0, 0, 0), (0, 0, 50), (1, 5, 300), (7, 120, 130), (40, 300, 310)]
grid_t = [1, 30, 365, 5000]
print()
print("eq. 10 grid (mpmath, 40 digits): [paramsIndex, x, t_x, T, t, value]")
for pi, params in enumerate(grid_params):
    for (cx, ctx, cT) in grid_customers:
        for t in grid_t:
            v = cond_expected_mp(params, t, cx, ctx, cT)
            print(f"  [{pi}, {cx}, {ctx}, {cT}, {t}, {mpmath.nstr(v, 17)}],")
