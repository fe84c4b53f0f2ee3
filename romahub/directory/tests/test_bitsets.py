"""Sets of positions as ints: what the search index counts and pages with."""

import random

import pytest

from romahub.directory import bitsets


@pytest.mark.parametrize("seed", range(20))
def test_positions_page_through_a_set_as_a_sorted_list_would(seed):
    rng = random.Random(seed)
    size = rng.choice([1, 63, 64, 65, 1000, 50_000])
    members = sorted(rng.sample(range(size), rng.randint(0, min(size, 3000))))
    bits = bitsets.from_positions(members, size)
    assert bits.bit_count() == len(members)
    assert bitsets.positions(bits) == members
    for _ in range(20):
        skip, count = rng.randint(0, len(members) + 5), rng.randint(0, 30)
        assert bitsets.positions(bits, skip=skip, count=count) == members[skip : skip + count]
    packed = bitsets.as_bytes(bits, size)
    for position in rng.sample(range(size), min(size, 200)):
        assert bitsets.contains(packed, position) is (position in set(members))


def test_the_empty_set_and_everything():
    assert bitsets.positions(0) == []
    assert bitsets.positions(bitsets.all_below(130), skip=128) == [128, 129]
    assert bitsets.positions(bitsets.all_below(10), count=0) == []
