"""Independent evaluation of the SPEC section 10.1 decision table.

Run: python3 tests/vectors/compensation_reference.py
Prints the 64 reference outcomes as Rust tuples for tests/it/compensation.rs.
It reads the TABLE (first matching row wins), not carekit's policy file.
"""
from decimal import Decimal as D

ROLES = ["agent", "senior", "supervisor", "intern"]
TIERS = ["bronze", "silver", "gold", "platinum"]
KINDS = ["refund", "credit", "coupon", "shipping"]
NEXT = {"agent": "senior", "senior": "supervisor", "supervisor": "manager"}
ANY = None
# role, tiers, kinds, max amount, approval above, max % of order
TABLE = [
    ("agent", ["bronze"], ["refund", "credit"], 25, 15, 50),
    ("agent", ["silver"], ["refund", "credit"], 40, 25, 50),
    ("agent", ["gold"], ["refund", "credit"], 60, 40, 75),
    ("agent", ["platinum"], ["refund", "credit"], 100, 60, 100),
    ("agent", ANY, ["coupon", "shipping"], 20, 20, 30),
    ("senior", ["bronze", "silver"], ANY, 75, 50, 100),
    ("senior", ["gold", "platinum"], ANY, 150, 100, 100),
    ("supervisor", ANY, ANY, 500, 300, 100),
    (ANY, ANY, ANY, 0, 0, 0),  # any other role
]
ORDER = D(120)


def row_for(role, tier, kind):
    for r, ts, ks, mx, ap, pc in TABLE:
        if (r is None or r == role) and (ts is None or tier in ts) and (ks is None or kind in ks):
            return mx, ap, pc
    raise AssertionError


def decide(i):
    role, tier, kind = ROLES[i // 16], TIERS[(i // 4) % 4], KINDS[i % 4]
    amount = D(5) + D("7.5") * i
    mx, ap, pc = row_for(role, tier, kind)
    cap = min(D(mx), ORDER * D(pc) / 100)
    if amount > cap:
        outcome, to = "deny", None
    elif amount > ap:
        outcome, to = "escalate", NEXT[role]
    else:
        outcome, to = "approve", None
    return role, tier, kind, amount, outcome, cap, to


if __name__ == "__main__":
    for i in range(64):
        role, tier, kind, amount, outcome, cap, to = decide(i)
        esc = f'Some("{to}")' if to else "None"
        print(f'    ({i}, "{role}", "{tier}", "{kind}", "{amount}", "{outcome}", "{cap.normalize():f}", {esc}),')
