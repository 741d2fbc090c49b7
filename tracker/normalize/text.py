"""Turn a fetched page (HTML, PDF or plain text) into passages of readable text.

Extraction downstream works on *text and meaning*, never on one markup
layout, so this module's job is to throw away everything that is not the
page's content (scripts, navigation, headers, footers, sidebars) and to
keep the reading order, the headings and the lead-in of lists ("Medical
assistants may not:") that give a list item its meaning.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field

import lxml.html
from lxml import etree
from w3lib.encoding import html_body_declared_encoding, html_to_unicode, http_content_type_encoding


class UnreadablePage(Exception):
    """The page could not be turned into text (malformed or encrypted PDF, binary garbage)."""


@dataclass(frozen=True)
class Passage:
    """One block of text in reading order.

    `text` is exactly what the page says in that block (whitespace collapsed);
    `context` is the lead-in that gives it meaning (a list's introductory
    sentence or an FAQ question), or "" when the block stands alone.
    """

    text: str
    context: str = ""
    heading: str = ""
    link_only: bool = False

    @property
    def full(self) -> str:
        return f"{self.context} {self.text}".strip() if self.context else self.text


@dataclass
class Document:
    source_id: str
    url: str
    passages: list[Passage] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # about the page itself, e.g. a wrong declared charset

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.passages)


BLOCK_TAGS = {
    "p",
    "li",
    "dd",
    "dt",
    "td",
    "th",
    "tr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "pre",
    "caption",
    "summary",
    "div",
    "section",
    "article",
    "main",
    "ul",
    "ol",
    "dl",
    "table",
    "tbody",
    "thead",
    "tfoot",
    "details",
    "figure",
    "figcaption",
    "address",
    "body",
    "html",
    "center",
    "fieldset",
    "legend",
    "hr",
    "br",
    "button",
}
HEADING_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6", "summary", "dt", "button"}  # accordions put questions in buttons
ALWAYS_DROP = {
    "script",
    "style",
    "noscript",
    "template",
    "svg",
    "head",
    "object",
    "embed",
    "canvas",
    "iframe",
    "select",
}
DROP_TAGS = ALWAYS_DROP | {"nav", "header", "footer", "aside", "form", "map"}
DROP_ROLES = {"navigation", "banner", "contentinfo", "search", "complementary", "menu", "menubar"}
CHROME_TOKENS = {
    "nav",
    "navbar",
    "navigation",
    "menu",
    "menubar",
    "megamenu",
    "footer",
    "breadcrumb",
    "breadcrumbs",
    "sidebar",
    "skip",
    "skiplink",
    "cookie",
    "cookies",
    "social",
    "share",
    "masthead",
    "banner",
    "utility",
    "toolbar",
    "topbar",
    "site-header",
    "siteheader",
    "global-header",
}
MAIN_XPATH = (
    "//main | //*[@role='main'] | //article | //*[@id='content'] | //*[@id='main-content']"
    " | //*[@id='maincontent'] | //*[@id='main']"
)
_WS = re.compile(r"\s+")


def clean(text: str) -> str:
    """Collapse whitespace and normalise typographic quotes and dashes."""
    text = text.replace("\u00a0", " ").replace("\u2019", "'").replace("\u2018", "'")
    text = text.replace("\u201c", '"').replace("\u201d", '"').replace("\u2013", "-")
    text = text.replace("\u2014", " - ").replace("\u00ad", "")
    return _WS.sub(" ", text).strip()


_TOKEN_SPLIT = re.compile(r"[\s_]+")


def _tokens(el: etree._Element) -> set[str]:
    cls, ident = el.get("class"), el.get("id")
    if not cls and not ident:
        return set()
    raw = f"{cls or ''} {ident or ''}".lower()
    parts = set(_TOKEN_SPLIT.split(raw))
    parts |= {p for word in list(parts) for p in word.split("-")}
    return parts


def _is_chrome(el: etree._Element) -> bool:
    if el.tag in DROP_TAGS or (el.get("role") or "").lower() in DROP_ROLES:
        return True
    if el.get("aria-hidden") == "true" or el.get("hidden") is not None:
        return True
    tokens = _tokens(el)
    # legacy ids such as "topnav", "leftnav", "sidemenu"
    return bool(tokens & CHROME_TOKENS) or any(t.endswith(("nav", "menu")) and len(t) <= 12 for t in tokens)


def _prune(root: etree._Element) -> None:
    """Remove page chrome, but never an element that holds the main content.

    Some CMSes wrap the whole page in a <form> or a "header" div; an element
    holding most of the page's text, or the <main> element, is a wrapper and stays.
    """
    for el in list(root.iter(*ALWAYS_DROP)):
        if el.getparent() is not None:
            el.drop_tree()
    total = len(clean(root.text_content()))
    # in document order, but never inside an element already dropped (what it holds went with it)
    stack = list(reversed(root))
    while stack:
        el = stack.pop()
        if (
            isinstance(el.tag, str)  # comments: the walker skips them, keeping their tail
            and _is_chrome(el)
            and not el.xpath(".//main | .//article | .//*[@role='main']")
            and not (total and len(clean(el.text_content())) > 0.5 * total)
        ):
            el.drop_tree()
            continue
        stack.extend(reversed(el))


def _main_region(root: etree._Element) -> etree._Element:
    found = root.xpath(MAIN_XPATH)
    if not found:
        return root
    # the largest candidate by text length is the content area
    return max(found, key=lambda el: len(el.text_content() or ""))


def _has_block(el: etree._Element) -> bool:
    return any(isinstance(c.tag, str) and c.tag in BLOCK_TAGS for c in el.iter() if c is not el)


_ENUM = re.compile(r"^\((\d+|[a-z]|[ivxl]+)\)\s")


class _Walker:
    def __init__(self) -> None:
        self.passages: list[Passage] = []
        self.heading = ""
        self.lead_in = ""
        self.question = ""
        self.columns: list[str] = []
        self.leads: list[tuple[int, str]] = []
        self._last_letter = ""
        self._inline: list[str] = []

    def _enum_level(self, token: str) -> int:
        if token.isdigit():
            return 1
        if re.fullmatch(r"[ivxl]+", token) and not (len(token) == 1 and self._last_letter == chr(ord(token) - 1)):
            return 3
        self._last_letter = token
        return 2

    def add(self, text: str, tag: str = "p", in_list: bool = False, link_only: bool = False) -> None:
        text = clean(text)
        if not text:
            return
        if link_only and tag not in HEADING_TAGS:  # a bare link (related links, stray menus): never a rule
            self.passages.append(Passage(text, heading=self.heading, link_only=True))
            return
        if tag in HEADING_TAGS:
            self.heading = text
            self.question = text if text.endswith("?") else ""
            self.lead_in = text if text.endswith(":") else ""
            self.leads = []
            self.passages.append(Passage(text, heading=text))
            return
        context = ""
        enum = _ENUM.match(text)
        if enum and not in_list:
            # regulation-style numbered subsections: "(1) ... may:" "(b) ..., including:" "(vi) ..."
            level = self._enum_level(enum.group(1))
            self.leads = [(lv, t) for lv, t in self.leads if lv < level]
            context = " ".join(t for _, t in self.leads)
            if text.endswith(":"):
                self.leads.append((level, text))
        elif in_list and self.lead_in:
            context = self.lead_in
        elif self.question and re.match(r"^(no|yes|not|only)\b", text, re.I):
            context = self.question
        if not enum and not in_list:
            self.leads = [(0, text)] if text.endswith(":") else []
        self.passages.append(Passage(text, context=context, heading=self.heading))
        if not in_list:
            self.lead_in = text if text.endswith(":") else ""

    def row(self, tr: etree._Element) -> None:
        """A table row. With three or more columns, each cell is read with its
        row and column headers ("Injections - MA-R: Not permitted"), so a
        permission is tied to the credential or setting it belongs to."""
        cells = [c for c in tr if isinstance(c.tag, str) and c.tag in ("td", "th")]
        texts = [clean(c.text_content()) for c in cells]
        if cells and (
            all(c.tag == "th" for c in cells)
            or (not self.columns and tr.getparent() is not None and tr.getparent().tag == "thead")
        ):
            self.columns = texts
            self.add(" | ".join(t for t in texts if t), in_list=False)
            return
        if len(texts) >= 3 and len(self.columns) == len(texts):
            for header, text in zip(self.columns[1:], texts[1:], strict=True):
                if text:
                    self.add(f"{texts[0]} - {header}: {text}")
            return
        self.add(" | ".join(t for t in texts if t))

    def flush(self, in_list: bool) -> None:
        if self._inline:
            self.add(" ".join(self._inline), in_list=in_list)
            self._inline = []

    def walk(self, el: etree._Element, in_list: bool = False) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag == "tr":
            self.row(el)
            return
        if not _has_block(el):
            links = el.xpath(".//a")
            link_only = len(links) == 1 and clean(links[0].text_content()) == clean(el.text_content())
            self.add(el.text_content(), tag=tag, in_list=in_list or tag in ("li", "dd"), link_only=link_only)
            return
        child_in_list = in_list or tag in ("ul", "ol", "dl", "li")
        if el.text and el.text.strip():
            self._inline.append(el.text)
        for child in el:
            ctag = child.tag if isinstance(child.tag, str) else ""
            if ctag in BLOCK_TAGS or (ctag and _has_block(child)):
                self.flush(in_list)
                self.walk(child, child_in_list)
            elif ctag:
                self._inline.append(child.text_content())
            if child.tail and child.tail.strip():
                self._inline.append(child.tail)
        self.flush(in_list)
        if tag in ("ul", "ol", "dl", "table"):
            self.lead_in = ""
        if tag == "table":
            self.columns = []


# --- decoding ------------------------------------------------------------------------------------

# single-byte charsets a page declares when its bytes are really UTF-8 (an old template, a server default)
_SINGLE_BYTE = {"cp1252", "windows-1252", "latin-1", "latin_1", "iso8859-1", "iso-8859-1", "iso8859-15", "ascii"}
# UTF-8 read as windows-1252: "Â§", "â€”", "Ã©"... (a lead byte's cp1252 letter, then a continuation byte's)
_MOJIBAKE = re.compile(
    "[\u00c2\u00c3\u00e2\u00c5\u00ce\u00cf]"  # the cp1252 letter a UTF-8 lead byte reads as
    "[\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014"
    "\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]"  # ... and a continuation byte
)


@dataclass(frozen=True)
class Decoded:
    """A page's text and, when its bytes did not match what it declared, a note saying so."""

    text: str
    encoding: str
    note: str | None = None


