"""Every page type, in every language, in headless Chromium: axe-core (WCAG 2.2 A and AA),
JavaScript off, 320 px wide, and nothing loaded from another origin."""

import json
import re
import urllib.request

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = pytest.mark.browser

LANGUAGES = ("en", "sk", "ro")
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
GUIDE_BUDGET_BYTES = 50 * 1024


def page_type_paths(hub_url, language):
    """One URL of every page type, read from the sitemap so no path is hard-coded."""
    xml = urllib.request.urlopen(f"{hub_url}/sitemap.xml").read().decode()
    urls = [u for u in re.findall(r"<loc>(.*?)</loc>", xml) if f"/{language}/" in u]
    paths = [re.sub(r"^https?://[^/]+", "", u) for u in urls]
    home = f"/{language}/"
    apps = ("/services/", "/mishto/", "/resources/")
    sections = [p for p in paths if p.count("/") == 3 and p != home and "glossary" not in p and not any(a in p for a in apps)]
    guides = [p for p in paths if p.count("/") == 4 and not any(a in p for a in apps)]
    resources = [p for p in paths if p.startswith(f"/{language}/resources/") and p.count("/") == 4]
    services = [p for p in paths if p.startswith(f"/{language}/services/") and p.count("/") == 4]
    return {
        "home": home,
        "section": sections[0],
        "parents-guide": next(p for p in guides if "/parents/" in p),
        "guide": next(p for p in guides if "/lawyers/" in p),
        "conference-guide": next(p for p in guides if p.endswith("/child-protection-conference/")),
        "glossary": f"/{language}/glossary/",
        "information": f"/{language}/accessibility/",
        "search": f"/{language}/search/?q=plan",
        "search-empty": f"/{language}/search/?q=zzqxv",
        "not-found": f"/{language}/no-such-page/",
        "planner": f"/{language}/conference/timeline/",
        "planner-dates": f"/{language}/conference/timeline/?icpc=2026-11-23&review1=2027-02-10",
        "planner-error": f"/{language}/conference/timeline/?icpc=23-11-2026",
        "prepare": f"/{language}/conference/prepare/",
        "services": f"/{language}/services/",
        "services-filtered": f"/{language}/services/?help=advocacy&help=interpreting&free=on&la=hackney",
        "services-error": f"/{language}/services/?near=Atlantis",
        "services-near": f"/{language}/services/?near=DE1",
        "suggest": f"/{language}/services/suggest/",
        "pledges": f"/{language}/mishto/pledges/",
        "register": f"/{language}/mishto/",
        "authority": f"/{language}/mishto/demonstration-borough/",
        "badge-check": f"/{language}/mishto/verify/demonstration-borough/?sig=forged",
        "council-login": f"/{language}/mishto/login/",
        "report-change": next(p for p in services if p.count("/") == 4) + "report/",
        "service": next(p for p in services if p.count("/") == 4),
        "lawyers": next(p for p in sections if p.endswith("/lawyers/")),
        "resources": f"/{language}/resources/",
        "resources-filtered": f"/{language}/resources/?audience=lawyers&kind=legislation&free=on",
        "resources-error": f"/{language}/resources/?audience=robots",
        "resource": resources[0],
    }


def assert_no_axe_violations(page):
    """axe-core runs as JavaScript: call this only in a context with JavaScript on (it hangs otherwise).

    From the top of the page: axe's target-size rule measures what covers each control at the current
    scroll, and the Exit this page bar, always on screen, covers whatever has scrolled beneath it."""
    page.evaluate("window.scrollTo(0, 0)")
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    violations = results.response["violations"]
    assert violations == [], json.dumps(
        [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in violations], indent=1
    )


CASES = [(language, kind) for language in LANGUAGES for kind in (
    "home", "section", "parents-guide", "guide", "conference-guide", "glossary", "information", "search", "search-empty", "not-found",
    "planner", "planner-dates", "planner-error", "prepare", "services", "services-filtered", "services-error", "services-near", "service", "suggest", "report-change", "pledges",
    "register", "authority", "badge-check", "council-login", "lawyers", "resources", "resources-filtered", "resources-error",
    "resource",
)]


@pytest.fixture(scope="module")
def paths(hub_url):
    return {language: page_type_paths(hub_url, language) for language in LANGUAGES}


