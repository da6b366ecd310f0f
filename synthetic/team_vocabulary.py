"""The synthetic team generator's invented words: names, companies, positions, message and post texts, searches,
and the pools of ready-made free texts (built once per process from a fixed seed: the same everywhere).

EVERYTHING HERE IS INVENTED; links use example.com / example.org only.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import cache

FIRST_NAMES = (
    "Ada Aiden Akira Alba Aleksander Amara Amelia Anders Anika Arjun Astrid Aurelio Ayla Bastian Beatriz Bram "
    "Caius Calla Camille Cassius Celeste Chidi Clara Corin Dalia Damaris Darius Delphine Dmitri Ebba Edmund Eira "
    "Elias Elodie Emeka Enzo Esme Ezra Fabian Farah Felix Fenna Florin Freya Gideon Greta Hana Hugo Idris Ilse "
    "Imani Isak Ivo Jonah Juno Kaito Kalani Kasimir Keira Kenji Kofi Lara Leif Lena Lior Lorenzo Luca Maeve Mala "
    "Marek Mateo Mira Nadia Nico Nika Noor Odile Oren Orla Otto Paloma Priya Quinn Rafael Rhea Rowan Sabine Santi "
    "Selin Silas Sofia Soren Talia Tariq Thea Tobias Uma Valen Vera Wim Xenia Yara Yusuf Zadie Zane"
).split()
FIRST_NAMES_ACCENTED = ("Zoë", "Inês", "João", "Lucía", "Søren", "Chloé", "Željko", "Ståle", "Małgorzata", "Renée")
LAST_NAMES = (
    "Abernathy Achterberg Adeyemi Albescu Alcott Ambrose Ashdown Balogun Barlowe Beaumont Bellweather Birch "
    "Blackwood Brennan Calloway Carrow Castellan Chatterjee Corvin Dahlgren Darrow Delacroix Drummond Ebner "
    "Ellingsen Everhart Falkner Fenwick Ferreira Fitzroy Galloway Garnier Gaskell Greaves Halloran Hartigan "
    "Hawthorne Holloway Ibarra Ingram Iversen Jansen Kaminski Kellerman Kessler Kingsley Lachance Lindqvist "
    "Lockhart Lowell Mabry Marchetti Merriweather Montague Nakamura Nightingale Northcott Okafor Oyelaran "
    "Pemberton Penrose Quarles Radcliffe Ravenscroft Rinaldi Rosenthal Sandoval Seward Sinclair Stroud "
    "Takahashi Thackeray Thornbury Underhill Valdivia Vanterpool Waverly Whitlock Winslow Yardley Zielinski"
).split()
LAST_SUFFIXES = (", PhD", ", MBA", ", CPA", " 🌱", " 🚀")
COMPANIES = (
    "Quillfeather Analytics",
    "Tidewater Logistics",
    "Halcyon Bio",
    "Skyline Cloud",
    "Greywater Foods",
    "Kestrel Health",
    "Brightline Data, Inc.",
    'The "Quiet Hours" Collective',
    "Oakhurst Telecom",
    "Redshank Mobility",
    "Lumen Ridge Capital",
    "Fernhollow University",
    "Glasshouse Labs",
    "Tern & Tide Travel",
    "Marlow & Finch Partners",
    "Bytebridge Academy",
    "Copperleaf Energy",
    "Northwind Freight, Ltd.",
    "Saltmarsh Studios",
    "Ironbark Security",
    "Pinecrest Robotics",
    "Silverline Payments",
    "Harbourview Hotels",
    "Meadowlark Media",
    "Stonefield Construction",
    "Bluefin Insurance",
    "Amberglow Retail",
    "Cobalt Circuitry",
    "Driftwood Design",
    "Evergreen Clinics",
    "Foxglove Pharma",
    "Granite Peak Ventures",
    "Hollowbrook Farms",
    "Juniper Legal",
    "Kingfisher Aerospace",
    "Larkspur Learning",
    "Moonstone Games",
    "Nettlefield Water",
)
POSITIONS = (
    "Analytics Engineer",
    "Data Engineer",
    "Senior Data Scientist",
    "Head of Data",
    "Product Manager",
    "Account Executive",
    "Sales Development Representative",
    "Director, Data Platform",
    "Software Engineer",
    "Engineering Manager",
    "Recruiter",
    "Talent Partner",
    "Founder",
    "Co-Founder & CEO",
    "Marketing Lead",
    "Customer Success Manager",
    "UX Researcher",
    "Research Scientist",
    "VP, Sales",
    "Operations Analyst",
    "Solutions Architect",
    "Consultant",
    "Associate Professor",
    "Growth Lead",
    "Chief of Staff",
)
SENTENCES = (
    "Thanks for connecting!",
    "Great to meet you at the meetup yesterday.",
    "Hope you're well.",
    "Quick question about your post on data contracts.",
    "Do you have 20 minutes next week for a chat?",
    "Sure, Thursday works for me.",
    "Thanks, that's really helpful.",
    "Sounds good!",
    "Let me check with the team and get back to you.",
    "Happy to help.",
    "I'll send the slides over tonight.",
    "We tried that last quarter and it worked surprisingly well.",
    "Sorry for the slow reply!",
    "Congrats on the new role!",
    "Can we move it to Friday morning?",
    "Great, thanks a lot.",
    "I'd start with the staging layer and keep the marts thin.",
    "Booked a slot in your calendar.",
    "That makes sense.",
    "Looking forward to it.",
    "Yes, I can share the deck.",
    "Are you still looking for speakers for the October session?",
    "Loved your comment on the pricing thread.",
    "We are hiring for two roles in the platform team, happy to share details.",
    "Our pilot ships in May, budget is approved.",
    "Would you be open to a short intro call?",
    "I read your article on forecasting, and it changed how we plan capacity.",
    'She called it "the metrics tree" and it stuck.',
    "Let's keep in touch.",
    "Cheers, and have a great weekend.",
    "Following up on my last message, no pressure at all.",
    "Attaching the agenda for Thursday.",
    "The numbers look better than expected: churn is down, expansion is up.",
    "Thanks again for the intro to Lena.",
    "Could you send me the link to the repo?",
    "Not yet, but I'm planning to write it up.",
    "I'll be in Lisbon next week, coffee?",
    "Happy Friday!",
    "Noted, I'll update the doc.",
    "Do you know anyone who has done this at scale?",
    "Great talk yesterday, the Q&A was the best part.",
)
COMMENT_TEXTS = (
    "Great write-up!",
    "Congrats on the launch!",
    "This is so true",
    "Thanks for sharing",
    "Well said",
    "Couldn't agree more",
    "Bookmarking this",
    "Love this framing",
    "Great point about ownership",
    "Totally agree with the part about tests",
    "Welcome to the team!",
    "Looking forward to the next one",
    "Such a useful checklist",
    "Congratulations, well deserved",
    "Interesting take",
    "We saw the same thing at our company",
    "Would love to read the follow-up",
    "Nice work team",
    'The "metrics tree" idea is gold',
    'As my old manager used to say, "measure twice"',
    "Agreed, tests first and docs second",
    "Great question, we use a metrics layer for exactly that",
)
POST_TEXTS = (
    "Shipped our new metrics layer today. Fewer dashboards, more answers.",
    "Hiring! We are looking for an analytics engineer in Lisbon. DM me.",
    "Slides from my talk at the Porto data meetup are up.",
    "Hot take: most data quality problems are ownership problems.",
    "Grateful for this team, one year in!",
    "What is the one metric your team would never give up?",
    "Small wins: our daily build is now under 4 minutes.",
    "If your dashboard needs a manual, it needs a redesign.",
    'We call it the "two-pizza dashboard" rule, and it works.',
)
SEARCH_TERMS = (
    "analytics engineer",
    "dbt",
    "duckdb",
    "data contracts",
    "head of data",
    "metrics layer",
    "data platform lisbon",
    "staff data engineer",
    "semantic layer",
    "data mesh",
    "prefect",
    "polars",
    "warehouse cost",
    "data quality",
    "sales director",
    "account executive saas",
    "product analytics",
    "recruiter data",
    "reverse etl",
)
REACTION_WEIGHTS = (62, 11, 8, 6, 9, 3, 1)
POLL_OPTIONS = (
    "Yes",
    "No",
    "It depends",
    "dbt",
    "Plain SQL",
    "Weekly",
    "Monthly",
    "Remote",
    "Hybrid",
    "Spreadsheets, honestly",
    "Build it ourselves",
)
SKILLS = (
    "SQL",
    "Python",
    "Data Modeling",
    "Extract, Transform, Load (ETL)",
    "Statistics",
    "Leadership",
    "Stakeholder Management",
    "Negotiation",
    "Public Speaking",
    "Forecasting",
)
SHARED_URLS = (
    "https://blog.example.com/notes/metric-trees",
    "https://www.example.org/reports/data-teams",
    "https://news.example.com/analytics/warehouse-costs",
    "https://www.example.org/events/meetup",
)
# Free-text vocabulary: one random sentence per message body keeps the text about as compressible as real chat
# (a ZIP of real exports is ~3.5x smaller than its CSVs; pooled sentences alone would compress ~14x).
VOCABULARY = (
    "about account action after again agenda ahead align almost already also always analysis answer anyone "
    "approach april around article asked attach audience august available back backlog based because before "
    "believe benchmark best better between board book break brief budget build business busy call calendar "
    "campaign candidate case catch change check client close coffee colleague come company conference confirm "
    "contract could customer data date deadline deal deck demo design detail different dinner direction doc "
    "done draft early easy email end enough event every example expect experience fast feedback figure final "
    "find first follow forecast forward friday funnel goal good great group growth guess happy hear help hire "
    "hope idea impact include insight interest interview invoice issue item january july june just keep kind "
    "know last late launch lead learn least less let like link list little local long look lunch make manager "
    "march market maybe meeting mention metric might migration minute model monday month more morning move "
    "much need network never next nice note number offer office onboarding open option order other pipeline "
    "plan platform please point post pretty price priority problem process product project proposal quarter "
    "question quick quote rather ready really reason recap recruit release report request review right risk "
    "roadmap role room run sales saturday schedule screen second send september session share ship short "
    "should show sign similar simple since slide slot small something soon sorry speak sprint staff start "
    "still story strategy sunday support sure survey system take talk target team tell test thank thing "
    "think thursday ticket time today together tomorrow tool topic track trial tuesday update usage value "
    "vendor video visit wait want week weekend welcome what when while why wednesday work workshop write "
    "year yesterday"
).split()


@dataclass(frozen=True)
class Pools:
    """Message bodies and other free texts, raw (quoting is applied per dialect by the writers)."""

    bodies: tuple[str, ...]  # single-line message bodies
    multiline: tuple[str, ...]  # message bodies with line breaks
    html: tuple[str, ...]  # sponsored message bodies
    posts: tuple[str, ...]
    comments: tuple[str, ...]
    queries: tuple[str, ...]


@cache
def pools() -> Pools:
    """Return the shared text pools (deterministic: a fixed seed, independent of the caller's)."""
    rng = random.Random(20261125)

    def free_sentence() -> str:
        words = rng.choices(VOCABULARY, k=rng.randrange(6, 22))
        return " ".join(words).capitalize() + rng.choice((".", ".", ".", "?", "!", ", thanks."))

    bodies = tuple(
        " ".join(rng.sample(SENTENCES, rng.choice((1, 1, 2, 2, 3))))
        + " "
        + free_sentence()
        + ("  " + rng.choice(SENTENCES) if rng.random() < 0.15 else "")
        for _ in range(16384)
    )
    multiline = tuple(
        rng.choice(("Hi,", "Hello!", "Hey,"))
        + rng.choice(("\n\n", "\n"))
        + "\n".join(rng.sample(SENTENCES, rng.randrange(1, 4)) + [free_sentence()])
        + rng.choice(("\n\nBest", "\nCheers", ""))
        for _ in range(1024)
    )
    html = tuple(
        f'<p class="spinmail-quill-editor__spin-break">Hi %FIRSTNAME%,</p><p class="spinmail-quill-editor__spin-break">'
        f"Teams at {rng.choice(COMPANIES).replace(chr(34), '')} &amp; {rng.choice(COMPANIES).replace(chr(34), '')} "
        f"cut costs by {rng.randrange(10, 60)}%.<br>Join our free webinar.</p>"
        for _ in range(32)
    )
    posts = tuple(
        [rng.choice(POST_TEXTS) for _ in range(200)]
        + ["\n".join(rng.sample(POST_TEXTS, 2)) for _ in range(30)]
        + [rng.choice(POST_TEXTS) + "\n\n" + rng.choice(POST_TEXTS) for _ in range(20)]
    )
    comments = tuple(
        [rng.choice(COMMENT_TEXTS) for _ in range(380)]
        + [
            rng.choice(COMMENT_TEXTS) + "\n" + rng.choice(COMMENT_TEXTS).replace(",", "").replace('"', "")
            for _ in range(20)
        ]
    )
    names = [f"{first} {last}" for first, last in zip(rng.choices(FIRST_NAMES, k=300), rng.choices(LAST_NAMES, k=300))]
    companies = [c.replace('"', "") for c in COMPANIES]
    # ~3% of queries hold commas: quoted before 2025, split into extra fields from 2025 (spec §2.8).
    with_commas = [
        f"{rng.choice(SEARCH_TERMS)}, {rng.choice(('lisbon', 'remote', 'berlin', 'fintech'))}" for _ in range(30)
    ]
    queries = tuple([rng.choice(SEARCH_TERMS) for _ in range(500)] + names + companies + with_commas)
    return Pools(bodies, multiline, html, posts, comments, queries)
