"""Journeys taken to their end, as a parent and a council would take them, at 360 px, in three languages."""

import email
import re
from email import policy

import pytest
from icalendar import Calendar

from tests.browser.browser_second_factor import STAFF_PASSWORD, current_code
from tests.browser.test_pages_in_browser import LANGUAGES, assert_no_axe_violations

# Councils no other browser test touches, one per language; none has signed in fact.
CHAIN_COUNCILS = {"en": "Leicester", "sk": "Sheffield", "ro": "Coventry"}
EVIDENCE = {"name": "safeguarding-policy.pdf", "mimeType": "application/pdf",
            "buffer": b"%PDF-1.4\n% Browser test evidence, not a council's document.\n%%EOF\n"}


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
    # Asking a Roma organisation for help is on the first screen too.
    assert page.locator(f".hero a[href='/{language}/get-help/']").bounding_box()["y"] < 800
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


def _mailed_link(mail_dir, to: str, path: str) -> str:
    """The link in the last e-mail to `to` (Django's file backend: messages one after another, each
    followed by a line of 79 dashes)."""
    for mail_file in sorted(mail_dir.glob("*.log"), key=lambda f: f.stat().st_mtime, reverse=True):
        for raw in reversed(mail_file.read_bytes().split(b"\n" + b"-" * 79 + b"\n")):
            if not raw.strip():
                continue
            message = email.message_from_bytes(raw.lstrip(), policy=policy.default)
            if message["To"] == to:
                found = re.search(rf"https?://\S+{re.escape(path)}\S*", message.get_body().get_content())
                assert found, "the e-mail holds its link"
                return found.group(0)
    raise AssertionError(f"no e-mail to {to}")


def _staff_signed_in(browser, hub_url, username):
    """A member of staff signed in to the admin with password and authenticator code. A code works
    once per account, so each account signs in once per module and its tests share the session."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{hub_url}/admin/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(STAFF_PASSWORD)
    page.locator("form button[type=submit]").first.click()
    page.wait_for_url("**/two-factor/verify/**")
    page.locator("#code").fill(current_code())
    page.locator("form:has(#code) button[type=submit]").click()
    page.wait_for_load_state()
    assert "/two-factor/" not in page.url
    return context, page


@pytest.fixture(scope="module")
def reviewer(browser, hub_url):
    context, page = _staff_signed_in(browser, hub_url, "reviewer")
    yield page
    context.close()


@pytest.fixture(scope="module")
def publisher(browser, hub_url):
    context, page = _staff_signed_in(browser, hub_url, "publisher")
    yield page
    context.close()


@pytest.fixture(scope="module")
def translator(browser, hub_url):
    context, page = _staff_signed_in(browser, hub_url, "translator")
    yield page
    context.close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_council_from_invitation_to_a_badge_anyone_can_check(browser, hub_url, hub_mail, reviewer, language):
    council = CHAIN_COUNCILS[language]
    slug = council.lower()
    lead = f"lead@{slug}.example"
    # A reviewer invites the council's lead, in the lead's language.
    reviewer.goto(f"{hub_url}/admin/mishto/invite/")
    reviewer.locator("#id_authority").select_option(label=council)
    reviewer.locator("#id_email").fill(lead)
    reviewer.locator("#id_is_lead").check()
    reviewer.locator("#id_language").select_option(language)
    reviewer.locator("main form button[type=submit]").click()
    reviewer.wait_for_url("**/admin/mishto/reviews/")

    # The lead opens the e-mailed link on a phone and chooses a password.
    context = browser.new_context(viewport={"width": 360, "height": 800})
    page = context.new_page()
    page.goto(_mailed_link(hub_mail, lead, f"/{language}/mishto/invitation/"))
    assert page.locator("html").get_attribute("lang") == language
    assert_no_axe_violations(page)
    page.locator("#id_password").fill("three words we remember 2027")
    page.locator("#id_password_again").fill("three words we remember 2027")
    page.locator("form.suggest-form button[type=submit]").click()
    page.wait_for_url(f"**/{language}/mishto/council/")

    # Signs for the council.
    assert_no_axe_violations(page)
    sign = page.locator("form.suggest-form:has(input[name=action][value=sign])")
    sign.locator("#id_signatory_name").fill("A. Director")
    sign.locator("#id_signatory_role").fill("Director of Children's Services")
    sign.locator("#id_statement").fill("We will work with Roma advocates in every child protection case.")
    sign.locator("#id_confirm").check()
    sign.locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert_no_axe_violations(page)

    # Assesses itself against every pledge, one page after another, with evidence on the first.
    page.goto(f"{hub_url}/{language}/mishto/council/assessment/")
    assert_no_axe_violations(page)
    page.goto(f"{hub_url}/{language}/mishto/council/assessment/pledge-1/")
    pledges = 0
    while True:
        pledges += 1
        form = page.locator("form.suggest-form")
        for radio in form.locator("input[type=radio][value=in_place]").all():
            radio.check()
        for narrative in form.locator("textarea[name^=narrative-]").all():
            narrative.fill("In place since April: every family is offered a Roma advocate.")
        if pledges == 1:
            form.locator("input[type=file]").first.set_input_files(EVIDENCE)
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
        form.locator("button[type=submit]").click()
        page.wait_for_load_state()
        assert page.locator(".error-summary, [aria-invalid=true]").count() == 0
        following = page.locator(f'a[href^="/{language}/mishto/council/assessment/pledge-{pledges + 1}/"]')
        if not following.count():
            break
        following.first.click()
        page.wait_for_load_state()
    assert pledges == 6
    page.goto(f"{hub_url}/{language}/mishto/council/assessment/")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert_no_axe_violations(page)

    # The reviewer accepts each pledge, then awards the Quality Mark.
    reviewer.goto(f"{hub_url}/admin/mishto/reviews/")
    reviewer.locator("main a", has_text=council).first.click()
    reviewer.wait_for_load_state()
    assert reviewer.locator("a[href$='.pdf'], a[href*='/mishto/evidence/']").count() >= 1
    for pledge in range(pledges):  # each decision reloads the page, with every pledge's form on it
        reviewer.locator("button[name=decision][value=accepted]").nth(pledge).click()
        reviewer.wait_for_load_state()
    reviewer.locator("button[name=action][value=award]").click()
    reviewer.wait_for_load_state()

    # The public page shows the badge, and its embed code links to a check that says it is valid today.
    page.goto(f"{hub_url}/{language}/mishto/{slug}/")
    assert page.locator("img[src*='/api/mishto/badges/']").is_visible()
    assert_no_axe_violations(page)
    verify_url = re.search(r'href="([^"]+)"', page.locator("#embed-code").inner_text()).group(1)
    page.goto(verify_url)
    assert page.url.startswith(f"{hub_url}/{language}/mishto/verify/{slug}/")
    assert page.locator(".callout--info").count() == 1 and page.locator(".callout--important").count() == 0
    assert_no_axe_violations(page)
    # An altered link proves nothing.
    page.goto(verify_url.replace("?", "?x=1&", 1)[:-1] + ("0" if verify_url[-1] != "0" else "1"))
    assert page.locator(".callout--info").count() == 0
    context.close()


# A different guide for each language, so that each run starts from a page nobody has changed.
TRANSLATED_GUIDES = {
    "sk": {
        "title": "Children's services have contacted you: what to do first",
        "path": "/parents/children-services-contacted-you/",
        "english": "Children's services have contacted you. This guide says what happens next, step by step.",
        "translation": "Kontaktovali vás sociálne služby pre deti. Tento návod hovorí, čo bude nasledovať, krok za krokom.",
    },
    "ro": {
        "title": "What happens at a child protection conference",
        "path": "/parents/child-protection-conference/",
        "english": "A conference is a meeting about your child's safety. This guide says who comes and what you can say.",
        "translation": "Conferința este o întâlnire despre siguranța copilului. Acest ghid vă spune cine vine și ce puteți spune.",
    },
}
LANGUAGE_NAMES = {"sk": "Slovenčina", "ro": "Română"}


def _report_cell(page, hub_url, title, language):
    """The translation status report's cell for one English page in one language."""
    page.goto(f"{hub_url}/admin/reports/translation-status/?show=all")
    column = page.locator("thead th").all_inner_texts().index(LANGUAGE_NAMES[language]) - 1
    return page.locator("tbody tr").filter(has=page.locator("th a", has_text=title)).locator("td").nth(column)


