"""The routing map: situation -> rule -> services, drawn as SVG from the live rule table.

Generated, never drawn by hand, so it always shows what the bot does. The demo page
serves it live; ``python -m bot routing-map`` writes docs/routing-map.svg, and a test
checks that file is up to date.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from bot.directory import Directory
from bot.rules import SITUATIONS, Rule, RuleTable

DOCS_PATH = Path(__file__).resolve().parent.parent / "docs" / "routing-map.svg"
ROW = 30
TOP = 70
COLUMNS = {"situation": 20, "rule": 300, "service": 760}
WIDTHS = {"situation": 200, "rule": 330, "service": 250}
_CRISIS = {"crisis_suicide", "emergency"}


def rule_label(rule: Rule) -> str:
    """The rule id and its conditions beyond the situation, e.g. 'young_sextortion: sextortion'."""
    when = rule.when
    parts = sorted(when.topics) + [f"role {r}" for r in sorted(when.roles)]
    if when.min_age is not None:
        parts.append(f"age {when.min_age}+")
    if when.max_age is not None:
        parts.append(f"age up to {when.max_age}")
    return f"{rule.id}: {', '.join(parts)}" if parts else f"{rule.id} (default)"


def render(table: RuleTable, directory: Directory) -> str:
    """The whole map as an SVG document (deterministic: same rules, same bytes)."""
    rules = list(table.rules)
    rule_y = {rule.id: TOP + i * ROW for i, rule in enumerate(rules)}
    situation_y = {}
    for situation in SITUATIONS:
        ys = [rule_y[r.id] for r in rules if situation in r.when.situations]
        situation_y[situation] = sum(ys) / len(ys)
    used = list(dict.fromkeys(sid for rule in rules for sid in rule.services + rule.if_closed))
    span = (len(rules) - 1) * ROW
    service_y = {sid: TOP + (i * span / max(1, len(used) - 1)) for i, sid in enumerate(used)}
    height = TOP + span + 60
    width = COLUMNS["service"] + WIDTHS["service"] + 20
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height:.0f}" '
           f'width="{width}" height="{height:.0f}" role="img" '
           'aria-labelledby="map-title map-desc" font-family="system-ui, sans-serif">',
           '<title id="map-title">Wegwijzer routing map</title>',
           '<desc id="map-desc">Each situation on the left goes to its signposting rules in '
           'the middle (first match wins, top to bottom); each rule points to its services on '
           'the right. A thick line is the best fit; a dashed line is the open alternative '
           'when the best fit is closed.</desc>',
           f'<rect width="{width}" height="{height:.0f}" fill="#ffffff"/>']
    for x, label in ((COLUMNS["situation"], "Situation"), (COLUMNS["rule"], "Rule (first match wins)"),
                     (COLUMNS["service"], "Services (best fit first)")):
        out.append(f'<text x="{x}" y="36" font-size="16" font-weight="700" fill="#1a1a1a">'
                   f'{label}</text>')
    for rule in rules:
        y = rule_y[rule.id]
        for situation in sorted(rule.when.situations):
            out.append(_line(COLUMNS["situation"] + WIDTHS["situation"], situation_y[situation],
                             COLUMNS["rule"], y, "#8a8a8a", 1.2))
        for index, sid in enumerate(rule.services):
            out.append(_line(COLUMNS["rule"] + WIDTHS["rule"], y, COLUMNS["service"],
                             service_y[sid], "#1f5fa8" if index == 0 else "#9bb7d6",
                             2.6 if index == 0 else 1.2))
        for sid in rule.if_closed:
            out.append(_line(COLUMNS["rule"] + WIDTHS["rule"], y, COLUMNS["service"],
                             service_y[sid], "#b35900", 1.6, dashed=True))
    for situation, y in situation_y.items():
        fill = "#fde8e8" if situation in _CRISIS else "#eef3fb"
        out.append(_box(COLUMNS["situation"], y, WIDTHS["situation"], situation, fill, 14))
    for rule in rules:
        out.append(_box(COLUMNS["rule"], rule_y[rule.id], WIDTHS["rule"], rule_label(rule),
                        "#f7f7f7", 12))
    for sid, y in service_y.items():
        service = directory[sid]
        out.append(_box(COLUMNS["service"], y, WIDTHS["service"], service.name,
                        "#fde8e8" if sid in ("113", "112") else "#eaf6ee", 13))
    out.append("</svg>")
    return "\n".join(out) + "\n"


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
