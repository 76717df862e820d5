"""Proposals: the sector lexicon, which sentences propose, titles, enterprises named."""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from typing import Any

from msgspec import Struct

from ..regions import find_region, fold
from ..taxonomy import SECTORS_BY_ID
from .gazetteer import known_enterprises
from .goods import SELF_SUFFICIENT, WE_MAKE
from .needs import lowered, may_match, needed_sets, needed_words, words_finder
from .page import Sentence, Taken
from .people import Person
from .trade import USD_AMOUNT

# Machines whose building is not the construction sector ("the construction of passenger
# vessels", "of locomotives")
_MACHINE_BUILT = (
    r"(?:vessels?|ships?|boats?|ferr(?:y|ies)|barges?|icebreakers?|aircraft|locomotives?|"
    r"wagons?|buses|trucks|vehicles|cars)\b"
)
# after "construction of": the machine, with at most two words before it that are not a
# preposition ("of passenger vessels", "of the new ships"; not "of roads for trucks")
_MACHINE_AFTER_OF = (
    r"\s+(?:(?:the|a|an)\s+)?(?:(?!(?:for|of|in|on|at|to|with|and)\b)[\w-]+\s+){0,2}"
    + _MACHINE_BUILT
)
_MACHINE_OF = r"\s+of" + _MACHINE_AFTER_OF


class Cue(Struct, frozen=True):
    sector: str
    pattern: re.Pattern[str]
    weak: bool = False  # counts only where nothing more specific is said nearby


def _cue(sector: str, *phrases: str, weak: bool = False, case: bool = False) -> list[Cue]:
    return [
        Cue(sector, re.compile(rf"(?<![\w-]){p}(?![\w])", 0 if case else re.I), weak)
        for p in phrases
    ]


# not trade as one of a diplomatic formula's kinds ("trade and economic cooperation")
# (no kind of goods right before: "the food production sector" is the food industry's)
_NO_KIND_BEFORE = (
    r"(?<!food\s)(?<!agricultural\s)(?<!dairy\s)(?<!meat\s)(?<!pharmaceutical\s)"
    r"(?<!chemical\s)(?<!textile\s)(?<!light\s)(?<!defen[cs]e\s)"
)
_NOT_FORMULA = (
    r"(?!(?:\s*,\s*|\s+and\s+|-)(?:econom|cultur|invest|scien|industr|humanit))"
    # nor trade as a word of another thing ("trade unions", "the trade deficit", "trade
    # barriers"), nor its growth told as a fact ("the increase in trade amounted to 12%")
    r"(?!\s+(?:unions?|deficits?|surplus|barriers?|restrictions?|wars?|disputes?|imbalances?|"
    r"missions?|statistics|data|amounted|was|were|reached|totall?ed|stood|came|made\s+up)\b)"
)

# A kind of machine named in a list before the machine: "passenger, utilities, agricultural
# and cargo machinery" (the kind is the cue; the noun may be a few words on)
_LISTED = r"(?=(?:,?\s+(?:and\s+)?[a-z][\w-]*){0,5}?\s+(?:machinery|vehicles|equipment|machines))"

# Growing trade as an aim: "agreed to increase mutual trade", "a huge potential for boosting
# bilateral trade", "ensure a significant increase in the bilateral trade" (not its growth
# told as a fact: "trade increased", "the growth of trade in 2021"; nor a target with its
# figure, "intend to raise their trade turnover to $1 billion": the real reports' labels mostly
# leave targets out).
_TRADE_AIMS = _cue(
    "trade-finance",
    r"(?:increas(?:e|ing)|boost(?:ing)?|expand(?:ing)?|grow(?:ing)?|rais(?:e|ing)|"
    r"doubl(?:e|ing)|step(?:ping)?\s+up|build(?:ing)?\s+up|"
    # "help balance trade", "enhance the trade turnover", "revive mutual trade"
    r"balanc(?:e|ing)|enhanc(?:e|ing)|improve|reviv(?:e|ing)|intensify(?:ing)?|"
    r"diversify(?:ing)?)\s+(?:the\s+)?"
    rf"(?:(?:mutual|bilateral|two-way|reciprocal|our|their|its)\s+)?trade(?:\s+turnover)?+"
    rf"{_NOT_FORMULA}",
    r"(?:significant\s+|substantial\s+|further\s+)?(?:increase|expansion)\s+(?:in|of)\s+"
    rf"(?:the\s+)?(?:(?:mutual|bilateral|two-way|reciprocal)\s+)?trade(?:\s+turnover)?+"
    rf"{_NOT_FORMULA}",
    r"trade\s+cooperation",
    # (not told as done: "managed to increase mutual supplies by 15% last year")
    r"(?:expand(?:ing)?|increas(?:e|ing)|boost(?:ing)?)\s+(?:the\s+)?mutual\s+"
    r"(?:supplies|deliveries)(?![^.]*\bby\s+\d)",
    # "for further growth of trade turnover", "an increase in export volumes", "increase
    # our presence in the market of the region" (not exports of a good named: its sector)
    rf"further\s+(?:growth|increase)\s+(?:of|in)\s+(?:the\s+)?(?:(?:mutual|bilateral)\s+)?"
    rf"trade(?:\s+turnover)?{_NOT_FORMULA}",
    # trade back where it was, as an aim: "restore the pre-crisis level of mutual trade",
    # "bring their trade back to the pre-crisis level", "returning trade to the level of 2018"
    r"(?:bring(?:ing)?|get(?:ting)?|return(?:ing)?)\s+(?:the\s+)?(?:(?:mutual|bilateral|their|"
    r"our)\s+)?trade(?:\s+turnover)?\s+(?:back\s+)?to\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?levels?",
    # "interested in balanced trade"
    r"balanced\s+(?:mutual\s+|bilateral\s+)?trade(?!\s+(?:was|is|amounted))",
    r"(?:restor(?:e|ing)|regain(?:ing)?|return(?:ing)?\s+to|reach(?:ing)?)\s+(?:the\s+)?"
    r"(?:[\w-]+\s+){0,2}?levels?\s+of\s+(?:the\s+)?(?:(?:mutual|bilateral|two-way)\s+)?"
    rf"trade(?:\s+turnover)?{_NOT_FORMULA}",
    # trade itself named an area to work on: "trade is one of the most promising areas"
    r"trade\s+is\s+(?:one\s+of\s+)?(?:the\s+|a\s+)?(?:most\s+|very\s+)?(?:promising|"
    r"important|priority|key|main)\s+(?:areas?|directions?|spheres?|fields?)",
    # selling at a fair: "a fair of Belarusian goods", "trade fairs", "a fair will take
    # place in Kursk" (not the adjective: "fair prices", "a fair deal")
    r"(?:trade|commodity|wholesale|retail|industrial|agricultural|regional|international|"
    r"interregional|food|harvest)\s+fairs?",
    # goods shown to buyers: "an exhibition of Belarusian goods", "an exposition of the
    # region's industrial products", "a business mission with the exhibition of their products"
    r"(?:exhibitions?|expositions?|expos?|displays?)\s+of\s+(?:[\w'’-]+\s+){0,3}?"
    r"(?:goods|products|produce)",
    r"business\s+missions?",
    # a shop window in the region: "a Belarusian trade house will be opened in Tomsk", "a
    # Belarusian trade centre"
    r"(?:Belarusian|joint)\s+trade\s+(?:houses?|cent(?:er|re)s?)"
    r"(?!\s+(?:that|which)\s+(?:has|have|had|is|was)\b)",
    r"trade\s+(?:houses?|cent(?:er|re)s?)\s+(?:[\w-]+\s+){0,5}?(?:will|would|is\s+to|are\s+to)\s+"
    r"(?:be\s+)?open",
    r"fairs?\s+of\s+(?:[\w-]+\s+){0,2}?(?:goods|products|produce|producers|manufacturers)",
    r"(?:exhibitions?|expos?)(?:\s+and\s+|-)fairs?|fairs?(?:\s+and\s+|-)exhibitions?",
    r"(?:a|the)\s+fair\s+(?:will|is\s+to|to\s+be)",
    r"(?:increas(?:e|ing)|boost(?:ing)?|grow(?:th|ing)?)\s+(?:in\s+|of\s+)?(?:the\s+)?"
    r"(?:export\s+volumes|volumes?\s+of\s+exports?|exports?\b(?!\s+volumes))(?!\s+of\b)",
    r"(?:increas\w*|expand\w*|strengthen\w*)\s+(?:our|its|their|the)\s+presence\s+"
    r"(?:in|on)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?markets?",
)


