"""Three records for "what did X say about Y" tests: analysed by the real pipeline when ingested.

The first garbles the Prime Minister's name in its quote attribution ("Stemmer said"), which
analysis resolves to Keir Starmer; the second quotes him on sanctions a week later; the third
is about something else, with a speaker of its own.
"""

from __future__ import annotations

RECORDS = [
    {"id": "ceasefire", "title": "Starmer presses Putin on ceasefire", "source": "Wire",
     "published": "2025-03-02T09:00:00Z",
     "text": "LONDON (AP) — British Prime Minister Keir Starmer urged Vladimir Putin on Sunday to agree to a "
             "ceasefire in Ukraine.\n\n\"The ball is now in the Russian court,\" Stemmer said at a news conference "
             "in London. \"Putin must show he is serious about peace.\"\n\nThe Kremlin did not respond to the remarks."},
    {"id": "sanctions", "title": "Starmer backs new sanctions", "source": "Courier",
     "published": "2025-03-10T12:00:00Z",
     "text": "Prime Minister Keir Starmer announced new sanctions against Russian banks on Monday.\n\n"
             "\"These sanctions will bite,\" Starmer told reporters in Downing Street.\n\n"
             "The measures take effect next week."},
    {"id": "harbour", "title": "Harbour reopens after storm", "source": "Courier",
     "published": "2025-03-05T08:00:00Z",
     "text": "The harbour in Dover reopened on Wednesday after a storm closed it for two days.\n\n"
             "\"We are back in business,\" said harbour master Jane Doe.\n\nFerries resumed their timetable."},
]

# Queries a subscription would follow, each with the record ids it matches in RECORDS.
FOLLOWED = {
    'speaker:"Keir Starmer" Putin': {"ceasefire"},
    'speaker:"Keir Starmer" sanctions': {"sanctions"},
    'entity:"Keir Starmer"': {"ceasefire", "sanctions"},
    "entity:Starmer NOT speaker:Starmer": set(),
    "speaker:Doe OR entity:Putin": {"ceasefire", "harbour"},
    "type:PERSON -entity:Putin": {"sanctions", "harbour"},
}
