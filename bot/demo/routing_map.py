"""The routing map: situation -> rule -> services, drawn as SVG from the live rule table.

Generated, never drawn by hand, so it always shows what the bot does. The demo page
serves it live; ``python -m bot routing-map`` writes docs/routing-map.svg, and a test
checks that file is up to date.
"""

from __future__ import annotations

from html import escape

from bot.directory import Directory
from bot.signpost import Signposter
from bot.signposting import SITUATIONS, Rule, RuleTable
from bot.paths import ROOT
from bot.vocabulary import CRISIS_SITUATIONS

DOCS_PATH = ROOT / "docs" / "routing-map.svg"
ROW = 30
TOP = 70
GAP = 80  # room for the lines between two columns
SIZES = {"situation": 14, "rule": 12, "service": 13}
_CRISIS = set(CRISIS_SITUATIONS)
# (what a line or box looks like, what it means): drawn under the map and shown on the page.
LEGEND = (
    ("best", "dikke blauwe lijn: de beste keus"),
    ("other", "dunne blauwe lijn: nog een dienst die past"),
    ("closed", "oranje streepjeslijn: open alternatief als de beste keus nu dicht is"),
    ("crisis", "rood vak: crisis (113 of 112), gaat altijd voor"),
)


def _width(labels: list[str], size: int) -> int:
    """A box wide enough for its longest label (about 0.6 em per character), so none is cut."""
    return int(max(len(label) for label in labels) * size * 0.6) + 20


def rule_label(rule: Rule) -> str:
    """The rule id and its conditions beyond the situation, e.g. 'young_sextortion: sextortion'."""
    when = rule.when
    parts = sorted(when.topics) + [f"role {r}" for r in sorted(when.roles)]
    if when.min_age is not None:
        parts.append(f"leeftijd {when.min_age}+")
    if when.max_age is not None:
        parts.append(f"leeftijd tot en met {when.max_age}")
    if when.min_child_age is not None:
        parts.append(f"kind {when.min_child_age}+")
    if when.max_child_age is not None:
        parts.append(f"kind tot en met {when.max_child_age}")
    return f"{rule.id}: {', '.join(parts)}" if parts else f"{rule.id} (standaard)"


def render(table: RuleTable, directory: Directory) -> str:
    """The whole map as an SVG document (deterministic: same rules, same bytes)."""
    rules = list(table.rules)
    rule_y = {rule.id: float(TOP + i * ROW) for i, rule in enumerate(rules)}
    situation_y = {}
    for situation in SITUATIONS:
        ys = [rule_y[r.id] for r in rules if situation in r.when.situations]
        situation_y[situation] = sum(ys) / len(ys)
    used = list(dict.fromkeys(sid for rule in rules for sid in rule.services + rule.if_closed))
    span = (len(rules) - 1) * ROW
    service_y = {sid: TOP + (i * span / max(1, len(used) - 1)) for i, sid in enumerate(used)}
    widths = {"situation": _width(list(SITUATIONS), SIZES["situation"]),
              "rule": _width([rule_label(r) for r in rules], SIZES["rule"]),
              "service": _width([directory[sid].name for sid in used], SIZES["service"])}
    columns = {"situation": 20}
    columns["rule"] = columns["situation"] + widths["situation"] + GAP
    columns["service"] = columns["rule"] + widths["rule"] + GAP
    legend_top = TOP + span + 50
    height = legend_top + len(LEGEND) * 24 + 20
    width = columns["service"] + widths["service"] + 20
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height:.0f}" '
           f'width="{width}" height="{height:.0f}" role="img" '
           'aria-labelledby="map-title map-desc" font-family="system-ui, sans-serif">',
           '<title id="map-title">Routekaart van Wegwijzer</title>',
           '<desc id="map-desc">Elke situatie links gaat naar haar verwijsregels in het midden '
           '(van boven naar beneden; de eerste die past, wint). Elke regel wijst naar diensten '
           'rechts. ' + " ".join(f"{text.capitalize()}." for _, text in LEGEND) + '</desc>',
           f'<rect width="{width}" height="{height:.0f}" fill="#ffffff"/>']
    for column, label in (("situation", "Situatie"), ("rule", "Regel (de eerste die past)"),
                          ("service", "Diensten (beste eerst)")):
        out.append(f'<text x="{columns[column]}" y="36" font-size="16" font-weight="700" '
                   f'fill="#1a1a1a">{label}</text>')
    for rule in rules:
        y = rule_y[rule.id]
        for situation in sorted(rule.when.situations):
            out.append(_line(columns["situation"] + widths["situation"], situation_y[situation],
                             columns["rule"], y, "#8a8a8a", 1.2))
        for index, sid in enumerate(rule.services):
            out.append(_line(columns["rule"] + widths["rule"], y, columns["service"],
                             service_y[sid], "#1f5fa8" if index == 0 else "#9bb7d6",
                             2.6 if index == 0 else 1.2))
        for sid in rule.if_closed:
            out.append(_line(columns["rule"] + widths["rule"], y, columns["service"],
                             service_y[sid], "#b35900", 1.6, dashed=True))
    for situation, y in situation_y.items():
        fill = "#fde8e8" if situation in _CRISIS else "#eef3fb"
        out.append(_box(columns["situation"], y, widths["situation"], situation, fill,
                        SIZES["situation"]))
    for rule in rules:
        out.append(_box(columns["rule"], rule_y[rule.id], widths["rule"], rule_label(rule),
                        "#f7f7f7", SIZES["rule"]))
    for sid, y in service_y.items():
        service = directory[sid]
        out.append(_box(columns["service"], y, widths["service"], service.name,
                        "#fde8e8" if sid in ("113", "112") else "#eaf6ee", SIZES["service"]))
    out += _legend(20, legend_top)
    out.append("</svg>")
    return "\n".join(out) + "\n"


