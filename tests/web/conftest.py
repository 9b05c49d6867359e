"""Fixtures for the web tests: real stores, the real app under uvicorn on 127.0.0.1, real HTTP."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime, timezone
from pathlib import Path

import httpx
import pytest

from wirewatch.config import Settings
from wirewatch.document import Document, Entity, Mention, Quote
from wirewatch.store import Store
from wirewatch.web.app import create_app
from wirewatch.web.server import BackgroundServer

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


@pytest.fixture
def settings(tmp_path) -> Settings:
    return Settings(db=f"sqlite:///{tmp_path / 'web.db'}", allow_private_urls=True, host_delay=0)


@pytest.fixture
def store(settings) -> Iterator[Store]:
    with Store.open(settings.db) as opened:
        yield opened


def make_document(title: str, text: str, **fields) -> Document:
    fields.setdefault("published", datetime(2025, 3, 2, 9, 30, tzinfo=timezone.utc))
    fields.setdefault("language", "en")
    return Document(title=title, text=text, **fields)


def quoted_document() -> Document:
    """An article with one entity mention and one attributed quote at known offsets."""
    text = 'Keir Starmer spoke in London.\n\n"We will not stop," Starmer said on Sunday.'
    starmer = Entity("e1", "Keir Starmer", "PERSON", [Mention("Keir Starmer", 0, 12), Mention("Starmer", 51, 58)])
    london = Entity("e2", "London", "GPE", [Mention("London", 22, 28)])
    quote = Quote("We will not stop,", "Keir Starmer", "e1", Mention("Starmer", 51, 58), "said", 32, 49)
    return make_document("Starmer speaks", text, entities=[starmer, london], quotes=[quote], source="Wire")


class _CurrentApp:
    """An ASGI app that forwards to whichever app the current test serves.

    One uvicorn server for the whole session (starting and stopping one costs ~0.2 s, more than
    most tests), while every test still gets a fresh app over its own store.
    """

    def __init__(self) -> None:
        self.app = None

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] == "lifespan":  # the tests own their stores: nothing to start or stop
            while True:
                message = await receive()
                await send({"type": message["type"] + ".complete"})
                if message["type"] == "lifespan.shutdown":
                    return
        await self.app(scope, receive, send)


@pytest.fixture(scope="session")
def _server() -> Iterator[tuple[BackgroundServer, _CurrentApp]]:
    current = _CurrentApp()
    with BackgroundServer(current) as server:
        yield server, current


@pytest.fixture
def serve(_server) -> Iterator[Callable[..., httpx.Client]]:
    """serve(settings, store, **app_options) -> an httpx client (its own cookie jar) for that app."""
    server, current = _server
    clients: list[httpx.Client] = []

    def start(settings: Settings, store: Store, **options) -> httpx.Client:
        assert not clients, "one app per test: the shared server serves the latest one"
        current.app = create_app(settings, store, **options)
        client = httpx.Client(base_url=server.url, timeout=10, follow_redirects=False)
        clients.append(client)
        return client

    yield start
    for client in clients:
        client.close()
    current.app = None


@pytest.fixture
def client(serve, settings, store) -> httpx.Client:
    return serve(settings, store)


@pytest.fixture(scope="module")
def samples_store(tmp_path_factory) -> Iterator[tuple[Settings, Store]]:
    """The bundled samples ingested once per module (analysis is the slow part)."""
    from wirewatch.ingest import ingest

    path = tmp_path_factory.mktemp("samples") / "samples.db"
    settings = Settings(db=f"sqlite:///{path}", allow_private_urls=True, host_delay=0)
    with Store.open(settings.db) as store:
        summary = ingest([str(SAMPLES)], store=store, settings=settings)
        assert summary.ingested >= 5, summary.to_dict()
        yield settings, store
