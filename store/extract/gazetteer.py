"""Enterprises the reports name without saying what they are ("Amkodor is ready to supply").

A rule can find "X company", "X plant" or "enterprises such as X, Y"; a bare name needs a
list. This one holds large Belarusian and Russian manufacturers and institutions that
cooperation reports keep naming. It is data, not a model: add to it as analysts meet names.
"""

from __future__ import annotations

import re

ENTERPRISES: tuple[str, ...] = (
    # Belarus: machinery and vehicles
    "MAZ", "BelAZ", "MZKT", "MTZ", "Minsk Tractor Works", "Gomselmash", "Amkodor",
    "Belkommunmash", "Mogilevliftmash", "Bobruiskagromash", "Lidselmash", "Lidagroprommash",
    "Minsk Motor Plant", "Belarusian Steel Works", "BMZ", "Stankogomel", "Vistan", "BELGEE",
    "Belshina", "Atlant", "Horizont", "Gefest", "Mogilev Railway Carriage Works",
    # Belarus: chemicals, oil, potash, pharmaceuticals
    "Naftan", "Mozyr Oil Refinery", "Belaruskali", "Grodno Azot", "Polymir",
    "Belneftekhim", "Belmedpreparaty", "Borisov Plant of Medical Preparations",
    # Belarus: electronics, optics, science
    "Integral", "BelOMO", "Peleng", "Planar", "National Academy of Sciences of Belarus",
    # Belarus: food, light industry, film
    "Savushkin Product", "Santa Bremor", "Milavitsa", "Belarusfilm", "Krinitsa",
    # Russia
    "KAMAZ", "GAZ", "GRAZ", "Rostselmash", "Sollers", "UEC-UMPO", "Zvezda", "TAIF",
    "Nizhnekamskneftekhim", "Rosatom", "Roscosmos", "Promomed", "Leader-Compound",
    "Lenfilm", "Uralkali", "Sibur", "Transmashholding", "Uralvagonzavod", "Rostec",
)  # fmt: skip

_PATTERN = re.compile(
    r"(?<![\w-])(?:"
    + "|".join(re.escape(n) for n in sorted(ENTERPRISES, key=len, reverse=True))
    + r")(?![\w-])"
)


def known_enterprises(text: str) -> list[tuple[int, str]]:
    """(offset, name) of each listed enterprise named in ``text`` (exact case)."""
    return [(m.start(), m.group()) for m in _PATTERN.finditer(text)]
