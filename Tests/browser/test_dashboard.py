"""The dashboard in a real (headless) Chromium against a server with the demo data (issue 7)."""

import os
import random
import string
import time
from urllib.parse import parse_qs, urlparse

import pytest
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

WAIT_S = 20


def wait(driver, condition, message, timeout=WAIT_S):
    # The page re-renders lists as data arrives; an element replaced mid-check is checked again.
    return WebDriverWait(driver, timeout, poll_frequency=0.1, ignored_exceptions=[StaleElementReferenceException]) \
        .until(lambda d: condition(d), message)


def open_dashboard(driver, base_url, query=""):
    driver.get(base_url + "/" + query)
    wait(driver, lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-ready") in ("1", "error"),
         "the dashboard did not finish starting")
    assert driver.find_element(By.TAG_NAME, "body").get_attribute("data-ready") == "1", \
        driver.find_element(By.ID, "notice").text
    wait(driver, lambda d: d.find_element(By.ID, "map").get_attribute("data-at"), "the map was never coloured")


def url_state(driver):
    return {key: values[0] for key, values in parse_qs(urlparse(driver.current_url).query).items()}


def taliban_on_map(driver):
    cells = driver.find_elements(By.CSS_SELECTOR, '#map g.province[data-status="taliban"]')
    for cell in cells:
        assert cell.find_element(By.CSS_SELECTOR, "path.cell").get_attribute("fill") == "url(#fill-taliban)"
    return len(cells)


def move_slider_to(driver, date):
    slider = driver.find_element(By.ID, "date-range")
    days = driver.execute_script(
        "const r = arguments[0]; const first = Date.parse(r.dataset.first + 'T00:00:00Z');"
        "return Math.round((Date.parse(arguments[1] + 'T00:00:00Z') - first) / 86400000);", slider, date)
    assert 0 <= days <= int(slider.get_attribute("max")), f"{date} is outside the slider's range"
    driver.execute_script(
        "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input', {bubbles: true}));",
        slider, str(days))
    wait(driver, lambda d: d.find_element(By.ID, "map").get_attribute("data-at") == date, f"the map never showed {date}")


def test_map_shows_the_34_provinces(driver, base_url, api):
    open_dashboard(driver, base_url)
    provinces = api.get("/api/provinces")["data"]
    assert len(provinces) == 34
    groups = driver.find_elements(By.CSS_SELECTOR, "#map g.province")
    assert len(groups) == 34
    assert {g.get_attribute("data-id") for g in groups} == {p["id"] for p in provinces}
    # Each capital is labelled and carries its status as a letter, not only as a colour.
    labels = driver.find_elements(By.CSS_SELECTOR, "#map .capital .label")
    assert sorted(label.text for label in labels) == sorted(p["name"] for p in provinces)
    letters = {l.text for l in driver.find_elements(By.CSS_SELECTOR, "#map .capital .letter")}
    assert letters <= {"G", "C", "T", "?"} and letters
    legend_total = sum(int(li.get_attribute("data-count")) for li in driver.find_elements(By.CSS_SELECTOR, "#legend li"))
    assert legend_total == 34


def test_slider_days_match_the_api(driver, base_url, api):
    open_dashboard(driver, base_url)
    counts = {}
    for date in ("2021-08-10", "2021-08-16"):
        move_slider_to(driver, date)
        expected = sum(1 for p in api.get(f"/api/provinces?at={date}")["data"] if p["status"] == "taliban")
        shown = taliban_on_map(driver)
        assert shown == expected, f"{date}: {shown} provinces coloured Taliban, the API says {expected}"
        listed = driver.find_elements(By.CSS_SELECTOR, '#province-list [data-status="taliban"] li')
        assert len(listed) == expected, "the text list of provinces disagrees with the map"
        assert url_state(driver).get("date") == date
        assert driver.find_element(By.ID, "date-output").text == date
        counts[date] = shown
    assert counts["2021-08-16"] != counts["2021-08-10"], f"the map did not change between the two days: {counts}"


def test_keyboard_moves_the_slider(driver, base_url):
    open_dashboard(driver, base_url, "?date=2021-08-10")
    slider = driver.find_element(By.ID, "date-range")
    slider.send_keys(Keys.ARROW_RIGHT)
    wait(driver, lambda d: d.find_element(By.ID, "map").get_attribute("data-at") == "2021-08-11", "the arrow key did not move a day")
    assert url_state(driver)["date"] == "2021-08-11"


