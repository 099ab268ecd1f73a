import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_check(**env):
    environment = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG"}}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_site_refuses_to_start_without_a_secret_key_in_production():
    result = run_check(DEBUG="false")
    assert result.returncode != 0
    assert result.stderr.strip() == (
        "SECRET_KEY is not set: set the SECRET_KEY environment variable (or DEBUG=true)."
    )


def test_debug_is_off_unless_asked_for():
    result = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "shell",
            "-c",
            "from django.conf import settings; print(settings.DEBUG)",
        ],
        cwd=ROOT,
        env={**{k: v for k, v in os.environ.items() if k != "DEBUG"}, "SECRET_KEY": "x" * 50},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.strip().splitlines()[-1] == "False"
