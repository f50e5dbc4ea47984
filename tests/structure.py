"""What a screen reader gets from a tagged PDF: its structure tree and the text in it.

A small reader for tests, on pikepdf: it decodes each page's marked content
(by MCID, through the fonts' ToUnicode maps) and walks the structure tree in
order, so a test can say which text is read, how often, in which language,
and what is left out as artifacts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pikepdf

_HEX = re.compile(rb"<([0-9A-Fa-f]+)>")


@dataclass
class Element:
    """One structure element: its type, its /Lang and /Alt, its text, its children."""

    kind: str
    lang: str | None
    alt: str | None
    text: str = ""
    kids: list[Element] = field(default_factory=list)

    def walk(self) -> list[Element]:
        found = [self]
        for kid in self.kids:
            found.extend(kid.walk())
        return found

    def all_text(self) -> str:
        return self.text + "".join(kid.all_text() for kid in self.kids)


@dataclass
class Tagged:
    """A tagged PDF as read through its structure."""

    lang: str
    root: Element
    artifacts: list[str]  # the text of each page's artifacts, in order

    @property
    def text(self) -> str:
        """Everything read, in reading order, as one line."""
        return " ".join(self.root.all_text().split())

    def elements(self, kind: str | None = None) -> list[Element]:
        return [e for e in self.root.walk() if kind is None or e.kind == kind]


def _cmap(font: pikepdf.Object) -> dict[bytes, str]:
    mapping: dict[bytes, str] = {}
    if "/ToUnicode" not in font:
        return mapping
    data = font.ToUnicode.read_bytes()
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", data, re.S):
        pairs = _HEX.findall(block)
        for src, dst in zip(pairs[::2], pairs[1::2], strict=True):
            mapping[bytes.fromhex(src.decode())] = bytes.fromhex(dst.decode()).decode("utf-16-be")
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", data, re.S):
        for line in block.strip().splitlines():
            parts = _HEX.findall(line)
            if len(parts) != 3:
                continue
            low, high = int(parts[0], 16), int(parts[1], 16)
            start = bytes.fromhex(parts[2].decode()).decode("utf-16-be")
            width = len(parts[0]) // 2
            for n, code in enumerate(range(low, high + 1)):
                text = start[:-1] + chr(ord(start[-1]) + n)
                mapping[code.to_bytes(width, "big")] = text
    return mapping


def _decode(data: bytes, cmap: dict[bytes, str]) -> str:
    width = len(next(iter(cmap))) if cmap else 1
    return "".join(cmap.get(data[i : i + width], "") for i in range(0, len(data), width))


def _page_texts(page: pikepdf.Page) -> tuple[dict[int, str], str]:
    """Text per MCID on a page, and the text of its artifacts."""
    fonts = page.Resources.get("/Font", {})
    maps = {name: _cmap(font) for name, font in fonts.items()}
    texts: dict[int, str] = {}
    artifacts: list[str] = []
    stack: list[int | None] = []  # the MCID of each open sequence; None for an artifact
    current: dict[bytes, str] = {}
    for operands, operator in pikepdf.parse_content_stream(page):
        op = bytes(operator)
        if op == b"BDC":
            props = operands[1]
            is_artifact = str(operands[0]) == "/Artifact"
            mcid = None if is_artifact else int(props.get("/MCID", -1))
            stack.append(mcid)
        elif op == b"BMC":
            stack.append(None if str(operands[0]) == "/Artifact" else -1)
        elif op == b"EMC":
            if stack:
                stack.pop()
        elif op == b"Tf":
            current = maps.get(str(operands[0]), {})
        elif op in (b"Tj", b"TJ"):
            items = operands[0] if op == b"TJ" else [operands[0]]
            text = "".join(
                _decode(bytes(item), current) for item in items if isinstance(item, pikepdf.String)
            )
            mcid = stack[-1] if stack else -1
            if mcid is None:
                artifacts.append(text)
            elif mcid >= 0:
                texts[mcid] = texts.get(mcid, "") + text
    return texts, " ".join(artifacts)


def read_tagged(path: Path) -> Tagged:
    with pikepdf.open(path) as pdf:
        pages = {page.objgen: n for n, page in enumerate(pdf.pages)}
        per_page = [_page_texts(page) for page in pdf.pages]

        def element(node: pikepdf.Object, page: int | None) -> Element:
            if "/Pg" in node:
                page = pages.get(node.Pg.objgen, page)
            found = Element(
                str(node.get("/S", "")),
                str(node.Lang) if "/Lang" in node else None,
                str(node.Alt) if "/Alt" in node else None,
            )
            kids = node.get("/K")
            items = kids if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []
            for kid in items:
                if isinstance(kid, int) and page is not None:
                    found.text += per_page[page][0].get(int(kid), "") + " "
                elif isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                    found.kids.append(element(kid, page))
            return found

        top = pdf.Root.StructTreeRoot.K
        root = element(top[0] if isinstance(top, pikepdf.Array) else top, None)
        return Tagged(str(pdf.Root.Lang), root, [artifacts for _, artifacts in per_page])
