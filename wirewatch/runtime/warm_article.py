"""The made-up article the warm start analyses: long and varied enough to reach every lazily
loaded or first-time path of the analysis a real article reaches.

A two-sentence sample left the first real push in each analysis process to load the rest: the
dependency parse of quotes the rules cannot attribute, the surname and acronym resolution tables,
the gender and referent rules, the story preparation (MinHash permutations), and the memory a
long article's arrays need (measured: a 6,000-character article took 100 ms more the first time).
This one has a site name glued to its title, a dateline, headings, a hard-wrapped paragraph,
people named in full and then by surname, titles and roles, organisations with acronyms, places,
numbers and dates, and quotes attributed in every way the rules know, before and after their
cue, across paragraphs, after a colon and through the parse. Its people and organisations are
invented; it is no real article and the tests' articles are not drawn from it.
"""

WARM_TITLE, _, WARM_BODY = """Port strike ends as union and operators sign three-year deal – Harbour Times

ROTTERDAM (Reuters) – Dock workers at Europe's largest port returned to work on Thursday after the Federation of Dutch Trade Unions (FDTU) and the port operators signed a three-year wage agreement, ending a nine-day strike that had left more than 200 container ships waiting off the coast.

The deal, announced late on Wednesday by mediator Johanna Smit, raises wages by 4.5 per cent this year and by 3 per cent in each of the next two years. It also limits night shifts for workers over 55 and sets up a joint committee on automation, the issue that had stalled the talks since early March.

"This agreement shows that a modern port can be run with its workers, not against them," Smit told reporters at the Port Authority building on Wilhelminakade. "Nobody got everything they wanted, and that is usually a sign of a fair deal."

Union negotiator Kees van Dijk said members had approved the offer by a clear majority in a vote that closed at midnight. Van Dijk, who has led the dockers' section of the federation since 2019, added that the automation committee would meet for the first time on April 14.

"We will be watching every step," he said. "If the robots come, the jobs have to come with them, in training, in maintenance, in control rooms."

Operators welcome certainty

The Rotterdam Port Employers' Association welcomed the end of the dispute. Its chairwoman, Marieke Jansen, said the strike had cost member companies an estimated 120 million euros ($130 million) and had pushed shipping lines to divert cargo to Antwerp, Hamburg and Le Havre.

"The most important thing now is to win back the confidence of our customers," Jansen said in a statement. She said the first diverted vessels were expected to return by the weekend.

The Dutch economy minister, Rob Kuipers, called the agreement "a relief for the whole country". Speaking in The Hague after a cabinet meeting, Kuipers said the government had not taken part in the negotiations but had urged both sides to return to the table after the talks broke down on March 21.

Asked whether the government would review the rules on strikes in critical infrastructure, the minister declined to give details. "There is a time for that discussion, and it is not today," he said.

Shipping lines count the cost

Danish shipping group Nordline said its schedules would take two to three weeks to recover. A spokesperson for the Adriatic Container Lines (ACL) in Geneva said the company had rerouted 14 vessels during the strike.

Analysts at Nordbank estimated that the stoppage shaved 0.1 percentage points off Dutch economic growth in the first quarter. "It is a small number for the economy as a whole, but a large one for the logistics sector," said Nordbank economist Bram Hendriks, who follows the ports of northern Europe.

The strike was the longest at the port since 2008, when a dispute over pensions halted work for six days. Prime Minister Anna Verbeek's government, which took office last July, had faced criticism from opposition parties for failing to intervene earlier.

Labour Party leader Lotte Bakker, writing on social media, said the deal proved that "workers who stand together still win". The Freedom Alliance, the largest party in parliament, did not comment.

What happens next

Under the agreement, the 9,000 workers covered by the collective labour agreement will receive a one-off payment of 750 euros in May. The automation committee, made up of four union members, four employers and an independent chair, is due to report by the end of the year.

Smit said she expected the committee to look at the experience of other ports, including Los Angeles, Singapore and Shanghai, where automated terminals have cut the number of dock jobs. "The question is not whether automation comes, but who decides how," she said.

The union said it would hold a meeting for members at the Ahoy convention centre on Saturday, April 5, to explain the details of the deal. Van Dijk urged workers to attend. "Read the text, ask your questions, and then let us get the ships moving," he said.

The FDTU said in a message to members:

"The agreement is not perfect, but it protects the jobs we have and gives us a voice on the jobs to come."

Dockers interviewed at the gates of the Maasvlakte terminal on Thursday morning were
relieved but wary. Several said the automation committee would be the real test of
the deal, and that the FDTU would have to keep members informed at every stage.

Traders in Rotterdam said freight rates had risen during the strike, and traders expect them to ease within a month.""".partition("\n\n")