# Phrases per sector. Longer phrases win over shorter ones that overlap them ("agricultural
# machinery" is not agriculture; "patriotic education" is youth work, not education).
CUES: list[Cue] = [
    *_cue(
        "elevators",
        r"elevators?",
        r"lifts",
        r"lift[- ](?:production|equipment|industry|"
        r"manufactur\w*|building|construction|making)",
        r"\w*liftmash",
    ),
    *_cue(
        "agricultural-machinery",
        r"agricultural\s+(?:machinery|equipment|machines)",
        r"farm\s+(?:machinery|equipment|machines)",
        r"tractors?",
        r"MTZ",
        r"(?:combine\s+)?harvesters?",
        # combines, the machines (not the verb: "the plan combines trade and science")
        r"combines(?=\s*[.,;:!?”\"]|\s+(?:and|for|are|were|will|from)\b)",
        r"agricultural\s+and\s+\w+\s+(?:machinery|equipment)",
        r"(?:agricultural|farming|farm)\s+vehicles",
        r"(?:forage|fodder)[\s-]harvest\w*",
        r"(?:fertili[sz]er|manure)\s+spreaders?",
        r"balers?",
        # the making of farm machines: "agricultural engineering", "agricultural machine building"
        r"agricultural\s+(?:(?:mechanical\s+)?engineering|machine[- ]building)",
        # "agricultural and road construction machinery": a kind named before the machine
        rf"agricultural{_LISTED}",
    ),
    *_cue(
        "agriculture-food",
        r"agriculture",
        r"agricultural\s+(?:sector|products|goods|"
        r"cooperation|raw\s+materials|production|complex|enterprises)",
        r"agro-industrial(?:\s+complex)?",
        r"agrarian",
        # the farm and food business as a whole: "agribusiness", "agro-business"
        r"agr[io]-?business(?:es)?",
        r"food(?:\s+products|stuffs?)?",
        r"dairy",
        r"agricultural\s+(?:development|technologists|specialists)",
        r"buckwheat",
        r"grain",
        # a grain elevator stores grain: not a lift ("elevators" is lifts, Mogilevliftmash)
        r"(?:grain|granary)\s+elevators?",
        r"meat",
        r"(?:elite\s+)?seeds",
        r"fodder",
        r"farming",
        r"farmers(?!['’]?\s+markets?)",  # ("Vitebsk farmers intend to assist their colleagues")
        r"livestock",
        r"grain",
        r"crop\w*",
        r"milk",
        r"(?:beef|pork|poultry|cheese|butter)",
        # fish and the rest of the food trade ("offered Caspian fish products", "Barents Sea
        # fish", "pedigree cattle")
        r"(?<!\ba\s)fish(?:\s+products)?(?!\s+out\s+of)",
        r"seafood",
        r"(?:pedigree|breeding)\s+(?:cattle|stock|livestock|animals)",
        r"vegetables",
        r"(?<!blood\s)sugar(?![-\s]coat)",
        r"(?:flax|potato|vegetable|fruit)\s+(?:growing|production|processing)",
        r"horticulture",
        r"(?:fruit|vegetable)\s+storage",
    ),
    *_cue(
        "pharmaceuticals",
        r"pharma\w*",
        r"biopharma\w*",
        r"drugs",
        r"medicines",
        r"medicinal",
        r"vaccines?",
    ),
    *_cue(
        "healthcare",
        r"medical\s+(?:services|care|equipment|tourism|products|centres?|"
        r"centers?)",
        r"healthcare",
        r"health\s+care",
        r"rehabilitation",
        r"health\s+resorts?",
        r"sanatori(?:um|a|ums)",
        r"hospitals?",
        r"medicine",
        r"cardiac\s+surgery",
        r"cardiology",
        r"surgery",
        r"doctors",
    ),
    *_cue(
        "microelectronics",
        r"micro-?electronics",
        r"semiconductors?",
        r"(?:micro)?chips?",
        r"electronics",
        r"electronic\s+(?:industry|components)",
    ),
    *_cue(
        "cable-electrical",
        r"cables?",
        r"wires?",
        r"insulation\s+materials?",
        r"lighting(?:\s+industry)?",
        r"electrical\s+(?:engineering|equipment|products)",
        r"cable\s+and\s+wire\s+products",
    ),
    *_cue(
        "rolling-stock",
        r"railcars?",
        r"rolling\s+stock",
        r"(?:railway\s+)?wagons",
        r"locomotives?",
        r"railway\s+(?:equipment|carriages|cars)",
        r"railcar\s+manufacturing",
        r"(?:electric|suburban|high-speed)\s+trains",
    ),
    *_cue(
        "public-transport",
        r"(?:trolley)?bus(?:es)?",
        r"trams?",
        r"public\s+transport",
        r"passenger\s+(?:transport|vehicles)",
        r"urban\s+transport",
        rf"passenger{_LISTED}",
    ),
    *_cue(
        "automotive",
        r"trucks?",
        r"(?:vehicle\s+)?component\s+parts(?:\s+for\s+"
        r"passenger\s+vehicles)?",
        r"(?:vehicle|car|auto)\s+(?:components|parts)",
        # vehicles of no kind, supplied: "supplies of vehicles for the next five years"
        r"(?:supplies|supply|deliveries|delivery|shipments?)\s+of\s+vehicles",
        r"automotive",
        r"automobiles?",
        r"passenger\s+cars",
        r"car\s+(?:industry|manufacturing|plants?)",
        r"machine-building",
        r"machine\s+building",
        # (machine building by its other name; its products are machinery, below, and
        # agricultural machine building farm machinery)
        r"(?<!products\sof\s)(?<!agricultural\s)mechanical\s+engineering"
        r"(?!\s+(?:products|goods|equipment|machinery|output))",
        r"auto\s+components",
        r"(?:MAZ|KAMAZ|GAZ)",
        rf"(?:cargo|freight){_LISTED}",
    ),
    *_cue(
        "machinery-equipment",
        r"machinery",
        r"quarry",
        r"fire-fighting",
        # machines for a town's services and for forests
        r"fire\s+(?:engines|trucks)",
        r"firefighting\s+(?:vehicles|equipment|machinery)",
        r"(?:road|street)\s+sweepers",
        r"snow\s*(?:ploughs|plows)",
        r"forestry\s+(?:machinery|equipment|machines|vehicles)",
        r"road-building\s+machinery",
        r"road[- ]construction\s+(?:machinery|equipment|vehicles|machines)",
        r"utilit(?:y|ies)\s+(?:machinery|vehicles|equipment|machines)",
        r"municipal\s+(?:machinery|equipment|vehicles)",
        r"(?:quarry|mining|dump|haul)\s+trucks?",
        r"(?:equipment|machinery)\s+manufacturers",
        r"engineering\s+(?:products|goods|equipment|output)",
        r"mechanical\s+engineering\s+machinery",
        r"products\s+of\s+mechanical\s+engineering",
        r"machine[- ]building",
        r"mechanical\s+engineering",
        r"quarry\s+machinery",
        r"(?:heavy-duty\s+)?(?:mining|oilfield|oil\s+extraction|extraction|drilling|"
        r"industrial|technological|processing)\s+equipment",
        rf"(?:utilit(?:y|ies)|municipal|communal|road[- ](?:construction|building)){_LISTED}",
        # "special machinery", "special and agricultural machinery"
        r"special(?:i[sz]ed)?\s+(?:machinery|vehicles|equipment|machines)",
        rf"special{_LISTED}",
    ),
    # equipment as what is supplied: "supplies of equipment", "the supply of Belarusian
    # equipment" (alone, "equipment" is weak: "equipment for hospitals")
    *_cue(
        "machinery-equipment",
        r"(?:suppl(?:y|ies)|deliver(?:y|ies)|shipments?|exports?)\s+of\s+"
        r"(?:(?:Belarusian|Belarus-made|our|modern|new)\s+)?equipment(?!\s+for\b)",
    ),
    *_cue("machinery-equipment", r"equipment", weak=True),
    *_cue("machine-tools", r"machine[- ]tools?(?:\s+building|\s+industry)?"),
    *_cue(
        "space-aviation",
        # (not room: "much space for further cooperation", "the common economic space")
        r"(?<!Soviet )(?<!outer )(?<!much )(?<!more )(?<!enough )(?<!lot of )(?<!plenty of )"
        r"(?<!economic )(?<!information )(?<!informational )(?<!common )(?<!single )"
        r"(?<!living )(?<!office )(?<!cultural )(?<!educational )(?<!humanitarian )"
        r"space(?!\s+for\b)(?:\s+(?:industry|development|exploration))?",
        r"rocket\w*",
        r"rocket\s+science",
        r"aircraft(?:\s+(?:building|construction|industry|"
        r"manufacturing))?",
        r"satellites?",
        r"aviation",
        r"aerospace",
        r"helicopters?",
    ),
    *_cue(
        "it-software",
        r"information\s+technolog(?:y|ies)",
        r"software(?:\s+products)?",
        r"artificial\s+intelligence",
        r"digitali[sz]ation",
        r"digital\s+(?:economy|technologies|transformation|platforms?)",
        r"IT",
        r"AI",
        case=True,
    ),
    *_cue(
        "science-technology",
        r"science",
        r"scientific(?:\s+and\s+technical)?",
        r"research(?:\s+and\s+development)?",
        r"R&D",
        r"academy\s+of\s+sciences",
        r"technoparks?",
        r"scientific\s+and\s+technical\s+(?:cooperation|activities|complex\w*)",
        r"(?:mutual\s+)?exchange\s+of\s+technolog(?:y|ies)",
        r"technology\s+(?:exchange|transfer)",
    ),
    *_cue(
        "construction",
        # the material, not "concrete agreements" or "concrete directions" (specific ones)
        r"concrete(?!\s+(?:agreements?|"
        r"proposals?|steps|results?|measures|actions?|decisions?|plans?|projects?|examples?|"
        r"tasks?|ideas?|areas?|directions?|deals?|contracts?|terms|figures|work|things|"
        r"mechanisms?|solutions?|issues|questions|cooperation|forms?|ways?|points?|goals?|"
        r"objectives?|targets?|outcomes?|aspects?|initiatives?|suggestions?|prospects?|"
        r"(?:and|or)\s+(?:specific|practical|tangible|mutually)))",
        r"cement",
        r"dry\s+(?:building\s+)?mix(?:es|tures)",
        r"(?<!machine\s)(?<!machine-)builders",  # (not "machine builders")
        r"building\s+materials",
        # a run of kinds before the materials: "construction and finishing materials",
        # "building, roofing and finishing materials"
        r"(?:construction|building)(?=(?:,?\s+(?:and\s+)?[a-z][\w-]*){1,3}\s+materials\b)",
        r"finishing\s+materials",
        r"construction\s+(?:projects?|services|"
        r"materials|industry|sector|companies|works|complex)",
        # (not the building of another sector's site: "construction of maintenance centers",
        # "the construction of nuclear power plants")
        r"construction\s+(?:of(?!\s+(?:the\s+|a\s+|an\s+)?(?:[\w-]+\s+){0,2}(?:cent(?:er|re)s?|"
        r"(?:power\s+)?plants?|factor(?:y|ies)|stations?|terminals?|hubs?)\b)"
        # (nor the building of a machine: "the construction of passenger vessels")
        rf"(?!{_MACHINE_AFTER_OF})|"
        r"specialists|organi[sz]ations|firms|contractors)",
        r"road\s+(?:construction|infrastructure|building)",
        r"(?:building|construction)\s+(?:complex|sector|industry)",
        r"housing\s+construction",
        r"(?:build\w*|construct\w*)\s+(?:[\w-]+\s+){0,2}?housing",
        # "build frame-panel houses", "construct wooden homes"
        r"(?:build\w*|construct\w*)\s+(?:[\w-]+\s+){0,2}(?:houses|homes|dwellings)",
        r"residential\s+(?:buildings?|construction|complex\w*|areas?)",
        r"road\s+construction\s+projects",
    ),
    *_cue(
        "housing-utilities",
        r"housing\s+and\s+(?:utilities|communal\s+services)",
        r"(?:public\s+)?utilities(?:\s+sector)?",
        r"communal\s+services",
        # a town's networks: "water supply, sewerage and heating networks"
        r"water\s+supply\s+(?:and|networks|systems)",
        r"sewerage",
        r"heating\s+(?:networks|systems)",
    ),
    *_cue(
        "service-logistics",
        r"dealer(?:ship|s)?(?:\s+cent(?:er|re)s?)?",
        r"maintenance",
        r"spare\s+parts",
        r"warranty",
        r"after-sales",
        r"service\s+cent(?:er|re)s?",
        r"logistics\s+(?:hub|cent(?:er|re)s?)",
        r"service\s+and\s+logistics",
        r"servicing",
        r"service\s+(?:network|infrastructure)",
    ),
    *_cue(
        "metals",
        r"metallurg\w*",
        r"steel(?:\s+(?:products|pipes|works))?",
        r"rolled\s+(?:metal|steel)",
        r"(?:ferrous\s+|non-ferrous\s+)?metal\s+products",
        r"metal(?:working|lurgy)",
        r"(?:non-)?ferrous\s+metals",
        # (not "copper-bottomed", "copper cable": the cable's; nickel is left out, a word
        # of Nickel, the town, and of Norilsk Nickel, the company)
        r"alumin(?:i)?um(?!\s+(?:wire|cables?))",
        r"copper(?![-\s](?:bottomed|colou?r|cables?|wires?))",
        r"titanium(?!\s+dioxide)",
    ),
    *_cue(
        "chemicals",
        r"(?:mineral\s+|potash\s+|nitrogen\s+|chemical\s+)?fertili[sz]ers?",
        r"potash",
        r"chemicals?(?:\s+(?:industry|products|plants?))?",
        r"chemistry",
        r"petrochemi\w*",
        r"plastics",
    ),
    *_cue(
        "energy",
        r"energy\s+(?:sector|cooperation|equipment|industry|security|projects?)",
        r"oil\s+(?:products|refining|and\s+gas)",
        r"gas\s+(?:supplies|supply|pipelines?)",
        r"liquefied\s+(?:natural\s+|petroleum\s+)?gas(?!\s+(?:carriers|tankers))",
        r"electricity",
        r"electric\s+power",
        r"power\s+(?:plants?|engineering|generation|stations?)",
        r"refiner(?:y|ies)",
        r"petroleum\s+products",
        r"oil\s+(?:production|extraction|fields?)",
        r"(?:oil\s+)?refining",
        r"hydrocarbons?(?:\s+raw\s+materials)?",
        r"(?:automatic\s+)?boilers?",
        r"peat",
        r"gas\s+turbines?(?:\s+units)?",
        r"gasification",
    ),
    *_cue(
        "energy",
        r"nuclear\s+(?:industry|power\s+(?:plants?|industry)|sector)",
        r"nuclear\s+technolog\w+(?!\s+(?:in|for)\s+(?:medicine|healthcare))",
    ),
    # ("energy-efficient housing" is building, not energy)
    *_cue("energy", r"energy(?!-efficien)", r"oil", r"nuclear\s+(?:power|energy)", weak=True),
    *_cue(
        "transport-logistics",
        r"freight(?!\s+(?:wagons?|cars?|carriages?|rolling\s+stock))",  # (rolling stock)
        r"cargo\s+(?:transport\w*|flows?|traffic|shipments?)",
        r"(?:transit|shipments?)\s+of\s+(?:\w+\s+)?cargo",
        r"transit",
        # "a logistics route for Belarusian goods through Far Eastern ports", "delivering
        # Belarusian cargo ... by sea from Russian ports"
        r"logistics\s+routes?",
        r"(?:through|via|from)\s+(?:[\w-]+\s+){0,3}?ports(?!\s+city)",
        r"transport\s+(?:corridors?|and\s+logistics)",
        r"(?:sea\s+)?ports?\s+of",
    ),
    *_cue("transport-logistics", r"logistics(?!\s+(?:hub|cent(?:er|re)))", r"cargo", weak=True),
    *_cue(
        "trade-finance",
        r"financial\s+instruments",
        r"financing(?:\s+mechanisms)?",
        r"leasing",
        r"joint\s+sales",
        r"sales\s+on\s+foreign\s+markets",
        r"non-resource\s+exports",
        r"credit\s+lines?",
        # "individual financial programs for the region", "with the use of new financial plans"
        r"financial\s+(?:programs?|programmes?|plans|schemes|tools|mechanisms|solutions)",
        # a network to sell through: "open a trading house in the region"
        r"trading\s+houses?",
    ),
    *_TRADE_AIMS,
    *_cue("film", r"films?", r"film\s+production", r"cinema\w*", r"filmmakers?", r"movies?"),
    *_cue(
        "education", r"inter-university", r"universit(?:y|ies)", r"students", r"training", weak=True
    ),
    *_cue(
        "education",
        r"education(?:al)?\s+(?:cooperation|exchanges?|ties|programmes|programs)",
        # educational institutions working together ("Research and educational institutions of
        # the two regions will develop cooperation"), not as those who receive something
        r"educational\s+institutions(?=[^.;]{0,80}?\b(?:cooperat|exchang|joint|partner))",
        r"(?:cooperation|exchanges?|partnerships?|ties)\s+(?:between|of|among)\s+"
        r"(?:[\w-]+\s+){0,3}?educational\s+institutions",
        r"education",
        # "expand student exchanges", "academic exchange programmes", "exchanges of students"
        # (not "youth and student exchanges": youth exchanges, one proposal of culture and youth)
        r"(?<!youth\sand\s)(?:student|academic|inter-university)\s+exchanges?",
        r"exchanges?\s+of\s+(?:students|teachers|lecturers|academics)\b(?![’'])",
        # people sent to study: "we will send our students to study here", "come to study at"
        r"(?:students?|(?:come|go|send\w*)\s+(?:[\w-]+\s+){0,3}?)to\s+study",
    ),
    *_cue(
        "culture-youth",
        r"humanitarian\s+(?:sphere|cooperation|ties|contacts|field|projects|exchanges?)",
        r"youth",
        r"young\s+(?:generation|people)",
        r"(?:children['’]s|youth|amateur)\s+creative\s+(?:groups|teams|collectives)",
        r"younger\s+generation",
        r"culture",
        r"cultural",
        r"sister[- ]cit(?:y|ies)(?:\s+ties)?",
        # "twinning agreements between municipalities", "twinned districts", "twin towns"
        r"twinning(?:\s+(?:agreements?|ties|relations))?",
        r"twinned",
        r"twin[- ](?:cit(?:y|ies)|towns?)",
        r"twin\s+(?:the\s+)?(?:towns|cities)",  # "agreed to twin the towns of Zhlobin and ..."
        r"(?<!film\s)festivals?(?!\s+of\s+(?:[\w-]+\s+){0,2}?(?:goods|products|food|films?))",
        r"patriotic\s+education",
        r"education\s+of\s+(?:the\s+)?young(?:er)?\s+(?:people|"
        r"generation)",
        r"art",
    ),
    *_cue(
        "industrial-cooperation",
        r"industrial\s+co-?operation",
        r"joint\s+ventures?",
        r"joint\s+enterprises",
        r"joint\s+production",
        r"production\s+chains",
        r"cooperation\s+(?:chains|ties)",
        r"import\s+substitution",
        r"import-substituting",
        r"production\s+co-?operation",
        r"(?:joint\s+)?assembly\s+(?:of|production|plants?|facilit\w+)",
        r"locali[sz]ation",
        r"co-?production",
        r"industrial\s+partnership",
        # the field named: "industrial collaboration", "cooperation in the field of
        # industrial production", "in the manufacturing industry", "the production sector"
        # (not a kind's: "the food manufacturing industry"; nor its output told as a fact:
        # "industrial production in the region grew by 5%")
        r"industrial\s+collaboration",
        r"(?:(?<=\bin\s)|(?<=\bof\s))industrial\s+production",
        rf"{_NO_KIND_BEFORE}manufacturing\s+industry",
        rf"{_NO_KIND_BEFORE}production\s+sector",
        r"production\s+cooperation",
        r"(?:manufacturing|industrial)\s+co-?operation(?:\s+schemes)?",
        r"industrial\s+manufacturing",
        # making things together: "a joint manufacturing base", "promoting joint products",
        # "joint development of new types of components", "component production"
        r"joint\s+manufactur\w*(?:\s+base)?",
        r"joint\s+products?",
        # (the words after it left to their own cues: "automotive components")
        r"joint\s+(?:development|design)(?=\s+of\s+(?:new\s+)?(?:[\w-]+\s+){0,4}?"
        r"(?:components|products|models|machines|equipment|vehicles)\b)",
        r"(?:production|manufactur\w*)\s+of\s+components",
        # making it there: "an assembly line at your site", "set up the production of our
        # equipment in Penza"
        r"assembly\s+(?:sites?|lines?)",
        # (to be done, not done: "MAZ launched the production of buses back in 2010")
        r"(?:(?:to|could|can|will|would|should)\s+(?:set\s+up|organi[sz]e|launch|establish)|"
        r"setting\s+up|organi[sz]ing|launching|establishing)\s+(?:the\s+)?production\s+of",
        r"components?\s+(?:production|manufactur\w*)",
        # "we could jointly produce fertilizers", "produce them together"
        r"jointly\s+(?:produc|manufactur|assembl|mak)\w*",
        r"(?:produc|manufactur|assembl|mak)\w*(?=\s+(?:\w+\s+){0,2}?together\b)",
    ),
    *_cue("industrial-cooperation", r"shipyards?", r"shipbuilding", r"ship-building"),
    *_cue(
        "industrial-cooperation",
        r"woodworking(?:\s+industry)?",
        r"(?:timber|wood)\s+processing",
    ),
    # joint work in an economic zone ("joint projects in the special economic zone")
    *_cue(
        "industrial-cooperation",
        r"(?:special|free)\s+economic\s+zones?",
        r"industrial\s+(?:parks?|zones?)",
    ),
    *_cue("industrial-cooperation", r"supply\s+of\s+components", weak=True),
]


