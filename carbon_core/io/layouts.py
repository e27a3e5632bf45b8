"""The trade layouts of official IO tables, described once.

The bureaus publish four layouts of trade columns (see :mod:`.official_tables`). Each layout
says which columns send products out of the region, which bring them in, and which of the
domestic-adjustment choices it supports. Everything that branches on a layout (domestic
adjustment, accounts, SDA categories) reads it from here.

Final-demand categories are made of *trade atoms* (exports ``ex``, outflows ``of``, imports
``im``, inflows ``if``): ``FU302`` is ``ex + of``, ``−FU304`` is ``−(im + if)``, ``NOF`` is
``ex + of − im − if``. Two years can be decomposed over the same categories only when their
columns cover the same atoms; :func:`common_trade_categories` finds the finest common grouping.
"""

from __future__ import annotations

from dataclasses import dataclass

REMOVE_CHOICES = ("none", "imports", "imports+inflows")
#: The one default, everywhere a table has the columns: imports and inflows removed (seed 000's choice).
DEFAULT_REMOVE = "imports+inflows"

#: Local final demand: consumption (rural, urban households; government) and capital formation.
#: ``TC`` and ``GCF`` stand for their parts in tables that publish only the subtotal (national 42-product tables).
CONSUMPTION = ("FU101", "FU102", "FU103", "TC")
CAPITAL = ("FU201", "FU202", "GCF")
LOCAL_FINAL_DEMAND = CONSUMPTION + CAPITAL


@dataclass(frozen=True)
class TradeLayout:
    """One layout of trade columns.

    Attributes
    ----------
    name : str
        ``EX/OF/IM/IF``, ``FU302/FU304``, ``NOF``, ``EX/IM``, ``EX``, ``closed`` or ``non-competitive``.
    outgoing : tuple of str
        Final-demand columns of products leaving the region (exports, outflows).
    removals : dict
        For each supported ``remove`` choice, the supply columns taken out of Z.
    supply : tuple of str
        Every supply column (imports, inflows) the layout has; those not removed enter final
        demand as negative categories, so that ``Y·1 = x − Z·1`` for every choice.
    why_not : str
        Why the choices the layout lacks are impossible (said in refusals).
    """

    name: str
    outgoing: tuple
    supply: tuple
    removals: dict
    why_not: str = ""
    #: the column of inflows (``IF``, or ``FU304`` holding inflows and imports together), if any
    inflows: str | None = None
    #: gross trade unknown (only a net outflow): no embodied trade, no footprint
    net_only: bool = False
    #: imports are the only supply (national tables): removing "imports and inflows" removes imports
    imports_only: bool = False
    #: Z holds domestic flows only
    non_competitive: bool = False

    @property
    def choices(self) -> tuple:
        return tuple(self.removals)

    @property
    def default_remove(self) -> str:
        """Imports and inflows removed where the table has them; ``none`` where it cannot."""
        return DEFAULT_REMOVE if DEFAULT_REMOVE in self.removals else "none"

    @property
    def competitive(self) -> bool:
        """Imports or inflows sit inside Z (gross supply columns, or only a net outflow)."""
        return bool(self.supply) or self.name == "NOF"


LAYOUTS = {layout.name: layout for layout in (
    TradeLayout("EX/OF/IM/IF", ("EX", "OF"), ("IM", "IF"),
                {"none": (), "imports": ("IM",), "imports+inflows": ("IM", "IF")}, inflows="IF"),
    TradeLayout("FU302/FU304", ("FU302",), ("FU304",), {"none": (), "imports+inflows": ("FU304",)},
                "this table (FU302/FU304 layout, e.g. 2007 provinces) has only inflows including imports (FU304, 流入), "
                "so imports cannot be removed on their own. Use imports+inflows (removes both) or none.",
                inflows="FU304"),
    TradeLayout("NOF", ("NOF",), (), {"none": ()},
                "this table has only a net outflow column (NOF, 净流出; e.g. 2002 provinces), so gross imports and "
                "inflows are unknown and cannot be removed from Z. Only none is possible; results then treat imported "
                "and inflowing products as local production.", net_only=True),
    TradeLayout("EX/IM", ("EX",), ("IM",), {"none": (), "imports": ("IM",), "imports+inflows": ("IM",)},
                imports_only=True),
    TradeLayout("EX", ("EX",), (), {"none": ()}, "this table has no import column, so nothing can be removed."),
    TradeLayout("closed", (), (), {"none": ()}, "this table has no trade columns, so nothing can be removed."),
    TradeLayout("non-competitive", ("EX",), (), {"none": (), "imports": (), "imports+inflows": ()},
                non_competitive=True),
)}


def layout_of(name: str) -> TradeLayout:
    return LAYOUTS.get(name, LAYOUTS["closed"])


def detect_layout(codes) -> str:
    """The layout a table's column codes follow: the first whose trade columns are all present."""
    present = set(codes)
    for name in ("EX/OF/IM/IF", "FU302/FU304", "NOF", "EX/IM", "EX"):
        spec = LAYOUTS[name]
        if set(spec.outgoing) | set(spec.supply) <= present:
            return name
    return "closed"


