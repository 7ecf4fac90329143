"""The decoy's identifier reader: platform conventions, names and numbers spelled out, a
platform named on an earlier line, ages and places as partners write them.

Every value here is invented and differs from the held-out partner sets; lines are short
and hold an identifier and little else.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vigil.core import ConfigError
from vigil.decoy.handles import load_handles
from vigil.decoy.identifiers import IdentifierReader, load_reader, read_identifiers
from vigil.decoy.places import load_places
from vigil.decoy.readings import Form
from vigil.decoy.spelled import spelled_names, spelled_numbers


@pytest.fixture(scope="module")
def reader() -> IdentifierReader:
    return load_reader()


def values(line: str, kind: str | None = None) -> list[str]:
    return [f"{i.kind}:{i.value}" for i in read_identifiers(line) if kind in (None, i.kind)]


# -- one convention per platform (data/handles.toml) -------------------------------------------
@pytest.mark.parametrize(
    ("line", "value"),
    [
        # Names written bare on the platform itself.
        ("my fb is lito.santos.22", "handle:facebook:lito.santos.22"),
        ("add me on messenger: carla.reyes.9", "handle:facebook:carla.reyes.9"),
        ("line id: hiro_tky88", "handle:line:hiro_tky88"),
        ("wechat me: chen_gz_2020", "handle:wechat:chen_gz_2020"),
        ("kakao: jisoo_bs07", "handle:kakaotalk:jisoo_bs07"),
        ("my roblox user is blox_hero_2013", "handle:roblox:blox_hero_2013"),
        ("skype me on rob.tan.1980", "handle:skype:rob.tan.1980"),
        ("signal user name: nightbird.17", "handle:signal:nightbird.17"),
        # Names shown with an "@".
        ("my ig is mara_lens_21", "handle:instagram:@mara_lens_21"),
        ("tiktok @vina.dances", "handle:tiktok:@vina.dances"),
        ("kik: hale_rn_30", "handle:kik:@hale_rn_30"),
        ("my wise is @peter.k99", "payment_handle:wise:@peter.k99"),
    ],
)
def test_each_platform_writes_names_its_own_way(line: str, value: str) -> None:
    assert values(line, value.split(":")[0]) == [value]


def test_a_discord_tag_is_part_of_the_name() -> None:
    assert values("discord: pixel_owl#3093", "handle") == ["handle:discord:@pixel_owl#3093"]
    assert values("my discord is pixel_owl", "handle") == ["handle:discord:@pixel_owl"]


def test_a_weak_platform_word_before_a_shaped_name_is_a_handle() -> None:
    # A name no word or time looks like needs no frame; a word or a time still does.
    assert values("snap me rico_vx31", "handle") == ["handle:snapchat:@rico_vx31"]
    for line in ("oh snap me too", "tg me at 10.30pm", "ig lang ako sa 5pm"):
        assert values(line, "handle") == [], line


def test_a_national_number_of_no_use_abroad_is_read_as_a_philippine_one(
    reader: IdentifierReader,
) -> None:
    # A partner placed in Australia who writes a Philippine mobile in national form.
    hits = reader.read("text mo ko 0918 555 0142", "AU")
    assert "+639185550142" in {i.value.split(":")[-1] for i in hits}


def test_weak_platform_words_count_only_in_a_platform_frame() -> None:
    assert values("my LINE is taro-k-55") == ["handle:line:taro-k-55"]
    assert values("we chat on signal, i am owl.77") == ["handle:signal:owl.77"]
    for line in ("the line was so long", "no signal here", "be wise with money", "snap out of it"):
        assert values(line) == [], line


def test_the_handles_file_must_say_each_platforms_convention(tmp_path: Path) -> None:
    bad = tmp_path / "handles.toml"
    bad.write_text("[platform.skype]\nkind = 'handle'\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="at = true"):
        load_handles(bad)
    bad.write_text("[platform.skype]\nat = false\nkind = 'email'\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="kind"):
        load_handles(bad)
    bad.write_text("[countries]\nKenya = 7\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="ISO codes"):
        load_places(bad)


@pytest.mark.parametrize(
    ("line", "city"),
    [
        ("the boss of your tita here in Milano", "Milan"),
        ("m 33 dxb", "Dubai"),
        ("im from München", "Munich"),
        ("I live in Milan", "Milan"),
    ],
)
def test_a_city_goes_by_its_english_name(line: str, city: str) -> None:
    """[city_names]: one city one name in the dossier, whatever the partner called it."""
    assert values(line, "city") == [f"city:{city}"]


def test_city_names_must_map_names_to_names(tmp_path: Path) -> None:
    bad = tmp_path / "places.toml"
    bad.write_text("[city_names]\nMilano = 3\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"\[city_names\]"):
        load_places(bad)


# -- names spelled out, quoted, spaced ---------------------------------------------------------
@pytest.mark.parametrize(
    ("line", "value", "surface"),
    [
        ("kik me: tomas underscore 88", "handle:kik:@tomas_88", "tomas underscore 88"),
        ("snap is lily dot rose dot 05", "handle:snapchat:@lily.rose.05", None),
        ("my discord is frost dash wolf dash 11", "handle:discord:@frost-wolf-11", None),
        ("telegram: @ m a r k o _ 7 7", "handle:telegram:@marko_77", None),
        ("discord name 'ember.fox.19'", "handle:discord:@ember.fox.19", "ember.fox.19"),
        ('add "kai_storm_07" on snap', "handle:snapchat:@kai_storm_07", None),
    ],
)
def test_names_spelled_out_or_quoted_are_read_whole(
    line: str, value: str, surface: str | None
) -> None:
    hits = [h for h in read_identifiers(line) if h.kind == "handle"]
    assert [f"handle:{h.value}" for h in hits] == [value]
    if surface is not None:
        assert line[hits[0].start : hits[0].end] == surface


def test_spelled_separators_keep_offsets_into_the_line() -> None:
    form = spelled_names(Form.of("is ana underscore 3"))
    assert form.text == "is ana_3"
    assert form.span(3, 8) == (3, 19)


def test_a_platform_word_inside_a_name_is_part_of_the_name() -> None:
    # "r0bl0x" joined to the rest of the name by "_" names no platform; "k1k" does.
    assert values("4dd m3 0n k1k: n1nj4_r0bl0x_77") == ["handle:kik:@n1nj4_r0bl0x_77"]
    assert values("add me on kik: tiktok_fan_5") == ["handle:kik:@tiktok_fan_5"]


def test_an_address_with_its_separators_spelled_out_is_read_whole() -> None:
    assert values("or mail nina underscore vale at example dot com") == [
        "email:nina_vale@example.com"
    ]
    assert values("email: rey dash tan at example.org") == ["email:rey-tan@example.org"]
    assert values("meet at home dot later") == []


# -- a platform named on an earlier line -------------------------------------------------------
def test_a_platform_named_earlier_places_a_name_given_later(reader: IdentifierReader) -> None:
    hint = reader.platform_named("move to telegram?")
    assert hint == "telegram"
    found = [i.value for i in reader.read("its @mo_lake_40", platform_hint=hint)]
    assert found == ["telegram:@mo_lake_40"]
    assert reader.read("mine is reef_diver.9", platform_hint="discord")[0].value == (
        "discord:@reef_diver.9"
    )
    assert reader.platform_named("u have snap?") == "snapchat"
    assert reader.platform_named("add my fb") == "facebook"
    assert reader.platform_named("no signal here") is None
    # A weak platform word leading a line that prefers it: "snap is better, ...".
    assert reader.platform_named("snap is better, the pics vanish") == "snapchat"
    assert reader.platform_named("the signal is better upstairs") is None
    hint = reader.platform_named("snap is safer")
    assert [i.value for i in reader.read("add me: jun_rider.08", platform_hint=hint)] == [
        "snapchat:@jun_rider.08"
    ]


@pytest.mark.parametrize(
    "line", ["meet at 10.30pm", "ok 3.50 each", "email me at jo.b@example.com", "im 45, from Leeds"]
)
def test_a_platform_named_earlier_claims_no_time_price_or_address(
    reader: IdentifierReader, line: str
) -> None:
    assert not [i for i in reader.read(line, platform_hint="telegram") if i.kind == "handle"]


# -- phone numbers -----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("line", "phone"),
    [
        ("call plus four four seven seven zero zero nine zero zero one two three", "+447700900123"),
        ("text zero nine one eight five five five one two three four", "+639185551234"),
        ("plus sixty three nine one eight five five five four four two one", "+639185554421"),
        ("call plus one three oh three 555 zero one four seven", "+13035550147"),
        ("+63 9l7 555 O123", "+639175550123"),  # look-alike letters in the digits
        ("whatsapp + 4 4 7 7 0 0 9 0 0 6 6 6", "+447700900666"),
        ("my uk sim +44 7700 900 321", "+447700900321"),  # a range libphonenumber lists unused
        ("call 415-555-0132 anytime", "+14155550132"),  # the North American way of writing
        ("ring me, plus 44 7700 900 3 2 1", "+447700900321"),  # "plus" in words, digits split
    ],
)
def test_numbers_in_words_and_unlisted_ranges(line: str, phone: str) -> None:
    assert phone in [v.removeprefix("phone:") for v in values(line, "phone")]


def test_a_mobile_wallet_number_is_his_phone_too() -> None:
    found = values("maya: 0918 555 0777 (TopUpHub)")
    assert "phone:+639185550777" in found
    assert [v for v in found if v.startswith("payment_handle:")] == [
        "payment_handle:maya:+639185550777"
    ]
    assert "phone:+639185550666" in values("pay via gcash 0918 555 0666 (Rina T.)")


def test_number_words_make_a_number_only_in_a_long_run() -> None:
    for line in ("one or two", "i have two or three cats", "call me at five", "room nine one two",
                 "plus 2 more players", "500 plus 1000 shipping"):  # fmt: skip
        assert spelled_numbers(Form.of(line)).text == line
    form = spelled_numbers(Form.of("ok two-oh-two 555 0147 pls"))
    assert form.text == "ok 2025550147 pls"
    assert form.span(3, 13) == (3, 22)


def test_region_of_uses_a_citys_country_where_no_country_is_known(
    reader: IdentifierReader,
) -> None:
    assert reader.region_of({"city": ["Adelaide"]}) == "AU"
    assert reader.region_of({"country": ["NZ"], "city": ["Adelaide"]}) == "NZ"
    assert reader.region_of({"city": ["Nowhereville"]}) is None
    found = [i.value for i in reader.read("text me 0412 555 019", "AU") if i.kind == "phone"]
    assert found == ["+61412555019"]


# -- values as written -------------------------------------------------------------------------
def test_case_and_scheme_are_kept_as_written_beside_the_canonical_form() -> None:
    assert values("my cashapp is $RoyGreen55", "payment_handle") == [
        "payment_handle:cashapp:$roygreen55",
        "payment_handle:cashapp:$RoyGreen55",
    ]
    # A link written without a scheme is also given the one it opens with now.
    assert values("ip is mc.example.org") == [
        "url:http://mc.example.org",
        "url:mc.example.org",
        "url:https://mc.example.org",
    ]
    assert values("https://mc.example.org") == ["url:https://mc.example.org"]
    # A channel link is the channel's handle, as any profile link is its platform's, and
    # still a link.
    assert values("sub pls youtube.com/@TinyBakes", "handle") == [
        "handle:youtube:@tinybakes",
        "handle:youtube:@TinyBakes",
    ]
    assert "url:https://youtube.com/@TinyBakes" in values("sub pls youtube.com/@TinyBakes")
    assert values("proof: paypal.me/sam_pays_4") == [
        "payment_handle:paypal:@sam_pays_4",
        "url:https://paypal.me/sam_pays_4",
        "url:paypal.me/sam_pays_4",
    ]
    assert values("join t.me/moss_lane_31", "url") == [
        "url:https://t.me/moss_lane_31",
        "url:t.me/moss_lane_31",
    ]
    assert values("telegram: moss_lane_31", "url") == []
    assert "url:https://youtube.com/@BakeWithMilo" in values("my channel youtube.com/@BakeWithMilo")


# -- ages --------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("line", "age"),
    [
        ("im Rolf, m52 from Leeds", "52"),
        ("f29 here", "29"),
        ("my name Jae, 41, in Daegu", "41"),
        ("I am a 39-year-old teacher", "39"),
        ("66 years young", "66"),
        ("47, working in Kuwait", "47"),
        ("Coach Nel, 31", "31"),
        ("im lea, 11 too, from Bogo", "11"),
        ("9 na po ako", "9"),
        ("pila imong edad? ako 11", "11"),
        ("i turned 15 last week", "15"),
        ("im from Bergen, fifty-three years", "53"),
        ("thirty five years old", "35"),
        ("my son is 40 and im 65", "65"),
        # Introductions whose age is a field of its own, or comes after a second field.
        ("rudi here, 48, from Graz", "48"),
        ("walt, 52, tacoma", "52"),
        ("im tomas, porto, 44 🙂", "44"),
        ("am Ewan by the way, 47, fae Dundee", "47"),
        ("ich bin Jens, 51 Jahre", "51"),
        ("im Dario 47 from Trieste", "47"),
        ("coach Max here, 49, in Doha", "49"),
        ("me Luc, 52 ans, de Nantes", "52"),
        ("i am Piotr, Gdansk. 45 years", "45"),
        # Introductions in Tagalog, Cebuano, Indian English, Indonesian, Spanish and French.
        ("ako si Tito Nonoy, 47, taga Liloan", "47"),
        ("ako pala si Kuya Jomar, 36, Talisay", "36"),
        ("myself Harish, 41 years, from Nagpur", "41"),
        ("taga Carmen ko, 52", "52"),
        ("taga Danao talaga ako, 44 na", "44"),
        ("aku Bayu, 37 tahun, tinggal di Malang", "37"),
        ("soy Andrés, tengo 53, de Bilbao", "53"),
        ("quel âge? moi 48, j'habite à Nantes", "48"),
        ("j'ai 51 ans", "51"),
        ("me japan man 42 year, stay in cebu", "42"),
        # A child giving her own age back.
        ("ilang taon ka? ako 11 din hehe", "11"),
        ("ako 8 pero pro na ako", "8"),
        ("pila imong edad? 11 pud ko", "11"),
        ("12 pa ko, taga Liloan ko", "12"),
        ("umurku 12 tahun, kamu?", "12"),
        ("ich bin Jonas, 11 Jahre alt, aus Bremen", "11"),
    ],
)
def test_ages_as_partners_write_them(line: str, age: str) -> None:
    assert values(line, "age") == [f"age:{age}"]


@pytest.mark.parametrize(
    "line",
    [
        "my wife is 35",
        "my brother is 25",
        "Must be 21 years old and above",
        "it was forty years ago",
        "i waited twenty years for this",
        "Happy Birthday, 25!",
        "Sunday, 12",
        "the warranty is 2, 20 years",
        "50 years ago we met",
        # A guess at her age; a school grade or a game rank; a count of things or years.
        "tu as quel âge? 11 ans?",
        "taga asa ka, 11?",
        "grade 6 din ako",
        "epic 3 pa lang ako haha",
        "level 7 pud ko",
        "tengo 3 gatos",
        "tengo 15 minutos",
        "saya 2 tahun di sini",
        "a man 30 years older",
        "taga Carmen ko, 20 minutes away",
    ],
)
def test_no_age_of_someone_else_a_limit_or_a_date(line: str) -> None:
    assert values(line, "age") == []


def test_a_turning_age_gives_way_to_the_age_now() -> None:
    assert values("im 8, turning 9 in may", "age") == ["age:8"]


# -- places ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("line", "place"),
    [
        ("ofw ako dito sa jeddah", "city:Jeddah"),  # the gazetteer's capitals
        ("im from bacolod", "city:Bacolod"),  # as written: no "City" he did not write
        ("im from Bacolod City", "city:Bacolod City"),
        ("taga Minglanilla ko, 30 anyos", "city:Minglanilla"),  # not in the tables
        ("hi im 14 f from dalaguete", "city:Dalaguete"),
        ("im Ken, 44, Leeds", "city:Leeds"),  # after the age in an introduction
        ("I am Ivo, 50 years old, Lisbon", "city:Lisbon"),
        ("m33 liverpool here", "city:Liverpool"),
        ("im 8, from Naga city Cebu", "city:Naga City"),
        ("originally from Kenya", "country:KE"),
        ("im from Texas, 40", "country:US"),  # a state gives the country
        # Tagalog/Cebuano "sa", Scots "fae", German "aus", and a city after the age field.
        ("nandito ako sa Jeddah ngayon", "city:Jeddah"),
        ("am Ewan, 47, fae Dundee", "city:Dundee"),
        ("ich bin Jens, aus Hamburg", "city:Hamburg"),
        ("I'm Walt, 52, Tacoma Washington", "city:Tacoma"),
        # A city-state's name is its city and its country.
        ("im from Singapore", "city:Singapore"),
        ("I am Omar from Kuwait City", "city:Kuwait City"),
        # Phrases of residence in other languages.
        ("soy Andrés, tengo 53, de Bilbao", "city:Bilbao"),
        ("aku Bayu, 37 tahun, tinggal di Malang", "city:Malang"),
        ("quel âge? moi 48, j'habite à Nantes", "city:Nantes"),
        ("hai! kamu dari Medan? aku dari Bandung", "city:Bandung"),
        ("taga Danao talaga ako, 44 na", "city:Danao"),
        # A city the tables lack, then its state.
        ("i'm Dale, 58, from Flagstaff Arizona", "city:Flagstaff"),
        ("from Dayton, Ohio", "city:Dayton"),
        # Her place asked, and his too: "me too", or "too" in the question.
        ("taga Liloan ka? ako sab!", "city:Liloan"),
        ("taga Mandaue ka? ako din", "city:Mandaue"),
        ("taga Cebu City ka din? ako sa Lahug", "city:Cebu City"),
    ],
)
def test_places_as_partners_write_them(line: str, place: str) -> None:
    assert place in values(line)


@pytest.mark.parametrize(
    "line",
    [
        "he lives in Madrid",
        "my sister lives in Osaka",
        "they'll ban u from roblox",
        "Earn 5000 from home!!",
        "From Brgy. Luz Hall",
        "payment comes from tina.g@example.org",
        "f19 here",
        "taga diri ra ko",
        "u from bacolod?",
        "taga Liloan ka?",
        "kamu dari Medan?",
        "tu es de Nantes?",
        "de nada, gracias",
        "i got it from Amazon California",
        "taga probinsya ka? ako din",
    ],
)
def test_no_place_of_someone_else_or_of_her(line: str) -> None:
    assert not [v for v in values(line) if v.startswith(("city:", "country:"))]


def test_a_place_asked_of_her_gives_way_to_the_one_he_names() -> None:
    assert values("hai! kamu dari Medan? aku dari Bandung", "city") == ["city:Bandung"]
    assert values("Cebu ka rin? ako taga Mandaue", "city") == ["city:Mandaue"]


# -- ordinary words beside a platform are no names ---------------------------------------------
@pytest.mark.parametrize(
    "line",
    [
        "it doesnt work on cashapp, sorry",
        "add me on discord its",
        "telegram is safer",
        "did you see the new tiktok dance?",
        "i watch youtube everyday",
        "ok waiting on kik",
        "lets play roblox later",
    ],
)
def test_ordinary_words_beside_a_platform_are_no_names(line: str) -> None:
    assert not [v for v in values(line) if v.startswith(("handle", "payment_handle"))]


def test_an_at_name_after_a_verb_is_a_handle_not_an_address() -> None:
    assert values("follow me @tea.time.club on tiktok") == ["handle:tiktok:@tea.time.club"]
    assert values("write to tea.b at example dot com") == ["email:tea.b@example.com"]


def test_the_engine_reads_a_handle_with_the_platform_named_on_an_earlier_line() -> None:
    """The engine keeps the platform a partner named last: "add me on telegram" and then
    "its @name" gives a Telegram handle in the dossier; a new conversation starts without."""
    from datetime import UTC, datetime, timedelta

    from vigil.decoy import build_engine

    engine = build_engine(retrieval="keyword", pace="instant", rng_seed=3)
    t0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
    for i, line in enumerate(["hello", "add me on telegram", "its @harbor_owl_58"]):
        engine.on_message("pa", "irc", line, t0 + timedelta(minutes=i))
    engine.on_message("pb", "irc", "its @harbor_owl_58", t0)
    told = engine.dossier("pa", "irc")
    fresh = engine.dossier("pb", "irc")
    assert told is not None and fresh is not None
    assert "telegram:@harbor_owl_58" in told.identifiers.get("handle", [])
    assert "telegram:@harbor_owl_58" not in fresh.identifiers.get("handle", [])


PIECES = [*"abcdeilmnoprstuvy0123456789 .,@:+-_$/'", *"ｇａｌｗａｙ０１２", "ii", "ooo", "live in "]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=30).map(lambda p: "i liiive in " + "".join(p)))
def test_no_line_makes_the_reader_fail(line: str) -> None:
    """Stretched letters, full-width forms and stray symbols shift a line's rewritings
    against the line itself; every span must still map back into it (a partner's line
    once raised IndexError here and stopped the simulator)."""
    for found in read_identifiers(line):
        assert 0 <= found.start <= found.end <= len(line)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80))
def test_any_text_reads_without_error(line: str) -> None:
    for found in read_identifiers(line):
        assert 0 <= found.start <= found.end <= len(line)
