"""Journeys taken to their end, as a parent and a council would take them, at 360 px, in three languages."""

import re

import pytest
from icalendar import Calendar

from tests.browser.test_pages_in_browser import LANGUAGES, assert_no_axe_violations


def _ics(page, url):
    response = page.request.get(url)
    assert response.status == 200
    return Calendar.from_ical(response.body())


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_parent_from_the_letter_to_a_service_in_their_language(browser, hub_url, language):
    context = browser.new_context(viewport={"width": 360, "height": 800}, accept_downloads=True)
    page = context.new_page()
    page.goto(f"{hub_url}/{language}/")
    # The first screen has a way in for a conference letter.
    letter = page.locator(".hero a.button--secondary")
    assert letter.bounding_box()["y"] < 800
    letter.click()
    assert page.url.endswith(f"/{language}/parents/child-protection-conference/")
    assert page.locator("[data-exit-link]").is_visible()
    # "Start here" and the conference guide end with where to go next: the planner.
    steps = page.locator(".next-steps")
    assert steps.count() == 1
    # The full addresses printed after links are for paper only.
    assert page.locator(".print-url").count() >= 3 and not any(
        page.locator(".print-url").nth(i).is_visible() for i in range(page.locator(".print-url").count()))
    page.emulate_media(media="print")
    assert page.locator(".next-steps .print-url").first.is_visible()
    page.emulate_media(media="screen")
    steps.locator(f'a[href="/{language}/conference/timeline/"]').click()
    page.locator("#id_icpc").fill("2027-03-01")
    page.locator("form.planner-form button[type=submit]").click()
    page.wait_for_load_state()
    heading = page.locator("#timeline-heading")
    assert heading.is_visible() and 0 < heading.bounding_box()["y"] < 800
    assert page.locator("[data-exit-link]").is_visible()  # always on screen, even scrolled to the dates
    # The calendar file has its reminders.
    ics_url = page.locator('a[href*="timeline.ics"]').get_attribute("href")
    calendar = _ics(page, hub_url + ics_url)
    assert any(event.walk("VALARM") for event in calendar.walk("VEVENT"))
    assert_no_axe_violations(page)
    # Then the preparation form, printed as a PDF.
    page.goto(f"{hub_url}/{language}/conference/prepare/")
    page.locator("textarea").first.fill("Bunica ne ajută în fiecare zi.")
    with page.expect_download() as download:
        page.locator("button[name=output][value=pdf]").click()
    assert download.value.suggested_filename.endswith(".pdf")
    # And a service in their language: back to a guide's next steps, to the directory.
    page.goto(f"{hub_url}/{language}/parents/children-services-contacted-you/")
    page.locator(".next-steps a[href*='/services/']").click()
    page.wait_for_load_state()
    if language != "en":
        assert f"language={language}" in page.url
        results = page.locator("ol.results li")
        assert results.count() >= 1, "a family finds someone who speaks their language"
        results.first.locator("a").first.click()
        page.wait_for_load_state()
        assert re.search(rf"/{language}/services/[0-9a-f-]{{36}}/$", page.url)
    assert page.locator("[data-exit-link]").is_visible()
    context.close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_council_finds_the_scheme_and_asks_to_join(browser, hub_url, language):
    context = browser.new_context(viewport={"width": 360, "height": 800})
    page = context.new_page()
    page.goto(f"{hub_url}/{language}/councils/")
    page.locator(f'main a[href="/{language}/mishto/pledges/"]').first.click()
    assert page.url.endswith(f"/{language}/mishto/pledges/")
    page.goto(f"{hub_url}/{language}/search/?q=mishto")
    page.locator(f'main a[href="/{language}/mishto/"]').first.click()
    page.locator(f'a[href="/{language}/mishto/join/"]').first.click()
    page.locator("#id_authority").select_option("derby")
    page.locator("#id_name").fill("Ana Pop")
    page.locator("#id_role").fill("Service manager")
    page.locator("#id_email").fill("ana.pop@derby.example")
    assert_no_axe_violations(page)
    page.locator("form.suggest-form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.url.endswith(f"/{language}/mishto/join/sent/")
    assert page.locator("[data-exit-link]").count() == 0  # a council's page, not a family's
    context.close()