@pytest.mark.parametrize("language,kind", CASES)
def test_axe_reports_no_violations(browser, hub_url, paths, language, kind):
    context = browser.new_context(viewport={"width": 360, "height": 800})
    page = context.new_page()
    origins = set()
    page.on("request", lambda request: origins.add(re.match(r"^[a-z]+://[^/]+", request.url).group(0)))
    page.goto(hub_url + paths[language][kind])
    assert page.locator("html").get_attribute("lang") == language
    assert_no_axe_violations(page)
    assert origins == {hub_url}
    context.close()


@pytest.mark.parametrize("language,kind", CASES)
def test_main_content_without_javascript_and_no_sideways_scroll_at_320px(browser, hub_url, paths, language, kind):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.goto(hub_url + paths[language][kind])
    assert len(page.locator("main").inner_text().strip()) > 40
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{overflow}px of sideways scrolling"
    context.close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_200_percent_zoom_has_no_sideways_scroll(browser, hub_url, paths, language):
    # A 1280 px window zoomed to 200 % lays pages out in 640 CSS px; the CSS zoom property
    # reproduces that in headless Chromium.
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    for kind in ("home", "parents-guide", "glossary", "search"):
        page.goto(hub_url + paths[language][kind])
        page.evaluate("document.documentElement.style.zoom = '2'")
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{kind}: {overflow}px of sideways scrolling at 200 %"
    context.close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_guide_page_weight_within_budget(browser, hub_url, paths, language):
    context = browser.new_context()
    page = context.new_page()
    client = context.new_cdp_session(page)
    client.send("Network.enable")
    sizes = []
    client.on("Network.loadingFinished", lambda event: sizes.append(event["encodedDataLength"]))
    page.goto(hub_url + paths[language]["guide"], wait_until="networkidle")
    total = sum(sizes)
    assert 0 < total <= GUIDE_BUDGET_BYTES, f"{total} bytes"
    context.close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_language_switcher_reaches_the_same_page(browser, hub_url, paths, language):
    context = browser.new_context()
    page = context.new_page()
    page.goto(hub_url + paths["en"]["parents-guide"])
    names = {"en": "English", "sk": "Slovenčina", "ro": "Română"}
    page.get_by_role("navigation", name=re.compile(".")).first.get_by_role("link", name=names[language]).click()
    assert page.url.endswith(paths[language]["parents-guide"])
    assert page.locator("html").get_attribute("lang") == language
    context.close()


def test_exit_this_page_leaves_without_history(browser, hub_url, paths):
    context = browser.new_context()
    page = context.new_page()
    page.route("https://www.bbc.co.uk/**", lambda route: route.fulfill(status=200, body="<title>Weather</title>"))
    page.goto(hub_url + "/en/")
    page.goto(hub_url + paths["en"]["parents-guide"])
    page.get_by_role("link", name="Exit this page").click()
    page.wait_for_url("https://www.bbc.co.uk/**")
    page.go_back()
    assert paths["en"]["parents-guide"] not in page.url
    context.close()


def test_print_stylesheet_hides_navigation_and_prints_addresses(browser, hub_url, paths):
    context = browser.new_context()
    page = context.new_page()
    page.goto(hub_url + paths["en"]["guide"])
    page.emulate_media(media="print")
    assert page.locator(".site-header").is_hidden()
    assert page.locator(".print-only").is_visible()
    after = page.evaluate(
        "getComputedStyle(document.querySelector('main a[href^=\"http\"]'), '::after').content"
    )
    assert "attr(href)" in after or "http" in after
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000
    context.close()


def test_pressing_shift_three_times_exits(browser, hub_url, paths):
    context = browser.new_context()
    page = context.new_page()
    page.route("https://www.bbc.co.uk/**", lambda route: route.fulfill(status=200, body="<title>Weather</title>"))
    page.goto(hub_url + paths["sk"]["parents-guide"])
    assert page.get_by_text("Alebo stlačte 3-krát kláves Shift.").is_visible()
    for _ in range(3):
        page.keyboard.press("Shift")
    page.wait_for_url("https://www.bbc.co.uk/**")
    context.close()