@pytest.mark.parametrize("language", ["sk", "ro"])
def test_a_translator_takes_a_changed_english_page_to_a_published_translation_alone(
    browser, hub_url, publisher, translator, language
):
    guide = TRANSLATED_GUIDES[language]
    cell = _report_cell(translator, hub_url, guide["title"], language)
    assert cell.get_attribute("data-status") == "awaiting-review"

    # A moderator changes the English summary and publishes it.
    publisher.goto(f"{hub_url}/admin/reports/translation-status/?show=all")
    publisher.locator("tbody th a", has_text=guide["title"]).click()
    publisher.locator("#id_summary").fill(guide["english"])
    publisher.locator("footer [data-w-dropdown-target=toggle]").first.click()
    publisher.locator("button[name=action-publish]").click()
    publisher.wait_for_load_state()
    assert "/edit/" not in publisher.url, "the English page was published"

    # The report says exactly what is left: one text of the page, in this language.
    cell = _report_cell(translator, hub_url, guide["title"], language)
    assert cell.get_attribute("data-status") == "to-translate"
    assert re.fullmatch(r"1 of \d+ texts to translate or check", cell.inner_text().strip())

    # The translator follows the report to the translation, where the changed text offers the
    # previous translation to correct, and the English it now translates.
    cell.locator("a").click()
    summary = translator.locator("li:has(> h3:text-is('Summary'))")
    summary.wait_for()
    assert guide["english"] in summary.inner_text()
    summary.get_by_role("button", name="Edit").click()
    previous = summary.locator("textarea")
    assert previous.input_value().strip() not in ("", guide["english"]), "the old translation is offered"
    previous.fill(guide["translation"])
    summary.get_by_role("button", name="Save").click()
    summary.get_by_text("Translated manually").wait_for()
    translator.locator("button", has_text="Publish in").first.click()
    translator.wait_for_load_state("networkidle")

    # Published by the translator alone; the report is true, and the public page says it.
    cell = _report_cell(translator, hub_url, guide["title"], language)
    assert cell.get_attribute("data-status") == "awaiting-review"
    public = translator.context.new_page()
    public.goto(f"{hub_url}/{language}{guide['path']}")
    assert public.locator("meta[name=description]").get_attribute("content") == guide["translation"]
    public.close()
