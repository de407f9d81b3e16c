"""Word lists of the rules baseline: a small world gazetteer, titles, speech verbs and event triggers.

The lists describe how English news is written in general (common countries, capitals, nationalities, titles,
reporting verbs, the usual vocabulary of diplomacy and conflict); nothing here is taken from the corpus documents.
"""

from __future__ import annotations


def _words(block: str) -> list[str]:
    return [w.strip() for w in block.replace("\n", ";").split(";") if w.strip()]


# country -> (aliases and capitals that stand for it, nationality adjectives)
COUNTRIES: dict[str, tuple[list[str], list[str]]] = {
    "United States": (["US", "U.S.", "USA", "America", "United States of America", "Washington"],
                      ["American", "Americans", "US"]),
    "United Kingdom": (["UK", "U.K.", "Britain", "Great Britain", "London"], ["British", "Briton", "Britons"]),
    "Russia": (["Russian Federation", "Moscow"], ["Russian", "Russians"]),
    "China": (["People's Republic of China", "PRC", "Beijing"], ["Chinese"]),
    "Ukraine": (["Kyiv", "Kiev"], ["Ukrainian", "Ukrainians"]),
    "France": (["Paris"], ["French"]),
    "Germany": (["Berlin"], ["German", "Germans"]),
    "Italy": (["Rome"], ["Italian", "Italians"]),
    "Spain": (["Madrid"], ["Spanish"]),
    "Poland": (["Warsaw"], ["Polish", "Poles"]),
    "Japan": (["Tokyo"], ["Japanese"]),
    "India": (["New Delhi", "Delhi"], ["Indian", "Indians"]),
    "Pakistan": (["Islamabad"], ["Pakistani", "Pakistanis"]),
    "Iran": (["Tehran"], ["Iranian", "Iranians"]),
    "Iraq": (["Baghdad"], ["Iraqi", "Iraqis"]),
    "Israel": (["Jerusalem"], ["Israeli", "Israelis"]),
    "Syria": (["Damascus"], ["Syrian", "Syrians"]),
    "Turkey": (["Türkiye", "Ankara"], ["Turkish", "Turks"]),
    "Egypt": (["Cairo"], ["Egyptian", "Egyptians"]),
    "Saudi Arabia": (["Riyadh"], ["Saudi", "Saudis"]),
    "North Korea": (["Pyongyang", "DPRK"], ["North Korean", "North Koreans"]),
    "South Korea": (["Seoul"], ["South Korean", "South Koreans"]),
    "Taiwan": (["Taipei"], ["Taiwanese"]),
    "Belarus": (["Minsk"], ["Belarusian", "Belarusians"]),
    "Canada": (["Ottawa"], ["Canadian", "Canadians"]),
    "Mexico": (["Mexico City"], ["Mexican", "Mexicans"]),
    "Brazil": (["Brasilia"], ["Brazilian", "Brazilians"]),
    "Australia": (["Canberra"], ["Australian", "Australians"]),
    "Afghanistan": (["Kabul"], ["Afghan", "Afghans"]),
    "Venezuela": (["Caracas"], ["Venezuelan", "Venezuelans"]),
    "Cuba": (["Havana"], ["Cuban", "Cubans"]),
    "Georgia": (["Tbilisi"], ["Georgian", "Georgians"]),
    "Lebanon": (["Beirut"], ["Lebanese"]),
    "Jordan": (["Amman"], ["Jordanian"]),
    "Qatar": (["Doha"], ["Qatari"]),
    "Yemen": (["Sanaa"], ["Yemeni", "Yemenis"]),
    "Libya": (["Tripoli"], ["Libyan", "Libyans"]),
    "Sudan": (["Khartoum"], ["Sudanese"]),
    "Ethiopia": (["Addis Ababa"], ["Ethiopian", "Ethiopians"]),
    "Nigeria": (["Abuja"], ["Nigerian", "Nigerians"]),
    "South Africa": (["Pretoria"], ["South African", "South Africans"]),
    "Kenya": (["Nairobi"], ["Kenyan", "Kenyans"]),
    "Greece": (["Athens"], ["Greek", "Greeks"]),
    "Sweden": (["Stockholm"], ["Swedish", "Swedes"]),
    "Finland": (["Helsinki"], ["Finnish", "Finns"]),
    "Norway": (["Oslo"], ["Norwegian", "Norwegians"]),
    "Denmark": (["Copenhagen"], ["Danish", "Danes"]),
    "Netherlands": (["The Hague", "Amsterdam", "Holland"], ["Dutch"]),
    "Belgium": (["Brussels"], ["Belgian", "Belgians"]),
    "Austria": (["Vienna"], ["Austrian", "Austrians"]),
    "Switzerland": (["Bern", "Geneva"], ["Swiss"]),
    "Hungary": (["Budapest"], ["Hungarian", "Hungarians"]),
    "Romania": (["Bucharest"], ["Romanian", "Romanians"]),
    "Moldova": (["Chisinau"], ["Moldovan", "Moldovans"]),
    "Lithuania": (["Vilnius"], ["Lithuanian", "Lithuanians"]),
    "Latvia": (["Riga"], ["Latvian", "Latvians"]),
    "Estonia": (["Tallinn"], ["Estonian", "Estonians"]),
    "Serbia": (["Belgrade"], ["Serbian", "Serbs"]),
    "Kazakhstan": (["Astana"], ["Kazakh", "Kazakhs"]),
    "Armenia": (["Yerevan"], ["Armenian", "Armenians"]),
    "Azerbaijan": (["Baku"], ["Azerbaijani", "Azerbaijanis"]),
    "Vietnam": (["Hanoi"], ["Vietnamese"]),
    "Indonesia": (["Jakarta"], ["Indonesian", "Indonesians"]),
    "Philippines": (["Manila"], ["Filipino", "Filipinos"]),
    "Argentina": (["Buenos Aires"], ["Argentine", "Argentinian"]),
    "Chile": (["Santiago"], ["Chilean", "Chileans"]),
    "Colombia": (["Bogota"], ["Colombian", "Colombians"]),
    "Ireland": (["Dublin"], ["Irish"]),
    "Portugal": (["Lisbon"], ["Portuguese"]),
    "Czech Republic": (["Prague", "Czechia"], ["Czech", "Czechs"]),
    "Slovakia": (["Bratislava"], ["Slovak", "Slovaks"]),
    "Bulgaria": (["Sofia"], ["Bulgarian", "Bulgarians"]),
    "Croatia": (["Zagreb"], ["Croatian", "Croats"]),
    "Palestine": (["Ramallah", "Gaza", "West Bank"], ["Palestinian", "Palestinians"]),
}
# regions, provinces and cities that are GPEs but do not stand for a national government
OTHER_GPE = _words("""Europe; Asia; Africa; Crimea; Donbas; Donbass; Donetsk; Luhansk; Lugansk; Kharkiv; Odesa; Odessa;
Mariupol; Kherson; Zaporizhzhia; Lviv; Washington DC; Washington D.C.; New York; California; Texas; Hong Kong;
Xinjiang; Tibet; Kashmir; St Petersburg; Munich; Davos; Normandy; Kosovo; Chechnya; Abkhazia; South Ossetia""")
LOCATIONS = _words("""Black Sea; Baltic Sea; Baltic; Mediterranean; Middle East; Balkans; Caucasus; Arctic; Atlantic;
Pacific; Indo-Pacific; South China Sea; Red Sea; Persian Gulf; Gulf; Sahel; Central Asia; Eastern Europe;
Western Europe; Latin America; Korean Peninsula; Taiwan Strait; Dnipro; Dnieper""")
ORGANISATIONS = _words("""NATO; UN; U.N.; United Nations; EU; E.U.; European Union; OSCE; G7; G20; IMF; World Bank;
WHO; Kremlin; Pentagon; White House; State Department; Security Council; UN Security Council; European Commission;
African Union; ASEAN; BRICS; OPEC; Hamas; Hezbollah; Taliban; Reuters; AFP; Associated Press; AP; BBC; CNN; Xinhua;
TASS; Interfax; Red Cross; Congress; Senate; Duma; Bundestag; Parliament; Supreme Court; FBI; CIA; KGB; FSB""")
NORP_EXTRA = _words("""Western; European; Asian; African; Arab; Arabs; Muslim; Muslims; Christian; Christians; Jewish;
Jews; Catholic; Orthodox; Sunni; Shia; Shiite; Kurdish; Kurds; Democrat; Democrats; Democratic; Republican;
Republicans; Conservative; Conservatives; Labour; Socialist; Communist; Communists; Soviet; Baltic; Nordic""")

