#!/usr/bin/env python3
"""Generate independent reference conformance vectors for carekit scores.

Every expected value is computed here from numpy / scipy / statsmodels /
ddsketch (PyPI) or from a hand-written formula, never from carekit.
Re-runnable: `venv/bin/python gen_scores.py` rewrites scores.json next to it.
Prints only progress lines.

Environment used:
  python3 -m venv /work/refs/venv && /work/refs/venv/bin/pip install numpy scipy statsmodels ddsketch
"""
import json
import math
import os
from fractions import Fraction

import numpy as np
import scipy
import scipy.stats
import statsmodels
from statsmodels.stats.proportion import (
    confint_proportions_2indep,
    proportion_confint,
    proportions_ztest,
)
import ddsketch
from ddsketch import DDSketch

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "scores.json")
TOL = 1e-9
CASES = []


def progress(msg):
    print(msg, flush=True)


def add(id_, kind, source, input_, expect, tol=TOL):
    assert not any(c["id"] == id_ for c in CASES), id_
    case = {"id": id_, "kind": kind, "source": source, "input": input_, "expect": expect}
    if tol is not None:
        case["tolerance"] = tol
    CASES.append(case)


def f(x):
    """Plain Python float (full precision, repr in JSON)."""
    return float(x)


def zcrit(conf):
    return float(scipy.stats.norm.ppf(1 - (1 - conf) / 2))


def clamp(x, lo, hi):
    return min(max(x, lo), hi)


# ---------------------------------------------------------------- 1. nps
def nps_expect(scores, weights=None, conf=0.95, interval="wald"):
    z = zcrit(conf)
    n = len(scores)
    if n == 0:
        return {"n": 0, "score": None}
    if weights is None:
        P = sum(1 for s in scores if s >= 9)
        D = sum(1 for s in scores if s <= 6)
        Pa = n - P - D
        score = 100.0 * (P - D) / n
        if interval == "wald":
            p, d = P / n, D / n
            var = p + d - (p - d) ** 2
            se = math.sqrt(var / n)
            c = p - d
        else:
            n2 = n + 3
            p, d = (P + 0.75) / n2, (D + 0.75) / n2
            var = p + d - (p - d) ** 2
            se = math.sqrt(var / n2)
            c = p - d
        return {
            "n": n, "promoters": P, "passives": Pa, "detractors": D,
            "score": score,
            "ci_low": clamp(100.0 * (c - z * se), -100.0, 100.0),
            "ci_high": clamp(100.0 * (c + z * se), -100.0, 100.0),
            "effective_n": n,
        }
    assert interval == "wald"
    W = math.fsum(weights)
    Wp = math.fsum(w for s, w in zip(scores, weights) if s >= 9)
    Wd = math.fsum(w for s, w in zip(scores, weights) if s <= 6)
    Wpa = math.fsum(w for s, w in zip(scores, weights) if 7 <= s <= 8)
    neff = W * W / math.fsum(w * w for w in weights)
    p, d = Wp / W, Wd / W
    var = p + d - (p - d) ** 2
    se = math.sqrt(var / neff)
    return {
        "n": n, "promoters": Wp, "passives": Wpa, "detractors": Wd,
        "score": 100.0 * (Wp - Wd) / W,
        "ci_low": clamp(100.0 * ((p - d) - z * se), -100.0, 100.0),
        "ci_high": clamp(100.0 * ((p - d) + z * se), -100.0, 100.0),
        "effective_n": neff,
    }


