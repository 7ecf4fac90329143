"""Referral export: CASE/UCO bundle (checked by case_validate), Art. 13 summary, signed manifest.

Fixtures are clinical placeholders: pseudonymous accounts, example.org addresses, RFC 5737 /
RFC 3849 documentation IPs, and evidence described only by type and size.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from vigil.cases.model import Authorisation, Case, CaseState, CustodyRecord, EvidenceItem
from vigil.cases.referral import (
    ART13_FIELDS,
    NOT_AVAILABLE,
    Dossier,
    agency_for,
    art13_markdown,
    art13_summary,
    build_bundle,
    bundle_files,
    manifest,
    verify_manifest,
)
from vigil.core import InputError
from vigil.core.signing import Signer

T0 = datetime(2024, 5, 1, 9, 0, tzinfo=UTC)
AT = T0 + timedelta(days=20)
SOURCE = "p_3f9a1c0d2b7e4a11"
CONSUMER = "p_8e2d4b6a0c1f3e55"
UUID_END = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-5][0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$")
CASE_VALIDATE = Path(sys.executable).parent / "case_validate"


def _item(item_id: str, day: int, size: int, digest: str) -> EvidenceItem:
    return EvidenceItem(
        item_id=item_id,
        case_id="CASE-2024-0007",
        account=SOURCE,
        captured_at=T0 + timedelta(days=day),
        media_type="video/webm",
        sha256=digest,
        size=size,
        recorded_by="investigator.a",
        recorded_at=T0 + timedelta(days=day, minutes=3),
        description=f"video recording, {size / 1e6:.1f} MB (recorded call segment)",
        is_evidence=True,
    )


def make_dossier(**changes: Any) -> Dossier:
    case = Case(
        case_id="CASE-2024-0007",
        state=CaseState.EVALUATION,
        accounts=(SOURCE, CONSUMER),
        opened_by="analyst.b",
        opened_at=T0,
        origin="metadata",
        summary="Source account flagged by the weekly metadata scan; consumer pattern confirmed.",
        country="PH",
    )
    auth = Authorisation(
        auth_id="AUTH-0003",
        case_id=case.case_id,
        authority="Regional Trial Court, Branch 12 (placeholder)",
        reference="CYBER-WARRANT-2024-0117",
        accounts=(SOURCE,),
        starts_at=T0,
        ends_at=T0 + timedelta(days=75),
        scope="Recording of video calls of the named account",
        entered_by="legal.c",
        entered_at=T0,
        approved_by="supervisor.d",
        approved_at=T0 + timedelta(hours=2),
        signature="00" * 64,
    )
    items = (_item("ITEM-0001", 4, 2_100_000, "ab" * 32), _item("ITEM-0002", 9, 850_000, "0F" * 32))
    custody = (
        CustodyRecord(
            "ITEM-0001",
            "investigator.a",
            T0 + timedelta(days=4, minutes=3),
            "sealed",
            "stored encrypted in the vault",
        ),
        CustodyRecord(
            "ITEM-0001",
            "supervisor.d",
            T0 + timedelta(days=12),
            "evaluated",
            "four-eyes evaluation marked it as evidence",
        ),
        CustodyRecord(
            "ITEM-0002",
            "investigator.a",
            T0 + timedelta(days=9, minutes=3),
            "sealed",
            "stored encrypted in the vault",
        ),
        CustodyRecord(
            "ITEM-0001", "analyst.b", AT - timedelta(hours=1), "exported", "prepared for referral"
        ),
    )
    base = Dossier(
        case=case,
        authorisation=auth,
        evidence=items,
        custody=custody,
        identifiers=(
            {"kind": "email", "value": "x@example.org", "source": "content identification"},
            {"kind": "ip", "value": "203.0.113.5", "source": "call metadata"},
            {"kind": "handle", "value": "user_4821", "source": "decoy conversation"},
        ),
        timeline=((T0, "case opened from metadata flag"), (T0 + timedelta(hours=2), "authorised")),
        metadata_flags=(
            {
                "account": SOURCE,
                "role": "source",
                "score": 0.93,
                "rank": 1,
                "patterns": ["foreign_contacts", "den"],
                "window_start": T0 - timedelta(days=7),
                "explanation": "video calls with 5 foreign accounts from 4 countries in one week",
            },
        ),
        content_scores=(
            {
                "conversation_id": "conv-17",
                "flagged": True,
                "score": 0.81,
                "categories": {"payment": 2, "request": 1},
                "explanation": "payment and request terms co-occur",
            },
        ),
        locations=(
            {"ip": "203.0.113.5", "country": "PH", "at": "2024-05-05T09:00:00+00:00"},
            {"ip": "198.51.100.23", "country": "GB", "at": "2024-05-05T09:00:00+00:00"},
            {"ip": "2001:db8::17", "country": "NL", "at": "2024-05-06T21:00:00+00:00"},
        ),
        provider="Example VoIP Ltd (placeholder)",
        urgency="immediate",
        legal_basis="Proposed EU CSA Regulation, Art. 12 reporting obligation (placeholder)",
    )
    return replace(base, **changes)


def case_validate(path: Path) -> subprocess.CompletedProcess[str]:
    if not CASE_VALIDATE.exists():
        pytest.fail(f"case_validate is not installed beside {sys.executable} (dev extra)")
    return subprocess.run(
        [str(CASE_VALIDATE), str(path)], capture_output=True, text=True, timeout=120, check=False
    )


def node_ids(value: Any) -> list[str]:
    if isinstance(value, dict):
        own = [value["@id"]] if "@type" in value and "@id" in value else []
        return own + [i for v in value.values() for i in node_ids(v)]
    if isinstance(value, list):
        return [i for v in value for i in node_ids(v)]
    return []


def nodes_of(bundle: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [n for n in bundle["@graph"] if n["@type"] == kind]


# ------------------------------------------------------------------------- case_validate


def test_written_bundle_conforms_to_case_uco(tmp_path: Path) -> None:
    files = bundle_files(make_dossier(), "PH", Signer.generate(), AT)
    path = tmp_path / "bundle.jsonld"
    path.write_bytes(files["bundle.jsonld"])
    done = case_validate(path)
    output = done.stdout + done.stderr
    assert done.returncode == 0, output[-3000:]
    assert "Conforms: True" in output
    assert "Violation" not in output


def test_case_validate_rejects_a_broken_hash(tmp_path: Path) -> None:
    bundle = build_bundle(make_dossier(), "PH", at=AT)
    (evidence,) = [
        n
        for n in nodes_of(bundle, "uco-observable:ObservableObject")
        if n["uco-core:name"] == "ITEM-0001"
    ]
    digest = evidence["uco-core:hasFacet"][0]["uco-observable:hash"][0]
    digest["uco-types:hashValue"]["@value"] = "not-a-hex-digest"
    path = tmp_path / "broken.jsonld"
    path.write_text(json.dumps(bundle), encoding="utf-8")
    done = case_validate(path)
    output = done.stdout + done.stderr
    assert done.returncode != 0
    assert "Violation" in output and "hexBinary" in output


# ---------------------------------------------------------------------------- bundle shape


def test_bundle_models_the_investigation_evidence_and_custody() -> None:
    dossier = make_dossier()
    bundle = build_bundle(dossier, "PH", at=AT)
    ids = node_ids(bundle["@graph"])
    assert ids and all(UUID_END.search(i) for i in ids)
    assert len(ids) == len(set(ids))
    # Reproducible: same dossier, same ids; another case, other ids.
    assert build_bundle(dossier, "PH", at=AT) == bundle
    other = make_dossier(
        case=replace(dossier.case, case_id="CASE-2024-0008"),
        authorisation=replace(dossier.authorisation, case_id="CASE-2024-0008"),
        evidence=(),
        custody=(),
    )
    assert not set(node_ids(build_bundle(other, "PH")["@graph"])) & set(ids)

    (bundle_node,) = nodes_of(bundle, "uco-core:Bundle")
    (investigation,) = nodes_of(bundle, "investigation:Investigation")
    (authorization,) = nodes_of(bundle, "investigation:Authorization")
    assert investigation["investigation:relevantAuthorization"] == [{"@id": authorization["@id"]}]
    assert authorization["investigation:authorizationIdentifier"] == ["CYBER-WARRANT-2024-0117"]
    assert {"@id": investigation["@id"]} in bundle_node["uco-core:object"]

    evidence = {
        n["uco-core:name"]: n
        for n in nodes_of(bundle, "uco-observable:ObservableObject")
        if n["uco-core:name"].startswith("ITEM-")
    }
    assert set(evidence) == {"ITEM-0001", "ITEM-0002"}
    facet = evidence["ITEM-0002"]["uco-core:hasFacet"][0]
    assert facet["@type"] == "uco-observable:ContentDataFacet"
    assert facet["uco-observable:sizeInBytes"]["@value"] == 850_000
    (digest,) = facet["uco-observable:hash"]
    assert digest["uco-types:hashMethod"] == "SHA256"
    assert digest["uco-types:hashValue"] == {"@type": "xsd:hexBinary", "@value": "0f" * 32}
    assert len(nodes_of(bundle, "investigation:ProvenanceRecord")) == 2

    # Custody: the export of ITEM-0001 is informed by its evaluation, which follows the sealing,
    # which follows the recording: one chain per item.
    actions = {n["@id"]: n for n in nodes_of(bundle, "investigation:InvestigativeAction")}
    (exported,) = [a for a in actions.values() if a["uco-core:name"] == "exported"]
    chain = []
    step: dict[str, Any] | None = exported
    while step is not None:
        chain.append(step["uco-core:name"])
        informed = step.get("investigation:wasInformedBy")
        step = actions[informed[0]["@id"]] if informed else None
    assert chain == ["exported", "evaluated", "sealed", "recorded under judicial authorisation"]
    assert all("uco-action:performer" in a for a in actions.values())

    names = {n.get("uco-core:name") for n in nodes_of(bundle, "uco-identity:Organization")}
    assert {"Philippine National Police (PNP)", "Example VoIP Ltd (placeholder)"} <= names
    accounts = nodes_of(bundle, "uco-observable:DigitalAccount")
    assert {a["uco-core:hasFacet"][0]["uco-observable:accountIdentifier"] for a in accounts} == {
        SOURCE,
        CONSUMER,
    }
    assert len(nodes_of(bundle, "uco-observable:EmailAddress")) == 1
    assert len(nodes_of(bundle, "uco-observable:IPv6Address")) == 1


# ------------------------------------------------------------------------------- agencies


def test_agency_lookup_and_interpol_fallback() -> None:
    assert agency_for("ph").name == "Philippine National Police (PNP)"
    assert "NBI" in agency_for("PH").note
    assert agency_for("UK") == agency_for("GB")
    assert "CEOP" in agency_for("GB").unit
    fallback = agency_for("BR")
    assert fallback.via_interpol
    assert fallback.name == "INTERPOL National Central Bureau"
    assert fallback.country == "BR" and "BR" in fallback.unit
    summary = art13_summary(make_dossier(), "BR")
    assert summary["referral_agency"]["name"] == "INTERPOL National Central Bureau"


@pytest.mark.parametrize("code", ["PHL", "", "P1", "P", "🇵🇭"])
def test_bad_country_code_is_one_sentence(code: str) -> None:
    with pytest.raises(InputError) as err:
        agency_for(code)
    message = str(err.value)
    assert message.endswith(".") and "\n" not in message and message.count(". ") == 0
    with pytest.raises(InputError):
        build_bundle(make_dossier(), code)


def test_dossier_refuses_what_must_not_be_referred() -> None:
    dossier = make_dossier()
    not_marked = replace(dossier.evidence[0], is_evidence=False)
    with pytest.raises(InputError, match="not marked as evidence"):
        make_dossier(evidence=(not_marked,))
    with pytest.raises(InputError, match="urgency"):
        make_dossier(urgency="soon")
    with pytest.raises(InputError, match="SHA-256"):
        make_dossier(evidence=(replace(dossier.evidence[0], sha256="zz" * 32),))
    with pytest.raises(InputError, match="IP address"):
        make_dossier(locations=({"ip": "203.0.113.999", "country": "PH", "at": ""},))


# ------------------------------------------------------------------------ Art. 13 summary


def test_summary_holds_every_article_13_field() -> None:
    summary = art13_summary(make_dossier(), "PH", at=AT, signed_by="ab" * 32)
    for key in ART13_FIELDS:
        assert summary[key] not in (None, "", [], {}), key
    assert summary["urgent"] == "immediate"
    assert summary["imminent_threat_to_child"].startswith("yes")
    assert summary["report_timestamp"] == AT.isoformat()
    assert "ab" * 32 in summary["report_signature"]
    assert [c["sha256"] for c in summary["content_data"]] == ["ab" * 32, "0f" * 32]
    assert all(c["covered_by_authorisation"] == "yes" for c in summary["content_data"])
    assert {loc["ip"] for loc in summary["location_data"]} >= {"203.0.113.5", "2001:db8::17"}
    assert summary["user_identity"]["identifiers"][0]["value"] == "x@example.org"
    assert summary["authorisation_reference"]["reference"] == "CYBER-WARRANT-2024-0117"
    assert summary["referral_agency"]["unit"].startswith("Women and Children Protection")
    assert summary["content_status"]["new_or_known"].startswith("new")

    text = art13_markdown(summary)
    for heading in (
        "Provider identification",
        "Location data and IP addresses",
        "Urgency",
        "Judicial authorisation",
        "Receiving law-enforcement agency",
    ):
        assert f"## {heading}" in text
    assert "203.0.113.5" in text and "ab" * 32 in text


def test_missing_fields_say_not_available() -> None:
    sparse = make_dossier(
        evidence=(),
        custody=(),
        identifiers=(),
        locations=(),
        provider="",
        legal_basis="",
        metadata_flags=(),
        content_scores=(),
        urgency="routine",
    )
    summary = art13_summary(sparse, "NL")
    for key in (
        "report_timestamp",
        "report_signature",
        "content_data",
        "content_status",
        "location_data",
        "legal_basis",
    ):
        assert summary[key] == NOT_AVAILABLE, key
    assert summary["provider_identification"]["name"] == NOT_AVAILABLE
    assert summary["user_identity"]["identifiers"] == NOT_AVAILABLE
    assert summary["other_data"]["metadata_flags"] == NOT_AVAILABLE
    text = art13_markdown(summary)
    sections = text.split("\n## ")[1:]
    assert len(sections) == len(ART13_FIELDS) + 1
    assert all(body.strip() for _, _, body in (s.partition("\n") for s in sections))


# ------------------------------------------------------------------------------- manifest


def test_bundle_files_are_covered_by_a_signed_manifest() -> None:
    signer = Signer.generate()
    files = bundle_files(make_dossier(), "PH", signer, AT)
    assert set(files) == {
        "bundle.jsonld",
        "summary.json",
        "summary.md",
        "dossier.json",
        "manifest.json",
    }
    m = json.loads(files["manifest.json"])
    assert [f["name"] for f in m["files"]] == [
        "bundle.jsonld",
        "dossier.json",
        "summary.json",
        "summary.md",
    ]
    assert m["key_fingerprint"] == signer.verifier.fingerprint()
    assert verify_manifest(m, files, signer.verifier) == []
    assert json.loads(files["dossier.json"])["evidence"][0]["sha256"] == "ab" * 32
    # Pure and reproducible: the same inputs give the same bytes (Ed25519 is deterministic).
    assert bundle_files(make_dossier(), "PH", signer, AT) == files


def test_manifest_detects_changed_missing_and_extra_files() -> None:
    signer = Signer.generate()
    files = dict(bundle_files(make_dossier(), "PH", signer, AT))
    del files["manifest.json"]
    files["evidence/ITEM-0001.bin"] = b"\x00placeholder ciphertext\x01" * 10
    m = manifest(files, signer, case_id="CASE-2024-0007", at=AT)
    assert verify_manifest(m, files, signer.verifier) == []

    flipped = dict(files)
    data = bytearray(flipped["evidence/ITEM-0001.bin"])
    data[5] ^= 0x01
    flipped["evidence/ITEM-0001.bin"] = bytes(data)
    (problem,) = verify_manifest(m, flipped, signer.verifier)
    assert "evidence/ITEM-0001.bin" in problem and "SHA-256" in problem

    missing = {k: v for k, v in files.items() if k != "summary.md"}
    (problem,) = verify_manifest(m, missing, signer.verifier)
    assert "summary.md" in problem and "missing" in problem

    extra = {**files, "notes.txt": b"added later"}
    (problem,) = verify_manifest(m, extra, signer.verifier)
    assert "notes.txt" in problem and "not listed" in problem

    forged = json.loads(json.dumps(m))
    forged["files"][0]["sha256"] = "00" * 32
    assert any("signature" in p for p in verify_manifest(forged, files, signer.verifier))
    assert any("different key" in p for p in verify_manifest(m, files, Signer.generate().verifier))
    assert verify_manifest({"files": []}, files, signer.verifier) != []


@pytest.mark.parametrize("name", ["../outside.bin", "/etc/x", "manifest.json", "a//b", ""])
def test_manifest_refuses_names_outside_the_referral(name: str) -> None:
    with pytest.raises(InputError):
        manifest({name: b"x"}, Signer.generate(), case_id="C", at=AT)