# words that make a capitalised phrase an organisation (or another non-person kind)
ORG_HEADS = set(_words("""Ministry; Department; Council; Agency; Committee; Commission; Party; Union; Organisation;
Organization; Bank; Army; Forces; Force; Navy; Office; Parliament; Congress; Senate; Court; University; Institute;
Group; Company; Corporation; Corp; Inc; Ltd; Association; Alliance; Coalition; Service; Services; Government;
Administration; Cabinet; Assembly; Federation; Front; Movement; Authority; Guard; Police; Church; Foundation;
Fund; Centre; Center; Board; Bureau; Secretariat; Mission; Embassy; Consulate; News; Times; Post; Press; Agency;
Network; Television; Radio; Club""")) - {"Federation"}
EVENT_HEADS = set(_words("War; Summit; Olympics; Games; Conference; Revolution; Crisis; Forum; Cup; Championship"))
LAW_HEADS = set(_words("Agreement; Agreements; Treaty; Accord; Accords; Act; Protocol; Convention; Charter; Memorandum; "
                       "Constitution; Resolution; Declaration; Pact"))
FAC_HEADS = set(_words("Airport; Bridge; Street; Palace; Square; Tower; Station; Port; Base; Plant; Stadium; Hall; "
                       "Hospital; Prison; Highway; Canal; Pipeline; Cathedral; Kremlin"))
