"""Each pattern on a hand-built world small enough to reason about call by call."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from itertools import count
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from vigil.core import MetadataConfig, Pseudonymiser
from vigil.geo import AnonymiserIndex, load_country_table, parse_risk_area
from vigil.metadata import GeoContext, ScanResult, connect, scan_calls
from vigil.simulate.ip_pool import sample_ipv4

KEY = Pseudonymiser(b"pattern-key-0123456789abcdef")
MONDAY = datetime(2026, 3, 2, tzinfo=UTC)
_rng = np.random.default_rng(3)
_used: set[str] = set()


def ip(cc: str) -> str:
    return sample_ipv4(_rng, cc, 1, _used)[0]


class World:
    def __init__(self) -> None:
        self.rows: list[dict[str, Any]] = []
        self.ids = count()

    def call(
        self,
        a: str,
        a_ip: str,
        b: str,
        b_ip: str,
        day: int,
        hour: int,
        minutes: int = 15,
        media: str = "video",
        at_minute: int | None = None,
    ) -> None:
        n = next(self.ids)
        # Shows start whenever both are ready: off the clock's slots unless a test says.
        minute = 7 + (n * 11) % 17 if at_minute is None else at_minute
        self.rows.append(
            {
                "call_id": f"c{n}",
                "started_at": MONDAY + timedelta(days=day, hours=hour, minutes=minute),
                "duration_s": minutes * 60,
                "caller": b,
                "callee": a,
                "caller_ip": b_ip,
                "callee_ip": a_ip,
                "media": media,
            }
        )

    def family(self, who: str, who_ip: str, cc: str, n: int = 3) -> None:
        """Ordinary domestic contacts, so nobody is only their suspicious calls."""
        for i in range(n):
            for day in (0, 3):
                self.call(who, who_ip, f"{who}-kin{i}", ip(cc), day, 12, 30, "audio")

    def scan(
        self,
        tmp_path: Path,
        anonymisers: list[Path] | None = None,
        cfg: MetadataConfig | None = None,
    ) -> ScanResult:
        path = tmp_path / "calls.parquet"
        pq.write_table(pa.Table.from_pylist(self.rows), path)
        geo = GeoContext(
            countries=load_country_table(None),
            risk_areas=[parse_risk_area("PH")],
            anonymisers=AnonymiserIndex.from_files(anonymisers) if anonymisers else None,
        )
        return scan_calls(
            connect("duckdb"),
            [path],
            geo,
            cfg or MetadataConfig(),
            KEY,
            now=datetime(2026, 11, 1, tzinfo=UTC),
        )


def flagged(result: ScanResult) -> dict[str, dict[str, Any]]:
    return {r["account"]: r for r in result.flags.to_pylist()}


def candidates(result: ScanResult) -> dict[str, dict[str, Any]]:
    """Every scored account (flagged or not) by pseudonym."""
    return {r["account"]: r for r in result.candidates.to_pylist()}


def test_one_off_foreign_video_contacts_make_a_source_with_its_figures(tmp_path: Path) -> None:
    w = World()
    src_ip = ip("PH")
    w.family("src", src_ip, "PH")
    for i, cc in enumerate(["US", "GB", "AU", "DE", "US"]):
        buyer = f"buyer{i}"
        w.call("src", src_ip, buyer, ip(cc), day=i, hour=14)
        w.family(buyer, ip(cc), cc)
    flags = flagged(w.scan(tmp_path))
    row = flags[KEY.pseudonym("src")]
    assert row["role"] == "source" and "source" in row["patterns"]
    assert "5 foreign counterparts from 4 wealthier countries" in row["explanation"]
    assert "5 one-off" in row["explanation"]
    assert "video calls 15 min on average" in row["explanation"]
    # Its calls at home count too (6 with kin, 5 abroad): features are computed for the
    # accounts with a pair between countries, over all of their pairs.
    assert "; 11 calls;" in row["explanation"]
    # Each buyer met one source: a lead below the source, with no graph pattern.
    for i in range(5):
        buyer = flags.get(KEY.pseudonym(f"buyer{i}"))
        if buyer is not None:
            assert buyer["patterns"] == ["consumer"] and buyer["rank"] > row["rank"]
            assert "linked (video or phone) to 1 candidate source" in buyer["explanation"]


@pytest.mark.parametrize("weeks", [1, 2])
def test_a_tutor_is_told_apart_by_the_timetable_in_the_history(tmp_path: Path, weeks: int) -> None:
    """One week of one lesson per student looks like one-off contacts; a second week at the
    same hours shows the timetable."""
    w = World()
    tutor_ip = ip("PH")
    w.family("tutor", tutor_ip, "PH")
    for i, cc in enumerate(["JP", "KR", "JP", "KR", "US", "GB"]):
        student, student_ip = f"student{i}", ip(cc)
        for week in range(weeks):
            w.call("tutor", tutor_ip, student, student_ip, 7 * week + i % 5, 10 + i, 25)
        w.family(student, student_ip, cc)
    flags = flagged(w.scan(tmp_path))
    if weeks == 1:
        assert "6 one-off" in flags[KEY.pseudonym("tutor")]["explanation"]
    else:
        assert KEY.pseudonym("tutor") not in flags


def test_den_and_graph_lift_accounts_a_single_contact_would_not(tmp_path: Path) -> None:
    w = World()
    den_ip = ip("PH")
    buyers = [(f"b{i}", cc, ip(cc)) for i, cc in enumerate(["US", "GB", "AU", "SE", "NO", "CA"])]
    for b, cc, b_ip in buyers:
        w.family(b, b_ip, cc)
    # Two streaming accounts behind one household IP, each with several one-off buyers.
    for j, who in enumerate(["d1", "d2"]):
        w.family(who, den_ip, "PH", n=1)
        for b, _, b_ip in [*buyers[j * 3 : j * 3 + 3], buyers[(j + 3) % 6]]:
            w.call(who, den_ip, b, b_ip, day=j + 1, hour=15)
    # A quiet source with one buyer, who also bought from both den accounts.
    quiet_ip = ip("PH")
    w.family("quiet", quiet_ip, "PH")
    w.call("quiet", quiet_ip, buyers[0][0], buyers[0][2], day=5, hour=16)
    w.call("d2", den_ip, buyers[0][0], buyers[0][2], day=6, hour=16)
    flags = flagged(w.scan(tmp_path))
    d1, d2 = flags[KEY.pseudonym("d1")], flags[KEY.pseudonym("d2")]
    assert "den" in d1["patterns"] and "den" in d2["patterns"]
    assert "with 1 other account on video abroad" in d1["explanation"]
    assert "together on video with 6 foreign counterparts" in d1["explanation"]
    buyer = flags[KEY.pseudonym("b0")]
    assert buyer["role"] == "consumer" and "graph" in buyer["patterns"]
    assert "3 candidate sources" in buyer["explanation"]
    quiet = flags.get(KEY.pseudonym("quiet"))
    assert quiet is not None and quiet["patterns"] == ["graph"]


@pytest.mark.parametrize("one_household", [True, False])
def test_a_counterpart_shared_within_one_household_lifts_no_graph(
    tmp_path: Path, one_household: bool
) -> None:
    """Three accounts each on video once with the same three people abroad (short calls, no
    ties that mark a relative). Behind one home IP they are a family calling its relatives:
    the shared counterparts are the den pattern's to judge, not a graph of independent
    sources. In three households the same calls are three buyers vouching for three sources."""
    w = World()
    home_ip = ip("PH")
    abroad = [(f"rel-{cc.lower()}", ip(cc), cc) for cc in ("US", "GB", "AU")]
    for who, who_ip, cc in abroad:
        w.family(who, who_ip, cc)
    for i in range(3):
        who, who_ip = f"kin{i}", home_ip if one_household else ip("PH")
        w.family(who, who_ip, "PH", n=1)
        for j, (rel, rel_ip, cc) in enumerate(abroad):
            w.call(who, who_ip, rel, rel_ip, day=(i + 2 * j) % 7, hour=EVENING[cc], minutes=15)
    cand = {r["account"]: r for r in w.scan(tmp_path).candidates.to_pylist()}
    kin = cand.get(KEY.pseudonym("kin0"))
    if one_household:
        assert kin is None or "graph" not in kin["patterns"]
    else:
        assert kin is not None and "graph" in kin["patterns"]
        assert "3 counterparts of its 3 linked" in kin["explanation"]


def test_a_diaspora_relative_is_no_consumer_and_no_foreigner(tmp_path: Path) -> None:
    w = World()
    relative, rel_ip = "ofw", ip("SA")
    homes = [(f"home{i}", ip("PH")) for i in range(4)]
    for who, who_ip in homes:
        w.family(who, who_ip, "PH")
        for day in (0, 2, 4):
            w.call(who, who_ip, relative, rel_ip, day=day, hour=20, minutes=60)
    result = w.scan(tmp_path)
    assert result.flags.num_rows == 0


@pytest.mark.parametrize("vpn_only", [True, False])
def test_an_account_seen_only_through_a_vpn_has_no_location(tmp_path: Path, vpn_only: bool) -> None:
    w = World()
    src_ip = ip("PH")
    w.family("src", src_ip, "PH")
    exits = tmp_path / "vpn.txt"
    vpn_ips = [ip("US") for _ in range(5)]
    exits.write_text("\n".join(f"{v}/32" for v in vpn_ips) + "\n")
    for i, cc in enumerate(["US", "GB", "AU", "DE", "SE"]):
        buyer = f"buyer{i}"
        w.call("src", src_ip, buyer, vpn_ips[i], day=i, hour=14)
        if not vpn_only:
            w.family(buyer, ip(cc), cc)  # their own calls from home place them
    result = w.scan(tmp_path, [exits])
    cand = candidates(result)
    if vpn_only:
        assert KEY.pseudonym("src") not in cand
    else:
        assert "5 foreign counterparts" in cand[KEY.pseudonym("src")]["explanation"]


# UTC hours that are 20:00 (evening) in each buyer country's representative time zone, and
# 11:00 (office hours) there.
EVENING = {"US": 2, "GB": 20, "AU": 10, "DE": 19, "SE": 19, "NO": 19, "CA": 1}
OFFICE = {cc: (hour + 15) % 24 for cc, hour in EVENING.items()}
BUYER_COUNTRIES = ["US", "GB", "AU", "DE", "SE", "NO", "CA"]


def _seller(
    w: World, who: str, buyers: list[str], minutes: int, hours: dict[str, int] = EVENING
) -> None:
    """`who` in the Philippines on video once with each buyer (named b-<CC>-...)."""
    who_ip = ip("PH")
    w.family(who, who_ip, "PH")
    for i, buyer in enumerate(buyers):
        cc = buyer.split("-")[1]
        buyer_ip = ip(cc)
        w.family(buyer, buyer_ip, cc)
        w.call(who, who_ip, buyer, buyer_ip, day=i % 7, hour=hours[cc], minutes=minutes)


def _phone_customers(
    w: World, who: str, n: int, countries: list[str], hours: dict[str, int], days: int
) -> None:
    """`who` in the Philippines phones (audio only) n customers abroad, each once, taking
    the countries in turn, at the given local hours."""
    for i in range(n):
        cc = countries[i % len(countries)]
        cust, cust_ip = f"cust{i}", ip(cc)
        w.family(cust, cust_ip, cc)
        w.call(who, ip("PH"), cust, cust_ip, day=i % days, hour=hours[cc], media="audio")


def test_long_video_calls_count_for_little(tmp_path: Path) -> None:
    """Same foreigners, same one-off contacts: 12-minute calls are shows, 90-minute ones
    dates, and only the shows make a source."""
    w = World()
    _seller(w, "shows", [f"b-{cc}-s" for cc in BUYER_COUNTRIES[:4]], minutes=12)
    _seller(w, "dates", [f"b-{cc}-d" for cc in BUYER_COUNTRIES[:4]], minutes=90)
    result = w.scan(tmp_path)
    flags = flagged(result)
    cand = candidates(result)
    shows = flags[KEY.pseudonym("shows")]
    assert shows["role"] == "source" and "length profile 1.00" in shows["explanation"]
    dates = cand[KEY.pseudonym("dates")]
    assert KEY.pseudonym("dates") not in flags
    assert "video calls 90 min on average" in dates["explanation"]
    assert "length profile 0.10" in dates["explanation"]
    assert dates["score"] < shows["score"] / 5


def test_a_week_of_lessons_is_discounted_by_the_calls_on_a_timetable(tmp_path: Path) -> None:
    """Two students take three lessons a week at one hour, five come once: in one week most
    of the tutor's lesson calls keep a timetable, though most students look one-off."""
    w = World()
    tutor_ip = ip("PH")
    w.family("tutor", tutor_ip, "PH")
    for i, cc in enumerate(["JP", "KR", "JP", "KR", "JP", "KR", "JP"]):
        student, student_ip = f"student{i}", ip(cc)
        w.family(student, student_ip, cc)
        days = (0, 2, 4) if i < 2 else (i,)
        for day in days:
            w.call("tutor", tutor_ip, student, student_ip, day=day, hour=11 + i % 2, minutes=25)
    result = w.scan(tmp_path)
    cand = candidates(result)
    tutor = cand[KEY.pseudonym("tutor")]
    assert "5 one-off" in tutor["explanation"] and "2 on a timetable" in tutor["explanation"]
    assert "6 of its 11 foreign video calls keep a timetable" in tutor["explanation"]
    assert tutor["score"] < result.threshold


