"""The ``memo:`` section of the assumptions: the analyst's words for the summary memo.

Kept apart from :mod:`builder.inputs.schema` so the memo's fields change without touching the
model's. Texts are plain text: the memo escapes them, so markup typed here shows as typed.
"""

from __future__ import annotations

from typing import Annotated

from builder.inputs.record import Field, Record

Line = Annotated[str, Field(min_length=1, max_length=600)]


class Memo(Record):
    """Thesis and risks as bullet points; optional short titles for the source documents."""

    thesis: list[Line] = Field(default_factory=list, max_length=8,
                               description="the investment thesis, one bullet per line")
    risks: list[Line] = Field(default_factory=list, max_length=10,
                              description="key risks to the thesis, one bullet per line")
    documents: dict[str, Line] = Field(
        default_factory=dict,
        description="seed document file name -> short title, e.g. 'Guoyuan, initiation'",
    )
