"""Articles written for tests/stories/test_excerpts.py, each with an excerpt of it spun by hand."""

WAREHOUSE = "\n".join([
    "A fire tore through a furniture warehouse on the edge of Dellmont early on Tuesday, sending a column"
    " of black smoke over the river and forcing the closure of the main road into town, the county fire "
    "service said.",
    "Crews were called to the site on Brackley Lane shortly after 3 a.m., when a night watchman saw "
    "flames coming from the loading bays. By the time the first engines arrived, the roof of the main "
    "hall had begun to fall in.",
    "More than 60 firefighters from four stations fought the blaze through the morning. Residents of "
    "about 200 homes nearby were told to keep their windows and doors shut because of the smoke.",
    "The watchman, who raised the alarm, was taken to hospital as a precaution after breathing in smoke, "
    "the service said. Nobody else was on the site when the fire started.",
    "Station commander Ruth Okafor said the building held large stocks of foam mattresses and sofas, "
    "which burned fiercely and made the fire hard to reach. Her crews used a high ladder to pour water "
    "onto the roof from above.",
    "The cause of the fire was not yet known, and investigators would begin work at the site once it was "
    "safe, she said. The company that owns the warehouse said it was working with the fire service.",
    "The main road was expected to stay closed until the evening, and the council advised drivers to use "
    "the bypass. Buses were diverted through the industrial estate.",
    "It was the second large fire in Dellmont this year, after a blaze at a paper mill in March.",
])
# The first five paragraphs, spun by hand: words swapped for near-synonyms or filler, clauses moved.
WAREHOUSE_EXCERPT_SPUN = "\n".join([
    "A blaze ripped through a furniture depot at the edge of Dellmont early on Tuesday, sending a pillar "
    "of dark smoke across the river and forcing the shutting of the main route into town, the county fire"
    " service stated.",
    "Crews were summoned to the location on Brackley Lane shortly following 3 a.m., when a night guard "
    "spotted flames coming out of the loading bays. By the time the initial engines arrived, the roof of "
    "the main hall had started to collapse.",
    "Over 60 firefighters from four stations battled the fire throughout the morning. Occupants of "
    "roughly 200 houses close by were told to keep their windows and doors closed due to the smoke.",
    "The guard, who sounded the alarm, was taken to a medical center as a precaution after inhaling "
    "smoke, the service stated. Nobody else was at the premises when the blaze began.",
    "Station commander Ruth Okafor stated the building stored big stocks of foam mattresses and couches, "
    "which burned fiercely and made the fire difficult to reach. Using a tall ladder, her crews poured "
    "water onto the roof from above.",
])

APPEAL = "\n".join([
    "The appeals court in Harwick on Thursday threw out the conviction of a former harbour official who "
    "was jailed two years ago for taking bribes from shipping agents, ruling that the trial judge had "
    "wrongly admitted recordings made without a warrant.",
    "Lena Varga, who ran the customs office at the port of Harwick for nine years, was sentenced to four "
    "years in prison in 2022 after a jury found her guilty of accepting payments to speed cargo through "
    "inspections.",
    "The three appeal judges said the recordings, made by an agent who wore a hidden microphone to "
    "meetings with Varga, should never have been played to the jury. Without them, they said, the case "
    "against her rested on the word of a single witness.",
    "Prosecutors said they were studying the ruling and had not decided whether to seek a retrial. Varga,"
    " who has served 20 months of her sentence, is expected to be released from the women's prison at "
    "Colbrook within days.",
    "Her lawyer, Tomas Reiner, said outside the court that his client had always maintained her innocence"
    " and had lost her job, her savings and her good name. He said she would seek compensation.",
    "The case had been seen as a test of a campaign against corruption at the port, which handles most of"
    " the country's grain exports. Two shipping agents who admitted paying bribes were given suspended "
    "sentences in a separate trial.",
    "The port authority said in a statement that it respected the court's decision and that its own "
    "inspection rules had been tightened since the case began. A new customs director took office last "
    "year.",
    "The justice ministry declined to comment on the ruling.",
])
# The first four paragraphs, spun by hand.
APPEAL_EXCERPT_SPUN = "\n".join([
    "The appeals tribunal in Harwick on Thursday quashed the verdict against an ex harbour officer who "
    "was locked up two years back for pocketing kickbacks from shipping brokers, finding that the trial "
    "justice had wrongly allowed tapes made with no warrant.",
    "Lena Varga, who headed the customs bureau at the port of Harwick for nine years, got four years "
    "behind bars in 2022 once a jury convicted her of taking cash to hurry freight through checks.",
    "The three appeal justices stated the tapes, made by an undercover operative who wore a concealed "
    "microphone to meetings with Varga, ought never to have been heard by the jury. Lacking them, the "
    "prosecution rested on the testimony of a lone witness, they stated.",
    "Prosecutors stated they were reviewing the decision and had not settled on whether to pursue a fresh"
    " trial. Varga, who has served 20 months of her term, is set to walk free from the women's jail at "
    "Colbrook within days.",
])

