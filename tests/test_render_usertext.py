"""User text is read as light Markdown the same way for every output; unformatted text stays exactly as typed."""

from __future__ import annotations

import pytest
from markdown_it import MarkdownIt
from render_support import CONTROL, HOSTILE, clean

from ctpat_tui.render.text_clean import TextCleaner, clean_text
from ctpat_tui.render.usertext import has_formatting, markdown_source, md_inline, parse_blocks, plain_text

VIEWER = MarkdownIt("commonmark").enable(["table", "strikethrough"])  # html on, like GitHub's renderer


def shown_text(source: str) -> str:
    """The text a Markdown viewer shows for `source` (paragraphs joined by blank lines); raw HTML fails the test."""
    paragraphs = []
    for token in VIEWER.parse(source):
        assert token.type != "html_block", f"raw HTML block in {source!r}"
        if token.type != "inline":
            continue
        text = ""
        for child in token.children or ():
            assert child.type != "html_inline", f"raw HTML {child.content!r} reached the Markdown"
            text += "\n" if child.type in ("softbreak", "hardbreak") else child.content
        paragraphs.append(text)
    return "\n\n".join(paragraphs)


PLAIN_CASES = [
    "Fish & Chips <b>bold?</b> \"quoted\" 'single'",
    "{{ 7*7 }} {% if x %}{% endif %} {%p for a in b %} {{r rt }}",
    "&amp; &#169; &copy; AT&T",
    "# not a heading",
    "Title\n===",
    "Title\n---",
    "***",
    "[ref]: https://example.com",
    "<script>alert(1)</script>",
    "<https://example.com>",
    "\\\\fileserver\\security\\SOP.pdf and C:\\Temp\\",
    "line one\nline two\n\nparagraph two",
    "\u05e9\u05dc\u05d5\u05dd \U0001F600 caf\u00e9 \u0645\u0631\u062d\u0628\u0627",
    "2 * 3 = 6 and snake_case_name",
]


@pytest.mark.parametrize("text", PLAIN_CASES)
def test_unformatted_text_is_shown_exactly_in_every_output(text: str) -> None:
    assert not has_formatting(text)
    assert plain_text(text) == text
    assert shown_text(markdown_source(text)) == text
    assert "\n\n".join(block.text for block in parse_blocks(text)) == text


def test_the_hostile_answer_is_plain_and_exact_after_cleaning() -> None:
    text = clean(HOSTILE)
    assert not has_formatting(text)
    assert plain_text(text) == text
    assert shown_text(markdown_source(text)) == text


def test_markdown_the_user_typed_becomes_formatting_not_literal_marks() -> None:
    text = ("We **check** seals _daily_ and ~~never~~ log in `SEC-LOG-1`:\n\n- by the *Shipping Supervisor*\n"
            "- see [the log](https://example.com/log)\n\n1986. A great year\n\n> quoted")
    blocks = parse_blocks(text)
    kinds = [b.kind for b in blocks]
    assert kinds == ["paragraph", "bullet", "bullet", "number", "quote"]
    first = blocks[0].runs
    assert any(r.bold and r.text == "check" for r in first)
    assert any(r.italic and r.text == "daily" for r in first)
    assert any(r.strike and r.text == "never" for r in first)
    assert any(r.code and r.text == "SEC-LOG-1" for r in first)
    assert any(r.href == "https://example.com/log" and r.text == "the log" for r in blocks[2].runs)
    assert blocks[3].marker == "1986."
    plain = plain_text(text)
    assert "**" not in plain and "`" not in plain and "](" not in plain and "~~" not in plain
    assert plain.splitlines()[2:5] == ["- by the Shipping Supervisor", "- see the log (https://example.com/log)", ""]
    assert "1986. A great year" in plain


def test_links_with_unsafe_schemes_stay_text() -> None:
    blocks = parse_blocks("see [this](javascript:alert(1)) and [that](file:///etc/passwd) *now*")
    assert all(not run.href for block in blocks for run in block.runs)


@pytest.mark.parametrize("text", [
    "```\nan unclosed fence swallowing the document",
    "- a list item",
    "> a quote",
    "    indented code",
    "<div>",
    "text with a trailing backslash \\",
])
def test_a_response_never_swallows_what_the_document_writes_after_it(text: str) -> None:
    source = markdown_source(text)
    tokens = VIEWER.parse(source + "\n\nNEXT PARAGRAPH\n")
    assert tokens[-2].type == "inline" and tokens[-2].content == "NEXT PARAGRAPH"
    assert tokens[-3].level == 0


def test_an_unclosed_fence_is_shown_literally() -> None:
    text = "```\ncode"
    assert shown_text(markdown_source(text)) == text
    assert plain_text(text) == text


def test_md_inline_keeps_text_exact_inside_a_line() -> None:
    text = "A *star* _under_ [bracket] `tick` <tag> &amp; | pipe\n# hash line\n1986. year\n- dash"
    rendered = shown_text("- Title: " + md_inline(text))
    assert rendered == "Title: " + text


def test_cleaning_removes_control_characters_and_reports_them_once_per_field() -> None:
    cleaner = TextCleaner()
    assert cleaner("a\r\nb\rc" + CONTROL + "d\td", "7.23 owner") == "a\nb\ncd\td"
    assert cleaner("fine", "7.23 records") == "fine"
    assert cleaner("\x00x\ud800", "company") == "x"
    problems = cleaner.problems()
    assert problems[0].startswith("company: removed 2 control characters (U+0000, U+D800)")
    assert problems[1] == ("7.23 owner: removed 6 control characters (U+0001, U+0007, U+000B, U+000C, U+001B, "
                           "U+007F) that a Word file cannot hold")
    assert len(problems) == 2
    assert clean_text("\u2028 \u05e9 \U0001F600") == "\u2028 \u05e9 \U0001F600"
