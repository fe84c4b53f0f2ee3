"""Pages and JSON are sent compressed to a browser that asks for gzip, from the cache and not."""

import gzip
import json

import pytest

pytestmark = pytest.mark.django_db
GZIP = {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br"}


def test_a_page_is_compressed_on_a_miss_and_on_a_hit_with_the_same_text(client):
    miss = client.get("/en/parents/", **GZIP)
    hit = client.get("/en/parents/", **GZIP)
    assert (miss["X-Page-Cache"], hit["X-Page-Cache"]) == ("miss", "hit")
    for response in (miss, hit):
        assert response["Content-Encoding"] == "gzip" and "Accept-Encoding" in response["Vary"]
        assert int(response["Content-Length"]) == len(response.content)
    plain = client.get("/en/parents/")
    assert plain["X-Page-Cache"] == "hit" and not plain.has_header("Content-Encoding")
    assert gzip.decompress(hit.content) == plain.content == gzip.decompress(miss.content)
    assert len(hit.content) < len(plain.content) / 3


def test_json_is_compressed_too(client):
    response = client.get("/api/oruk/services?per_page=50", **GZIP)
    assert response.status_code == 200 and response["Content-Encoding"] == "gzip"
    assert json.loads(gzip.decompress(response.content))["total_items"] > 0


def test_a_form_with_a_csrf_token_is_compressed_with_a_fresh_mask_each_time(client):
    """BREACH needs a secret repeated in compressed answers; Django masks the CSRF token anew in
    every response, so no two answers carry the same token text."""
    first, second = (gzip.decompress(client.get("/en/services/suggest/", **GZIP).content).decode() for _ in range(2))
    token = 'name="csrfmiddlewaretoken" value="'
    assert token in first and first.split(token)[1][:64] != second.split(token)[1][:64]
