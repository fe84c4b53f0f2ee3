"""Who uses the hub, for bench/load.py's locust run (headless, against nginx on 127.0.0.1).

Readers browse in English, Slovak and Romanian (home, sections, guides, the glossary); others
search the directory, plan a conference's dates, fill in the preparation form and take its PDF;
council users sign in and save their self-assessment. Every request checks its answer: status,
content type and a word the answer must hold; anything else counts as a failure.

Requests are named by kind ("page", "search", "planner", "prepare form", "prepare pdf",
"council sign-in", "council page", "council save"): bench/load.py's budgets are per kind.
The council accounts and their password come from bench/load.py (LOAD_COUNCILS, LOAD_COUNCIL_PASSWORD).
"""

from __future__ import annotations

import itertools
import os
import random
import re
from datetime import date, timedelta

from locust import between, task
from locust.contrib.fasthttp import FastHttpUser

LANGUAGES = ("en", "sk", "ro")
PAGES = ("/", "/parents/", "/advocates/", "/social-workers/", "/lawyers/", "/councils/",
         "/parents/child-protection-conference/", "/parents/children-services-contacted-you/",
         "/parents/child-protection-plan/", "/glossary/")
WORDS = ("advocacy", "interpreting", "romanian", "slovak", "legal", "family", "derby", "sheffield",
         "london", "roma", "solicitor", "support", "conference", "help")
HELP = ("advocacy", "interpreting", "legal-advice", "family-support", "community-group")
PLACES = ("Derby", "Sheffield", "Rotherham", "Peterborough", "Leicester", "DE1", "S1", "NG1", "PE1")
AUTHORITIES = ("derby", "rotherham", "sheffield", "leicester", "peterborough", "kent", "manchester")
ANSWERS = {
    "works_well": "My mother helps every day and the children go to school.",
    "my_worries": "I worry that the interpreter will not come.",
    "needs_to_change": "We need a bigger flat; the advocate can help.",
    "professionals_worries": "They said the school saw bruises.",
    "professionals_need_to_know": "We speak Romani and Slovak at home.",
    "i_need_to_know": "What does a child protection plan mean?",
}
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
_councils = itertools.cycle([c for c in os.environ.get("LOAD_COUNCILS", "").split(",") if c])


def expect(response, *, content_type: str = "text/html", words=(), status: int = 200) -> bool:
    """Mark the response failed unless it has this status, content type and every word."""
    if response.status_code != status:
        response.failure(f"status {response.status_code}, expected {status}")
        return False
    if content_type and not response.headers.get("Content-Type", "").startswith(content_type):
        response.failure(f"content type {response.headers.get('Content-Type')!r}")
        return False
    text = response.text if content_type.startswith("text/") else ""
    for word in words:
        if word not in text:
            response.failure(f"{word!r} not in the answer")
            return False
    response.success()
    return True


class HubUser(FastHttpUser):
    abstract = True
    insecure = True  # nginx's certificate is self-signed, for 127.0.0.1 only

    def page(self, path: str, name: str, words=(), **kwargs):
        with self.client.get(path, name=name, catch_response=True, **kwargs) as response:
            expect(response, words=words)
            return response

    def post(self, path: str, name: str, data: dict, **kwargs):
        """As a browser posts a form: its CSRF token, and a Referer (Django checks it over HTTPS)."""
        headers = {"Referer": self.host + path}
        return self.client.post(path, data=data, name=name, headers=headers, catch_response=True, **kwargs)


class Reader(HubUser):
    weight = 10
    wait_time = between(0.5, 2)

    @task
    def browse(self):
        language = random.choice(LANGUAGES)
        path = random.choice(PAGES)
        self.page(f"/{language}{path}", "page", words=(f'<html lang="{language}"', "</html>"))


class Searcher(HubUser):
    weight = 4
    wait_time = between(1, 3)

    @task
    def search(self):
        language = random.choice(LANGUAGES)
        kind = random.random()
        if kind < 0.4:
            query = f"q={random.choice(WORDS)}"
        elif kind < 0.7:
            query = "&".join(f"help={h}" for h in random.sample(HELP, random.choice((1, 1, 2))))
        elif kind < 0.9:
            query = f"near={random.choice(PLACES)}"
        else:
            query = f"la={random.choice(AUTHORITIES)}"
        if random.random() < 0.2:
            query += f"&page={random.randint(2, 3)}"
        # A page past the last is a 404 with the listing's own words; the first pages are always there.
        with self.client.get(f"/{language}/services/?{query}", name="search", catch_response=True) as response:
            if response.status_code == 404 and "page=" in query:
                response.success()
            else:
                expect(response, words=(f'<html lang="{language}"', "/services/", "</html>"))


class Planner(HubUser):
    weight = 2
    wait_time = between(2, 5)

    @task
    def plan(self):
        language = random.choice(LANGUAGES)
        held = date.today() - timedelta(days=random.randint(0, 60))
        authority = random.choice(("", *AUTHORITIES))
        query = f"icpc={held.isoformat()}" + (f"&la={authority}" if authority else "")
        self.page(f"/{language}/conference/timeline/?{query}", "planner", words=("timeline.ics?",))


class Preparer(HubUser):
    weight = 1
    wait_time = between(3, 8)

    @task
    def prepare_pdf(self):
        language = random.choice(LANGUAGES)
        path = f"/{language}/conference/prepare/"
        form = self.page(path, "prepare form", words=("csrfmiddlewaretoken",))
        token = CSRF.search(form.text or "")
        if token is None:
            return
        with self.post(path, "prepare pdf", {**ANSWERS, "output": "pdf", "csrfmiddlewaretoken": token.group(1)}) as pdf:
            if expect(pdf, content_type="application/pdf") and not pdf.content.startswith(b"%PDF-"):
                pdf.failure("not a PDF")


class Council(HubUser):
    weight = 1
    wait_time = between(3, 8)

    def on_start(self):
        self.email = next(_councils)
        login = "/en/mishto/login/"
        form = self.page(login, "council sign-in", words=("csrfmiddlewaretoken",))
        token = CSRF.search(form.text or "")
        data = {"username": self.email, "password": os.environ["LOAD_COUNCIL_PASSWORD"],
                "csrfmiddlewaretoken": token.group(1) if token else ""}
        with self.post(login, "council sign-in", data, allow_redirects=False) as response:
            if response.status_code == 302 and response.headers.get("Location", "").endswith("/mishto/council/"):
                response.success()
            else:
                response.failure(f"sign-in answered {response.status_code}")
        overview = self.page("/en/mishto/council/assessment/", "council page", words=("pledge-1/",))
        self.pledges = sorted({int(n) for n in re.findall(r"assessment/pledge-(\d+)/", overview.text or "")}) or [1]

    @task
    def save_a_pledge(self):
        number = random.choice(self.pledges)
        path = f"/en/mishto/council/assessment/pledge-{number}/"
        page = self.page(path, "council page", words=('name="status-',))
        token = CSRF.search(page.text or "")
        actions = re.findall(r'name="status-(\d+)"', page.text or "")
        if not token or not actions:
            return
        action = random.choice(actions)
        data = {"csrfmiddlewaretoken": token.group(1), f"status-{action}": random.choice(("in_progress", "in_place")),
                f"narrative-{action}": f"Saved by the load test as {self.email}: leaflets in Romanian and Slovak."}
        with self.post(path, "council save", data, allow_redirects=False) as response:
            if response.status_code == 302 and response.headers.get("Location", "").endswith(path):
                response.success()
            else:
                response.failure(f"save answered {response.status_code}")
