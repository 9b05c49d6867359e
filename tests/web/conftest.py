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
    from wirewatch.runtime.runner import ingest_sources as ingest

    path = tmp_path_factory.mktemp("samples") / "samples.db"
    settings = Settings(db=f"sqlite:///{path}", allow_private_urls=True, host_delay=0)
    with Store.open(settings.db) as store:
        summary = ingest([str(SAMPLES)], store=store, settings=settings)
        assert summary.ingested >= 5, summary.to_dict()
        yield settings, store


def cluster(store: Store) -> list:
    """Run the story stage over everything stored, as the runner does."""
    from wirewatch.runtime.story_stage import StoryStage

    return StoryStage(store).run()


CEASEFIRE_TEXT = ('Keir Starmer urged Vladimir Putin to sign a ceasefire in Ukraine on Saturday.\n\n'
                  '"Putin must prove he is serious about peace," Stemmer said in London after the talks.')


def ceasefire_document(title: str = "Starmer urges Putin to sign a ceasefire", tail: str = "", **fields) -> Document:
    """An article whose speaker is misspelled once (Stemmer), resolved to Keir Starmer.

    `tail` is appended as a last paragraph: the same story again, as a copy or a development."""
    text = CEASEFIRE_TEXT + (f"\n\n{tail}" if tail else "")
    starmer = Entity("e1", "Keir Starmer", "PERSON", [Mention("Keir Starmer", 0, 12),
                                                      Mention("Stemmer", text.index("Stemmer"), text.index("Stemmer") + 7)])
    putin = Entity("e2", "Vladimir Putin", "PERSON", [Mention("Vladimir Putin", 20, 34)])
    ukraine = Entity("e3", "Ukraine", "GPE", [Mention("Ukraine", 61, 68)])
    q_start = text.index('"') + 1
    q_end = text.index(',"') + 1
    quote = Quote(text[q_start:q_end], "Keir Starmer", "e1",
                  Mention("Stemmer", text.index("Stemmer"), text.index("Stemmer") + 7), "said", q_start, q_end)
    fields.setdefault("source", "Wire")
    return make_document(title, text, entities=[starmer, putin, ukraine], quotes=[quote], **fields)


def quake_document(**fields) -> Document:
    text = "A strong earthquake struck Crete on Tuesday, damaging buildings in the old town of Chania."
    crete = Entity("e1", "Crete", "GPE", [Mention("Crete", 27, 32)])
    fields.setdefault("source", "Courier")
    return make_document("Earthquake shakes Crete", text, entities=[crete], **fields)


def kremlin_document(**fields) -> Document:
    """A later development of the ceasefire story: new facts, same people."""
    text = ("The Kremlin said on Sunday it would study the ceasefire proposal carefully, a day after "
            "Keir Starmer told leaders that Vladimir Putin must prove he is serious about peace in Ukraine. "
            "Moscow had questions about how a ceasefire would be monitored, the Kremlin said.")
    starmer = Entity("e1", "Keir Starmer", "PERSON", [Mention("Keir Starmer", text.index("Keir"), text.index("Keir") + 12)])
    putin = Entity("e2", "Vladimir Putin", "PERSON", [Mention("Vladimir Putin", text.index("Vladimir"), text.index("Vladimir") + 14)])
    kremlin = Entity("e3", "Kremlin", "ORG", [Mention("Kremlin", 4, 11)])
    fields.setdefault("source", "Ledger")
    fields.setdefault("published", datetime(2025, 3, 3, 10, 0, tzinfo=timezone.utc))
    return make_document("Kremlin will study Starmer's ceasefire plan", text,
                         entities=[starmer, putin, kremlin], **fields)
