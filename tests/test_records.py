"""Records (ctpat_tui/records.py) behave as the frozen dataclasses they replace.

Each model module that uses `record` is compared with a twin of itself: the same source run with
`@dataclass(frozen=True)` and `dataclasses.field` in their place. Every record class must then agree with its twin
on fields, signature, defaults, repr, equality, hash, frozenness, `replace`, `asdict`, pickling and copying.
"""

from __future__ import annotations

import copy
import dataclasses
import inspect
import pickle
import subprocess
import sys
import types
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest

from ctpat_tui import records
from ctpat_tui.records import field, field_names, record

ROOT = Path(__file__).resolve().parents[1]
MODEL_MODULES = ("ctpat_tui.catalog.model", "ctpat_tui.catalog.loader", "ctpat_tui.catalog.coverage",
                 "ctpat_tui.profile.model", "ctpat_tui.review.finding", "ctpat_tui.review.readiness",
                 "ctpat_tui.review.rules", "ctpat_tui.review.engine", "ctpat_tui.review.context",
                 "ctpat_tui.review.files", "ctpat_tui.review.report", "ctpat_tui.review.signals")


def _dataclass_twin(module_name: str) -> types.ModuleType:
    """The module's source run with dataclasses where it uses records."""
    module = __import__(module_name, fromlist=["_"])
    shim = types.ModuleType("records_as_dataclasses")
    shim.record = dataclasses.dataclass(frozen=True)  # type: ignore[attr-defined]
    shim.field = dataclasses.field  # type: ignore[attr-defined]
    shim.field_names = lambda cls: tuple(f.name for f in dataclasses.fields(cls))  # type: ignore[attr-defined]
    twin = types.ModuleType(f"{module_name}_twin")
    twin.__file__ = module.__file__
    source = inspect.getsource(module)
    assert "from ctpat_tui.records import" in source
    saved = sys.modules.get("ctpat_tui.records")
    sys.modules["ctpat_tui.records"] = shim
    sys.modules[twin.__name__] = twin
    try:
        exec(compile(source, module.__file__, "exec", dont_inherit=True), twin.__dict__)
    finally:
        sys.modules["ctpat_tui.records"] = saved  # type: ignore[assignment]
    return twin


def _record_classes() -> Iterator[tuple[type, type]]:
    for name in MODEL_MODULES:
        module = __import__(name, fromlist=["_"])
        twin = _dataclass_twin(name)
        found = [value for value in vars(module).values()
                 if isinstance(value, type) and value.__module__ == name and hasattr(value, "__record_fields__")]
        assert found, f"{name} defines no record"
        for cls in found:
            yield cls, getattr(twin, cls.__name__)


PAIRS = list(_record_classes())


def _field_facts(cls: type) -> list[tuple[object, ...]]:
    facts = []
    for f in dataclasses.fields(cls):
        made = repr(f.default_factory()) if f.default_factory is not dataclasses.MISSING else None
        facts.append((f.name, f.type, f.default, made, f.init, f.repr, f.compare, f.hash, f.kw_only, f.metadata))
    return facts


def _sample_values(cls: type, salt: str) -> list[object]:
    """A value for every field: its default (or factory's), else a text; the first field always varied by salt."""
    values: list[object] = []
    for index, f in enumerate(dataclasses.fields(cls)):
        if index == 0 or (f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING):
            values.append(f"{f.name}-{salt}")
        elif f.default_factory is not dataclasses.MISSING:
            values.append(f.default_factory())
        else:
            values.append(f.default)
    return values


def _outcome(call) -> tuple[str, object]:  # type: ignore[no-untyped-def]
    try:
        return "ok", repr(call())
    except Exception as error:  # noqa: BLE001 - the kind and text of the error is what is compared
        return type(error).__name__, str(error)


