"""`wirewatch sources import FILE.opml` and `sources export`: folders read at any depth,
duplicates skipped and reported, bad OPML one line and exit 2, and a round trip."""

from __future__ import annotations

import json
from pathlib import Path

from wirewatch.cli import main

FEEDS_OPML = """<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0">
  <head><title>My feeds</title></head>
  <body>
    <outline text="Top level wire" title="Top level wire" type="rss" xmlUrl="https://wire.example/rss"/>
    <outline text="World">
      <outline text="Europe">
        <outline text="Courier &amp; Times" type="rss" xmlUrl="https://courier.example/feed.xml" htmlUrl="https://courier.example/"/>
      </outline>
      <outline title="Asia desk" type="rss" xmlUrl="https://asia.example/atom"/>
      <outline text="the wire again" type="rss" xmlUrl="https://wire.example/rss"/>
    </outline>
    <outline text="A folder with no feeds"/>
  </body>
</opml>
"""


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def sources(capsys, db: str) -> list[tuple[str, str | None]]:
    code, out, err = run(capsys, "sources", "list", "--db", db, "--format", "json")
    assert code == 0, err
    return sorted((f["url"], f["name"]) for f in json.loads(out))


def test_import_reads_folders_and_reports_duplicates(capsys, tmp_path, db_url):
    opml = tmp_path / "feeds.opml"
    opml.write_text(FEEDS_OPML, encoding="utf-8")
    code, out, err = run(capsys, "sources", "import", str(opml), "--db", db_url, "--format", "json")
    assert code == 0, err
    report = json.loads(out)
    assert sorted(f["url"] for f in report["added"]) == [
        "https://asia.example/atom", "https://courier.example/feed.xml", "https://wire.example/rss"]
    assert report["skipped"] == [{"url": "https://wire.example/rss", "reason": "already a source"}]
    assert sources(capsys, db_url) == [
        ("https://asia.example/atom", "Asia desk"), ("https://courier.example/feed.xml", "Courier & Times"),
        ("https://wire.example/rss", "Top level wire")]

    code, out, _ = run(capsys, "sources", "import", str(opml), "--db", db_url)  # again: nothing new
    assert code == 0 and out.startswith("0 sources added, 4 skipped")


def test_opml_round_trip(capsys, tmp_path, db_url):
    opml = tmp_path / "feeds.opml"
    opml.write_text(FEEDS_OPML, encoding="utf-8")
    assert run(capsys, "sources", "import", str(opml), "--db", db_url)[0] == 0
    exported = tmp_path / "out.opml"
    code, _, err = run(capsys, "sources", "export", "-o", str(exported), "--db", db_url)
    assert code == 0, err
    assert b'<opml version="2.0">' in exported.read_bytes()
    other = f"sqlite:///{tmp_path / 'other.db'}"
    code, out, err = run(capsys, "sources", "import", str(exported), "--db", other)
    assert code == 0 and out.startswith("3 sources added, 0 skipped"), out + err
    assert sources(capsys, other) == sources(capsys, db_url)
    code, out, _ = run(capsys, "sources", "export", "--db", other)  # to stdout
    assert code == 0 and "https://courier.example/feed.xml" in out and "Courier &amp; Times" in out


def test_bad_opml_is_one_line_and_exit_2(capsys, tmp_path):
    db = f"sqlite:///{tmp_path / 'w.db'}"
    bomb = ('<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>'
            '<opml version="2.0"><body><outline text="&b;" xmlUrl="https://x.example/"/></body></opml>')
    cases = {
        "notxml.opml": "this is not xml <",
        "rss.opml": '<rss version="2.0"><channel/></rss>',
        "nobody.opml": '<opml version="2.0"><head/></opml>',
        "bomb.opml": bomb,
        "empty.opml": "",
    }
    for name, text in cases.items():
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        code, out, err = run(capsys, "sources", "import", str(path), "--db", db)
        assert code == 2, (name, out, err)
        assert len(err.strip().splitlines()) == 1 and "Traceback" not in err, name
    code, _, err = run(capsys, "sources", "import", str(tmp_path / "missing.opml"), "--db", db)
    assert code == 2 and "cannot read" in err
    assert sources(capsys, db) == []


def test_refused_urls_are_skipped_with_the_reason(capsys, tmp_path):
    opml = tmp_path / "odd.opml"
    opml.write_text('<opml version="2.0"><body><outline text="ftp" xmlUrl="ftp://files.example/feed"/>'
                    '<outline text="ok" xmlUrl="https://ok.example/feed"/></body></opml>', encoding="utf-8")
    code, out, err = run(capsys, "sources", "import", str(opml), "--db", f"sqlite:///{tmp_path / 'w.db'}")
    assert code == 0, err
    assert out.startswith("1 source added, 1 skipped") and "only http and https" in out
