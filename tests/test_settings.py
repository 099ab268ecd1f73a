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


def test_env_file_is_read_and_can_be_switched_off(tmp_path):
    env_file = tmp_path / "settings.env"
    env_file.write_text("DEBUG=true\nPRACTICE_NAME=From The File\n")
    script = (
        "from django.conf import settings; print('=', settings.DEBUG, settings.PRACTICE['name'])"
    )
    base = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "PRACTICE_NAME"}}

    def practice_settings(env_file_value):
        result = subprocess.run(
            [sys.executable, "manage.py", "shell", "-c", script],
            cwd=ROOT,
            env={**base, "SECRET_KEY": "x" * 50, "ENV_FILE": env_file_value},
            capture_output=True,
            text=True,
            timeout=60,
        )
        return next(line for line in result.stdout.splitlines() if line.startswith("= "))

    assert practice_settings(str(env_file)) == "= True From The File"
    assert practice_settings("") == "= False Smart Therapy"


def test_a_named_env_file_that_is_missing_stops_the_site_with_a_message(tmp_path):
    missing = tmp_path / "prodution.env"
    result = run_check(DEBUG="true", ENV_FILE=str(missing))
    assert result.returncode != 0
    assert result.stderr.strip() == f"ENV_FILE is {str(missing)!r}, but there is no such file."
