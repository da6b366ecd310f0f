"""A run's summary in markdown, for the Prefect artifacts of each flow run: the exports it loaded, and the strongest
associations and settled claims of the warehouse it published (read from its marts)."""

from __future__ import annotations

from pathlib import Path

import duckdb


def load_markdown(loads: list[dict], inbox: dict | None) -> str:
    """Return a markdown load report: one row per export handled in the run, plus the inbox's state."""
    lines = [
        "# Load report",
        "",
        "| export | member | status | rows loaded | quarantined | note |",
        "|---|---|---|---:|---:|---|",
    ]
    for r in loads:
        lines.append(
            f"| {Path(r['source']).name} | {r.get('member') or ''} | {r['status']} | {r.get('rows_loaded', '')} "
            f"| {r.get('rows_quarantined', '')} | {r.get('error', '')} |"
        )
    if not loads:
        lines.append("| (none) | | nothing new | | | |")
    if inbox:
        for name, why in inbox.get("waiting", []):
            lines.append(f"\n- waiting: `{name}` ({why})")
        for name, why in inbox.get("failed", []):
            lines.append(f"\n- failed: `{name}`: {why} (moved to `failed/`)")
        for name in inbox.get("duplicates", []):
            lines.append(f"\n- duplicate: `{name}` was already processed")
    return "\n".join(lines)


def correlation_markdown(warehouse: Path, limit: int = 10) -> str:
    """Return the strongest associations of the `warehouse` file that survive correction, and the claims it
    settled, as markdown ("No warehouse yet." without the file)."""
    path = Path(warehouse)
    if not path.exists():
        return "No warehouse yet."
    with duckdb.connect(str(path), read_only=True) as con:
        rows = con.execute(
            "select member, pillar, proxy, window_days, lag_days, measure, method, n, round(estimate, 2), "
            "round(ci_low, 2), round(ci_high, 2), q_value, verdict from marts.pillar_correlations "
            "where verdict like '%association' order by q_value, abs(estimate) desc limit ?",
            [limit],
        ).fetchall()
        total = con.execute(
            "select count(*), count(*) filter (where verdict like '%association') from marts.pillar_correlations"
        ).fetchone()
        assert total is not None, "aggregates without group by return one row"
        claims = _claim_lines(con)
    lines = [
        "# Correlation summary",
        "",
        f"{total[1]} of {total[0]} tests survive the multiple-testing correction.",
        "",
    ]
    if rows:
        lines += [
            "| member | pillar | proxy | window | lag | measure | method | n | r [95% CI] | q |",
            "|---|---|---|---:|---:|---|---|---:|---|---:|",
        ]
        lines += [
            f"| {m} | {p} | {x} | {w} | {lag} | {me} | {mt} | {n} | {r} [{lo}, {hi}] | {q:.3g} |"
            for m, p, x, w, lag, me, mt, n, r, lo, hi, q, _ in rows
        ]
    return "\n".join(lines + claims)


def _claim_lines(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Return markdown lines for marts.claim_tests: verdict counts and the claims the data settled ([] without it)."""
    try:
        counts = con.execute(
            "select verdict, count(*) from marts.claim_tests where period is null group by all order by 1"
        ).fetchall()
        settled = con.execute(
            "select member, claim, pillar, measure, n, round(estimate, 2), round(ci_low, 2), round(ci_high, 2), "
            "verdict "
            "from marts.claim_tests where period is null and verdict in ('supported', 'contradicted') "
            "order by member, claim, pillar, measure"
        ).fetchall()
    except duckdb.CatalogException:
        return []
    lines = [
        "",
        "## The claims, tested on your data",
        "",
        ", ".join(f"{n} {verdict}" for verdict, n in counts) + " (inconclusive is not no effect).",
        "",
    ]
    if settled:
        lines += ["| member | claim | on | measure | n | estimate [CI] | verdict |", "|---|---|---|---|---:|---|---|"]
        lines += [
            f"| {m} | {c} | {p} | {me} | {n} | {e} [{lo}, {hi}] | {v} |" for m, c, p, me, n, e, lo, hi, v in settled
        ]
    return lines
