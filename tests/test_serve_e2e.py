"""The review page end to end, in a real headless Chromium driven by selenium.

These need Debian's `chromium` and `chromium-driver` (nothing is downloaded at run time: the
driver and the browser are given by path, so Selenium Manager never runs). Without them the
tests skip, saying why; `.ci/run` installs them and sets T2A_REQUIRE_BROWSER=1, which turns
that skip into a failure so CI cannot pass without running them.

The browser resolves no host but 127.0.0.1 (`--host-resolver-rules`), so the tests never touch
the network: a remote image in an article fails to load, and only such failures are allowed
in the console. Screenshots are kept in test-artifacts/serve/ (git-ignored).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
DEMO = REPO / "fixtures" / "north-2022-03-08" / "input.json"
HOSTILE = REPO / "fixtures" / "hostile-content" / "input.json"
ARCHIVE = REPO / "fixtures" / "archive" / "new-era"
ARTIFACTS = REPO / "test-artifacts" / "serve"
CHROMIUM = ("chromium", "chromium-browser", "google-chrome")
DRIVERS = ("chromedriver", "/usr/lib/chromium/chromedriver")


def _first(names: tuple[str, ...]) -> str | None:
    for name in names:
        found = shutil.which(name) or (
            name if os.path.isabs(name) and os.access(name, os.X_OK) else None
        )
        if found:
            return found
    return None


def _missing() -> str:
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (pip install -e '.[test]')"
    if _first(CHROMIUM) is None:
        return "no Chromium on this machine (Debian: apt-get install chromium chromium-driver)"
    if _first(DRIVERS) is None:
        return "no chromedriver on this machine (Debian: apt-get install chromium-driver)"
    return ""


MISSING = _missing()
if MISSING and os.environ.get("T2A_REQUIRE_BROWSER") == "1":
    raise RuntimeError(f"T2A_REQUIRE_BROWSER=1 but the end-to-end tests cannot run: {MISSING}")
pytestmark = pytest.mark.skipif(bool(MISSING), reason=f"end-to-end review page tests: {MISSING}")


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    yield from _serve()


def _serve() -> Iterator[str]:
    import uvicorn

    from thread2article.serve.app import create_app

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(create_app(), log_level="warning", access_log=False, lifespan="off")
    uvicorn_server = uvicorn.Server(config)
    thread = threading.Thread(target=uvicorn_server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not uvicorn_server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the review server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    uvicorn_server.should_exit = True
    thread.join(timeout=10)
    sock.close()


@pytest.fixture
def downloads(tmp_path: Path) -> Path:
    folder = tmp_path / "downloads"
    folder.mkdir()
    return folder


@pytest.fixture
def browser(tmp_path: Path, downloads: Path, server: str):
    yield from _browser(tmp_path, downloads)


def _browser(tmp_path: Path, downloads: Path):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = _first(CHROMIUM) or ""
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-dev-shm-usage",
        f"--user-data-dir={tmp_path / 'profile'}",
        "--window-size=1280,900",
        # Nothing leaves the machine: every host but the test server's fails to resolve.
        "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
    ):
        options.add_argument(argument)
    options.add_experimental_option(
        "prefs",
        {
            "download.default_directory": str(downloads),
            "download.prompt_for_download": False,
            "safebrowsing.enabled": False,
        },
    )
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    service = Service(executable_path=_first(DRIVERS))
    driver = webdriver.Chrome(options=options, service=service)
    driver.execute_cdp_cmd(
        "Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)}
    )
    driver.set_page_load_timeout(30)
    yield driver
    driver.quit()


def console_errors(driver, server: str) -> list[str]:
    """Severe console entries, except a remote resource that failed to load (the browser may
    reach no host but the test server)."""
    problems = []
    for entry in driver.get_log("browser"):
        if entry["level"] != "SEVERE":
            continue
        message = entry["message"]
        if entry.get("source") == "network" and not message.startswith(server):
            continue
        problems.append(message)
    return problems


def screenshot(driver, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    driver.save_screenshot(str(ARTIFACTS / f"{name}.png"))


def wait(condition, timeout: float = 15, what: str = "the page") -> object:
    deadline = time.monotonic() + timeout
    while True:
        try:
            result = condition()
        except Exception:  # noqa: BLE001 - a re-rendered element may vanish between looks
            result = None
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.1)


def open_file(driver, server: str, path: Path) -> None:
    from selenium.webdriver.common.by import By

    driver.get(server + "/")
    driver.find_element(By.ID, "file").send_keys(str(path))
    wait(lambda: "/s/" in driver.current_url, what="the upload to open")


def marks(driver) -> list:
    from selenium.webdriver.common.by import By

    return driver.find_elements(By.CSS_SELECTOR, "#article button.boundary")


def decision_of(driver, after: str) -> str:
    return driver.execute_script(
        "const b = document.querySelector(`#article button.boundary[data-after='${arguments[0]}']`);"
        "return b ? b.dataset.decision : null;",
        after,
    )


def downloaded(folder: Path, name: str) -> Path:
    path = folder / name
    wait(
        lambda: path.exists() and not list(folder.glob("*.crdownload")),
        what=f"the download of {name}",
    )
    return path


def test_review_the_demo_thread_and_reproduce_it_with_convert(browser, server, downloads):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    driver = browser
    open_file(driver, server, DEMO)
    wait(lambda: "/t/" in driver.current_url, what="the review page")
    root = driver.current_url.rsplit("/", 1)[-1]
    first, second = marks(driver)[:2]
    cycle = ["join", "join-word", "same-paragraph", "new-paragraph"]
    flips = {}
    for mark in (first, second):
        after, decision = mark.get_attribute("data-after"), mark.get_attribute("data-decision")
        flips[after] = cycle[(cycle.index(decision) + 1) % len(cycle)]
    for after, wanted in flips.items():
        mark = driver.find_element(
            By.CSS_SELECTOR, f"#article button.boundary[data-after='{after}']"
        )
        mark.click()
        wait(
            lambda a=after, w=wanted: decision_of(driver, a) == w, what=f"boundary {after} to flip"
        )
        # The focus stays on the boundary that was changed.
        assert driver.execute_script("return document.activeElement.dataset.after") == after

    # Hovering shows the decision, the rule and the signals.
    ActionChains(driver).move_to_element(marks(driver)[2]).perform()
    info = driver.find_element(By.ID, "boundary-info").text
    assert info.startswith("Boundary 3: ") and "rule: " in info and "signals: " in info
    tip = driver.find_element(By.ID, "boundary-tip")
    assert tip.is_displayed()
    assert tip.text == info.split(": ", 1)[1]
    # The keyboard walks the boundaries.
    driver.find_element(By.TAG_NAME, "h1").click()
    driver.execute_script("document.activeElement.blur()")
    ActionChains(driver).send_keys("j").perform()
    assert driver.execute_script("return document.activeElement.dataset.number") == "1"
    ActionChains(driver).send_keys("j").send_keys("j").send_keys("k").perform()
    assert driver.execute_script("return document.activeElement.dataset.number") == "2"

    title = driver.find_element(By.ID, "title")
    title.clear()
    title.send_keys("Reviewed: a Russian view of the war")
    wait(
        lambda: (
            driver.find_element(By.CSS_SELECTOR, "#article h1").text
            == "Reviewed: a Russian view of the war"
        ),
        what="the title to re-render",
    )
    screenshot(driver, "review-demo")

    driver.find_element(By.ID, "download-markdown").click()
    markdown = downloaded(downloads, f"thread-{root}.md").read_text(encoding="utf-8")
    driver.find_element(By.ID, "download-decisions").click()
    decisions = downloaded(downloads, f"thread-{root}.decisions.yaml")
    assert markdown.startswith("# Reviewed: a Russian view of the war\n")

    converted = subprocess.run(
        [
            sys.executable,
            "-m",
            "thread2article",
            "convert",
            str(DEMO),
            "--decisions",
            str(decisions),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert converted.returncode == 0, converted.stderr
    assert converted.stdout == markdown
    untouched = subprocess.run(
        [sys.executable, "-m", "thread2article", "convert", str(DEMO)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert untouched.stdout != markdown

    # Copy to the clipboard gives the same text.
    driver.execute_cdp_cmd(
        "Browser.grantPermissions",
        {"origin": server, "permissions": ["clipboardReadWrite", "clipboardSanitizedWrite"]},
    )
    driver.find_element(By.CSS_SELECTOR, "button.copy[data-export='markdown']").click()
    wait(lambda: driver.find_element(By.ID, "toast").text.startswith("Copied"), what="the copy")
    copied = driver.execute_async_script(
        "navigator.clipboard.readText().then(arguments[0], e => arguments[0]('error: ' + e));"
    )
    assert copied == markdown

    # At phone width the page fits the screen, article first.
    driver.set_window_size(390, 844)
    wait(lambda: driver.execute_script("return window.innerWidth") <= 400, what="the resize")
    width = driver.execute_script(
        "return [document.documentElement.scrollWidth, window.innerWidth]"
    )
    assert width[0] <= width[1], width
    screenshot(driver, "review-demo-phone")
    assert console_errors(driver, server) == []


def test_an_archive_upload_lists_its_threads_and_opens_one(browser, server, tmp_path):
    from selenium.webdriver.common.by import By

    archive = tmp_path / "twitter-archive.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zip_file:
        for path in sorted(ARCHIVE.rglob("*")):
            if path.is_file():
                zip_file.write(path, f"twitter-archive/{path.relative_to(ARCHIVE).as_posix()}")
    driver = browser
    open_file(driver, server, archive)
    if "/t/" not in driver.current_url:
        rows = driver.find_elements(By.CSS_SELECTOR, "ol.threads a")
        assert len(rows) >= 2
        screenshot(driver, "archive-threads")
        wanted = rows[-1].get_attribute("data-thread")
        words = rows[-1].find_element(By.CLASS_NAME, "first-words").text.split()
        driver.find_element(By.ID, "q").send_keys(max(words, key=len))
        wait(
            lambda: (
                [
                    r.get_attribute("data-thread")
                    for r in driver.find_elements(By.CSS_SELECTOR, "ol.threads a")
                ]
                == [wanted]
                or wanted
                in [
                    r.get_attribute("data-thread")
                    for r in driver.find_elements(By.CSS_SELECTOR, "ol.threads a")
                ]
                and len(driver.find_elements(By.CSS_SELECTOR, "ol.threads a")) < len(rows)
            ),
            what="the search to narrow the list",
        )
        driver.find_element(By.CSS_SELECTOR, f"ol.threads a[data-thread='{wanted}']").click()
        wait(lambda: "/t/" in driver.current_url, what="the review page")
    assert marks(driver)
    screenshot(driver, "archive-review")
    assert console_errors(driver, server) == []


def test_a_hostile_thread_shows_inert(browser, server):
    from selenium.common.exceptions import NoAlertPresentException
    from selenium.webdriver.common.by import By

    driver = browser
    open_file(driver, server, HOSTILE)
    wait(lambda: "/t/" in driver.current_url, what="the review page")
    time.sleep(0.5)  # time for anything that would run to run
    with pytest.raises(NoAlertPresentException):
        driver.switch_to.alert.text  # noqa: B018
    article = driver.find_element(By.ID, "article")
    assert "<script>alert('x')</script>" in article.text
    found = driver.execute_script(
        """
        const root = document.getElementById('article');
        const active = root.querySelectorAll('script, iframe, object, embed, form, base');
        const handlers = [...root.querySelectorAll('*')].filter(
          e => [...e.attributes].some(a => a.name.startsWith('on')));
        const links = [...root.querySelectorAll('[href], [src]')].filter(
          e => /^\\s*javascript:/i.test(e.getAttribute('href') || e.getAttribute('src') || ''));
        return [active.length, handlers.length, links.length];
        """
    )
    assert found == [0, 0, 0]
    # A marker the reassembler stripped (the 🧵) comes back with a click, and goes again.
    restore = driver.find_elements(By.CSS_SELECTOR, "#state button.marker[data-kept='false']")
    assert [button.get_attribute("data-marker") for button in restore] == ["🧵"]
    before = driver.find_element(By.ID, "article").text
    restore[0].click()
    wait(
        lambda: driver.find_element(By.ID, "article").text.count("🧵") > before.count("🧵"),
        what="the marker to come back",
    )
    again = driver.find_element(By.CSS_SELECTOR, "#state button.marker[data-kept='true']")
    again.click()
    wait(
        lambda: driver.find_element(By.ID, "article").text.count("🧵") == before.count("🧵"),
        what="the marker to go again",
    )
    # A click re-renders through innerHTML: still nothing runs.
    marks(driver)[0].click()
    time.sleep(0.5)
    with pytest.raises(NoAlertPresentException):
        driver.switch_to.alert.text  # noqa: B018
    screenshot(driver, "hostile")
    assert console_errors(driver, server) == []