def test_exit_hint_is_hidden_without_javascript(browser, hub_url, paths):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(hub_url + paths["en"]["parents-guide"])
    assert page.get_by_role("link", name="Exit this page").is_visible()
    assert page.get_by_text("Or press the Shift key 3 times.").is_hidden()
    context.close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_planner_works_without_javascript(browser, hub_url, paths, language):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 800})
    page = context.new_page()
    page.goto(hub_url + paths[language]["planner"])
    page.locator("#id_icpc").fill("2026-12-14")
    page.locator("form.planner-form button[type=submit]").click()
    page.wait_for_load_state()
    assert "icpc=2026-12-14" in page.url
    # England's national rules: the conference, the first core group and three reviews.
    assert page.locator("ol.timeline li").count() == 5
    # On a phone the dates are where the button was: the reader need not scroll to find them.
    box = page.locator("#timeline-heading").bounding_box()
    bar = page.locator(".exit-this-page").bounding_box()
    assert box is not None and bar["y"] + bar["height"] <= box["y"] < 800  # below the Exit this page bar, not under it
    page.locator("#id_la").select_option("hackney")
    page.locator("form.planner-form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("ol.timeline li").count() >= 10
    assert page.locator('time[datetime="2026-12-15"]').count() == 1  # Hackney's written record, within 1 day
    assert page.locator(".timeline__rule--local").count() >= 8
    context.close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_preparation_form_prints_from_the_server_without_javascript(browser, hub_url, paths, language):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 800})
    page = context.new_page()
    page.goto(hub_url + paths[language]["prepare"])
    page.locator("textarea").first.fill("Bunica ne ajută în fiecare zi.")
    page.locator("button[name=output][value=print]").click()
    page.wait_for_load_state()
    assert page.get_by_text("Bunica ne ajută în fiecare zi.").is_visible()
    assert page.get_by_text("What things work well for my children and keep them safe?").first.is_visible()
    printed_url, printed_html = page.url, page.content()
    context.close()
    # axe runs as JavaScript, which hangs in a context with JavaScript off: serve the very
    # page the server printed to a JavaScript-on context, with the hub's own CSS.
    context = browser.new_context(viewport={"width": 360, "height": 800})
    page = context.new_page()
    page.route(printed_url, lambda route: route.fulfill(status=200, content_type="text/html", body=printed_html))
    page.goto(printed_url)
    assert_no_axe_violations(page)
    context.close()


def test_answers_are_kept_only_when_asked_and_deleted_on_request(browser, hub_url, paths):
    context = browser.new_context()
    page = context.new_page()
    page.goto(hub_url + paths["en"]["prepare"])
    page.locator("textarea").first.fill("Not kept unless I ask")
    assert page.evaluate("localStorage.length + sessionStorage.length") == 0
    page.get_by_label("Keep my answers on this device until I delete them").check()
    page.locator("textarea").nth(1).fill("Kept now")
    page.reload()
    assert page.locator("textarea").nth(1).input_value() == "Kept now"
    page.get_by_role("button", name="Delete my answers").click()
    assert page.evaluate("localStorage.length + sessionStorage.length") == 0
    assert page.evaluate("indexedDB.databases().then(dbs => dbs.length)") == 0
    assert all(area.input_value() == "" for area in page.locator("textarea").all())
    page.reload()
    assert page.locator("textarea").nth(1).input_value() == ""
    context.close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_directory_search_works_without_javascript(browser, hub_url, paths, language):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 800})
    page = context.new_page()
    page.goto(hub_url + paths[language]["services"])
    assert page.locator("[data-near-me]").is_hidden()  # "use my location" needs JavaScript
    page.locator("input[name=help][value=legal-advice]").check()
    page.locator("form.directory-form button[type=submit]").click()
    page.wait_for_load_state()
    assert "help=legal-advice" in page.url
    assert page.locator("li.result").count() >= 1
    page.locator("li.result h3 a").first.click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text()
    assert page.locator('script[type="application/ld+json"]').count() == 1
    context.close()


def test_use_my_location_fills_the_search_with_javascript(browser, hub_url, paths):
    context = browser.new_context(geolocation={"latitude": 51.5456, "longitude": -0.0553}, permissions=["geolocation"])
    page = context.new_page()
    page.goto(hub_url + paths["en"]["services"])
    page.get_by_role("button", name="Use my location").click()
    page.wait_for_url("**lat=51.55**")
    assert "lon=-0.06" in page.url
    assert page.get_by_text("nearest to your location first").is_visible()
    context.close()