_SHOWN = {"cp1252": "windows-1252", "iso8859-1": "ISO-8859-1", "iso8859-15": "ISO-8859-15", "utf-8": "UTF-8"}


def _shown(name: str | None) -> str:
    return _SHOWN.get(name or "", name or "")


def _norm(name: str | None) -> str | None:
    import codecs

    if not name:
        return None
    try:
        return codecs.lookup(name).name
    except LookupError:
        return name.lower()


def _declared(body: bytes, content_type: str | None) -> str | None:
    """The charset the page declares: its Content-Type header first, else its <meta> tag."""
    return _norm(http_content_type_encoding(content_type or "") or html_body_declared_encoding(body))


def decode(body: bytes, content_type: str | None = None) -> Decoded:
    """The page's text, repaired when its declared charset is wrong or its text is mojibake.

    w3lib reads the declared charset (BOM, header, <meta>, else UTF-8). Three
    repairs: a page declared as a single-byte charset (windows-1252...) whose
    bytes are valid UTF-8 is read as UTF-8; a page declared (or taken) as
    UTF-8 whose bytes are not is read as charset-normalizer detects; text that
    still holds UTF-8-read-as-windows-1252 sequences ("Â§") is repaired with
    ftfy. Each repair is noted, so the source's warning can say what the page
    declared; the repaired text reads as the page was written.
    """
    declared = _declared(body, content_type)
    encoding, text = html_to_unicode(content_type or "text/html", body)
    used = _norm(encoding) or "utf-8"
    note = None
    if used in {_norm(n) for n in _SINGLE_BYTE} and not body.isascii() and _is_utf8(body):
        text, used = body.decode("utf-8").lstrip("\ufeff"), "utf-8"
        note = f"the page declares the charset {_shown(declared or used)} but is written in UTF-8; read as UTF-8"
    elif used == "utf-8" and not _is_utf8(body):  # (ASCII is UTF-8)
        guess = _detect(body)
        if guess is not None:
            text, used = body.decode(guess, errors="replace"), guess
            said = f"declares the charset {_shown(declared)}" if declared else "declares no charset"
            note = f"the page {said} but is not valid UTF-8; read as {_shown(guess)} (detected)"
    if _MOJIBAKE.search(text):
        import ftfy

        fixed = ftfy.fix_encoding(text)
        if fixed != text:
            text = fixed
            note = note or (
                f"the page's text (charset {_shown(declared or used)}) holds mis-decoded characters (UTF-8 read as "
                'windows-1252, e.g. "\u00c2\u00a7" for "\u00a7"); repaired'
            )
    return Decoded(text, used, note)


