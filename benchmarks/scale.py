"""Scale benchmark: does the pipeline's cost grow linearly with the number of documents?

For each N of ``--sizes`` it generates N synthetic documents of the genre (``synthetic.py``:
white papers, plans and work summaries with captioned tables and prose figures; a share
``--pdf-share`` of them as PDFs, the rest as text exports, each under its own stem), then
materializes every asset and asset check into a fresh folder exactly as the tests do
(``materialize_into`` of ``tests/conftest.py``), in a child process of its own so that the peak
RSS is that run's. It prints, per N: generation time, wall time of the run, documents per second,
time per document, peak RSS, warehouse size, the warehouse's row counts, the duration of every
Dagster step, and whether the cost grows linearly (the marginal time per document between
successive sizes, a least-squares fit ``t = a + b·N``, and the steps whose time per document
grows).

Run: .venv/bin/python benchmarks/scale.py [--sizes 10,100,1000] [--pdf-share 0.2]
     [--seed 7] [--keep DIR] [--pdf-budget 120] [--json FILE]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.synthetic import GenerationStats, generate  # noqa: E402

LINEAR_TOLERANCE = 1.3  # marginal cost per document may grow by this factor and still be linear


# ---------------------------------------------------------------------------------------------
# Worker: one pipeline run, in its own process


def _materialize_into():
    """``materialize_into`` from tests/conftest.py: the run the tests make, not a copy of it."""
    spec = importlib.util.spec_from_file_location("_scale_conftest", ROOT / "tests" / "conftest.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.materialize_into


def _warehouse_counts(target: Path) -> dict[str, int | None]:
    import duckdb

    queries = {
        "cells": "select count(*) from table_cells",
        "observations": "select count(*) from observations",
        "loaded": "select count(*) from document_status where status = 'loaded'",
        "failed": "select count(*) from document_status where status = 'failed'",
    }
    counts: dict[str, int | None] = {}
    with duckdb.connect(str(target), read_only=True) as con:
        for name, sql in queries.items():
            try:
                counts[name] = con.execute(sql).fetchone()[0]
            except duckdb.Error:
                counts[name] = None
    return counts


def worker(sources: Path, root: Path, out: Path) -> None:
    """Materialize everything from ``sources`` into ``root``; write the figures to ``out``."""
    started = time.perf_counter()
    materialize_into = _materialize_into()
    imported = time.perf_counter()
    report: dict[str, object] = {"import_s": imported - started}
    try:
        target, result, extraction = materialize_into(root, sources)
    except BaseException as exc:  # the run failed: report it instead of figures
        report.update(ok=False, error=f"{type(exc).__name__}: {exc}"[:2000])
        out.write_text(json.dumps(report, ensure_ascii=False), encoding="utf-8")
        raise
    report["run_s"] = time.perf_counter() - imported
    report["ok"] = True
    report["steps"] = {
        event.step_key: event.event_specific_data.duration_ms / 1000
        for run in (extraction, result)
        if run is not None
        for event in run.get_step_success_events()
        if event.step_key and getattr(event.event_specific_data, "duration_ms", None) is not None
    }
    report["counts"] = _warehouse_counts(target)
    report["warehouse"] = str(target)
    report["self_maxrss_kb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    out.write_text(json.dumps(report, ensure_ascii=False), encoding="utf-8")


# ---------------------------------------------------------------------------------------------
# Driver


def _tree_bytes(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) if path.exists() else 0


def run_once(sources: Path, root: Path) -> dict:
    """One pipeline run in a child process; its own peak RSS via wait4 (children included)."""
    root.mkdir(parents=True, exist_ok=True)
    out = root / "figures.json"
    log = root / "run.log"
    command = [sys.executable, str(Path(__file__).resolve()), "--worker", str(sources), str(root)]
    command.append(str(out))
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
    }
    started = time.perf_counter()
    with log.open("wb") as handle:
        process = subprocess.Popen(
            command, stdout=handle, stderr=subprocess.STDOUT, cwd=ROOT, env=env
        )
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - started
    figures = json.loads(out.read_text(encoding="utf-8")) if out.exists() else {"ok": False}
    figures["process_s"] = wall
    figures["returncode"] = process.returncode
    figures["peak_rss_mb"] = usage.ru_maxrss / 1024  # the run's process tree (Linux: KiB)
    figures["cpu_s"] = usage.ru_utime + usage.ru_stime
    figures["log"] = str(log)
    if figures.get("ok"):
        target = Path(figures["warehouse"])
        figures["warehouse_mb"] = _tree_bytes(target) / 2**20
        figures["export_mb"] = _tree_bytes(root / "export") / 2**20
        figures["cache_mb"] = _tree_bytes(root / "cache") / 2**20
    return figures


def _fit(points: list[tuple[int, float]]) -> tuple[float, float]:
    """Least-squares ``t = a + b·N``."""
    n = len(points)
    mx = sum(x for x, _ in points) / n
    my = sum(y for _, y in points) / n
    sxx = sum((x - mx) ** 2 for x, _ in points)
    b = sum((x - mx) * (y - my) for x, y in points) / sxx if sxx else 0.0
    return my - b * mx, b


def report(results: list[tuple[int, GenerationStats, dict]]) -> dict:
    ok = [(n, g, f) for n, g, f in results if f.get("ok")]
    print("\n== generation")
    print(f"{'N':>6} {'text':>6} {'pdf':>5} {'pages':>6} {'tables':>7} {'MB':>7} {'gen s':>7}")
    for n, g, _ in results:
        skipped = f"  ({g.pdf_skipped} PDFs written as text: budget)" if g.pdf_skipped else ""
        print(
            f"{n:>6} {g.text_documents:>6} {g.pdf_documents:>5} {g.pdf_pages:>6} {g.tables:>7} "
            f"{g.bytes / 2**20:>7.2f} {g.seconds:>7.1f}{skipped}"
        )

    print("\n== pipeline run (materialize all assets + checks, one child process per N)")
    print(
        f"{'N':>6} {'run s':>8} {'proc s':>8} {'cpu s':>8} {'docs/s':>7} {'ms/doc':>8} "
        f"{'RSS MB':>7} {'wh MB':>7} {'exp MB':>7} {'cells':>9} {'obs':>8} "
        f"{'loaded':>6} {'failed':>6}"
    )
    for n, _, f in results:
        if not f.get("ok"):
            print(
                f"{n:>6} FAILED (exit {f.get('returncode')}): {f.get('error', '')} — see {f['log']}"
            )
            continue
        c = f.get("counts", {})
        print(
            f"{n:>6} {f['run_s']:>8.1f} {f['process_s']:>8.1f} {f['cpu_s']:>8.1f} "
            f"{n / f['run_s']:>7.2f} {1000 * f['run_s'] / n:>8.1f} {f['peak_rss_mb']:>7.0f} "
            f"{f['warehouse_mb']:>7.2f} {f['export_mb']:>7.2f} {c.get('cells') or 0:>9} "
            f"{c.get('observations') or 0:>8} {c.get('loaded') or 0:>6} {c.get('failed') or 0:>6}"
        )
    print("run s: materialize only; proc s: the child process, with Python and Dagster imports")

    verdict: dict[str, object] = {}
    if len(ok) >= 2:
        print("\n== linearity (per document; marginal = Δ / ΔN against the previous N)")
        print(
            f"{'N':>6} {'ms/doc':>8} {'cpu ms/doc':>11} {'marginal ms/doc':>16} "
            f"{'marginal cpu':>13} {'RSS MB/doc':>11}"
        )
        for k, (n, _, f) in enumerate(ok):
            marginal = marginal_cpu = ""
            if k:
                pn, _, pf = ok[k - 1]
                marginal = f"{1000 * (f['run_s'] - pf['run_s']) / (n - pn):.1f}"
                marginal_cpu = f"{1000 * (f['cpu_s'] - pf['cpu_s']) / (n - pn):.1f}"
            print(
                f"{n:>6} {1000 * f['run_s'] / n:>8.1f} {1000 * f['cpu_s'] / n:>11.1f} "
                f"{marginal:>16} {marginal_cpu:>13} {f['peak_rss_mb'] / n:>11.2f}"
            )
        a, b = _fit([(n, f["run_s"]) for n, _, f in ok])
        print(f"fit: run s ≈ {a:.1f} + {1000 * b:.1f} ms × N")
        # Judged on the two largest sizes, where the fixed cost (Dagster, GX, DuckDB set-up:
        # about the whole of the smallest run) is amortized; CPU time as well as wall time,
        # since wall time also counts other load on the machine.
        (n1, _, f1), (n2, _, f2) = ok[-2], ok[-1]
        wall_growth = (f2["run_s"] / n2) / (f1["run_s"] / n1)
        cpu_growth = (f2["cpu_s"] / n2) / (f1["cpu_s"] / n1)
        linear = max(wall_growth, cpu_growth) <= LINEAR_TOLERANCE
        print(
            f"time per document N={n1} → N={n2}: wall ×{wall_growth:.2f}, CPU ×{cpu_growth:.2f} → "
            + ("LINEAR" if linear else "SUPERLINEAR")
            + f" (tolerance ×{LINEAR_TOLERANCE})"
        )
        verdict = {
            "per_doc_wall_growth": wall_growth,
            "per_doc_cpu_growth": cpu_growth,
            "linear": linear,
            "fit_intercept_s": a,
            "fit_ms_per_doc": 1000 * b,
        }

    if ok:
        steps = sorted({s for _, _, f in ok for s in f.get("steps", {})})
        big_n, _, big = ok[-1]
        order = sorted(steps, key=lambda s: -big["steps"].get(s, 0.0))
        print("\n== Dagster step durations (s, wall); share of the largest run")
        head = " ".join(f"{'N=' + str(n):>9}" for n, _, _ in ok)
        print(f"{'step':<34} {head} {'share':>6} {'s/doc×':>7} {'marg×':>6}")
        suspects = []
        for step in order:
            d = [(n, f["steps"].get(step, 0.0)) for n, _, f in ok]
            row = " ".join(f"{t:>9.2f}" for _, t in d)
            share = d[-1][1] / big["run_s"]
            per_doc = marginal = ""
            if len(d) >= 2 and d[-2][1] > 0:
                per_doc = f"{(d[-1][1] / d[-1][0]) / (d[-2][1] / d[-2][0]):.2f}"
            if len(d) >= 3:
                m1 = (d[-2][1] - d[-3][1]) / (d[-2][0] - d[-3][0])
                m2 = (d[-1][1] - d[-2][1]) / (d[-1][0] - d[-2][0])
                if m1 > 0:
                    marginal = f"{m2 / m1:.2f}"
                    if m2 / m1 > LINEAR_TOLERANCE and share >= 0.05:
                        suspects.append(step)
            print(f"{step:<34} {row} {100 * share:>5.0f}% {per_doc:>7} {marginal:>6}")
        print(
            f"s/doc×: (s/doc at N={big_n}) / (s/doc at the previous N); marg×: marginal s/doc of "
            "the last interval / of the one before (noisy for small N and on a loaded machine)"
        )
        if suspects:
            print(f"steps (≥5% of the run) whose marginal cost per document grows: {suspects}")
        verdict["superlinear_suspects"] = suspects
    return verdict


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10,100,1000", help="comma-separated N (10,100,1000)")
    parser.add_argument("--pdf-share", type=float, default=0.2, help="share of PDF documents")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--keep", type=Path, help="keep sources, warehouse and logs under DIR")
    parser.add_argument(
        "--pdf-budget",
        type=float,
        default=120.0,
        help="seconds of PDF rendering per N; later PDF documents are written as text exports",
    )
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    parser.add_argument("--report", type=Path, help="reprint the report of a --json file; no run")
    parser.add_argument(
        "--worker", nargs=3, metavar=("SOURCES", "ROOT", "OUT"), help=argparse.SUPPRESS
    )
    args = parser.parse_args(argv)
    if args.worker:
        worker(*(Path(p) for p in args.worker))
        return 0

    if args.report:
        saved = json.loads(args.report.read_text(encoding="utf-8"))
        report([(r["n"], GenerationStats(**r.pop("generation")), r) for r in saved["runs"]])
        return 0

    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    results: list[tuple[int, GenerationStats, dict]] = []
    for n in sizes:
        if args.keep:
            base = args.keep / f"n{n}"
            if base.exists():
                shutil.rmtree(base)
            base.mkdir(parents=True)
        else:
            base = Path(tempfile.mkdtemp(prefix=f"scale_n{n}_"))
        try:
            stats = generate(base / "sources", n, args.pdf_share, args.seed, args.pdf_budget)
            print(
                f"N={n}: generated {stats.text_documents} text + {stats.pdf_documents} PDF "
                f"({stats.pdf_pages} pages) in {stats.seconds:.1f} s"
                + (
                    f"; {stats.pdf_skipped} PDFs over budget, written as text"
                    if stats.pdf_skipped
                    else ""
                ),
                flush=True,
            )
            figures = run_once(base / "sources", base / "run")
            if not figures.get("ok"):
                tail = Path(figures["log"]).read_text(encoding="utf-8", errors="replace")
                print("\n".join(tail.splitlines()[-30:]))
            state = f"{figures['run_s']:.1f} s" if figures.get("ok") else "FAILED"
            print(f"N={n}: pipeline {state}, peak RSS {figures['peak_rss_mb']:.0f} MB", flush=True)
            results.append((n, stats, figures))
        finally:
            if not args.keep:
                shutil.rmtree(base, ignore_errors=True)
    verdict = report(results)
    if args.json:
        payload = {
            "sizes": sizes,
            "pdf_share": args.pdf_share,
            "seed": args.seed,
            "runs": [{"n": n, "generation": asdict(g), **f} for n, g, f in results],
            "verdict": verdict,
        }
        args.json.write_text(json.dumps(payload, ensure_ascii=False, indent=2), encoding="utf-8")
    return 0 if all(f.get("ok") for _, _, f in results) else 1


if __name__ == "__main__":
    sys.exit(main())