# Where one of these is found, the sector on the right adds nothing in the same sentence.
# Financing offered with a product ("tractors on preferential leasing") serves that product.
_SUBSUMES = {
    "agricultural-machinery": {"agriculture-food", "machinery-equipment", "trade-finance"},
    "pharmaceuticals": {"healthcare"},
    "elevators": {"machinery-equipment", "trade-finance"},
    "automotive": {"machinery-equipment", "trade-finance"},
    "public-transport": {"machinery-equipment", "automotive", "trade-finance"},
    "rolling-stock": {"machinery-equipment", "trade-finance"},
    "machine-tools": {"machinery-equipment"},
}


# What joins joint production to the kind of machine it makes: "joint production of
# (modern) buses", "joint assembly of Belarusian tractors"
_OF_THE_KIND = re.compile(r"\s+(?:of|for)\s+(?:[\w-]+\s+){0,2}", re.I)


# Machinery in general adds nothing to a paragraph about a kind of machine.
_MACHINES = {"agricultural-machinery", "elevators", "automotive", "public-transport",
             "rolling-stock", "machine-tools"}  # fmt: skip


# Sentences that report the past or a standing fact, not a proposal.
_NOT_PROPOSAL = tuple(  # (one pattern each, each run only where its words are: see below)
    re.compile(p, re.I)
    for p in (
        r"\b(?:signed|held|opened|established|founded|took\s+place)\s+(?:in|on)\s+"
        r"(?:\d{4}|\d{1,2}\s)",
        # "On 7 September 2005, an agreement was signed": a past event, told as history
        r"^(?:On|In)\s+(?:\d{1,2}\s+[A-Z][a-z]+\s+)?(?:19|20)\d\d,?\s[^.]*\b(?:was|were)\s+"
        r"(?:signed|held|opened|established|founded|concluded)\b",
        r"\bremains?\s+the\s+(?:legal\s+)?basis\b",
        # what past trade owed to, or what makes up trade now: "The increase was achieved
        # thanks to the supply of ...", "Our joint energy projects account for a large share
        # of trade"
        r"\b(?:was|were|has\s+been|have\s+been)\s+(?:achieved|ensured|made\s+possible|driven)\s+"
        r"(?:(?:largely|mainly|mostly|primarily)\s+)?(?:thanks\s+to|due\s+to|owing\s+to|by)\b",
        r"\baccount(?:s|ed)?\s+for\s+(?:a|the)\s+(?:[\w-]+\s+){0,2}share\s+of\b",
        # experience the sides already have: "We already have considerable experience of
        # cooperation in mechanical engineering, agriculture and other branches"
        r"\balready\s+(?:have|has|had|gained|accumulated)\s+(?:(?:a\s+)?(?:considerable|"
        r"extensive|great|good|vast|rich|long|positive|successful|some|much)\s+)?experience\s+"
        r"(?:of|in)\s+(?:co-?operation|co-?operating|working\s+together|joint\s+work)\b",
        # cooperation the sides keep up: "We maintain comprehensive cooperation not only in
        # social spheres but also in education, healthcare, and culture"
        r"\b(?:we|they|the\s+sides|the\s+two\s+(?:sides|regions|cities))\s+"
        r"(?:already\s+|still\s+)?maintain\s+(?:\w+\s+){0,2}?(?:co-?operation|ties|contacts)\b"
        # (unless the sentence goes on to propose: "... and propose to expand cooperation in")
        r"(?![^.]*\b(?:propos|agree|plan|joint|set\s+up|expand|develop|will|intend)\w*)",
    )
)


# Ties that stand as told, in a sentence that proposes nothing: "8 thousand enterprises are
# connected by production cooperation", "ties were established in the field of transport", "a
# joint venture producing hydraulic equipment operates in Belarus", "we have about 1,000 joint
# ventures", "we mainly cooperate in manufacturing", "he visited the automobile plant"
_STANDING_TIES = re.compile(
    r"\b(?:are|is)\s+(?:already\s+)?(?:connected|linked|bound)\s+by\b|"
    r"\b(?:ties|contacts|relations)\s+(?:were|have\s+been|had\s+been)\s+established\b|"
    r"\b(?:venture|plant|company|enterprise|factory|dealership|house|cent(?:er|re)|office)\s+"
    r"(?:[\w-]+\s+){0,4}?(?:operates|is\s+operating|functions)\s+in\b|"
    r"\bwe\s+(?:already\s+)?have\s+(?:about|around|over|more\s+than|nearly|almost|some)\s+"
    r"[\d,.]+|"
    r"\bwe\s+(?:mainly|mostly|already|traditionally)\s+cooperate\b|"
    r"\bvisited\s+(?:the|a|an)\s+(?:[\w-]+\s+){0,3}?(?:plant|factory|enterprise|farm|works)\b",
    re.I,
)
# ... a word of proposing anywhere in it keeps it ("we mainly cooperate in agriculture, but
# we are interested in pharmaceuticals", "like the joint venture that operates in Minsk")
_PROPOSES = re.compile(
    r"\b(?:propos|suggest|offer|ready|willing|interest|need|invit|want|wish|would|could|can|"
    r"should|must|let|agree|plan|intend|will|expand|develop|create|set\s+up|open|launch|"
    r"similar|like)\w*",
    re.I,
)


def _not_proposal(text: str) -> bool:
    """A sentence that reports the past or a standing fact, not a proposal."""
    # (any of the patterns, each looked for only where its words are: one alternation of
    # them all was tried at every place of every sentence that raised a sector)
    if any(may_match(p, text) and p.search(text) for p in _NOT_PROPOSAL):
        return True
    return bool(_STANDING_TIES.search(text)) and not _PROPOSES.search(text)


# A sentence proposes something when it says so: "proposed", "ready to", "we can", ...
_PROPOSAL_CUE = re.compile(
    r"\b(?:propos\w*|suggest\w*|offer\w*|ready|readiness|willing|eager|keen|interest\w*|"
    r"invit\w*|could|can|should|must|need\w*|would\s+(?:\w+\s+){0,2}?like|"
    r"intend\w*|intention|goal|targets?|"
    r"(?:want|wants|wish|wishes)\s+to|let['’]?s|let\s+us|promising|"
    # a request is a proposal: "asked Belarus to help repair the heating networks", "asked
    # that young people be given places" (not a reporter's: "When asked to comment", "Asked
    # by reporters")
    r"(?<![Ww]hen\s)(?-i:ask(?:s|ed)?)\s+(?!by\b)(?:[\w-]+\s+){0,4}?(?:to|that)|"
    r"prospect\w*|areas?|priorit\w*|opportunit\w*|possibilit\w*|idea|important|importance|"
    r"attention|cooperat\w*|collaborat\w*|partner\w*|develop|developing|development|"
    r"establish|establishing|expand\w*|increase|increasing|supply(?!\s+chains?\b)|supplying|"
    r"supplies|joint|"
    r"together|focus\w*|plans?|demand|touched|discuss\w*|explor\w*|instruct\w*|agree\w*|"
    r"will|step\s+up|boost\w*|strengthen\w*|deepen\w*|set\s+up|organi[sz]\w*|launch\w*|"
    r"consider\w*|worth|first|second|third|fourth|fifth|next|topics?|projects?|"
    # an invitation is an offer: "if you wish, take a look at the models at ..."
    r"take\s+a\s+look|have\s+a\s+look|if\s+you\s+wish|opt\s+for|"
    # a request is a proposal: "asked Belarusian partners to take part in the construction"
    r"take\s+part|to\s+participate|"
    # an offer implied by praise of what is on offer: "our tractors are suitable for your
    # fields"
    r"suit(?:able|s)?\s+(?:for\s+)?(?:your|you)|"
    # the sides seeing potential in an area ("We see great potential in the chemical
    # industry"), not a region having it ("The region has a great potential")
    r"(?:see|sees|saw|seeing)\s+(?:(?:a|great|good|huge|big|significant|considerable|"
    r"enormous|serious|much|untapped|more)\s+){0,2}potential|"
    # cooperation under way is an area of cooperation too ("two assembly plants producing
    # Belarusian harvesters in your region")
    r"assembl\w*|producing)\b",
    re.I,
)


# What says a sentence is about goods traded now, in five ways: the branches of one pattern,
# each run only where its words are (see needs.py); a sentence matches if any one does.
_GOODS_SENTENCE_BRANCHES = [
    r"\b(?:key|main|major|principal|primary|top)\s+(?:export|import)",
    r"\b(?:exports?|imports?)\s+(?:were|are|was|included|include|consisted)\b",
    # ("supplies us with …", "supplied your region with …"; not "supplies of elevators …
    # together with Mogilevliftmash", a proposal made with an enterprise)
    # (who is supplied is a few words: the lazy run is bounded, else each "supplied" of a
    # long sentence read to its end)
    r"\b(?:supplies|supplied|sells|sold|ships)\s+(?!of\b)[A-Z][\w’' ]{0,60}?(?<!together)\s+with\b",
    r"\b(?:purchase|purchases|purchased|buy|buys|bought|import)\s+(?:large\s+volumes\s+of|"
    r"a\s+(?:wide\s+)?range\s+of)\b",
    # what a side sells the other now, its subject and verb first and nothing proposed or
    # agreed in the sentence: "Omsk Oblast supplies oil products, polymer goods and grain to
    # Belarus" (drafted as two proposals); not "MTZ supplies tractors to the region, and the
    # sides agreed to open a service centre"
    r"^(?![^.]*\b(?:propos(?:e[sd]?|ing|als?)|suggest(?:s|ed|ing|ions?)?|agree[sd]?|agreed|"
    r"agreement|ready|could|would|should|wants?|wanted|wish(?:es|ed)?|plans?\s+to|planned\s+to|"
    r"offer(?:s|ed)?|invit(?:e[sd]?|ation)|intend(?:s|ed)?|call(?:s|ed)?\s+for)\b)(?:the\s+)?(?:[\w’'-]+\s+){1,3}?(?:supplies|exports|sells|ships)\s+"
    r"(?!of\b)(?:(?!,\s+(?:and|but|while|whereas)\s)[^.;])*?\bto\s+"
    r"(?:Belarus|Russia|the\s+(?:region|republic|country|oblast))\b",
]
_GOODS_SENTENCE_PARTS = [re.compile(b, re.I) for b in _GOODS_SENTENCE_BRANCHES]
_GOODS_SENTENCE = re.compile("|".join(_GOODS_SENTENCE_BRANCHES), re.I)


