"""Plain records that flow between the pipeline stages.

`SourceItem` is what a source yields (raw bytes or text plus what the source knows about it);
`Document` is the analysed article, whose `to_dict()` is the released `wirewatch.document/1`
JSON contract (see DESIGN.md): field names never change once released, new ones may be added.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any

SCHEMA = "wirewatch.document/1"


@dataclass
class SourceItem:
    """One raw input as a source produced it, before extraction."""

    content: bytes | str
    content_type: str | None = None  # "text/html", "text/plain", ... (None: sniff)
    url: str | None = None
    id: str | None = None  # the record's own id (JSONL / feed guid), when it has one
    title: str | None = None  # a title the source already knows (JSONL, feed entry)
    published: str | None = None  # as the source gave it; extraction normalises it
    source: str | None = None  # a source name: feed title, site host, file folder
    origin: str = ""  # where it came from, for messages: a path, URL, "stdin", "file.jsonl:12"


@dataclass
class Mention:
    text: str
    start: int
    end: int
    # "name" (the entity named, in any spelling), "role" (a role noun the text gave the person:
    # "the trade chief"), "pronoun" (a speaker's "she", "we"). NER scores count names only.
    kind: str = "name"


@dataclass
class Entity:
    id: str
    name: str
    type: str
    mentions: list[Mention] = field(default_factory=list)


@dataclass
class Quote:
    text: str
    speaker: str | None
    speaker_entity: str | None
    speaker_mention: Mention | None
    cue: str | None
    start: int
    end: int


@dataclass
class Removed:
    text: str
    reason: str  # "boilerplate" | "navigation" | "newsletter" | "advertisement" | "site-recurring" ...


@dataclass
class Dateline:
    place: str
    agency: str | None = None


@dataclass
class Quality:
    machine_translation_suspected: bool = False
    signals: list[str] = field(default_factory=list)


@dataclass
class Document:
    """One analysed article."""

    title: str
    text: str
    site_name: str | None = None
    dateline: Dateline | None = None
    published: datetime | None = None
    language: str | None = None
    removed: list[Removed] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    quality: Quality = field(default_factory=Quality)
    id: str | None = None  # the record's own id, when the source gave one
    url: str | None = None
    source: str | None = None
    authors: list[str] = field(default_factory=list)

    @property
    def content_hash(self) -> str:
        """Hash of the normalised text: identical articles share it whatever their URL."""
        normalised = " ".join(self.text.lower().split())
        return hashlib.sha256(normalised.encode("utf-8")).hexdigest()

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["published"] = self.published.isoformat() if self.published else None
        ordered: dict[str, Any] = {"schema": SCHEMA}
        for key in (
            "id", "url", "source", "title", "site_name", "dateline", "published", "language",
            "authors", "text", "removed", "entities", "quotes", "quality",
        ):
            ordered[key] = data[key]
        return ordered

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Document:
        published = data.get("published")
        dateline = data.get("dateline")
        return cls(
            title=data.get("title") or "",
            text=data.get("text") or "",
            site_name=data.get("site_name"),
            dateline=Dateline(**dateline) if dateline else None,
            published=datetime.fromisoformat(published) if published else None,
            language=data.get("language"),
            removed=[Removed(**r) for r in data.get("removed") or []],
            entities=[
                Entity(
                    id=e["id"], name=e["name"], type=e["type"],
                    mentions=[Mention(**m) for m in e.get("mentions") or []],
                )
                for e in data.get("entities") or []
            ],
            quotes=[
                Quote(
                    **{**q, "speaker_mention": Mention(**q["speaker_mention"]) if q.get("speaker_mention") else None}
                )
                for q in data.get("quotes") or []
            ],
            quality=Quality(**(data.get("quality") or {})),
            id=data.get("id"),
            url=data.get("url"),
            source=data.get("source"),
            authors=list(data.get("authors") or []),
        )
