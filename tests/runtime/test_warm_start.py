"""After the warm start, the first article loads nothing: no module imported, no file read.

Regression: the warm start analysed two sentences, so the first real push in each analysis
process loaded what they never reached (the quote parse, the surname table, the story
preparation), and the service's first alert imported Apprise (a second) and built the TLS
context. Each check runs in a fresh interpreter, whose first article is the one measured, and
watches it through Python's audit hooks (every import and every file opened is an event).
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]

# Written for this test: a court report with a dateline, people named in full and then by
# surname, a quote before its cue, one after, one whose speaker is only the subject of a clause.
ARTICLE = (
    "Judge rejects appeal in harbour fraud case\n\n"
    "GLASGOW – A judge at the Court of Session on Tuesday rejected an appeal by former harbour "
    "director Callum Reid against his conviction for fraud, ruling that the evidence against him "
    "had been properly gathered.\n\n"
    "\"The appeal raises no point of law that would justify a new trial,\" Lady Fiona Gray said in "
    "her written ruling. Gray added that the jury had been correctly directed.\n\n"
    "Reid, who was sentenced to four years in prison in 2023, had argued that emails seized by "
    "investigators were obtained without a valid warrant. His lawyer, Alan Munro, said the family "
    "was disappointed. \"We will study the ruling carefully before deciding on any next step,\" "
    "Munro told reporters outside the court.\n\n"
    "The Crown Office welcomed the decision. Prosecutors said the case had cost the harbour trust "
    "more than 2 million pounds."
)


def _run(script: str, tmp_path: Path) -> dict:
    env = {**os.environ, "PYTHONPATH": str(REPO), "OMP_NUM_THREADS": "1",
           "WIREWATCH_DB": f"sqlite:///{tmp_path / 'warm.db'}"}
    done = subprocess.run([sys.executable, "-c", textwrap.dedent(script)], env=env, cwd=tmp_path,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


# Events of the measured stretch: modules imported and files opened. Not counted: the store's
# own database files (opened by SQLite's C code, which raises no event) and Python source read
# for introspection (FastAPI reads an endpoint's source line on its first request: a module
# loaded from it would be an import event).
WATCH = """
    import sys
    seen = []
    watching = [False]

    def hook(event, args):
        if watching[0] and event in ("import", "open") and not str(args[0]).endswith(".py"):
            seen.append(f"{event} {args[0]}")

    sys.addaudithook(hook)
"""


def test_the_first_analysis_after_the_warm_start_loads_nothing(tmp_path):
    found = _run(WATCH + f"""
    import json
    from wirewatch.config import Settings
    from wirewatch.document import SourceItem
    from wirewatch.runtime.runner import analyse_article
    from wirewatch.runtime.warm import load_models

    settings = Settings()
    load_models(settings)
    watching[0] = True
    analysed = analyse_article(SourceItem(content={ARTICLE!r}, content_type="text/plain", origin="test"),
                               settings, frozenset())
    watching[0] = False
    print(json.dumps({{"seen": seen, "quotes": len(analysed.document.quotes),
                      "prepared": analysed.story is not None}}))
    """, tmp_path)
    assert found["quotes"] >= 2 and found["prepared"]
    assert found["seen"] == []


@pytest.mark.timeout(300)
def test_the_services_first_push_and_alert_after_ready_load_nothing(tmp_path):
    # The subscription was made before the service started (by the command line, another
    # process), as when a service restarts: nothing in the service has sent or checked a channel.
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    made = subprocess.run([sys.executable, "-m", "wirewatch", "subscribe", "appeal", "--updates", "all",
                           "--notify", f"json://127.0.0.1:{port}/hook"],
                          env={**os.environ, "PYTHONPATH": str(REPO), "WIREWATCH_DB": f"sqlite:///{tmp_path / 'warm.db'}",
                               "WIREWATCH_ALLOW_PRIVATE_URLS": "1"},
                          capture_output=True, text=True, timeout=120)
    assert made.returncode == 0, made.stderr[-2000:]
    found = _run(WATCH + f"""
    import json, threading, time
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
    from fastapi.testclient import TestClient
    from wirewatch.config import Settings
    from wirewatch.web.app import create_app

    arrived = threading.Event()

    class Receiver(BaseHTTPRequestHandler):
        def do_POST(self):
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()
            arrived.set()

        def log_message(self, *args):
            pass

    receiver = ThreadingHTTPServer(("127.0.0.1", {port}), Receiver)
    threading.Thread(target=receiver.serve_forever, daemon=True).start()
    # as `serve` runs: the analysis in a worker process (the test above watches it), the rest here
    settings = Settings(db={f"sqlite:///{tmp_path / 'warm.db'}"!r}, analysis_workers=1, allow_private_urls=True,
                        host_delay=0)
    with TestClient(create_app(settings, warm_up=True), base_url="http://127.0.0.1") as client:
        deadline = time.monotonic() + 240
        while client.get("/healthz").status_code != 200:
            assert time.monotonic() < deadline
            time.sleep(0.05)
        watching[0] = True
        client.post("/api/documents", json={{"id": "first", "title": "Appeal rejected",
                                             "text": {ARTICLE!r}}}).raise_for_status()
        assert arrived.wait(30)
        watching[0] = False
    print(json.dumps({{"seen": seen}}))
    """, tmp_path)
    assert found["seen"] == []


def test_the_warm_start_changes_no_analysis(tmp_path):
    # What it leaves behind (the tokenizer's cache, new vocabulary entries, loaded tables) only
    # saves time: the same article reads the same in a cold process and after the warm start.
    script = f"""
    import json, sys
    import wirewatch
    from wirewatch.config import Settings
    from wirewatch.runtime.warm import load_models

    if sys.argv[1] == "warm":
        load_models(Settings())
    print(json.dumps(wirewatch.analyze({ARTICLE!r}).to_dict(), sort_keys=True))
    """
    outputs = []
    for mode in ("cold", "warm"):
        done = subprocess.run([sys.executable, "-c", textwrap.dedent(script), mode], cwd=tmp_path,
                              env={**os.environ, "PYTHONPATH": str(REPO), "OMP_NUM_THREADS": "1"},
                              capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr[-3000:]
        outputs.append(json.loads(done.stdout.strip().splitlines()[-1]))
    cold, warm = outputs
    assert cold["entities"] and cold["quotes"]
    assert warm == cold