LOC_HEADS = set(_words("Sea; Ocean; River; Mountains; Mountain; Gulf; Peninsula; Valley; Strait; Desert; Lake; Bay; "
                       "Island; Islands; Coast; Basin; Plain; Plateau; Region"))

# titles before a person's name (also used alone as nominal mentions: "the minister")
TITLES = set(_words("""President; Vice; Prime; Minister; Foreign; Defence; Defense; Interior; Finance; Secretary;
General; State; Chancellor; King; Queen; Prince; Princess; Senator; Sen.; Rep.; Representative; Governor; Mayor; Gen.;
Colonel; Col.; Lieutenant; Lt.; Major; Maj.; Captain; Capt.; Admiral; Ambassador; Envoy; Spokesperson; Spokesman;
Spokeswoman; Mr; Mr.; Mrs; Mrs.; Ms; Ms.; Dr; Dr.; Pope; Director; Chairman; Chairwoman; Chair; Chief; Commander;
Deputy; Premier; Leader; Speaker; Sheikh; Emir; Sultan; Judge; Justice; Attorney; Adviser; Advisor; Special;
Representative; Commissioner; High; Chief; Executive; FM; PM; CEO; Sir; Lord; Lady; Archbishop; Bishop; Cardinal;
Foreign; Affairs; of; National; Security; Trade; Health; Economy; Energy; Justice; Home; Top; Senior; Former; Acting;
Supreme; Opposition; Party""")) | {"of"}
NOMINAL_TITLES = set(_words("""president; minister; secretary; chancellor; premier; ambassador; envoy; spokesperson;
spokesman; spokeswoman; senator; governor; mayor; general; commander; diplomat; leader; official; chairman; king;
queen; prince; fm; pm; foreign minister; prime minister; defence minister; defense minister""")) - {"official"}

NOMINAL_ORGS = set(_words("""ministry; government; embassy; army; military; police; delegation; office; campaign;
committee; council; parliament; court; party; administration; agency; company; union; coalition; alliance; cabinet;
regime; navy; commission; bank; firm; board; authorities"""))
NOMINAL_TITLES |= set(_words("""negotiator; prosecutor; judge; mediator; commander; envoy; chief; spokesperson;
governor; candidate; lawmaker; opposition leader; foreign secretary; interior minister; finance minister;
defence secretary"""))

PRONOUNS = {"he": "he", "him": "he", "his": "he", "himself": "he", "she": "she", "her": "she", "hers": "she",
            "herself": "she"}