def gen_nps():
    progress("nps ...")
    zsrc = "z = scipy.stats.norm.ppf(1-(1-conf)/2)"
    wald = ("hand: NPS = 100*(P-D)/n; Wald: p=P/n, d=D/n, Var=p+d-(p-d)^2, se=sqrt(Var/n), "
            "ci=100*((p-d) -/+ z*se) clamped to [-100,100]; " + zsrc)
    adj = ("hand: NPS = 100*(P-D)/n; adjusted Wald: n'=n+3, p'=(P+0.75)/n', d'=(D+0.75)/n', "
           "Var'=p'+d'-(p'-d')^2, ci=100*((p'-d') -/+ z*sqrt(Var'/n')) clamped to [-100,100] "
           "(center p'-d', not the raw score); " + zsrc)
    wsrc = ("hand: weighted NPS = 100*(Wp-Wd)/W; Kish n_eff = W^2/sum(w^2); Wald on weight shares "
            "p=Wp/W, d=Wd/W, Var=p+d-(p-d)^2, se=sqrt(Var/n_eff), clamped; " + zsrc)

    hand10 = [10, 9, 9, 8, 7, 6, 5, 10, 3, 9]  # P=5, Pa=2, D=3 -> NPS 20
    e = nps_expect(hand10)
    assert e["score"] == 20.0 and e["promoters"] == 5 and e["detractors"] == 3
    add("nps-hand-10-wald", "nps", wald + " (hand-checkable: P=5, passives=2, D=3, n=10 -> 20)",
        {"scores": hand10, "confidence": 0.95, "interval": "wald"}, e)
    add("nps-hand-10-adjusted", "nps", adj,
        {"scores": hand10, "confidence": 0.95, "interval": "adjusted_wald"},
        nps_expect(hand10, interval="adjusted_wald"))
    add("nps-default-confidence", "nps", wald + " (confidence omitted -> default 0.95)",
        {"scores": hand10, "interval": "wald"}, nps_expect(hand10))

    allp = [9, 10, 10, 9, 10, 9, 9, 10, 10, 10]
    add("nps-all-promoters-wald", "nps", wald + " (Var=0 -> ci [100,100])",
        {"scores": allp, "confidence": 0.95, "interval": "wald"}, nps_expect(allp))
    e = nps_expect(allp, interval="adjusted_wald")
    assert e["ci_high"] == 100.0
    add("nps-all-promoters-adjusted-clamped", "nps", adj + " (upper bound clamped to 100)",
        {"scores": allp, "confidence": 0.95, "interval": "adjusted_wald"}, e)
    alld = [0, 1, 2, 3, 4, 5, 6, 6, 0, 3, 2, 5]
    add("nps-all-detractors-wald", "nps", wald,
        {"scores": alld, "confidence": 0.95, "interval": "wald"}, nps_expect(alld))
    e = nps_expect(alld, interval="adjusted_wald")
    assert e["ci_low"] == -100.0
    add("nps-all-detractors-adjusted-clamped", "nps", adj + " (lower bound clamped to -100)",
        {"scores": alld, "confidence": 0.95, "interval": "adjusted_wald"}, e)
    s91 = [10, 10, 9, 9, 10, 9, 10, 9, 9, 2]
    e = nps_expect(s91)
    assert e["ci_high"] == 100.0
    add("nps-wald-upper-clamped", "nps", wald + " (9 promoters, 1 detractor: upper clamped)",
        {"scores": s91, "confidence": 0.95, "interval": "wald"}, e)

    mixed = [10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0, 9, 9, 10, 8, 7, 7, 10, 6, 9]
    for conf in (0.99, 0.90):
        for iv, src in (("wald", wald), ("adjusted_wald", adj)):
            add(f"nps-mixed20-{iv}-{int(conf*100)}", "nps", src,
                {"scores": mixed, "confidence": conf, "interval": iv},
                nps_expect(mixed, conf=conf, interval=iv))

    add("nps-single-passive", "nps", wald + " (one passive: score 0, Var 0)",
        {"scores": [8], "confidence": 0.95, "interval": "wald"}, nps_expect([8]))

    # weighted
    ws = [10, 9, 7, 6, 3, 10]
    ww = [1.5, 0.5, 2.0, 1.0, 0.25, 3.0]
    add("nps-weighted-6", "nps", wsrc,
        {"scores": ws, "weights": ww, "confidence": 0.95, "interval": "wald"},
        nps_expect(ws, ww))
    add("nps-weighted-unit-weights", "nps", wsrc + " (unit weights equal unweighted result)",
        {"scores": hand10, "weights": [1.0] * 10, "confidence": 0.95, "interval": "wald"},
        nps_expect(hand10, [1.0] * 10))
    rng = np.random.default_rng(20240611)
    w200 = [int(x) for x in rng.integers(0, 11, 200)]
    ww200 = [round(float(x), 6) for x in rng.uniform(0.2, 3.0, 200)]
    add("nps-weighted-200-90", "nps", wsrc + " (data: numpy default_rng(20240611))",
        {"scores": w200, "weights": ww200, "confidence": 0.90, "interval": "wald"},
        nps_expect(w200, ww200, conf=0.90))

    # large case
    rng = np.random.default_rng(12345)
    big = [int(x) for x in rng.choice(11, size=1000, p=[.03, .02, .03, .04, .05, .06, .07, .15, .2, .2, .15])]
    for iv, src in (("wald", wald), ("adjusted_wald", adj)):
        add(f"nps-large-1000-{iv}", "nps", src + " (data: numpy default_rng(12345).choice)",
            {"scores": big, "confidence": 0.95, "interval": iv}, nps_expect(big, interval=iv))

    add("nps-empty", "nps", "spec 4: NPS is None for N = 0",
        {"scores": [], "confidence": 0.95, "interval": "wald"}, {"n": 0, "score": None})
    add("nps-error-score-11", "nps", "spec 4: scores are 0..=10; error message must quote the value",
        {"scores": [10, 11, 3], "confidence": 0.95, "interval": "wald"}, {"error": "11"}, tol=None)


