"""The invented people and companies of the sample export (none is real)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from linkedin_ssi.synthetic.linkedin_format import links

FIRST_NAMES = """Aarav Abebe Ada Adaeze Adrian Aiko Alba Alejandro Amara Anders Anika Arjun Astrid Beatriz
Bruno Camila Carmen Chidi Clara Dara Diego Elif Emeka Enzo Esme Farah Felix Freya Gabriel Greta Hana Hugo
Idris Ilse Imani Isak Jonas Julia Kaito Kalani Kenji Lara Leandro Leila Lena Lucia Luca Mads Maia Malik
Marisol Mateus Mei Mila Nadia Nikhil Noor Oskar Paloma Rafael Rania Ravi Rosa Ruben Saanvi Selin Silas
Sofia Tariq Teodora Theo Tomasz Valentina Wen Yara Yusuf Zara""".split()
LAST_NAMES = """Abara Achterberg Almeida Andersen Arslan Bakker Barros Bellweather Brandao Calloway Castellano
Cho Dalca Delacroix Dimitrov Ekström Esposito Fairbairn Falk Ferreira Fonseca Galvão Gunawardena Haddad
Halvorsen Hartigan Ibarra Ilunga Jovanovic Kaminski Karlsson Kettleby Kowalczyk Lindgren Lopes Marchetti
Matsuda Mbeki Moreau Nakamura Novak Nwosu Oduya Okonkwo Oyelaran Pacheco Petrova Quintero Rahimi Ramires
Rask Ribeiro Rosenthal Sandoval Santangelo Silveira Sorensen Stavros Tanaka Teixeira Thornbury Udeh
Valente Varga Vasquez Wexford Whitlock Yilmaz Zapata Zielinski""".split()

COMPANIES = [
    "Quillfeather Analytics",
    "Bramblecone Labs",
    "Tidewater Logistics",
    "Kestrel Health",
    "Orchard & Pine",
    "Lumen Ridge Capital",
    "Copperleaf Software",
    "Saltmarsh Media",
    "Northgale Energy",
    "Vantor Retail Group",
    "Halcyon Bio",
    "Pebblestone Insurance",
    "Driftwood Games",
    "Marrow & Vine",
    "Ironbark Systems",
    "Bluefen Robotics",
    "Cinderpath Studios",
    "Larkspur Finance",
    "Greywater Foods",
    "Fernhollow University",
    "Sablewood Consulting",
    "Tern & Tide Travel",
    "Moonquarry Data",
    "Oakhurst Telecom",
    "Redshank Mobility",
    "Skyline Cloud",
    "Wrenfield Hospital",
    "Amberlight Energy",
    "Glasshouse Labs",
    "Pinecrest Legal",
]
POSITIONS = [
    "Data Engineer",
    "Analytics Engineer",
    "Product Manager",
    "Head of Data",
    "Software Engineer",
    "UX Researcher",
    "Founder",
    "Technical Recruiter",
    "Data Scientist",
    "Engineering Manager",
    "BI Developer",
    "Customer Success Lead",
    "Marketing Analyst",
    "VP Engineering",
    "Senior Consultant",
    "Staff Engineer",
    "Operations Manager",
    "Research Scientist",
    "Growth Lead",
    "Solutions Architect",
    "CTO",
    "Senior Data Analyst",
    "Platform Engineer",
    "Product Designer",
]


@dataclass
class Person:
    """One invented person; `connected_on` is set once they are a connection of the member."""

    first: str
    last: str
    slug: str  # as it appears in Connections (may be percent-encoded)
    raw_slug: str  # as it appears in Invitations / Endorsements (raw UTF-8)
    company: str = ""
    position: str = ""
    email: str = ""
    connected_on: date | None = None

    @property
    def connected_day(self) -> date:
        """The day they became a connection, for a person of `World.connections` (each has one)."""
        assert self.connected_on is not None, f"{self.name} is not a connection of the member"
        return self.connected_on

    @property
    def name(self) -> str:
        return f"{self.first} {self.last}"

    @property
    def url(self) -> str:
        return links.profile_url(self.slug)

    @property
    def raw_url(self) -> str:
        return links.profile_url(self.raw_slug)
