"""Writes tests/vectors/compensation.json.

Run: python3 tests/vectors/compensation_vectors.py
Reference cases take their expectations from the SPEC section 10.1 TABLE
(compensation_reference.decide), never from carekit. The other cases carry
expectations worked by hand; the arithmetic is in each case's "source".
"""
import json
import os
import sys
from decimal import Decimal as D

sys.path.insert(0, os.path.dirname(__file__))
from compensation_reference import ROLES, TIERS, KINDS, TABLE, NEXT, decide, row_for  # noqa: E402

ROOT = os.path.join(os.path.dirname(__file__), "..", "..", "..")
REFERENCE = json.load(open(os.path.join(ROOT, "examples/policies/reference_10_1.json")))


def s(d):
    return f"{D(d).normalize():f}"


def m(a, c="EUR"):
    return {"amount": str(a), "currency": c}


def request(at, agent, role, customer, tier, interaction, channel, offer, order=None, reason=None, benefits=None):
    ctx = {"interaction": interaction, "channel": channel}
    if order is not None:
        ctx["order_value"] = m(order)
    if reason is not None:
        ctx["reason"] = reason
    cust = {"id": customer, "tier": tier}
    if benefits is not None:
        cust["benefits"] = benefits
    return {"at": at, "agent": {"id": agent, "role": role}, "customer": cust, "context": ctx, "offer": offer}


def grant(at, agent, customer, interaction, kind, value):
    return {"at": at, "agent": agent, "customer": customer, "interaction": interaction, "kind": kind, "value": m(value)}


def check(limit, observed, after, mx, headroom, verdict):
    return {"limit": limit, "observed": observed, "after": after, "max": mx, "headroom": headroom, "verdict": verdict}


cases = []

# --- SPEC 10.1 reference table --------------------------------------------
for i in [0, 1, 2, 3, 4, 5, 10, 12, 15, 16, 21, 26, 31, 32, 37, 42, 47, 48, 53, 58, 63]:
    role, tier, kind, amount, outcome, cap, to = decide(i)
    req = request("2024-06-01T00:00:00Z", "ana", role, "c-1", tier, "T-1", "chat",
                  {"kind": kind, "value": m(s(amount))}, order="120")
    if role == "intern":
        checks = [check("levels", "0", s(amount), "0", "0", "deny")]
    else:
        mx, ap, pc = row_for(role, tier, kind)
        order_cap = D(120) * D(pc) / 100
        prefix = {("agent", "bronze"): "agent-bronze", ("agent", "silver"): "agent-silver",
                  ("agent", "gold"): "agent-gold", ("agent", "platinum"): "agent-platinum"}.get((role, tier))
        if role == "agent" and kind in ("coupon", "shipping"):
            prefix = "agent-promo"
        elif role == "senior":
            prefix = "senior-standard" if tier in ("bronze", "silver") else "senior-premium"
        elif role == "supervisor":
            prefix = "supervisor"
        checks = [
            check(f"{prefix}-max", "0", s(amount), s(mx), s(mx), "deny" if amount > mx else "pass"),
            check(f"{prefix}-order", "0", s(amount), s(order_cap), s(order_cap), "deny" if amount > order_cap else "pass"),
            check(f"{prefix}-approval", "0", s(amount), s(ap), s(ap), "escalate" if amount > ap else "pass"),
        ]
    cases.append({
        "id": f"reference-10-1-i{i:02}",
        "kind": "compensation",
        "source": f"SPEC 10.1 table, request i={i}: role {role}, tier {tier}, kind {kind}, amount 5 + 7.5*{i} = {s(amount)} EUR, "
                  f"order 120 EUR; cap = min(max, 120 x max %) = {s(cap)}; "
                  + ("amount > cap -> deny" if outcome == "deny" else
                     "amount <= cap and > approval-above -> escalate to the next level" if outcome == "escalate" else
                     "amount <= cap and <= approval-above -> approve")
                  + "; computed by tests/vectors/compensation_reference.py from the table",
        "input": {"policy": REFERENCE, "history": [], "request": req},
        "expect": {"outcome": outcome, "amount": s(amount) if outcome == "approve" else None,
                   "escalate_to": to, "headroom": s(cap), "checks": checks},
    })