# ---------------------------------------------------------------- 2. nps_compare
def nps_compare_expect(a, b, conf):
    def parts(g):
        n = g["promoters"] + g["passives"] + g["detractors"]
        p, d = g["promoters"] / n, g["detractors"] / n
        return n, p - d, p + d - (p - d) ** 2
    na, sa, va = parts(a)
    nb, sb, vb = parts(b)
    se = math.sqrt(va / na + vb / nb)
    z = (sb - sa) / se
    pv = float(2 * scipy.stats.norm.sf(abs(z)))
    return {"difference": 100.0 * (sb - sa), "z": z, "p_value": pv, "significant": pv < 1 - conf}


def gen_nps_compare():
    progress("nps_compare ...")
    src = ("hand: nps=(P-D)/n, Var=p+d-(p-d)^2 (proportion units), se=sqrt(Var_a/n_a+Var_b/n_b), "
           "z=(nps_b-nps_a)/se, difference=100*(nps_b-nps_a); p=2*scipy.stats.norm.sf(|z|); "
           "significant = p < 1-confidence")
    cases = [
        ("nps-compare-up-significant", {"promoters": 200, "passives": 150, "detractors": 150},
         {"promoters": 260, "passives": 140, "detractors": 100}, 0.95),
        ("nps-compare-small-not-significant", {"promoters": 40, "passives": 30, "detractors": 30},
         {"promoters": 45, "passives": 30, "detractors": 25}, 0.95),
        ("nps-compare-down-99", {"promoters": 500, "passives": 300, "detractors": 200},
         {"promoters": 450, "passives": 300, "detractors": 250}, 0.99),
        ("nps-compare-unequal-n-90", {"promoters": 120, "passives": 50, "detractors": 30},
         {"promoters": 30, "passives": 12, "detractors": 8}, 0.90),
        ("nps-compare-equal-scores", {"promoters": 50, "passives": 20, "detractors": 30},
         {"promoters": 100, "passives": 40, "detractors": 60}, 0.95),
    ]
    for id_, a, b, conf in cases:
        add(id_, "nps_compare", src, {"a": a, "b": b, "confidence": conf}, nps_compare_expect(a, b, conf))


# ---------------------------------------------------------------- 3. csat
def wilson_hand(k, n, conf):
    z = zcrit(conf)
    p = k / n
    denom = 1 + z * z / n
    center = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return max(0.0, center - half), min(1.0, center + half)


def wilson_sm(k, n, conf):
    lo, hi = proportion_confint(k, n, alpha=1 - conf, method="wilson")
    lo, hi = float(lo), float(hi)
    hl, hh = wilson_hand(k, n, conf)
    assert abs(lo - hl) < 1e-12 and abs(hi - hh) < 1e-12, (k, n, lo, hl, hi, hh)
    return lo, hi


def csat_expect(ratings, smin, smax, sat_from, neutral=(), conf=0.95):
    counted = [r for r in ratings if r not in neutral]
    n = len(counted)
    sat = sum(1 for r in counted if r >= sat_from)
    lo, hi = wilson_sm(sat, n, conf)
    return {"n": n, "satisfied": sat, "percent": 100.0 * sat / n,
            "mean": math.fsum(ratings) / len(ratings),
            "ci_low": 100.0 * lo, "ci_high": 100.0 * hi}


