#!/usr/bin/env bash
# Interleaved rounds of carekit's bench_report and the polars/numpy/pandas
# anchors (anchors.py) on the same data, then the table of the paths users
# take with the best rate of each side over all rounds.
#
#   benches/anchors/run.sh              # 3 rounds
#   ROUNDS=5 benches/anchors/run.sh
#   KEEP=DIR benches/anchors/run.sh     # keep every round's lines in DIR
#   benches/anchors/run.sh --only scores --only durations   # passed to bench_report
#
# Creates a throwaway virtual environment (PyPI: polars, numpy, pandas) in a
# temporary directory and removes it at the end. Needs python3 with venv,
# and the Rust toolchain.
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=${ROUNDS:-3}
work=$(mktemp -d)
if [ -n "${KEEP:-}" ]; then
    mkdir -p "$KEEP"
    trap 'cp "$work"/*.txt "$KEEP"/ 2>/dev/null || true; rm -rf "$work"' EXIT
else
    trap 'rm -rf "$work"' EXIT
fi

echo "==> virtual environment in $work/venv"
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet --disable-pip-version-check polars numpy pandas
py="$work/venv/bin/python"

echo "==> cargo build --release --example bench_report"
cargo build --quiet --release --example bench_report
bin=target/release/examples/bench_report
mkdir -p "$work/data"
"$bin" --write-data "$work/data"

for r in $(seq 1 "$rounds"); do
    echo "==> round $r of $rounds"
    a="$work/anchors.$r.txt"
    c="$work/carekit.$r.txt"
    # Alternate which side goes first, so neither always runs on a warmer
    # (or busier) machine.
    if [ $((r % 2)) -eq 1 ]; then
        "$py" benches/anchors/anchors.py "$work/data" | tee "$a"
        "$bin" --data "$work/data" "$@" | tee "$c"
    else
        "$bin" --data "$work/data" "$@" | tee "$c"
        "$py" benches/anchors/anchors.py "$work/data" | tee "$a"
    fi
    echo "==> round $r: ratios within the round"
    "$bin" --table --anchors "$a" --anchors "$c"
done

echo "==> best of $rounds rounds (each side's best rate; compare with the rounds above)"
cat "$work"/carekit.*.txt "$work"/anchors.*.txt > "$work/all.txt"
"$bin" --table --anchors "$work/all.txt"