# capitalised words that start sentences but name nothing
SENTENCE_STARTERS = set(_words("""The; A; An; As; In; On; At; By; For; From; To; With; Without; Of; And; But; Or; So;
Yet; If; When; While; After; Before; Since; Although; Though; Because; Earlier; Later; Meanwhile; However; Also;
Still; Now; Then; This; That; These; Those; There; Here; It; Its; He; She; They; We; I; You; His; Her; Their; Our;
My; Your; Who; What; Which; Where; Why; How; According; Despite; During; Under; Over; Amid; Among; Between; Last;
Next; Both; Each; Every; Some; Many; Most; Several; Such; Other; Another; All; No; Not; Nor; Only; Even; Just; Asked;
Speaking; Instead; Further; Finally; First; Second; Third; Moreover; Separately; Officials; Meanwhile; Yesterday;
Today; Tomorrow; Tonight; Once; Unlike; Like; Until; Unless; Whether; Within; Against; Following; Ahead; Following;
Asked; Addressing; Reporting; Writing; Updated; Read; Watch; Photo; Photos; Video; Analysis; Opinion; Breaking""")
                        + ["Please", "Thanks", "Yes", "Oh", "Well"])

MONTHS = _words("January; February; March; April; May; June; July; August; September; October; November; December; "
                "Jan.; Feb.; Mar.; Apr.; Jun.; Jul.; Aug.; Sep.; Sept.; Oct.; Nov.; Dec.")
WEEKDAYS = _words("Monday; Tuesday; Wednesday; Thursday; Friday; Saturday; Sunday")
NUMBER_WORDS = _words("""one; two; three; four; five; six; seven; eight; nine; ten; eleven; twelve; thirteen; fourteen;
fifteen; sixteen; seventeen; eighteen; nineteen; twenty; thirty; forty; fifty; sixty; seventy; eighty; ninety;
hundred; hundreds; thousand; thousands; million; millions; billion; billions; dozens; dozen""")
ORDINAL_WORDS = _words("""first; second; third; fourth; fifth; sixth; seventh; eighth; ninth; tenth; eleventh;
twelfth; twentieth; hundredth""")

# Speech cues: verb forms that report speech; "infinitive" verbs take "X to do": asked X to ...
SAY_VERBS = set(_words("""said; says; say; saying; told; tells; tell; stated; states; added; adds; noted; notes; warned;
warns; claimed; claims; argued; argues; insisted; insists; stressed; stresses; emphasised; emphasized; emphasises;
emphasizes; underscored; underscores; explained; explains; announced; announces; reported; reports; declared;
declares; confirmed; confirms; acknowledged; acknowledges; admitted; admits; suggested; suggests; conveyed; conveys;
informed; informs; highlighted; highlights; reiterated; reiterates; maintained; maintains; wrote; writes; tweeted;
posted; replied; responded; answered; asserted; asserts; alleged; alleges; denied; denies; urged; urges; asked; asks;
appealed; demanded; demands; continued; concluded; recalled; observed; remarked; predicted; promised; pledged;
vowed; assured; cautioned; complained; countered; objected; repeated; commented; accused; condemned; criticised;
criticized; called; calls; agreed; proposed; hinted; boasted; lamented; quipped; mused; added; estimated; believes;
believed; thinks; thought; testified; briefed; signalled; signaled; indicated; indicates; threatened; threatens""")) | {
    "pointed out", "made clear", "spoke of", "adding", "arguing", "urging", "warning", "insisting", "noting",
    "claiming", "stressing", "explaining", "suggesting", "asking"}
# cue verbs that take an object then "to"-infinitive as the reported content (asked X to ...)
INFINITIVE_CUES = set(_words("urged; urges; urging; asked; asks; asking; appealed; called; calls; told; pressed; implored; "
                             "encouraged; requested; demanded; begged; advised; instructed; invited"))
AUXILIARIES = set(_words("""had; has; have; was; is; were; are; will; would; could; also; later; earlier; previously;
then; again; repeatedly; reportedly; once; already; has also; had also; been; be; did; does; do; just; recently;
publicly; separately; further; firmly; strongly; quickly""")) | {"n't", "not"}
SPEAKER_NOUNS = set(_words("""officials; official; spokesperson; spokesman; spokeswoman; sources; source; ministry;
minister; diplomats; diplomat; analysts; experts; statement; government; aides; witnesses; residents; police;
authorities; critics; observers"""))

