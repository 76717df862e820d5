"""`coopbrowse serve` in a real headless Chromium: the page runs the app, keys typed in the
page reach it, and the screen it sends back shows the search's results.

xterm.js draws the terminal on a canvas, so the test reads what the app sends to the page:
the WebSocket frames, from Chromium's DevTools log. Needs Chromium and ChromeDriver (Debian's
``chromium`` and ``chromium-driver``, which ``.ci/run`` installs) and Selenium (the ``test``
extra); where they cannot be had the test is skipped and says why. A screenshot of the page
after the search is kept in ``$COOPBROWSE_TEST_ARTIFACTS`` (default: the test's tmp dir).
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
pytestmark = pytest.mark.skipif(
    not (CHROMIUM and DRIVER),
    reason="Chromium or ChromeDriver is not installed here (apt-get install chromium "
    "chromium-driver; .ci/run tries to): the browser test of coopbrowse serve is skipped",
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _frames(driver: Any) -> str:
    """The text of the WebSocket frames the page received since the last call."""
    out = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] != "Network.webSocketFrameReceived":
            continue
        response = message["params"]["response"]
        data = response["payloadData"]
        if response.get("opcode") == 2:  # binary
            data = base64.b64decode(data).decode("utf-8", "replace")
        out.append(data)
    return "".join(out)


def _until(driver: Any, *words: str, timeout: float = 40.0) -> str:
    """Collect frames until every one of ``words`` has arrived (or fail saying which not)."""
    seen = ""
    deadline = time.monotonic() + timeout
    while not all(w in seen for w in words):
        if time.monotonic() > deadline:
            missing = [w for w in words if w not in seen]
            raise AssertionError(f"the page never showed {missing}")
        time.sleep(0.5)
        seen += _frames(driver)
    return seen


def test_the_app_runs_in_a_browser_and_searches(tmp_path: Path) -> None:
    webdriver = pytest.importorskip("selenium.webdriver", reason="Selenium is not installed")
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.action_chains import ActionChains

    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "coopbrowse.tui.cli", "--db", str(tmp_path / "db.json"),
         "serve", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    driver = None
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2).read()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
        options = Options()
        options.binary_location = str(CHROMIUM)
        for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--window-size=1400,900"):  # fmt: skip
            options.add_argument(arg)
        options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
        driver = webdriver.Chrome(service=Service(str(DRIVER)), options=options)
        driver.get(f"http://127.0.0.1:{port}/")
        _until(driver, "1 Meetings", "Mordovia")  # the app's first screen reached the page
        body = driver.find_element("tag name", "body")
        ActionChains(driver).move_to_element(body).click().perform()
        ActionChains(driver).send_keys("/elevator").perform()
        after = _until(driver, "4 meetings and 4 proposals match", "Samara", "Penza")
        assert "elevator" in after
        shots = Path(os.environ.get("COOPBROWSE_TEST_ARTIFACTS") or tmp_path)
        shots.mkdir(parents=True, exist_ok=True)
        assert driver.save_screenshot(str(shots / "serve-elevator.png"))
    finally:
        if driver is not None:
            driver.quit()
        server.terminate()
        server.wait(timeout=10)
