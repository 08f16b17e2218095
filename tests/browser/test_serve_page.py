#!/usr/bin/python3
"""The wfsim serve page in headless Chromium (issue 17, item 6).

Starts `wfsim serve` with --port 0 on Cambridgeshire 2015, loads the page,
sets a 7% pay uplift for social workers from April 2016, waits for the paired
answer to finish, runs axe-core on the live page (WCAG 2.0, 2.1 and 2.2 A and
AA, tests/browser/run-axe.js: any violation fails), fetches the two "download
report" links, saves the variant, and checks the probability the page shows
for the first target against `wfsim compare` of the saved file; then starts
from the alternative it was also given (marketing.yaml) and checks the page
against `wfsim compare` of the base and that file. The browser
console must hold no errors; a screenshot is saved beside the test output.

usage: test_serve_page.py WFSIM_BINARY SOURCE_DIR OUTPUT_DIR
(tools/install-deps --test installs chromium, chromium-driver, python3-selenium)
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

REPS = 100


def fail(message):
    print("test_serve_page: FAILED: " + message, file=sys.stderr)
    sys.exit(1)


def check_against_compare(wfsim, base, variant, shown, out):
    """The probability shown for the first target against `wfsim compare BASE VARIANT`."""
    r = subprocess.run([wfsim, "compare", base, variant, "--reps", str(REPS), "--out", out, "-q"],
                       capture_output=True, text=True)
    if r.returncode != 0:
        fail("wfsim compare failed: " + r.stderr)
    with open(os.path.join(out, "summary.json")) as f:
        summary = json.load(f)
    expected = summary["targets_by_scenario"][1]["targets"][0]["probability"]
    if shown != expected:
        fail("the page shows %r for the first target; wfsim compare of %s gives %r" % (shown, variant, expected))


def check_accessibility(driver, source):
    """axe-core on the page as it stands, with the report test's own script."""
    axe = os.path.join(source, "tests/browser/node_modules/axe-core/axe.min.js")
    if not os.path.exists(axe):
        fail("axe-core is not installed under tests/browser/node_modules: run tools/install-deps --test")
    for script in (axe, os.path.join(source, "tests/browser/run-axe.js")):
        with open(script) as f:
            driver.execute_script(f.read())
    WebDriverWait(driver, 60).until(
        lambda d: "END" in d.find_element(By.ID, "axe-findings").get_attribute("textContent"))
    found = driver.find_element(By.ID, "axe-findings").get_attribute("textContent")
    driver.execute_script("document.getElementById('axe-findings').remove()")
    lines = found.strip().split("\n")
    if not lines[0].startswith("checked "):
        fail("axe-core did not run: " + found)
    if len(lines) > 2:  # the "checked" line and END
        fail("axe-core finds WCAG 2.2 AA violations on the page:\n" + "\n".join(lines[1:-1]))
    print("test_serve_page: axe-core: " + lines[0])


def check_downloads(driver, run):
    """The page's "download report" links: the report and the workbook of run `run`."""
    box = driver.find_element(By.ID, "downloads")
    if not box.is_displayed():
        fail("the download links are not shown once the run is done")
    for link_id, suffix, start in (("report-html", ".html", b"<!DOCTYPE html>"), ("report-xlsx", ".xlsx", b"PK")):
        href = driver.find_element(By.ID, link_id).get_attribute("href")
        if "/api/run/%s/report%s" % (run, suffix) not in href:
            fail("%s links to %s, not run %s's report" % (link_id, href, run))
        # Straight to the server, never through a proxy of the environment.
        with urllib.request.build_opener(urllib.request.ProxyHandler({})).open(href, timeout=60) as r:
            body = r.read()
            disposition = r.headers.get("Content-Disposition", "")
        if not body.startswith(start) or "attachment" not in disposition or not disposition.endswith(suffix + '"'):
            fail("%s gave %r... with Content-Disposition %r" % (href, body[:20], disposition))


