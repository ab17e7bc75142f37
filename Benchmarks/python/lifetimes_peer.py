#!/usr/bin/env python3
"""Lifetime value, Clientele against the Python package `lifetimes`, in one run on the same rows.

Usage (from anywhere; Python 3.9+):

    python3 Benchmarks/python/lifetimes_peer.py [--clients 100000] [--swift-runs 5] [--python-runs 1]
                                                [--skip-swift] [--data DIR] [--scratch-path DIR]

What it does:
1. Creates Benchmarks/.venv (ignored by git: the script writes a `.gitignore` into it) and installs
   `lifetimes` and `pandas` from PyPI (set PIP_FIND_LINKS=/opt/wheels to use local wheels), then
   re-runs itself inside it.
2. Builds and runs `clientele-bench lifetime CLIENTS RUNS DIR` (release): a SyntheticBank book,
   Clientele's summaries (ColumnarSummaryBuilder), BG/NBD fit, Gamma-Gamma fit and predictions,
   timed as medians; it writes the transaction log it used (`customer,date,amount`), its summaries
   with predictions, and its parameters and timings.
3. Times the same steps with lifetimes starting from the same transaction log:
   summary_data_from_transaction_data, BetaGeoFitter.fit, GammaGammaFitter.fit (clients with a
   repeat purchase), and predictions (conditional_probability_alive,
   conditional_expected_number_of_purchases_up_to_time over 52 weeks,
   conditional_expected_average_profit, customer_lifetime_value over 12 months at 1% a month).
   Reading the CSV into pandas is timed separately and is not part of the ratio (Clientele starts
   from its columns in memory).
4. Checks that both summaries agree client by client, that the seven parameters agree to three
   significant digits, and compares the predictions; prints the ratio (target: Clientele at least
   20 times faster). Exits 1 when a check fails.

Shared definitions: every row counts as a transaction; rows of one client on one day are one
transaction whose amount is their sum; the time unit is the week (days / 7: lifetimes with
freq="D", freq_multiplier=7); the observation period ends on the last simulated day; monetary
value is the mean spend of the repeat transactions, in major units.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
import warnings
from pathlib import Path

BENCHMARKS = Path(__file__).resolve().parent.parent
VENV = BENCHMARKS / ".venv"
REQUIREMENTS = ["lifetimes==0.11.3", "pandas<3"]


def ensure_venv():
    """Re-runs this script inside Benchmarks/.venv, creating it and installing the peers first."""
    if Path(sys.prefix).resolve() == VENV.resolve():
        return
    python = VENV / "bin" / "python"
    if not python.exists():
        print(f"creating {VENV}", flush=True)
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
        (VENV / ".gitignore").write_text("*\n")
    probe = subprocess.run([str(python), "-c", "import lifetimes, pandas"], capture_output=True)
    if probe.returncode != 0:
        print("installing " + " ".join(REQUIREMENTS) + " into " + str(VENV), flush=True)
        subprocess.run([str(python), "-m", "pip", "install", "--quiet", *REQUIREMENTS], check=True)
    os.execv(str(python), [str(python), str(Path(__file__).resolve()), *sys.argv[1:]])


def run_swift(clients, runs, data, scratch=None):
    print("building clientele-bench (release)", flush=True)
    extra = ["--scratch-path", str(scratch)] if scratch else []
    subprocess.run(["swift", "build", "-c", "release", "--product", "clientele-bench", *extra], cwd=BENCHMARKS, check=True)
    binary = subprocess.run(
        ["swift", "build", "-c", "release", "--show-bin-path", *extra], cwd=BENCHMARKS, check=True, capture_output=True,
        text=True,
    ).stdout.strip()
    subprocess.run([str(Path(binary) / "clientele-bench"), "lifetime", str(clients), str(runs), str(data)], check=True)


def significant(value, digits=3):
    return float(f"{value:.{digits - 1}e}")


def agree(a, b, digits=3):
    """Equal when rounded to `digits` significant digits, or within half a unit of the last digit
    (so 1.2345 and 1.2355 agree although they round apart)."""
    return significant(a, digits) == significant(b, digits) or abs(a - b) <= 0.5 * 10 ** (1 - digits) * max(abs(a), abs(b))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, default=100_000)
    parser.add_argument("--swift-runs", type=int, default=5)
    parser.add_argument("--python-runs", type=int, default=1)
    parser.add_argument("--skip-swift", action="store_true", help="reuse the files of an earlier Swift run in --data")
    parser.add_argument("--data", type=Path, default=None)
    parser.add_argument("--scratch-path", type=Path, default=None, help="SwiftPM scratch path of the release build")
    args = parser.parse_args()
    data = args.data or BENCHMARKS / "data" / f"lifetime-{args.clients}"
    print(f"load average at start: {os.getloadavg()[0]:.1f} ({os.cpu_count()} cores)", flush=True)
    if not args.skip_swift:
        run_swift(args.clients, args.swift_runs, data, args.scratch_path)

    import numpy as np
    import pandas as pd
    from lifetimes import BetaGeoFitter, GammaGammaFitter
    from lifetimes.utils import summary_data_from_transaction_data

    warnings.simplefilter("ignore", FutureWarning)
    clientele = json.loads((data / "clientele.json").read_text())
    horizon = clientele["horizon_weeks"]
    month = clientele["month_weeks"]
    discount = clientele["discount_rate"]
    assert abs(month - 4.345) < 1e-12, "lifetimes' freq='W' months are 4.345 weeks"

    start = time.perf_counter()
    transactions = pd.read_csv(data / "transactions.csv", dtype={"customer": np.int64, "amount": np.float64})
    transactions["date"] = pd.to_datetime(transactions["date"], format="%Y-%m-%d")
    load_seconds = time.perf_counter() - start
    print(f"lifetimes: read {len(transactions):,} rows from CSV in {load_seconds:.1f} s (not in the ratio)", flush=True)

    steps = {"summary": [], "bgnbd": [], "gammagamma": [], "predictions": []}
    cpu = []
    for run in range(args.python_runs):
        cpu_start = time.process_time()
        t = time.perf_counter()
        summary = summary_data_from_transaction_data(
            transactions, "customer", "date", monetary_value_col="amount",
            observation_period_end=clientele["observation_end"], freq="D", freq_multiplier=7)
        steps["summary"].append(time.perf_counter() - t)
        t = time.perf_counter()
        bgf = BetaGeoFitter()
        bgf.fit(summary["frequency"], summary["recency"], summary["T"])
        steps["bgnbd"].append(time.perf_counter() - t)
        t = time.perf_counter()
        repeat = summary[summary["frequency"] > 0]
        ggf = GammaGammaFitter()
        ggf.fit(repeat["frequency"], repeat["monetary_value"])
        steps["gammagamma"].append(time.perf_counter() - t)
        t = time.perf_counter()
        alive = bgf.conditional_probability_alive(summary["frequency"], summary["recency"], summary["T"])
        expected = bgf.conditional_expected_number_of_purchases_up_to_time(
            horizon, summary["frequency"], summary["recency"], summary["T"])
        spend = ggf.conditional_expected_average_profit(summary["frequency"], summary["monetary_value"])
        clv = ggf.customer_lifetime_value(
            bgf, summary["frequency"], summary["recency"], summary["T"], summary["monetary_value"],
            time=12, discount_rate=discount, freq="W")
        steps["predictions"].append(time.perf_counter() - t)
        cpu.append(time.process_time() - cpu_start)
        total = sum(steps[name][-1] for name in steps)
        print(f"lifetimes: run {run + 1} of {args.python_runs}: {total:.1f} s "
              + ", ".join(f"{name} {steps[name][-1]:.2f} s" for name in steps), flush=True)

    failures = []

    # Summaries, client by client.
    ours = pd.read_csv(data / "summary.csv").set_index("customer").sort_index()
    theirs = summary.sort_index()
    if len(ours) != len(theirs) or not (ours.index.values == theirs.index.values).all():
        failures.append(f"summaries cover different clients: Clientele {len(ours)}, lifetimes {len(theirs)}")
    else:
        for column in ["frequency", "recency", "T", "monetary_value"]:
            worst = float(np.max(np.abs(ours[column].values - theirs[column].values) / np.maximum(1.0, np.abs(theirs[column].values))))
            status = "ok" if worst < 1e-9 else "DIFFERENT"
            print(f"summary {column:15s} max relative difference {worst:.2e} over {len(ours):,} clients  {status}")
            if worst >= 1e-9:
                failures.append(f"summary column {column} differs (max relative difference {worst:.2e})")

    # Parameters to three significant digits.
    pairs = [
        ("r", clientele["bgnbd"]["r"], bgf.params_["r"]),
        ("alpha", clientele["bgnbd"]["alpha"], bgf.params_["alpha"]),
        ("a", clientele["bgnbd"]["a"], bgf.params_["a"]),
        ("b", clientele["bgnbd"]["b"], bgf.params_["b"]),
        ("p", clientele["gammagamma"]["p"], ggf.params_["p"]),
        ("q", clientele["gammagamma"]["q"], ggf.params_["q"]),
        ("gamma", clientele["gammagamma"]["gamma"], ggf.params_["v"]),
    ]
    print(f"{'parameter':10s} {'Clientele':>16s} {'lifetimes':>16s} {'rel. diff':>10s}  3 s.f.")
    for name, a, b in pairs:
        ok = agree(a, b)
        print(f"{name:10s} {a:16.8g} {b:16.8g} {abs(a - b) / max(abs(a), abs(b)):10.1e}  "
              f"{significant(a)} vs {significant(b)} {'ok' if ok else 'DIFFERENT'}")
        if not ok:
            failures.append(f"parameter {name}: Clientele {a:.8g}, lifetimes {b:.8g}")

    # Predictions (each side with its own parameters), aligned by client.
    if len(ours) == len(theirs):
        def aligned(values):
            return pd.Series(np.asarray(values, dtype=float), index=summary.index).reindex(ours.index).values

        comparisons = [
            ("P(alive)", ours["p_alive"].values, aligned(alive)),
            (f"E[transactions, {horizon:g} weeks]", ours["expected_52w"].values, aligned(expected)),
            ("E[spend per transaction]", ours["expected_spend"].values, aligned(spend)),
            ("CLV 12 months", ours["clv"].values, aligned(clv)),
        ]
        for name, a, b in comparisons:
            scale = np.maximum(np.abs(b), 1e-2 * max(1e-12, float(np.mean(np.abs(b)))))
            rel = np.abs(a - b) / scale
            print(f"prediction {name:28s} median rel. diff {np.median(rel):.1e}, 99th pct {np.percentile(rel, 99):.1e}, "
                  f"sum {a.sum():.6g} vs {b.sum():.6g}")

    print(f"load average at end: {os.getloadavg()[0]:.1f}")
    swift = clientele["seconds"]
    python = {name: statistics.median(values) for name, values in steps.items()}
    python_total = statistics.median([sum(steps[name][run] for name in steps) for run in range(args.python_runs)])
    print()
    print(f"{'step':14s} {'Clientele (median)':>20s} {'lifetimes':>14s} {'ratio':>10s}")
    for name in steps:
        print(f"{name:14s} {swift[name] * 1000:17.1f} ms {python[name]:12.2f} s {python[name] / swift[name]:9.0f}x")
    ratio = python_total / swift["total"]
    print(f"{'total':14s} {swift['total'] * 1000:17.1f} ms {python_total:12.2f} s {ratio:9.0f}x  "
          f"(target >= 20x; {clientele['clients']:,} clients, {clientele['rows']:,} rows, "
          f"Clientele median of {clientele['runs']}, lifetimes median of {args.python_runs})")
    if "cpu_seconds_total" in clientele:
        cpu_ratio = statistics.median(cpu) / clientele["cpu_seconds_total"]
        print(f"{'CPU time':14s} {clientele['cpu_seconds_total']:16.2f} s  {statistics.median(cpu):12.2f} s {cpu_ratio:9.0f}x  "
              "(process CPU seconds, every thread: Clientele uses both cores, lifetimes one)")
    if ratio < 20:
        failures.append(f"Clientele is {ratio:.1f} times faster, below the 20x target")
    if failures:
        print("FAILED: " + "; ".join(failures))
        sys.exit(1)
    print("all checks passed")


if __name__ == "__main__":
    ensure_venv()
    main()