def policy(levels=("agent", "senior"), limits=(), **extra):
    p = {"version": "v", "effective_from": "2024-01-01T00:00:00Z", "currency": "EUR",
         "levels": list(levels), "limits": list(limits)}
    p.update(extra)
    return p


def limit(id, scope, measure, exceeded, **extra):
    l = {"id": id, "scope": scope, "measure": measure, "exceeded": exceeded}
    l.update(extra)
    return l


OFFER = {"per": "offer"}
AT = "2024-06-10T12:00:00Z"


def ask(value, kind="refund", role="agent", **kw):
    return request(AT, "ana", role, "c-1", kw.pop("tier", "bronze"), kw.pop("interaction", "T-1"),
                   kw.pop("channel", "chat"), {"kind": kind, "value": m(value)}, **kw)


def hand(id, source, pol, history, req, expect):
    cases.append({"id": id, "kind": "compensation", "source": source,
                  "input": {"policy": pol, "history": history, "request": req}, "expect": expect})


hand("interaction-amount-deny",
     "per-interaction limit 30: T-1 already has 20 (the 50 in T-2 does not count); 20 + 15 = 35 > 30 -> deny; headroom 30 - 20 = 10",
     policy(limits=[limit("case", {"per": "interaction"}, {"max_amount": m("30")}, "deny")]),
     [grant("2024-06-01T09:00:00Z", "bo", "c-1", "T-1", "refund", "20"),
      grant("2024-06-01T09:00:00Z", "bo", "c-1", "T-2", "refund", "50")],
     ask("15", kind="credit"),
     {"outcome": "deny", "amount": None, "escalate_to": None, "headroom": "10",
      "checks": [check("case", "20", "35", "30", "10", "deny")]})

hand("customer-window-cap",
     "per customer over 90 days, 100 EUR, cap: 70 granted 60 days ago counts; 50 granted exactly 90 x 24 h ago is outside (at - 90 d < t fails); "
     "70 + 45 = 115 > 100 -> approve up to 100 - 70 = 30",
     policy(limits=[limit("90d", {"per": "customer", "days": 90}, {"max_amount": m("100")}, "cap")]),
     [grant("2024-04-11T12:00:00Z", "bo", "c-1", "T-0", "gift", "70"),
      grant("2024-03-12T12:00:00Z", "bo", "c-1", "T-0", "gift", "50")],
     ask("45"),
     {"outcome": "approve_up_to", "amount": "30", "escalate_to": None, "headroom": "30",
      "checks": [check("90d", "70", "115", "100", "30", "cap")]})

hand("agent-month-count-escalate",
     "per agent per month, at most 2 grants, escalate: ana granted on June 2 and June 5 (the May 31 grant is last month); 2 + 1 = 3 > 2 -> escalate to the next level, senior",
     policy(limits=[limit("monthly", {"per": "agent", "period": "month"}, {"max_count": 2}, "escalate")]),
     [grant("2024-06-02T10:00:00Z", "ana", "c-5", "T-5", "gift", "5"),
      grant("2024-06-05T10:00:00Z", "ana", "c-6", "T-6", "gift", "5"),
      grant("2024-05-31T23:59:59Z", "ana", "c-7", "T-7", "gift", "5")],
     ask("5", kind="gift"),
     {"outcome": "escalate", "amount": None, "escalate_to": "senior", "headroom": None,
      "checks": [check("monthly", 2, 3, 2, 0, "escalate")]})

hand("percent-of-order-boundary-approves",
     "max 25 % of an 80 EUR order = 20; 20 is not above 20 -> approve",
     policy(limits=[limit("share", OFFER, {"max_percent_of_order": "25"}, "deny")]),
     [], ask("20", order="80"),
     {"outcome": "approve", "amount": "20", "escalate_to": None, "headroom": "20",
      "checks": [check("share", "0", "20", "20", "20", "pass")]})

hand("tier-multiplier-from-policy",
     "limit 40 x gold multiplier 1.5 = 60; 55 <= 60 -> approve",
     policy(limits=[limit("max", OFFER, {"max_amount": m("40")}, "deny")], tier_multipliers={"gold": "1.5"}),
     [], ask("55", tier="gold"),
     {"outcome": "approve", "amount": "55", "escalate_to": None, "headroom": "60",
      "checks": [check("max", "0", "55", "60", "60", "pass")]})

