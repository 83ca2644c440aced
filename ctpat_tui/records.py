"""Frozen records: classes that are `@dataclass(frozen=True)` classes to the rest of the code, made cheaply.

Why: `dataclasses` compiles the source of six methods per class with `exec` when the class is created (about
0.1 ms each in Python 3.11) and imports `inspect` (about 8 ms). The model classes every command and the editor
import paid that on each start. A record is made by `record` below instead:

- `__init__` is the one `dataclasses` would write (same signature, same defaults and `<factory>` defaults, same
  errors), compiled when the class is first instantiated or its `__init__` first looked up, not at import;
- `__repr__`, `__eq__`, `__hash__`, `__setattr__` and `__delattr__` are shared functions (closures over the
  field names) that do what the generated ones do: the same text, the same comparison of field tuples between
  instances of exactly the same class, the same hash, `dataclasses.FrozenInstanceError` on assignment;
- `__dataclass_fields__` and `__dataclass_params__` are built the first time they are read, from a dataclass
  made with the same annotations and defaults, so `dataclasses.fields`, `replace`, `asdict`, `astuple` and
  `is_dataclass` work as on a dataclass (they import `dataclasses` themselves).

Use `record` where `@dataclass(frozen=True)` would be written, and `field(...)` (from this module) for
`default_factory`, `repr`, `compare` or `hash`. Anything else a dataclass can do is refused with a TypeError when
the class is made (use `dataclasses` for such a class): ClassVar, InitVar or KW_ONLY annotations, a base class other
than `object`, a class without a docstring, `__post_init__`, and methods of its own that a dataclass would write
or refuse (`__init__`, `__repr__`, `__eq__`, `__hash__`, `__setattr__`, `__delattr__`, `__match_args__`). A
mutable default is a ValueError, as in `dataclasses`. tests/test_records.py compares records with dataclasses.
"""

from __future__ import annotations

import operator
import sys
from _thread import get_ident

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any, TypeVar, dataclass_transform

    T = TypeVar("T")
else:
    def dataclass_transform(**_options):  # type checkers read the real one (PEP 681)
        return lambda function: function

_MISSING = object()
_OWN_METHODS = ("__init__", "__repr__", "__eq__", "__hash__", "__setattr__", "__delattr__", "__match_args__",
                "__post_init__", "__record_fields__")
_REFUSED_TYPES = ("ClassVar", "InitVar", "KW_ONLY")


class _Factory:
    """Shown as an argument's default when the default comes from a factory (as `dataclasses` shows it)."""

    def __repr__(self) -> str:
        return "<factory>"


_FACTORY = _Factory()


class Field:
    """What `field(...)` returns in a record's class body (turned into a `dataclasses.Field` when asked for)."""

    __slots__ = ("default", "default_factory", "repr", "compare", "hash")

    def __init__(self, default: Any, default_factory: Any, repr: bool, compare: bool, hash: bool | None) -> None:
        self.default, self.default_factory = default, default_factory
        self.repr, self.compare, self.hash = repr, compare, hash


def field(*, default: Any = _MISSING, default_factory: Callable[[], Any] | Any = _MISSING, repr: bool = True,
          compare: bool = True, hash: bool | None = None) -> Any:
    """A field with options, as `dataclasses.field` (default or default_factory, repr, compare, hash)."""
    if default is not _MISSING and default_factory is not _MISSING:
        raise ValueError("cannot specify both default and default_factory")
    return Field(default, default_factory, repr, compare, hash)


def _spec(cls: type, name: str) -> Field:
    value = cls.__dict__.get(name, _MISSING)
    spec = value if isinstance(value, Field) else Field(value, _MISSING, True, True, None)
    if spec.default is not _MISSING and type(spec.default).__hash__ is None:  # the check dataclasses makes
        raise ValueError(f"mutable default {type(spec.default)} for field {name} is not allowed: use default_factory")
    return spec


def _tuple_getter(names: tuple[str, ...]) -> Callable[[object], tuple[Any, ...]]:
    if len(names) > 1:
        return operator.attrgetter(*names)  # type: ignore[return-value]
    if names:
        one = operator.attrgetter(names[0])
        return lambda obj: (one(obj),)
    return lambda obj: ()


