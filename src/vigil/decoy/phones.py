"""Phone numbers the content extractor leaves: numbers in ranges libphonenumber holds
unassigned, and North American numbers written the North American way to a partner whose
country the dossier does not know.

libphonenumber reads a number only where its metadata lists the range as assigned, and
ranges change faster than the metadata (and reserved ranges, such as the UK's 07700 900,
are what chat partners are told to use in examples). A number in international form ("+"
and a country code) with a length that country's plan allows is read all the same.
"""

from __future__ import annotations

import re

import phonenumbers

from vigil.content import Identifier
from vigil.decoy.readings import Form

_INTERNATIONAL = re.compile(r"(?<![\w+])\+\s?[1-9][\d\s().\-]{6,20}\d(?![\d])")
# Three, three and four digits with separators, the area code and exchange not starting
# with 0 or 1: the North American way of writing a number ("415-555-0132", "(614) 555 0147").
_NANP = re.compile(r"(?<![\d+\-.])\(?[2-9]\d\d\)?[\s.\-]\d{3}[\s.\-]\d{4}(?![\d\-.]\d)")


def possible_numbers(form: Form) -> list[Identifier]:
    """Numbers in international form that libphonenumber holds possible, not valid."""
    out = []
    for m in _INTERNATIONAL.finditer(form.text):
        try:
            number = phonenumbers.parse(m.group(), None)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(number) or not phonenumbers.is_possible_number(number):
            continue
        region = phonenumbers.region_code_for_country_code(number.country_code or 0)
        if region in (None, "ZZ", "001"):
            continue
        e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
        why = f"phone number in international form, possible for {region} (range unlisted)"
        out.append(Identifier("phone", e164, m.start(), m.end(), why, country=region))
    return out


def north_american(form: Form, known: list[Identifier]) -> list[Identifier]:
    """Numbers written the North American way that no other reading of the line took."""
    out = []
    for m in _NANP.finditer(form.text):
        start, end = form.span(m.start(), m.end())
        if any(k.start < end and start < k.end for k in known if k.kind == "phone"):
            continue
        try:
            number = phonenumbers.parse(m.group(), "US")
        except phonenumbers.NumberParseException:
            continue
        if not phonenumbers.is_valid_number(number):
            continue
        e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
        region = phonenumbers.region_code_for_number(number) or "US"
        why = f"number written the North American way, valid for {region}"
        out.append(Identifier("phone", e164, m.start(), m.end(), why, country=region))
    return out
