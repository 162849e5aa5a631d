"""Cross-check the `pandas_*` cases of calendar.json against pandas CustomBusinessHour.

Run with the venv that has pandas: /work/refs/venv-cal/bin/python pandas_check.py
pandas only models UTC-naive, single-interval, weekday calendars here; the cases
checked all use time_zone "UTC" and mon-fri 09:00-17:00 (+ holidays).
Known difference: when the deadline falls exactly on a closing time pandas
returns the next opening (next business day 09:00). For those cases we map the
pandas result back to the closing time of the previous business interval and
compare that.
"""
import json
import sys

import pandas as pd
from pandas.tseries.offsets import CustomBusinessHour, CustomBusinessDay

data = json.load(open("calendar.json"))
report = []
ok = True
for c in data["cases"]:
    if "pandas CustomBusinessHour" not in c["source"]:
        continue
    inp = c["input"]
    cal = inp["calendar"]
    assert cal["time_zone"] == "UTC"
    days = [d for d, v in cal["week"].items() if v == [["09:00", "17:00"]]]
    assert len(days) == len(cal["week"])
    weekmask = " ".join(d.capitalize() for d in days)
    hol = cal.get("holidays", [])
    start = pd.Timestamp(inp["start"]).tz_convert("UTC").tz_localize(None)
    secs = inp["seconds"]
    assert secs % 60 == 0
    off = CustomBusinessHour(start="09:00", end="17:00", weekmask=weekmask, holidays=hol)
    # CustomBusinessHour takes an integer n (hours); a remainder of minutes is added
    # as plain time and must stay inside the same 09:00-17:00 interval.
    hours, minutes = divmod(secs // 60, 60)
    res = start + off * hours if hours else start
    if minutes:
        assert 9 * 60 <= res.hour * 60 + res.minute and res.hour * 60 + res.minute + minutes <= 17 * 60
        res = res + pd.Timedelta(minutes=minutes)
    pandas_raw = res
    expect = pd.Timestamp(c["expect"]["deadline"]).tz_convert("UTC").tz_localize(None)
    adjusted = pandas_raw
    adj_note = "none"
    if pandas_raw.time() == pd.Timestamp("09:00").time() and pandas_raw != start:
        # a positive duration can only end at an opening time if it ended at the previous
        # close: pandas moves such a deadline to the next opening, carekit keeps the close.
        prev_day = pandas_raw.normalize() - CustomBusinessDay(weekmask=weekmask, holidays=hol)
        adjusted = prev_day + pd.Timedelta(hours=17)
        adj_note = f"pandas gave next opening {pandas_raw}; moved back to previous close {adjusted}"
    match = adjusted == expect
    ok &= match
    report.append({"id": c["id"], "start": str(start), "seconds": secs, "pandas_raw": str(pandas_raw),
                   "adjustment": adj_note, "expect": str(expect), "match": bool(match)})
json.dump({"pandas_version": pd.__version__, "all_match": ok, "cases": report},
          open("pandas_check_report.json", "w"), indent=1)
for r in report:
    print(r)
print("pandas", pd.__version__, "ALL MATCH" if ok else "MISMATCH")
sys.exit(0 if ok else 1)
