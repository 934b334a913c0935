"""The config edits of ``fix``: find each secret's value, put the reference in its place, prove
the edited file reads back as the same config with only those values changed."""

from __future__ import annotations

import json
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from pathlib import Path

from mcplint.fix.changes import FileChange, Moved, NotFixable, Plan
from mcplint.fix.files import display_path, read_text
from mcplint.fix.masking import ConfigMask, Edit, splice
from mcplint.model import FIELD_ARG, FIELD_HEADER, McpConfig, Slot
from mcplint.names.variables import name_candidates, valid_name, with_environment_prefix
from mcplint.parse.document import Document, ParseError
from mcplint.results.findings import Finding
from mcplint.rules.base import Context
from mcplint.settings.values import Settings

_FLAG_ASSIGN = re.compile(r"--?[A-Za-z][A-Za-z0-9-]*=")


@dataclass(slots=True)
class Located:
    """A finding's slot; ``start``/``end`` index the slot's value (None when not verbatim)."""

    slot: Slot
    index: int
    start: int | None
    end: int | None


@dataclass(slots=True)
class Pending:
    """A fixable secret while the plan is built."""

    config: McpConfig
    finding: Finding
    located: Located
    secret: str
    name: str
    env_file: Path
    reference: str = ""


class SlotIndex:
    """A config's slots by where they sit: verbatim values sorted by content start, and every
    slot by its token span, so locating a finding is a bisection, not a walk over every slot."""

    def __init__(self, config: McpConfig) -> None:
        self.by_start = sorted(
            (slot.value.content_start, index) for index, slot in enumerate(config.slots)
            if isinstance(slot.value.value, str) and slot.value.verbatim and slot.value.content_start >= 0
        )
        self.starts = [low for low, _ in self.by_start]
        self.by_token: dict[tuple[int, int], int] = {}
        for index, slot in enumerate(config.slots):
            self.by_token.setdefault((slot.value.span.start, slot.value.span.end), index)


def locate(config: McpConfig, finding: Finding, slots: SlotIndex | None = None) -> Located | None:
    """The slot a finding's span lies in (the first such slot, in the config's order)."""
    slots = slots or SlotIndex(config)
    start, end = finding.span.start, finding.span.end
    last = bisect_right(slots.starts, start) - 1
    if last >= 0:
        # Values in a document do not overlap: only slots sharing the nearest start can hold the span.
        low = slots.starts[last]
        for position in range(bisect_left(slots.starts, low), last + 1):
            index = slots.by_start[position][1]
            slot = config.slots[index]
            text = str(slot.value.value)
            if end <= low + len(text) and config.document.text[start:end] == text[start - low : end - low]:
                return Located(slot, index, start - low, end - low)
    token_index = slots.by_token.get((start, end))
    if token_index is not None:
        return Located(config.slots[token_index], token_index, None, None)
    return None


def secret_arguments(config: McpConfig, located: dict[int, Located | None], findings: list[Finding],
                     settings: Settings) -> dict[int, str]:
    """Argument scalars that are a secret (or ``--flag=`` and a secret) → that with ``${NAME}`` in place.

    Any other argument holding a secret is left out: the advice shows it as a placeholder rather
    than echo the rest of its text.
    """
    out: dict[int, str] = {}
    for finding in findings:
        spot = located.get(id(finding))
        if finding.path != config.relpath or spot is None or spot.slot.field not in (FIELD_ARG, FIELD_HEADER):
            continue
        server = next((s for s in config.servers if s.name == spot.slot.server), None)
        if server is None:
            continue
        for arg in server.args:
            if arg.span != spot.slot.value.span:
                continue
            before = spot.slot.text[: spot.start] if spot.start is not None else ""
            name = with_environment_prefix(valid_name(name_candidates(spot.slot, before)[0]), config.relpath, settings)
            if spot.start is None or spot.end is None or not arg.verbatim:
                out[id(arg)] = "${" + name + "}"
                continue
            offset = spot.slot.value.content_start - arg.content_start
            full = str(arg.value)
            head, tail = full[: offset + spot.start], full[offset + spot.end :]
            if not tail and (not head or _FLAG_ASSIGN.fullmatch(head)):
                out[id(arg)] = head + "${" + name + "}"
    return out


def new_ranges(edits: list[Edit]) -> list[tuple[int, int]]:
    """Where each edit's replacement lands in the edited text."""
    ranges, shift = [], 0
    for start, end, replacement in sorted(edits):
        ranges.append((start + shift, start + shift + len(replacement)))
        shift += len(replacement) - (end - start)
    return ranges


