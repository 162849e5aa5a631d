"""Anchor timings for `examples/bench_report`: the same workloads in polars,
numpy and pandas, on the same data, printed as the report's
`work | tool | threads | ms | M rows/s` lines.

    python anchors.py DATA_DIR

DATA_DIR holds the columns written by `bench_report --write-data DIR`:
`score.u8`, `channel.u8`, `tier.u8` (one byte per row) and `dur.f64`
(little-endian f64 per row). Every tool runs on one thread (polars with
POLARS_MAX_THREADS=1, set before it is imported); each line is the best of
five runs. `run.sh` beside this file creates the virtual environment and
interleaves rounds of this script with rounds of `bench_report`.
"""

import os
import sys
import time

os.environ["POLARS_MAX_THREADS"] = "1"
os.environ.setdefault("OMP_NUM_THREADS", "1")

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import polars as pl  # noqa: E402

REPS = 5


def report(work, tool, rows, fn, reps=REPS):
    best = float("inf")
    for _ in range(reps):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    rate = rows / best / 1e6
    shown = f"{rate:.1f}" if rate >= 1 else f"{rate:.4f}"
    print(f"{work} | {tool} | 1 | {best * 1e3:.3f} | {shown}", flush=True)


def nps_from_counts(detractors, promoters, n):
    return 100.0 * (promoters - detractors) / n


def scores(data):
    score = np.fromfile(os.path.join(data, "score.u8"), dtype=np.uint8)
    channel = np.fromfile(os.path.join(data, "channel.u8"), dtype=np.uint8)
    tier = np.fromfile(os.path.join(data, "tier.u8"), dtype=np.uint8)
    n = len(score)
    df = pl.DataFrame({"score": score, "channel": channel, "tier": tier})

    # NPS over a u8 column: polars expression, as a user writes it.
    def polars_nps():
        return df.select(
            ((pl.col("score") >= 9).sum() - (pl.col("score") <= 6).sum()).alias("net"),
            pl.len().alias("n"),
        )

    report("nps u8 column 10M", "polars", n, polars_nps)

    # Grouped by a key column: numpy 2-D bincount (key × score) over the
    # columns, then the three classes per key.
    def bincount(keys, groups):
        def run():
            table = np.bincount(keys.astype(np.intp) * 11 + score, minlength=groups * 11)
            table = table.reshape(groups, 11)
            d = table[:, :7].sum(axis=1)
            p = table[:, 9:].sum(axis=1)
            return nps_from_counts(d, p, table.sum(axis=1))

        return run

    report("nps by 6-value key 10M", "numpy", n, bincount(channel, 6))
    report("nps by 4-value key 10M", "numpy", n, bincount(tier, 4))

    def polars_grouped():
        return df.group_by("channel").agg(
            ((pl.col("score") >= 9).sum() - (pl.col("score") <= 6).sum()).alias("net"),
            pl.len().alias("n"),
        )

    report("nps by 6-value key 10M", "polars", n, polars_grouped)


def durations(data):
    dur = np.fromfile(os.path.join(data, "dur.f64"), dtype="<f8")
    n = len(dur)
    s = pl.Series("dur", dur)

    # Exact p50 and p90 with linear interpolation (numpy's default, the
    # same definition as carekit's PercentileMethod::Linear).
    def polars_quantiles():
        return s.quantile(0.5, "linear"), s.quantile(0.9, "linear")

    report("p50+p90 10M f64", "polars", n, polars_quantiles)
    report("p50+p90 10M f64", "numpy", n, lambda: np.quantile(dur, [0.5, 0.9]))


US_22_HOLIDAYS = [
    "2024-01-01", "2024-01-15", "2024-02-19", "2024-05-27", "2024-06-19",
    "2024-07-04", "2024-09-02", "2024-10-14", "2024-11-11", "2024-11-28",
    "2024-12-25", "2024-11-29", "2024-12-24", "2024-12-31", "2025-01-01",
    "2025-01-20", "2025-02-17", "2025-05-26", "2025-06-19", "2025-07-04",
    "2025-09-01", "2025-11-27",
]


def calendar():
    # The report's calendar (Mon–Fri 09:00–17:00, 22 holidays) as pandas
    # CustomBusinessHour on naive local times (pandas has no zone rules for
    # business hours), and numpy busday_offset (whole days only).
    rng = np.random.default_rng(0xCA1E0D)
    starts = pd.to_datetime(1_704_067_200 + rng.integers(0, 366 * 86_400, 2_000), unit="s")
    cbh = pd.offsets.CustomBusinessHour(start="09:00", end="17:00", holidays=US_22_HOLIDAYS)

    def pandas_add():
        return [t + 8 * cbh for t in starts]

    report("business add 1 day span", "pandas", len(starts), pandas_add, reps=3)
    days = np.array(starts.values.astype("datetime64[D]"))
    big = np.resize(days, 1_000_000)
    hol = np.array(US_22_HOLIDAYS, dtype="datetime64[D]")
    report(
        "business add 3 day span",
        "numpy",
        len(big),
        lambda: np.busday_offset(big, 3, roll="forward", holidays=hol),
    )


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: anchors.py DATA_DIR")
    data = sys.argv[1]
    print(
        f"# polars {pl.__version__}, numpy {np.__version__}, pandas {pd.__version__}",
        flush=True,
    )
    scores(data)
    durations(data)
    calendar()


if __name__ == "__main__":
    main()
