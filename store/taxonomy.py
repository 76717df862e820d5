"""The controlled vocabularies: proposal sectors, proposal statuses, trade metrics.

Sectors added later (metals, chemicals, energy, transport-logistics in coopbrowse 0.2) apply
to what is drafted or edited from then on: no stored proposal is moved to a new sector
without a person choosing it (in the form, ``E``), so a new release re-sorts nothing.

One small, documented taxonomy so that "elevators" means the same thing in every meeting.
A sector is chosen for the industry a proposal serves: training machine operators for
Belarusian tractors is ``agricultural-machinery``; a university partnership for pharmacists
is ``pharmaceuticals``; a general "train IT specialists" is ``it-software``.

``terms`` are extra words that mean the sector (used by search for synonyms and by the
article extractor); they are lower-case English.
"""

from __future__ import annotations

from msgspec import Struct


class Sector(Struct, frozen=True):
    """One sector of the taxonomy."""

    id: str
    label: str
    description: str
    terms: tuple[str, ...] = ()


SECTORS: tuple[Sector, ...] = (
    Sector(
        "industrial-cooperation",
        "Industrial cooperation",
        "Joint ventures, production chains, import substitution, industrial co-operation "
        "in general when no narrower sector fits.",
        ("joint venture", "import substitution", "cooperation chains", "industrial"),
    ),
    Sector(
        "elevators",
        "Elevators",
        "Lift and elevator production, supply and modernisation.",
        ("elevator", "lift", "lifts", "mogilevliftmash"),
    ),
    Sector(
        "agricultural-machinery",
        "Agricultural machinery",
        "Tractors, harvesters and farm equipment: supply, financing, service, operator training.",
        ("tractor", "harvester", "farm machinery", "agricultural equipment"),
    ),
    Sector(
        "agriculture-food",
        "Agriculture and food",
        "Farming, meat and dairy, seeds, fodder, fertilisers, food products.",
        ("food", "dairy", "meat", "seeds", "fertilizer", "agro-industrial"),
    ),
    Sector(
        "pharmaceuticals",
        "Pharmaceuticals",
        "Medicines and their production, pharmacology, training of pharmaceutical specialists.",
        ("pharma", "pharmacology", "pharmaceutics", "drugs", "medicines"),
    ),
    Sector(
        "healthcare",
        "Healthcare",
        "Medical services, rehabilitation, health resorts, medical equipment and certification.",
        ("medical", "rehabilitation", "health resort", "sanatorium"),
    ),
    Sector(
        "microelectronics",
        "Microelectronics",
        "Semiconductors, chips and the equipment that makes them.",
        ("semiconductor", "chip", "chips", "electronics"),
    ),
    Sector(
        "cable-electrical",
        "Cables and electrical",
        "Cable and wire products, insulation materials, lighting.",
        ("cable", "wire", "insulation", "lighting"),
    ),
    Sector(
        "rolling-stock",
        "Rolling stock",
        "Railcars and other rail rolling stock.",
        ("railcar", "railway", "wagon", "rolling stock"),
    ),
    Sector(
        "public-transport",
        "Public transport",
        "Buses, trolleybuses, trams and other passenger vehicles for public fleets.",
        ("bus", "trolleybus", "tram", "passenger vehicles"),
    ),
    Sector(
        "automotive",
        "Automotive and machine building",
        "Trucks, vehicle components, machine-building plants (MAZ, GRAZ, ...).",
        ("truck", "vehicle components", "machine-building", "automobile"),
    ),
    Sector(
        "machinery-equipment",
        "Machinery and equipment",
        "Supplies of road-building, quarry, utility, fire-fighting and other machinery.",
        ("machinery", "equipment", "quarry", "fire-fighting"),
    ),
    Sector(
        "machine-tools",
        "Machine tools",
        "Machine-tool building.",
        ("machine tool", "machine-tool"),
    ),
    Sector(
        "space-aviation",
        "Space and aviation",
        "Space industry, rocket engineering, satellites, aircraft building and repair.",
        ("space", "rocket", "aircraft", "satellite", "aviation"),
    ),
    Sector(
        "it-software",
        "IT and software",
        "Information technology, software, artificial intelligence, IT training.",
        ("it", "software", "artificial intelligence", "ai"),
    ),
    Sector(
        "science-technology",
        "Science and technology",
        "Research and development, academies of sciences, innovation roadmaps.",
        ("science", "research", "r&d", "innovation"),
    ),
    Sector(
        "construction",
        "Construction",
        "Building materials (cement, concrete, dry mixes), housing and road construction.",
        ("concrete", "cement", "road construction", "housing construction"),
    ),
    Sector(
        "housing-utilities",
        "Housing and utilities",
        "Housing and communal services, public utilities and their equipment.",
        ("utilities", "communal services", "housing and utilities"),
    ),
    Sector(
        "service-logistics",
        "Service and logistics",
        "Dealer centres, maintenance, spare parts, warranty, service and logistics hubs.",
        ("dealer", "maintenance", "spare parts", "warranty", "logistics hub"),
    ),
    Sector(
        "trade-finance",
        "Trade and finance",
        "Growing trade turnover, non-resource exports, joint sales, financing instruments.",
        ("trade", "exports", "financing", "leasing"),
    ),
    Sector(
        "metals",
        "Metals and metallurgy",
        "Steel and rolled metal, metal products, metallurgical plants and metalworking.",
        ("metallurgy", "metallurgical", "steel", "rolled metal", "metal products", "metalworking"),
    ),
    Sector(
        "chemicals",
        "Chemicals and fertilisers",
        "Fertilisers and potash, petrochemicals, plastics and other chemical products "
        "(fertilisers are chemicals even when farms use them).",
        ("fertiliser", "fertilizer", "potash", "chemical", "chemicals", "petrochemicals"),
    ),
    Sector(
        "energy",
        "Energy",
        "Oil, gas and their products, electricity, power plants, nuclear power and energy "
        "equipment.",
        ("oil", "gas", "electricity", "power plant", "nuclear", "refinery"),
    ),
    Sector(
        "transport-logistics",
        "Transport and logistics",
        "Freight and transit: ports, cargo, transport corridors, logistics (passenger "
        "transport is public-transport; dealer and service hubs are service-logistics).",
        ("logistics", "freight", "cargo", "transit", "port", "ports"),
    ),
    Sector(
        "film",
        "Film",
        "Cinematography and joint film production.",
        ("cinema", "cinematography", "film production", "movie"),
    ),
    Sector(
        "education",
        "Education",
        "Inter-university ties and training not tied to one industry.",
        ("university", "training", "students"),
    ),
    Sector(
        "culture-youth",
        "Culture and youth",
        "Humanitarian ties: culture, youth exchanges, sister cities, patriotic education.",
        ("humanitarian", "youth", "culture", "sister cities"),
    ),
)

