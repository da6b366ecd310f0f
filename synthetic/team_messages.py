"""A synthetic member's messages.csv: conversations by folder, each era's columns and quoting, drafts (2024-12),
attachments (2025+), sponsored messages, InMails and group chats (spec §2.3)."""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from linkedin_ssi.synthetic.linkedin_format import headers, links
from linkedin_ssi.synthetic.linkedin_format.layout import ExportFile, chunked
from linkedin_ssi.synthetic.linkedin_format.quoting import q_all, q_min, q_none
from linkedin_ssi.synthetic.team_history import Cut
from linkedin_ssi.synthetic.team_member import Member, event_times, header_line
from linkedin_ssi.synthetic.team_vocabulary import COMPANIES, POSITIONS, pools

# Seconds between consecutive messages of a conversation.
REPLY_GAPS = (40, 120, 300, 660, 2100, 5400, 14400, 36000, 86400, 172800, 432000)
_FOLDERS = ("INBOX", "ARCHIVE", "SPAM")


def _attachment(rng: random.Random) -> str:
    """Return an invented ATTACHMENTS link."""
    kind = rng.choice(("image", "vid"))
    asset, epoch_ms = f"{rng.getrandbits(64):016x}", rng.randrange(1_700_000_000_000, 1_790_000_000_000)
    return links.attachment_url(kind, asset, epoch_ms, f"{rng.getrandbits(80):020x}", "inv")


class _MessageLayout:
    """How one era writes a messages.csv row: column set, quoting, and the draft/attachment tail."""

    def __init__(self, era: str):
        self.era = era
        self.q = q_all if era == "2026" else q_min
        self.with_urls = era != "2021"
        self.has_drafts = era == "2024-12"  # the only layout with the draft columns; others leave drafts out
        self.header = header_line(headers.MESSAGES[era], self.q if era == "2026" else q_none)
        p = pools()
        self.bodies = [self.q(b) for b in p.bodies]
        self.multiline = [self.q(b) for b in p.multiline]
        self.html = [self.q(b) for b in p.html]
        self.empty = self.q("")

    def head(self, cid: str, title: str, sender: str, sender_url: str, to: str, to_urls: str) -> str:
        """The fields before DATE, each quoted, with a trailing comma."""
        q = self.q
        fields = [q(cid), q(title), q(sender), q(sender_url), q(to)] + ([q(to_urls)] if self.with_urls else [])
        return ",".join(fields) + ","

    def tail(self, folder: str, draft: bool = False, attachments: str = "") -> str:
        """FOLDER and the era's optional columns, with the newline."""
        q = self.q
        if self.era == "2024-12":
            return f"{q(folder)},{'Yes' if draft else 'No'},No\n"
        if self.era in ("2025", "2026"):
            return f"{q(folder)},{q(attachments)}\n"
        return f"{q(folder)}\n"


@cache
def _message_layout(era: str) -> _MessageLayout:
    """Return the era's layout, built once per process (quoting the pools of texts is most of a small member's
    cost)."""
    return _MessageLayout(era)


# A conversation as written: its folder's rank (orphan drafts rank last) and its rows, newest first, each with the
# second it was sent.
Conversation = tuple[int, list[tuple[int, str]]]