def verify(config: McpConfig, new_text: str, expected: dict[int, str], ranges: list[tuple[int, int]],
           ctx: Context) -> str | None:
    """None when ``new_text`` parses to the same config with only ``expected`` values changed and
    no secret left at the edited places; else what would go wrong."""
    from mcplint.parse import parse
    from mcplint.recognise.recogniser import recognise
    from mcplint.rules import mcp001_hardcoded_secret as mcp001

    try:
        document: Document = parse(new_text, config.document.format)
    except ParseError:
        return "make the file unparseable"
    new = recognise(config.path, config.relpath, document, config.kind)
    if new is None or new.kind != config.kind or len(new.slots) != len(config.slots):
        return "change how the file is read"
    for index, (old, now) in enumerate(zip(config.slots, new.slots, strict=True)):
        if (old.path, old.field, old.key, old.server) != (now.path, now.field, now.key, now.server):
            return "change how the file is read"
        if now.value.value != expected.get(index, old.value.value):
            return "change other values"
    fresh = Context(detector=ctx.detector, settings=ctx.settings, root=ctx.root, repo=ctx.repo)
    for finding in mcp001.check(new, fresh):
        if any(start < finding.span.end and finding.span.start < end for start, end in ranges):
            return "still leave a secret there"
    return None


def slot_edit(config: McpConfig, index: int, items: list[Pending], ctx: Context) -> tuple[list[Edit], str] | str:
    """The edits for one value: the references in place, else (YAML plain scalars) the value quoted."""
    slot = config.slots[index]
    scalar = slot.value
    parts: list[Edit] = []
    for item in items:
        assert item.located.start is not None and item.located.end is not None
        parts.append((item.located.start, item.located.end, item.reference))
    new_value = splice(slot.text, parts)
    text = config.document.text
    in_place = [(scalar.content_start + s, scalar.content_start + e, r) for s, e, r in parts]
    problem = verify(config, splice(text, in_place), {index: new_value}, new_ranges(in_place), ctx)
    if problem is None:
        return in_place, new_value
    if config.document.format == "yaml" and scalar.style == "plain":
        token_start, token_end = scalar.span.start, scalar.span.end
        token = text[token_start:token_end]
        offset = scalar.content_start - token_start
        token_value = splice(token, [(offset + s, offset + e, r) for s, e, r in parts])
        quoted = [(token_start, token_end, json.dumps(token_value, ensure_ascii=False))]
        if verify(config, splice(text, quoted), {index: new_value}, new_ranges(quoted), ctx) is None:
            return quoted, new_value
    return problem


def config_edits(config: McpConfig, items: list[Pending], ctx: Context) -> tuple[list[Edit], str | None]:
    """Every edit of one config and, when one cannot be made safely, what would go wrong."""
    by_slot: dict[int, list[Pending]] = {}
    for item in items:
        by_slot.setdefault(item.located.index, []).append(item)
    # Every reference in place at once, verified once: the usual case, and one re-parse of the
    # file instead of one per value (a minified config can hold thousands).
    together: list[Edit] = []
    values: dict[int, str] = {}
    for index, slot_items in by_slot.items():
        scalar = config.slots[index].value
        parts = [(i.located.start, i.located.end, i.reference) for i in slot_items
                 if i.located.start is not None and i.located.end is not None]
        values[index] = splice(config.slots[index].text, parts)
        together.extend((scalar.content_start + s, scalar.content_start + e, r) for s, e, r in parts)
    if verify(config, splice(config.document.text, together), values, new_ranges(together), ctx) is None:
        return together, None
    edits: list[Edit] = []
    expected: dict[int, str] = {}
    for index, slot_items in by_slot.items():
        choice = slot_edit(config, index, slot_items, ctx)
        if isinstance(choice, str):
            return [], choice
        slot_edits, value = choice
        edits.extend(slot_edits)
        expected[index] = value
    return edits, verify(config, splice(config.document.text, edits), expected, new_ranges(edits), ctx)


def plan_configs(result: Plan, pending: list[Pending], ctx: Context, root: Path,
                 masks: dict[str, ConfigMask]) -> list[Pending]:
    """Build and verify each config's edits; returns the secrets whose config edit verified."""
    survivors: list[Pending] = []
    by_config: dict[str, list[Pending]] = {}
    for item in pending:
        if item.name:
            by_config.setdefault(item.config.relpath, []).append(item)
    for items in by_config.values():
        config = items[0].config
        edits, failed = config_edits(config, items, ctx)
        if failed is not None:
            for item in items:  # roll back: the whole file stays as it is
                f = item.finding
                result.not_fixable.append(NotFixable(
                    f.path, f.span.line, f.span.col, item.located.slot.where(),
                    f"replacing it would {failed}; the file was left unchanged",
                    f"replace the value by hand with {item.reference} and put {item.name}=… in {item.env_file}.",
                ))
            continue
        shown = display_path(config.path, root)
        _, original, bom, codec = read_text(config.path, shown)
        mask = masks[config.relpath]
        text = config.document.text
        result.changes.append(FileChange(
            path=config.path.resolve(), display=shown, role="config", old=text, new=splice(text, edits),
            masked_old=mask.masked_old(), masked_new=mask.masked_new(edits),
            original=original, bom=bom, codec=codec,
        ))
        for item in items:
            f = item.finding
            result.moved.append(Moved(f.path, f.span.line, f.span.col, item.located.slot.where(), item.name,
                                      item.reference, display_path(item.env_file, root)))
        survivors.extend(items)
    return survivors
