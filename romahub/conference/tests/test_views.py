from datetime import date, timedelta

import pytest
from icalendar import Calendar

from romahub.conference.models import rules_for
from romahub.conference.timeline import plan
from romahub.places.models import LocalAuthority

CONFERENCE_DATES = ["2026-11-23", "2026-12-23", "2027-03-24", "2027-01-29", "2028-02-29"]


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "sk", "ro"])
def test_planner_lists_every_milestone_in_the_readers_language(client, language):
    response = client.get(f"/{language}/conference/timeline/", {"icpc": "2026-11-23"})
    body = response.content.decode()
    assert response.status_code == 200
    assert f'<html lang="{language}"' in body
    for milestone in plan(date(2026, 11, 23)):
        assert f'datetime="{milestone.date.isoformat()}"' in body
    assert response["Cache-Control"] == "no-store, private"
    assert "timeline.ics?icpc=2026-11-23" in body


@pytest.mark.django_db
def test_planner_without_a_date_shows_only_the_form(client):
    response = client.get("/en/conference/timeline/")
    assert response.status_code == 200
    body = response.content.decode()
    assert 'name="icpc"' in body and 'class="timeline"' not in body and "error-summary" not in body


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query,language,message",
    [
        ({"icpc": "31/02/2026"}, "en", "Enter the date as day, month and year"),
        ({"icpc": ""}, "en", "Enter the date of the initial child protection conference."),
        ({"icpc": "1999-01-01"}, "en", "between the year 2000"),
        ({"icpc": "2026-11-23", "review1": "2026-11-01"}, "en", "must come after the initial conference"),
        ({"icpc": "2026-11-23", "review2": "2027-09-01"}, "en", "Enter the date of the first review conference too"),
        ({"icpc": "nonsense"}, "sk", "Zadajte dátum"),
        ({"icpc": "nonsense"}, "ro", "Introduceți data"),
    ],
)
def test_bad_dates_get_a_clear_error_in_the_readers_language(client, query, language, message):
    response = client.get(f"/{language}/conference/timeline/", query)
    body = response.content.decode()
    assert response.status_code == 400
    assert 'class="error-summary"' in body and message in body
    assert 'aria-invalid="true"' in body


@pytest.mark.django_db
def test_actual_review_dates_move_the_next_reviews(client):
    body = client.get(
        "/en/conference/timeline/", {"icpc": "2026-11-23", "review1": "2027-02-10"}
    ).content.decode()
    assert 'datetime="2027-08-10"' in body  # six months from the review that happened


