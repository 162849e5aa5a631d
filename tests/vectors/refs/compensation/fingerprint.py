"""Independent evaluation of the decision fingerprint documented on
`carekit::compensation::Fingerprint` (64-bit FNV-1a), for the scenario of
`tests/it/compensation.rs::the_fingerprint_is_fnv_1a_of_the_documented_encoding`.

Run: python3 tests/vectors/refs/compensation/fingerprint.py
"""
import struct
from datetime import datetime, timezone
from decimal import Decimal

OFFSET, PRIME, MASK = 0xCBF29CE484222325, 0x100000001B3, (1 << 64) - 1


def fnv(data: bytes) -> int:
    h = OFFSET
    for b in data:
        h ^= b
        h = (h * PRIME) & MASK
    return h


def text(s: str) -> bytes:
    b = s.encode()
    return struct.pack("<Q", len(b)) + b


def amount(d: Decimal) -> bytes:
    # normalised: no trailing zeros in the fraction
    sign, digits, exp = d.normalize().as_tuple()
    mantissa = int("".join(map(str, digits))) * (-1 if sign else 1)
    scale = max(0, -exp)
    if exp > 0:  # e.g. 5E+1 -> mantissa 50, scale 0
        mantissa *= 10**exp
    return mantissa.to_bytes(16, "little", signed=True) + struct.pack("<I", scale)


def grant(at: str, nanos: int, agent, customer, interaction, kind, value, currency) -> int:
    secs = int(datetime.fromisoformat(at).replace(tzinfo=timezone.utc).timestamp())
    data = (
        struct.pack("<q", secs)
        + struct.pack("<I", nanos)
        + text(agent)
        + text(customer)
        + text(interaction)
        + text(kind)
        + amount(Decimal(value))
        + text(currency)
    )
    return fnv(data)


def mix(h: int) -> int:
    """The SplitMix64 finaliser."""
    z = h
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
    return z ^ (z >> 31)


def fold(h: int, word: int) -> int:
    """One 64-bit word folded FNV-1a style."""
    return ((h ^ word) * PRIME) & MASK


def counted(h: int, position: int, hashes) -> int:
    """A cumulative limit's part: its position with the number of grants it
    counted (shifted left by 32), the wrapping sum of their hashes and the
    wrapping sum of the hashes' mixes, folded into `h`."""
    h = fold(h, position | (len(hashes) << 32))
    h = fold(h, sum(hashes) & MASK)
    return fold(h, sum(mix(x) for x in hashes) & MASK)


g1 = grant("2024-06-01T10:00:00", 0, "bo", "c-1", "T-7", "refund", "12.50", "EUR")
g2 = grant("2024-06-05T08:30:00", 250_000_000, "ana", "c-1", "T-8", "credit", "5", "EUR")
# Policy "v": limit 0 is per offer (no history), limit 1 per customer over
# 30 days counts g1 and g2; c-2's grant is not counted.
fp = counted(fnv(text("v")), 1, [g1, g2])
print(f"grant 1 {g1:016x}")
print(f"grant 2 {g2:016x}")
print(f"decision {fp:016x}")
# The same request with no history: the version and limit 1 counting nothing.
print(f"no history {counted(fnv(text('v')), 1, []):016x}")
