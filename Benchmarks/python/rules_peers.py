#!/usr/bin/env python3
"""The same 200 rules over the same 1M records with Clientele, DuckDB and `rule-engine`, in one run.

    python3 Benchmarks/python/rules_peers.py [--rows 1000000] [--rules 200] [--data Benchmarks/data/rules]

1. Creates Benchmarks/.venv and installs duckdb, rule-engine and numpy from PyPI the first time.
2. Generates (seeded) 1M client records of ten facts (money in minor units, counts, a score,
   two ordered enumerations, a consent flag) and 200 rules of two to four comparisons joined by
   `and` / `or`, and writes them for Clientele: DATA/rules.rules (the rule language) and
   DATA/<fact>.bin columns.
3. Runs `clientele-bench rules-peers DATA` (release build; built first if missing): Clientele's
   batch path, median of 15 runs, with per rule the match count, a checksum of the matching rows
   and the matches among the first rows.
4. Evaluates the same rules with DuckDB (one vectorised scan, count_if per rule; the row checksums
   come from a second, untimed query)
   and with `rule-engine` (Rule.matches per record, on the first --sample rows: it does about
   160 thousand evaluations a second, so all 200M would take over 20 minutes), checks all three
   agree on which rules match which rows, and prints the ratios against the targets
   (Clientele >= DuckDB speed; >= 300x rule-engine's evaluations per second).

No value is missing in these records, and no rule uses `not`, so SQL's three-valued logic and
Clientele's "a comparison with a missing value is false" cannot disagree.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
BENCH = os.path.dirname(HERE)
VENV = os.path.join(BENCH, ".venv")
PACKAGES = ["duckdb", "rule-engine", "numpy", "pandas"]

RISK = ["conservative", "steady", "balanced", "growth", "aggressive"]
RATING = ["d", "c", "cc", "ccc", "b", "bb", "bbb", "a", "aa", "aaa"]
# fact name in the rule language, SQL / rule-engine column name, kind
FACTS = [
    ("aum", "aum", "money"), ("aum.deposits", "aum_deposits", "money"), ("liabilities", "liabilities", "money"),
    ("age", "age", "count"), ("children", "children", "count"), ("years_with_bank", "years_with_bank", "count"),
    ("score", "score", "number"), ("risk_appetite", "risk_appetite", "risk"), ("credit_rating", "credit_rating", "rating"),
    ("consent.marketing", "consent_marketing", "bool"),
]


def ensure_venv():
    """Re-executes this script inside Benchmarks/.venv, creating it and installing the peers first."""
    python = os.path.join(VENV, "bin", "python")
    inside = os.path.realpath(sys.prefix) == os.path.realpath(VENV)
    if not inside and not os.path.exists(python):
        print(f"creating {VENV}", flush=True)
        subprocess.run([sys.executable, "-m", "venv", VENV], check=True)
    check = subprocess.run([python, "-c", "import duckdb, rule_engine, numpy, pandas"], capture_output=True)
    if check.returncode != 0:
        print("installing " + " ".join(PACKAGES) + " from PyPI", flush=True)
        subprocess.run([python, "-m", "pip", "install", "-q"] + PACKAGES, check=True)
    if not inside:
        os.execv(python, [python] + sys.argv)


def find_bench():
    for candidate in [".build/release", ".build-rules2-rel/release"]:
        path = os.path.join(BENCH, candidate, "clientele-bench")
        if os.path.exists(path):
            return path
    print("building clientele-bench (release)", flush=True)
    subprocess.run(["swift", "build", "-c", "release"], cwd=BENCH, check=True)
    return os.path.join(BENCH, ".build/release/clientele-bench")


def make_data(rows, np):
    rng = np.random.default_rng(20261123)
    cols = {
        "aum": (10 ** rng.uniform(4, 9, rows) * 100).astype(np.int64),  # CNY 10k to 1bn, in fen
        "aum_deposits": (10 ** rng.uniform(3, 8, rows) * 100).astype(np.int64),
        "liabilities": (10 ** rng.uniform(2, 7, rows) * 100).astype(np.int64),
        "age": rng.integers(18, 95, rows, dtype=np.int64),
        "children": rng.integers(0, 5, rows, dtype=np.int64),
        "years_with_bank": rng.integers(0, 40, rows, dtype=np.int64),
        "score": np.round(rng.uniform(0, 100, rows), 3),
        "risk_appetite": rng.integers(0, len(RISK), rows, dtype=np.int64),
        "credit_rating": rng.integers(0, len(RATING), rows, dtype=np.int64),
        "consent_marketing": rng.integers(0, 2, rows, dtype=np.int64),
    }
    return cols


def make_rules(count, seed=7):
    """Each rule as a list of comparisons (fact, op, value) joined by one connective; three forms."""
    import random

    rng = random.Random(seed)
    ops = ["<", "<=", ">", ">=", "=", "!="]
    rules = []
    for i in range(count):
        parts = []
        for _ in range(rng.randint(2, 4)):
            name, column, kind = rng.choice(FACTS)
            if kind == "money":
                value = rng.choice([50, 100, 200, 500, 1000, 3000, 5000, 20000]) * 1000 * 100  # fen
                op = rng.choice(["<", "<=", ">", ">="])
            elif kind == "count":
                value = {"age": rng.randint(25, 80), "children": rng.randint(0, 4), "years_with_bank": rng.randint(1, 30)}[column]
                op = rng.choice(ops)
            elif kind == "number":
                value = rng.randint(10, 90) + rng.choice([0, 0.5])
                op = rng.choice(["<", "<=", ">", ">="])
            elif kind == "risk":
                value = rng.randrange(len(RISK))
                op = rng.choice(ops)
            elif kind == "rating":
                value = rng.randrange(len(RATING))
                op = rng.choice(ops)
            else:
                value = rng.randint(0, 1)
                op = "="
            parts.append((name, column, kind, op, value))
        joiner = rng.choice(["and", "and", "or"])
        rules.append((f"peer {i}", joiner, parts))
    return rules


def clientele_text(rules):
    def literal(kind, value):
        if kind == "money":
            return f"{value // 100} CNY"
        if kind == "risk":
            return RISK[value]
        if kind == "rating":
            return RATING[value]
        if kind == "bool":
            return "true" if value else "false"
        return repr(value)

    out = []
    for name, joiner, parts in rules:
        condition = f" {joiner} ".join(f"{fact} {op} {literal(kind, value)}" for fact, _, kind, op, value in parts)
        out.append(f'rule "{name}"\n  when daily at 08:00\n  if {condition}\n  then flag("{name}")\nend\n')
    return "\n".join(out)


def sql_condition(joiner, parts):
    return "(" + f" {joiner.upper()} ".join(f"{column} {'<>' if op == '!=' else op} {value}" for _, column, _, op, value in parts) + ")"


def engine_condition(joiner, parts):
    return f" {joiner} ".join(f"{column} {'==' if op == '=' else op} {value}" for _, column, _, op, value in parts)


def timed(body, repetitions):
    body()
    samples = []
    result = None
    for _ in range(repetitions):
        start = time.perf_counter()
        result = body()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples), result


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--rules", type=int, default=200)
    parser.add_argument("--sample", type=int, default=5_000, help="rows rule-engine evaluates (all rules each)")
    parser.add_argument("--repetitions", type=int, default=7)
    parser.add_argument("--data", default=os.path.join(BENCH, "data", "rules"))
    args = parser.parse_args()
    ensure_venv()
    import duckdb
    import numpy as np
    import pandas as pd
    import rule_engine

    data = os.path.abspath(args.data)
    os.makedirs(data, exist_ok=True)
    cols = make_data(args.rows, np)
    rules = make_rules(args.rules)
    with open(os.path.join(data, "rules.rules"), "w") as f:
        f.write(clientele_text(rules))
    with open(os.path.join(data, "columns.txt"), "w") as f:
        for fact, column, kind in FACTS:
            array = cols[column]
            f.write(f"{fact} {'float64' if array.dtype == np.float64 else 'int64'}\n")
            array.astype("<f8" if array.dtype == np.float64 else "<i8").tofile(os.path.join(data, f"{fact}.bin"))

    bench = find_bench()
    subprocess.run([bench, "rules-peers", data, str(args.sample)], check=True)
    with open(os.path.join(data, "clientele.json")) as f:
        swift = json.load(f)
    assert swift["enumerations"]["risk_appetite"] == RISK, swift["enumerations"]
    assert swift["enumerations"]["credit_rating"] == RATING, swift["enumerations"]
    clientele = {r["name"]: r for r in swift["results"]}

    # DuckDB: one scan, a count and a row checksum per rule.
    frame = pd.DataFrame(cols)
    frame["h"] = (np.arange(args.rows, dtype=np.int64) * 2_654_435_761) % 2_147_483_648
    connection = duckdb.connect()
    connection.execute("CREATE TABLE t AS SELECT * FROM frame")
    conditions = [sql_condition(joiner, parts) for _, joiner, parts in rules]
    # Timed: the match count of every rule in one scan (count_if is DuckDB's fastest form here;
    # FILTER clauses took 50 times longer). Checked once, untimed: the counts and a checksum of
    # the matching rows.
    timed_query = "SELECT " + ", ".join(f"count_if({c})" for c in conditions) + " FROM t"
    duck_seconds, counts = timed(lambda: connection.execute(timed_query).fetchone(), args.repetitions)
    check_query = "SELECT " + ", ".join(f"count_if({c}), sum(CASE WHEN {c} THEN h ELSE 0 END)" for c in conditions) + " FROM t"
    row = connection.execute(check_query).fetchone()
    assert list(counts) == list(row[0::2])

    # rule-engine: every rule on each of the first --sample records.
    compiled = [(name, rule_engine.Rule(engine_condition(joiner, parts))) for name, joiner, parts in rules]
    records = frame.head(args.sample).drop(columns=["h"]).to_dict("records")
    start = time.perf_counter()
    engine_matches = {name: [i for i, record in enumerate(records) if rule.matches(record)] for name, rule in compiled}
    engine_seconds = time.perf_counter() - start
    engine_rate = args.sample * len(rules) / engine_seconds

    duck_agree = all(
        clientele[name]["count"] == row[2 * i] and clientele[name]["checksum"] == row[2 * i + 1]
        for i, (name, _, _) in enumerate(rules))
    engine_agree = all(clientele[name]["sample"] == engine_matches[name] for name, _, _ in rules)
    matches = sum(r["count"] for r in swift["results"])
    swift_seconds = swift["seconds"]
    swift_rate = args.rows * len(rules) / swift_seconds
    print(f"\n{len(rules)} rules over {args.rows:,} records ({matches:,} matches, "
          f"{matches / (args.rows * len(rules)) * 100:.1f}% of pairs), duckdb {duckdb.__version__}, "
          f"rule-engine {rule_engine.__version__}, {os.cpu_count()} cores")
    print(f"{'engine':<12} {'seconds':>10} {'evaluations/s':>15} {'vs Clientele':>13}  agrees with Clientele")
    print(f"{'Clientele':<12} {swift_seconds:>10.3f} {swift_rate:>15,.0f} {'1.0x':>13}  reference (batch path, median of 15)")
    print(f"{'DuckDB':<12} {duck_seconds:>10.3f} {args.rows * len(rules) / duck_seconds:>15,.0f} "
          f"{duck_seconds / swift_seconds:>12.1f}x  {'yes, every rule: count and row checksum' if duck_agree else 'NO'}")
    print(f"{'rule-engine':<12} {engine_seconds:>10.3f} {engine_rate:>15,.0f} {swift_rate / engine_rate:>12.0f}x  "
          f"{'yes, row by row on the first ' + format(args.sample, ',') + ' records' if engine_agree else 'NO'}")
    duck_ratio = duck_seconds / swift_seconds
    engine_ratio = swift_rate / engine_rate
    print(f"\nClientele vs DuckDB: {duck_ratio:.2f}x (target >= 1: {'met' if duck_ratio >= 1 else 'NOT met'}); "
          f"vs rule-engine: {engine_ratio:.0f}x evaluations per second (target >= 300: {'met' if engine_ratio >= 300 else 'NOT met'})")
    if not (duck_agree and engine_agree):
        sys.exit(1)


if __name__ == "__main__":
    main()
