"""Read user text as light Markdown (bold, italics, lists, links, code) the same way for every output."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.token import Token

SENTINEL = "ctpatendofresponsesentinel"
LINK_SCHEMES = ("http://", "https://", "mailto:")

_ASCII_PUNCT = re.escape("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_BACKSLASH = re.compile(rf"\\(?=[{_ASCII_PUNCT}]|\n|$)")
_TAG_START = re.compile(r"<(?=[A-Za-z/!?])")
_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
_HEADING = re.compile(r"^( {0,3})(#{1,6}(?:[ \t]|$))", re.MULTILINE)
_RULE_OR_UNDERLINE = re.compile(r"^( {0,3})((?:=+|-+|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})[ \t]*)$", re.MULTILINE)
_REFERENCE = re.compile(r"^( {0,3})(\[[^\]\n]*\]:)", re.MULTILINE)
_FENCE = re.compile(r"^( {0,3})(`{3,}|~{3,})", re.MULTILINE)


@dataclass(frozen=True)
class Run:
    """A stretch of text with one formatting; line breaks are kept as '\\n'."""

    text: str
    bold: bool = False
    italic: bool = False
    strike: bool = False
    code: bool = False
    href: str = ""


@dataclass(frozen=True)
class Block:
    """One paragraph-level piece: paragraph, bullet, number, continuation (of a list item), quote or code."""

    kind: str
    runs: tuple[Run, ...]
    level: int = 0
    marker: str = ""
    group: int = 0

    @property
    def text(self) -> str:
        """The block's text without formatting (links as their text)."""
        return "".join(run.text for run in self.runs)


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False}).enable("strikethrough")


def _escape_fences(text: str) -> str:
    return _FENCE.sub(lambda m: m.group(1) + "\\" + m.group(2), text)


def _contained(source: str) -> bool:
    """True when a paragraph written after `source` (and a blank line) stays a paragraph of its own."""
    tokens = _parser().parse(source + "\n\n" + SENTINEL + "\n")
    return (len(tokens) >= 3 and tokens[-1].type == "paragraph_close" and tokens[-2].type == "inline"
            and tokens[-2].content == SENTINEL and tokens[-1].level == 0)


_SPECIAL_ANYWHERE = re.compile(r"[*_`\[\]<&\\~]")
_SPECIAL_LINE_START = re.compile(r"^(?:[ \t]|[-+>#=]|\d+[.)])", re.MULTILINE)


def _trivially_plain(text: str) -> bool:
    """True when nothing in `text` can be Markdown syntax (so no parsing or escaping is needed)."""
    return not _SPECIAL_ANYWHERE.search(text) and not _SPECIAL_LINE_START.search(text)


@lru_cache(maxsize=4096)
def markdown_source(text: str) -> str:
    """User text as Markdown for the .md file: its own formatting kept, everything else shown literally."""
    if _trivially_plain(text):
        return text
    source = _BACKSLASH.sub(r"\\\\", text)
    source = _TAG_START.sub(r"\\<", source)
    source = _ENTITY.sub(r"\\&", source)
    source = _HEADING.sub(lambda m: m.group(1) + "\\" + m.group(2), source)
    source = _RULE_OR_UNDERLINE.sub(lambda m: m.group(1) + "\\" + m.group(2), source)
    source = _REFERENCE.sub(lambda m: m.group(1) + "\\" + m.group(2), source)
    if not _contained(source):
        source = _escape_fences(source)
    if not _contained(source):
        source = literal_markdown(text)
    return source


def literal_markdown(text: str) -> str:
    """Markdown that shows `text` exactly, every ASCII punctuation mark escaped (the last-resort form)."""
    escaped = re.sub(rf"([{_ASCII_PUNCT}])", r"\\\1", text)
    return "\n".join(line.lstrip(" \t") for line in escaped.split("\n"))


def _tokens(text: str) -> list[Token]:
    return _parser().parse(markdown_source(text))


def _is_plain(tokens: list[Token]) -> bool:
    for token in tokens:
        if token.type not in ("paragraph_open", "paragraph_close", "inline"):
            return False
        for child in token.children or ():
            if child.type not in ("text", "softbreak", "hardbreak"):
                return False
    return True


def _plain_blocks(text: str) -> tuple[Block, ...]:
    paragraphs = re.split(r"\n[ \t]*(?:\n[ \t]*)+", text.strip("\n"))
    return tuple(Block("paragraph", (Run(p),)) for p in paragraphs if p.strip())


