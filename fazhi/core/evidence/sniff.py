"""Content type of an uploaded file from a small magic-bytes check plus its name (no libmagic).

The bytes win over the name: a photo renamed to .pdf is still image/jpeg. Container formats
(ZIP, OLE, RIFF, ISO-BMFF) are refined by the extension where the bytes alone cannot tell.
"""

from __future__ import annotations

import mimetypes
from pathlib import PurePath

SNIFF_BYTES = 64

# (offset, signature, content type)
_SIGNATURES: tuple[tuple[int, bytes, str], ...] = (
    (0, b"%PDF-", "application/pdf"),
    (0, b"\x89PNG\r\n\x1a\n", "image/png"),
    (0, b"\xff\xd8\xff", "image/jpeg"),
    (0, b"GIF87a", "image/gif"),
    (0, b"GIF89a", "image/gif"),
    (0, b"BM", "image/bmp"),
    (0, b"II*\x00", "image/tiff"),
    (0, b"MM\x00*", "image/tiff"),
    (0, b"ID3", "audio/mpeg"),
    (0, b"\xff\xfb", "audio/mpeg"),
    (0, b"\xff\xf3", "audio/mpeg"),
    (0, b"OggS", "audio/ogg"),
    (0, b"fLaC", "audio/flac"),
    (0, b"#!AMR", "audio/amr"),  # phone call recordings
    (0, b"\x1a\x45\xdf\xa3", "video/x-matroska"),
    (0, b"PK\x03\x04", "application/zip"),
    (0, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "application/x-ole-storage"),
    (0, b"{\\rtf", "application/rtf"),
)
_ZIP_BY_EXT = {
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".ofd": "application/ofd",  # GB/T 33190 electronic documents
}
_OLE_BY_EXT = {
    ".doc": "application/msword",
    ".xls": "application/vnd.ms-excel",
    ".ppt": "application/vnd.ms-powerpoint",
}
_RIFF = {b"WAVE": "audio/wav", b"AVI ": "video/x-msvideo", b"WEBP": "image/webp"}
_FTYP_AUDIO = {b"M4A ", b"M4B "}
_FTYP_IMAGE = {b"heic", b"heix", b"mif1", b"msf1"}


def sniff_content_type(head: bytes, filename: str) -> str:
    """The MIME type of a file starting with `head` (at least the first 64 bytes) named `filename`."""
    ext = PurePath(filename or "").suffix.lower()
    if head[:4] == b"RIFF" and head[8:12] in _RIFF:
        return _RIFF[head[8:12]]
    if head[4:8] == b"ftyp":
        brand = head[8:12]
        if brand in _FTYP_AUDIO:
            return "audio/mp4"
        if brand in _FTYP_IMAGE:
            return "image/heic"
        if brand == b"qt  ":
            return "video/quicktime"
        return "video/mp4"
    for offset, signature, content_type in _SIGNATURES:
        if head[offset : offset + len(signature)] == signature:
            if content_type == "application/zip":
                return _ZIP_BY_EXT.get(ext, content_type)
            if content_type == "application/x-ole-storage":
                return _OLE_BY_EXT.get(ext, content_type)
            return content_type
    if _looks_like_text(head):
        guessed = mimetypes.guess_type(filename or "")[0]
        return guessed if guessed and guessed.startswith("text/") else "text/plain"
    return "application/octet-stream"


def _looks_like_text(head: bytes) -> bool:
    if not head or b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        # A multi-byte character cut at the end of the sniffed window is still text.
        return exc.start >= len(head) - 3
    return True


def kind_for(content_type: str) -> str:
    """document / photo / audio / video / other, from the content type."""
    major = content_type.split("/", 1)[0]
    if major == "image":
        return "photo"
    if major in {"audio", "video"}:
        return major
    if major == "text" or content_type in _DOCUMENT_TYPES:
        return "document"
    return "other"


_DOCUMENT_TYPES = {
    "application/pdf",
    "application/rtf",
    "application/ofd",
    "application/msword",
    "application/vnd.ms-excel",
    "application/vnd.ms-powerpoint",
    *_ZIP_BY_EXT.values(),
}
