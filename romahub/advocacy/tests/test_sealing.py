"""The server's sealing opens with the partner's private key only, and only as the request it was sealed for."""

import pytest
from cryptography.exceptions import InvalidTag

from romahub.advocacy import sealing
from romahub.advocacy.tests.helpers import new_key_pair, open_sealed


def test_sealed_text_opens_with_the_partners_key_and_not_with_another():
    mine, my_public = new_key_pair()
    other, _ = new_key_pair()
    box = sealing.seal(my_public, {"phone": "07700 900 431"}, b"help-request:1")
    assert "07700" not in str(box)
    assert open_sealed(mine, box, b"help-request:1") == {"phone": "07700 900 431"}
    with pytest.raises(InvalidTag):
        open_sealed(other, box, b"help-request:1")
    with pytest.raises(InvalidTag):
        open_sealed(mine, box, b"help-request:2")


def test_each_seal_is_fresh():
    _, public = new_key_pair()
    first, second = (sealing.seal(public, {"a": 1}, b"x") for _ in range(2))
    assert first["epk"] != second["epk"] and first["ct"] != second["ct"]


def test_only_p256_keys_and_well_formed_boxes_are_taken():
    with pytest.raises(sealing.BadKey):
        sealing.load_public_key("bm90IGEga2V5")
    _, public = new_key_pair()
    box = sealing.seal(public, {"a": 1}, b"x")
    assert sealing.check_envelope(box) == box
    for broken in ({**box, "scheme": "rot13"}, {**box, "epk": "AAAA"}, {**box, "iv": "!!"}, {"ct": box["ct"]}, "text"):
        with pytest.raises(sealing.BadEnvelope):
            sealing.check_envelope(broken)


def test_a_wrapped_key_needs_owasps_iteration_count():
    wrapped = {"salt": sealing.b64(b"s" * 16), "iterations": 600_000, "iv": sealing.b64(b"i" * 12), "ct": sealing.b64(b"c" * 154)}
    assert sealing.check_wrapped_key(wrapped, with_salt=True) == wrapped
    with pytest.raises(sealing.BadEnvelope):
        sealing.check_wrapped_key({**wrapped, "iterations": 1000}, with_salt=True)