def gen_csat():
    progress("csat ...")
    src = ("hand: percent = 100*satisfied/n (satisfied = rating >= satisfied_from, n excludes neutral "
           "ratings); mean = arithmetic mean of ALL ratings including neutral ones; ci = 100 * "
           "statsmodels.stats.proportion.proportion_confint(satisfied, n, alpha=1-conf, method='wilson') "
           "(cross-checked against hand Wilson formula)")
    r5 = [5, 4, 4, 3, 2, 5, 1, 4, 5, 3, 4, 2]
    add("csat-1to5-top2", "csat", src,
        {"ratings": r5, "scale": {"min": 1, "max": 5}, "satisfied_from": 4, "confidence": 0.95},
        csat_expect(r5, 1, 5, 4))
    add("csat-1to5-top2-99", "csat", src,
        {"ratings": r5, "scale": {"min": 1, "max": 5}, "satisfied_from": 4, "confidence": 0.99},
        csat_expect(r5, 1, 5, 4, conf=0.99))
    add("csat-1to5-exclude-neutral-3", "csat", src,
        {"ratings": r5, "scale": {"min": 1, "max": 5}, "satisfied_from": 4, "exclude_neutral": [3],
         "confidence": 0.95},
        csat_expect(r5, 1, 5, 4, neutral=(3,)))
    rb = [1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 1, 0, 1, 1, 1]
    add("csat-binary-0to1", "csat", src,
        {"ratings": rb, "scale": {"min": 0, "max": 1}, "satisfied_from": 1, "confidence": 0.95},
        csat_expect(rb, 0, 1, 1))
    rng = np.random.default_rng(777)
    r10 = [int(x) for x in rng.integers(1, 11, 60)]
    add("csat-1to10-top3", "csat", src + " (data: numpy default_rng(777))",
        {"ratings": r10, "scale": {"min": 1, "max": 10}, "satisfied_from": 8, "confidence": 0.90},
        csat_expect(r10, 1, 10, 8, conf=0.90))
    rall = [5, 5, 4, 5]
    add("csat-all-satisfied", "csat", src + " (Wilson upper bound clipped to 1)",
        {"ratings": rall, "scale": {"min": 1, "max": 5}, "satisfied_from": 4, "confidence": 0.95},
        csat_expect(rall, 1, 5, 4))
    rng = np.random.default_rng(4242)
    r500 = [int(x) for x in rng.choice([1, 2, 3, 4, 5], size=500, p=[.05, .08, .17, .35, .35])]
    add("csat-large-500", "csat", src + " (data: numpy default_rng(4242).choice)",
        {"ratings": r500, "scale": {"min": 1, "max": 5}, "satisfied_from": 4, "confidence": 0.95},
        csat_expect(r500, 1, 5, 4))
    add("csat-error-rating-6", "csat", "spec 4: rating outside scale is an error quoting the value",
        {"ratings": [5, 6, 4], "scale": {"min": 1, "max": 5}, "satisfied_from": 4, "confidence": 0.95},
        {"error": "6"}, tol=None)
    add("csat-error-scale", "csat", "spec 4: scale requires min < max",
        {"ratings": [3], "scale": {"min": 5, "max": 5}, "satisfied_from": 4, "confidence": 0.95},
        {"error": "scale"}, tol=None)


# ---------------------------------------------------------------- 4. ces
def ces_expect(ratings, easy_from, difficult_to, higher):
    n = len(ratings)
    if higher:
        easy = sum(1 for r in ratings if r >= easy_from)
        diff = sum(1 for r in ratings if r <= difficult_to)
    else:
        easy = sum(1 for r in ratings if r <= easy_from)
        diff = sum(1 for r in ratings if r >= difficult_to)
    pe = 100.0 * easy / n
    return {"n": n, "mean": math.fsum(ratings) / n, "percent_easy": pe, "net": pe - 100.0 * diff / n}


def gen_ces():
    progress("ces ...")
    src_h = ("hand: higher_is_easier: easy = rating >= easy_from, difficult = rating <= difficult_to; "
             "percent_easy = 100*easy/n; net = percent_easy - 100*difficult/n; mean = arithmetic mean")
    src_l = ("hand: lower is easier (1 = very easy): easy = rating <= easy_from, difficult = rating >= "
             "difficult_to; percent_easy = 100*easy/n; net = percent_easy - 100*difficult/n; mean = arithmetic mean")
    r7 = [7, 6, 5, 5, 4, 3, 2, 1, 6, 7, 5, 4, 3]
    add("ces-1to7-default", "ces", src_h,
        {"ratings": r7, "scale": {"min": 1, "max": 7}, "easy_from": 5, "difficult_to": 3,
         "higher_is_easier": True}, ces_expect(r7, 5, 3, True))
    r5 = [5, 4, 4, 3, 2, 1, 5, 4, 3]
    add("ces-1to5-higher", "ces", src_h,
        {"ratings": r5, "scale": {"min": 1, "max": 5}, "easy_from": 4, "difficult_to": 2,
         "higher_is_easier": True}, ces_expect(r5, 4, 2, True))
    add("ces-1to5-lower-is-easier", "ces", src_l,
        {"ratings": r5, "scale": {"min": 1, "max": 5}, "easy_from": 2, "difficult_to": 4,
         "higher_is_easier": False}, ces_expect(r5, 2, 4, False))
    rng = np.random.default_rng(99)
    r7b = [int(x) for x in rng.integers(1, 8, 101)]
    add("ces-1to7-lower-is-easier-101", "ces", src_l + " (data: numpy default_rng(99))",
        {"ratings": r7b, "scale": {"min": 1, "max": 7}, "easy_from": 3, "difficult_to": 5,
         "higher_is_easier": False}, ces_expect(r7b, 3, 5, False))
    add("ces-all-difficult", "ces", src_h,
        {"ratings": [1, 2, 3, 1], "scale": {"min": 1, "max": 7}, "easy_from": 5, "difficult_to": 3,
         "higher_is_easier": True}, ces_expect([1, 2, 3, 1], 5, 3, True))