@pytest.mark.parametrize("on_slot", [0, 5, 7])
def test_lessons_booked_in_clock_slots_are_discounted_in_a_week_without_a_timetable(
    tmp_path: Path, on_slot: int
) -> None:
    """Seven students, one lesson each this week (no timetable can show yet), in the
    students' evenings. Started on the half hour they are booked lessons; started whenever
    both are ready, they are the same shape as shows and stay a source. Chance puts 7 of 30
    minutes near a slot, so 5 of 7 is beyond it (z 3.0: half the discount) and 7 of 7 fully."""
    w = World()
    _seller(w, "ph", [f"b-{cc}-t" for cc in BUYER_COUNTRIES[:7]], minutes=25)
    lessons = [row for row in w.rows if row["callee"] == "ph" and row["caller"].startswith("b-")]
    for i, row in enumerate(lessons[:on_slot]):
        row["started_at"] = row["started_at"].replace(minute=(0, 30)[i % 2])
    result = w.scan(tmp_path)
    cand = candidates(result)
    row = cand.get(KEY.pseudonym("ph"))
    if on_slot == 7:
        assert row is None or row["score"] < result.threshold
        return
    assert row is not None and "7 one-off" in row["explanation"]
    if on_slot == 5:
        assert (
            "5 of its 7 foreign video calls start within 3 min of a 30-minute clock slot"
            in (row["explanation"])
        )
        assert "booked share 0.50" in row["explanation"]
    else:
        assert "clock slot" not in row["explanation"]
        assert row["score"] >= result.threshold


