"""Recording, reading and marking evidence, and master-key rotation: audited acts."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from vigil.cases import vault
from vigil.cases.model import (
    Actor,
    CaseState,
    CustodyRecord,
    EvidenceItem,
)
from vigil.cases.ports import CaseTransaction
from vigil.cases.service_base import ServiceBase, bounded, new_id
from vigil.core import (
    InputError,
    ShreddedError,
    WorkflowError,
)


@dataclass(frozen=True)
class LinesRecorded:
    """One item holding the lines of a log inside an authorisation's window, and how many
    lines fell outside it (not recorded)."""

    item: EvidenceItem
    kept: int
    outside: int


class EvidenceActs(ServiceBase):
    def record(
        self,
        actor: Actor,
        case_id: str,
        *,
        account: str,
        captured_at: datetime,
        media_type: str,
        content: bytes,
        description: str,
        now: datetime,
    ) -> EvidenceItem:
        """Store content under the case key; the store's gate refuses anything unauthorised."""

        def body(tx: CaseTransaction) -> EvidenceItem:
            return self._seal_item(
                tx, actor, case_id, account, (captured_at, captured_at), media_type, content,
                description, now,
            )  # fmt: skip

        return self._act(actor, "evidence.record", case_id, now, body, {"account": account})

    def record_lines(
        self,
        actor: Actor,
        case_id: str,
        *,
        account: str,
        lines: Sequence[tuple[datetime, str]],
        media_type: str,
        description: str,
        now: datetime,
    ) -> LinesRecorded:
        """Record the lines of a log (a decoy transcript) that fall inside the window of an
        approved authorisation naming `account`, as one item; the rest are not recorded.

        The lines are chosen against the authorisation that covers most of them (a window is
        one interval, so they stay contiguous); the gate then judges the first and the last.
        With no line inside any window the offer is made anyway, so the gate refuses it and
        the refusal is audited.
        """
        if not lines:
            raise InputError(f"No lines to record for account {account}.")

        def body(tx: CaseTransaction) -> LinesRecorded:
            best: list[tuple[datetime, str]] = []
            for auth in tx.authorisations(case_id):
                inside = [(at, text) for at, text in lines if auth.covers(account, at)]
                if len(inside) > len(best):
                    best = inside
            chosen = best or list(lines)
            content = "".join(text.rstrip("\n") + "\n" for _, text in chosen).encode()
            span = (chosen[0][0], chosen[-1][0])
            note = f"{description}; {len(chosen)} of {len(lines)} line(s) recorded"
            item = self._seal_item(
                tx, actor, case_id, account, span, media_type, content, note, now
            )
            return LinesRecorded(item, len(chosen), len(lines) - len(chosen))

        return self._act(
            actor, "evidence.record", case_id, now, body, {"account": account, "lines": len(lines)}
        )

    def _seal_item(
        self,
        tx: CaseTransaction,
        actor: Actor,
        case_id: str,
        account: str,
        span: tuple[datetime, datetime],
        media_type: str,
        content: bytes,
        description: str,
        now: datetime,
    ) -> EvidenceItem:
        self.workflow.require(actor, "evidence.record")
        bounded(account, 80, "account")
        bounded(media_type, 100, "media type")
        item = EvidenceItem(
            item_id=new_id("item"),
            case_id=case_id,
            account=account,
            captured_at=span[0],
            media_type=media_type,
            sha256=vault.sha256_hex(content),
            size=len(content),
            recorded_by=actor.username,
            recorded_at=now,
            description=description,
        )
        empty = vault.Sealed(nonce=b"", ciphertext=b"")
        if span[1] != span[0]:
            # Content captured over a span (a transcript): the gate also judges its last
            # moment, so no line after the window rides in on an early first one.
            last = replace(item, captured_at=span[1])
            if tx.recording_refusal(last) is not None:
                tx.add_evidence(last, empty)
        # Ask the gate before unwrapping the key, so a refused offer decrypts nothing;
        # add_evidence asks it again and is what actually refuses (and audits).
        if tx.recording_refusal(item) is None:
            sealed = vault.seal(self._dek(tx, case_id), case_id, item.item_id, content)
        else:
            sealed = empty
        tx.add_evidence(item, sealed)
        tx.add_custody(
            CustodyRecord(
                item.item_id,
                actor.username,
                now,
                "recorded",
                description or "recorded under authorisation",
            )
        )
        return item

    def read_item(self, actor: Actor, item_id: str, reason: str, now: datetime) -> bytes:
        if not reason.strip():
            raise InputError("Say why you open this item (--reason); it goes into custody.")

        def body(tx: CaseTransaction) -> bytes:
            self.workflow.require(actor, "evidence.read")
            item = tx.get_item(item_id)
            sealed = tx.sealed(item_id)
            if sealed is None:
                raise ShreddedError(f"Item {item_id} was destroyed and cannot be read.")
            content = vault.open_sealed(self._dek(tx, item.case_id), item.case_id, item_id, sealed)
            tx.add_custody(CustodyRecord(item_id, actor.username, now, "accessed", reason))
            return content

        return self._act(actor, "evidence.read", item_id, now, body, {"reason": reason})

    def mark(
        self, actor: Actor, item_id: str, is_evidence: bool, reason: str, now: datetime
    ) -> None:
        def body(tx: CaseTransaction) -> None:
            self.workflow.require(actor, "evidence.mark")
            item = tx.get_item(item_id)
            case = tx.get_case(item.case_id)
            pending = tx.get_pending(item.case_id)
            if pending is not None and pending.action == "refer":
                raise WorkflowError(
                    f"Case {item.case_id} awaits approval of its referral; marks are frozen."
                )
            if case.state is not CaseState.EVALUATION:
                raise WorkflowError(f"Items are marked during evaluation; case is {case.state}.")
            tx.mark_evidence(item_id, is_evidence)
            tx.add_custody(
                CustodyRecord(
                    item_id,
                    actor.username,
                    now,
                    "marked evidence" if is_evidence else "marked not evidence",
                    reason,
                )
            )

        self._act(actor, "evidence.mark", item_id, now, body, {"evidence": is_evidence})

    def attach_identifiers(
        self, actor: Actor, case_id: str, rows: Sequence[dict[str, Any]], now: datetime
    ) -> int:
        """Attach identifiers and locations found under the authorisation (identification
        scans, decoy dossiers, the provider's IP log of a named account) to the case, for its
        dossier; only while the case may hold them."""

        def body(tx: CaseTransaction) -> int:
            self.workflow.require(actor, "evidence.record")
            case = tx.get_case(case_id)
            if case.state not in (CaseState.IDENTIFICATION, CaseState.EVALUATION):
                raise WorkflowError(
                    f"Identifiers are attached during identification or evaluation; "
                    f"case {case_id} is {case.state}."
                )
            findings = []
            for row in rows:
                # A row with an IP is a location (ip, country, at); the rest are identifiers.
                kind = "location" if "ip" in row else "identifier"
                for field, value in row.items():
                    bounded(str(value), 500, f"{kind} {field}")
                findings.append({"kind": kind, "row": dict(row)})
            tx.add_findings(case_id, findings)
            return len(rows)

        return self._act(
            actor, "case.attach_identifiers", case_id, now, body, {"identifiers": len(rows)}
        )

    def rewrap_case_keys(self, actor: Actor, ring: vault.MasterKeyring, now: datetime) -> int:
        """Master-key rotation: rewrap every case key under `ring`'s current key.

        The caller saves `ring` (old keys included) before this runs, so a crash in between
        leaves every case key openable; the old key is retired only after this returns.
        """

        def body(tx: CaseTransaction) -> int:
            self.workflow.require(actor, "keys.rotate")
            keys = tx.all_case_keys()
            for case_id, wrapped in keys:
                tx.put_case_key(case_id, vault.rewrap(ring, case_id, wrapped))
            return len(keys)

        count = self._act(actor, "keys.rotate", ring.current, now, body)
        self.keyring = ring
        return count
