"""Generated journals: a small demo to explore the app, and the large reference journal
the benchmarks run on.

Both come from a seeded ``random.Random``: the same seed and the same ``today`` give the
same people, dates, titles and points. The demo goes through the journal's use cases,
so it passes the same validation as anything a user types; the reference journal is
written in bulk, because 800,000 rows one use case at a time would take far too long.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import tempfile
import unicodedata
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from peewee import chunked

from winwin_desktop.analytics import NEW, QUIET, WIN_WIN, YOU_GIVE_MORE, YOU_TAKE_MORE
from winwin_desktop.analytics.attention import DROPPED, KEPT, OPEN
from winwin_desktop.journal import interactions as interaction_cases
from winwin_desktop.journal import people as people_cases
from winwin_desktop.journal import promises as promise_cases
from winwin_desktop.journal import reflections as reflection_cases
from winwin_desktop.journal.interactions import ExchangeData
from winwin_desktop.store import JournalError, open_journal, recording
from winwin_desktop.store.models import (
    Exchange,
    Interaction,
    Mention,
    Participant,
    Person,
    PersonTag,
    Promise,
    Reflection,
    Tag,
    database,
)

GIVEN = Exchange.GIVEN
RECEIVED = Exchange.RECEIVED

# ---------------------------------------------------------------------------------------
# Vocabularies, shared by the demo and the reference journal.


class Tradition(NamedTuple):
    """A naming tradition: given names, family names, and where such people tend to live."""

    first_names: tuple[str, ...]
    family_names: tuple[str, ...]
    phone_prefix: str
    top_level_domain: str
    city: str
    language: str

    @classmethod
    def of(cls, first_names: str, family_names: str, place: tuple[str, str, str, str]) -> Tradition:
        """Space-separated names (no name here holds a space), then the place: phone
        prefix, top-level domain, city, language."""
        return cls(tuple(first_names.split()), tuple(family_names.split()), *place)


TRADITIONS: dict[str, Tradition] = {
    "polish": Tradition.of(
        "Piotr Agnieszka Małgorzata Tomasz Katarzyna Łukasz Zofia Paweł",
        "Nowak Wójcik Kowalczyk Mazur Krawczyk Zając Wróbel Pawlak",
        ("+48", "pl", "Gdańsk", "Polish"),
    ),
    "spanish": Tradition.of(
        "Lucía Alejandro Inés Martín Sofía Joaquín Begoña Andrés",
        "Núñez García Fernández Muñoz Ibáñez Peña Suárez Herrera-Ortiz",
        ("+34", "es", "Madrid", "Spanish"),
    ),
    "french": Tradition.of(
        "Amélie Élodie François Jérôme Hélène Benoît Chloé Loïc",
        "Lefèvre Dubois Moreau Girard Bénard Rousseau Lemaître Fontaine",
        ("+33", "fr", "Lyon", "French"),
    ),
    "german": Tradition.of(
        "Jürgen Käthe Lena Matthias Sören Anneliese Jörg Ute",
        "Müller Schröder Weiß Köhler Hoffmann Brückner Schäfer Krüger",
        ("+49", "de", "Hamburg", "German"),
    ),
    "nordic": Tradition.of(
        "Björn Åsa Søren Ingrid Mikael Linnéa Kristín Astrid",
        "Lindqvist Håkansson Ødegaard Sørensen Nyström Åberg Mäkelä Eriksen",
        ("+47", "no", "Oslo", "Norwegian"),
    ),
    "ethiopian": Tradition.of(
        "Rahel Dawit Selam Yonas Meron Abebe Hiwot Tewodros",
        "Tesfaye Haile Bekele Girma Alemu Tadesse Mekonnen Getachew",
        ("+251", "et", "Addis Ababa", "Amharic"),
    ),
    "vietnamese": Tradition.of(
        "Minh Thảo Quang Linh Huy Ngọc Tuấn Phương",
        "Hoang Nguyễn Trần Lê Phạm Võ Đặng Huỳnh",
        ("+84", "vn", "Ho Chi Minh City", "Vietnamese"),
    ),
    "turkish": Tradition.of(
        "Elif Emre Zeynep Çağla Barış Gökhan Şule Oğuz",
        "Yılmaz Öztürk Şahin Çelik Aydın Doğan Kılıç Güneş",
        ("+90", "com.tr", "İzmir", "Turkish"),
    ),
    "indian": Tradition.of(
        "Priya Arjun Ananya Rohan Kavya Vikram Aditi Meera",
        "Sharma Iyer Patel Reddy Banerjee Menon Kapoor Deshpande",
        ("+91", "in", "Bengaluru", "Kannada"),
    ),
    "japanese": Tradition.of(
        "Haruki Yūko Kenji Aiko Takumi Sakura Ryō Daisuke",
        "Satō Takahashi Itō Watanabe Yamamoto Nakamura Katō Ōta",
        ("+81", "jp", "Kyoto", "Japanese"),
    ),
    "west_african": Tradition.of(
        "Chiamaka Oluwaseun Adaeze Kwame Ngozi Tunde Efua Chinedu",
        "Okafor Adeyemi Mensah Okonkwo Boateng Eze Asante Balogun",
        ("+234", "ng", "Lagos", "Yoruba"),
    ),
    "portuguese": Tradition.of(
        "João Inês Gonçalo Conceição Thiago Letícia Sebastião Bárbara",
        "Gonçalves Araújo Magalhães Simões Brandão Falcão Guimarães Romão",
        ("+351", "pt", "Lisbon", "Portuguese"),
    ),
    "greek": Tradition.of(
        "Eleni Giorgos Dimitra Nikos Katerina Yannis Andreas Christos",
        "Georgiou Ioannou Christodoulou Antoniou Nikolaou Papadakis Kyriakou Charalambous",
        ("+357", "com.cy", "Nicosia", "Greek"),
    ),
    "irish": Tradition.of(
        "Siobhán Seán Aoife Niamh Ciarán Oisín Róisín Pádraig",
        "O'Connor Murphy Byrne Walsh Kelly Doyle Gallagher McCarthy",
        ("+353", "ie", "Dublin", "Irish"),
    ),
}

# Organisation names are a brand and a sector: "Acme Robotics", "Gdańsk Shipping Tech".
# A brand may hint at where its people come from.
BRANDS: tuple[tuple[str, str | None], ...] = (
    ("Acme", None),
    ("Gdańsk", "polish"),
    ("Wisła", "polish"),
    ("Iberia", "spanish"),
    ("Lumière", "french"),
    ("Rhône", "french"),
    ("Brückner", "german"),
    ("Elbe", "german"),
    ("Nordlys", "nordic"),
    ("Fjord", "nordic"),
    ("Addis", "ethiopian"),
    ("Abay", "ethiopian"),
    ("Saigon", "vietnamese"),
    ("Mekong", "vietnamese"),
    ("Anatolia", "turkish"),
    ("Boğaziçi", "turkish"),
    ("Deccan", "indian"),
    ("Kaveri", "indian"),
    ("Kyoto", "japanese"),
    ("Fuji", "japanese"),
    ("Lagos", "west_african"),
    ("Volta", "west_african"),
    ("Tagus", "portuguese"),
    ("Douro", "portuguese"),
    ("Troodos", "greek"),
    ("Aegean", "greek"),
    ("Liffey", "irish"),
    ("Connacht", "irish"),
    ("Meridian", None),
    ("Cobalt", None),
    ("Kestrel", None),
    ("Helix", None),
    ("Zenith", None),
    ("Juniper", None),
)

# Sector, and the tag its people usually carry.
SECTORS: tuple[tuple[str, str], ...] = (
    ("Robotics", "client"),
    ("Shipping Tech", "client"),
    ("Ventures", "investor"),
    ("Fintech Labs", "client"),
    ("Data Works", "supplier"),
    ("Analytics", "partner"),
    ("Logistics", "client"),
    ("Health Partners", "client"),
    ("Precision Sensors", "supplier"),
    ("Cloud", "partner"),
    ("Growth Capital", "investor"),
    ("Legal", "supplier"),
    ("Energy", "client"),
    ("Biotech", "client"),
    ("Design Studio", "supplier"),
    ("Mobility", "partner"),
    ("Security", "supplier"),
    ("Media", "press"),
    ("Consulting", "partner"),
    ("Payments", "partner"),
    ("Learning", "client"),
    ("Materials", "supplier"),
)

TAGS = ("client", "investor", "mentor", "partner", "supplier", "press", "alumni")
TAG_CADENCES = {"client": 30, "investor": 90, "mentor": 60}

ROLES: dict[str, tuple[str, ...]] = {
    "client": (
        "Head of Operations",
        "CTO",
        "VP Engineering",
        "Procurement Lead",
        "Head of Innovation",
        "COO",
        "Product Director",
    ),
    "investor": ("Partner", "Principal", "Investment Manager", "Associate", "Venture Partner"),
    "partner": (
        "Head of Partnerships",
        "Founder & CEO",
        "Alliances Manager",
        "Head of Data",
        "Solutions Architect",
    ),
    "supplier": (
        "Account Manager",
        "Sales Director",
        "General Counsel",
        "Lead Engineer",
        "Customer Success Lead",
    ),
    "press": ("Journalist", "Editor", "Podcast Host", "Tech Correspondent"),
    "independent": ("Independent advisor", "Angel investor", "Fractional CFO", "Executive coach"),
}

EVENTS = (
    "Web Summit in Lisbon",
    "Slush in Helsinki",
    "VivaTech in Paris",
    "Infoshare in Gdańsk",
    "AfricArena in Cape Town",
    "SusHi Tech in Tokyo",
    "Pioneers in Vienna",
    "4YFN in Barcelona",
)

TOPICS = (
    "the pilot scope",
    "the Series A",
    "pricing",
    "the Q3 roadmap",
    "the data-sharing agreement",
    "the hiring plan",
    "the port sensor rollout",
    "the Rotterdam tender",
    "the market map",
    "the board deck",
    "the renewal",
    "the API integration",
    "the press launch",
    "the EU grant application",
    "the warehouse audit",
)

HOW_MET = (
    "Sat next to each other at {event}",
    "Cold email about {topic}",
    "Same MBA cohort at IE Business School",
    "Former colleagues at Kestrel Consulting",
    "Shared a panel at {event}",
    "Replied to my LinkedIn post on {topic}",
    "Customer pilot kick-off",
    "Hackathon in Gdańsk",
    "Mentoring programme at Station F",
    "Founders' dinner in Lisbon",
)


class Value(NamedTuple):
    """One kind of value that changes hands: its category, its points, in a few words."""

    category: str
    points: int
    description: str


# Points follow the scale in DESIGN.md: 1 courtesy · 2 useful · 3 meaningful · 4 major ·
# 5 exceptional.
VALUES: dict[str, tuple[Value, ...]] = {
    GIVEN: (
        Value("advice", 1, "quick take on a vendor contract"),
        Value("advice", 2, "feedback on their pricing page"),
        Value("advice", 3, "reviewed the pitch deck"),
        Value("advice", 4, "helped rework the board memo"),
        Value("introduction", 2, "connected them with a freelance designer"),
        Value("introduction", 3, "intro to a logistics buyer in Hamburg"),
        Value("introduction", 4, "intro to our lead investor"),
        Value("introduction", 5, "intro to the CFO of their dream customer"),
        Value("referral", 2, "passed on a strong job candidate"),
        Value("referral", 3, "referred a client for their audit"),
        Value("referral", 5, "referred a six-figure deal"),
        Value("business", 3, "ordered a batch of sensors"),
        Value("business", 4, "signed a paid pilot with them"),
        Value("business", 5, "renewed the annual contract"),
        Value("knowledge", 1, "forwarded a useful article"),
        Value("knowledge", 2, "shared the market map"),
        Value("knowledge", 2, "notes from the EU AI Act briefing"),
        Value("knowledge", 3, "sent our churn benchmark"),
        Value("help/time", 1, "proofread a blog post"),
        Value("help/time", 2, "an hour on their data model"),
        Value("help/time", 3, "ran a workshop for their team"),
        Value("help/time", 4, "two days helping with the migration"),
        Value("gift", 1, "coffee and pastéis de nata"),
        Value("gift", 1, "sent a book: The Mom Test"),
        Value("gift", 2, "tickets to a Slush side event"),
        Value("endorsement", 1, "reshared their launch post"),
        Value("endorsement", 2, "LinkedIn recommendation"),
        Value("endorsement", 3, "reference call with their prospect"),
        Value("endorsement", 4, "featured them in our case study"),
        Value("other", 1, "lent them our meeting room"),
        Value("other", 2, "covered for them on a panel"),
        Value("other", 3, "hosted their offsite in our office"),
    ),
    RECEIVED: (
        Value("advice", 1, "tip on a hiring platform"),
        Value("advice", 2, "pricing sanity check"),
        Value("advice", 3, "sharp feedback on our pitch deck"),
        Value("advice", 4, "advice on the term sheet"),
        Value("advice", 5, "talked us out of a bad acquisition"),
        Value("introduction", 2, "intro to a recruiter"),
        Value("introduction", 3, "intro to a journalist at Liffey Media"),
        Value("introduction", 4, "intro to their CFO"),
        Value("introduction", 5, "intro to the partner who led our round"),
        Value("referral", 2, "sent a candidate our way"),
        Value("referral", 3, "referred a customer to us"),
        Value("referral", 5, "referral that became our biggest client"),
        Value("business", 3, "paid for the extended support plan"),
        Value("business", 4, "purchase order for the pilot"),
        Value("business", 5, "closed the framework agreement"),
        Value("knowledge", 1, "link to a useful dataset"),
        Value("knowledge", 2, "shared their market map"),
        Value("knowledge", 3, "industry salary survey"),
        Value("knowledge", 4, "walked us through the tender process"),
        Value("help/time", 1, "proofread the newsletter"),
        Value("help/time", 2, "an hour debugging our ETL"),
        Value("help/time", 3, "reviewed our contract draft"),
        Value("help/time", 4, "a weekend helping with the demo"),
        Value("gift", 1, "a bottle of Żubrówka"),
        Value("gift", 1, "Ethiopian coffee beans"),
        Value("gift", 2, "a pass to their conference"),
        Value("endorsement", 2, "testimonial for our website"),
        Value("endorsement", 3, "recommended us to their board"),
        Value("endorsement", 4, "named us in their press release"),
        Value("other", 1, "desk space for the day"),
        Value("other", 2, "lent us test hardware"),
        Value("other", 3, "spoke at our customer event"),
    ),
}

# How each kind of interaction is titled; {names} lists the people's first names.
TITLES: dict[str, tuple[str, ...]] = {
    "meeting": (
        "Meeting with {names} on {topic}",
        "Quarterly review at {org}",
        "Coffee with {names}",
        "Workshop on {topic} at {org}",
    ),
    "call": ("Call with {names} about {topic}", "Quick call with {names}", "Check-in with {names}"),
    "video call": (
        "Video call on {topic}",
        "Zoom with {names} about {topic}",
        "Remote demo for {org}",
    ),
    "email": ("Email thread on {topic}", "Follow-up email to {names}"),
    "message": ("Messages with {names} about {topic}", "WhatsApp with {names}"),
    "meal": (
        "Lunch with {names}",
        "Dinner with {names}",
        "Breakfast with {names} before a board day",
    ),
    "event": ("{event}: caught up with {names}", "Panel at {event} with {names}"),
    "introduction": (
        "Introduced {names} to a contact at {other_org}",
        "Intro call: {names} meet {other_org}",
    ),
    "referral": ("Referral from {names}", "Referred {names} to a client at {other_org}"),
    "other": (
        "Site visit at {org}",
        "Podcast recording with {names}",
        "Hackathon judging with {names}",
    ),
}

INTERACTION_NOTES = (
    "**Discussed** {topic}.\n\n- {first} wants a decision by the end of the month\n"
    "- Send a one-pager before the next call",
    "## Notes\n- Budget is approved for {topic}\n- Risks: timing, legal review\n\n"
    "_Follow up in two weeks._",
    "Good energy. {first} asked about {topic}; worth looping in someone from {other_org}.",
    "- [x] Agenda sent\n- [ ] Share the slides\n- [ ] Book the next slot",
)

PERSON_NOTES = (
    "## Context\n- {role} at {org}\n- Prefers **short calls**, no slide decks\n\n"
    "## Talking points\n- {topic}\n- Their move to a new office",
    "Very direct; appreciates *data over opinions*.\n\n> Send me the numbers, not the story.",
    "- Based in {city}\n- Speaks {language} and English\n- Ask about {topic} next time",
)

I_OWE = (
    "Send the market map",
    "Introduce {first} to our lead investor",
    "Share the churn benchmark",
    "Review their proposal on {topic}",
    "Write a LinkedIn recommendation for {first}",
    "Send the workshop slides",
    "Book a demo for their team",
)
THEY_OWE = (
    "Send the term sheet template",
    "Intro to their CFO",
    "Share the tender documents",
    "Feedback on our pricing",
    "Send the signed NDA",
    "Confirm the pilot budget",
    "Set up a reference call with a customer",
)

KIND_PHRASES = {
    "meeting": "Met",
    "call": "Called",
    "video call": "Video call with",
    "email": "Emailed",
    "message": "Messaged",
    "meal": "Shared a meal with",
    "event": "Ran into",
    "introduction": "Made an introduction for",
    "referral": "Talked referrals with",
    "other": "Spent time with",
}

CLOSING_LINES = (
    "Felt like a **fair trade** today.",
    "I keep giving more than I get with some people; worth watching.",
    "Tired, but a good day.",
    "Need to block time for follow-ups tomorrow.",
    "Reminder to self: *ask* before offering.",
    "Quiet afternoon; spent it on the proposal.",
)

# ---------------------------------------------------------------------------------------
# Public API


def demo_path() -> Path:
    """Where a fresh demo journal goes: a new temporary folder, never the real journal."""
    return Path(tempfile.mkdtemp(prefix="winwin-demo-")) / "demo.db"


def build_demo(path: str | os.PathLike, seed: int = 7, today: dt.date | None = None) -> Path:
    """Create the demo journal at ``path``: about 40 people and 18 months ending ``today``.

    Every win-win status occurs under the default settings. The journal is left open,
    as :func:`open_journal` leaves it; ``path`` must not hold a journal with people yet.
    """
    today = today or dt.date.today()
    rng = random.Random(seed)
    path = Path(path)
    open_journal(path)
    _refuse_filled(path)
    cast = _demo_cast(rng, today)
    touches = _demo_touches(rng, cast, today)
    with recording("Build the demo journal"):
        person_ids = _write_people(cast)
        logged = _write_interactions(touches, person_ids)
        _write_promises(rng, cast, logged, person_ids, today)
        _write_reflections(rng, cast, touches, today)
        for index, contact in enumerate(cast):
            if contact.archived:
                people_cases.set_archived(person_ids[index], True)
        for name, days in TAG_CADENCES.items():
            people_cases.set_tag_cadence(name, days)
    return path


def build_large(
    path: str | os.PathLike,
    people: int = 10_000,
    interactions: int = 200_000,
    exchanges: int = 400_000,
    promises: int = 20_000,
    reflection_days: int = 3 * 365,
    seed: int = 7,
    today: dt.date | None = None,
    progress: Callable[[float], None] | None = None,
) -> Path:
    """Create the benchmarks' reference journal at ``path`` with bulk inserts.

    Three years of history ending ``today``, with a heavy tail: a few people take part in
    thousands of interactions (the busiest in at least 2,000 at full size), most in a
    handful. Every exchange is with a participant of its interaction. ``progress`` is
    called with the fraction done, ending at 1.0. ``path`` must not hold people yet.
    """
    today = today or dt.date.today()
    rng = random.Random(seed)
    path = Path(path)
    open_journal(path)
    _refuse_filled(path)
    _LargeBuild(rng, today, people, reflection_days, progress).run(
        interactions, exchanges, promises
    )
    return path


# ---------------------------------------------------------------------------------------
# Shared helpers


class _Deck:
    """Draws items in shuffled rounds, so every item comes up before any repeats."""

    def __init__(self, rng: random.Random, items: Sequence) -> None:
        self._rng = rng
        self._items = list(items)
        self._left: list = []

    def draw(self):
        if not self._left:
            self._left = self._items[:]
            self._rng.shuffle(self._left)
        return self._left.pop()


_ASCII = str.maketrans(
    {"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "ß": "ss", "đ": "d", "Đ": "D", "ı": "i"}
)


def _ascii(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.translate(_ASCII))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _slug(text: str, separator: str = "") -> str:
    words = "".join(c if c.isalnum() else " " for c in _ascii(text).lower()).split()
    return separator.join(words)


def _domain(organisation: str, tradition: str | None) -> str:
    tld = TRADITIONS[tradition].top_level_domain if tradition else "com"
    return f"{_slug(organisation, '-')}.{tld}"


def _email(name: str, domain: str) -> str:
    first, _, last = name.partition(" ")
    return f"{_slug(first)}.{_slug(last)}@{domain}"


def _phone(rng: random.Random, tradition: str) -> str:
    prefix = TRADITIONS[tradition].phone_prefix
    return f"{prefix} {rng.randint(200, 999)} {rng.randint(100, 999)} {rng.randint(100, 999)}"


def _random_name(rng: random.Random, tradition: str, avoid: Iterable[str] = ()) -> str:
    """A name in ``tradition`` whose first name is not in ``avoid``, if one is left."""
    names = TRADITIONS[tradition].first_names
    first = rng.choice([n for n in names if n not in avoid] or names)
    # People marry, move and mix: some family names come from another tradition.
    family_from = tradition if rng.random() < 0.9 else rng.choice(list(TRADITIONS))
    family = rng.choice(TRADITIONS[family_from].family_names)
    if rng.random() < 0.05:
        family = f"{family}-{rng.choice(TRADITIONS[tradition].family_names)}"
    return f"{first} {family}"


def _first_name(name: str) -> str:
    return name.split(" ", 1)[0]


def _join(names: Sequence[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


def _working_day(day: dt.date) -> dt.date:
    """The Friday before a weekend day; other days as they are."""
    return day - dt.timedelta(days=max(0, day.weekday() - 4))


def _time_of(rng: random.Random, kind: str) -> dt.time | None:
    if kind == "meal":
        return rng.choice((dt.time(8, 30), dt.time(12, 30), dt.time(13, 0), dt.time(19, 30)))
    if kind in ("email", "message", "introduction", "referral") and rng.random() < 0.6:
        return None
    return dt.time(rng.randint(8, 17), rng.choice((0, 15, 30, 45)))


def _title(rng: random.Random, kind: str, names: Sequence[str], org: str) -> str:
    template = rng.choice(TITLES[kind])
    return template.format(
        names=_join([_first_name(n) for n in names]),
        topic=rng.choice(TOPICS),
        org=org or _first_name(names[0]),
        other_org=_random_organisation(rng),
        event=rng.choice(EVENTS),
    )


def _organisation_name(brand: str, sector: str) -> str:
    return f"{brand} {sector}"


def _random_organisation(rng: random.Random) -> str:
    return _organisation_name(rng.choice(BRANDS)[0], rng.choice(SECTORS)[0])


def _person_notes(rng: random.Random, role: str, organisation: str, tradition: str) -> str:
    return rng.choice(PERSON_NOTES).format(
        role=role,
        org=organisation or "their own practice",
        topic=rng.choice(TOPICS),
        city=TRADITIONS[tradition].city,
        language=TRADITIONS[tradition].language,
    )


def _interaction_notes(rng: random.Random, name: str) -> str:
    return rng.choice(INTERACTION_NOTES).format(
        first=_first_name(name), topic=rng.choice(TOPICS), other_org=_random_organisation(rng)
    )


def _promise_text(rng: random.Random, owed_by: str, name: str) -> str:
    texts = I_OWE if owed_by == Promise.I_OWE else THEY_OWE
    return rng.choice(texts).format(first=_first_name(name), topic=rng.choice(TOPICS))


def _refuse_filled(path: Path) -> None:
    if Person.select().exists():
        raise JournalError(f"{path} already holds people; give the path of a new file instead.")


# ---------------------------------------------------------------------------------------
# The demo


@dataclass
class _Contact:
    name: str
    tradition: str
    organisation: str
    role: str
    tags: list[str]
    status: str  # the win-win status the demo gives this relationship
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    how_met: str = ""
    met_days_ago: int | None = None
    met_on: dt.date | None = None
    introduced_by: int | None = None  # index into the cast
    notes: str = ""
    cadence_days: int | None = None
    archived: bool = False


@dataclass
class _Touch:
    """One planned interaction."""

    day: dt.date
    people: list[int]  # indexes into the cast
    kind: str = ""
    title: str = ""
    notes: str = ""
    time: dt.time | None = None
    exchanges: list[tuple[int, str, Value]] = field(default_factory=list)


# (brand, sector): a dozen organisations, each in the shared vocabulary.
DEMO_ORGANISATIONS = (
    ("Acme", "Robotics"),
    ("Gdańsk", "Shipping Tech"),
    ("Nordlys", "Ventures"),
    ("Addis", "Fintech Labs"),
    ("Saigon", "Data Works"),
    ("Lumière", "Analytics"),
    ("Brückner", "Logistics"),
    ("Iberia", "Health Partners"),
    ("Kyoto", "Precision Sensors"),
    ("Anatolia", "Cloud"),
    ("Lagos", "Growth Capital"),
    ("Tagus", "Legal"),
    ("Liffey", "Media"),
)

# The people the demo is written around; the rest of the cast is drawn from the seed.
FEATURED_CAST = (
    _Contact(
        "Zoë Brontë-Nuñez",
        "spanish",
        "Acme Robotics",
        "Head of Partnerships",
        ["partner", "client"],
        WIN_WIN,
        how_met="Sat next to each other at Web Summit in Lisbon",
        met_days_ago=640,
        cadence_days=21,
        notes="## Context\n- Runs partnerships for the warehouse robots line\n"
        "- Prefers **short calls**, hates slide decks\n\n## Talking points\n"
        "- Their Series B timing\n- The joint case study",
    ),
    _Contact(
        "Piotr Kowalski",
        "polish",
        "Gdańsk Shipping Tech",
        "CTO",
        ["client"],
        WIN_WIN,
        how_met="Introduced by Zoë over email",
        met_days_ago=600,
        introduced_by=0,
        notes="Builds port-sensor software.\n\n- Loves *sailing*\n- Decides fast, writes little",
    ),
    _Contact(
        "Rahel Tesfaye",
        "ethiopian",
        "Addis Fintech Labs",
        "Founder & CEO",
        ["alumni", "partner"],
        YOU_GIVE_MORE,
        how_met="Mentoring programme at Station F",
        met_days_ago=900,
        cadence_days=30,
        notes="I mentor Rahel on fundraising.\n\n> Wants to raise a seed round in Nairobi",
    ),
    _Contact(
        "Minh Hoang",
        "vietnamese",
        "Saigon Data Works",
        "Head of Data",
        ["supplier"],
        YOU_TAKE_MORE,
        how_met="Cold email about their labelling API",
        met_days_ago=700,
    ),
    _Contact(
        "Ingrid Håkansson",
        "nordic",
        "Nordlys Ventures",
        "Partner",
        ["investor"],
        WIN_WIN,
        how_met="Shared a panel at Slush in Helsinki",
        met_days_ago=1100,
        notes="## Investor\n- Led our pre-seed\n- Board observer\n\n"
        "Ask about **follow-on reserves** before the next round.",
    ),
    _Contact(
        "Jürgen Schäfer",
        "german",
        "Brückner Logistics",
        "Procurement Lead",
        ["client"],
        YOU_GIVE_MORE,
        how_met="Customer pilot kick-off",
        met_days_ago=580,
    ),
    _Contact(
        "Amélie Lefèvre",
        "french",
        "Lumière Analytics",
        "Founder & CEO",
        ["mentor", "partner"],
        YOU_TAKE_MORE,
        how_met="Former colleagues at Kestrel Consulting",
        met_days_ago=2400,
        cadence_days=45,
        notes="My mentor since 2019. Generous with time; **never** asks for anything back.",
    ),
    _Contact(
        "Chiamaka Okafor",
        "west_african",
        "Lagos Growth Capital",
        "Principal",
        ["investor"],
        NEW,
        how_met="Introduced by Ingrid",
        introduced_by=4,
    ),
    _Contact(
        "Takumi Watanabe",
        "japanese",
        "Kyoto Precision Sensors",
        "Sales Director",
        ["supplier"],
        QUIET,
        how_met="Sat next to each other at SusHi Tech in Tokyo",
        met_days_ago=800,
    ),
    _Contact(
        "Siobhán O'Connor",
        "irish",
        "Liffey Media",
        "Tech Correspondent",
        ["press"],
        WIN_WIN,
        how_met="Replied to my LinkedIn post on warehouse automation",
        met_days_ago=560,
    ),
    _Contact(
        "Elif Yılmaz",
        "turkish",
        "Anatolia Cloud",
        "Alliances Manager",
        ["partner"],
        NEW,
        how_met="Met at Pioneers in Vienna",
    ),
    _Contact(
        "Gonçalo Magalhães",
        "portuguese",
        "Tagus Legal",
        "General Counsel",
        ["supplier"],
        QUIET,
        how_met="Founders' dinner in Lisbon",
        met_days_ago=1500,
        archived=True,
        notes="Left Tagus Legal; now on sabbatical.",
    ),
)

# How many of the rest of the cast get each status.
DEMO_STATUS_MIX = {WIN_WIN: 10, YOU_GIVE_MORE: 6, YOU_TAKE_MORE: 5, NEW: 3, QUIET: 4}

DEMO_MONTHS_DAYS = 547  # 18 months of history
ACTIVE = (WIN_WIN, YOU_GIVE_MORE, YOU_TAKE_MORE)


def _demo_cast(rng: random.Random, today: dt.date) -> list[_Contact]:
    organisations = {
        _organisation_name(brand, sector): (brand, sector) for brand, sector in DEMO_ORGANISATIONS
    }
    brand_tradition = dict(BRANDS)
    sector_tag = dict(SECTORS)
    cast = [_copy_contact(c) for c in FEATURED_CAST]
    statuses = [status for status, count in DEMO_STATUS_MIX.items() for _ in range(count)]
    rng.shuffle(statuses)
    taken = {_first_name(c.name) for c in cast}
    for status in statuses:
        independent = rng.random() < 0.08
        organisation = "" if independent else rng.choice(list(organisations))
        brand, sector = organisations.get(organisation, ("", ""))
        home = brand_tradition.get(brand)
        # Distinct first names keep titles such as "Lunch with Piotr" unambiguous.
        unused = [t for t in TRADITIONS if set(TRADITIONS[t].first_names) - taken]
        tradition = home if home in unused and rng.random() < 0.6 else rng.choice(unused)
        name = _random_name(rng, tradition, avoid=taken)
        taken.add(_first_name(name))
        tag = "mentor" if independent else sector_tag[sector]
        tags = [tag] + (["alumni"] if rng.random() < 0.15 else [])
        role = rng.choice(ROLES["independent" if independent else tag])
        contact = _Contact(name, tradition, organisation, role, tags, status)
        if status != NEW:
            contact.met_days_ago = rng.randint(DEMO_MONTHS_DAYS + 10, 2400)
        # Only someone we already knew can have introduced us.
        introducers = [
            i
            for i, c in enumerate(cast)
            if c.met_days_ago and (status == NEW or c.met_days_ago > contact.met_days_ago)
        ]
        if introducers and rng.random() < 0.3:
            contact.introduced_by = rng.choice(introducers)
            contact.how_met = f"Introduced by {_first_name(cast[contact.introduced_by].name)}"
        else:
            contact.how_met = rng.choice(HOW_MET).format(
                event=rng.choice(EVENTS), topic=rng.choice(TOPICS)
            )
        if rng.random() < 0.3:
            contact.notes = _person_notes(rng, role, organisation, tradition)
        if rng.random() < 0.2:
            contact.cadence_days = rng.choice((14, 30, 60, 90))
        if status == QUIET and not any(c.archived for c in cast[len(FEATURED_CAST) :]):
            contact.archived = True  # moved on; kept for the history
        cast.append(contact)
    for contact in cast:
        domain = (
            _domain(contact.organisation, brand_tradition[organisations[contact.organisation][0]])
            if contact.organisation
            else "gmail.com"
        )
        contact.emails = [_email(contact.name, domain)]
        if rng.random() < 0.25:
            contact.phones = [_phone(rng, contact.tradition)]
        if contact.met_days_ago is not None:
            contact.met_on = today - dt.timedelta(days=contact.met_days_ago)
    return cast


def _copy_contact(contact: _Contact) -> _Contact:
    return _Contact(**{**contact.__dict__, "tags": list(contact.tags)})


def _demo_touches(rng: random.Random, cast: list[_Contact], today: dt.date) -> list[_Touch]:
    start = today - dt.timedelta(days=DEMO_MONTHS_DAYS)
    window_start = today - dt.timedelta(days=364)
    long_ago = today - dt.timedelta(days=400)  # safely outside the 365-day window
    active = [i for i, c in enumerate(cast) if c.status in ACTIVE]
    quiet = [i for i, c in enumerate(cast) if c.status == QUIET]
    group_kinds = _Deck(rng, ("meeting", "meal", "event", "introduction", "video call", "email"))
    solo_kinds = _Deck(
        rng,
        ("call", "video call", "email", "message", "meeting", "meal", "referral", "other")
        + ("call", "message", "meeting", "email", "video call"),
    )

    touches: list[_Touch] = []
    for count, pool, first, last in (
        (16, active, window_start + dt.timedelta(days=3), today),
        (7, active + quiet, start, long_ago),
    ):
        for _ in range(count):
            touches.append(_group_touch(rng, cast, pool, first, last, group_kinds.draw()))

    # One-to-one touches per status: (inside the window, before it).
    solo_counts = {
        WIN_WIN: ((4, 8), (1, 3)),
        YOU_GIVE_MORE: ((3, 6), (0, 2)),
        YOU_TAKE_MORE: ((3, 6), (0, 2)),
    }
    for index, contact in enumerate(cast):
        if contact.status in solo_counts:
            (in_low, in_high), (pre_low, pre_high) = solo_counts[contact.status]
            ranges = (
                (rng.randint(in_low, in_high), window_start + dt.timedelta(days=3), today),
                (rng.randint(pre_low, pre_high), start, window_start - dt.timedelta(days=10)),
            )
        elif contact.status == QUIET:
            ranges = ((rng.randint(3, 5), start, long_ago),)
        else:
            ranges = ((rng.randint(1, 2), today - dt.timedelta(days=75), today),)
        for count, first, last in ranges:
            for _ in range(count):
                day = _working_day(first + dt.timedelta(days=rng.randint(0, (last - first).days)))
                touches.append(_Touch(day, [index], kind=solo_kinds.draw()))
    # Something to show on the Today page.
    touches.append(_Touch(today, [0], kind="video call"))
    touches.append(_Touch(today, [1], kind="message"))

    draws = {direction: _Deck(rng, VALUES[direction]) for direction in (GIVEN, RECEIVED)}
    for index, contact in enumerate(cast):
        own = sorted((t for t in touches if index in t.people), key=lambda t: t.day)
        _settle_exchanges(rng, index, contact.status, own, window_start, draws)
        if contact.met_on is None or contact.met_on > own[0].day:
            contact.met_on = own[0].day

    for touch in touches:
        names = [cast[i].name for i in touch.people]
        touch.time = touch.time or _time_of(rng, touch.kind)
        touch.title = _title(rng, touch.kind, names, cast[touch.people[0]].organisation)
        if rng.random() < 0.25:
            touch.notes = _interaction_notes(rng, names[0])
    touches.sort(key=lambda t: (t.day, t.time or dt.time(0)))
    return touches


def _group_touch(
    rng: random.Random,
    cast: list[_Contact],
    pool: list[int],
    first: dt.date,
    last: dt.date,
    kind: str,
) -> _Touch:
    anchor = rng.choice(pool)
    org = cast[anchor].organisation
    colleagues = [i for i in pool if i != anchor and org and cast[i].organisation == org]
    others = [i for i in pool if i != anchor and i not in colleagues]
    rng.shuffle(colleagues)
    rng.shuffle(others)
    company = colleagues + others if rng.random() < 0.6 else others + colleagues
    size = rng.choice((2, 2, 3))
    day = first + dt.timedelta(days=rng.randint(0, (last - first).days))
    if kind != "event":
        day = _working_day(day)
    return _Touch(day, [anchor, *company[: size - 1]], kind=kind)


def _settle_exchanges(
    rng: random.Random,
    person: int,
    status: str,
    touches: list[_Touch],
    window_start: dt.date,
    draws: dict[str, _Deck],
) -> None:
    """Give the person exchanges in their touches so their relationship gets ``status``.

    The margins are wider than the default settings need (a ratio of at most 2 for
    win-win, at least 3 for one-sided), so the status holds with the default ratio 2.5.
    """

    def add(touch: _Touch, direction: str) -> None:
        touch.exchanges.append((person, direction, draws[direction].draw()))

    if status == NEW:
        for n in range(rng.choice((1, 2))):
            add(touches[n % len(touches)], rng.choice((GIVEN, RECEIVED)))
        return

    lean = {WIN_WIN: 0.5, YOU_GIVE_MORE: 0.85, YOU_TAKE_MORE: 0.15, QUIET: 0.5}[status]
    for touch in touches:
        roll = rng.random()
        if roll < (0.4 if len(touch.people) > 1 else 0.15):
            continue  # nothing changed hands this time
        in_window = touch.day >= window_start
        direction = GIVEN if rng.random() < (lean if in_window else 0.5) else RECEIVED
        add(touch, direction)
        if roll > 0.85:  # value went both ways in one conversation
            add(touch, RECEIVED if direction == GIVEN else GIVEN)

    window = [t for t in touches if t.day >= window_start] or touches
    while True:
        given = received = count = 0
        for touch in touches:
            for who, direction, value in touch.exchanges:
                if who != person:
                    continue
                count += 1
                if touch.day >= window_start:
                    if direction == GIVEN:
                        given += value.points
                    else:
                        received += value.points
        if status == WIN_WIN:
            low, high = sorted((given, received))
            settled = low > 0 and high <= 2 * low
            needed = GIVEN if given <= received else RECEIVED
        elif status == YOU_GIVE_MORE:
            settled = given >= 3 * received and given > 0
            needed = GIVEN
        elif status == YOU_TAKE_MORE:
            settled = received >= 3 * given and received > 0
            needed = RECEIVED
        else:
            settled = True
            needed = rng.choice((GIVEN, RECEIVED))
        if settled and count >= 3:
            return
        add(rng.choice(window), needed)


def _write_people(cast: list[_Contact]) -> list[int]:
    ids: list[int] = []
    for contact in cast:
        added = people_cases.add_person(
            contact.name,
            organisation=contact.organisation,
            role=contact.role,
            emails=contact.emails,
            phones=contact.phones,
            how_met=contact.how_met,
            met_on=contact.met_on,
            introduced_by_id=(
                ids[contact.introduced_by] if contact.introduced_by is not None else None
            ),
            tags=contact.tags,
            notes=contact.notes,
            cadence_days=contact.cadence_days,
        )
        ids.append(added.id)
    return ids


def _write_interactions(touches: list[_Touch], person_ids: list[int]) -> list[tuple[_Touch, int]]:
    logged = []
    for touch in touches:
        data = interaction_cases.log_interaction(
            touch.day,
            touch.title,
            [person_ids[i] for i in touch.people],
            kind=touch.kind,
            notes=touch.notes,
            time=touch.time,
            exchanges=[
                ExchangeData(
                    person_id=person_ids[who],
                    direction=direction,
                    category=value.category,
                    points=value.points,
                    description=value.description,
                )
                for who, direction, value in touch.exchanges
            ],
        )
        logged.append((touch, data.id))
    return logged


def _write_promises(
    rng: random.Random,
    cast: list[_Contact],
    logged: list[tuple[_Touch, int]],
    person_ids: list[int],
    today: dt.date,
) -> None:
    def days_ago(low: int, high: int) -> list[tuple[_Touch, int]]:
        found = [
            (t, i)
            for t, i in logged
            if low <= (today - t.day).days <= high and cast[t.people[0]].status in ACTIVE
        ]
        return found or logged[-5:]

    # (how many, from interactions N to M days ago, due how many days after, status)
    plan = (
        (4, days_ago(20, 70), (5, 12), OPEN),  # overdue by now
        (4, days_ago(0, 10), None, OPEN),  # due within the week
        (2, days_ago(0, 30), (30, 45), OPEN),
        (8, days_ago(60, 500), (7, 21), KEPT),
        (2, days_ago(60, 500), (7, 21), DROPPED),
    )
    owed = _Deck(rng, (Promise.I_OWE, Promise.THEY_OWE))
    for count, candidates, due_after, status in plan:
        for touch, interaction_id in rng.sample(candidates, min(count, len(candidates))):
            person = rng.choice(touch.people)
            owed_by = owed.draw()
            if due_after is None:
                due = today + dt.timedelta(days=rng.randint(0, 6))
            else:
                due = touch.day + dt.timedelta(days=rng.randint(*due_after))
            promise = promise_cases.add_promise(
                person_ids[person],
                owed_by,
                _promise_text(rng, owed_by, cast[person].name),
                due=due,
                interaction_id=interaction_id,
            )
            if status != OPEN:
                closed_on = min(today, due + dt.timedelta(days=rng.randint(-5, 3)))
                promise_cases.set_status(promise.id, status, on=closed_on)


def _write_reflections(
    rng: random.Random, cast: list[_Contact], touches: list[_Touch], today: dt.date
) -> None:
    """Half the last 60 days, each about the day's interactions, with @mentions."""
    by_day: dict[dt.date, list[_Touch]] = defaultdict(list)
    for touch in touches:
        by_day[touch.day].append(touch)
    active = [i for i, c in enumerate(cast) if c.status in ACTIVE]
    for day in sorted(today - dt.timedelta(days=n) for n in rng.sample(range(60), 30)):
        lines = []
        for touch in by_day.get(day, [])[:3]:
            line = f"- {KIND_PHRASES[touch.kind]} @{cast[touch.people[0]].name}"
            if touch.exchanges:
                line += f" — {touch.exchanges[0][2].description}"
            lines.append(f"{line}.")
        if not lines:
            name = cast[rng.choice(active)].name
            lines.append(f"No meetings today. It has been a while since I spoke to @{name}.")
        lines += ["", rng.choice(CLOSING_LINES)]
        reflection_cases.save_reflection(day, "\n".join(lines))