def _named(function: Any, cls: type, name: str) -> Any:
    function.__name__ = name
    function.__qualname__ = f"{cls.__qualname__}.{name}"
    return function


def _frozen_error(message: str) -> Exception:
    from dataclasses import FrozenInstanceError  # imported when it is raised: a record never needs it otherwise

    return FrozenInstanceError(message)


def _methods(cls: type, names: tuple[str, ...], specs: dict[str, Field]) -> dict[str, Any]:
    shown = tuple(name for name in names if specs[name].repr)
    compared = _tuple_getter(tuple(name for name in names if specs[name].compare))
    hashed = _tuple_getter(tuple(name for name in names
                                 if specs[name].hash or (specs[name].hash is None and specs[name].compare)))
    shown_values = _tuple_getter(shown)
    running: set[tuple[int, int]] = set()

    def __repr__(self: Any) -> str:
        key = id(self), get_ident()
        if key in running:
            return "..."
        running.add(key)
        try:
            values = shown_values(self)
            return self.__class__.__qualname__ + "(" + ", ".join(
                f"{name}={value!r}" for name, value in zip(shown, values)) + ")"
        finally:
            running.discard(key)

    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is self.__class__:
            return compared(self) == compared(other)
        return NotImplemented

    def __hash__(self: Any) -> int:
        return hash(hashed(self))

    def __setattr__(self: Any, name: str, value: Any) -> None:
        if type(self) is cls or name in names:
            raise _frozen_error(f"cannot assign to field {name!r}")
        super(cls, self).__setattr__(name, value)

    def __delattr__(self: Any, name: str) -> None:
        if type(self) is cls or name in names:
            raise _frozen_error(f"cannot delete field {name!r}")
        super(cls, self).__delattr__(name)

    return {name: _named(function, cls, name)
            for name, function in (("__repr__", __repr__), ("__eq__", __eq__), ("__hash__", __hash__),
                                   ("__setattr__", __setattr__), ("__delattr__", __delattr__))}


def _replace(self: Any, /, **changes: Any) -> Any:
    import dataclasses

    return dataclasses.replace(self, **changes)


def _init_source(names: tuple[str, ...], specs: dict[str, Field]) -> str:
    arguments, lines = ["self"], []
    for index, name in enumerate(names):
        spec = specs[name]
        if spec.default_factory is not _MISSING:
            arguments.append(f"{name}=__record_factory__")
            lines.append(f" __record_set__(self, {name!r}, __record_make_{index}__() "
                         f"if {name} is __record_factory__ else {name})")
        else:
            arguments.append(name if spec.default is _MISSING else f"{name}=__record_default_{index}__")
            lines.append(f" __record_set__(self, {name!r}, {name})")
    return f"def __init__({', '.join(arguments)}):\n" + ("\n".join(lines) or " pass") + "\n"


class _LazyInit:
    """A record's `__init__` until first used: then the real one is compiled and put in its place."""

    def __init__(self, cls: type, names: tuple[str, ...], specs: dict[str, Field]) -> None:
        self.cls, self.names, self.specs = cls, names, specs

    def __get__(self, obj: object, owner: type | None = None) -> Any:
        namespace: dict[str, Any] = {"__record_set__": object.__setattr__, "__record_factory__": _FACTORY}
        for index, name in enumerate(self.names):
            spec = self.specs[name]
            namespace[f"__record_default_{index}__"] = spec.default
            namespace[f"__record_make_{index}__"] = spec.default_factory
        exec(_init_source(self.names, self.specs), namespace)  # noqa: S102 - our own text, as dataclasses does
        init = _named(namespace["__init__"], self.cls, "__init__")
        init.__annotations__ = {**{name: self.cls.__annotations__[name] for name in self.names}, "return": None}
        type.__setattr__(self.cls, "__init__", init)
        return init.__get__(obj, owner)


_PARAMS: list[Any] = []


