"""The timeline as an iCalendar file (RFC 5545) that phones import."""

import hashlib
from datetime import UTC, date, datetime, timedelta

from icalendar import Alarm, Calendar, Event, vRecur

from romahub.conference.text import Described
from romahub.conference.timeline import DEADLINE, RECURRING, is_conference

# Events are whole days, which start at midnight: a reminder 15 hours earlier rings at 9 in the
# morning of the day before, when a parent can still act on it.
DAY_BEFORE_AT_NINE = -timedelta(hours=15)
WEEK_BEFORE_AT_NINE = -timedelta(days=6, hours=15)

def reminders_for(item: Described) -> list[timedelta]:
    """When a phone reminds the parent: the day before a deadline, a week before a conference."""
    milestone = item.milestone
    if milestone.kind == RECURRING:
        return []
    triggers = []
    if is_conference(milestone.key):
        triggers.append(WEEK_BEFORE_AT_NINE)
    if milestone.kind == DEADLINE or is_conference(milestone.key):
        triggers.append(DAY_BEFORE_AT_NINE)
    return triggers


def _alarm(item: Described, trigger: timedelta) -> Alarm:
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", item.title)  # DISPLAY alarms must carry the text they show
    alarm.add("trigger", trigger)
    return alarm


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
        for trigger in reminders_for(item):
            event.add_component(_alarm(item, trigger))
        cal.add_component(event)
    return cal.to_ical()
