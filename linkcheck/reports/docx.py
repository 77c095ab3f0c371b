"""The report as an editable Word document, made from the same HTML as the PDF, so it holds the same content in
the same language: chapters become Word headings, tables real Word tables, lists Word lists, and each chart a
picture (the chart's SVG printed by WeasyPrint and rasterised by pdfium).

Only the report's own HTML comes here: it is produced by our templates, with profile text escaped, so the small
parser below needs to know only the elements those templates use.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

SKIPPED = {"style", "script", "head", "title", "nav", "defs"}
BLOCKS = {"h1", "h2", "h3", "h4", "p", "li", "figcaption", "caption"}
CHART_WIDTH_MM = 160


@dataclass
class Node:
    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[Any] = field(default_factory=list)  # Node or str

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())


class _Tree(HTMLParser):
    VOID = {"meta", "link", "br", "img", "col", "wbr", "hr", "input"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("root")
        self.stack = [self.root]
        self.raw: list[str] | None = None  # the source of an <svg>, kept whole for the picture
        self.depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.raw is not None:
            self.raw.append(self.get_starttag_text() or "")
            self.depth += tag == "svg"
            return
        node = Node(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(node)
        if tag == "svg":
            self.raw, self.depth = [self.get_starttag_text() or ""], 1
            node.attrs["_source"] = ""
            self.stack.append(node)
        elif tag not in self.VOID:
            self.stack.append(node)

    def handle_endtag(self, tag: str) -> None:
        if self.raw is not None:
            self.raw.append(f"</{tag}>")
            if tag == "svg":
                self.depth -= 1
                if self.depth == 0:
                    self.stack[-1].attrs["_source"] = "".join(self.raw)
                    self.raw = None
                    self.stack.pop()
            return
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                break

    def handle_data(self, data: str) -> None:
        if self.raw is not None:
            from markupsafe import escape

            self.raw.append(str(escape(data)))
        else:
            self.stack[-1].children.append(data)


def docx(page: str, meta: dict[str, Any], lang: str) -> bytes:
    """A .docx of the HTML report `page`; `meta` (title, author, ...) fills the document's properties."""
    from docx import Document

    tree = _Tree()
    tree.feed(page)
    document = Document()
    properties = document.core_properties
    title_node = _find(tree.root, "title")
    properties.title = meta.get("title") or (title_node.text().strip() if title_node else "")
    properties.author = meta.get("author") or ""
    properties.subject = meta.get("subject") or ""
    properties.keywords = "emissions trading, linking"
    properties.language = lang
    properties.comments = meta.get("reference") or ""
    if meta.get("date"):
        import datetime as dt

        day = dt.datetime.combine(meta["date"], dt.time())
        properties.created = properties.modified = day
        properties.last_printed = day
    properties.revision = 1
    _Writer(document).walk(_find(tree.root, "body") or tree.root)
    out = io.BytesIO()
    document.save(out)
    return _reproducible(out.getvalue())


def _find(node: Node, tag: str) -> Node | None:
    for child in node.children:
        if isinstance(child, Node):
            if child.tag == tag:
                return child
            found = _find(child, tag)
            if found:
                return found
    return None