NEGATIONS = {"not", "n't", "never", "no", "without", "refused", "refuses", "declined", "declines", "failed", "fails",
             "neither", "nor", "denied", "cannot"}
FUTURE_CUES = {"will", "'ll", "shall", "tomorrow", "plans", "planned", "plan", "scheduled", "set", "expected",
               "going", "intends", "upcoming", "next"}
HYPOTHETICAL_CUES = {"if", "should", "would", "could", "might", "may", "unless", "whether", "possible", "potential",
                     "risk", "risks", "any", "threat", "fear", "fears", "feared", "hypothetical", "must", "can",
                     "to"}


def _verb(base: str, past: str | None = None, third: str | None = None, gerund: str | None = None) -> set[str]:
    """A verb's forms: base, third person, past, gerund (regular unless given)."""
    if base.endswith("e"):
        reg_past, reg_ger = base + "d", base[:-1] + "ing"
    elif base.endswith("y") and base[-2] not in "aeiou":
        reg_past, reg_ger = base[:-1] + "ied", base + "ing"
    else:
        reg_past, reg_ger = base + "ed", base + "ing"
    if base.endswith(("s", "sh", "ch", "x", "z")):
        reg_third = base + "es"
    elif base.endswith("y") and base[-2] not in "aeiou":
        reg_third = base[:-1] + "ies"
    else:
        reg_third = base + "s"
    return {base, past or reg_past, third or reg_third, gerund or reg_ger}


def _verbs(*specs: str | tuple[str, ...]) -> set[str]:
    out: set[str] = set()
    for spec in specs:
        if isinstance(spec, tuple):
            out |= _verb(*spec)
        else:
            out |= _verb(spec)
    return out