def _goods_sentence(text: str) -> bool:
    """Whether _GOODS_SENTENCE matches somewhere in ``text`` (first: whether it has a word
    of any branch, one look for most sentences)."""
    return may_match(_GOODS_SENTENCE, text) and any(
        may_match(p, text) and p.search(text) for p in _GOODS_SENTENCE_PARTS
    )


# A drafted status is ``proposed`` unless the sentence says the sides agreed or signed, or
# that the work is under way; it is marked as from the article until a person confirms it.
_STATUS = (
    # (not "agreed to consider opening …": what they agreed is to think about it)
    ("agreed", re.compile(r"\b(?:agreed(?!\s+to\s+(?:consider|discuss|study|explore|examine|"
                          r"look\s+into|think\s+about|work\s+out))|signed|"
                          r"reached\s+an?\s+agreement)\b", re.I)),
    ("in-progress", re.compile(r"\b(?:under\s*way|(?:is|are)\s+being\s+(?:implemented|built|"
                               r"carried\s+out|delivered)|under\s+construction)\b", re.I)),
)  # fmt: skip


# A status's words in a clause about something else are not the proposal's: another place's
# like project ("similar to the one under construction in Kazan") or the past ("signed a
# roadmap last year; now they proposed ...")
_ELSEWHERE = re.compile(
    r"\b(?:similar|like\s+the\s+one|the\s+same\s+as|last\s+year|previous\s+year|earlier|"
    r"previously|ago|in\s+(?:19|20)\d\d)\b|"
    # a clause of the place it goes to: "elevators to Omsk, where a renovation programme is
    # under way" (the programme is under way, not the deliveries proposed); not "agreed on a
    # project where MAZ will assemble buses" (the clause the status stands in)
    r"\A(?:[,;]|\s[-–—])?\s*(?:a\s+(?:city|town|region|republic)\s+)?where\b",
    re.I,
)
_STATUS_CLAUSE = re.compile(r"[;:]|,\s|\.\s|\s[-–—]\s")


def _status(text: str) -> str:
    """The status a sentence tells: the first of _STATUS whose words stand in a clause not
    about something else; ``proposed`` otherwise."""
    cuts = [m.start() for m in _STATUS_CLAUSE.finditer(text)]
    for name, rx in _STATUS:
        for m in rx.finditer(text):
            at = bisect.bisect_left(cuts, m.start())
            start = cuts[at - 1] if at else 0
            end = cuts[at] if at < len(cuts) else len(text)
            if not _ELSEWHERE.search(text[start:end]):
                return name
    return "proposed"


# "partnerships in the woodworking and pharmaceutical industries, construction and
# transport": in a list of areas, a bare area noun names a sector (alone, "construction" or
# "transport" may mean anything)
_AREA_LIST = re.compile(
    r"\b(?:partnerships?|co-?operation|co-?operate|interaction|collaboration|areas?|fields?|"
    r"spheres?|sectors?|directions?|avenues?|"
    # ("work in/on": not "the work of the commission, ...")
    r"work(?:ing)?(?:\s+together)?(?=\s+(?:in|on)\b))\s*"
    # (with whom, set off by commas: "co-operation, with Karelia, such as")
    r"(?:,\s+with\s+(?:the\s+)?(?-i:[A-Z])[\w'’-]*(?:\s+(?-i:[A-Z])[\w'’-]*){0,3},\s*)?\s"
    # ("cooperate further in", "cooperation, above all, in")
    r"(?:(?:further|more|closely|actively|also|above\s+all|primarily|mainly),?\s+)?"
    r"(?:such\s+as|including|like|in|of|on)\s+"
    r"(?P<list>[^.;:!?“”\"()]{3,300})",
    re.I,
)
_AREA_NOUNS = (
    # (not "the construction of passenger vessels": a machine's building, as a cue says)
    (
        "construction",
        re.compile(
            rf"\b(?:construction(?!{_MACHINE_OF})|civil\s+engineering)\b",
            re.I,
        ),
    ),
    (
        "transport-logistics",
        re.compile(r"\b(?:transport|logistics)\b(?!\s+(?:vehicles|equipment))", re.I),
    ),
    ("agriculture-food", re.compile(r"\bagricultur(?:e|al\s+sector)\b", re.I)),
    (
        "industrial-cooperation",
        # (forestry as an area is the timber industry's: the labels count it as woodworking;
        # "forestry machinery" is a cue of machinery, found first)
        re.compile(
            r"\b(?:woodworking|(?:wood|timber)\s+processing|forestry|"
            r"(?:forest|timber)\s+(?:industry|sector|complex))\b",
            re.I,
        ),
    ),
    # a town's water as an area: "water provision", "water supply" (its networks are a cue)
    (
        "housing-utilities",
        re.compile(r"\bwater\s+(?:provision|supply|treatment)\b", re.I),
    ),
    # machine building ("engineering" alone, in a list of areas)
    ("machinery-equipment", re.compile(r"(?<!civil\s)\bengineering\b", re.I)),
    ("energy", re.compile(r"\benergy\b", re.I)),
    ("healthcare", re.compile(r"\b(?:healthcare|health\s+care|medicine|health)\b", re.I)),
    ("science-technology", re.compile(r"\bscience\b", re.I)),
    ("education", re.compile(r"\beducation\b", re.I)),
    # (tourism has no sector of its own, and is not culture)
    ("culture-youth", re.compile(r"\b(?:culture|sports?)\b", re.I)),
)


# "in the manufacturing, agricultural and transport industries", "the construction and energy
# sectors": a run of kinds before the word for branches of the economy names each one's sector
# (a kind's word whole: "machine-building" is not building)
_KINDS_OF_INDUSTRY = re.compile(
    r"\b(?P<list>(?:[\w-]{1,30},\s+){0,6}[\w-]{1,30},?\s+(?:and|or)\s+[\w-]{1,30})\s+"
    r"(?:industries|sectors|spheres|branches)\b",
    re.I,
)
# ... and one kind before the singular: "cooperation in the industrial sphere", "the energy
# sector", "the construction industry"
_ONE_KIND = re.compile(
    r"\b(?:the|this|our|your)\s+(?P<list>[\w-]{1,30})\s+(?:sphere|sector|industry|branch)\b",
    re.I,
)
_FORMULA_TRADE = re.compile(r"\b(?:trade|econom\w*|business|investment)\b", re.I)
_KIND_ADJECTIVES = (
    (
        "industrial-cooperation",
        re.compile(r"(?<![\w-])(?:manufacturing|industrial|processing)\b", re.I),
    ),
    (
        "agriculture-food",
        re.compile(r"(?<![\w-])(?:agricultural|agrarian|agro-industrial)\b", re.I),
    ),
    ("transport-logistics", re.compile(r"(?<![\w-])transport\b", re.I)),
    ("construction", re.compile(r"(?<![\w-])(?:construction|building)\b", re.I)),
    ("energy", re.compile(r"(?<![\w-])(?:energy|power|fuel)\b", re.I)),
    ("chemicals", re.compile(r"(?<![\w-])(?:chemical|petrochemical)\b", re.I)),
    ("healthcare", re.compile(r"(?<![\w-])(?:medical|healthcare)\b", re.I)),
    ("culture-youth", re.compile(r"(?<![\w-])cultural\b", re.I)),
)


def _area_list_matches(
    sentence: str, found: list[tuple[str, int, int, bool]]
) -> list[tuple[str, int, int, bool]]:
    """Sectors named by bare area nouns in a list of areas (not where a phrase already
    found covers the word), and by the kinds in a list of industries."""
    out: list[tuple[str, int, int, bool]] = []
    runs = [
        *(_KINDS_OF_INDUSTRY.finditer(sentence) if may_match(_KINDS_OF_INDUSTRY, sentence) else ()),
        *(_ONE_KIND.finditer(sentence) if may_match(_ONE_KIND, sentence) else ()),
    ]
    for m in runs:
        if _FORMULA_TRADE.search(m.group("list")):
            continue  # "the trade, economic and cultural spheres": the formula (see _FORMULA)
        for sector, kind in _KIND_ADJECTIVES:
            if m.re is _ONE_KIND and sector == "transport-logistics":
                continue  # ("a project in the transport sector": buses, or freight)
            for w in kind.finditer(sentence, m.start("list"), m.end("list")):
                # (a weak cue's word, "energy", is named here)
                spans = [f for f in (*found, *out) if not f[3]]
                if not any(a < w.end() and w.start() < b for _s, a, b, _w in spans):
                    out.append((sector, w.start(), w.end(), False))
    for m in _AREA_LIST.finditer(sentence):
        if not (("," in m.group("list")) or (" and " in m.group("list"))):
            continue  # one noun is no list
        for sector, noun in _AREA_NOUNS:
            for w in noun.finditer(sentence, m.start("list"), m.end("list")):
                if not any(a < w.end() and w.start() < b for _s, a, b, _w in (*found, *out)):
                    out.append((sector, w.start(), w.end(), False))
    return out


def sector_matches(sentence: str) -> list[tuple[str, int, int, bool]]:
    """(sector, start, end, weak) for each sector phrase in ``sentence``: longest first,
    without overlaps, skipping words that are part of a proper name ("State Medical
    University")."""
    return _sector_matches(sentence, _cues_for(sentence))


# The diplomatic formula "trade, economic, scientific and cultural cooperation" (ties,
# relations, contacts...): a run of such words, one of them trade or the economy, ending in
# what relates the sides. It names no area anyone proposed: its science and culture are not
# sectors (its trade and economy never were).
_FORMULA_WORD = (
    r"(?:trade|economic|economy|business|investment|industrial|scientific|science|technical|"
    r"technological|engineering|humanitarian|cultural|culture|educational|interregional)"
)
_FORMULA_NOUN = (
    r"\s+(?:co-?operation|ties|links|relations|contacts|interaction|partnership|spheres|fields|"
    r"areas|domains|dimensions)\b"
)
_FORMULA = re.compile(
    # (at most eight words after the first: an unbounded run made a long list of them
    # quadratic to read)
    # (", -" where a page lost the word before a hyphen: "on trade, -technical and cultural")
    rf"\b{_FORMULA_WORD}(?:(?:\s*,\s*(?:-\s*)?|\s*-\s*|\s+and\s+|\s*,\s*and\s+){_FORMULA_WORD}){{1,8}}"
    rf"{_FORMULA_NOUN}",
    re.I,
)
# Where the run ends: the last word and its noun ("economic cooperation"), which every match
# of _FORMULA holds. Only a sentence that has it is read for the run (tried from each word of
# a long run of "trade, trade, ...", the pattern was most of such a sentence's time).
_FORMULA_END = re.compile(rf"{_FORMULA_WORD}{_FORMULA_NOUN}", re.I)
# ... and after a document's "cooperation in": "the plan of cooperation in trade, economy,
# science and a humanitarian sphere for 2013" (the plan's title, not areas anyone proposed)
_FORMULA_AFTER = re.compile(
    r"\b(?:plan|agreement|programme|program|road\s?map|memorandum|treaty|accord)\s+(?:of|on|for)\s+"
    r"(?:the\s+)?(?:co-?operation|interaction)\s+(?:in|on)\s+(?:the\s+)?"
    rf"{_FORMULA_WORD}(?:(?:\s*,\s*|\s+and\s+|\s*,\s*and\s+)(?:(?:a|the)\s+)?{_FORMULA_WORD}){{1,8}}"
    r"(?:\s+(?:spheres?|fields?|areas?|domains?))?",
    re.I,
)
_FORMULA_SECTORS = {"science-technology", "culture-youth"}
# A run of kinds before "potential": what the sides have, not an area anyone proposed ("greater
# use of the industrial, scientific, technological and human potential of our sides")
# (and so is a run of kinds before "activity": "enjoys a high level of business, cultural and
# public activity", praise of a region)
_POTENTIAL = re.compile(
    r"\b(?:[\w-]{1,30},\s+){1,6}(?:[\w-]{1,30}\s+){0,2}(?:and\s+)?[\w-]{1,30}\s+"
    r"(?:potential|activity)\b"
)


_TRADE_OR_ECONOMY = re.compile(r"\b(?:trade|econom)", re.I)
# (compiled once, for find_enterprises: read for every sentence near a proposal)
_LISTED_NAME = re.compile(r"[^,]+?(?=,|\s+and\s+|$)")
_AND_FIRST = re.compile(r"^\s*(?:and\s+)?")
_OPEN_QUOTES = re.compile(r"[«\"“]")


def _outside_formulas(
    sentence: str, found: list[tuple[str, int, int, bool]]
) -> list[tuple[str, int, int, bool]]:
    """``found`` without the science and culture of a diplomatic formula (see _FORMULA)."""
    spans = [
        (m.start(), m.end())
        for formula in (_FORMULA, _FORMULA_AFTER)
        if formula is not _FORMULA or _FORMULA_END.search(sentence)
        for m in formula.finditer(sentence)
        if _TRADE_OR_ECONOMY.search(m.group())
    ]
    # ("the industrial, scientific and human potential of our sides", "cultural activity")
    if "potential" in sentence or "activity" in sentence:
        spans += [(m.start(), m.end()) for m in _POTENTIAL.finditer(sentence)]
    return [
        f
        for f in found
        if f[0] not in _FORMULA_SECTORS or not any(a <= f[1] and f[2] <= b for a, b in spans)
    ]


