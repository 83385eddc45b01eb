"""Hostile document files, made at test time (nothing binary lives in git): PDFs with JavaScript,
a launch action, an embedded file and an XFA form (written by pypdf); a macro-enabled Word file
renamed .docx and an OpenDocument file with Basic macros (written by zipfile); an OLE file
renamed .pdf; a PDF bomb (an object stream that inflates to a gigabyte); a truncated PDF and a
truncated .docx. Each is kept beside a document whose `files:` names it on line FILE_LINE.
"""

from __future__ import annotations

import io
import zipfile
import zlib

from pypdf import PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, TextStringObject

DOC = "content/documents/hostile-report.md"
FOLDER = "content/documents/hostile-report/"
FILE_LINE = 9  # the line of '- file:' in document()


def document(name: str, licence: str = "OGL-UK-3.0") -> str:
    return f"""---
title: A hostile report
summary: A report whose file is checked for active content.
kind: discovery-report
organisations: [ESS]
year: 2024
licence: {licence}
files:
  - file: {name}
    title: The report
---

What the report found.
"""


def _pdf(change=None, metadata: dict | None = None) -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    if metadata:
        writer.add_metadata(metadata)
    if change:
        change(writer)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def clean_pdf() -> bytes:
    return _pdf()


def pdf_with_author() -> bytes:
    return _pdf(metadata={"/Author": "Jane Example"})


def pdf_with_javascript() -> bytes:
    """A document-level script in the catalogue's /Names /JavaScript tree (run when the file opens)."""
    def change(writer: PdfWriter) -> None:
        action = writer._add_object(DictionaryObject({NameObject("/S"): NameObject("/JavaScript"),
                                                      NameObject("/JS"): TextStringObject("app.alert('hello');")}))
        tree = DictionaryObject({NameObject("/Names"): ArrayObject([TextStringObject("hello"), action])})
        writer._root_object[NameObject("/Names")] = DictionaryObject({NameObject("/JavaScript"): writer._add_object(tree)})
    return _pdf(change)


def pdf_with_launch_action() -> bytes:
    def change(writer: PdfWriter) -> None:
        writer._root_object[NameObject("/OpenAction")] = DictionaryObject(
            {NameObject("/S"): NameObject("/Launch"), NameObject("/F"): TextStringObject("calc.exe")})
    return _pdf(change)


def pdf_with_embedded_file() -> bytes:
    return _pdf(lambda w: w.add_attachment("payload.exe", b"MZ not really a program"))


def pdf_with_xfa() -> bytes:
    def change(writer: PdfWriter) -> None:
        form = DictionaryObject({NameObject("/Fields"): ArrayObject(),
                                 NameObject("/XFA"): TextStringObject("<xdp:xdp xmlns:xdp='http://ns.adobe.com/xdp/'/>")})
        writer._root_object[NameObject("/AcroForm")] = writer._add_object(form)
    return _pdf(change)


def pdf_bomb(inflated: int = 1 << 30) -> bytes:
    """A PDF whose one compressed object lives in an object stream that inflates to `inflated`
    bytes of spaces (about a megabyte on disk for a gigabyte inflated)."""
    squeeze = zlib.compressobj(9)
    header = b"4 0 "
    chunks = [squeeze.compress(header)]
    block = b" " * (1 << 20)
    for _ in range(inflated // len(block)):
        chunks.append(squeeze.compress(block))
    chunks.append(squeeze.compress(b"<< /JS (boom) >>"))
    chunks.append(squeeze.flush())
    stream = b"".join(chunks)
    out = io.BytesIO()
    out.write(b"%PDF-1.5\n")
    offsets = {}
    offsets[1] = out.tell()
    out.write(b"1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n")
    offsets[2] = out.tell()
    out.write(b"2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n")
    offsets[3] = out.tell()
    out.write(b"3 0 obj\n<< /Type /ObjStm /N 1 /First %d /Filter /FlateDecode /Length %d >>\nstream\n" % (len(header), len(stream)))
    out.write(stream + b"\nendstream\nendobj\n")
    offsets[5] = out.tell()
    rows = b"".join([b"\x00\x00\x00\x00\x00\xff\xff",
                     *(b"\x01" + offsets[n].to_bytes(4, "big") + b"\x00\x00" for n in (1, 2, 3)),
                     b"\x02" + (3).to_bytes(4, "big") + b"\x00\x00",
                     b"\x01" + offsets[5].to_bytes(4, "big") + b"\x00\x00"])
    out.write(b"5 0 obj\n<< /Type /XRef /Size 6 /W [1 4 2] /Root 1 0 R /Length %d >>\nstream\n" % len(rows))
    out.write(rows + b"\nendstream\nendobj\n")
    out.write(b"startxref\n%d\n%%%%EOF\n" % offsets[5])
    return out.getvalue()


def truncated_pdf() -> bytes:
    whole = _pdf(metadata={"/Title": "A report"})
    return whole[: len(whole) // 2]


CONTENT_TYPES_DOCX = (b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                      b'<Default Extension="xml" ContentType="application/xml"/>'
                      b'<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
                      b'wordprocessingml.document.main+xml"/>%s</Types>')


def _zip(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def clean_docx(author: str = "") -> bytes:
    core = (b'<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            b'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>' + author.encode() + b"</dc:creator></cp:coreProperties>")
    return _zip({"[Content_Types].xml": CONTENT_TYPES_DOCX % b"", "word/document.xml": b"<w:document/>", "docProps/core.xml": core})


def macro_docm_renamed_docx() -> bytes:
    types = CONTENT_TYPES_DOCX.replace(b"document.main+xml", b"document.macroEnabled.main+xml") % (
        b'<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>')
    return _zip({"[Content_Types].xml": types, "word/document.xml": b"<w:document/>",
                 "word/vbaProject.bin": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504})


def odt_with_macros() -> bytes:
    return _zip({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<office:document-content/>",
                 "Basic/Standard/Module1.xml": b"<script:module>Sub Main : Shell(\"calc\") : End Sub</script:module>"})


def ole_renamed_pdf() -> bytes:
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 4088


def truncated_docx() -> bytes:
    whole = clean_docx()
    return whole[: len(whole) // 2]


# (case name, file name, bytes maker, rule expected on FILE_LINE of DOC)
HOSTILE = [
    ("pdf-javascript", "report.pdf", pdf_with_javascript, "document-active-content"),
    ("pdf-launch-action", "report.pdf", pdf_with_launch_action, "document-active-content"),
    ("pdf-embedded-file", "report.pdf", pdf_with_embedded_file, "document-active-content"),
    ("pdf-xfa", "report.pdf", pdf_with_xfa, "document-active-content"),
    ("docm-renamed-docx", "report.docx", macro_docm_renamed_docx, "document-active-content"),
    ("odt-basic-macros", "report.odt", odt_with_macros, "document-active-content"),
    ("ole-renamed-pdf", "report.pdf", ole_renamed_pdf, "document-old-office"),
    ("pdf-bomb", "report.pdf", pdf_bomb, None),  # refused, as too costly or unreadable
    ("truncated-pdf", "report.pdf", truncated_pdf, "document-unreadable"),
    ("truncated-docx", "report.docx", truncated_docx, "document-unreadable"),
]