def _map_markers(page) -> int:
    """Services shown on the map: single markers plus the count inside each cluster."""
    return page.evaluate("""() => [...document.querySelectorAll('.leaflet-marker-icon')].reduce(
        (total, icon) => total + (icon.classList.contains('marker-cluster') ? Number(icon.querySelector('[aria-hidden]').textContent) : 1), 0)""")


def _open_map_over(page, url, located_items) -> list[str]:
    """Open the page, check Leaflet is not loaded before the reader asks, open the map and check
    it shows every located list item; returns every URL the page requested."""
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(url)
    located = page.locator(located_items).count()
    assert located >= 3
    assert not any("leaflet" in url for url in requested), "Leaflet must load only when the reader asks"
    page.locator("[data-map-toggle]").click()
    page.locator(".leaflet-container .leaflet-marker-icon").first.wait_for()
    page.wait_for_timeout(400)  # cluster animation
    assert page.locator("[data-map-toggle]").get_attribute("aria-expanded") == "true"
    assert _map_markers(page) == located
    assert_no_axe_violations(page)
    return requested


@pytest.mark.parametrize("language", LANGUAGES)
def test_map_mirrors_the_list_and_loads_only_when_asked(browser, hub_url, paths, language):
    context = browser.new_context(viewport={"width": 360, "height": 800})
    page = context.new_page()
    requested = _open_map_over(page, hub_url + paths[language]["services-near"], "ol.results li[data-lat]")
    assert page.locator(".marker-cluster").count() >= 1, "nearby services should cluster"
    # A marker's pop-up shows the same details, and the same link, as its list item.
    page.locator(".marker-cluster").first.click()
    page.wait_for_timeout(600)
    single = page.locator(".leaflet-marker-icon:not(.marker-cluster)").first
    single.click()
    link = page.locator(".leaflet-popup-content .result__title a")
    link.wait_for()
    assert page.locator(f'ol.results .result__title a[href="{link.get_attribute("href")}"]').count() == 1
    assert all(url.startswith(hub_url) for url in requested)
    page.locator("[data-map-toggle]").click()
    assert page.locator("[data-map-canvas]").is_hidden()
    context.close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_register_map_mirrors_the_list(browser, hub_url, paths, language):
    context = browser.new_context(viewport={"width": 360, "height": 800})
    page = context.new_page()
    requested = _open_map_over(page, hub_url + paths[language]["register"], "#register-list li[data-lat]")
    assert all(url.startswith(hub_url) for url in requested)
    context.close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_suggesting_a_service_works_without_javascript(browser, hub_url, paths, language):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 800})
    page = context.new_page()
    page.goto(hub_url + paths[language]["services"])
    page.locator(f'a[href="/{language}/services/suggest/"]').click()
    page.wait_for_load_state()
    page.locator("#id_name").fill("Browser test group")
    page.locator("form.suggest-form button[type=submit]").click()
    page.wait_for_load_state()
    summary = page.locator(".error-summary")
    assert summary.is_visible() and page.locator("html").get_attribute("lang") == language
    assert page.locator("#id_name").input_value() == "Browser test group"  # nothing typed is lost
    assert page.locator("#id_homepage").is_hidden() or page.locator("#id_homepage").bounding_box()["x"] < 0
    page.locator("#id_description").fill("Invented for the browser tests.")
    page.locator("#id_website").fill("https://example.org/")
    page.locator("form.suggest-form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.url.endswith(f"/{language}/services/suggest/sent/")
    assert len(page.locator("main h1").inner_text()) > 5
    context.close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_resources_library_filters_work_without_javascript(browser, hub_url, paths, language):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.goto(hub_url + paths[language]["resources"])
    everything = int(re.search(r"\d+", page.locator("#results-heading").inner_text()).group(0))
    assert everything >= 40 and page.locator("ol.results > li").count() == 20  # twenty a page
    page.locator("a[rel=next]").click()
    page.wait_for_load_state()
    assert page.locator("ol.results > li").count() == 20 and page.locator("ol.results").get_attribute("start") == "21"
    page.goto(hub_url + paths[language]["resources"] + "?kind=case-law")
    assert page.locator(".cost-label").count() > 0  # a subscription series of law reports, labelled
    page.locator("#id_audience").select_option("lawyers")
    page.locator("#id_free").check()
    page.locator("form.directory-form button[type=submit]").click()
    page.wait_for_load_state()
    assert "audience=lawyers" in page.url and "free=on" in page.url  # a shareable address
    free = int(re.search(r"\d+", page.locator("#results-heading").inner_text()).group(0))
    assert 0 < free < everything and page.locator(".cost-label").count() == 0
    assert page.locator("ol.results > li").count() == min(free, 20)
    page.locator("ol.results > li h3 a").first.click()
    page.wait_for_load_state()
    citation = page.locator(".citation").inner_text()
    assert "http" in citation and page.locator("html").get_attribute("lang") == language
    assert page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0
    context.close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_citation_copies_with_one_press(browser, hub_url, paths, language):
    context = browser.new_context(viewport={"width": 360, "height": 800})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=hub_url)
    page = context.new_page()
    page.goto(hub_url + paths[language]["resource"])
    page.locator("[data-copy] button").click()
    status = page.locator("[data-copy] [role=status]")
    status.wait_for()
    page.wait_for_function("document.querySelector('[data-copy] [role=status]').textContent.length > 0")
    assert page.evaluate("navigator.clipboard.readText()") == page.locator("#citation").inner_text().strip()
    assert_no_axe_violations(page)
    context.close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_lawyers_section_lists_resources_grouped_by_kind(browser, hub_url, paths, language):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.goto(hub_url + paths[language]["lawyers"])
    groups = page.locator("#resources-heading ~ h3")
    assert groups.count() >= 4  # legislation, case law, practice, training, research
    assert page.locator(".resources-intro li").count() == 4  # interpreters, capacity, legal aid, cultural competence
    assert page.locator("section[aria-labelledby=resources-heading] .cost-label").count() >= 1
    context.close()