@pytest.mark.parametrize("office", [False, True])
def test_calls_in_the_counterparts_office_hours_look_like_business(
    tmp_path: Path, office: bool
) -> None:
    """Six short one-off video calls with foreigners: in their evenings a source, in their
    office hours a freelancer's client meetings."""
    w = World()
    hours = OFFICE if office else EVENING
    _seller(w, "ph", [f"b-{cc}-x" for cc in BUYER_COUNTRIES[:6]], minutes=15, hours=hours)
    result = w.scan(tmp_path)
    cand = candidates(result)
    row = cand[KEY.pseudonym("ph")]
    if office:
        why = "6 of its 6 foreign voice hours of day fall in the counterparts' office hours"
        assert why in row["explanation"]
        assert row["score"] < result.threshold
    else:
        assert "office hours" not in row["explanation"]
        assert row["score"] >= result.threshold


def test_a_buyer_with_no_ties_at_home_is_no_diaspora_relative(tmp_path: Path) -> None:
    """A buyer whose every contact is a source it comes back to on several days keeps no
    ties at home: still a consumer, not a relative, and a link between the sources."""
    w = World()
    for j in range(3):
        _seller(w, f"src{j}", [f"b-{cc}-{j}" for cc in BUYER_COUNTRIES[j : j + 3]], minutes=10)
    buyer_ip = ip("US")
    for j in range(3):
        for day, hour in ((1, 1), (4, 4)):  # at varying hours: no timetable
            w.call(f"src{j}", ip("PH"), "heavy", buyer_ip, day=day, hour=hour, minutes=9)
    flags = flagged(w.scan(tmp_path))
    heavy = flags[KEY.pseudonym("heavy")]
    assert heavy["role"] == "consumer" and "graph" in heavy["patterns"]
    assert "linked (video or phone) to 3 candidate sources" in heavy["explanation"]
    assert "diaspora" not in heavy["explanation"]
    assert all("graph" in flags[KEY.pseudonym(f"src{j}")]["patterns"] for j in range(3))


