"""Safe, bounded reading of YAML case files, with the line of every value.

Only plain data is accepted: the loader is libyaml's safe loader, so tags that
would build Python objects are errors. Before composing, the event stream is
scanned so that pathological nesting cannot exhaust the stack; while walking the
composed nodes, duplicate keys, recursive aliases and alias expansion beyond
``MAX_NODES`` are reported. Each limit is a located error, never a crash.
"""

from __future__ import annotations

import re
from typing import Any, ClassVar

import yaml

from sat.errors import CaseError, Problem
from sat.ids import locator

#: Deepest nesting of lists and mappings accepted (a case needs about six).
MAX_DEPTH = 64
#: Most values a file may expand to, counting each alias as a copy (stops alias bombs).
MAX_NODES = 5_000_000


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """libyaml's safe loader, reading plain scalars as YAML 1.2's core schema does.

    PyYAML follows YAML 1.1, which reads ``1:30`` as the number 90, ``0x1F`` as
    31, ``010`` as 8 and ``no``, ``Yes`` or ``off`` as booleans, so an id or an
    answer would silently become something else. Here only ``true``/``false``
    (any case of the first letter, or all capitals) are booleans, only plain
    decimals are numbers (an integer with a leading zero stays text), and dates
    are left as text for the model to parse and report; everything else is
    text, as written. The round-trip editor (ruamel.yaml) follows YAML 1.2 too,
    so what it writes reads back the same.
    """

    yaml_implicit_resolvers: ClassVar[dict] = {}


_Loader.add_constructor(
    "tag:yaml.org,2002:timestamp", yaml.constructor.SafeConstructor.construct_yaml_str
)
for _tag, _pattern, _first in (
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("tag:yaml.org,2002:int", r"^[-+]?(?:0|[1-9][0-9]*)$", "-+0123456789"),
    (
        "tag:yaml.org,2002:float",
        r"^(?:[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
        "-+0123456789.",
    ),
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    ("tag:yaml.org,2002:timestamp", r"^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}", "0123456789"),
    ("tag:yaml.org,2002:merge", r"^(?:<<)$", "<"),
):
    _Loader.add_implicit_resolver(_tag, re.compile(_pattern), list(_first))


def _yaml_problem(shown: str, exc: yaml.YAMLError) -> Problem:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line = mark.line + 1 if mark is not None else None
    what = " ".join(str(getattr(exc, "problem", None) or exc).split())
    context = getattr(exc, "context", None)
    if context and getattr(exc, "problem", None):
        what = f"{' '.join(context.split())}: {what}"
    if "python/" in what or "could not determine a constructor" in what:
        what += " (case files hold plain data only: no tags)"
    return Problem(shown, line, "", f"YAML syntax: {what}")


def _check_depth(text: str, shown: str) -> bool:
    """Refuse excessive nesting; say whether the text uses aliases (``*name``)."""
    depth = 0
    aliased = False
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.AliasEvent):
            aliased = True
        elif isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                line = event.start_mark.line + 1 if event.start_mark else None
                raise CaseError(
                    [
                        Problem(
                            shown,
                            line,
                            "",
                            f"nested deeper than {MAX_DEPTH} levels; not a case file",
                        )
                    ]
                )
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
    return aliased


def load_yaml(text: str, shown: str) -> tuple[Any, dict[tuple, int]]:
    """Parse YAML text into plain data and a map from each value's path to its line.

    Parameters
    ----------
    text : str
        The file's text.
    shown : str
        The file name used in problems.

    Returns
    -------
    data, lines
        ``lines`` maps a path such as ``("evidence", 3, "ratings", "H5")`` to a 1-based line.

    Raises
    ------
    CaseError
        With located problems for syntax errors, tags, duplicate keys, recursive
        or exploding aliases and excessive nesting.
    """
    _, data, lines, _ = load_yaml_tree(text, shown)
    return data, lines


