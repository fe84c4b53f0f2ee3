"""When a process's search index is out of date (search/freshness.py): every write to a record
it reads gives the directory a new revision, and the next search shows the write."""

import pytest
from django.apps import apps
from django.db import transaction

from romahub.directory.models import SearchIndexRevision, ServiceLanguage, TaxonomyTerm
from romahub.directory.search import changed
from romahub.directory.search.freshness import WATCHED, revision
from romahub.directory.tests.helpers import make_service
from romahub.places.models import LocalAuthority

pytestmark = pytest.mark.django_db


def test_what_a_result_shows_follows_every_edit(client):
    def shown():
        body = client.get("/en/services/", {"q": "derby welcome"}).content.decode()
        return body[body.index('<ol class="results"') :]

    service = make_service("Derby welcome", latitude=52.922, longitude=-1.476, postcode="DE1 3AA", city="Derby")
    assert "0808 801 0366" in shown()
    phone = service.phones.get()
    phone.number = "0113 496 0000"
    phone.save()
    ServiceLanguage.objects.create(service=service, code="sk", name="Slovak")
    body = shown()
    assert "0113 496 0000" in body and "0808 801 0366" not in body and "Romanian, Slovak" in body
    LocalAuthority.objects.create(name="Newtown", slug="newtown", region=LocalAuthority.objects.first().region)
    assert 'value="newtown"' in client.get("/en/services/").content.decode()
    term = TaxonomyTerm.objects.get(slug="advocacy")
    term.name_sk = "Obhajoba rodín"
    term.save()
    assert "Obhajoba rodín</label>" in client.get("/sk/services/").content.decode()


@pytest.mark.parametrize("model", WATCHED)
def test_saving_any_record_the_index_reads_gives_a_new_revision(model):
    authority = LocalAuthority.objects.first()
    make_service("Watched", latitude=52.922, longitude=-1.476, postcode="DE1 3AA", authority=authority.slug, terms=["advocacy"])
    record = apps.get_model(model).objects.first()
    before = revision()
    record.save()
    assert revision() != before


def test_a_change_of_a_services_terms_gives_a_new_revision():
    service = make_service("Watched terms", terms=["advocacy"])
    before = revision()
    service.terms.set(TaxonomyTerm.objects.exclude(slug="advocacy")[:1])
    service.terms.commit()
    assert revision() != before


def test_changed_makes_the_revision_when_there_is_none_and_waits_for_a_post_signal():
    SearchIndexRevision.objects.all().delete()
    assert revision() is None
    changed(action="pre_add")  # m2m_changed: the post_add follows
    assert revision() is None
    changed(action="post_add")
    first = revision()
    changed()
    assert first is not None and revision() not in (None, first)


def test_a_rolled_back_write_leaves_the_revision_it_started_from():
    before = revision()
    with pytest.raises(RuntimeError), transaction.atomic():
        changed()
        raise RuntimeError("rolled back")
    assert revision() == before