@pytest.mark.parametrize(("cls", "twin"), PAIRS, ids=[cls.__qualname__ for cls, _ in PAIRS])
def test_a_model_record_is_what_its_dataclass_twin_is(cls: type, twin: type) -> None:
    assert dataclasses.is_dataclass(cls) and dataclasses.is_dataclass(twin)
    assert _field_facts(cls) == _field_facts(twin)
    assert field_names(cls) == tuple(f.name for f in dataclasses.fields(twin))
    assert repr(cls.__dataclass_params__) == repr(twin.__dataclass_params__)  # type: ignore[attr-defined]
    assert str(inspect.signature(cls)) == str(inspect.signature(twin))
    assert cls.__init__.__annotations__ == twin.__init__.__annotations__  # type: ignore[misc]
    assert cls.__match_args__ == twin.__match_args__  # type: ignore[attr-defined]
    assert cls.__doc__ == twin.__doc__
    # the same attributes as its twin (one of its own more): a Python that gives dataclasses more shows up here
    assert set(vars(cls)) - set(vars(twin)) == {"__record_fields__"} and not set(vars(twin)) - set(vars(cls))
    for name in field_names(cls):
        assert hasattr(cls, name) == hasattr(twin, name)
        if hasattr(cls, name):
            assert getattr(cls, name) == getattr(twin, name)

    values, other = _sample_values(cls, "a"), _sample_values(cls, "b")
    mine, theirs = cls(*values), twin(*values)
    assert repr(mine) == repr(theirs)
    assert mine == cls(*values) and not (mine != cls(*values))
    assert mine != cls(*other) and (mine == cls(*other)) == (theirs == twin(*other))
    assert mine != theirs and theirs != mine  # other classes never compare equal (as between two dataclasses)
    assert _outcome(lambda: hash(mine)) == _outcome(lambda: hash(theirs))
    assert cls(**{f.name: v for f, v in zip(dataclasses.fields(cls), values)}) == mine
    first = field_names(cls)[0]
    assert _outcome(lambda: setattr(mine, first, "x")) == _outcome(lambda: setattr(theirs, first, "x"))
    assert _outcome(lambda: setattr(mine, "extra", 1)) == _outcome(lambda: setattr(theirs, "extra", 1))
    assert _outcome(lambda: delattr(mine, first)) == _outcome(lambda: delattr(theirs, first))
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(mine, first, "x")
    changed = dataclasses.replace(mine, **{first: "changed"})
    assert type(changed) is cls and getattr(changed, first) == "changed" and changed != mine
    # what a dataclass can be turned into (a mapping proxy among the values cannot be copied or pickled in either)
    assert _outcome(lambda: dataclasses.asdict(mine)) == _outcome(lambda: dataclasses.asdict(theirs))
    assert _outcome(lambda: dataclasses.astuple(mine)) == _outcome(lambda: dataclasses.astuple(theirs))
    assert _outcome(lambda: pickle.loads(pickle.dumps(mine)) == mine) == _outcome(
        lambda: pickle.loads(pickle.dumps(theirs)) == theirs)
    assert _outcome(lambda: copy.deepcopy(mine) == mine) == _outcome(lambda: copy.deepcopy(theirs) == theirs)
    assert copy.copy(mine) == mine
    assert _outcome(lambda: cls()) == _outcome(lambda: twin()) or not field_names(cls)
    assert _outcome(lambda: cls(*values, "one too many")) == _outcome(lambda: twin(*values, "one too many"))


@record
class Point:
    """A toy record."""

    x: int
    y: int = 0
    tags: tuple[str, ...] = field(default_factory=tuple)
    note: str = field(default="", compare=False, repr=False)
    field: str = ""  # a field may be called `field` (Finding has one)


@dataclasses.dataclass(frozen=True)
class PointTwin:
    """A toy record."""

    x: int
    y: int = 0
    tags: tuple[str, ...] = dataclasses.field(default_factory=tuple)
    note: str = dataclasses.field(default="", compare=False, repr=False)
    field: str = ""


@record
class Node:
    """A record that can contain itself."""

    children: list[object]


@record
class Nothing:
    """A record without fields."""