class _LazyDataclassAttribute:
    """`__dataclass_fields__` / `__dataclass_params__`, made from an equivalent dataclass when first read."""

    def __init__(self, cls: type, names: tuple[str, ...], specs: dict[str, Field], attribute: str) -> None:
        self.cls, self.names, self.specs, self.attribute = cls, names, specs, attribute

    def __get__(self, obj: object, owner: type | None = None) -> Any:
        import dataclasses

        if not _PARAMS:
            _PARAMS.append(dataclasses.dataclass(frozen=True)(type("Params", (), {"__doc__": "-"})).__dataclass_params__)
        body: dict[str, Any] = {"__annotations__": {name: self.cls.__annotations__[name] for name in self.names},
                                "__module__": self.cls.__module__, "__qualname__": self.cls.__qualname__,
                                "__doc__": self.cls.__doc__}
        for name in self.names:
            spec = self.specs[name]
            options: dict[str, Any] = {"repr": spec.repr, "compare": spec.compare, "hash": spec.hash}
            if spec.default is not _MISSING:
                options["default"] = spec.default
            if spec.default_factory is not _MISSING:
                options["default_factory"] = spec.default_factory
            body[name] = dataclasses.field(**options)
        # no methods are asked of this class: its fields are the ones dataclasses would give the record
        twin = dataclasses.dataclass(init=False, repr=False, eq=False)(type(self.cls.__name__, (), body))
        type.__setattr__(self.cls, "__dataclass_fields__", twin.__dataclass_fields__)
        type.__setattr__(self.cls, "__dataclass_params__", _PARAMS[0])
        return getattr(self.cls, self.attribute)


@dataclass_transform(frozen_default=True, field_specifiers=(field,))
def record(cls: type[T]) -> type[T]:
    """Make `cls` a frozen record: to the rest of the code, what `@dataclass(frozen=True)` would make of it."""
    if cls.__bases__ != (object,):
        raise TypeError(f"record {cls.__name__}: a record derives from object only")
    if not cls.__doc__:
        raise TypeError(f"record {cls.__name__}: give the class a docstring")
    for name in _OWN_METHODS:
        if name in cls.__dict__:
            raise TypeError(f"record {cls.__name__}: {name} of its own is not supported (use dataclasses)")
    # the class's own annotations: read through the attribute, which Python 3.14 fills lazily (its class
    # __dict__ then has none); a record derives from object only, so nothing is inherited here
    annotations = dict(getattr(cls, "__annotations__", None) or {})
    for name, value in cls.__dict__.items():
        if isinstance(value, Field) and name not in annotations:
            raise TypeError(f"{name!r} is a field but has no type annotation")
    names = tuple(annotations)
    specs = {}
    seen_default = False
    for name in names:
        text = annotations[name] if isinstance(annotations[name], str) else repr(annotations[name])
        if any(word in text for word in _REFUSED_TYPES) or name == "self":
            raise TypeError(f"record {cls.__name__}: field {name!r} is not supported (use dataclasses)")
        spec = specs[name] = _spec(cls, name)
        has_default = spec.default is not _MISSING or spec.default_factory is not _MISSING
        if seen_default and not has_default:
            raise TypeError(f"non-default argument {name!r} follows default argument")
        seen_default = seen_default or has_default
        if isinstance(cls.__dict__.get(name), Field):  # as dataclasses leaves them: the default, or nothing
            if spec.default is _MISSING:
                delattr(cls, name)
            else:
                setattr(cls, name, spec.default)
    for name, method in _methods(cls, names, specs).items():
        setattr(cls, name, method)
    cls.__init__ = _LazyInit(cls, names, specs)  # type: ignore[misc]
    cls.__match_args__ = names  # type: ignore[attr-defined]
    cls.__record_fields__ = names  # type: ignore[attr-defined]
    if sys.version_info >= (3, 13):  # dataclasses give every class copy.replace's hook from Python 3.13
        cls.__replace__ = _replace  # type: ignore[attr-defined]
    for attribute in ("__dataclass_fields__", "__dataclass_params__"):
        setattr(cls, attribute, _LazyDataclassAttribute(cls, names, specs, attribute))
    return cls


def field_names(cls: type) -> tuple[str, ...]:
    """The names of a record's fields in order (what `dataclasses.fields` lists, without importing dataclasses)."""
    return cls.__record_fields__  # type: ignore[attr-defined, no-any-return]