def _sign_in_as_demo_lead(page, hub_url, language):
    from tests.browser.conftest import DEMO_PASSWORD

    page.goto(f"{hub_url}/{language}/mishto/login/")
    page.locator("#id_username").fill("demo-lead@example.org")
    page.locator("#id_password").fill(DEMO_PASSWORD)
    page.locator("form.suggest-form button[type=submit]").click()
    page.wait_for_url(f"**/{language}/mishto/council/")


@pytest.mark.parametrize("language", LANGUAGES)
def test_council_assessment_form_is_accessible_in_each_language(browser, hub_url, language):
    context = browser.new_context(viewport={"width": 360, "height": 800})
    page = context.new_page()
    _sign_in_as_demo_lead(page, hub_url, language)
    assert_no_axe_violations(page)
    page.goto(f"{hub_url}/{language}/mishto/council/assessment/")
    assert_no_axe_violations(page)
    page.goto(f"{hub_url}/{language}/mishto/council/assessment/pledge-1/")
    assert page.locator("html").get_attribute("lang") == language
    assert page.locator("input[type=file]").count() >= 1
    # Each action is a fieldset, whose long legend made the page wider than the phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert_no_axe_violations(page)
    context.close()


def test_register_filters_work_without_javascript(browser, hub_url):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.goto(f"{hub_url}/en/mishto/")
    page.locator("#id_region").select_option("London")
    page.locator("form.directory-form button[type=submit]").click()
    page.wait_for_load_state()
    assert "region=London" in page.url
    assert page.locator('a[href="/en/mishto/demonstration-borough/"]').count() == 1
    page.locator("#id_region").select_option("North East")
    page.locator("form.directory-form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator('a[href="/en/mishto/demonstration-borough/"]').count() == 0
    context.close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_directory_checkboxes_keep_their_size_when_a_label_wraps(browser, hub_url, language):
    # A long label ("Housing and welfare advice" in Romanian wraps at 320 px) squeezed its box.
    context = browser.new_context(java_script_enabled=False, viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.goto(f"{hub_url}/{language}/services/")
    sizes = page.eval_on_selector_all(
        ".field--checkbox input", "boxes => boxes.map(box => [box.offsetWidth, box.offsetHeight])"
    )
    assert len(sizes) >= 10 and set(map(tuple, sizes)) == {(28, 28)}, sizes
    context.close()