def test_clicking_balkh_opens_its_panel_with_its_capture(driver, base_url, api):
    open_dashboard(driver, base_url, "?date=2021-08-16")
    driver.find_element(By.CSS_SELECTOR, '#map .capital[data-id="balkh"] circle').click()
    panel = driver.find_element(By.ID, "province-panel")
    wait(driver, lambda d: panel.get_attribute("data-province") == "balkh" and panel.is_displayed(), "Balkh's panel did not open")
    assert panel.find_element(By.TAG_NAME, "h2").text == "Balkh"
    assert "Mazar" in panel.find_element(By.CSS_SELECTOR, ".facts").text
    captures = panel.find_elements(By.CSS_SELECTOR, '.panel-events li.event[data-type="capture"]')
    assert captures, "Balkh's panel lists no capture"
    expected = api.get("/api/provinces/balkh")
    capture_ids = {e["id"] for e in expected["events"] if e["type"] == "capture"}
    assert {int(li.get_attribute("data-event-id")) for li in captures} == capture_ids
    shown = [li.get_attribute("data-status") for li in panel.find_elements(By.CSS_SELECTOR, ".control-timeline li")]
    assert shown == [period["status"] for period in expected["timeline"]]
    # The capture took effect: Balkh is Taliban-held from then on, in the panel as in the API.
    assert shown[-1] == "taliban"
    assert "Taliban" in panel.find_element(By.CSS_SELECTOR, ".status-now").text
    assert url_state(driver).get("province") == "balkh"
    # Focus moved into the panel; Escape closes it, and the URL forgets the selection.
    assert driver.switch_to.active_element.get_attribute("id") == "panel-heading"
    driver.switch_to.active_element.send_keys(Keys.ESCAPE)
    wait(driver, lambda d: not panel.is_displayed(), "Escape did not close the panel")
    assert "province" not in url_state(driver)


def test_keyboard_opens_a_province(driver, base_url):
    open_dashboard(driver, base_url)
    group = driver.find_element(By.CSS_SELECTOR, '#map g.province[data-id="kandahar"]')
    driver.execute_script("arguments[0].focus()", group)
    group.send_keys(Keys.ENTER)
    panel = driver.find_element(By.ID, "province-panel")
    wait(driver, lambda d: panel.get_attribute("data-province") == "kandahar", "Enter on Kandahar did not open its panel")
    assert driver.switch_to.active_element.get_attribute("id") == "panel-heading"


def test_a_shared_url_restores_the_view(driver, base_url):
    open_dashboard(driver, base_url, "?date=2021-08-12&province=kandahar&type=capture")
    assert driver.find_element(By.ID, "date-output").text == "2021-08-12"
    wait(driver, lambda d: d.find_element(By.ID, "province-panel").get_attribute("data-province") == "kandahar", "panel not restored")
    assert driver.find_element(By.CSS_SELECTOR, '#filters select[name="type"]').get_attribute("value") == "capture"
    wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, "#feed li.event"), "the filtered feed is empty")
    assert {li.get_attribute("data-type") for li in driver.find_elements(By.CSS_SELECTOR, "#feed li.event")} == {"capture"}


def test_feed_is_newest_first_and_expands_to_evidence(driver, base_url):
    open_dashboard(driver, base_url)
    wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, "#feed li.event"), "the feed is empty")
    items = driver.find_elements(By.CSS_SELECTOR, "#feed li.event")
    dates = [li.get_attribute("data-date") for li in items if li.get_attribute("data-date")]
    assert dates == sorted(dates, reverse=True)
    first = items[0]
    assert first.find_elements(By.CSS_SELECTOR, ".badge")
    assert "source" in first.find_element(By.CSS_SELECTOR, ".source-count").text
    button = first.find_element(By.CSS_SELECTOR, "button.expand")
    button.click()
    assert button.get_attribute("aria-expanded") == "true"
    wait(driver, lambda d: first.find_elements(By.CSS_SELECTOR, ".report .evidence mark"), "no evidence sentence shown")
    assert first.find_element(By.CSS_SELECTOR, ".report .evidence mark").text.strip()
    assert first.find_elements(By.CSS_SELECTOR, ".report .report-links a")


