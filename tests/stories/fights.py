"""Two invented heavyweight title fights of the same champion, years apart, and a follow-up."""

FIRST_FIGHT = """Marek Dubrovsky stopped challenger Luis Ortega in the seventh round on Saturday \
night in Hamburg to keep his heavyweight title belts.
Dubrovsky, now 41-2 with 35 knockouts, floored Ortega with a right hand midway through the round \
and the referee waved the fight off.
It was the champion's ninth straight defence since he won the belts in 2009.
Ortega, 33, fell to 28-4."""

FIRST_FIGHT_FOLLOW_UP = """Luis Ortega said on Sunday he would consider retiring after the \
seventh-round loss to Marek Dubrovsky in Hamburg.
The 33-year-old challenger, who fell to 28-4, told reporters the champion's right hand was the \
hardest punch he had taken since turning professional.
Dubrovsky, unbeaten since 2009, is expected to defend his heavyweight belts again in the spring."""

SECOND_FIGHT = """Heavyweight champion Marek Dubrovsky retained his belts on Friday in Oslo, \
knocking out Tomas Berg in the fifth round of a one-sided title fight.
The 38-year-old Dubrovsky, 48-3 with 40 knockouts, dropped Berg twice before the referee stepped in.
Berg, 29, suffered his second defeat and is now 22-2.
The win was Dubrovsky's first title defence of 2014."""
