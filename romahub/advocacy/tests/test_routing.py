"""The routing rule, as a pure function: each step, the fallback, and properties over any partners."""

from datetime import datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from romahub.advocacy.routing import AREA, AREA_AND_LANGUAGE, NATIONAL, Candidate, choose

DERBY, SHEFFIELD = 1, 2
T0 = datetime(2026, 12, 1, 9, 0)


def partner(id, areas=(), languages=(), national=False, has_room=True, last=None, name=None):
    return Candidate(id=id, name=name or f"P{id}", area_ids=frozenset(areas), national=national,
                     languages=frozenset(languages), has_room=has_room, last_given_at=last)


def test_a_local_partner_speaking_the_language_comes_first():
    partners = [partner(1, [DERBY], ["sk"]), partner(2, [DERBY], ["ro"]), partner(3, national=True, languages=["ro"])]
    assert choose(partners, DERBY, ["ro"]) == choose(partners, DERBY, ["ro", "en"])
    assert choose(partners, DERBY, ["ro"]).partner_id == 2 and choose(partners, DERBY, ["ro"]).step == AREA_AND_LANGUAGE


def test_then_a_local_partner_whatever_its_languages():
    route = choose([partner(1, [DERBY], ["sk"]), partner(3, national=True, languages=["ro"])], DERBY, ["ro"])
    assert (route.partner_id, route.step) == (1, AREA)


def test_then_a_national_partner_speaking_the_language_first():
    partners = [partner(1, [SHEFFIELD], ["ro"]), partner(3, national=True, languages=["sk"]), partner(4, national=True, languages=["ro"])]
    route = choose(partners, DERBY, ["ro"])
    assert (route.partner_id, route.step) == (4, NATIONAL)


def test_none_when_nobody_covers_the_area_or_has_room():
    assert choose([partner(1, [SHEFFIELD], ["ro"])], DERBY, ["ro"]) is None
    assert choose([partner(1, [DERBY], ["ro"], has_room=False), partner(2, national=True, has_room=False)], DERBY, ["ro"]) is None
    assert choose([], DERBY, ["ro"]) is None


def test_the_partner_given_a_request_least_recently_goes_first_never_given_first_of_all():
    partners = [partner(1, [DERBY], ["ro"], last=T0), partner(2, [DERBY], ["ro"], last=T0 - timedelta(days=1)),
                partner(3, [DERBY], ["ro"], last=None)]
    assert choose(partners, DERBY, ["ro"]).partner_id == 3
    assert choose(partners[:2], DERBY, ["ro"]).partner_id == 2


def test_excluded_partners_are_passed_over():
    partners = [partner(1, [DERBY], ["ro"]), partner(2, [DERBY], ["sk"])]
    assert choose(partners, DERBY, ["ro"], exclude={1}).partner_id == 2


ids = st.integers(min_value=1, max_value=8)
candidates = st.lists(
    st.builds(partner, id=ids, areas=st.sets(st.sampled_from([DERBY, SHEFFIELD, 3])),
              languages=st.sets(st.sampled_from(["ro", "sk", "cs", "rom", "en"])), national=st.booleans(),
              has_room=st.booleans(), last=st.none() | st.datetimes(min_value=T0 - timedelta(days=30), max_value=T0)),
    max_size=8, unique_by=lambda c: c.id,
)
family = st.sets(st.sampled_from(["ro", "sk", "cs", "rom", "en"]), min_size=1)


@given(candidates, st.sampled_from([DERBY, SHEFFIELD, 3]), family)
def test_the_chosen_partner_always_has_room_and_covers_the_area_or_is_national(partners, area, languages):
    route = choose(partners, area, languages)
    if route is None:
        return
    chosen = next(c for c in partners if c.id == route.partner_id)
    assert chosen.has_room
    assert area in chosen.area_ids or (chosen.national and route.step == NATIONAL)


@given(candidates, st.sampled_from([DERBY, SHEFFIELD, 3]), family)
def test_nobody_is_chosen_only_when_no_partner_with_room_covers_the_area_or_the_country(partners, area, languages):
    route = choose(partners, area, languages)
    could = [c for c in partners if c.has_room and (area in c.area_ids or c.national)]
    assert (route is None) == (not could)


@given(candidates, st.sampled_from([DERBY, SHEFFIELD, 3]), family)
def test_a_local_speaker_with_room_always_wins_over_anyone_else(partners, area, languages):
    route = choose(partners, area, languages)
    speakers = [c for c in partners if c.has_room and area in c.area_ids and c.languages & languages]
    if speakers:
        assert route.step == AREA_AND_LANGUAGE and route.partner_id in {c.id for c in speakers}


@given(candidates, st.sampled_from([DERBY, SHEFFIELD, 3]), family)
def test_the_answer_does_not_depend_on_the_order_partners_are_listed_in(partners, area, languages):
    assert choose(partners, area, languages) == choose(list(reversed(partners)), area, languages)