def _sector_matches(sentence: str, cues: list[Cue]) -> list[tuple[str, int, int, bool]]:
    """sector_matches, given the cues that can match in the sentence."""
    candidates: list[tuple[int, int, Cue]] = []
    for cue in cues:
        for m in cue.pattern.finditer(sentence):
            candidates.append((m.start(), m.end(), cue))
    candidates.sort(key=lambda c: (-(c[1] - c[0]), c[0]))
    taken = Taken(len(sentence))
    around = _Around(sentence)
    out: list[tuple[str, int, int, bool]] = []
    for start, end, cue in candidates:
        if not taken.claim(start, end):
            continue
        word = sentence[start:end]
        in_name = (
            word[:1].isupper()
            and bool(cue.pattern.flags & re.I)
            and start > 0
            and not around.ends_with(start, '.!?“"')
            and not word.isupper()
            and "liftmash" not in word.lower()
        )
        if in_name and _in_proper_name(around, start, end):
            continue
        out.append((cue.sector, start, end, cue.weak))
    return sorted(out, key=lambda o: o[1])


_SPACES = re.compile(r"\s*")
_WORD_RUN = re.compile(r"[\w-]*")
_CAPITAL_AT_WORD = re.compile(r"\b[A-Z]")
_CAPITAL_NEXT = re.compile(r"(?:of\s+|and\s+)?[A-Z]")


class _Around:
    """What comes just before or after a place in a sentence, found without slicing off
    everything before it (one slice per match made a long sentence quadratic). Text before a
    place is read from the sentence reversed, made once, with the same character classes
    (``\\s`` is exactly what ``str.strip`` strips)."""

    def __init__(self, sentence: str) -> None:
        self.text = sentence
        self._reversed: str | None = None

    @property
    def reversed(self) -> str:
        if self._reversed is None:
            self._reversed = self.text[::-1]
        return self._reversed

    def _back(self, pattern: re.Pattern[str], at: int) -> int:
        """Where the run of ``pattern`` characters ending at ``at`` starts."""
        n = len(self.text)
        m = pattern.match(self.reversed, n - at)
        return at - (m.end() - m.start()) if m else at

    def stripped(self, at: int) -> int:
        """``len(text[:at].rstrip())``."""
        return self._back(_SPACES, at)

    def ends_with(self, at: int, chars: str) -> bool:
        """Whether ``text[:at]``, trailing spaces stripped, ends with one of ``chars``."""
        end = self.stripped(at)
        return end > 0 and self.text[end - 1] in chars

    def word_start(self, at: int) -> int:
        """Where the run of word characters and hyphens ending at ``at`` starts."""
        return self._back(_WORD_RUN, at)


class _CueIndex(Struct):
    """The cues by the words they need (see needs.py), to pick those worth running."""

    always: list[int]  # cues that need no word (none, as the lexicon stands)
    finder: re.Pattern[str]  # finds the case-insensitive cues' words in a lower-cased text
    by_word: dict[str, list[int]]  # such a word -> the cues needing it or a word inside it
    by_cased_word: list[tuple[str, list[int]]]  # the case-sensitive cues' words
    # each cue's other sets of words, one of each of which it needs (needs.needed_sets):
    # "trade houses" needs "house" as well as "trade" (a sentence full of trade, and no
    # house, ran every cue of trade)
    also: list[tuple[bool, tuple[tuple[str, ...], ...]]]  # (case-insensitive, the sets)


_CUE_INDEX: _CueIndex | None = None


def _cue_index() -> _CueIndex:
    """Made on first use (reading the patterns takes a few milliseconds)."""
    global _CUE_INDEX
    if _CUE_INDEX is None:
        always: list[int] = []
        needing: dict[str, list[int]] = {}
        cased: dict[str, list[int]] = {}
        for i, cue in enumerate(CUES):
            words = needed_words(cue.pattern)
            if not words:
                always.append(i)
            for word in sorted(words or ()):
                (needing if cue.pattern.flags & re.I else cased).setdefault(word, []).append(i)
        by_word = {
            word: sorted({i for w, cues in needing.items() if w in word for i in cues})
            for word in needing
        }
        also = [
            (
                bool(cue.pattern.flags & re.I),
                tuple(
                    tuple(sorted(words))
                    for words in needed_sets(cue.pattern)
                    if words != needed_words(cue.pattern)
                ),
            )
            for cue in CUES
        ]
        _CUE_INDEX = _CueIndex(
            always, words_finder(list(needing)), by_word, list(cased.items()), also
        )
    return _CUE_INDEX


def _cues_for(sentence: str) -> list[Cue]:
    """The cues that can match in ``sentence``, in the order of CUES (which breaks ties between
    matches of one length and place). A hundred and sixty patterns run over every sentence
    were most of the time spent on a long article; a cue whose words the sentence lacks
    cannot match, and finding the words is far quicker than running the patterns."""
    index = _CUE_INDEX or _cue_index()
    low = lowered(sentence)
    words = index.finder.findall(low)
    cased = [cues for word, cues in index.by_cased_word if word in sentence]
    if not words and not cased and not index.always:
        return []
    wanted = set(index.always)
    for word in set(words):
        wanted.update(index.by_word[word])
    for cues in cased:
        wanted.update(cues)
    picked = []
    for i in sorted(wanted):
        icase, sets = index.also[i]
        text = low if icase else sentence
        if all(any(w in text for w in words) for words in sets):
            picked.append(CUES[i])
    return picked


def _in_proper_name(around: _Around, start: int, end: int) -> bool:
    """True when the capitalised words at start..end sit inside a run of capitalised words
    (an institution's name), not at the start of a sentence or a quote."""
    sentence = around.text
    # before = sentence[:start].rstrip(); prev_cap: before ends in a word that has a capital
    # at a word boundary (r"\b[A-Z][\w-]*$"), unless that word opens the sentence or follows
    # a stop, colon or quote (r"(?:^|[.!?:;“\"]\s*)[A-Z][\w-]*$").
    b = around.stripped(start)
    r = around.word_start(b)
    prev_cap = bool(_CAPITAL_AT_WORD.search(sentence, r, b)) and not (
        "A" <= sentence[r] <= "Z" and (r == 0 or around.ends_with(r, '.!?:;“"'))
    )
    if prev_cap:
        return True
    spaces = _SPACES.match(sentence, end)  # sentence[end:].lstrip() (matches always)
    after = spaces.end() if spaces else end
    return bool(_CAPITAL_NEXT.match(sentence, after))


_ORG_SUFFIX = (
    r"University|Works|Plant|Factory|Ministry|Academy\s+of\s+Sciences|Institute|Holding|"
    r"Group|Bank|Corporation|Association|Company|Concern|Agency|Committee|Combine"
)


# The longest word read as part of a name. A name's words are matched possessively and at
# most this long: a word followed by a space cannot end anywhere else, and without a bound a
# run like "Ab-Ab-Ab-..." (a new word at every hyphen) is read again from each hyphen to its end.
_NAME_WORD_MAX = 64


_ORG_NAME = re.compile(
    rf"\b((?:(?:[A-Z][\w’'&-]{{0,{_NAME_WORD_MAX}}}+|of|and|the|for)\s+){{0,6}}?(?:{_ORG_SUFFIX})"
    # "Development Bank of the Republic of Belarus", "University of Informatics and ..."
    r"(?:\s+of\s+(?:the\s+)?[A-Z][\w-]*(?:\s+(?:and\s+|of\s+(?:the\s+)?)?[A-Z][\w-]*){0,4})?)\b"
)


_ORG_BEFORE_KIND = re.compile(
    rf"\b([A-Z][\w’'&-]{{1,{_NAME_WORD_MAX}}}+(?:[- ][A-Z][\w’'&-]{{1,{_NAME_WORD_MAX}}}+)?)\s+"
    r"(?:company|group(?:\s+of\s+companies)?|factory|"
    r"plant|holding|enterprise|concern|production\s+facilities|works|joint\s+venture)\b"
)  # (the plain form backtracked over every hyphen of a long hyphenated run: cubic)


# "the Belarusnafta oil company", "the Gomel chemical plant": a one-word name, then what the
# enterprise makes or does, then what it is
_ORG_BEFORE_TRADE_KIND = re.compile(
    rf"\b([A-Z][\w’'&-]{{1,{_NAME_WORD_MAX}}}+)\s+"
    r"(?:oil(?:\s+and\s+gas)?|gas|chemical|petrochemical|engineering|machine-building|"
    r"automobile|automotive|tractor|mining|steel|metallurgical|pharmaceutical|trading|energy|"
    r"construction|agricultural|food|dairy|meat|textile|woodworking|instrument-making|"
    r"shipbuilding|electronics|optical|glass|cement|tyre|tire)\s+"
    r"(?:company|factory|plant|holding|enterprise|concern|works|combine)\b"
)


_ORG_AFTER_COUNTRY = re.compile(
    r"\b(?:Belarus|Russia)['’]s?\s+([A-Z][\w’'&-]+(?:\s+[A-Z][\w’'&-]+)?)"
)


_ORG_LIST = re.compile(
    r"\b(?:enterprises|companies|plants|factories|manufacturers)\s+(?:such\s+as|like|including)\s+"
    r"((?:[A-Z][\w’'&-]+(?:\s+[A-Z][\w’'&-]+)?(?:,\s*|\s+and\s+))+(?:others|[A-Z][\w’'&-]+))"
)


# "NPO Splav", "OAO Planar", "JSC Integral": a legal form before the name is part of it
_ORG_FORM = re.compile(
    r"\b((?:NPO|OAO|OJSC|JSC|PJSC|CJSC|LLC|SPA|SSPA|NPP|ZAO|PAO|AO)\s+[«\"“]?[A-Z][\w-]+"
    r"(?:\s+[A-Z][\w-]+){0,2}|"
    # or after it: "Sibelektroprivod LLC"
    rf"[A-Z][\w-]{{1,{_NAME_WORD_MAX}}}+(?:\s+[A-Z][\w-]{{1,{_NAME_WORD_MAX}}}+)?\s+"
    r"(?:LLC|OJSC|JSC|PJSC|CJSC|Ltd)\b)"
)


_ORG_WORD = re.compile(
    r"\b([A-Z][a-z]*(?:(?:mash|prom|stroy|neft|nafta|khim|energo|avto|agro|med|pharm|zavod|"
    r"tekh|company|bank)[a-z]*|kali))\b"  # "Belteleradiocompany", "Belarusbank", "Uralkali"
    r"(?<!sk)"  # (a town's name in "-sk" is no enterprise's: "Petrozavodsk", "Neftekamsk")
)


# A word that looks like an enterprise's ("-mash-", "-prom-") but is a surname: after a first
# name or an initial, with a surname's ending ("Vladimir Semashko said")
_SURNAME_AFTER_NAME = re.compile(
    r"\b(?:[A-Z][a-z]+|[A-Z]\.)\s+[A-Z][a-z]+(?:ko|ov|ova|ev|eva|in|ina|sky|skiy|ich|uk)\Z"
)


_NOT_ORGS = {
    "belta", "tass", "usa", "eaeu", "cis", "eu", "it", "ai", "rub", "usd", "r&d", "the",
    "belarus", "russia", "union state", "soviet union", "russian federation",
    "belarusian", "russian", "soviet", "cnc", "gdp", "vat", "led", "un", "uk", "nato", "sco",
    "brics", "csto", "ussr", "ict", "hr", "ceo", "dna", "rna", "pcr", "covid", "mri", "gps",
    "npo", "oao", "jsc", "ojsc", "pjsc", "cjsc", "llc", "ltd", "urals", "siberia", "far east",
    "minsk", "moscow", "brest", "gomel", "grodno", "vitebsk", "mogilev", "kazan", "agriculture",
    "working group", "joint working group", "expert group",
    # ("the Belarusian Armed Forces": the army, no enterprise)
    "armed", "armed forces",
    # ("Our holding company Belstankoinstrument": whose, not who)
    "our", "your", "their", "its", "his", "her", "this", "that", "these", "those",
}  # fmt: skip
# "the Belagro expo", "the Innoprom exhibition": an event, not an enterprise
_EVENT_AFTER = re.compile(r"\s*(?:expo|exhibition|fair|festival|show)\b", re.I)


_ORG_PATTERNS = (
    _ORG_NAME,
    _ORG_BEFORE_KIND,
    _ORG_BEFORE_TRADE_KIND,
    _ORG_AFTER_COUNTRY,
    _ORG_LIST,
    _ORG_WORD,
    _ORG_FORM,
)
# "Chairman of the State Property Committee": a person's post, not an enterprise
_POST = re.compile(
    r"^(?:Chairman|Chairwoman|Chairperson|Minister|Deputy|Head|Director|Governor|President|"
    r"Ambassador|Chief|Rector|CEO)\b"
)
# "the Department of Sport and Tourism of Brest Regional Executive Committee": a government's
# body, not an enterprise (ministries are left in: a report may name one as a party)
_GOVERNMENT_BODY = re.compile(r"\b(?:Executive\s+Committee|Department|Administration)\b", re.I)
# (and a preposition that opens the sentence: "At the Krasnoye Sormovo Plant, ...")
_LEADING_SMALL_WORDS = re.compile(r"^(?:(?:the|of|and|for|at|in|on|from|with|by)\s+)+", re.I)
_TWO_CAPITALS = re.compile(r"[A-Z]{2,}")
_MIXED_CAPS = re.compile(r"[A-Z][a-z]+[A-Z]{2,}")
_NAME_OWNER = re.compile(r"([A-Z]\w+)['’]s?\s+(?=[A-Z])")