def _conversations(m: Member, era: str) -> tuple[_MessageLayout, Iterator[Conversation]]:
    """Return the era's layout and the member's conversations in file order: by folder, the latest first; then
    the orphan drafts. What is drawn follows the member's era (drafts in 2024-12, attachments from 2025), how it
    is written `era`, so every layout of one member writes the same messages."""
    rng = m.rng("messages")
    n = m.counts["messages"]
    layout = _message_layout(era)
    orphans = max(1, n // 5000) if m.era == "2024-12" else 0
    sizes, left = [], n - orphans
    while left > 0:
        s = min(left, 60, 1 + int(rng.expovariate(1 / 7)))
        sizes.append(s)
        left -= s
    latest = event_times(rng, len(sizes), m, "engage", m.span("messages"))
    rng.shuffle(latest)
    if len(m.cuts) > 1:
        _a_message_every_month(m, latest)
    folders = rng.choices(range(3), weights=(55, 43, 2), k=len(sizes))
    order = sorted(range(len(sizes)), key=lambda c: (folders[c], -latest[c]))

    def conversations() -> Iterator[Conversation]:
        for c in order:
            yield folders[c], _conversation_rows(m, rng, layout, sizes[c], latest[c], _FOLDERS[folders[c]])
        orphan_head = layout.head("", "", m.name, m.url, "", "")  # no conversation, recipient or folder
        drafts = []
        for _ in range(orphans):
            t = m.end - rng.randrange(86400 * 60)
            drafts.append(
                (
                    t,
                    f"{orphan_head}{layout.q(m.clock.iso_utc(t))},{layout.empty},"
                    f"{rng.choice(layout.bodies)},{layout.tail('', True)}",
                )
            )
        if drafts and layout.has_drafts:
            yield len(_FOLDERS), drafts

    return layout, conversations()


def _a_message_every_month(m: Member, latest: list[int]) -> None:
    """Move the end of a conversation into every month between two exports that has none: a member of a sales
    team messages someone every month, and each export then holds something new (an export identical to the one
    before would be the same export to a loader)."""
    rng = m.rng("messages-monthly")
    first = m.cuts[0].end
    for before, cut in zip(m.cuts, m.cuts[1:]):
        if any(before.end < t <= cut.end for t in latest):
            continue
        older = [c for c, t in enumerate(latest) if t <= first]
        c = rng.choice(older or range(len(latest)))
        latest[c] = rng.randint(before.end + 1, cut.end)


def messages_file(m: Member) -> ExportFile:
    """messages.csv of a single export, streamed (a million rows are never held): folder blocks, conversations by
    latest message, newest first inside (spec §2.3)."""
    layout, conversations = _conversations(m, m.era)
    rows = (text for _, conversation in conversations for _, text in conversation)
    return ExportFile("messages.csv", m.counts["messages"], chunked(rows, layout.header))


@dataclass
class MessageHistory:
    """messages.csv over a history of exports, in one layout: every export holds the messages sent up to its end,
    conversations ordered by their latest message it holds."""

    header: str
    conversations: list[Conversation]

    def files(self, cut: Cut) -> list[ExportFile]:
        """Return the export's messages.csv."""
        held = []
        for folder, rows in self.conversations:
            kept = [(t, text) for t, text in rows if t <= cut.end]
            if kept:
                held.append((folder, -max(t for t, _ in kept), kept))
        held.sort(key=lambda h: h[:2])  # stable: a draw's order stays where times tie
        texts = [text for _, _, kept in held for _, text in kept]
        return [ExportFile("messages.csv", len(texts), chunked(texts, self.header))]


def message_history(m: Member, era: str) -> MessageHistory:
    """Return the member's messages written in `era`'s layout, for every export of that layout to take its own."""
    layout, conversations = _conversations(m, era)
    return MessageHistory(layout.header, list(conversations))


def _conversation_rows(
    m: Member, rng: random.Random, layout: _MessageLayout, size: int, t_end: int, folder: str
) -> list[tuple[int, str]]:
    """Return one conversation's rows, newest first, each with its second; counts the owner's sent messages for
    the SSI. A draft is drawn only in the member's era and written only by a layout with the draft columns."""
    p, c, q = m.people, m.clock, layout.q
    rnd = rng.random
    cid = links.conversation_id(rng)
    kind = rnd()
    owner = (m.name, m.url)
    if size == 1 and kind < 0.08:  # sponsored: company sender, no URL, HTML body
        body = rng.choice(layout.html)
        head = layout.head(cid, "Sponsored Conversation", rng.choice(COMPANIES), "", m.name, m.url)
        return [(t_end, f"{head}{q(c.iso_utc(t_end))},{layout.empty},{body},{layout.tail(folder)}")]
    pool = m.n_connected if m.n_connected and rnd() < 0.9 else len(p.first)
    if kind < 0.03:  # group chat
        others = [(p.name(i), p.url(i)) for i in rng.sample(range(pool), min(pool, rng.randrange(2, 5)))]
        title = f"{rng.choice(COMPANIES).replace(chr(34), '')} — {rng.choice(('project', 'offsite', 'meetup'))}"
    else:
        i = rng.randrange(pool)
        others = [("LinkedIn Member", "") if kind > 0.99 else (p.name(i), p.url(i))]
        title = ""
    subject = ""
    if len(others) == 1 and 0.03 <= kind < 0.045:  # InMail: title = subject
        title = subject = f"{rng.choice(POSITIONS)} role at {rng.choice(COMPANIES).replace(chr(34), '')}"
    everyone = [owner] + others
    heads = []
    for s, (name, url) in enumerate(everyone):
        rec = [e for k, e in enumerate(everyone) if k != s]
        heads.append(layout.head(cid, title, name, url, ", ".join(r[0] for r in rec), ",".join(r[1] for r in rec)))
    subj_q = q(subject) if subject else layout.empty
    gaps = [g + int(rnd() * 60) for g in rng.choices(REPLY_GAPS, k=size)]
    owner_turn = rnd() < 0.45
    t = t_end
    out = []
    for k in range(size):
        body = rng.choice(layout.multiline) if rnd() < 0.05 else rng.choice(layout.bodies)
        sender = 0 if owner_turn else 1 + (rng.randrange(len(others)) if len(others) > 1 else 0)
        draft = k == 0 and sender == 0 and m.era == "2024-12" and rnd() < 0.01
        attachments = _attachment(rng) if m.era in ("2025", "2026") and rnd() < 0.01 else ""
        if sender == 0 and not draft:
            m.count_day("insights", t)
        if layout.has_drafts or not draft:
            out.append(
                (
                    t,
                    f"{heads[sender]}{q(c.iso_utc(t))},{subj_q if k == size - 1 else layout.empty},{body},"
                    f"{layout.tail(folder, draft, attachments)}",
                )
            )
        if rnd() < 0.7:
            owner_turn = not owner_turn
        t = max(0, t - gaps[k])
    return out