# ---------------------------------------------------------------- 5. proportion_interval
def gen_proportion_interval():
    progress("proportion_interval ...")
    src = ("statsmodels.stats.proportion.proportion_confint(successes, trials, alpha=1-confidence, "
           "method='wilson') (result clipped to [0,1] by statsmodels; cross-checked against hand Wilson formula)")
    cases = [
        ("pi-0-of-10-95", 0, 10, 0.95), ("pi-10-of-10-95", 10, 10, 0.95),
        ("pi-1-of-1-95", 1, 1, 0.95), ("pi-0-of-1-95", 0, 1, 0.95),
        ("pi-7-of-20-95", 7, 20, 0.95), ("pi-7-of-20-99", 7, 20, 0.99),
        ("pi-7-of-20-90", 7, 20, 0.90), ("pi-7-of-20-80", 7, 20, 0.80),
        ("pi-50-of-100-95", 50, 100, 0.95), ("pi-large-41234-of-100000-95", 41234, 100000, 0.95),
        ("pi-large-999-of-1000000-99", 999, 1000000, 0.99), ("pi-1-of-3-95", 1, 3, 0.95),
    ]
    for id_, k, n, conf in cases:
        lo, hi = wilson_sm(k, n, conf)
        add(id_, "proportion_interval", src,
            {"successes": k, "trials": n, "confidence": conf, "method": "wilson"}, {"low": lo, "high": hi})


# ---------------------------------------------------------------- 6. two_proportion_test
def newcombe_hand(x1, n1, x2, n2, conf):
    """Newcombe (1998) method 10 for p1 - p2, from Wilson limits."""
    z = zcrit(conf)
    p1, p2 = x1 / n1, x2 / n2
    l1, u1 = wilson_hand(x1, n1, conf)
    l2, u2 = wilson_hand(x2, n2, conf)
    d = p1 - p2
    low = d - math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2)
    high = d + math.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2)
    return low, high


def two_prop_expect(a, b, conf):
    zs, pv = proportions_ztest([b["successes"], a["successes"]], [b["trials"], a["trials"]],
                               value=0, alternative="two-sided", prop_var=False)
    # hand pooled z, sign b - a
    pb, pa = b["successes"] / b["trials"], a["successes"] / a["trials"]
    pp = (a["successes"] + b["successes"]) / (a["trials"] + b["trials"])
    zh = (pb - pa) / math.sqrt(pp * (1 - pp) * (1 / a["trials"] + 1 / b["trials"]))
    assert abs(float(zs) - zh) < 1e-12 and (zh == 0 or (zh > 0) == (pb > pa)), (zs, zh)
    lo, hi = confint_proportions_2indep(b["successes"], b["trials"], a["successes"], a["trials"],
                                        method="newcomb", compare="diff", alpha=1 - conf)
    hl, hh = newcombe_hand(b["successes"], b["trials"], a["successes"], a["trials"], conf)
    assert abs(float(lo) - hl) < 1e-12 and abs(float(hi) - hh) < 1e-12
    return {"z": float(zs), "p_value": float(pv), "diff_low": float(lo), "diff_high": float(hi)}


