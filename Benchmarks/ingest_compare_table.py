#!/usr/bin/env python3
"""Ratio table of one ingest-compare run: reads RUN_DIR/runs.jsonl (written by the shared benchmark driver)
and prints, per batch size and consumer, the median rate, its ratio to pysignalr's median in the same run,
and the median CPU microseconds per message.

CPU per message is the consumer process's whole CPU time (user + system, start-up and connect included, as
the driver measures it with getrusage of the reaped child) divided by the messages it counted, so short runs
of clients with a slow start-up (the Python interpreter and its imports) read a little high.

Usage: ingest_compare_table.py RUN_DIR
"""

from __future__ import annotations

import json
import statistics
import sys
from pathlib import Path

BASELINE = "pysignalr"


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        return 64
    run_dir = Path(sys.argv[1])
    runs_file = run_dir / "runs.jsonl"
    try:
        lines = runs_file.read_text().splitlines()
    except OSError as error:
        print(f"ingest_compare_table: cannot read {runs_file}: {error}", file=sys.stderr)
        return 66
    runs = [json.loads(line) for line in lines if line.strip()]
    measured = [r for r in runs if r.get("phase") != "calibration"]
    print(table(measured))
    return 0


def ok(run: dict) -> bool:
    return run.get("rc") == 0 and run.get("messages", 0) > 0 and run.get("seconds", 0) > 0


def table(runs: list[dict]) -> str:
    rows = ["| consumer | msgs/frame | runs ok | median msg/s | x pysignalr | CPU us/msg (median) | peak RSS MB (median) |",
            "|---|---:|---:|---:|---:|---:|---:|"]
    batches = sorted({r["batch"] for r in runs}, reverse=True)
    names: list[str] = []
    for r in runs:
        if r["client"] not in names:
            names.append(r["client"])
    for batch in batches:
        base = [r["msgs_per_s"] for r in runs if r["client"] == BASELINE and r["batch"] == batch and ok(r)]
        base_median = statistics.median(base) if base else None
        for name in names:
            of_name = [r for r in runs if r["client"] == name and r["batch"] == batch]
            if not of_name:
                continue
            good = [r for r in of_name if ok(r)]
            label = "feed ceiling (byte sink)" if name == "sink" else name
            if not good:
                rows.append(f"| {label} | {batch} | 0/{len(of_name)} | failed | - | - | - |")
                continue
            rate = statistics.median(r["msgs_per_s"] for r in good)
            ratio = f"{rate / base_median:.2f}x" if base_median else "n/a"
            cpu = statistics.median(r["client_cpu_s"] / r["messages"] * 1e6 for r in good)
            rss = statistics.median(r["rss_mb"] for r in good)
            rows.append(f"| {label} | {batch} | {len(good)}/{len(of_name)} | {rate:,.0f} | {ratio} | {cpu:.2f} | {rss:.0f} |")
    return "\n".join(rows)


if __name__ == "__main__":
    sys.exit(main())
