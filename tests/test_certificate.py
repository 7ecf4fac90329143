from __future__ import annotations

import dataclasses
import json
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vigil.cases.certificate import (
    KIND,
    DeletionCertificate,
    from_json,
    issue_certificate,
    to_json,
    verify_certificate,
)
from vigil.cases.vault import MasterKeyring, fingerprint, new_case_key, sha256_hex, wrap
from vigil.core import IntegrityError
from vigil.core.signing import Signer, canonical_bytes

SIGNER = Signer.generate()
AT = datetime(2025, 3, 14, 9, 30, 15, 123456, tzinfo=UTC)
ITEMS = (("item-1", sha256_hex(b"one")), ("item-2", sha256_hex(b"two")))
KEY_FP = fingerprint(wrap(MasterKeyring.generate(), "case-9", new_case_key()))


def _full(**overrides: Any) -> DeletionCertificate:
    args: dict[str, Any] = {
        "case_id": "case-9",
        "actor": "sup.lena",
        "reason": "closed_no_evidence",
        "items": ITEMS,
        "key_fingerprint": KEY_FP,
        "at": AT,
    }
    args.update(overrides)
    return issue_certificate(SIGNER, **args)


def test_full_shred_certificate_verifies() -> None:
    cert = _full()
    assert verify_certificate(SIGNER.verifier, cert)
    assert cert.items == ITEMS and cert.key_fingerprint == KEY_FP
    assert cert.shredded_at == AT
    assert cert.signer_fingerprint == SIGNER.verifier.fingerprint()


def test_items_may_be_any_iterable_and_empty_when_the_key_goes() -> None:
    cert = _full(items=iter(ITEMS))
    assert cert.items == ITEMS
    empty = _full(items=[])
    assert empty.items == () and verify_certificate(SIGNER.verifier, empty)
    assert "0 items listed" in empty.statement


def test_time_is_normalised_to_utc() -> None:
    local = AT.astimezone(timezone(timedelta(hours=8)))
    cert = _full(at=local)
    assert cert.shredded_at == AT and cert.shredded_at.tzinfo == UTC
    assert to_json(cert)["shredded_at"] == "2025-03-14T09:30:15.123456+00:00"


def test_statement_says_what_it_proves_and_what_not() -> None:
    statement = _full().statement
    for fact in (
        "vigil recorded",
        AT.isoformat(),
        "sup.lena",
        "case-9",
        "closed_no_evidence",
        KEY_FP,
        "was destroyed",
        "2 items listed",
        "secure_delete",
        SIGNER.verifier.fingerprint(),
        "does not prove",
        "physically erased",
        "backups",
    ):
        assert fact in statement


def test_partial_purge_says_the_case_key_lives_on() -> None:
    cert = _full(items=ITEMS[:1], key_fingerprint=None, reason="not evidence at referral")
    assert verify_certificate(SIGNER.verifier, cert)
    assert cert.key_fingerprint is None
    assert "1 item listed" in cert.statement
    assert "case key was kept" in cert.statement
    assert "could still be decrypted" in cert.statement
    assert "destroyed" not in cert.statement
    assert "does not prove" in cert.statement


@pytest.mark.parametrize(
    ("overrides", "problem"),
    [
        ({"items": [], "key_fingerprint": None}, "neither a key nor any item"),
        ({"at": AT.replace(tzinfo=None)}, "time zone"),
        ({"case_id": " "}, "case_id is empty"),
        ({"actor": ""}, "actor is empty"),
        ({"reason": ""}, "reason is empty"),
        ({"key_fingerprint": "abc"}, "key fingerprint"),
        ({"items": [("item-1", "zz")]}, "hash of item item-1"),
        ({"items": [("item-1", ITEMS[0][1].upper())]}, "hash of item item-1"),
        ({"items": [ITEMS[0], ITEMS[0]]}, "listed twice"),
        ({"items": [("", ITEMS[0][1])]}, "item id is empty"),
    ],
)
def test_issue_refuses_bad_content(overrides: dict[str, Any], problem: str) -> None:
    with pytest.raises(ValueError, match=problem):
        _full(**overrides)


CHANGES: dict[str, Any] = {
    "case_id": "case-10",
    "shredded_at": AT + timedelta(microseconds=1),
    "actor": "sup.other",
    "reason": "evaluation expired",
    "items": ITEMS[:1],
    "key_fingerprint": None,
    "statement": "vigil physically erased everything everywhere.",
    "signer_fingerprint": Signer.generate().verifier.fingerprint(),
    "signature": "00" * 64,
}


def test_every_field_is_covered() -> None:
    assert set(CHANGES) == {f.name for f in dataclasses.fields(DeletionCertificate)}