def gen_two_proportion():
    progress("two_proportion_test ...")
    src = ("z, p_value: statsmodels.stats.proportion.proportions_ztest([b_s, a_s], [b_n, a_n]) "
           "(pooled, two-sided; sign verified = b minus a against hand pooled z); diff interval: "
           "statsmodels.stats.proportion.confint_proportions_2indep(b_s, b_n, a_s, a_n, "
           "method='newcomb', compare='diff', alpha=1-conf) = Newcombe 1998 method 10 for p_b - p_a "
           "(cross-checked against hand Newcombe formula)")
    # Published check: Newcombe 1998 Stat Med 17:873-890, Table II: 56/70 vs 48/80 -> 0.0524, 0.3339
    a, b = {"successes": 48, "trials": 80}, {"successes": 56, "trials": 70}
    e = two_prop_expect(a, b, 0.95)
    assert round(e["diff_low"], 4) == 0.0524 and round(e["diff_high"], 4) == 0.3339, e
    add("two-prop-newcombe-1998-table-ii", "two_proportion_test",
        "published: Newcombe R.G. (1998) Statistics in Medicine 17:873-890, Table II, method 10, "
        "56/70 vs 48/80 -> 0.0524 to 0.3339 (full-precision values from " + src + ")",
        {"a": a, "b": b, "confidence": 0.95}, e)
    cases = [
        ("two-prop-csat-up", {"successes": 412, "trials": 500}, {"successes": 445, "trials": 510}, 0.95),
        ("two-prop-csat-down-99", {"successes": 880, "trials": 1000}, {"successes": 850, "trials": 1000}, 0.99),
        ("two-prop-small-90", {"successes": 9, "trials": 12}, {"successes": 5, "trials": 11}, 0.90),
        ("two-prop-equal", {"successes": 30, "trials": 60}, {"successes": 15, "trials": 30}, 0.95),
        ("two-prop-b-zero", {"successes": 3, "trials": 25}, {"successes": 0, "trials": 20}, 0.95),
        ("two-prop-a-all", {"successes": 20, "trials": 20}, {"successes": 17, "trials": 22}, 0.95),
    ]
    for id_, a, b, conf in cases:
        add(id_, "two_proportion_test", src, {"a": a, "b": b, "confidence": conf}, two_prop_expect(a, b, conf))


# ---------------------------------------------------------------- 7. sample_size
def gen_sample_size():
    progress("sample_size ...")
    src = ("hand: n = ceil(z^2*Var/E^2), E = margin/100, z = scipy.stats.norm.ppf(1-(1-conf)/2); "
           "default Var = 0.25 for proportion (worst case p=0.5: p(1-p)) and 1.0 for NPS "
           "(worst-case trinomial Var = p+d-(p-d)^2 at p=d=0.5)")
    cases = [
        ("ss-proportion-5-95", "proportion", 5, 0.95, None, 385),
        ("ss-proportion-3-95", "proportion", 3, 0.95, None, 1068),
        ("ss-proportion-5-99", "proportion", 5, 0.99, None, None),
        ("ss-proportion-2-90", "proportion", 2, 0.90, None, None),
        ("ss-nps-5-95", "nps", 5, 0.95, None, None),
        ("ss-nps-10-90", "nps", 10, 0.90, None, None),
        ("ss-proportion-var-0.16-4-95", "proportion", 4, 0.95, 0.16, None),
        ("ss-nps-var-0.6-5-95", "nps", 5, 0.95, 0.6, None),
    ]
    for id_, metric, margin, conf, var, known in cases:
        z = zcrit(conf)
        v = var if var is not None else (0.25 if metric == "proportion" else 1.0)
        E = margin / 100
        raw = z * z * v / (E * E)
        assert abs(raw - round(raw)) > 1e-6, (id_, raw)  # not on an integer boundary
        n = math.ceil(raw)
        if known is not None:
            assert n == known, (id_, n)
        inp = {"metric": metric, "margin": margin, "confidence": conf}
        if var is not None:
            inp["variance"] = var
        s = src + f" (raw {raw!r})"
        if known == 385:
            s += "; classic published figure 385 for +/-5% at 95%"
        add(id_, "sample_size", s, inp, {"n": n})


# ---------------------------------------------------------------- 8. percentile
def nearest_rank_exact(values, q):
    """Type 1 with exact rational arithmetic on the decimal literal of q."""
    xs = sorted(values)
    n = len(xs)
    qf = Fraction(repr(q))
    k = max(1, math.ceil(qf * n))
    return xs[k - 1]