def main():
    wfsim, source, out_dir = sys.argv[1], sys.argv[2], sys.argv[3]
    os.makedirs(out_dir, exist_ok=True)
    base = os.path.join(source, "scenarios/cambridgeshire/cambridgeshire-2015.yaml")
    alternative = os.path.join(source, "scenarios/cambridgeshire/marketing.yaml")
    save_dir = tempfile.mkdtemp(prefix="wfsim-serve-browser-")
    server = subprocess.Popen([wfsim, "serve", base, alternative, "--port", "0", "--reps", str(REPS), "--save-dir", save_dir],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    driver = None
    try:
        line = server.stdout.readline()
        if "http://" not in line:
            fail("wfsim serve printed no address: " + line + server.stderr.read())
        address = line[line.index("http://"):].split()[0]
        print("test_serve_page: " + address)

        options = webdriver.ChromeOptions()
        options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
        for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1400,2000"):
            options.add_argument(arg)
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
        driver = webdriver.Chrome(service=Service(shutil.which("chromedriver") or "/usr/bin/chromedriver"), options=options)
        driver.get(address)
        wait = WebDriverWait(driver, 60)
        # The first answer: the scenario against itself.
        wait.until(lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-state") == "done")
        first_run = driver.find_element(By.TAG_NAME, "body").get_attribute("data-run")

        # Both fields of the uplift at once, then one change event: typed one
        # after the other, a loaded machine can let the page run the first
        # alone (a date without an uplift), which the server rightly refuses
        # with a 400 that the console would then hold.
        driver.execute_script(
            "const set = (p, v) => { document.querySelector('input[data-path=\"' + p + '\"]').value = v; };"
            "set('interventions.0.at', '2016-04-01'); set('interventions.0.pay_uplift.sw', '7%');"
            "document.querySelector('input[data-path=\"interventions.0.pay_uplift.sw\"]')"
            ".dispatchEvent(new Event('change'));")
        # The charts update: a newer run, finished.
        wait.until(lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-run") != first_run
                   and d.find_element(By.TAG_NAME, "body").get_attribute("data-state") == "done")
        charts = driver.find_elements(By.CSS_SELECTOR, "#charts svg")
        if len(charts) != 4:
            fail("expected 4 charts, found %d" % len(charts))
        if driver.find_elements(By.CSS_SELECTOR, ".field-error"):
            fail("a field shows an error: " + driver.find_element(By.CSS_SELECTOR, ".field-error").text)
        check_accessibility(driver, source)
        check_downloads(driver, driver.find_element(By.TAG_NAME, "body").get_attribute("data-run"))

        name = driver.find_element(By.ID, "save-name")
        name.clear()
        name.send_keys("uplift-7")
        driver.find_element(By.ID, "save").click()
        wait.until(lambda d: d.find_element(By.ID, "save-result").get_attribute("data-file"))
        saved = driver.find_element(By.ID, "save-result").get_attribute("data-file")
        shown = float(driver.find_element(By.CSS_SELECTOR, "#targets tbody tr td.probability").get_attribute("data-probability"))

        check_against_compare(wfsim, base, saved, shown, os.path.join(save_dir, "compare"))

        # Starting from the alternative: the page compares it with the base.
        run = driver.find_element(By.TAG_NAME, "body").get_attribute("data-run")
        Select(driver.find_element(By.ID, "from")).select_by_index(1)
        wait.until(lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-run") != run
                   and d.find_element(By.TAG_NAME, "body").get_attribute("data-state") == "done")
        shown_alt = float(driver.find_element(By.CSS_SELECTOR, "#targets tbody tr td.probability").get_attribute("data-probability"))
        check_against_compare(wfsim, base, alternative, shown_alt, os.path.join(save_dir, "compare-alternative"))

        errors = [e for e in driver.get_log("browser") if e.get("level") == "SEVERE"]
        if errors:
            fail("the browser console has errors: " + json.dumps(errors))
        driver.execute_script("window.scrollTo(0, 0)")
        shot = os.path.join(out_dir, "serve-page.png")
        driver.save_screenshot(shot)
        print("test_serve_page: the page's probabilities %r (uplift) and %r (alternative) equal wfsim compare's; "
              "screenshot %s" % (shown, shown_alt, shot))
    except Exception:
        if driver is not None:
            driver.save_screenshot(os.path.join(out_dir, "serve-page-failed.png"))
            print("test_serve_page: status: " + driver.find_element(By.ID, "status").text, file=sys.stderr)
            print("test_serve_page: errors: " + driver.find_element(By.ID, "errors").text, file=sys.stderr)
            print("test_serve_page: console: " + json.dumps(driver.get_log("browser")), file=sys.stderr)
        raise
    finally:
        if driver is not None:
            driver.quit()
        server.terminate()
        try:
            code = server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            fail("wfsim serve did not stop on SIGTERM")
        shutil.rmtree(save_dir, ignore_errors=True)
    if code != 143:
        fail("wfsim serve exited %d on SIGTERM, not 143" % code)


if __name__ == "__main__":
    main()
