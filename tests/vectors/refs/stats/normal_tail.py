"""The lower tail of the standard normal, Φ(−x) = Q(x), to 60 digits, at the
exact binary value of each f64 input, with Python's decimal module alone:
Q(x) = φ(x) / (x + 1/(x + 2/(x + 3/(x + …)))) (Laplace's continued fraction,
3000 terms; converged for x ≥ 5). Used by
`tests/it/stats.rs::normal_cdf_is_within_1e_15_relative_far_in_the_tail`.

Run: python3 tests/vectors/refs/stats/normal_tail.py
"""
from decimal import Decimal as D, getcontext

getcontext().prec = 60
PI = D("3.14159265358979323846264338327950288419716939937510582097494459")


def q(x: float) -> D:
    x = D(x)  # the exact value of the float, not its decimal spelling
    phi = (-(x * x) / 2).exp() / (2 * PI).sqrt()
    f = x
    for k in range(3000, 0, -1):
        f = x + D(k) / f
    return phi / f


for x in [12.3, 20.7, 26.1, 30.9, 37.2]:
    print(f"(-{x}, {float(q(x))!r}),")
