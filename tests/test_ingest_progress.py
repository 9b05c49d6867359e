"""`wirewatch ingest` progress outside a terminal: on stderr, with total and percentage when the
item count is known beforehand (files, folders, JSON Lines), a plain counter when it is not; the
`--format json` document on stdout is never touched."""

from __future__ import annotations

import json
import re
import subprocess
import sys

from wirewatch.cli import main

RECORDS = [
    {"id": f"r{i}", "title": f"Harbour report {i}",
     "text": f"Cranes at berth {i} of the Lindholm container port were idle on Monday after a power cut."}
    for i in range(3)
]


def write_folder(tmp_path):
    folder = tmp_path / "in"
    (folder / "more").mkdir(parents=True)
    (folder / "records.jsonl").write_text("\n".join(json.dumps(r) for r in RECORDS) + "\n\n")
    (folder / "more" / "brief.txt").write_text("The ferry to Lindholm was cancelled on Tuesday because of fog.\n")
    (folder / "more" / "empty.txt").write_text("")
    return folder


def test_known_total_shows_count_and_percentage_on_stderr_and_json_stays_clean(tmp_path):
    folder = write_folder(tmp_path)  # 3 records + 1 article + 1 empty file (a failure): 5 items
    done = subprocess.run(
        [sys.executable, "-m", "wirewatch", "ingest", str(folder), "--db", f"sqlite:///{tmp_path / 'w.db'}",
         "--format", "json"], capture_output=True, text=True, timeout=300)
    summary = json.loads(done.stdout)  # stdout is the JSON document and nothing else
    assert (summary["ingested"], summary["failed"]) == (4, 1)
    lines = done.stderr.splitlines()
    assert "ingesting 5 items" in lines
    progress = [line for line in lines if line.startswith("ingesting: ")]
    assert [re.match(r"ingesting: (\d+)/5 \((\d+)%\)", line).groups() for line in progress] == [
        ("1", "20"), ("2", "40"), ("3", "60"), ("4", "80"), ("5", "100")]
    assert "left" in progress[2]  # an estimate once a rate can be measured
    assert "4 new · 0 duplicates · 1 failed" in progress[-1]


def test_unknown_total_counts_up_without_a_percentage(capsys, tmp_path, samples):
    # A feed file's item count would need parsing it: the total is unknown.
    db = f"sqlite:///{tmp_path / 'w.db'}"
    code = main(["ingest", str(samples / "feeds"), "--db", db, "--format", "json"])
    out, err = capsys.readouterr()
    assert code == 0 and json.loads(out)["ingested"] == 3
    progress = [line for line in err.splitlines() if line.startswith("ingesting")]
    assert progress and progress[-1].startswith("ingesting: 3 items · 3 new")
    assert "%" not in err
