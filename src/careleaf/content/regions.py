"""Emergency and urgent-care numbers by country (ISO 3166-1 alpha-2).

A small table of well-known numbers, so a clinic profile can say ``region:
GB`` and get 999 and 111. Anything missing or different locally is set in
the profile with ``emergency_number`` / ``urgent_care_number``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RegionNumbers:
    emergency: str
    urgent_care: str | None = None  # a non-emergency medical advice line, where one is national


_EU_112 = "AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE IS"

REGIONS: dict[str, RegionNumbers] = {
    **{code: RegionNumbers("112") for code in _EU_112.split()},
    "US": RegionNumbers("911"),
    "CA": RegionNumbers("911"),
    "MX": RegionNumbers("911"),
    "GB": RegionNumbers("999", "111"),
    "AU": RegionNumbers("000", "1800 022 222"),
    "NZ": RegionNumbers("111", "0800 611 116"),
    "JP": RegionNumbers("119"),
    "IN": RegionNumbers("112"),
    "NO": RegionNumbers("113", "116 117"),
    "CH": RegionNumbers("144"),
}


def numbers_for(region: str) -> RegionNumbers | None:
    return REGIONS.get(region.upper())
