"""A family's request, from the form with JavaScript off to a partner's staff reading it in their
own browser; the same sealed box does not open with another partner's key or a wrong passphrase."""

import json
import re

import pytest

from tests.browser.browser_second_factor import STAFF_PASSWORD, current_code
from tests.browser.test_pages_in_browser import assert_no_axe_violations

PASSPHRASE = {"a": "river stones carry old songs", "b": "lanterns over the quiet valley"}
SENTINEL_PHONE = "07700 900 517"
SENTINEL_TEXT = "Sentinel-Browser-M4 has a conference next week"


def _partner_admin(browser, hub_url, letter):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{hub_url}/admin/login/?next=/en/partner/")
    page.locator("#id_username").fill(f"partner-{letter}")
    page.locator("#id_password").fill(STAFF_PASSWORD)
    page.locator("form button[type=submit]").first.click()
    page.wait_for_url("**/two-factor/verify/**")
    page.locator("#code").fill(current_code())
    page.locator("form:has(#code) button[type=submit]").click()
    page.wait_for_url("**/en/partner/")
    return context, page


def _make_key(page, hub_url, letter) -> dict:
    """Make the partner's key in this browser; what was sent to the hub (the wrapped key)."""
    page.goto(f"{hub_url}/en/partner/key/")
    assert_no_axe_violations(page)
    page.locator("#passphrase").fill(PASSPHRASE[letter])
    page.locator("#passphrase_again").fill(PASSPHRASE[letter])
    with page.expect_request(lambda r: r.url.endswith("/en/partner/key/") and r.method == "POST") as sent:
        page.locator("[data-key-setup] button[type=submit]").click()
    recovery = page.locator("[data-recovery-key]")
    recovery.wait_for()
    assert re.fullmatch(r"([A-Z2-7]{4}-){7}[A-Z2-7]{4}", recovery.inner_text().strip())
    body = json.loads(sent.value.post_data)
    assert PASSPHRASE[letter] not in sent.value.post_data and set(body) == {"public_key", "wrapped", "recovery_wrapped"}
    return body


@pytest.fixture(scope="module")
def partners(browser, hub_url):
    made = {}
    for letter in ("a", "b"):
        context, page = _partner_admin(browser, hub_url, letter)
        made[letter] = {"context": context, "page": page, "sent": _make_key(page, hub_url, letter)}
    yield made
    for partner in made.values():
        partner["context"].close()