hand("tier-multiplier-from-benefits",
     "no policy multiplier for silver; the customer's benefits carry compensation_limit_multiplier 1.25: 40 x 1.25 = 50 < 55 -> deny, headroom 50",
     policy(limits=[limit("max", OFFER, {"max_amount": m("40")}, "deny")], tier_multipliers={"gold": "1.5"}),
     [], ask("55", tier="silver", benefits={"compensation_limit_multiplier": "1.25"}),
     {"outcome": "deny", "amount": None, "escalate_to": None, "headroom": "50",
      "checks": [check("max", "0", "55", "50", "50", "deny")]})

hand("role-outside-levels-is-denied",
     "intern is not an authority level: no authority, the check 'levels' has limit 0",
     policy(limits=[limit("max", OFFER, {"max_amount": m("40")}, "deny")]),
     [], ask("10", role="intern"),
     {"outcome": "deny", "amount": None, "escalate_to": None, "headroom": "0",
      "checks": [check("levels", "0", "10", "0", "0", "deny")]})

hand("approval-threshold-escalates",
     "approval_thresholds agent 15: 20 > 15 -> escalate to the next level, senior; escalations do not count in the decision headroom",
     policy(approval_thresholds={"agent": m("15")}),
     [], ask("20"),
     {"outcome": "escalate", "amount": None, "escalate_to": "senior", "headroom": None,
      "checks": [check("approval_thresholds.agent", "0", "20", "15", "15", "escalate")]})

hand("escalation-above-the-top-level-denies",
     "levels agent < senior; a senior exceeds an escalate limit of 10 with 20; there is no level above senior -> deny",
     policy(limits=[limit("esc", OFFER, {"max_amount": m("10")}, "escalate")]),
     [], ask("20", role="senior"),
     {"outcome": "deny", "amount": None, "escalate_to": None, "headroom": None,
      "checks": [check("esc", "0", "20", "10", "10", "deny")]})

hand("named-escalation-does-not-bind-that-level",
     "escalate_to supervisor above 100: a supervisor already has that authority, so the limit does not apply; no check, approve 500",
     policy(levels=["agent", "senior", "supervisor"],
            limits=[limit("big", OFFER, {"max_amount": m("100")}, "escalate", escalate_to="supervisor")]),
     [], ask("500", role="supervisor"),
     {"outcome": "approve", "amount": "500", "escalate_to": None, "headroom": None, "checks": []})

hand("named-escalation-binds-lower-levels",
     "escalate_to supervisor above 100: an agent asking 150 -> escalate to supervisor (not the next level, senior)",
     policy(levels=["agent", "senior", "supervisor"],
            limits=[limit("big", OFFER, {"max_amount": m("100")}, "escalate", escalate_to="supervisor")]),
     [], ask("150"),
     {"outcome": "escalate", "amount": None, "escalate_to": "supervisor", "headroom": None,
      "checks": [check("big", "0", "150", "100", "100", "escalate")]})

week = {"per": "customer", "days": 7}
hand("smallest-cap-wins",
     "caps 60 and 45 (customer, 7 days), escalate above 70, deny above 90; 65 exceeds both caps -> approve up to the smaller, 45; 65 <= 70 and <= 90 pass",
     policy(limits=[limit("cap-60", week, {"max_amount": m("60")}, "cap"),
                    limit("cap-45", week, {"max_amount": m("45")}, "cap"),
                    limit("esc-70", OFFER, {"max_amount": m("70")}, "escalate"),
                    limit("deny-90", OFFER, {"max_amount": m("90")}, "deny")]),
     [], ask("65"),
     {"outcome": "approve_up_to", "amount": "45", "escalate_to": None, "headroom": "45",
      "checks": [check("cap-60", "0", "65", "60", "60", "cap"),
                 check("cap-45", "0", "65", "45", "45", "cap"),
                 check("esc-70", "0", "65", "70", "70", "pass"),
                 check("deny-90", "0", "65", "90", "90", "pass")]})

