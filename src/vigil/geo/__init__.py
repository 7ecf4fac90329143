"""Geography of IP addresses and countries: IP → country, region and anonymiser labels,
and the country reference table with World Bank income groups.

Everything here works offline. Countries come from the RIR data embedded in `iptocc`;
regions and anonymiser lists come from files the user supplies; income groups from a
table shipped in ``vigil/geo/data/countries.csv`` that ``vigil geo import-income``
replaces; a representative UTC offset per country from ``data/utc_offsets.csv``.
Look up *distinct* addresses in batch, then join the answers back; `dotted_ipv4`,
`country_codes` and `AnonymiserIndex.labels_of_ipv4` are the Arrow/numpy batch forms.
"""

from vigil.geo.anonymisers import AnonymiserIndex, ListFile
from vigil.geo.countries import (
    INCOME_GROUP_NAMES,
    INCOME_GROUPS,
    INCOME_RANK,
    Country,
    CountryTable,
    IncomeGroup,
    load_country_table,
)
from vigil.geo.income_import import ImportReport, import_income
from vigil.geo.ip import (
    RIR_PSEUDO_CODES,
    countries_of,
    country_codes,
    country_of,
    dotted_ipv4,
    is_valid_ip,
)
from vigil.geo.regions import RegionDB
from vigil.geo.risk import RiskArea, parse_risk_area, parse_risk_areas
from vigil.geo.timezones import load_utc_offsets
from vigil.geo.worldbank import parse_income_group

__all__ = [
    "INCOME_GROUPS",
    "INCOME_GROUP_NAMES",
    "INCOME_RANK",
    "RIR_PSEUDO_CODES",
    "AnonymiserIndex",
    "Country",
    "CountryTable",
    "ImportReport",
    "IncomeGroup",
    "ListFile",
    "RegionDB",
    "RiskArea",
    "countries_of",
    "country_codes",
    "country_of",
    "dotted_ipv4",
    "import_income",
    "is_valid_ip",
    "load_country_table",
    "load_utc_offsets",
    "parse_income_group",
    "parse_risk_area",
    "parse_risk_areas",
]
