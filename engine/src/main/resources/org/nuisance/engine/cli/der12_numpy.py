"""numpy reference for `nuisance bench`: the same 12-DER work as the Java kernel's computeAll after a
tes change (HIGGSML.md steps 1-7: shift and round the PRI quantities, the cuts, the MET with an exact
atan2, all 12 DER columns cast to float32) on N events of random PRI values, vectorised over events.
Prints numpy_all_der_ms=<median of the timed repeats>. Usage: python3 der12_numpy.py N REPEATS"""
import sys
import time

import numpy as np

n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000000
repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 5
rng = np.random.default_rng(31415)
f = np.float32
lep_pt = (20 + rng.exponential(20, n)).astype(f)
lep_eta = rng.normal(0, 1.2, n).astype(f)
lep_phi = rng.uniform(-np.pi, np.pi, n).astype(f)
had_pt = (20 + rng.exponential(25, n)).astype(f)
had_eta = rng.normal(0, 1.2, n).astype(f)
had_phi = rng.uniform(-np.pi, np.pi, n).astype(f)
n_jets = rng.integers(0, 4, n).astype(f)
j1_pt = np.where(n_jets > 0, 20 + rng.exponential(40, n), -25).astype(f)
j1_eta = np.where(n_jets > 0, rng.normal(0, 2, n), -25).astype(f)
j1_phi = np.where(n_jets > 0, rng.uniform(-np.pi, np.pi, n), -25).astype(f)
j2_pt = np.where(n_jets > 1, 20 + rng.exponential(30, n), -25).astype(f)
j2_eta = np.where(n_jets > 1, rng.normal(0, 2, n), -25).astype(f)
j2_phi = np.where(n_jets > 1, rng.uniform(-np.pi, np.pi, n), -25).astype(f)
jet_all = (np.maximum(j1_pt, 0) + np.maximum(j2_pt, 0)).astype(f)
met = rng.exponential(30, n).astype(f)
met_phi = rng.uniform(-np.pi, np.pi, n).astype(f)


def r3(x):
    return np.round(x * 1000.0) / 1000.0


def p4(pt, eta, phi):
    pt = pt.astype(np.float64)
    return pt * np.cosh(eta), pt * np.cos(phi), pt * np.sin(phi), pt * np.sinh(eta)


def mass(a, b):
    e, x, y, z = (a[i] + b[i] for i in range(4))
    return np.sqrt(np.maximum(0, e * e - x * x - y * y - z * z))


def der12(tes, jes):
    had = r3(had_pt * tes).astype(f)
    passed = (had >= 26) & (lep_pt >= 20)
    j1 = r3(np.where(n_jets > 0, j1_pt * jes, j1_pt)).astype(f)
    j2 = r3(np.where(n_jets > 1, j2_pt * jes, j2_pt)).astype(f)
    mx = met * np.cos(met_phi) + (had_pt - had) * np.cos(had_phi) \
        + np.where(n_jets > 0, (j1_pt - j1) * np.cos(j1_phi), 0) + np.where(n_jets > 1, (j2_pt - j2) * np.cos(j2_phi), 0)
    my = met * np.sin(met_phi) + (had_pt - had) * np.sin(had_phi) \
        + np.where(n_jets > 0, (j1_pt - j1) * np.sin(j1_phi), 0) + np.where(n_jets > 1, (j2_pt - j2) * np.sin(j2_phi), 0)
    m = r3(np.hypot(mx, my)).astype(f)
    mphi = r3(np.arctan2(my, mx)).astype(f)
    all_pt = r3(jet_all * jes)
    r2 = (j2 >= 0) & (j2 <= 26)
    all_pt = np.where(r2, all_pt - j2, all_pt)
    j2 = np.where(r2, -25, j2).astype(f)
    nj = n_jets - r2
    r1 = (j1 >= 0) & (j1 <= 26)
    all_pt = np.where(r1, all_pt - j1, all_pt)
    j1 = np.where(r1, -25, j1).astype(f)
    nj = nj - r1
    e1 = np.where(r1, -25, j1_eta)
    e2 = np.where(r2, -25, j2_eta)
    lep = p4(lep_pt, lep_eta, lep_phi)
    tau = p4(had, had_eta, had_phi)
    jet1 = p4(j1, e1, np.where(r1, -25, j1_phi))
    jet2 = p4(j2, e2, np.where(r2, -25, j2_phi))
    out = {}
    out["mt"] = np.sqrt(np.maximum(0, (m + lep_pt) ** 2 - (m * np.cos(mphi) + lep[1]) ** 2
                                   - (m * np.sin(mphi) + lep[2]) ** 2))
    out["mvis"] = mass(lep, tau)
    hx = tau[1] + lep[1] + m * np.cos(mphi)
    hy = tau[2] + lep[2] + m * np.sin(mphi)
    out["pth"] = np.hypot(hx, hy)
    two = nj >= 2
    out["deta"] = np.where(two, np.abs(e2 - e1), -25)
    out["mjj"] = np.where(two, mass(jet1, jet2), -25)
    out["prodeta"] = np.where(two, e1 * e2, -25)
    dphi = np.abs(np.mod(lep_phi - had_phi + 3 * np.pi, 2 * np.pi) - np.pi)
    out["dr"] = np.sqrt((lep_eta - had_eta) ** 2 + dphi ** 2)
    tx = hx + np.where(nj >= 1, jet1[1], 0) + np.where(two, jet2[1], 0)
    ty = hy + np.where(nj >= 1, jet1[2], 0) + np.where(two, jet2[2], 0)
    out["pttot"] = np.hypot(tx, ty)
    out["sumpt"] = had + lep_pt + all_pt
    out["ratio"] = lep_pt / had
    s = np.sign(np.sin(had_phi - lep_phi))
    a = np.sin(mphi - lep_phi) * s
    b = np.sin(had_phi - mphi) * s
    out["cen"] = (a + b) / np.sqrt(a * a + b * b)
    d = (e1 - e2) ** 2
    d = np.where(d == 0, 1e-4, d)
    out["lepcen"] = np.where(two, np.exp(-4 / d * (lep_eta - (e1 + e2) / 2) ** 2), -25)
    return passed, {k: v.astype(f) for k, v in out.items()}


times = []
with np.errstate(all="ignore"):
    for r in range(-1, repeats):
        t0 = time.perf_counter()
        der12(0.98 + 0.01 * (r % 5), 1.0)
        if r >= 0:
            times.append((time.perf_counter() - t0) * 1e3)
print("numpy_all_der_ms=%.2f" % float(np.median(times)))
