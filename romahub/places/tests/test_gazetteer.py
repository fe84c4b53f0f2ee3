"""The offline gazetteer: every England postcode district, towns in every region, places outside England."""

import json

import pytest

from romahub.places import gazetteer
from romahub.places.gazetteer import DATA, POSTCODE, lookup, suggestions

# England's box, generously: every district's point must fall inside it.
ENGLAND_BOX = (49.8, 55.9, -6.5, 1.8)


def test_the_data_file_names_its_sources_and_licences():
    data = json.loads((DATA / "gazetteer.json").read_text(encoding="utf-8"))
    assert "Open Government Licence" in data["outcodes_source"]["licence"]
    assert "Office for National Statistics" in data["outcodes_source"]["attribution"]
    assert "CC BY 4.0" in data["towns_source"]["attribution"]


def test_every_england_outcode_in_the_data_file_resolves_in_england():
    outcodes = gazetteer.england_outcodes()
    assert len(outcodes) > 2200  # England has about 2,300 postcode districts
    south, north, west, east = ENGLAND_BOX
    for code in outcodes:
        place = lookup(code.lower())
        assert place is not None, code
        assert place.in_england and place.kind == "district", code
        assert south < place.latitude < north and west < place.longitude < east, code


@pytest.mark.parametrize("code", ["S1", "S4", "S9", "DE1", "DE23", "DE24", "LS8", "BD3", "M18", "LE5", "CV1", "PE1", "SS1", "ME4", "E6", "IG1", "N17"])
def test_the_districts_where_roma_families_live_are_known(code):
    assert lookup(code).in_england


def test_a_full_postcode_resolves_to_its_district_centre():
    full, district = lookup("de236aa"), lookup("DE23")
    assert full.name == "DE23 6AA" and full.kind == "postcode"
    assert (full.latitude, full.longitude) == (district.latitude, district.longitude)
    assert 52.8 < full.latitude < 53.0 and -1.6 < full.longitude < -1.4  # Derby


@pytest.mark.parametrize(("name", "region_point"), [
    ("Newcastle upon Tyne", (54.97, -1.61)),  # North East
    ("Manchester", (53.48, -2.24)),  # North West
    ("Rochdale", (53.62, -2.16)),
    ("Sheffield", (53.38, -1.47)),  # Yorkshire and The Humber
    ("Rotherham", (53.43, -1.36)),
    ("Bradford", (53.79, -1.75)),
    ("Derby", (52.92, -1.48)),  # East Midlands
    ("Leicester", (52.64, -1.13)),
    ("Coventry", (52.41, -1.51)),  # West Midlands
    ("Wolverhampton", (52.59, -2.13)),
    ("Peterborough", (52.57, -0.24)),  # East of England
    ("Southend-on-Sea", (51.54, 0.71)),
    ("London", (51.51, -0.13)),  # London
    ("Gravesend", (51.44, 0.37)),  # South East
    ("Bristol", (51.45, -2.59)),  # South West
    ("Plymouth", (50.37, -4.14)),
])
def test_towns_in_every_region(name, region_point):
    place = lookup(name.lower())
    assert place.in_england and place.kind == "town"
    assert abs(place.latitude - region_point[0]) < 0.1 and abs(place.longitude - region_point[1]) < 0.1


def test_names_are_matched_however_they_are_written():
    assert lookup("southend on sea") == lookup("Southend-on-Sea")
    assert lookup("  ROTHERHAM ") == lookup("Rotherham")


def test_a_council_area_that_is_not_a_town_is_found():
    newham = lookup("Newham")
    assert newham.kind == "council area" and newham.in_england


@pytest.mark.parametrize(("query", "country"), [("CF10 1AA", "W"), ("CF10", "W"), ("Cardiff", "W"), ("EH1 1YZ", "S"), ("Glasgow", "S"), ("BT1 5GS", "N")])
def test_places_outside_england_say_where_they_are(query, country):
    place = lookup(query)
    assert place.country == country and not place.in_england
    assert place.country_name != "England"


def test_a_name_in_england_and_wales_is_englands_first():
    assert lookup("Newport").in_england


def test_a_misspelt_town_suggests_the_nearest_names():
    assert lookup("Sheffeild") is None
    assert "Sheffield" in suggestions("Sheffeild")
    assert "Peterborough" in suggestions("Peterbrough")
    assert suggestions("zzzzqqq") == []


def test_an_unknown_district_is_not_found():
    assert lookup("ZZ9") is None
    assert lookup("QQ1 1AA") is None
    assert POSTCODE.match("QQ11AA")  # the form is right; the district does not exist


def test_a_towns_area_comes_without_borough_of_and_only_for_england():
    from romahub.places.gazetteer import areas_of_town

    assert areas_of_town("Gravesend") == {"Kent"}
    assert areas_of_town("dewsbury") == {"Kirklees"}
    assert areas_of_town("Leeds") == {"Leeds"}  # "City and Borough of Leeds"
    assert areas_of_town("Cardiff") == set()  # Wales
    assert areas_of_town("Nowhere-on-Nothing") == set()
