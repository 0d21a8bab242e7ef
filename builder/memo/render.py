"""Render the memo's context with the Jinja templates: Markdown and one self-contained HTML.

Jinja runs with ``StrictUndefined``: a template that names a variable the context lacks fails
with a problem naming the template file, its line and the variable, never a half-written memo.
HTML is autoescaped; Markdown escapes every plain string through ``finalize``, so text from the
inputs (a company name, a thesis line) can never become markup in either.
"""

from __future__ import annotations

import base64
import functools
import sys
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from urllib.parse import quote

import jinja2
from markupsafe import Markup

from builder.memo.charts import Chart, render_charts
from builder.memo.context import MemoContext
from builder.memo.filters import FILTERS, markdown_finalize
from builder.problems import InputError, Problem


def _templates_folder() -> Path:
    """The repository's ``templates/`` (editable install), else the copy a wheel installs."""
    checkout = Path(__file__).resolve().parents[2] / "templates"
    installed = Path(sys.prefix) / "share" / "finmodel" / "templates"
    return checkout if checkout.is_dir() or not installed.is_dir() else installed


TEMPLATES = _templates_folder()
MARKDOWN_TEMPLATE = "memo.md.j2"
HTML_TEMPLATE = "memo.html.j2"


@dataclass(frozen=True)
class RenderedMemo:
    markdown: str
    html: str
    charts: tuple[Chart, ...]
    files_dir: str  # the folder, relative to the Markdown file, where its charts live


def render_memo(context: MemoContext, stem: str, templates: Path | None = None) -> RenderedMemo:
    """Both memo formats in memory; nothing is written until everything has rendered."""
    templates = templates if templates is not None else TEMPLATES
    charts = render_charts(context)
    files_dir = f"{stem}.memo_files"
    markdown = _render(_environment(templates, html=False), MARKDOWN_TEMPLATE, templates, {
        "memo": context,
        "charts": [{"title": c.title, "src": Markup(quote(f"{files_dir}/{c.name}.png"))}
                   for c in charts],
    })
    html = _render(_environment(templates, html=True), HTML_TEMPLATE, templates, {
        "memo": context,
        "charts": [{"title": c.title, "src": _data_uri(c.png)} for c in charts],
    })
    return RenderedMemo(markdown, html, charts, files_dir)


@functools.lru_cache(maxsize=8)
def _environment(templates: Path, *, html: bool) -> jinja2.Environment:
    """One environment per folder and format for the life of the process: it keeps the compiled
    templates (compiling both costs about 0.2 s a memo) and recompiles a template whose file
    changed (Jinja's ``auto_reload``), so a long-running ``build --watch`` sees template edits."""
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates)),
        undefined=jinja2.StrictUndefined,
        autoescape=html,
        finalize=None if html else markdown_finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    environment.filters.update(FILTERS)
    return environment


def _render(environment: jinja2.Environment, name: str, templates: Path,
            variables: dict[str, object]) -> str:
    path = templates / name
    try:
        return environment.get_template(name).render(variables)
    except jinja2.TemplateNotFound as error:
        raise InputError([Problem(str(templates / str(error.name)),
                                  "memo template not found")]) from None
    except jinja2.TemplateSyntaxError as error:
        where = error.filename or str(path)
        raise InputError([Problem(where, f"memo template syntax: {error.message}",
                                  line=error.lineno)]) from None
    except jinja2.UndefinedError as error:
        file, line = _template_frame(sys.exc_info()[2], path)
        raise InputError([Problem(file, f"memo template uses an undefined variable: "
                                        f"{error.message}", line=line)]) from None


def _template_frame(trace: TracebackType | None, default: Path) -> tuple[str, int | None]:
    """The innermost template file and line in a traceback (Jinja maps them for us)."""
    found: tuple[str, int | None] = (str(default), None)
    while trace is not None:
        filename = trace.tb_frame.f_code.co_filename
        if filename.endswith(".j2"):
            found = (filename, trace.tb_lineno)
        trace = trace.tb_next
    return found


def _data_uri(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")
