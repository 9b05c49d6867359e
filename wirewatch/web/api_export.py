"""Downloads: `/api/export/{kind}` streams every article, story, entity or quote as CSV, JSON
Lines or Parquet (the same files as `wirewatch export`), and `/api/export/sources` the polled
sources as OPML. Rows are read a page at a time and written as they come: no row cap, constant
memory, whatever the size of the store."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response, StreamingResponse

from ..exports import FORMATS, MEDIA_TYPES, check_format, encode
from ..sources import write_opml
from ..store import EXPORT_COLUMNS
from .api import ERRORS
from .params import IsoDateTime

router = APIRouter(prefix="/api", tags=["api"])
EXTENSIONS = {"csv": "csv", "jsonl": "jsonl", "parquet": "parquet"}


def _download(filename: str) -> dict[str, str]:
    return {"Content-Disposition": f'attachment; filename="{filename}"'}


@router.get("/export/sources", response_class=Response, responses={
    200: {"content": {"text/x-opml": {}}, "description": "the sources as OPML 2.0"}})
def export_sources(request: Request) -> Response:
    """Every polled source as an OPML 2.0 feed list (`wirewatch sources export`)."""
    feeds = request.app.state.web.store.feeds()
    return Response(write_opml((feed.url, feed.name) for feed in feeds), media_type="text/x-opml; charset=utf-8",
                    headers=_download("wirewatch-sources.opml"))


@router.get("/export/{kind}", response_class=StreamingResponse, responses={
    **ERRORS, 200: {"content": {media: {} for media in MEDIA_TYPES.values()},
                    "description": "the export file, streamed"}})
def export(
    request: Request,
    kind: str,
    format: str = Query("jsonl", description=f"one of {', '.join(FORMATS)} (parquet needs the pyarrow extra)"),
    q: str | None = Query(None, max_length=2000, description="only those of articles matching this query"),
    since: IsoDateTime | None = Query(None, description="from this time (articles, quotes: published; stories, entities: last seen)"),
    until: IsoDateTime | None = Query(None, description="before this time"),
) -> Any:
    """Every article, story, entity or quote as a download (`wirewatch export KIND`). CSV cells that
    hold lists are JSON arrays. 422 for an unknown kind or format, 400 for a bad query."""
    check_format(format)
    rows = request.app.state.web.store.export_rows(kind, query=q, since=since, until=until)
    return StreamingResponse(encode(rows, EXPORT_COLUMNS[kind], format), media_type=MEDIA_TYPES[format],
                             headers=_download(f"wirewatch-{kind}.{EXTENSIONS[format]}"))