# event type -> trigger word forms (verbs with their inflections, then nouns); multiword triggers are matched first
TRIGGERS: dict[str, set[str]] = {
    "AGREE": _verbs("agree", "settle", ("sign", "signed")) | {"agreement", "agreements", "deal", "deals", "ceasefire",
                                                             "truce", "accord", "pact", "settlement", "armistice"},
    "CONSULT": _verbs(("meet", "met", "meets", "meeting"), "call", ("speak", "spoke", "speaks", "speaking"), "visit",
                      "discuss", "negotiate", "host", "consult", ("hold talks", "held talks")) | {
        "talks", "meeting", "meetings", "visit", "visits", "summit", "negotiations", "call", "phone call",
        "conversation", "consultations", "spoken", "hosted", "discussions", "dialogue", "telephoned", "phoned",
        "convened", "mediated", "mediation"},
    "SUPPORT": _verbs("praise", "endorse", "recognise", "recognize", "welcome", "defend", "back", "applaud",
                      "commend") | {"support", "supported", "supports", "supporting", "recognition", "backing",
                                    "endorsement", "solidarity", "praise"},
    "CONCEDE": _verbs("concede", "yield", "release", "apologise", "apologize", "ease", "lift", ("free", "freed")) | {
        "concession", "concessions", "apology", "pardoned", "amnesty", "relented"},
    "COOPERATE": _verbs("cooperate", "co-operate", "coordinate", "collaborate") | {
        "cooperation", "co-operation", "coordination", "collaboration", "partnership"},
    "AID": _verbs("donate", "supply") | {"aid", "assistance", "donation", "donations", "supplies", "deliveries",
                                         "humanitarian aid", "military aid", "military assistance", "loan",
                                         "loans", "shipments"},
    "RETREAT": _verbs("withdraw", "retreat", "de-escalate") | {"withdrew", "withdrawn", "withdrawal",
                                                               "de-escalation", "pullback", "pulled back",
                                                               "pulled out", "disengagement"},
    "REQUEST": _verbs("urge", "appeal", "demand", "request", "plead", "implore") | {
        "asked", "appeal", "appeals", "demand", "demands", "request", "requests", "plea", "calls for",
        "called for", "call for", "called on", "calls on", "call on", "asking"},
    "ACCUSE": _verbs("accuse", "condemn", "criticise", "criticize", "blame", "denounce", "slam") | {
        "accusation", "accusations", "condemnation", "criticism"},
    "REJECT": _verbs("reject", "refuse", "veto", "rebuff", "deny", ("deny", "denied")) | {
        "rejection", "refusal", "denial", "turned down"},
    "THREATEN": _verbs("threaten", "warn") | {"threat", "threats", "warning", "warnings", "ultimatum"},
    "PROTEST": _verbs("protest", "demonstrate", "boycott", "riot", "rally") | {
        "protest", "protests", "protesters", "demonstration", "demonstrations", "boycott", "riots", "rally"},
    "SANCTION": _verbs("sanction", "expel", ("expel", "expelled", "expels", "expelling"), "embargo", "suspend",
                       "convict", "sentence") | {"sanctions", "embargo", "expulsion", "expulsions", "sever ties",
                                                 "severed ties", "cut ties", "froze", "freeze", "frozen", "ban",
                                                 "banned"},
    "MOBILIZE": _verbs("deploy", "mobilise", "mobilize", "station", "amass", "mass") | {
        "deployment", "deployments", "mobilisation", "mobilization", "buildup", "build-up", "reinforcements"},
    "COERCE": _verbs("arrest", "detain", "seize", "blockade", "censor", "confiscate", "raid") | {
        "arrest", "arrests", "detention", "seizure", "blockade", "crackdown", "jailed", "imprisoned", "deported"},
    "ASSAULT": _verbs("attack", "invade", "bomb", "shell", "strike", ("strike", "struck", "strikes", "striking"),
                      "kill", "fire", "shoot", ("shoot", "shot")) | {
        "attack", "attacks", "invasion", "aggression", "offensive", "bombing", "bombardment", "airstrike",
        "airstrikes", "air strikes", "shelling", "assault", "incursion", "war", "clashes", "fighting", "ambush",
        "shooting", "opened fire"},
    "CASUALTY": {"died", "dead", "killed", "injured", "wounded", "casualties", "deaths", "death toll", "die"},
    "PERSONNEL": _verbs("appoint", "resign", "dismiss", "sack", "oust", "nominate") | {
        "appointment", "resignation", "sworn in", "stepped down", "step down", "took office", "inaugurated"},
    "ELECTION": _verbs("elect", "vote") | {"election", "elections", "re-elected", "referendum", "ballot", "polls",
                                           "runoff"},
    "ENACTMENT": _verbs("enact", "adopt", "approve", "ratify", "decree", "legislate") | {
        "signed into law", "decree", "legislation", "ratification", "passed"},
}
# forms that are ambiguous and need context (handled in events.py): "called" (CONSULT vs REQUEST), "killed"
AMBIGUOUS = {"killed", "kill", "kills", "killing", "fire", "fired", "fires", "firing", "back", "backed", "backs",
             "backing", "call", "strike", "strikes", "mass", "station", "stationed", "host", "war", "deal", "free",
             "freed", "rally", "ease", "eased", "lift", "lifted", "sentence", "sentenced", "release", "released",
             "decree", "mass", "massed", "suspend", "suspended"}
# words that carry a stance when the speaker uses them about a target (for quotes and indirect speech)
AGAINST_WORDS = set(_words("""aggression; aggressive; illegal; illegitimate; unacceptable; violation; violations;
violate; violates; violated; condemn; condemns; condemned; invasion; invade; threat; threatens; dangerous;
provocation; provocative; reckless; irresponsible; unjustified; unprovoked; brutal; crimes; criminal; destabilising;
destabilizing; hostile; oppose; opposes; opposed; against; reject; rejects; rejected; blame; blames; blamed;
sanctions; punish; consequences; escalation; escalate; agitate; hype; lies; false; propaganda; terrorist; terror;
occupation; occupiers; annexation; sham; purported; so-called""")) 
FAVOR_WORDS = set(_words("""support; supports; supported; unwavering; solidarity; welcome; welcomes; welcomed; praise;
praised; partner; partners; friend; friends; friendship; ally; allies; sovereignty; integrity; independence;
cooperation; stand with; stands with; commitment; committed; backing; defend; defends; grateful; thank; thanks;
appreciate; respect; respects; recognise; recognize; recognised; recognized; legitimate"""))
