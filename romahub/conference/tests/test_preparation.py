"""The preparation form: answers printed or turned into a PDF, and never kept anywhere."""

import io
import logging
import secrets

import pytest
from django.apps import apps
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.views.debug import SafeExceptionReporterFilter
from pypdf import PdfReader

from romahub.conference.preparation import QUESTIONS, PreparationForm

DOCUMENTED_FIELDS = {name for name, _q, _h in QUESTIONS}


def answers_with(sentinel):
    return {name: f"{sentinel} answer {i} ăâîșț ľščťžô" for i, name in enumerate(DOCUMENTED_FIELDS)}


def row_counts():
    return {m._meta.label: m.objects.count() for m in apps.get_models() if not m._meta.proxy}


def everything_stored_contains(sentinel) -> list[str]:
    """Search every text column of every table for the sentinel."""
    found = []
    with connection.cursor() as cursor:
        for model in apps.get_models():
            table = model._meta.db_table
            # local_: an inherited column lives in the parent table (and SQLite would read an
            # unknown "column" as a string literal instead of failing).
            for field in model._meta.local_concrete_fields:
                if field.get_internal_type() in ("CharField", "TextField", "JSONField", "SlugField", "EmailField"):
                    column = connection.ops.quote_name(field.column)
                    cast = f"CAST({column} AS TEXT)" if connection.vendor == "postgresql" else column
                    cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)} WHERE {cast} LIKE %s", [f"%{sentinel}%"])  # noqa: S608
                    if cursor.fetchone()[0]:
                        found.append(f"{table}.{field.column}")
    return found


def test_form_fields_are_exactly_the_six_documented_questions():
    assert set(PreparationForm.base_fields) | set(PreparationForm().fields) == DOCUMENTED_FIELDS
    assert len(DOCUMENTED_FIELDS) == 6


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "sk", "ro"])
def test_form_page_posts_and_is_never_cached(client, language):
    response = client.get(f"/{language}/conference/prepare/")
    body = response.content.decode()
    assert response.status_code == 200
    assert 'method="post"' in body and body.count("<textarea") == 6
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("output", ["print", "pdf"])
def test_answers_are_never_kept(output, caplog, mailoutbox, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    sentinel = secrets.token_hex(8)
    before = row_counts()
    client = Client()
    with caplog.at_level(logging.DEBUG):
        response = client.post("/ro/conference/prepare/", {**answers_with(sentinel), "output": output})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert not any(sentinel in value for cookie in response.cookies.values() for value in [cookie.value])
    assert row_counts() == before
    assert everything_stored_contains(sentinel) == []
    assert sentinel not in caplog.text
    assert all(sentinel not in m.body and sentinel not in m.subject for m in mailoutbox)
    assert not any(sentinel.encode() in path.read_bytes() for path in tmp_path.rglob("*") if path.is_file())
    cache_backend = cache._cache if hasattr(cache, "_cache") else {}
    assert sentinel not in repr(cache_backend)


@pytest.mark.django_db
def test_printable_page_shows_answers_and_both_languages(client):
    sentinel = secrets.token_hex(6)
    body = client.post("/sk/conference/prepare/", {**answers_with(sentinel), "output": "print"}).content.decode()
    assert "Čo mojim deťom funguje dobre a čo ich chráni?" in body
    assert "What things work well for my children and keep them safe?" in body
    assert body.count(sentinel) >= 6


@pytest.mark.django_db
@pytest.mark.parametrize(
    "language,question",
    [("sk", "Čo mojim deťom funguje dobre a čo ich chráni?"), ("ro", "Ce mă îngrijorează în privința copiilor mei?")],
)
def test_pdf_holds_questions_in_both_languages_and_the_answers(client, language, question):
    sentinel = secrets.token_hex(6)
    response = client.post(f"/{language}/conference/prepare/", {**answers_with(sentinel), "output": "pdf"})
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    flat = " ".join(text.split())
    assert question in flat
    assert "What things do I need to know more about?" in flat
    assert flat.count(sentinel) == 6
    assert "ăâîșț ľščťžô" in flat  # diacritics survive into the PDF


@pytest.mark.django_db
def test_an_empty_form_prints_a_blank_sheet(client):
    response = client.post("/en/conference/prepare/", {"output": "pdf"})
    assert response.status_code == 200 and response.content.startswith(b"%PDF")


@pytest.mark.django_db
def test_too_long_answer_is_a_clear_error_and_keeps_the_other_answers(client):
    data = dict.fromkeys(DOCUMENTED_FIELDS, "x")
    data["my_worries"] = "y" * 5001
    response = client.post("/ro/conference/prepare/", {**data, "output": "print"})
    body = response.content.decode()
    assert response.status_code == 400
    assert 'class="error-summary"' in body and "cel mult 5.000 de caractere" in body
    assert body.count(">x</textarea>") == 5


@pytest.mark.django_db
def test_post_without_csrf_token_is_refused():
    client = Client(enforce_csrf_checks=True)
    assert client.post("/en/conference/prepare/", {"works_well": "a"}).status_code == 403


def test_error_reports_hide_the_answers(rf, monkeypatch):
    from romahub.conference import views

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(views, "PreparationForm", broken)
    request = rf.post("/en/conference/prepare/", {"works_well": "secret-sentinel"})
    request._dont_enforce_csrf_checks = True
    with pytest.raises(RuntimeError):
        views.prepare(request)
    assert request.sensitive_post_parameters == "__ALL__"
    cleansed = SafeExceptionReporterFilter().get_post_parameters(request)
    assert cleansed["works_well"] == "********************"