def gen_percentile():
    progress("percentile ...")
    lin = "numpy.quantile(values, q, method='linear') (Hyndman-Fan type 7)"
    nr = "numpy.quantile(values, q, method='inverted_cdf') (Hyndman-Fan type 1, nearest rank)"

    def both(id_, values, qs):
        arr = np.asarray(values, dtype=float)
        lv = [f(x) for x in np.quantile(arr, qs, method="linear")]
        nv = [f(x) for x in np.quantile(arr, qs, method="inverted_cdf")]
        for q, v in zip(qs, nv):
            assert v == nearest_rank_exact(values, q), (id_, q, v)
        xs = sorted(values)
        for q, v in zip(qs, lv):  # hand type 7: h=(n-1)q, x[floor h] + (h-floor h)(x[floor h+1]-x[floor h])
            h = (len(xs) - 1) * q
            lo = int(math.floor(h))
            hv = xs[lo] + (h - lo) * (xs[min(lo + 1, len(xs) - 1)] - xs[lo])
            assert abs(hv - v) < 1e-11 * max(1.0, abs(v)), (id_, q, hv, v)
        add(id_ + "-linear", "percentile", lin, {"values": values, "q": qs, "method": "linear"},
            {"values": lv})
        add(id_ + "-nearest-rank", "percentile", nr + " (verified against exact ceil(q*n) rank)",
            {"values": values, "q": qs, "method": "nearest_rank"}, {"values": nv})

    both("pct-single", [42.5], [0.0, 0.5, 0.9, 1.0])
    both("pct-two", [10.0, 20.0], [0.0, 0.25, 0.5, 0.75, 1.0])
    both("pct-unsorted", [300.0, 12.0, 45.5, 7.0, 120.0, 60.0, 3.25], [0.0, 0.1, 0.5, 0.9, 0.95, 1.0])
    both("pct-duplicates", [5.0, 5.0, 5.0, 1.0, 1.0, 9.0, 9.0, 9.0], [0.2, 0.5, 0.8, 0.99])
    rng = np.random.default_rng(2024)
    v10 = [round(float(x), 3) for x in rng.lognormal(4.0, 1.0, 10)]
    both("pct-10-lognormal", v10, [0.0, 0.05, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 1.0])
    rng = np.random.default_rng(1000)
    v1000 = [float(x) for x in rng.lognormal(5.0, 1.2, 1000)]
    both("pct-1000-lognormal", v1000, [0.0, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 0.999, 1.0])
    add("pct-error-q-1.5", "percentile", "spec 4/9: q must be in 0..=1; error quotes the value",
        {"values": [1.0, 2.0, 3.0], "q": [0.5, 1.5], "method": "linear"}, {"error": "1.5"}, tol=None)
    add("pct-error-negative-duration", "percentile",
        "durations must be >= 0; error quotes the value",
        {"values": [1.0, -1.0, 3.0], "q": [0.5], "method": "linear"}, {"error": "-1"}, tol=None)


# ---------------------------------------------------------------- 9. sketch_quantile
def gen_sketch():
    progress("sketch_quantile ...")
    src = ("ddsketch (PyPI " + ddsketch.__version__ if hasattr(ddsketch, "__version__") else "ddsketch (PyPI")
    src += ") DDSketch(relative_accuracy=alpha); add each value; get_quantile_value(q); see DDSKETCH.md"

    def case(id_, values, alpha, qs):
        sk = DDSketch(relative_accuracy=alpha)
        m = sk._mapping
        for v in values:
            lg = m._log_gamma(v)
            # keep away from bucket boundaries so that ulp-level differences in log cannot change keys
            assert abs(lg - round(lg)) > 1e-9 or lg == round(lg) == 0, (id_, v, lg)
            sk.add(v)
        out = [f(sk.get_quantile_value(q)) for q in qs]
        # independent hand re-derivation of the algorithm (see DDSKETCH.md)
        gm = 2 * alpha / (1 - alpha)
        gamma = 1 + gm
        mult = (1 / math.log1p(gm)) * math.log(2)
        keys = sorted(int(math.ceil(math.log(v, 2) * mult)) for v in values)
        for q, o in zip(qs, out):
            rank = q * (len(values) - 1)
            k = keys[int(math.floor(rank))]  # first key whose cumulative count > rank
            hv = math.pow(2.0, k / mult) * (2.0 / (1 + gamma))
            assert hv == o, (id_, q, hv, o)
            # relative-accuracy sanity vs exact lower quantile
            exact = sorted(values)[int(math.floor(rank))]
            assert abs(o - exact) <= alpha * exact * (1 + 1e-12), (id_, q, o, exact)
            # robustness: other natural float formulations (ln(x)/ln(gamma), gamma^k) agree
            k2 = sorted(int(math.ceil(math.log(v) / math.log(gamma))) for v in values)[int(math.floor(rank))]
            k3 = sorted(int(math.ceil(math.log2(v) * mult)) for v in values)[int(math.floor(rank))]
            assert k == k2 == k3, (id_, q, k, k2, k3)
            assert abs(gamma ** k * 2.0 / (1 + gamma) - o) < 1e-11 * max(1.0, o), (id_, q)
        add(id_, "sketch_quantile", src,
            {"values": values, "relative_accuracy": alpha, "q": qs}, {"values": out})

    case("sketch-single-0.01", [123.456], 0.01, [0.0, 0.5, 1.0])
    case("sketch-ten-0.02", [0.5, 1.0, 2.5, 3.7, 12.0, 15.5, 60.0, 61.0, 300.0, 1800.0], 0.02,
         [0.0, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 1.0])
    rng = np.random.default_rng(31337)
    v1000 = [float(x) for x in rng.lognormal(4.5, 1.0, 1000)]
    qs = [0.0, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 0.999, 1.0]
    case("sketch-1000-0.01", v1000, 0.01, qs)
    case("sketch-1000-0.05", v1000, 0.05, qs)
    case("sketch-1000-0.02", v1000, 0.02, qs)
    rng = np.random.default_rng(8)
    v10 = [round(float(x), 4) for x in rng.exponential(30.0, 10)]
    case("sketch-ten-exponential-0.05", v10, 0.05, [0.0, 0.3, 0.5, 0.7, 0.9, 1.0])
    case("sketch-duplicates-0.01", [2.0, 2.0, 2.0, 7.0, 7.0, 50.0], 0.01, [0.0, 0.4, 0.5, 0.6, 0.8, 1.0])