# "MAZ", "BelOMO": a word of letters with a capital after the first. That capital is looked
# for ahead, then the word is taken whole (possessive): the plain form,
# [A-Z][A-Za-z]*[A-Z][A-Za-z]*, tried every split of a long run of capitals.
_CAPS_WORD = re.compile(r"\b([A-Z](?=[a-z]*[A-Z])[A-Za-z]*+)\b")


# Names read from one sentence at most. A real sentence names a handful; a "sentence" naming
# hundreds is a list or run-on text, and comparing every name with every other is quadratic.
_MAX_NAMES = 100


def _short_form(around: _Around, at: int, end: int) -> bool:
    r"""Whether at..end is in brackets right after a word: "Minsk Tractor Works (MTZ)". (The
    test r"\w\s*\($" on the text before ``at``, without slicing it.)"""
    sentence = around.text
    if not sentence.startswith(")", end):
        return False
    paren = at - 1
    if paren >= 0 and sentence[paren] == "\n":  # "$" also matches before a final newline
        paren -= 1
    if paren < 0 or sentence[paren] != "(":
        return False
    word = around.stripped(paren)
    return word > 0 and (sentence[word - 1].isalnum() or sentence[word - 1] == "_")


_AND = re.compile(r"\s+and\s+(?:the\s+)?")


def _stands_alone(name: str) -> bool:
    """Whether ``name`` is an enterprise's whole name on its own evidence: a short form in
    capitals ("MAZ", "BelAZ"), a legal form and name ("NPO Splav"), or a listed name."""
    short = _CAPS_WORD.fullmatch(name) and (
        (len(name) >= 3 and name.isupper()) or _MIXED_CAPS.match(name)
    )
    return bool(
        short
        or _ORG_FORM.fullmatch(name)
        or any(at == 0 and known == name for at, known in known_enterprises(name))
    )


