#!/usr/bin/env python3
"""Web page latency over real HTTP for a store of N articles (default 10,000).

Builds a throwaway SQLite store of synthetic articles (with entities and quotes, like analysed
ones, about seven per story), gives them stories (written directly by default, or through the
real story stage with --stories stage, timed either way), serves the app with uvicorn on 127.0.0.1 and times sequential GETs with httpx. The
baseline, measured in the same run, is /static/app.css (a static file: the server's floor).
Target: the home page's (the ranked stories') median under 200 ms at 10,000 articles.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone

WORDS = ("ceasefire talks harbour strike minister election storm market vote court ruling border "
         "sanctions summit inflation earthquake ferry union pay deal parliament protest bank rates").split()
NAMES = [("Keir Starmer", "PERSON"), ("Vladimir Putin", "PERSON"), ("NATO", "ORG"), ("Ukraine", "GPE"),
         ("European Union", "ORG"), ("Rotterdam", "GPE"), ("Emmanuel Macron", "PERSON"), ("Reuters", "ORG")]
SOURCES = ["Daily Compass", "Northern Ledger", "Harbour Times", "State", "Courier", "Wire Service"]


ARTICLES_PER_STORY = 7  # on average: a wire story, its copies and a few developments


_SYLLABLES = [c + v + t for c in "bcdfghjklmnprstvwz" for v in ("a", "e", "i", "o", "u", "ai", "ou") for t in ("", "n", "r", "s")]


def _pseudo_words(seed: int, count: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3))) for _ in range(count)]


VOCABULARY = _pseudo_words(-1, 6000)  # what articles say beyond their topic: rarely the same twice


def _topic_words(topic: int) -> list[str]:
    """Words only this topic uses, so the story stage groups its articles and nothing else."""
    return _pseudo_words(topic, 12)


def synthetic_document(i: int, rng: random.Random):
    """Article `i`, on topic i // ARTICLES_PER_STORY: mostly its own words and its own person,
    with one of the well-known names in some topics (so an entity has many articles and quotes)."""
    from wirewatch.document import Document, Entity, Mention, Quote

    topic = i // ARTICLES_PER_STORY
    topic_words = _topic_words(topic)
    lead_paragraph = " ".join(topic_words[:10]).capitalize() + ", " + " ".join(topic_words[5:]) + "."
    paragraphs = [lead_paragraph]
    # The rest is the article's own, except that two of each seven repeat the first (wire copies).
    is_copy = i % ARTICLES_PER_STORY in (2, 5)
    body_rng = random.Random(topic * ARTICLES_PER_STORY if is_copy else i)
    for _ in range(5):
        paragraphs.append(" ".join(body_rng.choice(VOCABULARY) for _ in range(50)).capitalize() + ".")
    if is_copy:  # a copy adds its own line, or the store would drop it as the same text
        paragraphs.append(f"Distributed by {rng.choice(SOURCES)} as item {i}.")
    person = f"{topic_words[3].capitalize()} {topic_words[4].capitalize()}"
    lead = f"{person} said on Monday that talks would continue. "
    quote_text = f"We will keep working on the {topic_words[5]} {topic_words[6]}"
    text = lead + f'"{quote_text}," {person} said.\n\n' + "\n\n".join(paragraphs)
    quote_start = len(lead) + 1
    speaker_start = quote_start + len(quote_text) + 3
    speaker = Mention(person, speaker_start, speaker_start + len(person))
    entities = [Entity("e1", person, "PERSON", [Mention(person, 0, len(person)), speaker])]
    quotes = [Quote(quote_text, person, "e1", speaker, "said", quote_start, quote_start + len(quote_text))]
    if topic % 8 == 0:  # a well-known name in one topic of eight: its entity page is the big one
        name, kind = NAMES[(topic // 8) % len(NAMES)]
        text += f"\n\n{name} was also mentioned."
        start = text.rindex(name)
        entities.append(Entity("e2", name, kind, [Mention(name, start, start + len(name))]))
    return Document(
        title=f"{topic_words[0].capitalize()} {topic_words[1]} {rng.choice(WORDS)} {topic_words[2]} update {i}",
        text=text,
        published=datetime(2025, 3, 1, tzinfo=timezone.utc) + timedelta(minutes=7 * i),
        language="en", source=rng.choice(SOURCES), url=f"https://news.example/{i}", id=f"bench-{i}",
        entities=entities, quotes=quotes,
    )


def build_store(url: str, count: int, stories: str) -> tuple[float, float]:
    """Fill the store up to `count` articles, then its stories; (seconds storing, seconds on stories).

    stories="stage": the real story stage (StoryStage.run, as ingest does): exact but slow at this
    size. stories="direct": story rows written straight into the story tables with the shapes the
    stage writes (assignment log + story records), grouping each topic's articles as the stage
    groups them at small sizes (checked by `--stories stage --documents 700`)."""
    from wirewatch.store import Store

    rng = random.Random(7)
    with Store.open(url) as store:
        started = time.perf_counter()
        have = store.count_documents()
        batch = []
        for i in range(have, count):
            batch.append((synthetic_document(i, rng), None, None, "benchmark"))
            if len(batch) == 500:
                store.add_documents(batch)
                batch = []
        if batch:
            store.add_documents(batch)
        stored = time.perf_counter() - started
        started = time.perf_counter()
        if stories == "stage":
            from wirewatch.runtime.story_stage import StoryStage

            stage = StoryStage(store)
            while stage.run(limit=1000):
                pass
            stage.save()
        else:
            write_story_rows(store)
        return stored, time.perf_counter() - started


def write_story_rows(store) -> None:
    """One story per topic: original, copies (items 2 and 5 of each topic) and developments.

    Through the store's story session, as the stage writes: articles already in the log (a reused
    --db) keep their entries, the others are appended, and every story record is rewritten."""
    from wirewatch.store import LogEntry

    now = datetime.now(timezone.utc)
    with store.story_transaction() as session:
        log = session.log_after(0)
        logged = {entry.document_id for entry in log}
        seq = max((entry.seq for entry in log), default=0)
        stored = session.articles(list(range(1, store.newest_document_id() + 1)))
        by_topic: dict[int, list] = {}
        for doc_id in sorted(stored):
            by_topic.setdefault(int(stored[doc_id].document.id.split("-")[1]) // ARTICLES_PER_STORY, []).append(doc_id)
        for topic, members in sorted(by_topic.items()):
            story_id = str(members[0])
            first = stored[members[0]].document
            articles = []
            for position, doc_id in enumerate(members):
                doc = stored[doc_id].document
                role = "original" if position == 0 else "copy" if int(doc.id.split("-")[1]) % ARTICLES_PER_STORY in (2, 5) else "development"
                duplicate_of = members[0] if role == "copy" else None
                if doc_id not in logged:
                    seq += 1
                    session.append(LogEntry(seq=seq, document_id=doc_id, story_id=story_id, role=role,
                                            duplicate_of=duplicate_of, score=0.6, new_story=position == 0), now)
                articles.append({"id": str(doc_id), "role": role, "duplicate_of": str(duplicate_of) if duplicate_of else None,
                                 "published": doc.published.isoformat(), "source": doc.source, "title": doc.title,
                                 "url": doc.url, "record_id": doc.id})
            docs = [stored[doc_id].document for doc_id in members]
            names = [e.name for doc in docs for e in doc.entities]
            sources = sorted({doc.source for doc in docs})
            record = {"id": story_id, "title": first.title,
                      "summary": [p for p in first.text.split("\n\n")[:3]],
                      "articles": articles, "sources": sources,
                      "first_seen": docs[0].published.isoformat(), "last_seen": docs[-1].published.isoformat(),
                      "entities": sorted(set(names), key=names.index)[:8], "velocity": 0}
            session.save_story(record, first_seen=docs[0].published, last_seen=docs[-1].published, now=now)


def time_get(client, path: str, repeats: int) -> list[float]:
    client.get(path).raise_for_status()  # warm: first-request costs (template compile) are not latency
    samples = []
    for _ in range(repeats):
        started = time.perf_counter()
        response = client.get(path)
        samples.append(time.perf_counter() - started)
        response.raise_for_status()
    return samples


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--documents", type=int, default=10_000, help="articles in the store (default 10000)")
    parser.add_argument("--requests", type=int, default=30, help="timed requests per page (default 30)")
    parser.add_argument("--stories", choices=("direct", "stage"), default="direct",
                        help="how stories are made: 'direct' writes the story rows (seconds), 'stage' runs the real "
                             "story stage (exact; about 35 s per 1,000 articles at 1,000, slower as the store grows)")
    parser.add_argument("--db", help="store URL to use (and fill up to --documents); default: a temporary SQLite file")
    args = parser.parse_args()

    import httpx

    from wirewatch.config import Settings
    from wirewatch.store import Store
    from wirewatch.web.app import create_app
    from wirewatch.web.server import BackgroundServer

    with tempfile.TemporaryDirectory() as tmp:
        url = args.db or f"sqlite:///{tmp}/bench.db"
        stored, clustered = build_store(url, args.documents, args.stories)
        how = "by the story stage" if args.stories == "stage" else "written directly"
        print(f"store: {args.documents} articles stored in {stored:.1f} s, stories {how} in {clustered:.1f} s "
              f"({url.split(':')[0]})")
        settings = Settings(db=url)
        with Store.open(url) as store, BackgroundServer(create_app(settings, store)) as server, \
                httpx.Client(base_url=server.url, timeout=30) as client:
            middle = store.count_documents() // 2 or 1
            story = store.story_of(middle).story_id
            entity = store.entities(limit=1)[0].id
            print(f"stories: {store.count_stories()}, entities: {len(store.entities(limit=1000))}")
            pages = [
                ("baseline: /static/app.css", "/static/app.css"),
                ("home / (stories)", "/"),
                ("home page 20", "/?page=20"),
                ("latest articles", "/articles"),
                ("latest page 40", "/articles?page=40"),
                ("story", f"/stories/{story}"),
                ("entity (most reported)", f"/entities/{entity}"),
                ("entities index", "/entities"),
                ("article", f"/articles/{middle}"),
                ("search 'ceasefire talks'", "/search?q=ceasefire+talks"),
                ("search + source filter", "/search?q=harbour&source=Courier"),
                ("sources", "/sources"),
                ("api documents", "/api/documents"),
                ("api stories", "/api/stories"),
                ("api entity", f"/api/entities/{entity}"),
                ("api quotes by speaker", f"/api/quotes?speaker={entity}"),
                ("atom feed story", f"/feeds/stories/{story}.atom"),
                ("api search", "/api/search?q=strike"),
                ("atom feed search", "/feeds/search?q=summit"),
            ]
            results = [(name, time_get(client, path, args.requests)) for name, path in pages]
    baseline = statistics.median(results[0][1])
    print(f"\n{'page':<28}{'median ms':>11}{'p90 ms':>9}{'x baseline':>12}")
    for name, samples in results:
        median = statistics.median(samples)
        p90 = sorted(samples)[int(0.9 * (len(samples) - 1))]
        print(f"{name:<28}{median * 1000:>11.1f}{p90 * 1000:>9.1f}{median / baseline:>12.1f}")
    home = statistics.median(results[1][1]) * 1000
    print(f"\nhome page median {home:.1f} ms at {args.documents} articles: "
          f"{'within' if home < 200 else 'OVER'} the 200 ms target")
    return 0


if __name__ == "__main__":
    sys.exit(main())
