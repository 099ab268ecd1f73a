"""The uncached article page's CPU time per request against the committed bench results."""

import contextlib
import json
import subprocess
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
CPU_GROWTH_WARNING = 0.10  # the uncached article's CPU per request, against the committed run


def compare_cpu(cpu_ms, postgres):
    """The uncached article page's CPU time per request against the committed results (git's
    HEAD, else the file on disk): reported, with a warning past +10%, never a failure."""
    name = "results-postgres.json" if postgres else "results.json"
    committed = None
    try:
        committed = subprocess.run(
            ["git", "show", f"HEAD:bench/{name}"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
            timeout=30,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        with contextlib.suppress(OSError):
            committed = (BENCH / name).read_text()
    baseline = None
    with contextlib.suppress(TypeError, ValueError, KeyError, StopIteration):
        pages = json.loads(committed)["pages"]
        baseline = next(p for p in pages if (p["name"], p["cache"]) == ("article", "off"))["cpu_ms"]
    if cpu_ms is None or not baseline:
        return {"change": None, "message": f"uncached article CPU: no figure to compare in {name}"}
    change = round(cpu_ms / baseline - 1, 3)
    message = (
        f"uncached article CPU {cpu_ms:.2f} ms/request, committed bench/{name} {baseline:.2f} "
        f"({change:+.0%})"
    )
    if change > CPU_GROWTH_WARNING:
        message = (
            f"WARNING: {message}: more than +{CPU_GROWTH_WARNING:.0%}. Run `make bench` again on an "
            "idle machine; if it stays, find what made the page dearer (not a failure)"
        )
    return {"change": change, "message": message}
