"""The pre-commit hooks run what `make lint` runs, so a commit meets CI's lint before it is pushed."""

import re
import shlex
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def make_lint_commands():
    """The commands of the Makefile's `lint` recipe, variables expanded, without the path at the
    end (the hooks are given the changed files instead)."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8").replace("\\\n", " ")
    variables = dict(re.findall(r"^(\w+) :?= (.*)$", makefile, re.M))
    recipe = re.search(r"^lint:.*\n((?:\t.*\n)+)", makefile, re.M).group(1)
    commands = []
    for line in recipe.splitlines():
        for _ in range(3):  # nested variables: $(BIN) is $(VENV)/bin
            line = re.sub(r"\$\((\w+)\)", lambda m: variables[m.group(1)], line)
        words = shlex.split(line)
        if words[-1] in {".", "templates"}:
            words = words[:-1]
        commands.append(words)
    return commands


def hook_entries():
    """Each hook's `entry`, as words (a folded `>-` entry joined into one line)."""
    config = (ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8")
    entries = re.findall(r"^ +entry: (?:>-\n((?: {10}.*\n)+)|(.*)\n)", config, re.M)
    return [shlex.split(" ".join((folded or inline).split())) for folded, inline in entries]


def test_each_lint_command_has_a_hook_and_each_hook_is_a_lint_command():
    commands = make_lint_commands()
    hooks = [words[1:] if words[0] == "env" else words for words in hook_entries()]
    assert len(commands) == 5

    def runs(hook, command):
        # A hook may add options at the end (ruff's --force-exclude: excluded files stay
        # excluded when pre-commit names them), never change or leave one out.
        return hook[: len(command)] == command

    assert [c for c in commands if not any(runs(h, c) for h in hooks)] == []
    assert [h for h in hooks if not any(runs(h, c) for c in commands)] == []
