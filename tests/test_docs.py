"""The README is the user's manual: every command and option appears in it, and every shell
example in it runs as written.

Each ```sh block of the README is a session of its own: its lines run in order, in a fresh folder
that holds the files the examples name (`thread.json`, `twitter-archive.zip`, …), made from the
bundled fixtures (`INPUTS` below). A line that fails, or leaves out a file a later line reads,
fails the test with the README line. Not run, only parsed (every option and value checked as the
command would check them):
- lines marked `# needs the network` (a live fetch): the project has no recording of the real
  posts the README links to, and an invented URL would show readers an address that leads
  nowhere. The file such a `fetch` line would save is stood in for by a recorded one of the same
  kind (`NETWORK_STAND_INS`), so the offline line after it runs. A line that names a URL without
  the mark fails the test, so no example reaches the network unannounced;
- `serve` lines, which serve until interrupted;
- `make` lines, run as `make -n` (a dry run: `make test` would run this very suite).
"""

from __future__ import annotations

import io
import re
import shlex
import subprocess
import tarfile
import zipfile
from contextlib import chdir, redirect_stderr, redirect_stdout
from pathlib import Path

import pytest
import typer.main
from conftest import FIXTURES, REPO

from thread2article.cli import app, run

NETWORK = "# needs the network"
# The files the README's examples read, by the name they give them.
INPUTS = {
    "thread.json": "north-2022-03-08/input.json",
    "saved.jsonl": "north-2022-03-08-twarc/input.jsonl",
    "repo.car": "bluesky-export/input.car",
    "blog-post.md": "html-embed-hermes/input.md",
    "saved-status-page.html": "html-x-conversation/input.html",
    "nitter-page.html": "html-nitter/input.html",
    "page.html": "html-embed-mixed/input.md",  # a page is known by its content, not its name
    "saved-pages/legacy.html": "html-legacy-thread/input.html",
    "saved-pages/nitter.html": "html-nitter/input.html",
    "saved-pages/unroll/threadreader.html": "html-threadreader/input.html",
}
# What the `fetch` lines would have saved: responses saved as `fetch` saves them (the Mastodon
# ones are tagged by it) or as other tools save them (twarc's X API v2 JSON Lines, a Bluesky
# getPostThread answer), which `convert` reads alike.
NETWORK_STAND_INS = {
    "thread.jsonl": "north-2022-03-08-twarc/input.jsonl",
    "bluesky-thread.jsonl": "bluesky/lucarne-post-thread-without-embed.json",
    "toots.jsonl": "mastodon-cw-media/input.jsonl",
}
X_ARCHIVES = ("archive.zip", "twitter-archive.zip")  # the new-era archive, zipped as X does
MASTODON_ARCHIVE = "archive-20240701120000-0f1e2d3c4b5a69788796a5b4c3d2e1f0.tar.gz"


def readme_blocks() -> list[list[tuple[int, str]]]:
    """Every ```sh block of the README: its lines (with their line numbers), comments kept."""
    blocks: list[list[tuple[int, str]]] = []
    current: list[tuple[int, str]] | None = None
    lines = (REPO / "README.md").read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines, start=1):
        if current is None and line.strip() == "```sh":
            current = []
        elif current is not None and line.strip() == "```":
            blocks.append(current)
            current = None
        elif current is not None and line.strip() and not line.lstrip().startswith("#"):
            current.append((number, line))
    return blocks


def make_workspace(folder: Path) -> Path:
    folder.mkdir(parents=True)
    for name, fixture in {**INPUTS, **NETWORK_STAND_INS}.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes((FIXTURES / fixture).read_bytes())
    for name in X_ARCHIVES:
        root = FIXTURES / "archive" / "new-era"
        with zipfile.ZipFile(folder / name, "w") as archive:
            for path in sorted(root.rglob("*")):
                if path.is_file():
                    archive.write(path, path.relative_to(root).as_posix())
    with tarfile.open(folder / MASTODON_ARCHIVE, "w:gz") as tar:
        tar.add(FIXTURES / "mastodon-archive" / "input.archive", arcname=".")
    return folder


def parse_only(args: list[str]) -> None:
    """Parse a command line as the command would, without running it: an unknown command or
    option, or a bad value, raises the usage error the user would see."""
    command = typer.main.get_command(app).commands[args[0]]  # type: ignore[attr-defined]
    command.make_context(args[0], args[1:])


def run_block(block: list[tuple[int, str]], folder: Path) -> None:
    for number, line in block:
        where = f"README.md line {number}: {line.strip()}"
        args = shlex.split(line, comments=True)
        names_url = any(re.match(r"https?://", arg) for arg in args)
        assert names_url == (NETWORK in line), f"{where}: a live fetch is marked '{NETWORK}'"
        if args[0] == "make":
            dry_run = subprocess.run(["make", "-n", *args[1:]], cwd=REPO, capture_output=True)
            assert dry_run.returncode == 0, f"{where}: {dry_run.stderr.decode()}"
            continue
        assert args[0] == "thread2article", f"{where}: not a thread2article command"
        if NETWORK in line or args[1] == "serve":
            try:
                parse_only(args[1:])
            except Exception as error:  # noqa: BLE001 - the usage error, said with its line
                pytest.fail(f"{where}: {error}")
            continue
        code, output = run_in(folder, args[1:])
        assert code == 0, f"{where}: exit code {code}\n{output}"


def run_in(folder: Path, args: list[str]) -> tuple[int, str]:
    """The `thread2article` command as the shell runs it (its entry point, its exit codes), in
    this process: the exit code, and what it printed."""
    printed = io.StringIO()
    with chdir(folder), redirect_stdout(printed), redirect_stderr(printed):
        try:
            run(args)
        except SystemExit as exit:
            return exit.code if isinstance(exit.code, int) else 1, printed.getvalue()
    return 0, printed.getvalue()


def test_every_shell_example_in_the_readme_runs_as_written(tmp_path: Path) -> None:
    blocks = readme_blocks()
    assert len(blocks) >= 10
    for number, block in enumerate(blocks):
        run_block(block, make_workspace(tmp_path / f"block-{number}"))


@pytest.mark.parametrize(
    "line, problem",
    [
        ("thread2article convert thread.json --no-such-option", "exit code 64"),
        ("thread2article convert missing.json", "exit code 2"),
        ("thread2article convert thread.json -o thread.md\nthread2article convert thread.json -o thread.md", "exit code 4"),
        ("thread2article convert https://x.com/user/status/1", "marked"),
        ("thread2article fetch https://x.com/user/status/1 --vai api  # needs the network", "--vai"),
        ("thread2article serve --port 70000", "70000"),
    ],
)  # fmt: skip
def test_a_broken_example_fails_the_docs_test(tmp_path: Path, line: str, problem: str) -> None:
    block = list(enumerate(line.splitlines(), start=1))
    with pytest.raises((AssertionError, pytest.fail.Exception), match=problem):
        run_block(block, make_workspace(tmp_path / "folder"))


def _commands():
    group = typer.main.get_command(app)
    return group.commands  # type: ignore[attr-defined]


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
