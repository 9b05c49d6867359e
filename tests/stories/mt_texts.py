"""A hand-written wire story, machine-translation-style copies of it, and real follow-ups.

The copies do what a round trip through machine translation does to wire copy: every name is
garbled one way and that garble is used for most mentions (OCR look-alikes, transliteration,
vowel shifts), numbers come back in continental format, words are swapped for literal
back-translations and articles and prepositions slip. Invented people; no real reporting.
"""

WIRE_TITLE = "Dock workers strike halts container traffic at Antwerp port"
WIRE = """ANTWERP, Belgium (AP) — Dock workers walked off the job at the port of Antwerp on Monday, \
halting container traffic at Europe's second-largest port and leaving 1,250 trucks queued on the \
approach roads, port officials said.
The union said about 4,800 workers joined the 48-hour strike over a plan to automate crane \
operations, which it says could cost 600 jobs by 2027.
Port spokesman Joris Vandermeulen said 37 ships were waiting at anchor and that the backlog \
would take at least 4.5 days to clear once work resumed.
Union leader Katrien Dierickx told reporters the strike would be extended if the port authority \
did not withdraw the plan. "We are not against new cranes, we are against losing our jobs," \
Dierickx said.
Vandermeulen said talks were scheduled for Wednesday in Brussels with Economy Minister \
Pieter Claessens."""

# Consistent garbles: Vandermeulen -> Vandermolen (vowel drop), Dierickx -> Dierikcs
# (transliteration), Claessens -> Clacssens (OCR); continental numbers; literal wording.
TRANSLATED_TITLE = "Strike of dock workers stops the container traffic in the port of Antwerp"
TRANSLATED = """ANTWERP, Belgium (AP) – The dock workers left the work in the port of Antwerp on \
Monday, stopping the container traffic at second-largest port of Europe and leaving 1.250 trucks \
in queue on the roads of access, the responsible of port declared.
The union said that around 4.800 workers joined the strike of 48 hours against a plan to automate \
the operations of cranes, which according to it could cost 600 jobs until 2027.
The spokesperson of port Joris Vandermolen said that 37 ships were waiting at anchor and that the \
delay would take at least 4,5 days to clear once the work resumed.
The union leader Katrien Dierikcs said to the journalists that the strike would be extended if the \
port authority did not withdraw the plan. "We are not against the new cranes, we are against to lose \
our jobs," Dierikcs declared.
Vandermolen said that the conversations were planned for Wednesday in Brussels with the Minister \
of Economy Pieter Clacssens, while Dierickx warned of more actions."""

# A real development written on top of the translated copy: a newly named person.
TRANSLATED_WITH_NEWS = TRANSLATED + """
Prime Minister Bart Wouters called the union and the port authority to his office on Tuesday."""

# A real development: the strike is extended and the toll of waiting ships revised.
EXTENDED = WIRE.replace("37 ships", "52 ships").replace("48-hour strike", "96-hour strike")