def write_docs() -> int:
    """``python -m bot routing-map``: docs/routing-map.svg from the live rule table."""
    signposter = Signposter.load()
    DOCS_PATH.write_text(render(signposter.table, signposter.directory), encoding="utf-8")
    print(f"wrote {DOCS_PATH.relative_to(ROOT)}")
    return 0


def _legend(x: int, top: float) -> list[str]:
    samples = {
        "best": _line(x, 0, x + 40, 0, "#1f5fa8", 2.6),
        "other": _line(x, 0, x + 40, 0, "#9bb7d6", 1.2),
        "closed": _line(x, 0, x + 40, 0, "#b35900", 1.6, dashed=True),
        "crisis": f'<rect x="{x + 8}" y="-8" width="24" height="16" rx="4" fill="#fde8e8" '
                  'stroke="#4d4d4d" stroke-width="0.8"/>',
    }
    out = [f'<text x="{x}" y="{top:.0f}" font-size="14" font-weight="700" fill="#1a1a1a">'
           'Legenda</text>']
    for index, (kind, text) in enumerate(LEGEND):
        y = top + 22 + index * 24
        out.append(f'<g transform="translate(0 {y:.0f})">{samples[kind]}'
                   f'<text x="{x + 52}" y="5" font-size="13" fill="#1a1a1a">{escape(text)}</text></g>')
    return out


def _line(x1: float, y1: float, x2: float, y2: float, colour: str, width: float,
          dashed: bool = False) -> str:
    dash = ' stroke-dasharray="6 4"' if dashed else ""
    return (f'<line x1="{x1:.0f}" y1="{y1:.0f}" x2="{x2:.0f}" y2="{y2:.0f}" stroke="{colour}" '
            f'stroke-width="{width}"{dash}/>')


def _box(x: float, y: float, width: float, label: str, fill: str, size: int) -> str:
    return (f'<g><rect x="{x}" y="{y - 12:.0f}" width="{width}" height="24" rx="5" '
            f'fill="{fill}" stroke="#4d4d4d" stroke-width="0.8"/>'
            f'<text x="{x + 8}" y="{y + 4:.0f}" font-size="{size}" fill="#1a1a1a">'
            f'{escape(label)}</text></g>')