@pytest.mark.parametrize("name", sorted(CHANGES))
def test_any_field_change_breaks_verification(name: str) -> None:
    cert = _full()
    changed = dataclasses.replace(cert, **{name: CHANGES[name]})
    assert changed != cert
    assert not verify_certificate(SIGNER.verifier, changed)


def test_item_order_and_single_item_changes_break_verification() -> None:
    cert = _full()
    for items in (
        ITEMS[::-1],
        (ITEMS[0], ("item-2", sha256_hex(b"other"))),
        (ITEMS[0], ("item-3", ITEMS[1][1])),
        (*ITEMS, ("item-3", sha256_hex(b"three"))),
    ):
        assert not verify_certificate(SIGNER.verifier, dataclasses.replace(cert, items=items))


def test_another_key_does_not_verify() -> None:
    cert = _full()
    other = Signer.generate().verifier
    assert not verify_certificate(other, cert)
    # Even with the fingerprint swapped to match, the signature is not the other key's.
    assert not verify_certificate(
        other, dataclasses.replace(cert, signer_fingerprint=other.fingerprint())
    )


def test_signature_is_over_to_json_without_signature() -> None:
    # Lets anyone verify with the public key and the JSON alone.
    cert = _full()
    payload = to_json(cert)
    signature = payload.pop("signature")
    assert payload["kind"] == KIND
    SIGNER.verifier.public_key.verify(bytes.fromhex(signature), canonical_bytes(payload))


def test_json_round_trip() -> None:
    for cert in (_full(), _full(items=ITEMS[:1], key_fingerprint=None)):
        data = json.loads(json.dumps(to_json(cert)))
        back = from_json(data)
        assert back == cert
        assert verify_certificate(SIGNER.verifier, back)


_DROP = object()


def _bad(**changes: Any) -> dict[str, Any]:
    data = to_json(_full())
    for key, value in changes.items():
        if value is _DROP:
            del data[key]
        else:
            data[key] = value
    return data


@pytest.mark.parametrize(
    "data",
    [
        [],
        "certificate",
        None,
        _bad(case_id=_DROP),
        _bad(signature=_DROP),
        _bad(note="added later"),
        _bad(kind="vigil.tree-head/v1"),
        _bad(case_id=7),
        _bad(actor=None),
        _bad(statement=""),
        _bad(shredded_at="yesterday"),
        _bad(shredded_at="2025-03-14T09:30:15"),  # no time zone
        _bad(shredded_at=1741944615),
        _bad(items={"item-1": "x"}),
        _bad(items=[["item-1", ITEMS[0][1]]]),
        _bad(items=[{"item_id": "item-1"}]),
        _bad(items=[{"item_id": "item-1", "sha256": ITEMS[0][1], "extra": 1}]),
        _bad(items=[{"item_id": 1, "sha256": ITEMS[0][1]}]),
        _bad(items=[{"item_id": "item-1", "sha256": "nothex"}]),
        _bad(items=[{"item_id": "item-1", "sha256": ITEMS[0][1]}] * 2),
        _bad(items=[], key_fingerprint=None),
        _bad(key_fingerprint=5),
        _bad(key_fingerprint="not-a-digest"),
        _bad(signer_fingerprint="ab"),
        _bad(signature="not hex"),
        _bad(signature="abc"),
    ],
)
def test_from_json_rejects_bad_input_in_one_sentence(data: object) -> None:
    with pytest.raises(IntegrityError) as caught:
        from_json(data)
    message = str(caught.value)
    assert message.startswith("The deletion certificate is malformed: ")
    assert message.endswith(".") and ". " not in message


_TEXT = st.text(st.characters(codec="utf-8"), min_size=1, max_size=30).filter(str.strip)


@settings(max_examples=50, deadline=None)
@given(
    case_id=_TEXT,
    actor=_TEXT,
    reason=_TEXT,
    contents=st.dictionaries(_TEXT, st.binary(max_size=64), max_size=5),
    keep_key=st.booleans(),
    at=st.datetimes(
        min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1), timezones=st.just(UTC)
    ),
)
def test_certificate_json_round_trip_property(
    case_id: str,
    actor: str,
    reason: str,
    contents: dict[str, bytes],
    keep_key: bool,
    at: datetime,
) -> None:
    items = [(item_id, sha256_hex(data)) for item_id, data in contents.items()]
    key_fp = None if keep_key and items else KEY_FP
    cert = _full(
        case_id=case_id, actor=actor, reason=reason, items=items, at=at, key_fingerprint=key_fp
    )
    back = from_json(json.loads(json.dumps(to_json(cert))))
    assert back == cert
    assert verify_certificate(SIGNER.verifier, back)