def test_a_phone_call_to_a_source_is_a_link_too(tmp_path: Path) -> None:
    """A buyer on video with one source phones another, and phones a third account that is
    on no foreign video at all: all three are linked through it."""
    w = World()
    _seller(w, "s1", [f"b-{cc}-1" for cc in BUYER_COUNTRIES[:4]], minutes=10)
    _seller(w, "s2", [f"b-{cc}-2" for cc in BUYER_COUNTRIES[3:7]], minutes=10)
    buyer_ip = ip("GB")
    w.family("buyer", buyer_ip, "GB")
    w.family("quiet", ip("PH"), "PH")
    w.call("s1", ip("PH"), "buyer", buyer_ip, day=2, hour=EVENING["GB"], minutes=10)
    w.call("s2", ip("PH"), "buyer", buyer_ip, day=3, hour=EVENING["GB"], minutes=8, media="audio")
    w.call(
        "quiet", ip("PH"), "buyer", buyer_ip, day=5, hour=EVENING["GB"], minutes=6, media="audio"
    )
    result = w.scan(tmp_path)
    buyer = flagged(result)[KEY.pseudonym("buyer")]
    assert "linked (video or phone) to 3 candidate sources" in buyer["explanation"]
    assert "graph" in buyer["patterns"]
    cand = candidates(result)
    quiet = cand[KEY.pseudonym("quiet")]
    assert quiet["role"] == "source" and quiet["patterns"] == ["graph"]
    assert "on video with 0 foreign counterparts" in quiet["explanation"]
    assert "1 counterpart of its 1 linked (video or phone) also met" in quiet["explanation"]