class _Writer:
    def __init__(self, document: Any) -> None:
        self.document = document

    def walk(self, node: Node) -> None:
        for child in node.children:
            if isinstance(child, str):
                if child.strip():
                    self.document.add_paragraph(_clean(child))
                continue
            self.element(child)

    def element(self, node: Node) -> None:
        tag, classes = node.tag, node.classes()
        if tag in SKIPPED or "draft-mark" in classes:
            return
        if tag == "svg":
            self.picture(node.attrs.get("_source", ""))
        elif tag in ("h1", "h2", "h3", "h4"):
            level = 0 if "cover-title" in classes or "brief-title" in classes else min(int(tag[1]), 3)
            self.document.add_heading(_clean(node.text()), level=level)
        elif tag == "table":
            self.table(node)
        elif tag in ("ul", "ol"):
            style = "List Number" if tag == "ol" else "List Bullet"
            for item in node.children:
                if isinstance(item, Node) and item.tag == "li":
                    self.paragraph(item, style)
        elif tag in ("p", "figcaption"):
            self.paragraph(node)
        elif tag in ("img",):
            self.image(node.attrs.get("src", ""))
        elif tag == "div" and not _has_blocks(node):
            self.paragraph(node)  # a box of inline text (a caption and its figure) reads as one paragraph
        else:
            self.walk(node)

    def paragraph(self, node: Node, style: str | None = None) -> None:
        paragraph = self.document.add_paragraph(style=style)
        self.runs(paragraph, node, bold=False)
        if not paragraph.text.strip() and style is None:
            paragraph._element.getparent().remove(paragraph._element)

    def runs(self, paragraph: Any, node: Node, bold: bool) -> None:
        for child in node.children:
            if isinstance(child, str):
                text = _clean(child, keep_edges=True)
                if text:
                    run = paragraph.add_run(text)
                    run.bold = bold or None
            elif child.tag == "br":
                paragraph.add_run().add_break()
            elif child.tag == "svg":
                continue
            else:
                if paragraph.text and not paragraph.text.endswith((" ", "(")) and (
                        child.tag == "b" or "big" in child.classes()):
                    paragraph.add_run(" ")  # a caption and its value, written apart in the HTML's boxes
                self.runs(paragraph, child, bold or child.tag in ("b", "strong", "th"))

    def table(self, node: Node) -> None:
        rows = [row for row in _descendants(node, "tr")]
        if not rows:
            return
        width = max(len([c for c in row.children if isinstance(c, Node) and c.tag in ("td", "th")]) for row in rows)
        table = self.document.add_table(rows=0, cols=width)
        table.style = "Table Grid"
        for row in rows:
            cells = [c for c in row.children if isinstance(c, Node) and c.tag in ("td", "th")]
            target = table.add_row().cells
            for cell, source in zip(target, cells):
                cell.paragraphs[0].text = ""
                self.runs(cell.paragraphs[0], source, bold=source.tag == "th")

    def picture(self, svg: str) -> None:
        png = chart_png(svg)
        if png:
            from docx.shared import Mm

            self.document.add_picture(io.BytesIO(png), width=Mm(CHART_WIDTH_MM))

    def image(self, src: str) -> None:
        import base64

        from docx.shared import Mm

        match = re.match(r"data:image/(png|jpeg);base64,(.+)", src)
        if match:
            self.document.add_picture(io.BytesIO(base64.b64decode(match.group(2))), width=Mm(40))


BLOCK_TAGS = {"p", "div", "table", "ul", "ol", "h1", "h2", "h3", "h4", "svg", "figure", "section", "article", "img"}


def _has_blocks(node: Node) -> bool:
    return any(isinstance(c, Node) and (c.tag in BLOCK_TAGS or _has_blocks(c)) for c in node.children)


def _descendants(node: Node, tag: str) -> list[Node]:
    found = []
    for child in node.children:
        if isinstance(child, Node):
            if child.tag == tag:
                found.append(child)
            else:
                found.extend(_descendants(child, tag))
    return found


def _clean(text: str, keep_edges: bool = False) -> str:
    collapsed = re.sub(r"\s+", " ", text)
    return collapsed if keep_edges else collapsed.strip()


def chart_png(svg: str) -> bytes | None:
    """One chart as a PNG: its SVG printed alone on a page of its own size, then rasterised."""
    import pypdfium2
    from weasyprint import HTML

    from .assets import safe_fetcher

    box = re.search(r'viewBox="([\d.\s-]+)"', svg)
    if not box:
        return None
    _, _, width, height = (float(v) for v in box.group(1).split())
    page_height = CHART_WIDTH_MM * height / width
    html = (f"<html><head><style>@page {{ size: {CHART_WIDTH_MM}mm {page_height:.1f}mm; margin: 0 }} "
            f"body {{ margin: 0 }} svg {{ width: {CHART_WIDTH_MM}mm; height: {page_height:.1f}mm }}</style></head>"
            f"<body>{svg}</body></html>")
    pdf = HTML(string=html, url_fetcher=safe_fetcher()).write_pdf()
    document = pypdfium2.PdfDocument(pdf)
    try:
        image = document[0].render(scale=2.5).to_pil()
        out = io.BytesIO()
        image.save(out, format="PNG", optimize=True)
        return out.getvalue()
    finally:
        document.close()


def _reproducible(data: bytes) -> bytes:
    """The same report gives the same bytes: the zip entries' times are fixed (python-docx stamps the clock)."""
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(2026, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()