def test_the_toy_record_matches_a_dataclass_and_compiles_its_init_only_when_used() -> None:
    assert isinstance(Point.__dict__["__init__"], records._LazyInit)  # not compiled yet
    point = Point(1, tags=("a",), note="n")
    assert type(Point.__dict__["__init__"]).__name__ == "function"  # compiled and in place
    twin = PointTwin(1, tags=("a",), note="n")
    assert repr(point) == repr(twin).replace("PointTwin", "Point") == "Point(x=1, y=0, tags=('a',), field='')"
    assert point == Point(1, tags=("a",), note="other") and hash(point) == hash(twin)
    assert Point(1) != Point(2) and Point(1).tags == () and Point.note == "" and not hasattr(Point, "tags")
    assert str(inspect.signature(Point)) == str(inspect.signature(PointTwin))
    assert (Point(1) == 1) is False and Point(1).__eq__(1) is NotImplemented
    assert Nothing() == Nothing() and hash(Nothing()) == hash(()) and repr(Nothing()) == "Nothing()"


def test_a_record_that_contains_itself_is_shown_with_dots() -> None:
    node = Node([])
    node.children.append(node)
    assert repr(node) == "Node(children=[...])"


def test_a_subclass_of_a_record_may_set_its_own_attributes_but_not_the_fields() -> None:
    class Labelled(Point):
        pass

    labelled = Labelled(1)
    labelled.label = "free"  # type: ignore[attr-defined]
    assert labelled.label == "free"  # type: ignore[attr-defined]
    with pytest.raises(dataclasses.FrozenInstanceError, match="cannot assign to field 'x'"):
        labelled.x = 3  # type: ignore[misc]
    assert labelled != Point(1)  # not the same class


@pytest.mark.parametrize(("body", "error"), [
    ("class A(Base):\n    '''Doc.'''\n    x: int\n", TypeError),
    ("class A:\n    x: int\n", TypeError),
    ("class A:\n    '''Doc.'''\n    x: ClassVar[int] = 1\n", TypeError),
    ("class A:\n    '''Doc.'''\n    x: int = 1\n    y: int\n", TypeError),
    ("class A:\n    '''Doc.'''\n    x: list[int] = []\n", ValueError),
    ("class A:\n    '''Doc.'''\n    x = field(default=1)\n", TypeError),
    ("class A:\n    '''Doc.'''\n    x: int\n    def __eq__(self, other):\n        return True\n", TypeError),
    ("class A:\n    '''Doc.'''\n    x: int\n    def __post_init__(self):\n        pass\n", TypeError),
])
def test_what_a_record_cannot_be_is_refused_when_the_class_is_made(body: str, error: type[Exception]) -> None:
    namespace: dict[str, object] = {"field": field, "Base": Point, "ClassVar": ClassVar}
    exec(body, namespace)
    with pytest.raises(error):
        record(namespace["A"])  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        field(default=1, default_factory=list)


def test_the_catalogue_commands_import_neither_dataclasses_nor_inspect() -> None:
    code = ("import sys, io, contextlib; from ctpat_tui.cli import main\n"
            "with contextlib.redirect_stdout(io.StringIO()): main(['catalog', 'list'])\n"
            "print(sorted(m for m in ('dataclasses', 'inspect') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert result.stdout.strip() == "[]"


def test_a_record_reads_annotations_python_makes_lazily() -> None:
    """Python 3.14 builds a class's annotations when first asked for (its __dict__ then holds none): a record must
    still find its fields, not silently get none. A metaclass property stands in for that here."""

    class LazyAnnotations(type):
        @property
        def __annotations__(cls) -> dict[str, str]:  # type: ignore[override]
            return {"seal": "str", "checks": "int"}

    class Inspection(metaclass=LazyAnnotations):
        """A seal inspection."""

        checks = 7

    made = record(Inspection)
    assert made("ISO 17712").checks == 7 and made("A-1", 2) == made("A-1", 2)
    assert field_names(made) == ("seal", "checks")