def test_a_den_is_the_household_meeting_the_rule_together(tmp_path: Path) -> None:
    """Four accounts behind one household IP with one short show each: a den. A housemate
    of a strong source with one foreign call of its own is not."""
    w = World()
    den_ip = ip("PH")
    for i, cc in enumerate(["US", "GB", "AU", "DE"]):
        who, buyer, buyer_ip = f"d{i}", f"b-{cc}-den", ip(cc)
        w.family(who, den_ip, "PH", n=1)
        w.family(buyer, buyer_ip, cc)
        w.call(who, den_ip, buyer, buyer_ip, day=i, hour=EVENING[cc], minutes=12)
    home_ip = ip("PH")
    strong = [f"b-{cc}-st" for cc in BUYER_COUNTRIES]
    for i, buyer in enumerate(strong):
        cc = buyer.split("-")[1]
        buyer_ip = ip(cc)
        w.family(buyer, buyer_ip, cc)
        w.call("strong", home_ip, buyer, buyer_ip, day=i, hour=EVENING[cc], minutes=10)
    w.family("housemate", home_ip, "PH", n=2)
    pal_ip = ip("SE")
    w.family("pal", pal_ip, "SE")
    w.call("housemate", home_ip, "pal", pal_ip, day=3, hour=EVENING["SE"], minutes=12)
    flags = flagged(w.scan(tmp_path))
    for i in range(4):
        row = flags[KEY.pseudonym(f"d{i}")]
        assert row["patterns"] == ["den"]
        assert "with 3 other accounts on video abroad" in row["explanation"]
        reach = "together on video with 4 foreign counterparts from 4 countries"
        assert reach in row["explanation"]
    assert "source" in flags[KEY.pseudonym("strong")]["patterns"]
    assert KEY.pseudonym("housemate") not in flags


@pytest.mark.parametrize("local", [0, 30])
def test_a_seller_on_video_mostly_with_people_at_home_is_discounted(
    tmp_path: Path, local: int
) -> None:
    """Five one-off foreign video buyers make a source; with thirty more video contacts at
    home the account is a seller or a streamer whose foreign calls are incidental."""
    w = World()
    _seller(w, "ph", [f"b-{cc}-x" for cc in BUYER_COUNTRIES[:5]], minutes=4)
    for i in range(local):
        w.call("ph", ip("PH"), f"local{i}", ip("PH"), day=i % 7, hour=11, minutes=3)
    result = w.scan(tmp_path)
    row = candidates(result)[KEY.pseudonym("ph")]
    if local:
        assert "only 5 of its 35 video contacts are abroad" in row["explanation"]
        assert row["score"] < result.threshold
    else:
        assert "video contacts are abroad" not in row["explanation"]
        assert row["score"] >= result.threshold


