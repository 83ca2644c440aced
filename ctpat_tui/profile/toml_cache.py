"""The editable document's answer cache: a tomlkit document class, in a module of its own so that importing
`profile.document` (every command, and the editor's start) does not import tomlkit."""

from __future__ import annotations

from tomlkit.items import Key, Table
from tomlkit.toml_document import TOMLDocument

__all__ = ["RenderCachingDocument", "TOMLDocument"]


class RenderCachingDocument(TOMLDocument):
    """A tomlkit document that keeps the text of each `[answers."ID"]` table (with its evidence) until that answer
    is edited, so that saving after an edit renders the edited answer and the small tables around the answers,
    not every answer. The text is exactly tomlkit's: the cache holds what tomlkit's own renderer returned for that
    very table object under the same key and prefix, and ProfileDocument forgets an answer before changing it."""

    _rendered: dict[int, tuple[Table, str, str, str]]

    def _render_table(self, key: Key, table: Table, prefix: str | None = None) -> str:
        cache = self.__dict__.get("_rendered")
        if cache is None or prefix != "answers":
            return super()._render_table(key, table, prefix)
        key_text = key.as_string()
        entry = cache.get(id(table))
        if entry is not None and entry[0] is table and entry[1] == key_text:
            return entry[3]
        text = super()._render_table(key, table, prefix)
        cache[id(table)] = (table, key_text, key.key, text)
        return text

    def forget_answer(self, criterion_id: str | None) -> None:
        """The answer `criterion_id` (None: any answer) is about to change: render it afresh next time."""
        cache = self.__dict__.get("_rendered")
        if cache and criterion_id is None:
            cache.clear()
        elif cache:
            for stale in [ident for ident, entry in cache.items() if entry[2] == criterion_id]:
                del cache[stale]

    def uncached_string(self) -> str:
        """The text tomlkit renders with no cache at all (for tests that compare the two)."""
        cache = self.__dict__.pop("_rendered", None)
        try:
            return self.as_string()
        finally:
            if cache is not None:
                self._rendered = cache
