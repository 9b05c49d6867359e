"""Small hand-written articles for the story tests (invented officials; no real reporting)."""

WIRE_TITLE = "Strong earthquake shakes central Chile, damaging homes in Talca"
WIRE = """TALCA, Chile (AP) — A magnitude 6.4 earthquake struck central Chile on Tuesday afternoon, \
damaging dozens of adobe homes in the city of Talca and cutting power to thousands of residents \
across the Maule region, officials said.
The quake hit at 3:12 p.m. at a depth of 35 kilometers, about 20 kilometers east of Talca, \
according to the national seismological center.
Maule regional governor Elena Ruiz said three people were injured by falling debris and that \
firefighters were inspecting schools and the regional hospital.
"We are checking every building, one by one, before anyone goes back inside," Ruiz told reporters.
The national emergency office said there was no tsunami threat to the coast."""

REPUBLISHED_TITLE = "Chile earthquake: magnitude 6.4 quake damages homes in Talca"
REPUBLISHED = """A magnitude 6.4 earthquake struck central Chile on Tuesday afternoon, damaging \
dozens of adobe homes in the city of Talca and cutting electricity to thousands of residents \
across the Maule region, officials said.
The quake hit at 3:12 p.m. at a depth of 35 kilometers, about 20 kilometers east of Talca, \
according to the national seismological center.
Maule regional governor Elena Ruiz said three people were hurt by falling debris and that \
firefighters were inspecting schools and the regional hospital.
"We are checking every building, one by one, before anyone goes back inside," Ruiz told reporters."""

TRANSLATED_TITLE = "Strong earthquake shakes the center of Chile, damages houses in Talca"
TRANSLATED = """TALCA, Chile (AP) – An earthquake of magnitude 6.4 struck central Chile on the \
afternoon of Tuesday, damaging dozens of adobe houses in the city of Talca and cutting the power \
to thousands of inhabitants across the Maule region, the officials said.
The earthquake struck at 3:12 p.m. at a depth of 35 kilometers, about 20 kilometers east of Talca, \
according to the national seismological center.
The regional governor of Maule Elena Rooiz said that three people were injured by falling rubble \
and that the firefighters were inspecting the schools and the regional hospital.
"We are checking each building, one for one, before someone goes back inside," Rooiz told the \
journalists.
The national emergency office said that there was no threat of tsunami for the coast."""

DEVELOPMENT_TITLE = "Chile quake: aftershock topples church tower in Talca, 40 families evacuated"
DEVELOPMENT = """A strong aftershock on Wednesday toppled the bell tower of the San Agustin \
church in Talca, a day after the magnitude 6.4 earthquake that damaged homes across the Maule \
region of central Chile.
Regional governor Elena Ruiz said 40 families were evacuated from damaged adobe houses in the \
historic centre of Talca and moved to a school gymnasium, and engineers declared 112 homes \
uninhabitable.
The aftershock, measured at magnitude 5.1, caused no new injuries, the national emergency \
office said, but power was still out in parts of the Maule region.
"The tower was already cracked from yesterday's earthquake," Ruiz said. The government \
promised emergency housing subsidies for the families of Talca by Friday."""

OTHER_QUAKE_TITLE = "Earthquake rattles eastern Turkey, buildings damaged in Malatya"
OTHER_QUAKE = """MALATYA, Turkey (AP) — A magnitude 5.9 earthquake struck eastern Turkey on Sunday, \
damaging older buildings in the province of Malatya and sending frightened residents into the \
streets, Turkish officials said.
The quake hit at a depth of 10 kilometers near the town of Yesilyurt, the disaster agency AFAD said.
Malatya governor Hakan Demir said eleven people were treated in hospital for minor injuries and \
that rescue teams were searching two collapsed barns.
"There is no loss of life reported so far," Demir said, urging people to stay out of damaged homes."""

UNRELATED_TITLE = "City council approves budget for new tram line"
UNRELATED = """The Lyon city council on Monday approved a 420 million euro budget for a new tram \
line linking the Part-Dieu station with the eastern suburbs, after a six-hour debate.
Deputy mayor Claire Martin said construction would start next spring and the line would carry \
60,000 passengers a day by 2029.
Opposition councillors said the cost had doubled since the project was first presented and \
called for an independent audit."""