def load_yaml_tree(text: str, shown: str) -> tuple[yaml.Node, Any, dict[tuple, int], bool]:
    """Like :func:`load_yaml`, also giving the composed node tree (with the position of
    every value) and whether the text uses aliases; for editing a file in place."""
    try:
        aliased = _check_depth(text, shown)
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
            if node is None:
                raise CaseError([Problem(shown, None, "", "the file is empty")])
            lines, found = _walk(node)
            if found:
                where = locator(_names(node))
                named = [(line, *where(loc), message) for line, loc, message in found]
                raise CaseError(
                    [
                        Problem(shown, line, field, message, item)
                        for line, field, item, message in named
                    ]
                )
            try:
                data = loader.construct_document(node)
            except (ValueError, TypeError, OverflowError) as exc:
                raise CaseError([Problem(shown, None, "", f"cannot read a value: {exc}")]) from None
        finally:
            loader.dispose()
    except yaml.YAMLError as exc:
        raise CaseError([_yaml_problem(shown, exc)]) from None
    except (RecursionError, MemoryError):
        raise CaseError(
            [Problem(shown, None, "", "the file is too large or too deeply nested")]
        ) from None
    return node, data, lines, aliased


def _walk(root: yaml.Node) -> tuple[dict[tuple, int], list[tuple[int, tuple, str]]]:
    """Record lines, find duplicate keys, recursive aliases and alias bombs (iteratively).

    Problems are ``(line, location, message)``: the caller names their items by id.
    """
    lines: dict[tuple, int] = {(): root.start_mark.line + 1}
    problems: list[tuple[int, tuple, str]] = []
    size: dict[int, int] = {}
    on_path: set[int] = set()
    # stack entries: (node, path, children-pushed?)
    stack: list[tuple[yaml.Node, tuple, bool]] = [(root, (), False)]
    while stack:
        node, path, expanded = stack.pop()
        key = id(node)
        if expanded:
            on_path.discard(key)
            total = 1 + sum(size.get(id(child), 1) for child in _children(node))
            size[key] = total
            if total > MAX_NODES:
                problems.append(
                    (
                        node.start_mark.line + 1,
                        path,
                        f"aliases expand to more than {MAX_NODES:,} values; not a case file",
                    )
                )
                return lines, problems
            continue
        if key in size:
            continue
        if key in on_path:
            problems.append(
                (
                    node.start_mark.line + 1,
                    path,
                    "a recursive alias (a value that contains itself)",
                )
            )
            return lines, problems
        on_path.add(key)
        stack.append((node, path, True))
        if isinstance(node, yaml.MappingNode):
            first: dict[str, int] = {}
            for knode, vnode in node.value:
                if not isinstance(knode, yaml.ScalarNode):
                    problems.append((knode.start_mark.line + 1, path, "keys must be plain text"))
                    continue
                name = knode.value
                if name == "<<":  # a merge key: its values land in this mapping
                    stack.append((vnode, path, False))
                    continue
                line = knode.start_mark.line + 1
                if name in first:
                    problems.append(
                        (
                            line,
                            (*path, name),
                            f"duplicate key '{name}' (first on line {first[name]}); "
                            "the second would silently replace the first",
                        )
                    )
                    continue
                first[name] = line
                child = (*path, name)
                lines.setdefault(child, line)
                stack.append((vnode, child, False))
        elif isinstance(node, yaml.SequenceNode):
            for i, vnode in enumerate(node.value):
                child = (*path, i)
                lines.setdefault(child, vnode.start_mark.line + 1)
                stack.append((vnode, child, False))
    return lines, problems


#: The fields an item is named by in problems (``sat.ids``).
_NAMING = ("id", "source", "target", "subject")


def _names(root: yaml.Node) -> dict[str, list[dict[str, str] | None]]:
    """Just enough of the document to name its items: each top-level list's entries, with the
    fields ``sat.ids`` names them by (read from the nodes, before the document is built)."""
    if not isinstance(root, yaml.MappingNode):
        return {}
    out: dict[str, list[dict[str, str] | None]] = {}
    for knode, vnode in root.value:
        if isinstance(knode, yaml.ScalarNode) and isinstance(vnode, yaml.SequenceNode):
            out.setdefault(
                knode.value,
                [
                    {
                        k.value: v.value
                        for k, v in entry.value
                        if isinstance(k, yaml.ScalarNode)
                        and isinstance(v, yaml.ScalarNode)
                        and k.value in _NAMING
                    }
                    if isinstance(entry, yaml.MappingNode)
                    else None
                    for entry in vnode.value
                ],
            )
    return out


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []
