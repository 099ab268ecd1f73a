"""The suite never waits on the wall clock and never holds a fixed port.

Time that must pass is moved with the `clock` fixture (tests/conftest.py); a server a test, the
bench or a CI script starts listens on a port the OS gives (tests/security/servers.free_port),
so two runs at once (SQLite and PostgreSQL in CI, several engineers on one machine) never
collide. Checked by reading the source, so a new sleep or port fails here, not as a flaky run.
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LONGEST_SLEEP = 0.5  # seconds: shorter polls while waiting for a server to start are fine


def _number(node):
    if isinstance(node, ast.Constant) and isinstance(node.value, int | float | str):
        try:
            return float(node.value)
        except ValueError:
            return None
    return None


def _called(node):
    func = node.func
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def _calls_range(node):
    return any(isinstance(n, ast.Call) and _called(n) == "range" for n in ast.walk(node))


def problems(source, sleeps=True):
    """(line, what) for each fixed port in `source`, and each long sleep if `sleeps`."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and node.args:
            seconds = _number(node.args[0])
            if _called(node) == "wait_for_timeout" and seconds is not None:
                seconds /= 1000
            elif _called(node) != "sleep":
                seconds = None
            if sleeps and seconds is not None and seconds >= LONGEST_SLEEP:
                found.append((node.lineno, f"waits {seconds:g} s"))
            if _called(node) == "bind" and isinstance(node.args[0], ast.Tuple):
                port = _number(node.args[0].elts[-1])
                if port:
                    found.append((node.lineno, f"binds fixed port {port:g}"))
        if isinstance(node, ast.Dict):
            for key, value in zip(node.keys, node.values, strict=True):
                if isinstance(key, ast.Constant) and key.value == "PORT" and _number(value):
                    found.append((node.lineno, f"starts a server on fixed port {value.value}"))
        if isinstance(node, ast.Assign):
            names = [t.id for t in node.targets if isinstance(t, ast.Name)]
            names += [
                e.id
                for t in node.targets
                if isinstance(t, ast.Tuple)
                for e in t.elts
                if isinstance(e, ast.Name)
            ]
            values = node.value.elts if isinstance(node.value, ast.Tuple) else [node.value]
            fixed = [v for v in values if _number(v) or _calls_range(v)]
            if any(name.endswith(("PORT", "PORTS")) for name in names) and fixed:
                found.append((node.lineno, f"fixes {', '.join(names)}"))
    return found


def found_in(pattern, sleeps=True):
    return [
        f"{path.relative_to(ROOT)}:{line}: {what}"
        for path in ROOT.glob(pattern)
        for line, what in problems(path.read_text(), sleeps)
    ]


def test_no_test_sleeps_long_or_holds_a_fixed_port():
    assert found_in("tests/**/*.py") == []


def test_the_bench_and_ci_scripts_hold_no_fixed_port():
    # Their own short waits (slow clients connecting, a retry's pause) are not tests.
    assert found_in("bench/*.py", sleeps=False) + found_in(".ci/*.py", sleeps=False) == []


def test_the_check_finds_sleeps_and_fixed_ports():
    source = (
        "import time\n"
        "time.sleep(1.6)\n"
        "time.sleep(0.2)\n"
        "page.wait_for_timeout(800)\n"
        "PORTS = (8778, 8779)\n"
        "BENCH_PORTS = iter(range(8771, 8791))\n"
        "LOAD_PORT, NGINX_PORT = 8750, free_port()\n"
        "env = {'PORT': '8730'}\n"
        "probe.bind(('127.0.0.1', 8765))\n"
        "probe.bind(('127.0.0.1', 0))\n"
        "port = free_port()\n"
    )
    assert sorted(line for line, _ in problems(source)) == [2, 4, 5, 6, 7, 8, 9]
