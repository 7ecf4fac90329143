"""Country reference data for the simulated world: time zones, weekends, population weights.

Offsets are the ones in force in early March (northern winter, southern summer); the
simulation does not model DST changes inside a window, a detector must tolerate an hour.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

FloatArr = npt.NDArray[np.float64]


@dataclass(frozen=True)
class Country:
    code: str
    offsets: tuple[tuple[float, float], ...]  # (UTC offset hours, share of the population)
    general: float  # relative weight in the general population
    weekend: tuple[int, ...] = (5, 6)  # Mon=0; the Gulf rests on Friday and Saturday


COUNTRIES: tuple[Country, ...] = (
    Country("PH", ((8.0, 1.0),), 30.0),
    Country("US", ((-5.0, 0.47), (-6.0, 0.29), (-7.0, 0.06), (-8.0, 0.18)), 12.0),
    Country("GB", ((0.0, 1.0),), 4.0),
    Country("AU", ((11.0, 0.6), (10.0, 0.2), (10.5, 0.07), (8.0, 0.13)), 3.0),
    Country("CA", ((-5.0, 0.6), (-6.0, 0.08), (-7.0, 0.12), (-8.0, 0.2)), 3.0),
    Country("NZ", ((13.0, 1.0),), 0.6),
    Country("IE", ((0.0, 1.0),), 0.6),
    Country("DE", ((1.0, 1.0),), 4.0),
    Country("NL", ((1.0, 1.0),), 1.2),
    Country("BE", ((1.0, 1.0),), 0.7),
    Country("FR", ((1.0, 1.0),), 2.5),
    Country("IT", ((1.0, 1.0),), 2.0),
    Country("ES", ((1.0, 1.0),), 1.8),
    Country("CH", ((1.0, 1.0),), 0.6),
    Country("AT", ((1.0, 1.0),), 0.6),
    Country("SE", ((1.0, 1.0),), 0.8),
    Country("NO", ((1.0, 1.0),), 0.5),
    Country("DK", ((1.0, 1.0),), 0.5),
    Country("FI", ((2.0, 1.0),), 0.5),
    Country("JP", ((9.0, 1.0),), 5.0),
    Country("KR", ((9.0, 1.0),), 3.5),
    Country("CN", ((8.0, 1.0),), 4.0),
    Country("TW", ((8.0, 1.0),), 1.5),
    Country("HK", ((8.0, 1.0),), 1.2),
    Country("SG", ((8.0, 1.0),), 1.2),
    Country("MY", ((8.0, 1.0),), 1.5),
    Country("ID", ((7.0, 0.65), (8.0, 0.25), (9.0, 0.1)), 4.0),
    Country("VN", ((7.0, 1.0),), 3.0),
    Country("TH", ((7.0, 1.0),), 2.0),
    Country("IN", ((5.5, 1.0),), 5.0),
    Country("SA", ((3.0, 1.0),), 2.0, (4, 5)),
    Country("AE", ((4.0, 1.0),), 1.8),
    Country("QA", ((3.0, 1.0),), 0.6, (4, 5)),
    Country("KW", ((3.0, 1.0),), 0.6, (4, 5)),
    Country("BR", ((-3.0, 1.0),), 2.5),
    Country("MX", ((-6.0, 1.0),), 2.0),
)

CODES: tuple[str, ...] = tuple(c.code for c in COUNTRIES)
INDEX: dict[str, int] = {c: i for i, c in enumerate(CODES)}
PH: int = INDEX["PH"]

# Where each population's foreign counterparts live (relative weights; jittered per world).
# fmt: off
CONSUMER_COUNTRIES: dict[str, float] = {
    "US": 26, "GB": 12, "AU": 10, "CA": 7, "DE": 8, "NL": 4, "SE": 4, "NO": 3, "DK": 2,
    "FI": 2, "CH": 2, "FR": 3, "BE": 2, "IE": 2, "NZ": 2, "AT": 1.5, "IT": 2, "ES": 1.5,
    "JP": 2, "KR": 1, "SG": 1, "AE": 1,
}
STUDENT_COUNTRIES: dict[str, float] = {
    "JP": 34, "KR": 24, "CN": 15, "TW": 9, "VN": 3, "SA": 3, "AE": 1.5, "BR": 2.5,
    "MX": 2, "IT": 1.5, "ES": 1.5, "FR": 1, "DE": 1, "TH": 1,
}
TUTOR_MARKETS: tuple[str, ...] = ("JP", "KR", "CN", "TW")  # single-market platforms
OFW_COUNTRIES: dict[str, float] = {
    "SA": 24, "AE": 17, "QA": 6, "KW": 6, "HK": 8, "SG": 7, "IT": 4, "US": 8, "CA": 6,
    "JP": 4, "TW": 4, "MY": 3, "GB": 3, "AU": 2, "KR": 2, "NZ": 1,
}
CLIENT_COUNTRIES: dict[str, float] = {
    "US": 55, "AU": 18, "GB": 12, "CA": 10, "NZ": 2, "SG": 2, "DE": 1, "IE": 1,
}
PARTNER_COUNTRIES: dict[str, float] = {
    "US": 24, "AU": 12, "GB": 10, "CA": 7, "DE": 6, "NL": 3, "NO": 3, "SE": 3, "CH": 2,
    "JP": 4, "KR": 3, "NZ": 2, "IT": 2, "FR": 2, "IE": 1.5, "DK": 1.5, "AE": 1.5, "SA": 1,
}
VPN_COUNTRIES: dict[str, float] = {
    "NL": 5, "SE": 3, "CH": 3, "DE": 4, "US": 5, "GB": 3, "SG": 2, "FR": 1.5, "CA": 1.5,
    "JP": 1,
}
# Share of households on IPv6 (where the RIR sample finds prefixes for the country).
IPV6_HOME: dict[str, float] = {
    "US": 0.12, "DE": 0.12, "JP": 0.1, "IN": 0.15, "FR": 0.12, "GB": 0.08, "BE": 0.1,
    "MY": 0.06, "PH": 0.03, "SA": 0.05, "AU": 0.06,
}
# fmt: on


def weights(
    table: dict[str, float], rng: np.random.Generator, jitter: float
) -> tuple[npt.NDArray[np.int64], FloatArr]:
    """Country indices and probabilities of a weight table, jittered log-normally per world."""
    idx = np.array([INDEX[c] for c in table], dtype=np.int64)
    w = np.array(list(table.values()), dtype=np.float64)
    if jitter > 0:
        w = w * rng.lognormal(0.0, jitter, len(w))
    return idx, w / w.sum()


def offsets_table() -> tuple[list[FloatArr], list[FloatArr]]:
    """Per country: possible UTC offsets and their shares."""
    offs = [np.array([o for o, _ in c.offsets]) for c in COUNTRIES]
    shares = [np.array([s for _, s in c.offsets]) for c in COUNTRIES]
    return offs, [s / s.sum() for s in shares]


def weekend_matrix() -> npt.NDArray[np.bool_]:
    """(country, weekday) -> is a rest day."""
    m = np.zeros((len(COUNTRIES), 7), dtype=bool)
    for i, c in enumerate(COUNTRIES):
        m[i, list(c.weekend)] = True
    return m