#: Trade atoms of each final-demand column (after the domestic adjustment); sign is −1 for supply.
TRADE_ATOMS = {"EX": frozenset({"ex"}), "OF": frozenset({"of"}), "FU302": frozenset({"ex", "of"}),
               "-IM": frozenset({"im"}), "-IF": frozenset({"if"}), "-FU304": frozenset({"im", "if"}),
               "NOF": frozenset({"ex", "of", "im", "if"})}
#: Names of the common categories, by the atoms they cover.
COMMON_NAMES = {
    frozenset({"ex"}): "EX", frozenset({"of"}): "OF", frozenset({"im"}): "-IM", frozenset({"if"}): "-IF",
    frozenset({"ex", "of"}): "EX+OF", frozenset({"im", "if"}): "-(IM+IF)",
    frozenset({"ex", "of", "im", "if"}): "NOF",
}
CATEGORY_NAMES = {
    "FU101": ("农村居民消费", "rural household consumption"), "FU102": ("城镇居民消费", "urban household consumption"),
    "FU103": ("政府消费", "government consumption"), "FU201": ("固定资本形成总额", "gross fixed capital formation"),
    "FU202": ("存货增加", "changes in inventories"), "EX": ("出口", "exports"), "OF": ("调出", "outflows"),
    "EX+OF": ("流出（含出口）", "outflows incl. exports"), "FU302": ("流出（含出口）", "outflows incl. exports"),
    "-IM": ("进口（负）", "imports (negative)"), "-IF": ("调入（负）", "inflows (negative)"),
    "-(IM+IF)": ("流入（含进口，负）", "inflows incl. imports (negative)"),
    "-FU304": ("流入（含进口，负）", "inflows incl. imports (negative)"),
    "NOF": ("净流出", "net outflows (exports + outflows − imports − inflows)"),
}


#: Pairs of columns that some bureaus publish as one: the other column of the pair is left empty
#: (e.g. Hubei 2012 puts all outflows in EX and all inflows in IM, Inner Mongolia 2012 uses OF and IF).
PAIRED = (("EX", "OF"), ("-IM", "-IF"), ("IM", "IF"))


def lumped_columns(totals: dict) -> dict:
    """Columns that hold their pair's flows too, from column → Σ|values|: {"EX": ("EX", "OF"), …}."""
    lumped = {}
    for a, b in PAIRED:
        if a in totals and b in totals:
            big = max(totals[a], totals[b])
            empty = [c for c in (a, b) if totals[c] <= 1e-9 * big]  # floating dust counts as empty
            if len(empty) == 1:
                lumped[b if empty[0] == a else a] = (a, b)
    return lumped


def common_trade_categories(columns0, columns1, lumped0=None, lumped1=None) -> tuple[dict, dict, list]:
    """The finest grouping of two years' final-demand columns over which both are defined.

    Returns ``(groups0, groups1, only)``: for each year, common category → the columns summed
    into it (in the order of the first year's columns), and the common categories present in
    one year only. Non-trade columns keep their code; trade columns are grouped so that every
    column of either year falls wholly inside one common category (``EX`` + ``OF`` ↔ ``FU302``,
    ``−IM`` + ``−IF`` ↔ ``−FU304``, all four ↔ ``NOF``).
    """
    columns0, columns1 = [str(c) for c in columns0], [str(c) for c in columns1]
    atoms = []
    for columns, lumped in ((columns0, lumped0 or {}), (columns1, lumped1 or {})):
        year = {c: TRADE_ATOMS[c] for c in columns if c in TRADE_ATOMS}
        for full, pair in lumped.items():  # a column that holds its empty partner's flows covers both atoms
            year[full] = frozenset().union(*(TRADE_ATOMS[p] for p in pair))
        atoms.append(year)
    trade = [(t, c) for t in (0, 1) for c in atoms[t]]
    # union-find over atoms: atoms that share a column of either year end in one category
    parent = {a: a for t, c in trade for a in atoms[t][c]}

    def root(a):
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    for t, c in trade:
        first, *rest = sorted(atoms[t][c])
        for a in rest:
            parent[root(a)] = root(first)
    blocks: dict[str, set] = {}
    for a in parent:
        blocks.setdefault(root(a), set()).add(a)

    def groups(columns, year):
        out: dict[str, list] = {}
        for c in columns:
            name = COMMON_NAMES.get(frozenset(blocks[root(next(iter(year[c])))]), c) if c in year else c
            out.setdefault(name, []).append(c)
        return out

    g0, g1 = groups(columns0, atoms[0]), groups(columns1, atoms[1])
    order = list(dict.fromkeys(list(g0) + list(g1)))
    only = [k for k in order if (k in g0) != (k in g1)]
    return ({k: g0[k] for k in order if k in g0}, {k: g1[k] for k in order if k in g1}, only)