# ---------------------------------------------------------------------------------------
# The reference journal

BATCH_ROWS = 500
ROWS_PER_TRANSACTION = 50_000
LARGE_DAYS = 3 * 365
KINDS_WEIGHTED = (
    ("meeting", 22),
    ("call", 18),
    ("video call", 18),
    ("email", 16),
    ("message", 12),
    ("meal", 6),
    ("event", 3),
    ("introduction", 2),
    ("referral", 1),
    ("other", 2),
)


def _new_uid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def _stamp(rng: random.Random, day: dt.date) -> dt.datetime:
    """A moment on the evening of ``day``, when the day's entries are typed in."""
    return dt.datetime.combine(day, dt.time(17)) + dt.timedelta(seconds=rng.randrange(5 * 3600))


class _LargeBuild:
    """One build of the reference journal: plan in memory, then write table by table."""

    def __init__(
        self,
        rng: random.Random,
        today: dt.date,
        people: int,
        reflection_days: int,
        progress: Callable[[float], None] | None,
    ) -> None:
        self.rng = rng
        self.today = today
        self.first_day = today - dt.timedelta(days=LARGE_DAYS - 1)
        self.people = people
        self.reflection_days = reflection_days
        self.progress = progress
        self.done = 0
        self.total = 1
        # Per person (index = id - 1): activity, active span, share of value I give.
        self.weights: list[float] = []
        self.spans: list[tuple[int, int]] = []
        self.lean: list[float] = []
        self.names: list[str] = []
        self.organisations: list[str] = []
        # Per interaction (index = id - 1).
        self.created: list[dt.datetime] = []
        self.kinds: list[str] = []

    def run(self, interactions: int, exchanges: int, promises: int) -> None:
        people = self._people()
        planned = self._plan_interactions(interactions)
        self.total = (
            len(people) * 2
            + interactions
            + sum(len(who) for _, who in planned)
            + exchanges
            + promises
            + 2 * self.reflection_days
        )
        created = _stamp(self.rng, self.first_day)
        self._insert(
            Tag,
            "id name cadence_days",
            ((created, n, name, TAG_CADENCES.get(name)) for n, name in enumerate(TAGS, 1)),
        )
        self._write_people(people)
        self._write_interactions(planned)
        self._write_exchanges(planned, exchanges)
        self._write_promises(planned, promises)
        self._write_reflections(planned)
        if self.progress:
            self.progress(1.0)

    def _insert(self, model, columns: str, rows: Iterable[tuple]) -> None:
        """Write rows of ``(created_at, *columns)``, each with a new uid, in batches."""
        fields = [model.uid, model.created_at, model.updated_at]
        fields += [getattr(model, name) for name in columns.split()]
        stamped = ((_new_uid(self.rng), row[0], row[0], *row[1:]) for row in rows)
        for block in chunked(stamped, ROWS_PER_TRANSACTION):
            with database.atomic():
                for batch in chunked(block, BATCH_ROWS):
                    model.insert_many(batch, fields=fields).execute()
            self.done += len(block)
            if self.progress:
                self.progress(min(self.done / self.total, 0.999))

    def _people(self) -> list[tuple]:
        """Who they are, how active, and which way value tends to flow with them."""
        rng = self.rng
        organisations = [
            (_organisation_name(brand, sector), home, tag)
            for brand, home in BRANDS
            for sector, tag in SECTORS
        ]
        # Some organisations are much bigger than others.
        org_weights = list(_cumulative(rng.paretovariate(1.5) for _ in organisations))
        traditions = list(TRADITIONS)
        tag_ids = {name: n for n, name in enumerate(TAGS, 1)}
        first, last = self.first_day.toordinal(), self.today.toordinal()
        rows = []
        for person_id in range(1, self.people + 1):
            org, home, tag = rng.choices(organisations, cum_weights=org_weights)[0]
            if rng.random() < 0.05:
                org, home, tag = "", None, "mentor"
            tradition = home if home and rng.random() < 0.6 else rng.choice(traditions)
            name = _random_name(rng, tradition)
            role = rng.choice(ROLES[tag if org else "independent"])
            tags = [tag] + (["alumni"] if rng.random() < 0.12 else [])
            # Known before the journal started, or met at some point since; some drift away.
            begin = first if rng.random() < 0.4 else rng.randint(first, last - 14)
            end = last if rng.random() < 0.75 else rng.randint(begin, last)
            met_on = dt.date.fromordinal(begin - (rng.randint(30, 2000) if begin == first else 0))
            introduced_by = None
            how_met = rng.choice(HOW_MET).format(event=rng.choice(EVENTS), topic=rng.choice(TOPICS))
            if person_id > 1 and rng.random() < 0.15:
                introduced_by = rng.randint(1, person_id - 1)
                how_met = f"Introduced by {_first_name(self.names[introduced_by - 1])}"
            emails = [_email(name, _domain(org, home) if org else "gmail.com")]
            phones = [_phone(rng, tradition)] if rng.random() < 0.3 else []
            links = []
            if rng.random() < 0.2:
                links.append(
                    f"https://www.linkedin.com/in/{_slug(name, '-')}-{rng.randint(10, 99)}"
                )
            notes = ""
            if rng.random() < 0.1:
                notes = _person_notes(rng, role, org, tradition)
            cadence = rng.choice((14, 30, 60, 90, 180)) if rng.random() < 0.1 else None
            # Activity has a heavy tail, spread over the span the person is around.
            rate = min(rng.paretovariate(1.2), 150.0)
            self.weights.append(rate * (end - begin + 1) / LARGE_DAYS)
            self.spans.append((begin, end))
            self.lean.append(rng.betavariate(2, 2))
            self.names.append(name)
            self.organisations.append(org)
            archived = rng.random() < 0.015
            created = _stamp(rng, dt.date.fromordinal(begin))
            rows.append(
                (created, person_id, name, org, role, emails, phones, links, how_met, met_on)
                + (introduced_by, notes, cadence, archived, [tag_ids[t] for t in tags])
            )
        return rows

    def _write_people(self, people: list[tuple]) -> None:
        self._insert(
            Person,
            "id name organisation role emails phones links how_met met_on introduced_by notes"
            " cadence_days archived",
            (row[:-1] for row in people),
        )
        self._insert(
            PersonTag,
            "person tag",
            ((row[0], row[1], tag_id) for row in people for tag_id in row[-1]),
        )

    def _plan_interactions(self, interactions: int) -> list[tuple[int, tuple[int, ...]]]:
        """(day ordinal, person ids) per interaction, oldest first."""
        rng = self.rng
        everyone = range(self.people)
        cumulative = list(_cumulative(self.weights))
        leads = rng.choices(everyone, cum_weights=cumulative, k=interactions)
        # The benchmarks open a person with 2,000 interactions: make sure there is one.
        hub = max(everyone, key=self.weights.__getitem__)
        self.spans[hub] = (self.first_day.toordinal(), self.today.toordinal())
        for position in rng.sample(range(interactions), min(2_000, interactions // 10)):
            leads[position] = hub
        planned = []
        for lead in leads:
            begin, end = self.spans[lead]
            day = rng.randint(begin, end)
            # Ordinal 1 is a Monday, so 6 and 0 (mod 7) are Saturdays and Sundays.
            if day % 7 in (0, 6) and rng.random() < 0.85:  # weekends are quieter
                day = max(begin, day - (1 if day % 7 == 6 else 2))
            extra = 0 if rng.random() < 0.72 else (1 if rng.random() < 0.8 else 2)
            people = [lead + 1]
            for other in rng.choices(everyone, cum_weights=cumulative, k=extra):
                if other + 1 not in people:
                    people.append(other + 1)
            planned.append((day, tuple(people)))
        planned.sort(key=lambda p: p[0])
        return planned

    def _write_interactions(self, planned: list[tuple[int, tuple[int, ...]]]) -> None:
        rng = self.rng
        kinds = [k for k, _ in KINDS_WEIGHTED]
        kind_weights = list(_cumulative(w for _, w in KINDS_WEIGHTED))

        def rows():
            for interaction_id, (ordinal, people) in enumerate(planned, 1):
                day = dt.date.fromordinal(ordinal)
                kind = rng.choices(kinds, cum_weights=kind_weights)[0]
                names = [self.names[p - 1] for p in people]
                title = _title(rng, kind, names, self.organisations[people[0] - 1])
                notes = _interaction_notes(rng, names[0]) if rng.random() < 0.1 else ""
                created = _stamp(rng, day)
                self.created.append(created)
                self.kinds.append(kind)
                yield (created, interaction_id, day, _time_of(rng, kind), kind, title, notes)

        self._insert(Interaction, "id date time kind title notes", rows())
        self._insert(
            Participant,
            "interaction person",
            (
                (self.created[n], n + 1, person)
                for n, (_, people) in enumerate(planned)
                for person in people
            ),
        )

    def _write_exchanges(self, planned: list[tuple[int, tuple[int, ...]]], count: int) -> None:
        rng = self.rng

        def rows():
            for n in sorted(rng.randrange(len(planned)) for _ in range(count)):
                person = rng.choice(planned[n][1])
                direction = GIVEN if rng.random() < self.lean[person - 1] else RECEIVED
                value = rng.choice(VALUES[direction])
                yield (self.created[n], n + 1, person, direction, *value)

        self._insert(Exchange, "interaction person direction category points description", rows())

    def _write_promises(self, planned: list[tuple[int, tuple[int, ...]]], count: int) -> None:
        rng = self.rng
        today = self.today

        def rows():
            for n in sorted(rng.randrange(len(planned)) for _ in range(count)):
                ordinal, people = planned[n]
                person = rng.choice(people)
                owed_by = Promise.I_OWE if rng.random() < 0.55 else Promise.THEY_OWE
                text = _promise_text(rng, owed_by, self.names[person - 1])
                due = dt.date.fromordinal(ordinal + rng.randint(3, 30))
                status, closed_on = OPEN, None
                overdue_by = (today - due).days
                roll = rng.random()
                # Most old promises are settled; a few stay open, overdue.
                if (overdue_by > 14 and roll < 0.85) or (overdue_by > 0 and roll < 0.3):
                    status = KEPT if roll < 0.72 else DROPPED
                    closed_on = min(today, due + dt.timedelta(days=rng.randint(-3, 10)))
                yield (self.created[n], person, n + 1, owed_by, text, due, status, closed_on)

        self._insert(Promise, "person interaction owed_by text due status closed_on", rows())

    def _write_reflections(self, planned: list[tuple[int, tuple[int, ...]]]) -> None:
        rng = self.rng
        first = self.today.toordinal() - self.reflection_days + 1
        by_day: dict[int, list[int]] = defaultdict(list)
        for n, (ordinal, _) in enumerate(planned):
            if ordinal >= first:
                by_day[ordinal].append(n)
        reflections = []
        mentions = []
        for reflection_id, ordinal in enumerate(range(first, first + self.reflection_days), 1):
            day = dt.date.fromordinal(ordinal)
            mentioned: list[int] = []
            lines = []
            for n in by_day.get(ordinal, [])[:3]:
                person = planned[n][1][0]
                if person not in mentioned:
                    mentioned.append(person)
                    value = rng.choice(VALUES[rng.choice((GIVEN, RECEIVED))])
                    lines.append(
                        f"- {KIND_PHRASES[self.kinds[n]]} @{self.names[person - 1]}"
                        f" — {value.description}."
                    )
            if not lines:
                person = rng.randint(1, self.people)
                mentioned.append(person)
                lines.append(f"Thought about @{self.names[person - 1]}; time to reach out.")
            lines += ["", rng.choice(CLOSING_LINES)]
            created = _stamp(rng, day)
            reflections.append((created, reflection_id, day, "\n".join(lines), {}))
            mentions += [(created, reflection_id, person) for person in mentioned]
        self._insert(Reflection, "id day text answers", reflections)
        self._insert(Mention, "reflection person", mentions)


def _cumulative(values: Iterable[float]) -> Iterable[float]:
    total = 0.0
    for value in values:
        total += value
        yield total