def test_a_call_centre_agent_phoning_customers_in_office_hours_is_a_business(
    tmp_path: Path,
) -> None:
    """Three short foreign video calls in the customers' evenings look like shows; with a
    dozen customers phoned in their office hours the same agent is a business."""
    w = World()
    _seller(w, "agent", [f"b-{cc}-x" for cc in ("US", "GB", "AU")], minutes=8)
    _phone_customers(w, "agent", 12, BUYER_COUNTRIES[:3], OFFICE, days=5)
    result = w.scan(tmp_path)
    row = candidates(result)[KEY.pseudonym("agent")]
    assert "fall in the counterparts' office hours" in row["explanation"]
    assert row["score"] < result.threshold


def test_customers_phoning_many_agents_do_not_lift_them_through_the_graph(
    tmp_path: Path,
) -> None:
    """Customers who phone several agents link them in the graph, but phone links lift an
    agent at most `phone_graph_cap`: no show was seen on any of those calls."""
    w = World()
    agents = [f"agent{j}" for j in range(4)]
    agent_ips = {a: ip("PH") for a in agents}
    for a in agents:
        w.family(a, agent_ips[a], "PH")
    for i in range(10):
        cust, cust_ip = f"cust{i}", ip("US")
        w.family(cust, cust_ip, "US")
        for j, a in enumerate(agents):
            w.call(a, agent_ips[a], cust, cust_ip, day=j, hour=EVENING["US"], media="audio")
    result = w.scan(tmp_path)
    cand = candidates(result)
    cap = MetadataConfig().phone_graph_cap
    for a in agents:
        row = cand.get(KEY.pseudonym(a))
        assert row is None or row["score"] <= cap + 1e-9
    assert not flagged(result)


def test_a_relative_abroad_vouches_for_a_source_at_kin_vouch(tmp_path: Path) -> None:
    """A relative abroad, whose ties are mostly in the risk area, is on short video calls
    with a source (and its buyers' one-off shows) and with a cousin who has no evidence of
    its own. The relative's vouching lifts the cousin at `kin_vouch`, half a foreigner's."""
    w = World()
    _seller(w, "src", [f"b-{cc}-x" for cc in BUYER_COUNTRIES[:5]], minutes=10)
    relative, rel_ip = "ofw", ip("US")
    cousin, cousin_ip = "cousin", ip("PH")
    w.family(cousin, cousin_ip, "PH")
    for i in range(4):
        w.call(f"{relative}-kin{i}", ip("PH"), relative, rel_ip, day=i, hour=12, minutes=40)
        w.call(f"{relative}-kin{i}", ip("PH"), relative, rel_ip, day=i + 2, hour=13, minutes=40)
    w.call("src", ip("PH"), relative, rel_ip, day=1, hour=EVENING["US"], minutes=10)
    w.call(cousin, cousin_ip, relative, rel_ip, day=3, hour=EVENING["US"], minutes=10)

    def graph(vouch: float) -> float:
        cand = w.scan(tmp_path, cfg=MetadataConfig(kin_vouch=vouch)).candidates.to_pylist()
        row = {r["account"]: r for r in cand}[KEY.pseudonym(cousin)]
        assert "relative abroad" in row["explanation"] or "graph" in row["patterns"]
        return float(row["score"])

    kin, foreigner = graph(MetadataConfig().kin_vouch), graph(1.0)
    assert 0 < kin < foreigner


@pytest.mark.parametrize("phoned", [0, 12])
def test_an_account_phoning_many_foreigners_it_never_sees_is_a_business_line(
    tmp_path: Path, phoned: int
) -> None:
    """Five one-off foreign video contacts in the buyers' evenings make a source; twelve
    more foreigners phoned (audio only, also in their evenings) make it a call centre's
    line, whatever the hours."""
    w = World()
    _seller(w, "ph", [f"b-{cc}-x" for cc in BUYER_COUNTRIES[:5]], minutes=8)
    _phone_customers(w, "ph", phoned, BUYER_COUNTRIES[:5], EVENING, days=7)
    result = w.scan(tmp_path)
    row = candidates(result)[KEY.pseudonym("ph")]
    if phoned:
        assert "it phoned 12 foreigners from wealthier countries" in row["explanation"]
        assert row["score"] < result.threshold
    else:
        assert "it phoned" not in row["explanation"]
        assert row["score"] >= result.threshold