RESCUE = "\n".join([
    "Mountain rescuers on Saturday brought down two climbers who had spent a night stranded on a ledge "
    "below the summit of the Grauhorn, after a storm cut off their route back to the valley, the regional"
    " rescue service said.",
    "The pair, a man and a woman from the lowland city of Ebbing, set out from the Kessel hut on Friday "
    "morning to climb the north ridge. They called for help in the afternoon when thick cloud and high "
    "winds made it impossible to go on or to turn back.",
    "A helicopter could not reach them in the storm, so a team of eight rescuers climbed through the "
    "night with ropes, food and sleeping bags. They reached the climbers at first light and found them "
    "cold but unhurt.",
    "The rescuers then lowered the pair down the ridge in stages over five hours, to a point where the "
    "helicopter was able to lift them off once the wind dropped. Both were flown to the valley and "
    "checked by a doctor.",
    "Rescue leader Anton Gruber said the climbers had done the right thing by staying on the ledge and "
    "calling for help rather than trying to descend in the dark. He said they had good equipment but had "
    "not checked the weather forecast.",
    "The rescue service said it had been called out 41 times this summer, more than in any year since it "
    "began keeping records. Most of the calls came from walkers and climbers caught out by sudden changes"
    " in the weather.",
    "The Grauhorn, at 3,120 metres, is one of the most popular peaks in the region, and its north ridge "
    "is graded as a serious climb for experienced mountaineers only.",
])
# The first four paragraphs, spun by hand.
RESCUE_EXCERPT_SPUN = "\n".join([
    "Mountain rescue teams on Saturday retrieved two climbers who had spent a night trapped on a shelf "
    "beneath the summit of the Grauhorn, after a tempest blocked their path back to the valley, the "
    "regional rescue service stated.",
    "The duo, a male and a female from the lowland town of Ebbing, set off from the Kessel hut on Friday "
    "morning to ascend the north ridge. When dense cloud and strong winds made it impossible to continue "
    "or to go back, they phoned for assistance in the afternoon.",
    "A helicopter was unable to get to them in the tempest, so a squad of eight rescuers climbed "
    "throughout the night carrying ropes, provisions and sleeping bags. They got to the climbers at dawn "
    "and found them chilled but unharmed.",
    "The rescuers then let the duo down the ridge in stages across five hours, to a spot where the "
    "helicopter could lift them off once the wind eased. Both were flown to the valley and examined by a "
    "physician.",
])

# Another report of the warehouse fire, shorter, in its own words: the same facts, no copy.
WAREHOUSE_OTHER = "\n".join([
    "Smoke from a burning warehouse hung over Dellmont for most of Tuesday after fire broke out in the "
    "loading bays of a furniture store on Brackley Lane in the early hours.",
    "A night watchman spotted the flames at around 3 a.m. and called the fire service. He was later "
    "treated in hospital for smoke inhalation.",
    "Four fire stations sent more than 60 firefighters, and people living in some 200 nearby homes were "
    "asked to stay indoors with their windows closed.",
    "Ruth Okafor, the station commander in charge, told reporters that piles of mattresses and sofas "
    "inside had fed the flames and that the roof of the main hall had caved in.",
    "The main road into Dellmont was shut and drivers were sent along the bypass.",
])

# A fire of the same kind in another town: another story.
MILL = "\n".join([
    "A fire destroyed a disused textile mill in Harnford on Sunday night, sending thick smoke over the "
    "town centre and closing the railway line for several hours, the county fire service said.",
    "Crews were called to the mill on Canal Street shortly before 11 p.m., after a passer-by saw flames "
    "at the upper windows. The roof of the five-storey building collapsed within an hour.",
    "About 80 firefighters from six stations fought the blaze through the night, and residents of some "
    "150 homes were told to keep their windows shut.",
    "Nobody was hurt. The mill had stood empty for ten years and was due to be turned into flats, the "
    "council said.",
    "Group manager Peter Lind said the building's wooden floors had let the fire spread quickly from one "
    "storey to the next, and his crews had fought it from the outside for safety.",
    "Police said they were treating the fire as suspicious and asked anyone who had seen people near the "
    "mill on Sunday evening to come forward.",
    "Trains between Harnford and the coast were expected to run normally on Monday.",
])
