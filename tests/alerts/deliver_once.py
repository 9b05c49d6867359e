"""Run one delivery pass in a separate process (the crash test kills it mid-send).

Usage: python deliver_once.py DB_URL ISO_NOW
"""

from __future__ import annotations

import sys
from datetime import datetime

from wirewatch.alerts import AlertStore, deliver_due
from wirewatch.config import load_settings
from wirewatch.store import Store

if __name__ == "__main__":
    url, now = sys.argv[1], datetime.fromisoformat(sys.argv[2])
    with Store.open(url) as store:
        print(deliver_due(AlertStore(store), settings=load_settings(), now=now))