def test_feed_filters_are_in_the_url(driver, base_url, api):
    open_dashboard(driver, base_url)
    select = driver.find_element(By.CSS_SELECTOR, '#filters select[name="type"]')
    select.send_keys("capture")
    wait(driver, lambda d: url_state(d).get("type") == "capture", "the type filter is not in the URL")
    expected = api.get("/api/events?type=capture&limit=50")["data"]
    wait(driver, lambda d: [int(li.get_attribute("data-event-id")) for li in d.find_elements(By.CSS_SELECTOR, "#feed li.event")]
         == [e["id"] for e in expected], "the feed does not show the API's capture events")


def test_search_for_surrender_lists_articles(driver, base_url):
    open_dashboard(driver, base_url)
    box = driver.find_element(By.ID, "q")
    box.send_keys("surrender", Keys.ENTER)
    wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, "#search-results li.article"), "no article found for 'surrender'")
    assert url_state(driver).get("q") == "surrender"
    marks = driver.find_elements(By.CSS_SELECTOR, "#search-results .snippet mark")
    assert marks and all("surrender" in m.text.lower() for m in marks)


def test_sources_table_has_track_records(driver, base_url, api):
    open_dashboard(driver, base_url)
    sources = api.get("/api/sources")["data"]
    assert sources
    rows = driver.find_elements(By.CSS_SELECTOR, "#sources-body tr")
    assert len(rows) == len(sources)
    wait(driver, lambda d: len(d.find_elements(By.CSS_SELECTOR, "#sources-body tr:first-child td")) == 9,
         "the track record did not load")


def _token(n=10):
    return "".join(random.choice(string.ascii_lowercase) for _ in range(n))


def test_an_ingested_event_appears_live_and_text_is_escaped(driver, base_url, api):
    open_dashboard(driver, base_url)
    wait(driver, lambda d: d.find_element(By.ID, "live").get_attribute("data-state") == "on", "the live stream did not connect")
    driver.execute_script("window.__sameDocument = true")
    marker = "zzlive" + _token()
    status, body = api.post("/api/articles", {
        "title": f"Badghis capital taken <img src=x onerror=\"document.body.dataset.owned=1\"> {marker}",
        "url": f"https://example.org/frontline-browser-test/{marker}",
        "published_at": "2021-08-09T09:00:00Z",
        "source": "Agence France-Presse",
        "text": (f"Taliban fighters captured Qala-e-Naw, the capital of Badghis province, on Sunday, "
                 f"a provincial council member told reporters. Reference {marker}."),
    })
    assert status == 201, body
    article_id = body["article"]["id"]

    def event_for_article(d):
        for li in d.find_elements(By.CSS_SELECTOR, "#just-in li.event"):
            event = api.get("/api/events/" + li.get_attribute("data-event-id"))
            if any(r.get("article_id") == article_id for r in event.get("reports", [])):
                return li
        return None

    item = wait(driver, event_for_article, "the ingested event did not appear in the feed without reload")
    assert item.is_displayed()
    assert driver.execute_script("return window.__sameDocument === true"), "the page was reloaded"
    event_id = item.get_attribute("data-event-id")
    # Also merged into the main list, in date order, unless it is older than every loaded event.
    event_date = api.get("/api/events/" + event_id)["date"] or ""
    dated = [li.get_attribute("data-date") for li in driver.find_elements(By.CSS_SELECTOR, "#feed li.event")]
    dated = [d for d in dated if d]
    if dated and event_date >= min(dated):
        assert driver.find_elements(By.CSS_SELECTOR, f'#feed li.event[data-event-id="{event_id}"]')
    # The article's title holds markup; it must show as text, never run.
    box = driver.find_element(By.ID, "q")
    box.clear()
    box.send_keys(marker, Keys.ENTER)
    wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, f'#search-results li.article[data-article-id="{article_id}"]'),
         "the ingested article is not found by search")
    result = driver.find_element(By.CSS_SELECTOR, f'#search-results li.article[data-article-id="{article_id}"]')
    assert "<img" in result.find_element(By.CSS_SELECTOR, ".article-title").text
    assert not result.find_elements(By.TAG_NAME, "img")
    assert driver.find_element(By.TAG_NAME, "body").get_attribute("data-owned") is None


