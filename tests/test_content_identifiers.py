"""Identifier extraction: each kind, each obfuscated form, the negatives, and a property
test that arbitrary text never breaks it. All text here is short and clinical."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vigil.content.identifiers import (
    KINDS,
    PLATFORMS,
    Identifier,
    extract_identifiers,
    is_valid_bitcoin_address,
)
from vigil.content.identifiers_crypto import base58check_kind, segwit_kind
from vigil.content.identifiers_places import lookup_place


def found(text: str, **kwargs: str) -> list[tuple[str, str, str]]:
    """(kind, value, matched text) for every identifier in `text`."""
    return [(i.kind, i.value, text[i.start : i.end]) for i in extract_identifiers(text, **kwargs)]


def only(text: str, **kwargs: str) -> Identifier:
    hits = extract_identifiers(text, **kwargs)
    assert len(hits) == 1, hits
    return hits[0]


# --- emails -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "surface"),
    [
        ("mail me: anna.reyes@example.com", "anna.reyes@example.com", "anna.reyes@example.com"),
        ("ANNA@EXAMPLE.COM", "anna@example.com", "ANNA@EXAMPLE.COM"),
        ("john dot smith at gmail dot com", "john.smith@gmail.com", None),
        ("email: john.smith [at] gmail [dot] com.", "john.smith@gmail.com", None),
        ("john (at) yahoo.com", "john@yahoo.com", "john (at) yahoo.com"),
        ("john{at}yahoo{dot}com", "john@yahoo.com", None),
        ("john at gmail.com", "john@gmail.com", None),
        ("john @ gmail.com", "john@gmail.com", None),
        ("write to a_b+tag@mail.example.com.ph today", "a_b+tag@mail.example.com.ph", None),
        # A sentence's "at" first reads as a spelled-out address; the real one follows it.
        ("mail me at john.doe@gmail.com", "john.doe@gmail.com", "john.doe@gmail.com"),
        ("write to me at ana.cruz@example.org pls", "ana.cruz@example.org", None),
    ],
)
def test_emails(text: str, value: str, surface: str | None) -> None:
    hit = only(text)
    assert (hit.kind, hit.value) == ("email", value)
    if surface is not None:
        assert text[hit.start : hit.end] == surface
    obfuscated = text[hit.start : hit.end].lower() != value
    assert ("obfuscated" in hit.explanation) == obfuscated


@pytest.mark.parametrize(
    "text", ["look at this.it works", "meet at home dot later", "we arrive at noon."]
)
def test_spelled_at_needs_a_known_tld(text: str) -> None:
    assert [h for h in extract_identifiers(text) if h.kind == "email"] == []


# --- phones -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "09171234567",
        "+63 917 123 4567",
        "0917-123-4567",
        "0917.123.4567",
        "0 9 1 7 1 2 3 4 5 6 7",
        "+63-917-1234567",
        "my number is 0917 123 4567 ok",
    ],
)
def test_philippine_phones(text: str) -> None:
    hit = only(text)
    assert (hit.kind, hit.value, hit.country) == ("phone", "+639171234567", "PH")
    assert text[hit.start : hit.end].strip() == text[hit.start : hit.end]


def test_international_phones_and_two_numbers() -> None:
    assert found("+44 7911 123456 or +1 415 555 2671") == [
        ("phone", "+447911123456", "+44 7911 123456"),
        ("phone", "+14155552671", "+1 415 555 2671"),
    ]
    assert [h.value for h in extract_identifiers("09171234567 09181234567")] == [
        "+639171234567",
        "+639181234567",
    ]


def test_default_region_is_configurable() -> None:
    assert found("(415) 555-2671", default_region="US") == [
        ("phone", "+14155552671", "(415) 555-2671")
    ]
    assert found("(415) 555-2671") == []  # not a valid Philippine number
    with pytest.raises(ValueError, match="region"):
        extract_identifiers("09171234567", default_region="XX")


@pytest.mark.parametrize(
    "text", ["1.5", "it costs 1.5 or 2.75", "year 2023 2024", "order 12345678", "12:30 5000"]
)
def test_not_phones(text: str) -> None:
    assert extract_identifiers(text) == []


# --- URLs ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "surface"),
    [
        ("see https://Example.com/Path?a=1.", "https://example.com/Path?a=1", None),
        ("(http://example.org/x)", "http://example.org/x", "http://example.org/x"),
        ("go to www.example.ph/info, thanks", "http://www.example.ph/info", None),
        ("site: example.com.ph", "http://example.com.ph", "example.com.ph"),
        ("shop at example.store now", "http://example.store", "example.store"),
    ],
)
def test_urls(text: str, value: str, surface: str | None) -> None:
    hit = only(text)
    assert (hit.kind, hit.value) == ("url", value)
    if surface is not None:
        assert text[hit.start : hit.end] == surface


@pytest.mark.parametrize("text", ["e.g. this", "i.e. that", "photo.jpg", "version 1.2.3"])
def test_not_urls(text: str) -> None:
    assert extract_identifiers(text) == []


# --- handles ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "surface"),
    [
        ("skype: live:xyz", "skype:live:xyz", "live:xyz"),
        ("my skype is live:anna.r22", "skype:live:anna.r22", "live:anna.r22"),
        ("my skype is anna.reyes22", "skype:anna.reyes22", "anna.reyes22"),
        ("skype id: anna@outlook.com", "skype:anna@outlook.com", "anna@outlook.com"),
        ("fb: anna.reyes22", "facebook:@anna.reyes22", "anna.reyes22"),
        ("fb.com/anna.reyes22", "facebook:@anna.reyes22", "fb.com/anna.reyes22"),
        ("https://www.facebook.com/anna.reyes22/", "facebook:@anna.reyes22", None),
        ("facebook.com/profile.php?id=100012345678", "facebook:id:100012345678", None),
        ("tg @anna_r22", "telegram:@anna_r22", "@anna_r22"),
        ("telegram: anna_r22", "telegram:@anna_r22", "anna_r22"),
        ("t.me/anna_r22", "telegram:@anna_r22", "t.me/anna_r22"),
        ("wa.me/639171234567", "whatsapp:+639171234567", "wa.me/639171234567"),
        ("whatsapp +63 917 123 4567", "whatsapp:+639171234567", "+63 917 123 4567"),
        ("whatsapp me at 0917 123 4567", "whatsapp:+639171234567", "0917 123 4567"),
        ("viber 0917-123-4567", "viber:+639171234567", "0917-123-4567"),
        ("ig: @anna.r22", "instagram:@anna.r22", "@anna.r22"),
        ("instagram.com/anna.r22", "instagram:@anna.r22", "instagram.com/anna.r22"),
        ("sc: anna_r22", "snapchat:@anna_r22", "anna_r22"),
        ("snap: anna_r22", "snapchat:@anna_r22", "anna_r22"),
        ("add me on snapchat anna_r22", "snapchat:@anna_r22", "anna_r22"),
        ("tiktok.com/@anna.r22", "tiktok:@anna.r22", "tiktok.com/@anna.r22"),
        ("line id: anna22", "line:@anna22", "anna22"),
        ("hello @Anna_R22 hi", "@anna_r22", "@Anna_R22"),
    ],
)
def test_handles(text: str, value: str, surface: str | None) -> None:
    hit = only(text)
    assert (hit.kind, hit.value) == ("handle", value)
    assert hit.platform == (value.split(":")[0] if ":" in value else None)
    if surface is not None:
        assert text[hit.start : hit.end] == surface


@pytest.mark.parametrize(
    "text",
    [
        "my skype is down",
        "ig is better",
        "my snap is broken",
        "my fb account",
        "Maya is my friend",
        "sc anna_r22",  # a short cue with no ":" is not enough
        "see you @5pm",
        "I am @home",
        "instagram.com/explore",
    ],
)
def test_not_handles(text: str) -> None:
    assert [h for h in extract_identifiers(text) if h.kind == "handle"] == []


# --- payment handles ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "surface"),
    [
        ("paypal: anna@example.com", "paypal:anna@example.com", "anna@example.com"),
        ("paypal anna dot reyes at gmail dot com", "paypal:anna.reyes@gmail.com", None),
        ("paypal.me/annareyes", "paypal:@annareyes", "paypal.me/annareyes"),
        ("gcash 09171234567", "gcash:+639171234567", "09171234567"),
        ("my gcash number is 0917-123-4567", "gcash:+639171234567", "0917-123-4567"),
        ("GCash #0917 123 4567", "gcash:+639171234567", "0917 123 4567"),
        ("paymaya: 09171234567", "maya:+639171234567", "09171234567"),
        ("cash app $annar", "cashapp:$annar", "$annar"),
        ("venmo @anna-r22", "venmo:@anna-r22", "@anna-r22"),
    ],
)
def test_payment_handles(text: str, value: str, surface: str | None) -> None:
    hit = only(text)
    assert (hit.kind, hit.value, hit.platform) == ("payment_handle", value, value.split(":")[0])
    if surface is not None:
        assert text[hit.start : hit.end] == surface


def test_paypal_email_is_reported_once() -> None:
    assert found("paypal: anna@example.com") == [
        ("payment_handle", "paypal:anna@example.com", "anna@example.com")
    ]


def test_gcash_number_is_not_also_a_phone() -> None:
    hits = extract_identifiers("gcash 09171234567, call 09181234567")
    assert [(h.kind, h.value) for h in hits] == [
        ("payment_handle", "gcash:+639171234567"),
        ("phone", "+639181234567"),
    ]


# --- bitcoin ------------------------------------------------------------------------

VALID_BITCOIN = [
    "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa",  # P2PKH
    "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy",  # P2SH
    "BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4",  # BIP-173 v0
    "bc1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3qccfmv3",  # v0 P2WSH
    "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0",  # BIP-350 v1
    "bc1pw508d6qejxtdg4y5r3zarvary0c5xw7kw508d6qejxtdg4y5r3zarvary0c5xw7kt5nd6y",
    "BC1SW50QGDZ25J",  # v16, 2-byte program
    "bc1zw508d6qejxtdg4y5r3zarvaryvaxxpcs",  # v2
    "tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sl5k7",  # testnet
]
INVALID_BITCOIN = [
    "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb",  # last character changed
    "1abcdefghijkmnopqrstuvwxyzABCDEFGH",  # random 34 base58 characters
    "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5",  # bad checksum
    "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqh2y7hd",  # v1 with bech32
    "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kemeawh",  # v0 with bech32m
    "BC1S0XLXVLHEMJA6C4DQV22UAPCTQUPFHLXM9H8Z3K2E72Q4K9HCZ7VQ54WELL",  # v16 with bech32
    "BC130XLXVLHEMJA6C4DQV22UAPCTQUPFHLXM9H8Z3K2E72Q4K9HCZ7VQ7ZWS8R",  # version 17
    "bc1pw5dgrnzv",  # 1-byte program
    "BC1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4",  # mixed case
]


@pytest.mark.parametrize("address", VALID_BITCOIN)
def test_valid_bitcoin_addresses(address: str) -> None:
    assert is_valid_bitcoin_address(address)
    text = f"send to {address} thanks"
    hit = only(text)
    expected = address if address[0] in "13" else address.lower()
    assert (hit.kind, hit.value, text[hit.start : hit.end]) == ("bitcoin", expected, address)


@pytest.mark.parametrize("address", INVALID_BITCOIN)
def test_invalid_bitcoin_checksums_are_rejected(address: str) -> None:
    assert not is_valid_bitcoin_address(address)
    assert [h for h in extract_identifiers(f"send to {address}") if h.kind == "bitcoin"] == []


def test_bitcoin_kinds_are_named() -> None:
    assert base58check_kind("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa") == "P2PKH"
    assert base58check_kind("3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy") == "P2SH"
    assert segwit_kind("bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0") == (
        "segwit v1 (bech32m)"
    )


# --- ages ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "years", "surface"),
    [
        ("I'm 24", 24, "I'm 24"),
        ("im 24 and you?", 24, "im 24"),
        ("I am only 14", 14, "I am only 14"),
        ("24 yrs old", 24, "24 yrs old"),
        ("24 y/o", 24, "24 y/o"),
        ("24yo", 24, "24yo"),
        ("I'm 12 years old", 12, "I'm 12 years old"),
        ("edad ko 24", 24, "edad ko 24"),
        ("24 anyos", 24, "24 anyos"),
        ("ako 24 na", 24, "ako 24 na"),
        ("24 na ako", 24, "24 na ako"),
        ("ako ay 24 taong gulang", 24, "24 taong gulang"),
        ("age: 24", 24, "age: 24"),
        ("my age is 30", 30, "my age is 30"),
        ("I'm 2 4", 24, "I'm 2 4"),
        ("2 4 yrs old", 24, "2 4 yrs old"),
        ("24/f", 24, "24/f"),
    ],
)
def test_ages(text: str, years: int, surface: str) -> None:
    hit = only(text)
    assert (hit.kind, hit.age, hit.value) == ("age", years, str(years))
    assert text[hit.start : hit.end] == surface


@pytest.mark.parametrize(
    "text",
    [
        "grade 7",
        "50 usd",
        "I'm 5 minutes away",
        "I am 2 hours late",
        "I'm 100% sure",
        "open 24/7",
        "I am 3.5 km away",
        "5 years ago",
        "I'm 5'4",
    ],
)
def test_not_ages(text: str) -> None:
    assert [h for h in extract_identifiers(text) if h.kind == "age"] == []


def test_age_is_none_for_other_kinds() -> None:
    assert only("09171234567").age is None


# --- places -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I live in Cebu", [("city", "Cebu City", "Cebu")]),
        ("from Cebu City, Philippines", [("city", "Cebu City", "Cebu City"),
                                         ("country", "PH", "Philippines")]),
        ("Manila and Davao", [("city", "Manila", "Manila"), ("city", "Davao City", "Davao")]),
        ("near Angeles, Pampanga", [("city", "Angeles City", "Angeles"),
                                    ("city", "Pampanga", "Pampanga")]),
        ("Cagayan de Oro or CDO", [("city", "Cagayan de Oro", "Cagayan de Oro"),
                                   ("city", "Cagayan de Oro", "CDO")]),
        ("Lapu-Lapu and lapu lapu", [("city", "Lapu-Lapu City", "Lapu-Lapu"),
                                     ("city", "Lapu-Lapu City", "lapu lapu")]),
        ("visiting Los Angeles", [("city", "Los Angeles", "Los Angeles")]),
        ("he is in the UK", [("country", "GB", "UK")]),
        ("back in the States", [("country", "US", "the States")]),
        ("an Aussie in Oz", [("country", "AU", "Aussie"), ("country", "AU", "Oz")]),
        ("a German tourist", [("country", "DE", "German")]),
    ],
)  # fmt: skip
def test_places(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert found(text) == expected
    for hit in extract_identifiers(text):
        assert hit.country is not None and len(hit.country) == 2


@pytest.mark.parametrize(
    "text", ["tell us more", "the wizard of oz", "nail polish", "cebu_gal", "I teach English"]
)
def test_not_places(text: str) -> None:
    assert [h for h in extract_identifiers(text) if h.kind in ("city", "country")] == []


def test_place_table_lookup() -> None:
    place = lookup_place("lapu  lapu")
    assert place is not None and (place.kind, place.code) == ("city", "PH")
    assert lookup_place("us") is None  # the pronoun is not the country


# --- whole messages -----------------------------------------------------------------


def test_mixed_message_is_sorted_and_labelled() -> None:
    text = "im 24 from Cebu, Philippines. whatsapp 0917 123 4567 or mail anna@example.com"
    assert found(text) == [
        ("age", "24", "im 24"),
        ("city", "Cebu City", "Cebu"),
        ("country", "PH", "Philippines"),
        ("handle", "whatsapp:+639171234567", "0917 123 4567"),
        ("email", "anna@example.com", "anna@example.com"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "The weather is nice today and we went to the market.",
        "Thank you for the lesson, see you on Monday at 3.",
        "Please review chapter 4 and the exercises on page 12.",
        "ok po salamat",
    ],
)
def test_ordinary_sentences_produce_nothing(text: str) -> None:
    assert extract_identifiers(text) == []


def test_explanations_do_not_quote_the_message() -> None:
    text = "hello, paypal: anna@example.com"
    for hit in extract_identifiers(text):
        assert "hello" not in hit.explanation
        assert hit.explanation


def test_platform_table_is_consistent() -> None:
    names = [p.name for p in PLATFORMS]
    assert len(names) == len(set(names))
    for platform in PLATFORMS:
        assert platform.kind in ("handle", "payment_handle")
        assert platform.forms


# --- properties ---------------------------------------------------------------------

_FRAGMENTS = st.sampled_from(
    [
        "@", " at ", " dot ", "[at]", "(dot)", ".", "0917", "+63", " ", "-", "/", ":",
        "skype", "gcash", "tg", "paypal", "wa.me/", "t.me/", "http://", "www.", ".com",
        "I'm ", "24", "2 4", " yrs old", "edad ko ", "Cebu", "UK", "bc1q", "1A1z", "$", "#",
        "\n", "é", "０", "𝟘",
    ]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_FRAGMENTS, st.text(max_size=6)), max_size=25).map("".join))
def test_never_raises_and_spans_are_sound(text: str) -> None:
    hits = extract_identifiers(text)
    previous_end = 0
    for hit in hits:
        assert hit.kind in KINDS
        assert 0 <= hit.start < hit.end <= len(text)
        assert hit.start >= previous_end  # sorted and non-overlapping
        previous_end = hit.end
        assert hit.value
        assert hit.explanation


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_arbitrary_text_never_raises(text: str) -> None:
    for hit in extract_identifiers(text):
        assert 0 <= hit.start < hit.end <= len(text)


# --- world cities (GeoNames, read only after a place word) ---------------------------


@pytest.mark.parametrize(
    ("text", "value", "country"),
    [
        ("im from houston", "houston", "US"),
        ("moving to Leeds next year", "leeds", "GB"),
        ("i work in the city of Gothenburg", "gothenburg", "SE"),
        ("im in the hague rn", "the hague", "NL"),
        ("greetings from Zürich", "zürich", "CH"),
        ("from zurich", "zurich", "CH"),
        ("i live near cologne", "cologne", "DE"),  # an exonym: GeoNames names it Köln
        ("visiting Sao Paulo", "sao paulo", "BR"),
    ],
)
def test_world_cities_after_a_place_word(text: str, value: str, country: str) -> None:
    hit = only(text)
    assert (hit.kind, hit.value.lower(), hit.country) == ("city", value, country)
    assert text[hit.start : hit.end].lower() == value


@pytest.mark.parametrize(
    "text",
    [
        "houston we have a problem",  # no place word before it
        "i am interested in reading",  # a word that is also a city, left out of the table
        "im in a nice mood",
        "from austin with love",  # a first name as often as a city
        "go to the store",
        "in houstonia",
    ],
)
def test_world_cities_stay_quiet_on_ordinary_words(text: str) -> None:
    assert [h for h in extract_identifiers(text) if h.kind == "city"] == []


def test_curated_places_win_over_world_cities() -> None:
    hits = extract_identifiers("greetings from new york city and from Cebu City")
    assert [(h.value, "place word" in h.explanation) for h in hits] == [
        ("New York", False),
        ("Cebu City", False),
    ]
