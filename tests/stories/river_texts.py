"""A hand-written wire story about a flood, a machine-translation-style copy of it, a reprint and
an update. Invented people; no real reporting."""

TITLE = "Flooded river forces evacuation of riverside towns in the Meuse valley"
WIRE = """LIEGE, Belgium (AP) — Rescue teams evacuated about 3,400 residents from riverside towns \
along the Meuse on Thursday after two days of heavy rain pushed the river over its banks, \
provincial officials said.
Governor Hendrik Maasland told reporters that water had reached the ground floors of homes in \
Vise and Herstal and that several bridges were closed to traffic.
The regional weather service said another 40 millimetres of rain could fall before Saturday, \
and warned that the river would not peak until late on Friday.
Schools in the valley were closed and the army sent 12 trucks and two helicopters to help move \
elderly people out of care homes, a defence ministry spokeswoman said.
Maasland urged residents who had not left to move to the upper floors and wait for the boats. \
"Nobody should try to drive through the water," he said.
Emergency shelters were opened in sports halls in Liege, where volunteers handed out blankets \
and hot meals on Thursday evening."""

# A round trip through machine translation: one name garbled in most mentions, words swapped for
# literal back-translations, articles and prepositions slipping, a number in continental format.
TRANSLATED_TITLE = "River flooded forces the evacuation of the towns of riverside in the valley of Meuse"
TRANSLATED = """LIEGE, Belgium (AP) — The teams of rescue evacuated around 3.400 inhabitants of towns \
of riverside along the Meuse on Thursday after two days of heavy rain pushed the river above its \
banks, the provincial responsible declared.
Governor Hendrik Maaslant said to the reporters that the water had reached the ground floors of \
houses on Vise and Herstal and that several bridges were closed for the traffic.
The regional service of weather said that another 40 millimetres of rain could fall before of \
Saturday, and warned that the river would not peak up to late on Friday.
The schools in the valley were closed and the army sent 12 trucks and two helicopters to help \
move the elderly persons out of houses of care, a spokesperson of the defence ministry declared.
Maaslant exhorted the inhabitants who had not left to move to the upper floors and wait for the \
boats. "Nobody should try to drive through of the water," he declared.
The emergency shelters were opened in halls of sports in Liege, where the volunteers handed out \
blankets and hot meals on Thursday in the evening."""

# The wire story republished by a site: verbatim, its name glued to the title.
REPRINT_TITLE = f"{TITLE} | Valley Courier"
# An update: the wire story with an edited sentence and a new paragraph.
UPDATE = WIRE.replace("about 3,400 residents", "about 3,400 residents and their pets") + """
On Friday morning the river broke through a dyke near Herstal, and Mayor Lucie Ansiaux said a \
second evacuation had begun in the lower streets of the town."""
