"""The article's naive rule, scored on the same features for comparison.

Source: a risk-area account on video with 3+ foreign countries in a window.
Consumer: an account abroad on video with 2+ of those accounts.
"""

from __future__ import annotations

import ibis
import ibis.expr.types as ir

NAIVE_MIN_COUNTRIES = 3
NAIVE_MIN_SOURCES = 2


def naive_rule(acct: ir.Table, pairs: ir.Table) -> ir.Table:
    """Rows (win, a, role, strength): strength orders the naive queue."""
    src = acct.filter((acct.risk_share >= 0.5) & (acct.abroad_countries >= NAIVE_MIN_COUNTRIES))
    src_out = src.select("win", "a", role=ibis.literal("source"), strength=src.abroad_countries)
    abroad = acct.filter(acct.risk_share < 0.5).select("win", "a")
    links = pairs.filter(pairs.b_risk_video == 1).select("win", "a", "b").join(abroad, ["win", "a"])
    links = links.join(src.select("win", b="a"), ["win", "b"])
    cons = links.group_by(["win", "a"]).aggregate(strength=links.b.nunique())
    cons = cons.filter(cons.strength >= NAIVE_MIN_SOURCES)
    cons_out = cons.select("win", "a", role=ibis.literal("consumer"), strength="strength")
    return src_out.union(cons_out, distinct=False)
