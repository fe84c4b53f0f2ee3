"""The timeline as an iCalendar file (RFC 5545) that phones import."""

import hashlib
from datetime import UTC, date, datetime, timedelta

from icalendar import Calendar, Event, vRecur

from romahub.conference.text import Described
from romahub.conference.timeline import RECURRING


def _uid(icpc: date, key: str, language: str) -> str:
    digest = hashlib.sha256(f"{icpc.isoformat()}|{key}|{language}".encode()).hexdigest()[:24]
    return f"{digest}-{key}@romahub"


def build_calendar(icpc: date, items: list[Described], language: str, calendar_name: str, now=None) -> bytes:
    stamp = now or datetime.now(UTC)
    cal = Calendar()
    cal.add("prodid", "-//Roma Child Protection Hub//Conference timeline//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", calendar_name)
    for item in items:
        milestone = item.milestone
        event = Event()
        event.add("uid", _uid(icpc, milestone.key, language))
        event.add("dtstamp", stamp)
        event.add("dtstart", milestone.date)
        event.add("dtend", milestone.date + timedelta(days=1))
        event.add("summary", item.title)
        event.add("description", item.explanation)
        event.add("transp", "TRANSPARENT")
        event.add("categories", [milestone.kind])
        if milestone.kind == RECURRING and milestone.repeat_days:
            rule = {"freq": "daily", "interval": milestone.repeat_days}
            if milestone.until:
                rule["until"] = milestone.until
            event.add("rrule", vRecur(rule))
        cal.add_component(event)
    return cal.to_ical()
