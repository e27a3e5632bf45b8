"""Units as written in Chinese energy statistics and factor tables, parsed with pint.

``parse_unit("GJ/10^4 Nm3")`` returns a pint Quantity (here 1e-4 GJ/m³) so values in
different units can be compared and converted. Chinese unit names users type
(万千瓦时, 万立方米, 吨标准煤 …) are accepted. Gas-specific masses (tCO2, kgC, kgCH4 …)
are plain masses to pint: the gas lives in the quantity's name, not its unit.

pint is imported on first use, so loading factors for a lookup does not pay for it.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..errors import InputError

#: Chinese unit words → pint-readable English, longest first so that 万千瓦时 wins over 千瓦时.
CHINESE_UNITS = {
    "万吨标准煤": "10^4 tce", "吨标准煤": "tce", "千克标准煤": "kgce", "公斤标准煤": "kgce",
    "万吨标煤": "10^4 tce", "吨标煤": "tce", "千克标煤": "kgce", "克标准煤": "gce",
    "万千瓦时": "10^4 kWh", "亿千瓦时": "10^8 kWh", "千瓦时": "kWh", "兆瓦时": "MWh", "度": "kWh",
    "万标准立方米": "10^4 Nm3", "万标立方米": "10^4 Nm3", "万立方米": "10^4 m3", "万Nm³": "10^4 Nm3",
    "万Nm3": "10^4 Nm3", "万m³": "10^4 m3", "万m3": "10^4 m3", "标准立方米": "Nm3", "标立方米": "Nm3",
    "立方米": "m3", "Nm³": "Nm3", "m³": "m3",
    "万吨": "10^4 t", "吨": "t", "千克": "kg", "公斤": "kg", "克": "g", "升": "L",
    "太焦": "TJ", "吉焦": "GJ", "兆焦": "MJ", "千焦": "kJ", "焦耳": "J",
    "％": "%",
}
_CHINESE_RE = re.compile("|".join(sorted(map(re.escape, CHINESE_UNITS), key=len, reverse=True)))

# Masses of a named substance are plain masses; energy in coal equivalent is energy
# (1 kgce = 7000 kcal = 29.3076 MJ, GB/T 2589).
_DEFINITIONS = [
    "kgce = 29.3076 MJ", "gce = 0.001 kgce", "tce = 1000 kgce",
    "Nm3 = meter ** 3", "fraction = 1",
]
_SUBSTANCES = ["C", "CO2", "CO2e", "CH4", "N2O"]


@lru_cache(maxsize=1)
def registry():
    """The shared pint registry with the definitions above."""
    import pint

    ureg = pint.UnitRegistry()
    for line in _DEFINITIONS:
        ureg.define(line)
    for sub in _SUBSTANCES:
        for prefix, base in (("g", "gram"), ("kg", "kilogram"), ("t", "tonne"), ("Mt", "megatonne"), ("Gg", "gigagram")):
            ureg.define(f"{prefix}{sub} = {base}")
    return ureg


_POWER_RE = re.compile(r"10\^(-?\d+)\s*\*?\s*")
# "m3" means cubic metres; "Nm3" (normal cubic metres) is a defined unit, not newton-metres cubed.
_CUBIC_RE = re.compile(r"(?<![A-Za-z])m3(?![0-9])")


def _side(text: str) -> str:
    text = _CHINESE_RE.sub(lambda m: " " + CHINESE_UNITS[m.group(0)] + " ", text).strip()
    text = _POWER_RE.sub(lambda m: f"1e{m.group(1)} * ", text)
    text = _CUBIC_RE.sub("m**3", text)
    return text.replace("%", " percent ").strip() or "dimensionless"


@lru_cache(maxsize=512)
def parse_unit(text: str):
    """A unit string (English or Chinese) as a pint Quantity of magnitude = its scale.

    Raises
    ------
    InputError
        The text is not a unit pint can read.
    """
    if not isinstance(text, str) or not text.strip():
        raise InputError("a unit is missing; write it like 'GJ/t', 'kgce/kWh' or '万千瓦时'.")
    ureg = registry()
    num, sep, den = text.strip().partition("/")
    try:
        q = ureg.parse_expression(_side(num))
        if sep:
            q = q / ureg.parse_expression(_side(den))
    except Exception as exc:  # pint raises several unrelated types for bad text
        raise InputError(f"unit '{text}' is not understood ({type(exc).__name__}: {exc}); "
                         "write it like 'GJ/t', 'tCO2/MWh', 'kgce/m3' or '万千瓦时'.") from None
    if not hasattr(q, "dimensionality"):
        q = q * ureg.dimensionless
    return q


def dimensionality(text: str) -> str:
    """The pint dimensionality of a unit, as text (e.g. '[mass] / [length] ** 2 * [time] ** 2')."""
    return str(parse_unit(text).dimensionality) or "dimensionless"


def has_dimension(text: str, expected: str) -> bool:
    """Whether a unit has the dimension named by a pint expression such as '[energy]/[mass]'."""
    ureg = registry()
    want = ureg.get_dimensionality(expected) if expected != "dimensionless" else ureg.dimensionless.dimensionality
    return parse_unit(text).dimensionality == want


#: Mass of CO2 per mass of carbon (molar masses 44 and 12).
C_TO_CO2 = 44.0 / 12.0

_SUBSTANCE_RE = re.compile(r"(?<![A-Za-z])(?:g|kg|t|Mt|Gg)\s?(CO2e|CO2eq|CO2|CH4|N2O|C)(?![A-Za-z0-9])")
_SUBSTANCE_WORDS = {"碳": "C", "二氧化碳当量": "CO2e", "二氧化碳": "CO2", "甲烷": "CH4", "氧化亚氮": "N2O"}


def substance(text: str) -> str | None:
    """The substance whose mass a unit's numerator counts: "C", "CO2", "CO2e", "CH4", "N2O" or None.

    pint treats tC and tCO2 as the same tonne; the substance is what keeps them apart
    (``substance("tC/TJ") == "C"``, ``substance("t/t") is None``).
    """
    num = str(text or "").partition("/")[0]
    found = {("CO2e" if m.group(1) == "CO2eq" else m.group(1)) for m in _SUBSTANCE_RE.finditer(num)}
    for word, sub in sorted(_SUBSTANCE_WORDS.items(), key=lambda kv: -len(kv[0])):  # 二氧化碳 before 碳
        if word in num:
            found.add(sub)
            num = num.replace(word, "")
    if len(found) > 1:
        raise InputError(f"unit '{text}' names several substances ({', '.join(sorted(found))}); use one.")
    return found.pop() if found else None


def substance_factor(from_sub: str | None, to_sub: str | None, what: str = "") -> float:
    """Multiplier from a mass of ``from_sub`` to a mass of ``to_sub``: 44/12 for C → CO2.

    A plain mass (None) on either side is taken as the other side's substance. Any other pair
    (CO2 vs CO2e, CH4 vs CO2 …) is refused: gases are compared only through a GWP.
    """
    if from_sub is None or to_sub is None or from_sub == to_sub:
        return 1.0
    if (from_sub, to_sub) == ("C", "CO2"):
        return C_TO_CO2
    if (from_sub, to_sub) == ("CO2", "C"):
        return 1.0 / C_TO_CO2
    raise InputError(f"{what + ': ' if what else ''}a mass of {from_sub} cannot be converted to a mass of {to_sub} "
                     "by units; " + ("CO2e already includes other gases weighted by a GWP."
                                     if "CO2e" in (from_sub, to_sub) else "gases are compared only through a GWP."))


def conversion_factor(from_unit: str, to_unit: str) -> float:
    """Multiplier taking a value in ``from_unit`` to ``to_unit``.

    Carbon and CO2 masses are kept apart: tC/t → tCO2/t multiplies by 44/12; CO2 → CO2e or
    CH4 → CO2 is refused (that needs a GWP).
    """
    q = (parse_unit(from_unit) / parse_unit(to_unit)).to_base_units()
    if not q.dimensionless:
        raise InputError(
            f"cannot convert '{from_unit}' to '{to_unit}': they measure different things "
            f"({dimensionality(from_unit)} vs {dimensionality(to_unit)})."
        )
    gas = substance_factor(substance(from_unit), substance(to_unit), f"'{from_unit}' to '{to_unit}'")
    return float(q.magnitude) * gas