def test_a_request_sent_without_javascript_is_read_only_in_the_receiving_partners_browser(browser, hub_url, partners):
    # The family, on a small phone with JavaScript off, in Romanian.
    family = browser.new_context(viewport={"width": 320, "height": 800}, java_script_enabled=False)
    page = family.new_page()
    page.goto(f"{hub_url}/ro/")
    page.locator("a[href='/ro/get-help/']").first.click()
    assert page.url.endswith("/ro/get-help/")
    page.locator("input[name=who][value=parent]").check()
    page.locator("#id_authority").fill("Derby")
    page.locator("input[name=happening][value=conference]").check()
    page.locator("input[name=contact_by][value=phone]").check()
    page.locator("#id_phone").fill(SENTINEL_PHONE)
    page.locator("input[name=leave_message][value=no]").check()
    page.locator("#id_details").fill(SENTINEL_TEXT)
    page.locator("#id_consent").check()
    page.locator("form.suggest-form button[type=submit]").click()
    page.wait_for_url("**/ro/get-help/status/**")
    assert "Browser test partner A" in page.locator("main").inner_text()
    assert SENTINEL_PHONE not in page.content()
    status_url = page.url
    family.close()

    # The form and the status page, with JavaScript on: axe-clean and no wider than the phone.
    looking = browser.new_context(viewport={"width": 320, "height": 800})
    check = looking.new_page()
    for url in (f"{hub_url}/ro/get-help/", status_url):
        check.goto(url)
        assert check.evaluate("document.documentElement.scrollWidth") <= 320
        assert_no_axe_violations(check)
    looking.close()

    # Partner A's staff open it in their browser; a wrong passphrase opens nothing.
    staff = partners["a"]["page"]
    staff.goto(f"{hub_url}/en/partner/")
    staff.locator("table a").first.click()
    assert SENTINEL_PHONE not in staff.content()
    staff.locator("#passphrase").fill("not the passphrase at all")
    staff.locator("[data-unlock] button[type=submit]").click()
    staff.locator("[data-unlock] [data-error]").wait_for()
    assert staff.locator("[data-fields]").inner_text() == ""
    staff.locator("#passphrase").fill(PASSPHRASE["a"])
    staff.locator("[data-unlock] button[type=submit]").click()
    staff.locator("[data-fields]").get_by_text(SENTINEL_PHONE).wait_for()
    assert SENTINEL_TEXT in staff.locator("[data-fields]").inner_text()
    assert_no_axe_violations(staff)

    # A note, sealed in the browser, reads back after a reload.
    staff.locator("#note").fill("Rang on Monday, will call again")
    staff.locator("[data-note] button[type=submit]").click()
    staff.locator("[data-notes]").get_by_text("Rang on Monday").wait_for()
    staff.reload()
    staff.locator("#passphrase").fill(PASSPHRASE["a"])
    staff.locator("[data-unlock] button[type=submit]").click()
    staff.locator("[data-notes]").get_by_text("Rang on Monday").wait_for()

    # The same sealed box, taken by A's page, does not open with B's key in B's browser.
    sealed_url = staff.locator("[data-request]").get_attribute("data-sealed-url")
    box = staff.evaluate("""url => fetch(url, {method: 'POST', credentials: 'same-origin',
        headers: {'X-CSRFToken': document.querySelector('input[name=csrfmiddlewaretoken]').value}})
        .then(r => r.json()).then(answer => ({sealed: answer.sealed, context: answer.context}))""", sealed_url)
    other = partners["b"]["page"]
    other.goto(f"{hub_url}/en/partner/")
    assert "Derby" not in other.locator("main").inner_text()
    outcome = other.evaluate("""async ([wrapped, passphrase, box]) => {
        const key = await HubSealing.importPrivate(await HubSealing.unwrapBytes(wrapped, passphrase));
        try { await HubSealing.open(key, box.sealed, box.context); return 'opened'; } catch (e) { return 'refused'; }
    }""", [partners["b"]["sent"]["wrapped"], PASSPHRASE["b"], box])
    assert outcome == "refused"
    # And B's own key is sound: it opens what is sealed to B.
    reopened = other.evaluate("""async ([publicKey, wrapped, passphrase]) => {
        const box = await HubSealing.seal(publicKey, {check: 'ok'}, 'help-request:test');
        const key = await HubSealing.importPrivate(await HubSealing.unwrapBytes(wrapped, passphrase));
        return (await HubSealing.open(key, box, 'help-request:test')).check;
    }""", [partners["b"]["sent"]["public_key"], partners["b"]["sent"]["wrapped"], PASSPHRASE["b"]])
    assert reopened == "ok"


def test_the_servers_log_and_database_file_hold_nothing_the_family_wrote(hub_home, partners):
    """After the family's request, its opening and a note: the server's output (access lines and
    application log) and, on SQLite, the database file's raw bytes."""
    kept = [(hub_home / "server.log").read_bytes()]
    kept += [path.read_bytes() for path in hub_home.glob("db.sqlite3*")]
    assert b"/get-help/status/" in kept[0], "the log holds the requests it served"
    assert b"token=" not in kept[0], "the status link's token is not in the access log"
    for sentinel in (SENTINEL_PHONE, SENTINEL_TEXT, "Rang on Monday"):
        assert all(sentinel.encode() not in blob for blob in kept), sentinel


@pytest.mark.parametrize("language", ["en", "sk", "ro"])
def test_the_form_works_at_320_px_in_every_language_with_javascript_on_and_off(browser, hub_url, partners, language):
    for javascript in (True, False):
        context = browser.new_context(viewport={"width": 320, "height": 800}, java_script_enabled=javascript)
        page = context.new_page()
        page.goto(f"{hub_url}/{language}/get-help/")
        assert page.locator("html").get_attribute("lang") == language
        assert page.locator("input[name=consent]").count() == 1 and page.locator("[data-exit-link]").count() == 1
        # Sent empty, it says what is missing in the reader's language, and keeps nothing.
        page.locator("form.suggest-form button[type=submit]").click()
        page.wait_for_load_state()
        assert page.locator(".error-summary li").count() >= 5
        if javascript:
            assert page.evaluate("document.documentElement.scrollWidth") <= 320
            assert_no_axe_violations(page)
        context.close()