def _is_utf8(body: bytes) -> bool:
    if body.isascii():
        return True
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _detect(body: bytes) -> str | None:
    """The charset charset-normalizer finds for bytes that are not UTF-8; windows-1252 among Western look-alikes."""
    from charset_normalizer import from_bytes

    best = from_bytes(body[:200_000]).best()
    if best is None:
        return None
    guess = _norm(best.encoding) or best.encoding
    if guess.startswith(("cp125", "iso8859", "latin", "mac")):
        try:
            body.decode("cp1252")
            return "cp1252"  # US agency sites: windows-1252 is by far the likeliest of the single-byte family
        except UnicodeDecodeError:
            pass
    return guess


def html_passages(body: bytes, content_type: str | None = None) -> list[Passage]:
    """Passages of an HTML page's main content, in reading order."""
    return _html_passages(decode(body, content_type).text)


def _html_passages(text: str) -> list[Passage]:
    if not text.strip():
        return []
    if "\x00" in text or _looks_binary(text):
        raise UnreadablePage("the page is not text: it looks like binary data served as HTML")
    try:
        root = lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError) as exc:
        raise UnreadablePage(f"the HTML could not be parsed ({exc})") from None
    except (etree.LxmlError, RecursionError) as exc:  # e.g. nesting deeper than the parser allows
        raise UnreadablePage(f"the HTML could not be parsed ({exc.__class__.__name__}: {str(exc)[:200]})") from None
    _prune(root)
    walker = _Walker()
    walker.walk(_main_region(root))
    return walker.passages


