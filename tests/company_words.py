"""Which companies' words a built workbook or memo shows.

A model of one company must not show another company's words: a synthetic company built from
made-up documents must show no real company's name, ticker or segment, and a template or a
label in ``builder/`` must name no company at all. This helper reads every text a reader can
see in a workbook (cell strings, formula results that are text, comments, charts, sheet and
defined names, document properties) or a memo (Markdown, HTML text), and finds the words of
the companies given.

A company's words come from its model YAML: ``company.name_en``, ``name_zh``, ``aliases``, the
listings' tickers, the segments' names and aliases. Names are split into words, less company
forms (Holdings, Limited, 有限公司...): "Kingsoft Cloud Holdings Limited" gives Kingsoft and
Cloud. Words match whole and case-blind; an all-capital word (a ticker, AI) matches whole and
exactly; a Chinese word matches anywhere (Chinese has no spaces).

Usage::

    words = words_of_models(Path("assumptions").glob("[!_]*.yaml"))
    assert found_words(workbook_texts(xlsx), words) == []
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable, Mapping
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import yaml

# Words that name a kind of company, a country or a negation, not a company: never searched.
GENERIC = frozenset({
    "holdings", "holding", "limited", "ltd", "inc", "incorporated", "co", "corp",
    "corporation", "company", "group", "plc", "sa", "ag", "se", "nv", "bv", "llc", "lp",
    "the", "and", "of", "non", "us", "hk", "cn", "uk",
})
CJK_FORMS = ("股份有限公司", "控股有限公司", "有限公司", "集团", "控股", "公司")
_TOKEN = re.compile(r"[A-Za-z][A-Za-z0-9]*|[\u3400-\u9fff\uf900-\ufaff]+")
_CJK = re.compile(r"^[\u3400-\u9fff\uf900-\ufaff]+$")
# Worksheet elements whose text a reader sees (besides inline strings and text results).
_SHEET_TEXT = {"oddHeader", "oddFooter", "evenHeader", "evenFooter", "firstHeader",
               "firstFooter", "formula1"}
_SKIPPED_PARTS = ("xl/styles.xml", "xl/theme/", "xl/calcChain.xml", "[Content_Types].xml")


# -- a company's words ----------------------------------------------------------------------

def words_of_models(paths: Iterable[Path]) -> set[str]:
    """The words of every company whose model YAML is in ``paths``."""
    found: set[str] = set()
    for path in paths:
        found |= model_words(yaml.safe_load(Path(path).read_text(encoding="utf-8")))
    return found


def model_words(data: Mapping[str, Any]) -> set[str]:
    """The words that name the company of one model (its parsed YAML)."""
    company = data.get("company") or {}
    phrases = [company.get("name_en", ""), company.get("name_zh", ""),
               *company.get("aliases", []), *_segment_names(company.get("segments", []))]
    found = {word for phrase in phrases for word in phrase_words(str(phrase))}
    found |= {str(x["ticker"]).strip() for x in company.get("listings", []) if x.get("ticker")}
    return found


def _segment_names(segments: Iterable[Mapping[str, Any]]) -> Iterable[str]:
    for segment in segments:
        yield segment.get("name", "")
        yield from segment.get("aliases", [])
        yield from _segment_names(segment.get("children", []))


def phrase_words(phrase: str) -> set[str]:
    """The distinctive words of a name: letters-and-digits runs of three characters or more
    (two when all capitals, as AI), Chinese runs without their company form."""
    found = set()
    for token in _TOKEN.findall(phrase):
        if _CJK.match(token):
            stem = _strip_forms(token)
            if len(stem) >= 2:
                found.add(stem)
        elif token.lower() in GENERIC:
            continue
        elif len(token) >= 3 or (len(token) == 2 and token.isupper()):
            found.add(token)
    return found


def _strip_forms(token: str) -> str:
    for form in CJK_FORMS:
        if token.endswith(form) and len(token) > len(form):
            return token[: -len(form)]
    return token


# -- what a reader sees ---------------------------------------------------------------------

def workbook_texts(path: Path) -> list[str]:
    """Every text a reader of the workbook can see, one string per cell, comment or part."""
    texts: list[str] = []
    with zipfile.ZipFile(path) as book:
        for name in book.namelist():
            if not name.endswith(".xml") or name.startswith(_SKIPPED_PARTS):
                continue
            root = ElementTree.fromstring(book.read(name))
            if name.startswith("xl/worksheets/"):
                texts += _sheet_texts(root)
            elif name == "xl/workbook.xml":
                texts += [e.get("name", "") for e in root.iter() if _local(e.tag) in
                          ("sheet", "definedName")]
            elif name == "xl/sharedStrings.xml":
                texts += ["".join(si.itertext()) for si in root]
            else:
                texts += [t for t in root.itertext() if t.strip()]
    return texts


def _sheet_texts(root: ElementTree.Element) -> list[str]:
    texts = []
    for cell in root.iter():
        tag = _local(cell.tag)
        if tag == "c" and cell.get("t") in ("str", "inlineStr"):
            texts.append("".join(cell.itertext()) if cell.get("t") == "inlineStr" else
                         "".join(v.text or "" for v in cell if _local(v.tag) == "v"))
        elif tag in _SHEET_TEXT and cell.text:
            texts.append(cell.text)
    return texts


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def memo_texts(paths: Iterable[Path]) -> list[str]:
    """The text of memo files: Markdown as it is, HTML as a reader sees it (text, alt and
    title attributes; not styles, scripts or embedded images)."""
    texts = []
    for path in paths:
        text = Path(path).read_text(encoding="utf-8")
        if Path(path).suffix == ".html":
            reader = _HtmlText()
            reader.feed(text)
            texts += reader.texts
        else:
            texts.append(re.sub(r"data:[^)\"'\s]+", "", text))  # embedded images are not text
    return texts


class _HtmlText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.texts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("style", "script"):
            self._skipping += 1
        self.texts += [value for key, value in attrs if key in ("alt", "title") and value]

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "script") and self._skipping:
            self._skipping -= 1

    def handle_data(self, data: str) -> None:
        if not self._skipping and data.strip():
            self.texts.append(data)


# -- the search -----------------------------------------------------------------------------

def found_words(texts: Iterable[str], words: Iterable[str]) -> list[str]:
    """The words of ``words`` that appear in ``texts`` (sorted): whole words, case-blind;
    all-capital words exactly; Chinese words anywhere."""
    patterns = _patterns(words)
    found: set[str] = set()
    for text in texts:
        for pattern, normal in patterns:
            found.update(normal.get(m.group(0).lower(), m.group(0))
                         for m in pattern.finditer(text))
    return sorted(found)


def _patterns(words: Iterable[str]) -> list[tuple[re.Pattern[str], dict[str, str]]]:
    chinese, exact, blind = set(), set(), set()
    for word in words:
        if _CJK.match(word):
            chinese.add(word)
        elif word == word.upper():
            exact.add(word)
        else:
            blind.add(word)
    patterns = []
    for group, flags, bounded in ((chinese, 0, False), (exact, 0, True),
                                  (blind, re.IGNORECASE, True)):
        if not group:
            continue
        body = "|".join(re.escape(w) for w in sorted(group, key=lambda w: (-len(w), w)))
        if bounded:
            body = rf"(?<![A-Za-z0-9])(?:{body})(?![A-Za-z0-9])"
        normal = {w.lower(): w for w in group} if flags else {}
        patterns.append((re.compile(body, flags), normal))
    return patterns
