"""The vocabularies the generated journals draw from: naming traditions, organisations,
roles, what changes hands (with its points), titles, notes and promises.

Plain data shared by the demo (``demo.story``) and the reference journal
(``demo.reference``); nothing here draws at random.
"""

from __future__ import annotations

from typing import NamedTuple

from winwin_desktop.analytics import GIVEN, RECEIVED


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

PROMISES_I_OWE = (
    "Send the market map",
    "Introduce {first} to our lead investor",
    "Share the churn benchmark",
    "Review their proposal on {topic}",
    "Write a LinkedIn recommendation for {first}",
    "Send the workshop slides",
    "Book a demo for their team",
)
PROMISES_THEY_OWE = (
    "Send the term sheet template",
    "Intro to their CFO",
    "Share the tender documents",
    "Feedback on our pricing",
    "Send the signed NDA",
    "Confirm the pilot budget",
    "Set up a reference call with a customer",
)

# How often each kind of interaction occurs in the reference journal.
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
