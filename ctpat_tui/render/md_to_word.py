"""Turn user text (light Markdown) into docxtpl RichText runs and RichTextParagraph paragraphs."""

from __future__ import annotations

from collections.abc import Callable

from docxtpl import RichText, RichTextParagraph

from ctpat_tui.render.usertext import Block, Run, has_formatting, parse_blocks

LinkId = Callable[[str], str]

PARAGRAPH_STYLE = "ResponseText"
CODE_PARAGRAPH_STYLE = "CodeBlock"
CODE_CHARACTER_STYLE = "InlineCode"
LINK_CHARACTER_STYLE = "Hyperlink"
QUOTE_STYLE = "Quote"
BULLET_STYLES = ("ListBullet", "ListBullet2", "ListBullet3")
CONTINUE_STYLES = ("ListContinue", "ListContinue2", "ListContinue3")


def _add_run(rich: RichText, run: Run, link_id: LinkId | None, *, italic: bool = False) -> None:
    style = CODE_CHARACTER_STYLE if run.code else None
    url_id = None
    if run.href and link_id is not None:
        url_id = link_id(run.href)
        style = LINK_CHARACTER_STYLE
    rich.add(run.text, style=style, bold=run.bold, italic=run.italic or italic, strike=run.strike, url_id=url_id)


def block_richtext(block: Block, link_id: LinkId | None = None) -> RichText:
    """The runs of one block (numbered items get their number as typed, followed by a tab)."""
    rich = RichText()
    if block.kind == "number":
        rich.add(f"{block.marker}\t")
    for run in block.runs:
        _add_run(rich, run, link_id)
    return rich


def _style(block: Block, base_style: str) -> str:
    level = min(max(block.level, 1), 3) - 1
    if block.kind == "bullet":
        return BULLET_STYLES[level]
    if block.kind in ("number", "continue"):
        return CONTINUE_STYLES[level]
    if block.kind == "quote":
        return QUOTE_STYLE
    if block.kind == "code":
        return CODE_PARAGRAPH_STYLE
    return base_style


def to_paragraphs(text: str, link_id: LinkId | None = None, *, base_style: str = PARAGRAPH_STYLE,
                  empty: str = "") -> RichTextParagraph:
    """Whole paragraphs for a `{{p ... }}` tag: paragraphs, bullets, numbered items, quotes, code."""
    paragraphs = RichTextParagraph()
    blocks = parse_blocks(text)
    if not blocks:
        paragraphs.add(RichText(empty, italic=True) if empty else RichText(), parastyle=base_style)
        return paragraphs
    for block in blocks:
        paragraphs.add(block_richtext(block, link_id), parastyle=_style(block, base_style))
    return paragraphs


def to_runs(text: str, link_id: LinkId | None = None, *, empty: str = "\u2014", italic: bool = False,
            rich: RichText | None = None) -> RichText:
    """Runs for a `{{r ... }}` tag inside one paragraph (table cells): blocks joined by line breaks."""
    rich = rich if rich is not None else RichText()
    if not text.strip():
        rich.add(empty, italic=italic)
        return rich
    if not has_formatting(text):
        rich.add(text, italic=italic)
        return rich
    for index, block in enumerate(parse_blocks(text)):
        if index:
            rich.add("\n")
        if block.kind == "bullet":
            rich.add("\u2022 ")
        elif block.kind == "number":
            rich.add(f"{block.marker} ")
        for run in block.runs:
            _add_run(rich, run, link_id, italic=italic)
    return rich