def _split_pairs(found: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """A name read as one, "MAZ and Ufa Tram and Trolleybus Plant", is two when what comes
    before its first "and" is an enterprise's name on its own (a name may hold "and":
    "Institute of Mechanics and Power Engineering")."""
    out: list[tuple[int, str]] = []
    for at, name in found:
        m = _AND.search(name)
        if m and _stands_alone(name[: m.start()]) and name[m.end() :][:1].isupper():
            out += [(at, name[: m.start()]), (at + m.end(), name[m.end() :])]
        else:
            out.append((at, name))
    return out


def find_enterprises(sentence: str, *, bare_capitals: bool = True) -> list[str]:
    """Enterprises and institutions named in a sentence, in order, without duplicates.
    ``bare_capitals``: also a word in capitals that nothing else marks as an enterprise
    ("MAZ", "BelOMO"; but also "WTO", "FIFA"): only where the sentence proposes something."""
    around = _Around(sentence)
    found: list[tuple[int, str]] = []
    patterns = [p for p in _ORG_PATTERNS if may_match(p, sentence)]  # the others cannot match
    for m in _ORG_NAME.finditer(sentence) if _ORG_NAME in patterns else ():
        name = _LEADING_SMALL_WORDS.sub("", m.group(1)).strip()
        if len(name.split()) >= 2 or _TWO_CAPITALS.match(name):
            found.append((m.start(1), name))
    for pattern in (_ORG_BEFORE_KIND, _ORG_BEFORE_TRADE_KIND, _ORG_AFTER_COUNTRY):
        for m in pattern.finditer(sentence) if pattern in patterns else ():
            # ("The Belarusian company Amkodor": "Belarusian", then no name at all)
            found.append((m.start(1), _LEADING_SMALL_WORDS.sub("", m.group(1))))
    for m in _ORG_LIST.finditer(sentence) if _ORG_LIST in patterns else ():
        for part in _LISTED_NAME.finditer(m.group(1)):
            name = _AND_FIRST.sub("", part.group())
            if name and name != "others":
                found.append((m.start(1) + part.start(), name.strip()))
    for m in _ORG_WORD.finditer(sentence) if _ORG_WORD in patterns else ():
        if not _SURNAME_AFTER_NAME.search(sentence[max(0, m.start(1) - 30) : m.end(1)]):
            found.append((m.start(1), m.group(1)))
    for m in _ORG_FORM.finditer(sentence) if _ORG_FORM in patterns else ():
        found.append((m.start(1), _OPEN_QUOTES.sub("", m.group(1))))
    found += [
        (at, name)
        for at, name in known_enterprises(sentence)
        if not _short_form(around, at, at + len(name))
    ]  # "Minsk Tractor Works (MTZ)": the short form is not a second enterprise
    for m in _CAPS_WORD.finditer(sentence) if bare_capitals else ():  # MAZ, BelOMO
        if _short_form(around, m.start(1), m.end(1)):
            continue  # "Minsk Tractor Works (MTZ)": the short form of a name just given
        if (len(m.group(1)) >= 3 and m.group(1).upper() == m.group(1)) or _MIXED_CAPS.match(
            m.group(1)
        ):
            found.append((m.start(1), m.group(1)))
    found = [(at, n) for at, n in found if not _EVENT_AFTER.match(sentence, at + len(n))]
    names: list[tuple[str, str]] = []  # (name, folded)
    for _, name in _split_pairs(sorted(found)[:_MAX_NAMES]):
        name = name.strip(" ,.’'")
        owner = _NAME_OWNER.match(name)
        if owner and (owner.group(1) in ("Belarus", "Russia") or find_region(owner.group(1))):
            name = name[owner.end() :]
        folded = fold(name)
        if folded in _NOT_ORGS or find_region(name) or len(name) < 2 or _POST.match(name):
            continue
        if _GOVERNMENT_BODY.search(name):
            continue
        if any(_words_of(folded, f) for _, f in names):  # the same name, or part of one
            continue
        names = [(n, f) for n, f in names if not _words_of(f, folded)] + [(name, folded)]
    return [n for n, _ in names]


def _words_of(part: str, name: str) -> bool:
    """Whether ``part`` is ``name`` or whole words of it ("Minsk Tractor" of "Minsk Tractor
    Works"; not "maz" of "kamaz": MAZ beside KAMAZ was dropped)."""
    at = name.find(part)
    while at >= 0:
        end = at + len(part)
        if (at == 0 or not name[at - 1].isalnum()) and (
            end == len(name) or not name[end].isalnum()
        ):
            return True
        at = name.find(part, at + 1)
    return False


# What separates the items of a list: "buses, trucks and quarry machines" are three goods
_ITEM_BREAK = re.compile(r"[,;:.]|\band\b|\bas\s+well\s+as\b|\bor\b")


def _same_item(sentence: str, a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Whether two cues are in one item of a list (one noun phrase: "MAZ buses",
    "tractors on preferential leasing"), not in items of their own."""
    (_, e1), (s2, _) = sorted((a, b))
    return e1 >= s2 or not _ITEM_BREAK.search(sentence, e1, s2)


def _sectors_of(
    sentence: str, found: list[tuple[str, int, int, bool]], paragraph_sectors: set[str]
) -> list[tuple[str, int, int]]:
    """The sectors a sentence raises: weak cues only where nothing specific is said in the
    sentence or its paragraph, and no sector another one subsumes in the same item (in a
    list of goods each item is its own: "buses, trucks, quarry machines")."""
    strong = [(sector, start, end) for sector, start, end, weak in found if not weak]
    named = {sector for sector, _, _ in strong}
    # where the cues are that subsume each sector, in text order: only the nearest one on
    # each side of a cue can be in its item (a farther one has the nearer between them)
    subsumed_by: dict[str, list[tuple[int, int]]] = {}
    for o, a, b in strong:
        for other in _SUBSUMES.get(o, ()):
            subsumed_by.setdefault(other, []).append((a, b))
    listed = any(o in _MACHINES for o in named)  # a kind of machine beside this one
    sectors: list[tuple[str, int, int]] = []
    seen: set[str] = set()
    for sector, start, end, weak in found:
        if sector in seen or (weak and (named or paragraph_sectors)):
            continue  # (a sector is raised once, where first: "tractors ... tractors")
        spans = subsumed_by.get(sector, [])
        at = bisect.bisect_left(spans, (start, end))
        if any(
            _same_item(sentence, (start, end), spans[i])
            for i in (at - 1, at)
            if 0 <= i < len(spans)
        ):
            continue
        if sector == "machinery-equipment" and paragraph_sectors & _MACHINES and not listed:
            continue
        if (
            _RECIPIENTS.fullmatch(sentence, start, end)
            and _TO_WHOM.search(sentence, max(0, start - 60), start)
            and any(o != sector for o, _a, _b in strong)
        ):
            continue  # "harvesters ... to Voronezh farmers": who gets them, not a sector
        if sector == "industrial-cooperation" and any(
            o in _MACHINES and a > end and _OF_THE_KIND.fullmatch(sentence, end, a)
            for o, a, _b in strong
        ):
            continue  # "joint production of buses": the buses' sector, not both
        seen.add(sector)
        sectors.append((sector, start, end))
    return sectors


# People a supply goes to, after "to": "supply harvesters to Voronezh farmers" is
# not also a proposal about farming ("Cooperation in to Voronezh farmers")
_RECIPIENTS = re.compile(r"(?:farmers|growers|agrarians|consumers)", re.I)
_TO_WHOM = re.compile(  # (not "for": "a joint fund for farmers" is farming's)
    r"\bto\s+(?:(?:the|our|your|its|their|local|[A-Z][\w’'-]*|region['’]s)\s+){0,2}$"
)


_WE_MAKE = re.compile(WE_MAKE)  # (goods.py: what Belarus's side says it makes)


# A short sentence that is no fragment naming goods: it has a verb, asks, or says no ("Oil
# prices fell.", "What about fertilisers?", "Not tractors.")
_NOT_A_FRAGMENT = re.compile(
    r"\?|^\W*(?:not|no|what|why|how)\b|\b(?:is|are|was|were|has|have|had|fell|rose|grew|"
    r"make|makes|made|know|known|need|needs)\b",
    re.I,
)


def _offered_in_passing(s: Sentence) -> bool:
    """Whether a sentence of the Belarusian host's offers what it names with no word of
    proposing: what Belarus makes ("We make modern buses"), or a fragment naming it alone
    ("And lifts.", "Tractors for your farmers."), in the run of a speech."""
    if s.speaker != "host" or SELF_SUFFICIENT.search(s.text):
        return False
    return bool(_WE_MAKE.search(s.text)) or (
        len(s.text.split()) <= 5 and not _NOT_A_FRAGMENT.search(s.text)
    )


# What introduces a list of proposals: "discussed the following directions of cooperation:"
# (not places to visit, agreements signed, projects done: "included the following projects:")
_LIST_INTRO = re.compile(
    r"\b(?:directions?|areas?|priorit\w*|proposals?|prospects?|spheres?|tasks|questions|issues|"
    r"topics)\b[^:]*:$|"
    r"\b(?:discussed|proposed|agreed|outlined|identified|suggested)\b[^:]*:$",
    re.I,
)
_PAST_INTRO = re.compile(
    r"\b(?:visit\w*|signed|included|includes|took\s+place|had|(?:19|20)\d\d)\b", re.I
)
# (a quote opened after the list is no item: '- "We had good results in agriculture"')
_QUOTE_OPENS = re.compile(r"^\s*(?:[-–—•*·]\s*)?[\"“«]")
# An item of a list: a bullet or a number before it ("- deliveries of MAZ buses", "2. The
# supplies of ..."), or a ";" after it; or a number alone on its line ("3.")
_LIST_ITEM = re.compile(r"^\s*(?:[-–—•*·]|\d{1,2}[.)])\s*|;\s*$")


def _under_a_proposing_intro(sentences: list[Sentence]) -> set[int]:
    """The sentences of a list that a proposing sentence introduces ("In the course of the
    meeting the parties discussed the following directions of cooperation:" then "-
    deliveries of MAZ buses for the city;"): each item proposes what it names, though it has
    no verb of its own. The list runs over the paragraphs after the introduction while each
    is an item."""
    out: set[int] = set()
    intro = -1  # the paragraph of the introduction, while its list runs
    item = -1  # the paragraph of the item being read
    for i, s in enumerate(sentences):
        if intro >= 0 and s.paragraph != item:
            if (
                s.paragraph == item + 1
                and _LIST_ITEM.search(s.text)
                and not _QUOTE_OPENS.match(s.text)
            ):
                item = s.paragraph
            else:
                intro = -1
        if intro >= 0:
            out.add(i)
        elif s.text.endswith(":") and _LIST_INTRO.search(s.text) and not _PAST_INTRO.search(s.text):
            intro = item = s.paragraph
    return out


def _proposer(speaker: str, host: Person | None, guest: Person | None) -> Person:
    """Who proposes what a sentence of ``speaker`` proposes: nobody in particular when the
    sides together are its subject ("both")."""
    found = {"guest": guest, "host": host}.get(speaker)
    return found or Person("", "", "")


def find_proposals(
    sentences: list[Sentence], host: Person | None, guest: Person | None
) -> list[dict[str, Any]]:
    """One proposal per sector raised in a sentence that proposes something; the sentences
    that carry on the same idea add to it rather than start another."""
    matched: list[list[tuple[str, int, int, bool]]] = []
    in_paragraph: dict[int, set[str]] = {}
    for s in sentences:
        cues = _cues_for(s.text)  # none (most sentences): no sector, whatever else it says
        skip = bool(cues) and (
            (may_match(USD_AMOUNT, s.text) and bool(USD_AMOUNT.search(s.text)))
            or _goods_sentence(s.text)
        )
        found = _sector_matches(s.text, cues) if cues and not skip else []
        if not skip and (
            may_match(_AREA_LIST, s.text)
            or may_match(_KINDS_OF_INDUSTRY, s.text)
            or may_match(_ONE_KIND, s.text)
        ):
            found = sorted(found + _area_list_matches(s.text, found), key=lambda o: o[1])
        if found and (
            may_match(_FORMULA, s.text)
            or may_match(_FORMULA_AFTER, s.text)
            or "potential" in s.text
        ):
            found = _outside_formulas(s.text, found)
        matched.append(found)
        if found:
            in_paragraph.setdefault(s.paragraph, set()).update(x[0] for x in found if not x[3])
    sectored = [
        # (a sentence that proposes something more is read alone: "He also proposed that
        # Tyumen State University and BSU exchange students" is education's whatever its
        # paragraph raised, and "He also suggested ... BelAZ mining dump trucks" machinery
        # of its own, not more of the MAZ road machinery before it)
        _sectors_of(
            s.text, found, set() if _ANEW.match(s.text) else in_paragraph.get(s.paragraph, set())
        )
        if found
        else []
        for s, found in zip(sentences, matched, strict=True)
    ]
    listed = _under_a_proposing_intro(sentences)
    proposing = [
        bool(sectors)
        and (i in listed or bool(_PROPOSAL_CUE.search(s.text)) or _offered_in_passing(s))
        and not _not_proposal(s.text)
        for i, (s, sectors) in enumerate(zip(sentences, sectored, strict=True))
    ]
    with_proposals = {s.paragraph for s, yes in zip(sentences, proposing, strict=True) if yes}
    proposals: list[dict[str, Any]] = []
    recent: dict[str, dict[str, Any]] = {}  # sector -> proposal, while the idea runs on
    last: dict[str, Any] | None = None
    ahead: tuple[int, list[str]] = (-1, [])  # enterprises named before a proposal, by paragraph
    for s, sectors, proposes in zip(sentences, sectored, proposing, strict=True):
        if not proposes:
            # A sentence that goes on about the proposal before it ("We have enterprises such
            # as Integral, BelOMO ...") lends it the enterprises it names; one that comes
            # before a proposal of its paragraph ("Products of the Niva-Holding enterprise
            # are ... If you opt for our machines ...") lends them to that. (Only then are
            # they looked for: most sentences are far from any proposal.)
            near = last is not None and s.paragraph - last["_paragraph"] <= 1
            if near or s.paragraph in with_proposals:
                enterprises = find_enterprises(s.text, bare_capitals=False)
            else:
                enterprises = []
            if not enterprises:
                continue
            target = next((recent[x[0]] for x in sectors if x[0] in recent), None)
            if target is None and not sectors and near:
                target = last
            if target is not None:
                _add_enterprises(target, enterprises)
            elif s.paragraph in with_proposals:
                kept = ahead[1] if ahead[0] == s.paragraph else []
                ahead = (s.paragraph, kept + enterprises)
            continue
        enterprises = find_enterprises(s.text)
        if ahead[0] == s.paragraph:
            enterprises = list(dict.fromkeys([*ahead[1], *enterprises]))
        ahead = (-1, [])
        by = _proposer(s.speaker, host, guest)
        if not set(recent) & {x[0] for x in sectors}:
            recent = {}
        status = _status(s.text)
        more = bool(_ANEW.match(s.text))
        by_sector = _enterprises_by_sector(s.text, sectors, enterprises)
        for sector, start, end in sectors:
            spans = [(a, b) for x, a, b in sectors if x != sector]
            theirs = by_sector[sector]
            p = recent.get(sector)
            if (
                p
                and s.paragraph - p["_paragraph"] <= 1
                and p["proposed_by"] == by.name
                # ("He also suggested ..." carries on the proposal just made, if of its
                # sector, not one made before it: "our machinery" a paragraph up)
                and (not more or p is last)
            ):
                if len(p["detail"]) < _MAX_DETAIL and s.text not in p["detail"]:
                    p["detail"] += " " + s.text
                _add_enterprises(p, theirs)
            else:
                p = {
                    "id": "",
                    "meeting_id": "",
                    "sector": sector,
                    "title": _title(s.text, start, end, sector, spans),
                    "detail": s.text,
                    "proposed_by": by.name,
                    "enterprises": list(theirs),
                    "status": status,
                    "status_from_article": True,
                    "quote": _quote(s.text),
                    "_enterprises": set(theirs),
                }
                proposals.append(p)
                recent[sector] = p
            p["_paragraph"] = s.paragraph
            last = p
    for p in proposals:
        p.pop("_paragraph", None)
        p.pop("_enterprises", None)
    _distinct_titles(proposals)
    return proposals


def _distinct_titles(proposals: list[dict[str, Any]]) -> None:
    """One clause about two sectors ("a service centre of MTZ on its territory") titled
    both of its proposals alike, so that a reviewer saw the same line twice: each after the
    first is titled with its sector too ("Agricultural machinery: Service centre of MTZ
    ..."; the title's first word kept as it is: it may be a name)."""
    seen: set[str] = set()
    for p in proposals:
        title = p["title"]
        if title.casefold() in seen:
            label = SECTORS_BY_ID[p["sector"]].label
            title = p["title"] = f"{label}: {title}"
        seen.add(title.casefold())


def heading_sectors(heading: str) -> list[str]:
    """The sectors a paragraph's heading names: an area noun, as in a list of areas
    ("Construction", "Agriculture and healthcare"), or a phrase of the sector lexicon
    ("Mechanical engineering")."""
    found = [m for m in sector_matches(heading) if not m[3]]
    named = [x[0] for x in found]
    for sector, noun in _AREA_NOUNS:
        for w in noun.finditer(heading):
            if not any(a < w.end() and w.start() < b for _s, a, b, _w in found):
                named.append(sector)
    return list(dict.fromkeys(named))


def add_heading_proposals(
    proposals: list[dict[str, Any]],
    headings: dict[int, str],
    sentences: list[Sentence],
    host: Person | None,
    guest: Person | None,
) -> None:
    """A proposal for each sector a paragraph's heading names ("Construction" over "This area
    has traditionally been a leader ..."), where none of that sector was drafted: the report
    lists the area as one of the meeting's."""
    have = {p["sector"] for p in proposals}
    for paragraph, heading in sorted(headings.items()):
        first = next((s for s in sentences if s.paragraph == paragraph), None)
        if first is None:
            continue
        by = _proposer(first.speaker, host, guest)
        for sector in heading_sectors(heading):
            if sector in have:
                continue
            have.add(sector)
            proposals.append(
                {
                    "id": "",
                    "meeting_id": "",
                    "sector": sector,
                    "title": heading,
                    "detail": first.text,
                    "proposed_by": by.name,
                    "enterprises": [],
                    "status": "proposed",
                    "status_from_article": True,
                    "quote": _quote(first.text),
                }
            )


# A sentence that proposes something more, its speaker and "also" first: "He also suggested
# expanding the supply of BelAZ mining dump trucks" after a proposal of MAZ's road machinery
# (the dump trucks were taken for more of MAZ's kind of machine, and BelAZ went to it)
_ANEW = re.compile(
    r"(?:(?:He|She|They|[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,2}|The\s+[\w-]+(?:\s+[\w-]+)?)"
    r"\s+)?(?:also|further|additionally)\s+(?:proposed|suggested|offered|put\s+forward|called\s+for)\b|"
    r"(?:In\s+addition|Besides|Moreover),\s+(?:[\w’'-]+\s+){1,3}?(?:proposed|suggested|offered)\b"
)


# The detail of a proposal gathers the sentences that carry it on, a few in a real article.
# Past this length it is run-on text (a page that never changes the subject), and each new
# sentence would be searched for in, and copied onto, an ever longer string: no more is added.
_MAX_DETAIL = 4000


# Where a sentence proposing several things divides: "expanding the assembly of MTZ tractors
# and supplying elevators", "...; the other ...", "... while ..."
_CLAUSE_BREAK = re.compile(r"[,;]|\s(?:and|while|whereas|as\s+well\s+as)\s")


def _enterprises_by_sector(
    sentence: str, sectors: list[tuple[str, int, int]], enterprises: list[str]
) -> dict[str, list[str]]:
    """Each sector's enterprises, of those the sentence proposing them names. With one
    sector, all of them; with several, an enterprise goes to the sectors raised in its own
    clause ("the assembly of MTZ tractors and supplying elevators": MTZ is not the
    elevators'), else the next clause's, else the nearest's; one not named in the sentence
    itself (named before the proposal) goes to all."""
    names = {x for x, _, _ in sectors}
    if len(names) < 2 or not enterprises:
        return {x: list(enterprises) for x in names}
    cuts = [0, *(m.start() for m in _CLAUSE_BREAK.finditer(sentence)), len(sentence)]

    def clause(at: int) -> int:
        return bisect.bisect_right(cuts, at) - 1

    out: dict[str, list[str]] = {x: [] for x in names}
    for name in enterprises:
        at = sentence.find(name)
        if at < 0:
            chosen = names
        else:
            # its clause; else the next ("that Gomselmash and the region set up a service
            # centre for combine harvesters": the subject, then what it does); else nearest
            chosen = {x for x, a, _ in sectors if clause(a) == clause(at)}
            chosen = chosen or {x for x, a, _ in sectors if clause(a) == clause(at) + 1}
            if not chosen:
                nearest = min(sectors, key=lambda o: min(abs(o[1] - at), abs(o[2] - at)))
                chosen = {nearest[0]}
        for x in chosen:
            out[x].append(name)
    return out


def _add_enterprises(proposal: dict[str, Any], enterprises: list[str]) -> None:
    """Add the enterprises the proposal does not list yet (a set beside the list keeps this
    linear however many sentences add to it)."""
    known: set[str] = proposal["_enterprises"]
    new = [e for e in enterprises if e not in known]
    proposal["enterprises"] += new
    known.update(new)


def _quote(sentence: str) -> str:
    """The first quotation of 12 characters or more: what r'[“"]([^”"]{12,})[”"]' finds,
    without reading on from every opening mark to the same closing one (quadratic in a run
    of opening marks)."""
    close = -1
    for m in _OPEN_QUOTE.finditer(sentence):
        if close <= m.start():  # the first closing mark after this opening one
            c = _CLOSE_QUOTE.search(sentence, m.end())
            if c is None:
                return ""
            close = c.start()
        if close - m.end() >= 12:
            return sentence[m.end() : close].strip().rstrip(",")
    return ""


_OPEN_QUOTE = re.compile(r"[“\"]")
_CLOSE_QUOTE = re.compile(r"[”\"]")


_LEAD_PHRASES = re.compile(  # used with .match(text, pos): anchored where it starts
    r"(?:first\s+and\s+foremost|the\s+head\s+of\s+state|the\s+president|the\s+belarusian\s+(?:side|leader)|"
    r"the\s+parties|the\s+sides|would\s+like\s+to|paid\s+particular\s+attention\s+to|touched\s+(?:up)?on|"
    # a speaker and a verb of saying: "Sobolev noted that Kurgan farmers plan to buy ..."
    r"(?:(?-i:[A-Z])[\w'’-]*\s+){1,3}(?-i:(?:noted|said|stressed|added|emphasi[sz]ed|stated|"
    r"explained|believes|recalled|pointed\s+out|suggested|proposed))(?:\s+that)?)\s+",
    re.I,
)


_LEAD_WORDS = set(
    [
        "that",
        "then",
        "also",
        "so",
        "therefore",
        "now",
        "here",
        "first",
        "firstly",
        "second",
        "secondly",
        "third",
        "thirdly",
        "i",
        "he",
        "she",
        "we",
        "you",
        "they",
        "it",
        "this",
        "there",
        "is",
        "are",
        "was",
        "were",
        "has",
        "have",
        "had",
        "need",
        "needs",
        "can",
        "could",
        "should",
        "will",
        "must",
        "be",
        "being",
        "been",
        "believe",
        "think",
        "know",
        "noted",
        "said",
        "mentioned",
        "suggested",
        "proposed",
        "named",
        "called",
        "highlighted",
        "emphasized",
        "emphasised",
        "to",
    ]
)


_THREE_WORDS = re.compile(r"\s*\S+\s+\S+\s+\S")  # at least three words (as str.split counts)


# Where a clause splits into the parts of a list or a contrast
_PARTS = re.compile(
    r"\s+(?:and|or|but(?:\s+also)?|as\s+well\s+as)\s+(?:(?:both|not\s+only|either)\s+)?", re.I
)
_BACK_REFERENCE = re.compile(r"(?:their|its)\b", re.I)  # after "and": of what came before
# The cue's object, up to an "and" that joins it to another thing of the kind: "(joint
# production) of municipal (and road-building machinery)", "(a joint venture) to produce
# seeds of sugar beet (and sunflower)"
# A deed of its own after "and" ("produce elevators and supply milk powder"): no thing joined
_A_DOING = re.compile(
    r"(?:also\s+)?(?:suppl|produc|build|deliver|develop|creat|set\s+up|open|organi[sz]|"
    r"establish|assembl|manufactur|sell|buy|purchas|provid|export|import|help|train|invest|"
    r"moderni[sz]|expand|increas|use|work|cooperat|jointly|launch|implement|introduc)",
    re.I,
)
_OBJECT_OF = re.compile(
    r"\s+(?:of|for|to\s+(?:produce|make|manufacture|assemble|build|supply))\s+"
    r"(?:[\w-]+\s+){0,4}[\w-]+\s*$",
    re.I,
)
_NAMES_PAIRED = re.compile(r"\b[A-Z][\w-]*$")  # a name just before "and" ...
_NAME_NEXT = re.compile(r"[A-Z][\w-]*\b(?!\s+(?:and|or)\b)")  # ... and just after it
# Words that open a list item but are not what it names ("also fertilizers", "both
# construction services", "various chips")
_ITEM_LEAD = re.compile(
    r"^(?:(?:also|both|in|not\s+only|either|various|the|a|an|other|some|all|especially|"
    r"particularly|mainly|in\s+particular|from|with|for)\s+)+",  # ("From microelectronics, …";
    # "help you with healthcare": "Cooperation in healthcare", not "in with healthcare")
    re.I,
)
# A subject and its verb of trade before an item ("Belarus supplies tractors"), and a place
# it goes to or comes from after it ("elevators to Omsk"): the title is the item
_SUPPLIER_LEAD = re.compile(
    r"^(?-i:[A-Z])\w*\s+(?:\w+\s+)?(?:supplies|supplied|exports|exported|sells|sold|buys|"
    r"bought|purchases|purchased|imports|imported|delivers|delivered|shipped)\s+(?!of\b)",
    re.I,
)
_PLACE_TAIL = re.compile(r"\s+(?:to|from)\s+[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)?$")
# After a kind in a list, the machines it is a kind of: ", agricultural, fire-fighting, and
# other types of machinery" (the title says "Quarry machinery", not "Cooperation in quarry")
_KIND_OF = re.compile(
    r"(?:,?\s+(?:and\s+|or\s+)?[a-z][\w-]*){0,8}?,?\s+(?:and\s+|or\s+)?(?:other\s+)?"
    r"(?:(?:types|kinds)\s+of\s+)?(machinery|vehicles|equipment|machines)\b"
)
# Words a title cut short may end on: "... in the fields of", "... products is the"
_DANGLING = re.compile(
    r"(?:\s+(?:of|the|a|an|and|or|but|to|in|for|with|on|at|by|from|that|which|is|are|was|"
    r"were|be|its|their|our|your|this|these|such|as|both|not|only|also))+$",
    re.I,
)


# A title that opens on the talk rather than its subject
_TALKED_OF = re.compile(
    r"(?:also\s+)?(?:discuss(?:ed|ing)?|consider(?:ed|ing)?|touched\s+(?:up)?on|"
    r"talked\s+about)\s+(?:the\s+(?=\S+\s+\S))?",
    re.I,
)


def _trim_lead(clause: str) -> str:
    """Drop the subject and verbs that open a clause ("we can also ..."), keeping 3 words.
    (Walks an offset along the clause: re-slicing and re-splitting what is left after each
    word dropped was quadratic in a long clause of such words.)"""
    pos = 0
    while True:
        m = _LEAD_PHRASES.match(clause, pos)
        if m and _THREE_WORDS.match(clause, m.end()):
            pos = m.end()
            continue
        space = clause.find(" ", pos)
        first = clause[pos:space] if space >= 0 else clause[pos:]
        if space >= 0 and first.lower() in _LEAD_WORDS and _THREE_WORDS.match(clause, space + 1):
            pos = space + 1
            continue
        return clause[pos:]


_MANNER = re.compile(r"(?:on|under|by way of|through|via)\s+(?=\S)", re.I)


def _unclosed(text: str) -> int | None:
    """Where the first bracket that ``text`` leaves open is, or None."""
    opened: list[int] = []
    for i, c in enumerate(text):
        if c == "(":
            opened.append(i)
        elif c == ")" and opened:
            opened.pop()
    return opened[0] if opened else None


def _machines_after(sentence: str, end: int, right: int, title: str) -> str | None:
    """The machines a kind named last in ``title`` is one of, in a list that names them
    after it ("passenger, municipal and agricultural vehicles": vehicles for "passenger").
    Only a kind: a title that ends on a noun ("buses", "special road equipment") is whole."""
    if sentence[end:right].strip():  # (the title goes on past the kind: not one in a list)
        return None
    last = title.rsplit(None, 1)[-1].lower() if title.strip() else ""
    if last.endswith("s") or last in _THING_NOUNS:
        return None
    machine = _KIND_OF.match(sentence, right)
    if machine is None:
        return None
    # only other kinds between ("passenger, municipal and agricultural vehicles"), not the
    # next phrase ("healthcare, and the supply of equipment")
    between = re.findall(r"[a-z][\w-]*", sentence[right : machine.start(1)].lower())
    if any(w in _NOT_A_KIND for w in between):
        return None
    return machine.group(1)


# Words that are no kind of machine: a phrase of its own stands between ("and the supply
# of equipment")
_NOT_A_KIND = {
    "the", "a", "an", "of", "to", "for", "in", "with", "on", "by", "from", "at", "as", "that",
    "which", "this", "these", "its", "their", "our", "supply", "supplies", "purchase",
    "purchases", "delivery", "deliveries", "new", "modern", "is", "are", "will",
}  # fmt: skip
# Machines a list item may already name: no kind of machinery or vehicles
_MACHINE_NOUNS = {
    "machinery", "vehicles", "equipment", "machines", "transport", "automobiles", "cars",
    "trucks", "buses", "tractors", "harvesters", "trolleybuses", "trams",
}  # fmt: skip
# Nouns a title may end on that are no kind of machine: the title is whole
_THING_NOUNS = {
    "transport", "equipment", "machinery", "technology", "production", "engineering",
    "industry", "construction", "agriculture", "trade", "cooperation", "complex", "sector",
}  # fmt: skip

# Where a phrase of a long title may begin: after its subject's verb ("... Oblast is the
# export of ...", "... Lukashenko mentioned civil engineering") or a dash
_PHRASE_START = re.compile(
    r"\b(?:(?:is|are|was|were|that|which|to|mentioned|noted|said|stressed|named|includes?|"
    r"included|including|such\s+as)\s+)+|\s[-–—]\s+",
    re.I,
)
# "and" opening a clause of its own: a verb after it ("and invites", "and proposed")
_NEXT_CLAUSE = re.compile(
    r",?\s+and\s+(?=(?:invites?|asks?|offers?|proposes?|suggests?|calls?|says?|notes?|"
    r"adds?|stresses?|[a-z]+ed)\b)"
)
# Words a title cut at the left should not start on ("for the participation of ...")
_LEFT_OVER = re.compile(r"(?:(?:of|for|in|to|and|or|with|between|on|at|by|from)\s+)+", re.I)


def _shortened(title: str, cue: str, most: int = 100) -> tuple[str, bool]:
    """``title`` cut at a word to ``most`` characters at most (the whole sentence is in
    the detail), keeping the words that name the sector: when they come late, the title
    starts where a phrase leading to them does ("the export of Belarusian agricultural raw
    materials", not "One of the traditional pillars of economic cooperation ...")."""
    found = re.search(re.escape(cue), title, re.I)  # (lower() may change the lengths)
    at = found.start() if found else -1
    cue_end = found.end() if found else 0
    begin = 0
    if found and cue_end > most:
        starts = [m.end() for m in _PHRASE_START.finditer(title, 0, at)]
        # the first phrase after which the rest fits, else the last before the cue (the
        # most room for what follows it)
        whole = [b for b in starts if len(title) - b <= most]
        fitting = [b for b in starts if cue_end - b <= most]
        if whole or fitting:
            begin = whole[0] if whole else fitting[-1]
        else:  # no phrase starts near enough: the words just before them
            begin = title.find(" ", cue_end - most) + 1
            left_over = _LEFT_OVER.match(title, begin)
            if left_over and left_over.end() <= at:
                begin = left_over.end()
    rest = title[begin:]
    # a clause of its own after the sector's words ("... road vehicles and invites
    # Belarusian enterprises to take part"): the title ends before it
    clause = _NEXT_CLAUSE.search(rest, max(0, cue_end - begin))
    if clause:
        rest = rest[: clause.start()]
    if len(rest) <= most:
        return rest, False
    cut = rest[: most + 1].rsplit(" ", 1)[0]
    return (cut if len(cut) <= most else rest[:most]), True  # (one long word: cut in it)


_WORK_IN = re.compile(r"(?:(?:like|want|wish)\s+to\s+)?work", re.I)


_IN_NUMBER = re.compile(r"(?<=\d)[,.](?=\d)")  # a thousands comma, a decimal point


def _title(
    sentence: str, start: int, end: int, sector: str, others: Sequence[tuple[int, int]] = ()
) -> str:
    """A short title: the clause the sector's phrase sits in (the part of it about this
    sector when the clause names others too), or "Cooperation in <item>" for a list item."""
    # (")" too: a dateline's "(BelTA) –" is not the start of a title)
    # ("|" too: a page's "... by Mogilevliftmash | see http://...")
    # (not a comma or point within a number: "a capacity of 1,000 lifts" was cut at "1")
    bounds = _IN_NUMBER.sub("0", sentence)
    left = max(bounds.rfind(c, 0, start) for c in ',;:“”"()—–|')
    right_candidates = [i for i in (bounds.find(c, end) for c in ',;:“”")—–.|') if i >= 0]
    right = min(right_candidates) if right_candidates else len(sentence)
    if any(left < a and b <= right for a, b in others):
        # "microelectronics and lift production", "not only construction services but
        # machinery": the part with this sector's words
        base = left + 1  # (where the parts were found: left moves as they are read)
        for m in _PARTS.finditer(sentence[base:right]):
            at = base + m.start()
            paired = _NAMES_PAIRED.search(sentence, max(0, at - 64), at)  # (the word before)
            if paired and _NAME_NEXT.match(sentence, base + m.end()):
                continue  # "KAMAZ and MAZ cooperate on ...": two names, one part (not "That KAMAZ")
            if _BACK_REFERENCE.match(sentence, base + m.end()):
                continue  # "city buses and their components": one thing (not "Their components")
            if at < start:
                left = base + m.end() - 1
            elif at >= end:
                if (
                    _OBJECT_OF.match(sentence, end, at)
                    and len(sentence[base + m.end() : right].split()) <= 4
                    and not _A_DOING.match(sentence, base + m.end())
                ):
                    # "joint production of municipal and road-building machinery": the
                    # things joined are what the cue is of, not a part of their own
                    continue
                right = at
                break
    clause = sentence[left + 1 : right].strip().lstrip("-–— ")
    clause = re.sub(
        r"^(?:and|or|but|as well as|such as|including|in particular|which is|that is|namely)\s+",
        "",
        clause,
        flags=re.I,
    )
    if len(clause.split()) <= 3:
        item = _ITEM_LEAD.sub("", clause) or sentence[start:end]  # "also fertilizers"
        item = _PLACE_TAIL.sub("", _SUPPLIER_LEAD.sub("", item)) or sentence[start:end]
        # a kind in a list of machines ("quarry, agricultural ... machinery"): those machines
        machine = _KIND_OF.match(sentence, right)
        if machine and item.rsplit(None, 1)[-1].lower() in _MACHINE_NOUNS:
            machine = None  # ("quarry machines", "automobiles": not "... machinery")
        manner = _MANNER.match(item)  # "(including) on leasing terms": not a thing to work in
        if machine:
            clause = f"{item} {machine.group(1)}"
        elif manner:
            clause = item[manner.end() :]
        elif re.search(r"\bcooperation\b", item, re.I):  # not "Cooperation in industrial
            clause = item  # cooperation": the item says it
        else:
            clause = f"Cooperation in {item}"
    else:
        cue = re.search(
            r"\b(?:propos\w+|suggest\w+|offer\w*|ready to|interested in|"
            r"called for|focus\w* on|importance of|to discuss|take part in|"
            r"(?:(?:like|want|wish)\s+to\s+)?work(?:ing)?(?:\s+together)?\s+(?:in|on)|"
            r"(?:like|want|wish) to)\s+",
            clause,
            re.I,
        )
        if cue and cue.end() < start - (left + 1):
            clause = clause[cue.end() :]
        elif cue and cue.end() == start - (left + 1) and _WORK_IN.match(cue.group(0)):
            # "would like to work on education": working in it is the proposal
            rest = clause[cue.end() :]
            clause = f"Cooperation in {rest}" if len(rest.split()) <= 3 else rest
        elif cue and cue.end() == start - (left + 1) and cue.group(0).lower() == "to discuss ":
            # "met ... to discuss industrial cooperation": what was to be discussed
            rest = clause[cue.end() :]
            short = len(rest.split()) <= 3 and not re.search(r"\bcooperation\b", rest, re.I)
            clause = f"Cooperation in {rest}" if short else rest
        clause = _trim_lead(clause)
        talk = _TALKED_OF.match(clause)
        if talk:  # "(the parties) also discussed education": what was discussed
            rest = clause[talk.end() :]
            short = len(rest.split()) <= 3 and not rest.lower().startswith("cooperation")
            clause = f"Cooperation in {rest}" if short else rest
        # "Belarus could supply passenger, municipal ... vehicles": passenger vehicles
        machines = _machines_after(sentence, end, right, clause)
        if machines:
            clause = f"{clause} {machines}"
    opened = _unclosed(clause)
    if opened is not None:  # "tractors made by MTZ (Minsk Tractor Works": before the bracket
        clause = clause[:opened]
    clause, cut = _shortened(clause, sentence[start:end])
    clause = _DANGLING.sub("", clause.strip(" .,")).strip(" .,")  # not "... in the fields of"
    if cut and clause:  # ("... tractors at the Yaroslavl Motor": it said no more was there)
        clause += "…"
    return (clause[:1].upper() + clause[1:]) or SECTORS_BY_ID[sector].label
