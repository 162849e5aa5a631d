#!/usr/bin/env python3
"""Build tests/vectors/scores_stats.json: the statistics cases of gen_scores.py
(kinds nps_compare, proportion_interval, two_proportion_test, sample_size),
unchanged (same ids, sources, tolerances), plus a few extra cases below.

Every expected value comes from scipy / statsmodels or a hand formula, never
from carekit. Run with the reference venv (numpy, scipy, statsmodels, ddsketch):

    /work/refs/venv/bin/python tests/vectors/refs/gen_scores_stats.py
"""
import json
import math
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import gen_scores as g  # noqa: E402

OUT = os.path.join(HERE, "..", "scores_stats.json")
KINDS = ("nps_compare", "proportion_interval", "two_proportion_test", "sample_size")


def extras():
    # proportion_interval: more levels, cross-checked by gen_scores.wilson_sm
    src = ("statsmodels.stats.proportion.proportion_confint(successes, trials, alpha=1-confidence, "
           "method='wilson') (cross-checked against hand Wilson formula)")
    for id_, k, n, conf in [("pi-newcombe-1998-81-of-263", 81, 263, 0.95),
                            ("pi-3-of-7-999", 3, 7, 0.999),
                            ("pi-1-of-2-50", 1, 2, 0.50)]:
        lo, hi = g.wilson_sm(k, n, conf)
        s = src
        if k == 81:
            assert (round(lo, 4), round(hi, 4)) == (0.2553, 0.3662), (lo, hi)
            s = ("published: Newcombe R.G. (1998) Statistics in Medicine 17:873-890, Table I, "
                 "81/263 -> 0.2553 to 0.3662 (Wilson score, no continuity correction); full precision from " + src)
        g.add(id_, "proportion_interval", s,
              {"successes": k, "trials": n, "confidence": conf, "method": "wilson"}, {"low": lo, "high": hi})
    g.add("pi-zero-trials", "proportion_interval", "spec 1.2: no trials, no interval (None -> null)",
          {"successes": 0, "trials": 0, "confidence": 0.95, "method": "wilson"},
          {"low": None, "high": None}, tol=None)
    g.add("pi-error-successes-above-trials", "proportion_interval",
          "rule: successes <= trials; the error quotes the value",
          {"successes": 11, "trials": 10, "confidence": 0.95, "method": "wilson"}, {"error": "11"}, tol=None)
    g.add("pi-error-confidence-1", "proportion_interval",
          "rule: 0 < confidence < 1; the error quotes the value",
          {"successes": 1, "trials": 10, "confidence": 1.0, "method": "wilson"},
          {"error": "confidence level 1"}, tol=None)
    # two_proportion_test: extra level and rule cases
    src2 = ("z, p_value: statsmodels proportions_ztest([b_s, a_s], [b_n, a_n]); diff interval: "
            "statsmodels confint_proportions_2indep(b_s, b_n, a_s, a_n, method='newcomb', compare='diff') "
            "(both cross-checked against hand formulas in gen_scores.two_prop_expect)")
    a, b = {"successes": 120, "trials": 400}, {"successes": 95, "trials": 410}
    g.add("two-prop-down-80", "two_proportion_test", src2, {"a": a, "b": b, "confidence": 0.80},
          g.two_prop_expect(a, b, 0.80))
    g.add("two-prop-error-empty-a", "two_proportion_test", "rule: each sample needs a trial",
          {"a": {"successes": 0, "trials": 0}, "b": {"successes": 1, "trials": 2}, "confidence": 0.95},
          {"error": "a_trials is 0"}, tol=None)
    g.add("two-prop-error-b-successes", "two_proportion_test", "rule: successes <= trials",
          {"a": {"successes": 1, "trials": 2}, "b": {"successes": 7, "trials": 5}, "confidence": 0.95},
          {"error": "b_successes 7"}, tol=None)
    # nps_compare: both sides degenerate and equal -> z = 0, p = 1 (documented convention)
    g.add("nps-compare-degenerate-equal", "nps_compare",
          "convention (documented): se = 0 and difference 0 -> z = 0, p = 1, not significant",
          {"a": {"promoters": 10, "passives": 0, "detractors": 0},
           "b": {"promoters": 4, "passives": 0, "detractors": 0}, "confidence": 0.95},
          {"difference": 0.0, "z": 0.0, "p_value": 1.0, "significant": False})
    a = {"promoters": 31, "passives": 42, "detractors": 27}
    b = {"promoters": 52, "passives": 30, "detractors": 18}
    g.add("nps-compare-up-80", "nps_compare",
          "hand (see nps-compare-up-significant); p = 2*scipy.stats.norm.sf(|z|)",
          {"a": a, "b": b, "confidence": 0.80}, g.nps_compare_expect(a, b, 0.80))
    g.add("nps-compare-error-empty-b", "nps_compare", "rule: each side needs a response",
          {"a": a, "b": {"promoters": 0, "passives": 0, "detractors": 0}, "confidence": 0.95},
          {"error": "b is 0"}, tol=None)
    # sample_size
    z = g.zcrit(0.95)
    raw = z * z * 0.21 / 0.025 ** 2
    g.add("ss-proportion-var-0.21-2.5-95", "sample_size",
          f"hand: n = ceil(z^2*Var/E^2), z = scipy.stats.norm.ppf(0.975), Var = 0.21 (p = 0.7), E = 0.025 (raw {raw!r})",
          {"metric": "proportion", "margin": 2.5, "confidence": 0.95, "variance": 0.21}, {"n": math.ceil(raw)})
    g.add("ss-error-margin-0", "sample_size", "rule: margin > 0; the error quotes the value",
          {"metric": "nps", "margin": 0, "confidence": 0.95}, {"error": "margin 0"}, tol=None)
    g.add("ss-error-negative-variance", "sample_size", "rule: variance >= 0; the error quotes the value",
          {"metric": "proportion", "margin": 5, "confidence": 0.95, "variance": -0.1},
          {"error": "variance -0.1"}, tol=None)


def main():
    g.progress(f"numpy {g.np.__version__}, scipy {g.scipy.__version__}, statsmodels {g.statsmodels.__version__}")
    g.gen_nps_compare()
    g.gen_proportion_interval()
    g.gen_two_proportion()
    g.gen_sample_size()
    extras()
    cases = [c for c in g.CASES if c["kind"] in KINDS]
    assert len(cases) == len(g.CASES)
    doc = {
        "description": ("carekit statistics conformance vectors (kinds nps_compare, proportion_interval, "
                        "two_proportion_test, sample_size); expected values from scipy/statsmodels or hand "
                        "formulas (see each case's source); generated by refs/gen_scores_stats.py from "
                        "refs/gen_scores.py. tolerance is the allowed absolute difference for numbers; "
                        "expect.error is a substring the error message must contain."),
        "cases": cases,
    }
    with open(OUT, "w") as fh:
        json.dump(doc, fh, indent=1, allow_nan=False)
        fh.write("\n")
    g.progress(f"wrote {len(cases)} cases to {os.path.normpath(OUT)}")


if __name__ == "__main__":
    main()