def test_play_replays_to_the_last_day(driver, base_url):
    open_dashboard(driver, base_url)
    slider = driver.find_element(By.ID, "date-range")
    first, last = slider.get_attribute("data-first"), slider.get_attribute("data-last")
    days = int(slider.get_attribute("max")) + 1
    # Start three days before the end: play goes on from the slider's day.
    start = driver.execute_script(
        "const d = new Date(arguments[0] + 'T00:00:00Z'); d.setUTCDate(d.getUTCDate() - 3); return d.toISOString().slice(0, 10);", last)
    open_dashboard(driver, base_url, f"?date={start}")
    seen = set()
    driver.find_element(By.ID, "play").click()

    def finished(d):
        seen.add(d.find_element(By.ID, "map").get_attribute("data-at"))
        return d.find_element(By.ID, "play").text == "Play" and d.find_element(By.ID, "map").get_attribute("data-at") == last

    wait(driver, finished, "play did not reach the last day")
    assert len(seen) >= 2 and last in seen and days > 3 and first < start
    assert url_state(driver)["date"] == last


def test_timeline_chart_has_a_column_per_day(driver, base_url, api):
    open_dashboard(driver, base_url, "?date=2021-08-10")
    slider = driver.find_element(By.ID, "date-range")
    columns = driver.find_elements(By.CSS_SELECTOR, "#timeline g.day")
    assert len(columns) == int(slider.get_attribute("max")) + 1
    timeline = api.get(f"/api/timeline?from={slider.get_attribute('data-first')}&to={slider.get_attribute('data-last')}")
    expected = {day["date"]: day["held"]["taliban"] for day in timeline["data"]}
    cells = driver.find_elements(By.CSS_SELECTOR, "#timeline-table tbody tr")
    shown = {row.find_element(By.TAG_NAME, "th").get_attribute("textContent"):
             int(row.find_elements(By.TAG_NAME, "td")[2].get_attribute("textContent")) for row in cells}
    assert shown == expected


@pytest.mark.parametrize("width,height", [(1280, 800), (390, 844)])
def test_screenshots_and_layout(driver, base_url, artifacts, width, height):
    # The viewport itself gets the size (window size would include the browser's frame).
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600})
    try:
        open_dashboard(driver, base_url, "?date=2021-08-14&province=balkh")
        wait(driver, lambda d: d.find_element(By.ID, "province-panel").get_attribute("data-province") == "balkh", "panel not open")
        inner = driver.execute_script("return window.innerWidth")
        overflow = driver.execute_script("return document.documentElement.scrollWidth")
        assert overflow <= inner + 1, f"the page scrolls sideways at {width}px ({overflow} > {inner})"
        box = driver.find_element(By.ID, "map").rect
        # Two columns when wide (the map takes the larger one), one column on a phone.
        assert box["width"] >= inner * (0.5 if inner > 900 else 0.8)
        time.sleep(0.3)
        path = os.path.join(artifacts, f"dashboard-{width}x{height}.png")
        assert driver.save_screenshot(path)
        assert os.path.getsize(path) > 10_000
    finally:
        driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def test_snippets_keep_only_mark_tags(driver, base_url):
    open_dashboard(driver, base_url)
    result = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "import('/js/dom.js').then((m) => done(m.markedHTML(arguments[0]))).catch((e) => done('error: ' + e));",
        "<b>x</b> & <mark>y</mark> <mark onclick=\"go()\">z</mark> <script>1</script>")
    assert result == ("&lt;b&gt;x&lt;/b&gt; &amp; <mark>y</mark> &lt;mark onclick=&quot;go()&quot;&gt;z</mark> "
                      "&lt;script&gt;1&lt;/script&gt;")


def test_disputed_events_say_why(driver, base_url, api):
    expected = api.get("/api/events?disputed=true&limit=50")["data"]
    if not expected:
        pytest.skip("the demo data has no disputed event")
    open_dashboard(driver, base_url, "?status=disputed")
    wait(driver, lambda d: [int(li.get_attribute("data-event-id")) for li in d.find_elements(By.CSS_SELECTOR, "#feed li.event")]
         == [e["id"] for e in expected], "the feed does not show the API's disputed events")
    first = driver.find_element(By.CSS_SELECTOR, "#feed li.event")
    assert first.find_element(By.CSS_SELECTOR, ".badge").text.lower() == "disputed"
    first.find_element(By.CSS_SELECTOR, "button.expand").click()
    wait(driver, lambda d: first.find_elements(By.CSS_SELECTOR, ".dispute li"), "the dispute's sides are not shown")