def _inline_runs(token: Token) -> tuple[Run, ...]:
    runs: list[Run] = []
    bold = italic = strike = 0
    href = ""

    def add(text: str, *, code: bool = False) -> None:
        if not text:
            return
        run = Run(text, bold > 0, italic > 0, strike > 0, code, href)
        if runs and not code and not runs[-1].code and runs[-1].bold == run.bold and runs[-1].italic == run.italic \
                and runs[-1].strike == run.strike and runs[-1].href == run.href:
            runs[-1] = Run(runs[-1].text + text, run.bold, run.italic, run.strike, False, href)
        else:
            runs.append(run)

    for child in token.children or ():
        kind = child.type
        if kind == "text" or kind == "html_inline":
            add(child.content)
        elif kind in ("softbreak", "hardbreak"):
            add("\n")
        elif kind == "code_inline":
            add(child.content, code=True)
        elif kind == "strong_open":
            bold += 1
        elif kind == "strong_close":
            bold -= 1
        elif kind == "em_open":
            italic += 1
        elif kind == "em_close":
            italic -= 1
        elif kind == "s_open":
            strike += 1
        elif kind == "s_close":
            strike -= 1
        elif kind == "link_open":
            target = str(child.attrs.get("href", ""))
            href = target if target.lower().startswith(LINK_SCHEMES) else ""
        elif kind == "link_close":
            href = ""
        elif kind == "image":
            add(child.content)
        else:
            add(child.content)
    return tuple(runs)


def _walk(tokens: list[Token]) -> tuple[Block, ...]:
    blocks: list[Block] = []
    lists: list[str] = []
    item_started: list[bool] = []
    marker = ""
    quote = 0
    group = 0
    for token in tokens:
        kind = token.type
        if kind in ("bullet_list_open", "ordered_list_open"):
            group += 0 if lists else 1
            lists.append("bullet" if kind == "bullet_list_open" else "number")
        elif kind in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif kind == "list_item_open":
            marker = "•" if lists[-1] == "bullet" else f"{token.info}{token.markup}"
            item_started.append(False)
        elif kind == "list_item_close":
            item_started.pop()
        elif kind == "blockquote_open":
            quote += 1
        elif kind == "blockquote_close":
            quote -= 1
        elif kind == "inline":
            runs = _inline_runs(token)
            if lists and not item_started[-1]:
                blocks.append(Block(lists[-1], runs, len(lists), marker, group))
                item_started[-1] = True
            elif lists:
                blocks.append(Block("continue", runs, len(lists), "", group))
            else:
                blocks.append(Block("quote" if quote else "paragraph", runs))
        elif kind in ("fence", "code_block"):
            code = (Run(token.content.rstrip("\n"), code=True),)
            if lists and not item_started[-1]:
                blocks.append(Block(lists[-1], code, len(lists), marker, group))
                item_started[-1] = True
            else:
                blocks.append(Block("code", code, len(lists), "", group if lists else 0))
    return tuple(blocks)


@lru_cache(maxsize=4096)
def _analyse(text: str) -> tuple[bool, tuple[Block, ...]]:
    if not text.strip():
        return True, ()
    if _trivially_plain(text):
        return True, _plain_blocks(text)
    tokens = _tokens(text)
    if _is_plain(tokens):
        return True, _plain_blocks(text)
    return False, _walk(tokens)


def has_formatting(text: str) -> bool:
    """True when `text` uses Markdown formatting (emphasis, lists, links, code, quotes)."""
    return not _analyse(text)[0]


def parse_blocks(text: str) -> tuple[Block, ...]:
    """The blocks of `text`: unformatted text stays exactly as typed, Markdown becomes formatting."""
    return _analyse(text)[1]


def _run_plain(run: Run) -> str:
    if run.href and run.href != run.text and run.href != f"mailto:{run.text}":
        return f"{run.text} ({run.href})"
    return run.text


def block_plain(block: Block) -> str:
    """One block as plain text; list items keep their marker and indent their following lines."""
    text = "".join(_run_plain(run) for run in block.runs)
    indent = "  " * max(block.level - 1, 0)
    if block.kind in ("bullet", "number"):
        lead = f"{indent}{'-' if block.kind == 'bullet' else block.marker} "
        return lead + text.replace("\n", "\n" + " " * len(lead))
    if block.kind == "continue":
        pad = indent + "  "
        return pad + text.replace("\n", "\n" + pad)
    return text


def plain_text(text: str) -> str:
    """User text as plain text for the portal box: unformatted text exactly as typed, Markdown marks removed."""
    plain, blocks = _analyse(text)
    if plain:
        return text
    pieces: list[str] = []
    previous: Block | None = None
    for block in blocks:
        if previous is not None:
            same_list = previous.group and previous.group == block.group
            pieces.append("\n" if same_list else "\n\n")
        pieces.append(block_plain(block))
        previous = block
    return "".join(pieces)


_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]~|])")
_LINE_START = re.compile(r"^([ \t]*)([#>+=\-]|\d+(?=[.)]))", re.MULTILINE)
_TRAILING_BREAKS = re.compile(r"\s*\n\s*\Z")  # a break at the very end would show as a stray backslash


def md_inline(text: str, *, breaks: str = "\\\n") -> str:
    """Plain text (not Markdown) made safe inside a Markdown line: shown exactly, line breaks kept as `breaks`."""
    escaped = _INLINE_SPECIAL.sub(r"\\\1", text)
    escaped = _TAG_START.sub(r"\\<", escaped)
    escaped = _ENTITY.sub(r"\\&", escaped)
    if "\n" not in escaped:
        return escaped
    escaped = _LINE_START.sub(lambda m: m.group(1) + ("\\" + m.group(2) if not m.group(2)[0].isdigit()
                                                      else m.group(2) + "\\"), escaped)
    return _TRAILING_BREAKS.sub("", escaped).replace("\n", breaks)