SECTOR_IDS: frozenset[str] = frozenset(s.id for s in SECTORS)
SECTORS_BY_ID: dict[str, Sector] = {s.id: s for s in SECTORS}

# Status of a proposal, one workflow: proposed -> agreed -> in progress -> implemented, or
# stalled / dropped at any point. Drafting from an article sets ``proposed`` unless the text
# says agreed, signed or under way (and marks the status as from the article).
STATUSES: dict[str, str] = {
    "proposed": "Raised or suggested at the meeting; nothing agreed yet.",
    "agreed": "The sides agreed on it (or signed a document, or someone was instructed).",
    "in-progress": "Under way: work has started, deliveries or projects are running.",
    "implemented": "Reported as done.",
    "stalled": "Agreed or started, but reported as stuck.",
    "dropped": "Abandoned.",
}
STATUS_LABELS: dict[str, str] = {
    "proposed": "proposed",
    "agreed": "agreed",
    "in-progress": "in progress",
    "implemented": "implemented",
    "stalled": "stalled",
    "dropped": "dropped",
}
# Statuses of schema 1 (before the workflow), read as their workflow status: older exports
# still import, and ``status:ongoing`` still finds what it used to.
LEGACY_STATUSES: dict[str, str] = {
    "ongoing": "in-progress",
    "assigned": "agreed",
    "done": "implemented",
}

# What a trade figure measures. Exports and imports are from Belarus's side.
METRICS: dict[str, str] = {
    "turnover": "Total trade between Belarus and the region.",
    "exports": "Belarusian exports to the region.",
    "imports": "Belarusian imports from the region.",
}

SIDES: dict[str, str] = {"belarus": "Belarus", "russia": "Russia"}
ROLES: dict[str, str] = {
    "host": "Belarusian host of the meeting",
    "guest": "Head of the visiting Russian side",
    "participant": "Took part",
    "mentioned": "Named in the report but not at the table",
}


def sector_label(sector_id: str) -> str:
    """The display label of a sector id (the id itself if unknown)."""
    sector = SECTORS_BY_ID.get(sector_id)
    return sector.label if sector else sector_id