_ODD_CHARS = re.compile("[\x00-\x08\x0b\x0e-\x1f\ufffd]")  # control characters other than \t \n \f \r; U+FFFD


def _looks_binary(text: str) -> bool:
    sample = text[:4000]
    return len(_ODD_CHARS.findall(sample)) > len(sample) * 0.05


def pdf_passages(body: bytes) -> list[Passage]:
    """Passages of a PDF's text layer: one per paragraph."""
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError

    try:
        reader = PdfReader(io.BytesIO(body))
        # many agency PDFs are encrypted with an owner password only (no editing, no copying): anyone may
        # open them, and so may we; only a PDF that needs a password to open is unreadable
        if reader.is_encrypted and not reader.decrypt(""):
            raise UnreadablePage("the PDF is encrypted with a password; its text cannot be read")
        pages = [page.extract_text() or "" for page in reader.pages]
    except UnreadablePage:
        raise
    except FileNotDecryptedError:
        raise UnreadablePage("the PDF is encrypted with a password; its text cannot be read") from None
    except DependencyError as exc:
        raise UnreadablePage(f"the PDF uses encryption this installation cannot read ({exc})") from None
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, IndexError) as exc:
        raise UnreadablePage(f"the PDF is malformed ({exc.__class__.__name__}: {exc})") from None
    except (MemoryError, KeyboardInterrupt, SystemExit):
        raise
    except Exception as exc:
        # RecursionError, zlib.error...): it is an unreadable page, never a crashed run
        raise UnreadablePage(
            f"the PDF is malformed or uses a feature that cannot be read ({exc.__class__.__name__}: {str(exc)[:200]})"
        ) from None
    return text_passages("\n\n".join(pages))


# a list marker: a dash or dot, "(a)", "1.", "iv)"; not an abbreviation before a number ("No. 148.", "Sec. 2.")
_NOT_BULLET = (
    r"(?!(?:no|sec|art|ch|pt|tit)\.\s*\d)"  # "No. 148.", "Sec. 2."
    r"(?!(?:mo|pa|va|la|ga|ky|md|me|mi|mn|ms|mt|ia|il|ks|ok|tn|tx|ut|vt|wa|wi|wv|wy|ala|ark|cal|del|fla|haw|ill|ind|kan"
    r"|neb|nev|ore|tex|wis|wyo|rev|gen|adm)\.\s)"  # a code's name: "Mo. Rev. Stat.", "La. R.S."
)
_BULLET = re.compile(rf"^\s*{_NOT_BULLET}(?:[-*\u2022\u25aa\u25cf]|\(?[0-9a-z]{{1,3}}[.)])\s+", re.I)


def _looks_like_heading(line: str, nxt: str, paragraph: list[str]) -> bool:
    """A short capitalised line without final punctuation, followed by a new sentence,
    between paragraphs: a heading in a PDF's text layer (which has no blank lines)."""
    line = line.strip()
    if not line or len(line) > 70 or line.endswith((".", ",", ";", ":", "-")) or not line[:1].isupper():
        return False
    if paragraph and not paragraph[-1].rstrip().endswith((".", ":", "?", "!")):
        return False
    return bool(nxt) and (nxt[:1].isupper() or bool(_BULLET.match(nxt)))


