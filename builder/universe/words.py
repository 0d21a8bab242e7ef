"""Made-up words for synthetic companies: names, tickers and segment names no company has.

A generated workbook must show no real company's words, and no other generated company's
either, so every distinctive word is drawn here and never handed out twice in a universe.
Latin words are syllables ending in a rare letter (``Tovaliq``, ``Merax``), so they are not
English words a generic label could contain; Chinese stems come from characters no covered
company's name uses, all of one length, so one stem is never part of another.
"""

from __future__ import annotations

import random

CONSONANTS = "bdfgklmnprstvz"
VOWELS = "aeiou"
ENDINGS = "qxz"
CJK_POOL = "星海天华信科长明达和恒远泰安瑞德鑫康宏源晨嘉锦瀚翔博睿启航"
CJK_STEM = 3
TICKER_LETTERS = "BCDFGHJKLMNPQRSTVWXZ"
RARE_LETTERS = "QXZJ"

# Company forms: generic, so a name carries them without making them its words.
COMPANY_FORMS = ("Holdings Limited", "Group", "Inc.", "Co., Ltd.", "plc", "SA", "AG", "Limited",
                 "Corporation")
CJK_COMPANY_FORMS = ("控股有限公司", "股份有限公司", "集团", "有限公司")
CJK_SEGMENT_FORMS = ("板块", "事业部", "服务")

# Strings that must stay text in a cell, a Markdown memo and an HTML memo. ``{w}`` is a fresh
# made-up word, so a hostile name is still its company's own; "=1+1" has no word at all.
HOSTILE = ("=1+1", "={w}", "+{w}()", "-{w}", "@{w}", "<b>{w}</b>", "{{{{ {w} }}}}",
           "{{% {w} %}}", "*{w}* _{w}_", "[{w}](#)", "{w} | {w}", "'{w}")


class Words:
    """Hands out words never handed out before in this universe (one per generator run)."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.used: set[str] = set()

    def word(self) -> str:
        """A capitalised made-up word, e.g. ``Velomaq``."""
        while True:
            syllables = self.rng.randint(2, 3)
            text = "".join(self.rng.choice(CONSONANTS) + self.rng.choice(VOWELS)
                           for _ in range(syllables)) + self.rng.choice(ENDINGS)
            if self._take(text.lower()):
                return text.capitalize()

    def cjk(self) -> str:
        """A Chinese stem of ``CJK_STEM`` characters, e.g. ``瑞德鑫``."""
        while True:
            stem = "".join(self.rng.sample(CJK_POOL, CJK_STEM))
            if self._take(stem):
                return stem

    def ticker(self, style: str) -> str:
        """A ticker in an exchange's style: ``letters`` (QVXA), or digits (``4`` -> 4821)."""
        while True:
            if style == "letters":
                text = "".join(self.rng.choice(TICKER_LETTERS) for _ in range(4))
                if not set(text) & set(RARE_LETTERS):
                    continue  # FCFF is a ticker too: one rare letter keeps labels apart
            else:
                # Above the years (1900-2199) a document or label may name next to it.
                text = str(self.rng.randint(2200 * 10 ** (int(style) - 4), 10 ** int(style) - 1))
            if self._take(f"ticker:{text}"):
                return text

    def hostile(self) -> str:
        return self.rng.choice(HOSTILE).format(w=self.word())

    def _take(self, text: str) -> bool:
        if text in self.used:
            return False
        self.used.add(text)
        return True