hand("escalate-beats-cap",
     "same limits; 80 exceeds both caps and the escalation threshold 70 but not 90 -> escalate to senior",
     policy(limits=[limit("cap-60", week, {"max_amount": m("60")}, "cap"),
                    limit("esc-70", OFFER, {"max_amount": m("70")}, "escalate"),
                    limit("deny-90", OFFER, {"max_amount": m("90")}, "deny")]),
     [], ask("80"),
     {"outcome": "escalate", "amount": None, "escalate_to": "senior", "headroom": "60",
      "checks": [check("cap-60", "0", "80", "60", "60", "cap"),
                 check("esc-70", "0", "80", "70", "70", "escalate"),
                 check("deny-90", "0", "80", "90", "90", "pass")]})

hand("percent-coupon-valued-on-the-order",
     "coupon of 15 % of a 120 EUR order = 18 EUR <= 20 -> approve 18",
     policy(limits=[limit("coupon", OFFER, {"max_amount": m("20")}, "deny")]),
     [], request(AT, "ana", "agent", "c-1", "bronze", "T-1", "chat", {"kind": "coupon", "percent_of_order": "15"}, order="120"),
     {"outcome": "approve", "amount": "18", "escalate_to": None, "headroom": "20",
      "checks": [check("coupon", "0", "18", "20", "20", "pass")]})

hand("channel-filter-does-not-match",
     "the only limit applies to social_media; the request is on chat -> no check, approve",
     policy(limits=[limit("social", OFFER, {"max_amount": m("5")}, "deny", when={"channels": ["social_media"]})]),
     [], ask("150"),
     {"outcome": "approve", "amount": "150", "escalate_to": None, "headroom": None, "checks": []})

hand("reason-filter-matches",
     "limit 5 for reason outage; the request gives reason outage and 10 > 5 -> deny",
     policy(limits=[limit("outage", OFFER, {"max_amount": m("5")}, "deny", when={"reasons": ["outage"]})]),
     [], ask("10", reason="outage"),
     {"outcome": "deny", "amount": None, "escalate_to": None, "headroom": "5",
      "checks": [check("outage", "0", "10", "5", "5", "deny")]})

hand("kind-filter-counts-only-matching-grants",
     "per customer 30 days, 25 EUR on credit and gift only: the 40 EUR refund in the history is not counted; 10 + 12 = 22 <= 25 -> approve",
     policy(limits=[limit("goodwill", {"per": "customer", "days": 30}, {"max_amount": m("25")}, "deny",
                          when={"kinds": ["credit", "gift"]})]),
     [grant("2024-06-01T00:00:00Z", "bo", "c-1", "T-0", "refund", "40"),
      grant("2024-06-02T00:00:00Z", "bo", "c-1", "T-0", "gift", "10")],
     ask("12", kind="credit"),
     {"outcome": "approve", "amount": "12", "escalate_to": None, "headroom": "15",
      "checks": [check("goodwill", "10", "22", "25", "15", "pass")]})

hand("error-request-currency",
     "the policy is in EUR, the offer in USD: an error naming the path",
     policy(), [], request(AT, "ana", "agent", "c-1", "bronze", "T-1", "chat", {"kind": "refund", "value": m("5", "USD")}),
     {"error": "request.offer.value: currency mismatch: expected EUR, found USD"})

hand("error-grant-after-request",
     "a history grant dated after the request instant is an error",
     policy(), [grant("2024-06-11T00:00:00Z", "bo", "c-1", "T-1", "gift", "1")], ask("5"),
     {"error": "history[0].at 2024-06-11T00:00:00+00:00 is after the request instant"})

hand("error-negative-limit",
     "a negative max amount is reported with its path",
     policy(limits=[limit("neg", OFFER, {"max_amount": m("-5")}, "deny")]), [], ask("5"),
     {"error": "limits[0].measure: negative amount -5.00 EUR"})

hand("error-percent-out-of-range",
     "a percentage above 100 is reported with its path",
     policy(limits=[limit("pct", OFFER, {"max_percent_of_order": "150"}, "deny")]), [], ask("5"),
     {"error": "limits[0].measure: percentage 150 is outside 0..=100"})

bad = policy()
bad["owner"] = "finance"
hand("error-unknown-policy-field",
     "an unknown field in a policy document is an error",
     bad, [], ask("5"), {"error": "unknown field `owner`"})

with open(os.path.join(ROOT, "tests/vectors/compensation.json"), "w") as out:
    out.write('{"cases": [\n' + ",\n".join(json.dumps(c) for c in cases) + "\n]}\n")
print(len(cases), "cases")
