"""messages.csv (2026 form: every field quoted, the 13-column union header, folder blocks, drafts) and its side
files (guide, coach and learning-coach messages)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from linkedin_ssi.synthetic.linkedin_format import dates, headers, links
from linkedin_ssi.synthetic.linkedin_format.layout import Layout
from linkedin_ssi.synthetic.linkedin_format.quoting import q_all
from linkedin_ssi.synthetic.sample_export.people import Person
from linkedin_ssi.synthetic.sample_export.state import (
    ACTIVE_END,
    ACTIVE_START,
    N_WEEKS,
    OWNER_NAME,
    OWNER_URL,
    Sample,
    line_ref,
)
from linkedin_ssi.synthetic.sample_export.world import World

OPENERS = [
    "Hi Avery, thanks for connecting!",
    "Great to meet you at the meetup yesterday.",
    "Hey! Quick question about your post on data contracts.",
    "Hi Avery, hope you're well.",
    "Thanks for the intro to the team.",
    "Loved your comment on the warehouse cost thread.",
    "Hi! Are you still looking for speakers for the October session?",
    "Hey Avery, do you have 20 minutes next week for a chat?",
]
OWNER_OPENERS = [
    "Hi! Thanks for accepting my invitation.",
    "Great meeting you at the meetup yesterday.",
    "Hey, loved your post on hiring analysts.",
    "Hi, quick question about your dbt setup.",
    "Hello! Would you be up for a coffee chat next week?",
]
REPLIES = [
    "Sure, Thursday works for me.",
    "Thanks, that's really helpful.",
    "Sounds good!",
    "Let me check with the team and get back to you.",
    "Happy to help.",
    "I'll send the slides over tonight.",
    "Ha, agreed.",
    "Perfect, see you then.",
    "Do you have a link to the repo?",
    "Not yet, but I'm planning to write it up.",
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
]
MULTILINE_BODIES = [
    "Hi Avery,\n\nThanks again for the chat today. Two follow-ups:\n- the dbt package we discussed\n- the intro to "
    "Lena\n\nBest",
    "Agenda for Thursday:\n1. Warehouse costs\n2. Hiring plan\n3. AOB",
    "Quick summary from my side:\nWe ship the pilot in May.\nBudget is approved.",
    "Thanks!\nI'll take a look this weekend.",
    "Hey,\n\nsharing the notes from the workshop below.\n\nCheers",
]


@dataclass
class Msg:
    """One messages.csv row before it is written."""

    conv: str
    title: str
    sender: str
    sender_url: str
    to: str
    to_urls: str
    dt: datetime
    subject: str = ""
    content: str = ""
    folder: str = "INBOX"
    attachments: str = ""
    draft: str = "No"
    tag: str = ""  # which quirk (if any) this row demonstrates


def build_conversations(s: Sample, wd: World) -> list[list[Msg]]:
    """Return the conversations, each a list of messages (any order; sorted when written)."""
    intensity = wd.intensity
    sp = wd.specials
    convs: list[list[Msg]] = []
    recent = [p for p in wd.connections if p.connected_day >= date(2025, 6, 1) and p not in (sp["jane"],)]
    older = [p for p in wd.connections if p.connected_day < date(2025, 6, 1) and p not in (sp["jane"],)]

    def direct(p: Person, start: datetime, n: int, folder: str) -> list[Msg]:
        cid, msgs, t = links.conversation_id(s.rng), [], start
        owner_turn = s.rng.random() < 0.45
        for i in range(n):
            if i == 0:
                content = s.rng.choice(OWNER_OPENERS if owner_turn else OPENERS)
            elif s.rng.random() < 0.14:
                content = s.rng.choice(MULTILINE_BODIES)
            else:
                content = s.rng.choice(REPLIES)
            if owner_turn:
                m = Msg(cid, "", OWNER_NAME, OWNER_URL, p.name.strip(), p.url, t, content=content, folder=folder)
            else:
                m = Msg(cid, "", p.name.strip(), p.url, OWNER_NAME, OWNER_URL, t, content=content, folder=folder)
            msgs.append(m)
            if s.rng.random() < 0.7:
                owner_turn = not owner_turn
            t += timedelta(minutes=s.rng.choice([2, 5, 11, 35, 90, 240, 600, 1440, 2880]), seconds=s.rng.randrange(60))
            if t > ACTIVE_END:
                break
        return msgs

    # direct conversations in the active period: start week weighted by networking effort
    for _ in range(44):
        p = s.rng.choice(recent)
        first_week = max(0, (p.connected_day - ACTIVE_START.date()).days // 7)
        w = s.rng.choices(range(first_week, N_WEEKS), weights=intensity["network"][first_week:])[0]
        n = max(1, min(18, int(s.rng.expovariate(1 / 7.5)) + 1))
        convs.append(
            direct(
                p,
                s.rand_dt_in_week(w, lo=max(ACTIVE_START, datetime.combine(p.connected_day, datetime.min.time()))),
                n,
                "INBOX",
            )
        )
    # older threads, mostly archived
    for i in range(11):
        p = s.rng.choice(older)
        start = s.rand_dt_between(datetime(2024, 9, 1), datetime(2026, 2, 20))
        convs.append(direct(p, start, s.rng.randrange(2, 9), "ARCHIVE" if i < 9 else "INBOX"))

    # group chat with Jane Doe, Ph.D. (TO joined with ", ", URLs joined with "," and no space)
    members = [sp["jane"], s.rng.choice(recent), s.rng.choice(older)]
    cid, t, group = links.conversation_id(s.rng), datetime(2026, 5, 11, 8, 2, 14), []
    title = "Lisbon Analytics Meetup — organisers"
    speakers = [
        None,
        members[0],
        members[1],
        None,
        members[2],
        members[0],
        None,
        members[1],
        members[0],
        None,
        members[2],
        None,
    ]
    texts = [
        "Hi all, creating this thread for the June meetup.",
        "Great idea. I can book the room at the university.",
        "I'll handle the catering, budget is 200 EUR.",
        "Perfect. Who wants to MC?",
        "Happy to do it.",
        "Room booked for June 18, 18:30.",
        "Thanks! Draft agenda:\n18:30 doors\n19:00 talks\n20:30 drinks",
        "Looks good to me",
        "Sharing the poster, comments welcome.",
        "Love it.",
        "Can we add a lightning-talk slot?",
        "Yes, 3 x 5 minutes after the break.",
    ]
    for who, text in zip(speakers, texts):
        everyone = [(OWNER_NAME, OWNER_URL)] + [(m.name, m.url) for m in members]
        sender = (OWNER_NAME, OWNER_URL) if who is None else (who.name, who.url)
        rec = [e for e in everyone if e != sender]
        m = Msg(
            cid,
            title,
            sender[0],
            sender[1],
            ", ".join(r[0] for r in rec),
            ",".join(r[1] for r in rec),
            t,
            content=text,
            folder="INBOX",
        )
        if who is members[0] and "poster" in text:
            m.attachments = s.attachment_url("image")
            m.tag = "attachment"
        if who is None and text.startswith("Hi all"):
            m.tag = "group_to"
        group.append(m)
        t += timedelta(minutes=s.rng.randrange(3, 400), seconds=s.rng.randrange(60))
    convs.append(group)

    # sponsored conversation (HTML content, empty sender URL)
    spons = Msg(
        links.conversation_id(s.rng),
        "Sponsored Conversation",
        "Skyline Cloud",
        "",
        OWNER_NAME,
        OWNER_URL,
        datetime(2026, 9, 22, 15, 0, 7),
        folder="INBOX",
        tag="sponsored",
        content=(
            '<p class="spinmail-quill-editor__spin-break">Hi %FIRSTNAME%,</p>'
            '<p class="spinmail-quill-editor__spin-break">Data teams at Oakhurst Telecom &amp; Redshank Mobility '
            "cut their warehouse bill by 30%.<br>Join our free 45-minute webinar on October 2.</p>"
            '<p class="spinmail-quill-editor__spin-break">Best,<br>The Skyline Cloud team</p>'
        ),
    )
    convs.append([spons])

    # InMail from a recruiter, with SUBJECT (title = subject), plus Avery's reply
    recruiter = s.make_person("Rowan", "Ashby", slug="rowan-ashby-talent")
    wd.others.append(recruiter)
    subj = "Senior Analytics Engineer role at Halcyon Bio"
    cid = links.conversation_id(s.rng)
    inmail = [
        Msg(
            cid,
            subj,
            recruiter.name,
            recruiter.url,
            OWNER_NAME,
            OWNER_URL,
            datetime(2026, 7, 14, 9, 12, 40),
            subject=subj,
            folder="INBOX",
            tag="inmail",
            content="Hi Avery, I came across your profile and think you'd be a great fit for a senior analytics "
            "engineering role on our data platform team. Open to a quick call this week?",
        ),
        Msg(
            cid,
            subj,
            OWNER_NAME,
            OWNER_URL,
            recruiter.name,
            recruiter.url,
            datetime(2026, 7, 15, 18, 3, 2),
            folder="INBOX",
            content="Thanks Rowan, I'm happy where I am for now, but feel free to keep in touch.",
        ),
    ]
    convs.append(inmail)

    # "LinkedIn Member" sender (hidden/deleted account, empty URL)
    cid = links.conversation_id(s.rng)
    convs.append(
        [
            Msg(
                cid,
                "",
                "LinkedIn Member",
                "",
                OWNER_NAME,
                OWNER_URL,
                datetime(2026, 4, 28, 11, 47, 9),
                folder="INBOX",
                tag="member",
                content="Hello, are you open to freelance projects?",
            ),
            Msg(
                cid,
                "",
                OWNER_NAME,
                OWNER_URL,
                "LinkedIn Member",
                "",
                datetime(2026, 4, 28, 19, 20, 51),
                folder="INBOX",
                content="Hi, not at the moment, sorry.",
            ),
        ]
    )

    # SPAM folder: pitches from non-members of the network
    for i in range(2):
        spammer = s.make_person()
        wd.others.append(spammer)
        cid = links.conversation_id(s.rng)
        convs.append(
            [
                Msg(
                    cid,
                    "",
                    spammer.name,
                    spammer.url,
                    OWNER_NAME,
                    OWNER_URL,
                    s.rand_dt_between(datetime(2026, 5, 1), datetime(2026, 10, 1)),
                    folder="SPAM",
                    content=[
                        "Hi Avery! I can 10x your followers in 30 days, guaranteed. Reply YES to learn more.",
                        "Dear Avery, exclusive crypto opportunity for data leaders, limited spots!",
                    ][i],
                )
            ]
        )
    return convs


def write_messages(s: Sample, wd: World) -> None:
    """Write messages.csv: the conversations, the quirks placed on chosen rows, drafts and orphan drafts last."""
    name = "messages.csv"
    f = s.new_file(name)
    f.header(headers.MESSAGES_UNION, quote=q_all)
    convs = build_conversations(s, wd)

    # decorate specific rows with quirks -----------------------------------------------------------
    inbox_direct = [
        c
        for c in convs
        if c[0].folder == "INBOX" and not c[0].title and c[0].sender != "LinkedIn Member" and len(c) >= 4
    ]
    archive = [c for c in convs if c[0].folder == "ARCHIVE" and len(c) >= 2]
    # doubled quote inside CONTENT
    c = inbox_direct[0]
    c[1].content = 'Have you seen the "metrics tree" template Lena shared? It is "very" good.'
    c[1].tag = "dquote"
    # U+FEFF inside a CONTENT (not at file start)
    c = inbox_direct[1]
    c[2].content = "\ufeffThanks, sent it over just now."
    c[2].tag = "feff"
    # multi-line CONTENT with an empty line (LF)
    c = inbox_direct[2]
    c[0].content = "Hi Avery,\n\nthanks for the intro!\nTalk soon"
    c[0].tag = "lf"
    # a second attachment row with two comma-joined URLs
    c = inbox_direct[3]
    c[1].attachments = s.attachment_url("image") + "," + s.attachment_url("vid")
    c[1].tag = "two_attachments"
    # drafts inside existing threads (keep conversation id, folder)
    for conv, text in ((inbox_direct[4], "Following up on"), (archive[0], "Hi again, just checking whether")):
        last = max(conv, key=lambda m: m.dt)
        other = last.to if last.sender == OWNER_NAME else last.sender
        other_url = last.to_urls if last.sender == OWNER_NAME else last.sender_url
        draft_dt = min(last.dt + timedelta(hours=s.rng.randrange(2, 30)), ACTIVE_END)
        conv.append(
            Msg(
                last.conv,
                last.title,
                OWNER_NAME,
                OWNER_URL,
                other,
                other_url,
                draft_dt,
                content=text,
                folder=last.folder,
                draft="Yes",
                tag="draft_in_thread",
            )
        )

    # order: folder blocks, conversation blocks by latest message, newest first inside ----------
    folder_rank = {"INBOX": 0, "ARCHIVE": 1, "SPAM": 2, "": 3}
    convs.sort(key=lambda c: (folder_rank[c[0].folder], -max(m.dt for m in c).timestamp()))
    rows: list[Msg] = []
    for conv in convs:
        rows.extend(sorted(conv, key=lambda m: m.dt, reverse=True))
    # orphan drafts at the very end
    rows.append(
        Msg(
            "",
            "",
            OWNER_NAME,
            OWNER_URL,
            "",
            "",
            datetime(2026, 8, 30, 21, 14, 3),
            folder="",
            content="Hi! I saw you are hiring for",
            draft="Yes",
            tag="orphan",
        )
    )
    rows.append(
        Msg(
            "",
            "",
            OWNER_NAME,
            OWNER_URL,
            "",
            "",
            datetime(2026, 10, 13, 7, 55, 41),
            folder="",
            content="Congrats on the launch,\nlet's catch up soon",
            draft="Yes",
            tag="orphan",
        )
    )

    counts = {"INBOX": 0, "ARCHIVE": 0, "SPAM": 0, "": 0}
    first_line: dict[str, int] = {}
    seen_tags = set()
    for m in rows:
        n = f.row(
            [
                m.conv,
                m.title,
                m.sender,
                m.sender_url,
                m.to,
                m.to_urls,
                dates.iso_utc(m.dt),
                m.subject,
                m.content,
                m.folder,
                m.attachments,
                m.draft,
                "No",
            ],
            quote=q_all,
        )
        counts[m.folder] += 1
        first_line.setdefault(m.folder, n)
        span = m.content.count("\n") + 1
        tag = m.tag
        if tag == "dquote":
            s.quirk(name, line_ref(n), "doubled quote inside CONTENT", f"CONTENT = `{m.content}`")
        elif tag == "feff":
            s.quirk(
                name,
                line_ref(n),
                "U+FEFF at the start of a CONTENT value (not at file start): keep it",
                "CONTENT = `'\\ufeffThanks, sent it over just now.'`",
            )
        elif tag == "lf":
            s.quirk(
                name,
                line_ref(n, span),
                "real LF line breaks (and an empty line) inside a quoted CONTENT",
                "CONTENT = `'Hi Avery,\\n\\nthanks for the intro!\\nTalk soon'`",
            )
        elif tag == "two_attachments":
            s.quirk(
                name,
                line_ref(n),
                "ATTACHMENTS with two comma-joined URLs (`dms/prv/image` + `dms/prv/vid`)",
                "ATTACHMENTS splits into 2 URLs on `,https://`",
            )
        elif tag == "attachment":
            s.quirk(
                name,
                line_ref(n),
                "ATTACHMENTS with one `https://www.linkedin.com/dms/prv/image/…` URL (group chat)",
                "",
            )
        elif tag == "group_to":
            s.quirk(
                name,
                line_ref(n),
                "group chat sent by the owner: TO joined with `, ` and containing `Jane Doe, Ph.D.`; RECIPIENT PROFILE "
                "URLS joined with `,` (no space); CONVERSATION TITLE set",
                f"TO = `{m.to}` (3 people); RECIPIENT PROFILE URLS = 3 URLs",
            )
        elif tag == "sponsored":
            s.quirk(
                name,
                line_ref(n),
                "sponsored message: CONVERSATION TITLE `Sponsored Conversation`, empty SENDER PROFILE URL, HTML "
                "CONTENT with `spinmail-quill-editor__spin-break`, `<br>`, `&amp;`, `%FIRSTNAME%`",
                "flag possible_sponsored; text after HTML->text starts `Hi %FIRSTNAME%,`",
            )
        elif tag == "inmail":
            s.quirk(name, line_ref(n), "InMail with SUBJECT (CONVERSATION TITLE = SUBJECT)", f"SUBJECT = `{m.subject}`")
        elif tag == "member":
            s.quirk(name, line_ref(n), "`LinkedIn Member` sender with empty SENDER PROFILE URL", "")
        elif tag == "draft_in_thread":
            s.quirk(
                name,
                line_ref(n),
                "draft inside an existing thread: IS MESSAGE DRAFT = `Yes`, keeps CONVERSATION ID and FOLDER",
                f"draft (FOLDER `{m.folder}`); dropped unless drafts requested",
            )
        elif tag == "orphan" and "orphan" not in seen_tags:
            s.quirk(
                name,
                line_ref(n),
                "orphan draft: empty CONVERSATION ID, TO, RECIPIENT PROFILE URLS and FOLDER (listed last)",
                "draft",
            )
        elif tag == "orphan":
            s.quirk(
                name,
                line_ref(n, span),
                "orphan draft with a line break in CONTENT (last record of the file)",
                "CONTENT = `'Congrats on the launch,\\nlet\\'s catch up soon'`",
            )
        seen_tags.add(tag)
    s.quirk(name, "line 1", '2026 form: every field quoted (header too), empty fields `""`; 13-column union header', "")
    s.quirk(
        name,
        "all rows",
        f"rows grouped INBOX (from line {first_line['INBOX']}), ARCHIVE (from line {first_line['ARCHIVE']}), "
        f"SPAM (from line {first_line['SPAM']}), then empty-FOLDER orphan drafts (from line {first_line['']}); newest "
        "first inside a conversation; "
        "owner's own messages have FROM `Avery Example` + owner URL; DATE `YYYY-MM-DD HH:MM:SS UTC`; CONVERSATION ID = "
        "`2-` + base64(`<uuid>_<3 digits>`)",
        f"{counts['INBOX']} INBOX + {counts['ARCHIVE']} ARCHIVE + {counts['SPAM']} SPAM + {counts['']} orphan rows; "
        f"{len(convs)} conversations; 4 drafts in total",
    )


def write_message_side_files(s: Sample) -> None:
    """Write the side files: two header-only, coach_messages.csv with two rows, LearningCoachMessages.csv's
    placeholder."""
    hdr11 = headers.MESSAGES["2025"]
    for nm in ("guide_messages.csv", "learning_coach_messages.csv"):
        f = s.new_file(nm)
        f.header(hdr11)
        s.quirk(nm, "line 1", "header-only side file (modern 11-column header, not quoted)", "0 records")
    nm = "coach_messages.csv"
    f = s.new_file(nm)
    f.header(hdr11)
    cid = links.conversation_id(s.rng, suffix="100")
    rows = [
        [
            cid,
            "Career coaching",
            "LinkedIn Coach",
            "",
            OWNER_NAME,
            OWNER_URL,
            "2026-06-03 10:15:22 UTC",
            "",
            "Great question! Start with your top 3 achievements, then tailor them to the role.",
            "INBOX",
            "",
        ],
        [
            cid,
            "Career coaching",
            OWNER_NAME,
            OWNER_URL,
            "LinkedIn Coach",
            "",
            "2026-06-03 10:14:58 UTC",
            "",
            "How should I structure my profile summary?",
            "INBOX",
            "",
        ],
    ]
    n = f.row(rows[0])
    f.row(rows[1])
    s.quirk(
        nm,
        line_ref(n),
        "side file with 2 real rows (coach has an empty SENDER PROFILE URL; minimal quoting)",
        "CONTENT = `Great question! Start with your top 3 achievements, then tailor them to the role.`",
    )
    nm = "LearningCoachMessages.csv"
    f = s.new_file(nm, Layout(final_eol=False))
    f.raw(headers.NO_CONVERSATIONS)
    s.quirk(nm, "line 1", "placeholder text, no header, no newline", '0 records (means "no data")')
