"""Reading the project's YAML data files with errors that name file, line and field.

Services, signposting rules, phrases and scenarios are edited by people who are not
programmers, so a mistake must point at the exact place: ``data/services.yml:42:
services[3].phone: must be text``. PyYAML drops line numbers, so the loader here keeps
them on every mapping and list it builds.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterator, TypeVar

import yaml

T = TypeVar("T")


class DataError(ValueError):
    """A data file is invalid; the message says where and why."""

    def __init__(self, path: str | Path, line: int | None, field: str, problem: str):
        self.path, self.line, self.field, self.problem = str(path), line, field, problem
        where = f"{self.path}:{line}" if line else self.path
        super().__init__(f"{where}: {field}: {problem}" if field else f"{where}: {problem}")


class _LineDict(dict):
    line: int
    key_lines: dict[Any, int]


class _LineList(list):
    line: int
    item_lines: list[int]


class _Loader(yaml.SafeLoader):
    """A safe loader whose mappings and lists remember their line numbers (1-based)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> _LineDict:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise DataError(self.name, key_node.start_mark.line + 1, str(key), "appears twice")
            seen.add(key)
        result = _LineDict(super().construct_mapping(node, deep=True))
        result.line = node.start_mark.line + 1
        result.key_lines = {
            self.construct_object(k, deep=True): k.start_mark.line + 1 for k, _ in node.value
        }
        return result

    def construct_sequence(self, node: yaml.SequenceNode, deep: bool = False) -> _LineList:
        result = _LineList(super().construct_sequence(node, deep=True))
        result.line = node.start_mark.line + 1
        result.item_lines = [child.start_mark.line + 1 for child in node.value]
        return result


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _Loader.construct_mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _Loader.construct_sequence)


def load_yaml(path: str | Path) -> Any:
    """Load a YAML file, turning syntax errors into a DataError with the line."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DataError(path, None, "", "file not found") from None
    try:
        loader = _Loader(text)
        loader.name = str(path)
        try:
            return loader.get_single_data()
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as error:
        line = error.problem_mark.line + 1 if error.problem_mark else None
        raise DataError(path, line, "", f"not valid YAML: {error.problem}") from None


@dataclass
class Node:
    """A mapping from a data file plus where it is, for reading fields with good errors."""

    path: str
    field: str
    data: dict
    line: int | None

    @classmethod
    def root(cls, path: str | Path) -> "Node":
        data = load_yaml(path)
        if not isinstance(data, dict):
            raise DataError(path, 1, "", "must be a mapping (key: value) at the top")
        return cls(str(path), "", data, getattr(data, "line", 1))

    def _name(self, key: str) -> str:
        return f"{self.field}.{key}" if self.field else key

    def line_of(self, key: str) -> int | None:
        return getattr(self.data, "key_lines", {}).get(key, self.line)

    def error(self, key: str, problem: str) -> DataError:
        return DataError(self.path, self.line_of(key), self._name(key), problem)

    def has(self, key: str) -> bool:
        return key in self.data and self.data[key] is not None

    def get(self, key: str, kind: type[T] | tuple[type, ...], default: Any = ...) -> Any:
        """The value at ``key``, checked against ``kind``; required unless a default is given."""
        if not self.has(key):
            if default is ...:
                raise self.error(key, "is required")
            return default
        value = self.data[key]
        if isinstance(value, bool) and kind in (int, float):
            raise self.error(key, f"must be a number, not {value!r}")
        if not isinstance(value, kind):
            raise self.error(key, f"must be {_kind_name(kind)}, not {type(value).__name__}")
        return value

    def text(self, key: str, default: Any = ...) -> Any:
        """The value as stripped text (or the default, which may be None)."""
        value = self.get(key, (str, int, float), default)
        return value if value is None or value is default else str(value).strip()

    def str_list(self, key: str, default: Any = ...) -> Any:
        """A list of strings (or the default); a single string is taken as a list of one."""
        value: Any = self.get(key, (str, list), default)
        if value is default:
            return value
        items = [value] if isinstance(value, str) else value
        for item in items:
            if not isinstance(item, (str, int)):
                raise self.error(key, f"must hold only text, not {type(item).__name__}")
        return [str(item) for item in items]

    def child(self, key: str, default: Any = ...) -> "Node":
        value = self.get(key, dict, default)
        if value is default:
            return value
        return Node(self.path, self._name(key), value, getattr(value, "line", self.line_of(key)))

    def children(self, key: str) -> Iterator["Node"]:
        """The mappings in the list at ``key``."""
        items = self.get(key, list)
        lines = getattr(items, "item_lines", [self.line_of(key)] * len(items))
        for index, (item, line) in enumerate(zip(items, lines, strict=True)):
            name = f"{self._name(key)}[{index}]"
            if not isinstance(item, dict):
                raise DataError(self.path, line, name, "must be a mapping (key: value)")
            yield Node(self.path, name, item, getattr(item, "line", line))

    def check_keys(self, allowed: set[str]) -> None:
        """Reject unknown keys, which are nearly always typos."""
        for key in self.data:
            if key not in allowed:
                hint = ", ".join(sorted(allowed))
                raise self.error(str(key), f"unknown field (expected one of: {hint})")

    def convert(self, key: str, parse: Callable[[Any], T]) -> T:
        """Apply ``parse`` to the raw value, reporting its ValueError at this field."""
        try:
            return parse(self.data.get(key))
        except ValueError as error:
            raise self.error(key, str(error)) from None


def _kind_name(kind: type | tuple[type, ...]) -> str:
    names = {str: "text", int: "a whole number", float: "a number", list: "a list",
             dict: "a mapping (key: value)", bool: "true or false"}
    kinds = kind if isinstance(kind, tuple) else (kind,)
    return " or ".join(dict.fromkeys(names.get(k, k.__name__) for k in kinds))
