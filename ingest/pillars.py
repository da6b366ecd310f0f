"""The four SSI pillars, with the names LinkedIn's SSI page gives them: defined once.

A module of its own, importing nothing, so the CLI can name the pillars in `--help` without loading polars.
"""

PILLARS = ("brand", "people", "insights", "relationships")
# As https://www.linkedin.com/sales/ssi names them (docs/ssi.md §1.1).
PILLAR_LABELS = {
    "brand": "Establish your professional brand",
    "people": "Find the right people",
    "insights": "Engage with insights",
    "relationships": "Build relationships",
}