_LINE_NUMBER = re.compile(r"^[ \t]*(\d{1,3})[ \t]+(?=\S)")


_SECTION_LINE = re.compile(r"^(?:\u00a7\s*)?\d+[A-Z]?(?:[-.:]\d+[A-Za-z]?)+\.?\s+(?:[A-Z]|Repealed)")


_TAKES_NUMBER = re.compile(
    r"(?:[-,\u00a7]|\b(?:chapters?|sections?|title|part|article|and|or|of|to|under|in|see|ss?\.|[A-Z]{2,5}))\s*$", re.I
)


def strip_line_numbers(text: str) -> str:
    """Drop the line numbers a bill or a PDF prints in the margin ("12 K.S.A. 47-821, 65-").

    A number opening a line counts as a line number only when the line next to it
    carries the next (or previous) number, so a sentence opening with "10 hours" stays.
    """
    lines = text.split("\n")
    nums = [int(m.group(1)) if (m := _LINE_NUMBER.match(line)) else None for line in lines]
    filled = [i for i, line in enumerate(lines) if line.strip()]
    strip: set[int] = set()
    for a, b in zip(filled, filled[1:], strict=False):
        na, nb = nums[a], nums[b]
        if na is not None and nb is not None and nb == na + 1:
            strip.update((a, b))
    return "\n".join(_LINE_NUMBER.sub("", line) if i in strip else line for i, line in enumerate(lines))


_ELISION = re.compile(r"^\s*(?:\.\s*){3,}\s*$|^\s*\u2026\s*$")
_ANSWER = re.compile(r"^(?:A[.:]\s*)?(?:no|yes|not|only)\b", re.I)


_OUTLINE_TITLE = re.compile(r"^(?:Title|TITLE) \d+[A-Z]?\b")
_OUTLINE_PART = re.compile(r"^(?:Chapter|CHAPTER|Subchapter|SUBCHAPTER|Article|ARTICLE) \d+[A-Z]?\b")


def _outline_context(passages: list[Passage], line: str) -> str:
    """A code outline's heading chain: "Chapter 023 : Medicine" under "Title 26 : Professions" reads with it."""
    prev = passages[-1] if passages else None
    if not prev or prev.heading != prev.text or not _OUTLINE_PART.match(line):
        return ""
    chain = f"{prev.context} {prev.text}".strip()
    return chain if _OUTLINE_TITLE.match(chain) else ""


class _PlainReader:
    """Reads plain text block by block; keeps what the next line needs: the paragraph being built, the
    heading above, a list's lead-in and the FAQ question an answer replies to."""

    def __init__(self) -> None:
        self.passages: list[Passage] = []
        self.paragraph: list[str] = []
        self.lead_in = self.heading = self.question = ""
        self.in_bullet = False

    def flush(self) -> None:
        if not self.paragraph:
            return
        joined = "\n".join(self.paragraph)
        joined = re.sub(r"(?<=[\dA-Z])-\n(?=\d)", "-", re.sub(r"-\n(?=[a-z])", "", joined))  # "65-\n2865", "9B-\n4"
        joined = clean(joined.replace("\n", " "))
        self.paragraph.clear()
        # an FAQ answer ("No.", "Yes, under ...", "Only ...") is read with the question it answers
        context = self.question if self.question and _ANSWER.match(joined) else ""
        self.question = joined if joined.endswith("?") else ""
        if len(joined) < 80 and not joined.endswith((".", ":", "?")) and joined[:1].isupper():
            self.heading = joined
            self.passages.append(Passage(joined, context=_outline_context(self.passages, joined), heading=joined))
            self.lead_in = ""
            return
        self.passages.append(Passage(joined, context=context, heading=self.heading))
        self.lead_in = joined if joined.endswith(":") else ""

    def block(self, lines: list[str]) -> None:
        self.in_bullet = False
        lines = [ln for ln in lines if not _ELISION.match(ln)]  # "..." marks text left out, not a paragraph
        for i, line in enumerate(lines):
            nxt = lines[i + 1].strip() if i + 1 < len(lines) else ""
            if _looks_like_heading(line, nxt, self.paragraph) and not (self.in_bullet and line[:1].islower()):
                self.flush()
                self.in_bullet = False
                self.paragraph.append(line)
                self.flush()
            elif _BULLET.match(line):
                self.bullet(line)
            elif self.in_bullet and not (self.passages[-1].text.endswith(".") and line[:1].isupper()):
                last = self.passages.pop()  # a bullet that wrapped onto the next line
                self.passages.append(Passage(clean(f"{last.text} {line}"), last.context, last.heading))
                if self.passages[-1].text.endswith(":"):
                    self.lead_in = self.passages[-1].text
            else:
                self.in_bullet = False
                self.paragraph_line(line)
        self.flush()

    def bullet(self, line: str) -> None:
        self.flush()
        item = clean(_BULLET.sub("", line))
        answered = self.question if self.question and _ANSWER.match(item) else ""  # "A. Yes, ..." after "Q. ...?"
        self.passages.append(Passage(item, context=self.lead_in or answered, heading=self.heading))
        self.question = ""
        if item.endswith(":"):  # "B. A physician may delegate the following:" leads the items below it
            self.lead_in = item
        self.in_bullet = True

    def paragraph_line(self, line: str) -> None:
        last = self.paragraph[-1].rstrip() if self.paragraph else ""
        if last.endswith((".", "?", "!")) and line[:1].isupper() and not _ABBREV.search(last):
            self.flush()  # a PDF text layer has no blank lines: a new sentence on a new line starts a paragraph
        elif last and _SECTION_LINE.match(line) and not _TAKES_NUMBER.search(last):
            self.flush()  # a table of sections: "325-33 Performance of vaccination", "65-2805. Repealed."
        self.paragraph.append(line)


