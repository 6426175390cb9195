"""The records that travel through the pipeline. Plain dataclasses, no logic, no runtime
imports of ours."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the entity finder's tables load only where entities are found
    from diemtin.vi.entities import Entity


@dataclass(slots=True)
class Page:
    """One raw input document, as a reader found it.

    ``content`` holds the raw bytes when the reader had bytes (files, WARC) and ``text`` the
    decoded text when the input was already text (JSONL). ``kind`` is the sniffed format:
    ``html``, ``dump`` (flattened text or markdown) or ``body`` (an already clean body).
    ``locator`` names the record inside ``source`` (a line number, a WARC offset) so that a
    re-run can tell which inputs it has already seen.
    """

    source: str
    locator: str = ""
    kind: str = ""
    content: bytes | None = None
    text: str | None = None
    url: str | None = None
    charset: str | None = None
    external_id: str | None = None
    outlet: str | None = None
    title: str | None = None
    published: str | None = None
    author: str | None = None


@dataclass(slots=True)
class Article:
    """An extracted article: what a reader wants to keep from a page."""

    title: str
    body: str
    source: str = ""
    locator: str = ""
    url: str | None = None
    outlet: str | None = None
    published: str | None = None
    author: str | None = None
    captions: list[str] = field(default_factory=list)
    external_id: str | None = None
    kind: str = ""
    raw_hash: str = ""
    body_hash: str = ""
    signature: list[int] = field(default_factory=list)
    id: int | None = None
    duplicate_of: int | None = None
    # Term bags for story grouping, computed in the workers (not stored).
    story_features: dict[str, dict[str, float]] = field(default_factory=dict)
    story_id: int | None = None
    # Entity mentions of title and body, "TYPE\ttext" -> count: found once, in the workers,
    # and stored, so a story's digest adds them up instead of reading every article again.
    mentions: dict[str, int] | None = None  # None: not looked for
    # The body's people, organisations and places with body offsets (not stored: an export
    # finds them again from title and body, the same way).
    entities: list[Entity] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class Skip:
    """A page that was not stored, with the reason that is stored and counted."""

    source: str
    locator: str
    reason: str
    detail: str = ""
    raw_hash: str = ""


class SkipPage(Exception):
    """Raised by a step to reject a page with a reason (bad data, not a coding error)."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail
