"""The README is the user's manual: every command and every option must appear in it."""

from __future__ import annotations

import re

import typer.main
from conftest import REPO

from thread2article.cli import app


def _commands():
    group = typer.main.get_command(app)
    return group.commands


def test_every_command_and_option_is_in_the_readme() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    missing = []
    for name, command in _commands().items():
        if f"thread2article {name}" not in readme:
            missing.append(f"command {name}")
        for parameter in command.params:
            for flag in getattr(parameter, "opts", []):
                if (
                    flag.startswith("--")
                    and flag != "--help"
                    and not re.search(re.escape(flag) + r"(?![\w-])", readme)
                ):
                    missing.append(f"{name} {flag}")
    assert not missing, f"missing from README.md: {missing}"


def test_readme_shows_the_two_commands_first() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    first_block = readme.split("```sh", 1)[1].split("```", 1)[0]
    assert "make demo" in first_block and "make test" in first_block
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in ci
