"""Fixtures for the dashboard's browser tests: the server's URL, a headless Chromium, and a
console-error check after every test. Scripts/test-browser.sh starts the server and sets
FRONTLINE_URL; the tests can also run against any server already up with the demo data."""

import json
import os
import shutil
import urllib.request

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service

ARTIFACTS = os.environ.get(
    "FRONTLINE_ARTIFACTS",
    os.path.join(os.path.dirname(__file__), "..", "..", "artifacts"))


@pytest.fixture(scope="session")
def base_url():
    url = os.environ.get("FRONTLINE_URL")
    if not url:
        pytest.fail("FRONTLINE_URL is not set (run Scripts/test-browser.sh)")
    return url.rstrip("/")


class API:
    """Plain HTTP calls to the server, to compare what the page shows with what the API says."""

    def __init__(self, base_url):
        self.base_url = base_url
        self.token = os.environ.get("FRONTLINE_API_TOKEN")

    def get(self, path):
        with urllib.request.urlopen(self.base_url + path, timeout=20) as response:
            return json.loads(response.read())

    def post(self, path, body):
        headers = {"Content-Type": "application/json"}
        if self.token:
            headers["Authorization"] = "Bearer " + self.token
        request = urllib.request.Request(self.base_url + path, data=json.dumps(body).encode(), headers=headers, method="POST")
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read())


@pytest.fixture(scope="session")
def api(base_url):
    return API(base_url)


def _find(names):
    for name in names:
        path = shutil.which(name)
        if path:
            return path
    return None


@pytest.fixture(scope="session")
def driver():
    options = Options()
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     "--window-size=1280,800", "--lang=en-GB", "--no-first-run"):
        options.add_argument(argument)
    binary = os.environ.get("CHROMIUM_BIN") or _find(["chromium", "chromium-browser", "google-chrome"])
    if binary:
        options.binary_location = binary
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    chromedriver = os.environ.get("CHROMEDRIVER") or _find(["chromedriver"])
    service = Service(executable_path=chromedriver) if chromedriver else Service()
    browser = webdriver.Chrome(service=service, options=options)
    browser.set_window_size(1280, 800)
    yield browser
    browser.quit()


@pytest.fixture(autouse=True)
def no_console_errors(driver):
    """Every test ends with a clean browser console (the log is drained between tests)."""
    driver.get_log("browser")
    yield
    errors = [entry for entry in driver.get_log("browser") if entry.get("level") == "SEVERE"]
    assert not errors, "console errors:\n" + "\n".join(entry.get("message", "") for entry in errors)


@pytest.fixture(scope="session")
def artifacts():
    os.makedirs(ARTIFACTS, exist_ok=True)
    return ARTIFACTS