def text_passages(text: str) -> list[Passage]:
    """Passages of plain text: blank lines separate paragraphs; bullets are list items."""
    reader = _PlainReader()
    for block in re.split(r"\n\s*\n", strip_line_numbers(text)):
        reader.block([ln for ln in block.splitlines() if ln.strip()])
    return reader.passages


def document(source_id: str, url: str, body: bytes, content_type: str | None) -> Document:
    """Read one fetched page into a Document, choosing the reader by content type."""
    ctype = (content_type or "").lower()
    warnings: list[str] = []
    if "pdf" in ctype or body[:5] == b"%PDF-" or url.lower().endswith(".pdf"):
        passages = pdf_passages(body)
    else:
        decoded = decode(body, content_type)
        warnings += [decoded.note] if decoded.note else []
        passages = text_passages(decoded.text) if ctype.startswith("text/plain") else _html_passages(decoded.text)
    return Document(source_id=source_id, url=url, passages=passages, warnings=warnings)


_ABBREV = re.compile(
    r"(?:\b(?:[A-Z]|Bus|Prof|Cal|Code|Regs?|Sec|Secs|No|Nos|Stat|Ann|Admin|Educ|Gen|Rev|Art|Ch|"
    r"ch|Div|Pub|Dept|NO|Mr|Mrs|Ms|Dr|St|Inc|Co|Corp|vs|etc|seq|Vol|para|subd|sub|subs|s|ss|Op|Att'y|Atty|"
    r"Ala|Ariz|Ark|Calif|Colo|Conn|Del|Fla|Ga|Haw|Ida|Ill|Ind|Kan|Kans|Ky|La|Mass|Md|Me|Mich|Minn|Miss|Mo|Mont|"
    r"Neb|Nev|Okla|Ore|Or|Pa|Tenn|Tex|Va|Vt|Wash|Wis|Wyo|Occ|Prac|Prof|Comp|Supp|Tit|Pt|Par|Art|Adm|Reg|Laws|Rul|"
    r"e\.g|i\.e|U\.S|N\.Y|R\.N|L\.P\.N|P\.A|c|cf|approx|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|"
    r"eff|Eff|amd|Imd|Adj|Sess|Leg|tit)"
    r"|\.[A-Z])\.$"
)


def sentences(text: str) -> list[str]:
    """Split a passage into sentences without breaking legal abbreviations."""
    pieces = re.split(r"(?<=[.!?])\s+(?=[\"(\[]?[A-Z0-9]|\([a-z0-9]{1,4}\)\s)", text)
    out: list[str] = []
    for piece in pieces:
        # an abbreviation, "section 5.", or an elision ("an individual who: ... (iii) performs"): no sentence end
        if out and (
            _ABBREV.search(out[-1]) or re.search(r"\b(?:sections?|§§?)\s*\d+\.$|[:,]\s*(?:\.{3}|\u2026)$", out[-1])
        ):
            out[-1] = f"{out[-1]} {piece}"
        else:
            out.append(piece)
    return [s.strip() for s in out if s.strip()]