@pytest.mark.django_db
@pytest.mark.parametrize("icpc", CONFERENCE_DATES)
@pytest.mark.parametrize("language", ["en", "ro"])
def test_ics_holds_every_milestone(client, icpc, language):
    response = client.get(f"/{language}/conference/timeline.ics", {"icpc": icpc, "la": "hackney"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Cache-Control"] == "no-store, private"
    calendar = Calendar.from_ical(response.content)
    assert str(calendar["VERSION"]) == "2.0" and str(calendar["PRODID"])
    events = calendar.walk("VEVENT")
    expected = plan(date.fromisoformat(icpc), rules=rules_for(LocalAuthority.objects.get(slug="hackney")))
    assert len(events) == len(expected)
    by_key = {str(e["UID"]).split("-", 1)[1].removesuffix("@romahub"): e for e in events}
    assert set(by_key) == {m.key for m in expected}
    for milestone in expected:
        event = by_key[milestone.key]
        for key in ("UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "DESCRIPTION"):
            assert key in event, key
        assert event.decoded("DTSTART") == milestone.date, milestone.key
    starts = sorted(e.decoded("DTSTART") for e in events)
    assert starts == sorted(m.date for m in expected)
    for event in events:
        assert event.decoded("DTEND") - event.decoded("DTSTART") == timedelta(days=1)
    visits = [e for e in events if "RRULE" in e]
    assert len(visits) == 1
    rule = visits[0]["RRULE"]
    assert rule["FREQ"] == ["DAILY"] and rule["INTERVAL"] == [10]
    if language == "ro":
        assert any("Conferința" in str(e["SUMMARY"]) or "conferinț" in str(e["SUMMARY"]) for e in events)


def alarms_of(event):
    return sorted(alarm.decoded("TRIGGER") for alarm in event.walk("VALARM"))


@pytest.mark.django_db
@pytest.mark.parametrize("icpc", CONFERENCE_DATES)
@pytest.mark.parametrize("la", ["", "hackney"])
def test_ics_reminds_the_day_before_each_deadline_and_a_week_before_each_conference(client, icpc, la):
    response = client.get("/sk/conference/timeline.ics", {"icpc": icpc, "la": la})
    events = {str(e["UID"]).split("-", 1)[1].removesuffix("@romahub"): e for e in Calendar.from_ical(response.content).walk("VEVENT")}
    expected = plan(date.fromisoformat(icpc), rules=rules_for(LocalAuthority.objects.filter(slug=la).first()))
    day_before, week_before = -timedelta(hours=15), -timedelta(days=6, hours=15)
    for milestone in expected:
        event = events[milestone.key]
        if milestone.key in ("initial-conference", "review-1", "review-2", "review-3"):
            assert alarms_of(event) == [week_before, day_before], milestone.key
        elif milestone.kind == "deadline":
            assert alarms_of(event) == [day_before], milestone.key
        else:
            assert alarms_of(event) == [], milestone.key
        for alarm in event.walk("VALARM"):
            assert str(alarm["ACTION"]) == "DISPLAY" and str(alarm["DESCRIPTION"]) == str(event["SUMMARY"])
    assert sum(len(e.walk("VALARM")) for e in events.values()) >= 7


@pytest.mark.django_db
@pytest.mark.parametrize("la", ["", "hackney"])
def test_ics_with_its_alarms_is_valid_for_vobject(client, la):
    import vobject

    response = client.get("/ro/conference/timeline.ics", {"icpc": "2027-01-29", "la": la, "review1": "2027-04-20"})
    parsed = vobject.readOne(response.content.decode("utf-8"), validate=True)
    assert parsed.validate()
    alarms = [alarm for event in parsed.vevent_list for alarm in event.contents.get("valarm", [])]
    assert alarms and all(alarm.action.value == "DISPLAY" and alarm.trigger.value < timedelta(0) for alarm in alarms)


@pytest.mark.django_db
def test_ics_with_a_bad_date_is_a_400(client):
    response = client.get("/en/conference/timeline.ics", {"icpc": "2026-02-30"})
    assert response.status_code == 400
    assert "day, month and year" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "sk", "ro"])
def test_planner_is_linked_from_home_parents_section_and_conference_guide(client, language):
    planner = f'href="/{language}/conference/timeline/"'
    for path in (f"/{language}/", f"/{language}/parents/", f"/{language}/parents/child-protection-conference/"):
        assert planner in client.get(path).content.decode(), path


@pytest.mark.django_db
def test_planner_links_back_to_the_conference_guide(client):
    body = client.get("/sk/conference/timeline/").content.decode()
    assert 'href="/sk/parents/child-protection-conference/"' in body


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "sk", "ro"])
def test_national_rules_are_the_default_and_a_councils_own_are_marked_as_its_own(client, language):
    national = client.get(f"/{language}/conference/timeline/", {"icpc": "2026-11-23"}).content.decode()
    hackney = client.get(f"/{language}/conference/timeline/", {"icpc": "2026-11-23", "la": "hackney"}).content.decode()
    kent = client.get(f"/{language}/conference/timeline/", {"icpc": "2026-11-23", "la": "kent"}).content.decode()
    def results(body):
        return body.split('id="your-dates"')[1].split("</section>")[0]

    assert "Working Together" in results(national) and "Hackney" not in results(national)
    assert national.count("timeline__rule--local") == 0
    # Hackney's own reports, record, visits and core group rhythm are marked as Hackney's.
    assert hackney.count("timeline__rule--local") >= 8
    assert "Hackney" in results(hackney)
    # A council whose procedures the hub has not read is told so, not shown another council's rules.
    assert "Kent" in results(kent) and kent.count("timeline__rule--local") == 0
    assert 'datetime="2026-11-18"' not in kent and 'datetime="2026-11-18"' in hackney


@pytest.mark.django_db
def test_the_dates_come_before_the_form_and_the_form_returns_to_them(client):
    body = client.get("/en/conference/timeline/", {"icpc": "2026-11-23"}).content.decode()
    assert body.index('id="your-dates"') < body.index('class="planner-form"')
    assert 'action="/en/conference/timeline/#your-dates"' in body
    empty = client.get("/en/conference/timeline/").content.decode()
    assert 'id="your-dates"' not in empty and 'class="planner-form"' in empty


@pytest.mark.django_db
@pytest.mark.parametrize("typed", ["27/03/2027", "27.03.2027", "27. 3. 2027", "2027-03-27", "27 03 2027"])
def test_a_date_typed_as_the_hint_shows_it_is_understood(client, typed):
    body = client.get("/en/conference/timeline/", {"icpc": typed}).content.decode()
    assert 'datetime="2027-03-27"' in body