# ---------------------------------------------------------------- 10. retention
def gen_retention():
    progress("retention ...")

    def exp(S, N, E):
        kept = E - N
        return {"retention_rate": kept / S, "churn_rate": (S - kept) / S}

    e = exp(200, 40, 180)
    assert e["retention_rate"] == 0.7
    add("retention-200-40-180", "retention",
        "hand: customer retention rate CRR = (E-N)/S (the widely published formula "
        "((E-N)/S)*100); churn = (S-(E-N))/S: (180-40)/200 = 0.7, churn 0.3",
        {"start": 200, "new": 40, "end": 180}, e)
    e = exp(200, 40, 220)
    assert e["retention_rate"] == 0.9
    add("retention-published-200-40-220", "retention",
        "published worked example of CRR = ((E-N)/S)*100: start 200, 40 new, end 220 -> "
        "(220-40)/200 = 90% retention, 10% attrition (common CRR tutorials)",
        {"start": 200, "new": 40, "end": 220}, e)
    add("retention-no-new", "retention", "hand: CRR = (E-N)/S, churn = (S-(E-N))/S",
        {"start": 1000, "new": 0, "end": 937}, exp(1000, 0, 937))
    add("retention-growth-but-churn", "retention",
        "hand: CRR = (E-N)/S, churn = (S-(E-N))/S (E > S yet churn > 0; never naive (S-E)/S)",
        {"start": 150, "new": 60, "end": 170}, exp(150, 60, 170))
    add("retention-all-lost", "retention", "hand: CRR = (E-N)/S",
        {"start": 10, "new": 3, "end": 3}, exp(10, 3, 3))
    add("retention-error-empty-cohort", "retention", "spec 4: S = 0 has no rate; error mentions the cohort",
        {"start": 0, "new": 5, "end": 5}, {"error": "cohort"}, tol=None)
    add("retention-error-end-below-new", "retention",
        "E - N < 0 is inconsistent; error mentions end",
        {"start": 100, "new": 50, "end": 30}, {"error": "end"}, tol=None)


def main():
    progress(f"numpy {np.__version__}, scipy {scipy.__version__}, statsmodels {statsmodels.__version__}")
    gen_nps()
    gen_nps_compare()
    gen_csat()
    gen_ces()
    gen_proportion_interval()
    gen_two_proportion()
    gen_sample_size()
    gen_percentile()
    gen_sketch()
    gen_retention()
    doc = {
        "description": ("carekit score conformance vectors; expected values from numpy/scipy/"
                        "statsmodels/ddsketch or hand formulas (see each case's source); generated by "
                        "gen_scores.py. tolerance is the allowed absolute difference for numbers; "
                        "expect.error is a substring the error message must contain."),
        "cases": CASES,
    }
    tmp = OUT + ".tmp"
    with open(tmp, "w") as fh:
        json.dump(doc, fh, indent=1, allow_nan=False)
        fh.write("\n")
    os.replace(tmp, OUT)
    progress(f"wrote {len(CASES)} cases to {OUT}")


if __name__ == "__main__":
    main()
