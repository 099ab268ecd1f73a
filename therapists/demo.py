"""Demo content for the therapists app, loaded by `manage.py load_demo`.

Every therapist here is fictional. Their portraits are generated: a soft coloured square with
their initials, never a photo of a real person.
"""

from datetime import timedelta
from io import BytesIO

from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image, ImageDraw, ImageFont

from core import dates
from therapists.models import Concern, Language, Membership, Modality, Therapist

REGISTERS = {
    "BACP": "https://www.bacp.co.uk/search/Register",
    "UKCP": "https://www.psychotherapy.org.uk/find-a-therapist/",
    "BABCP": "https://www.cbtregisteruk.com/",
}

MODALITIES = [
    {
        "slug": "integrative",
        "name": "Integrative therapy",
        "order": 10,
        "summary": (
            "Draws on several approaches, chosen to suit you, rather than fitting you to a "
            "single method."
        ),
        "explainer": """\
## What it is

Integrative therapy brings together ideas and techniques from different schools of therapy:
psychodynamic, humanistic and cognitive behavioural among them. Rather than starting from one
theory of how people work, an integrative therapist starts from you: what you bring, how you
like to work and what you hope will change.

## What sessions are like

Sessions usually last 50 minutes, weekly, at the same time each week. Some sessions may feel
like a reflective conversation about your history and relationships; others may be more
practical, trying out a new way of handling a situation between sessions. Your therapist will
explain what they suggest and why, and you can always say what is or is not helping.

## Who it suits

People who are not sure which kind of therapy they want, or whose difficulties have several
strands: anxiety alongside a difficult relationship, say, or low mood after a loss. It can be
short term or open ended.
""",
    },
    {
        "slug": "psychodynamic",
        "name": "Psychodynamic therapy",
        "order": 20,
        "summary": (
            "Explores how past experiences and feelings outside our awareness shape how we "
            "feel and relate to others today."
        ),
        "explainer": """\
## What it is

Psychodynamic therapy grew out of psychoanalysis. It works on the idea that early experiences
and feelings we are not fully aware of shape the patterns we repeat: in relationships, at work
and in how we treat ourselves. Understanding those patterns gives us more freedom to choose.

## What sessions are like

You are invited to talk about whatever is on your mind. The therapist listens closely, notices
themes and links, and offers thoughts about what might be happening, including in the
relationship between the two of you. Sessions are usually weekly, at the same time, and the
work is often longer term, from several months to a year or more.

## Who it suits

People who want to understand themselves more deeply, who notice the same difficulties coming
back, or whose low mood, anxiety or relationship problems have no obvious single cause.
""",
    },
    {
        "slug": "cbt",
        "name": "Cognitive Behavioural Therapy (CBT)",
        "order": 30,
        "summary": (
            "A structured, practical therapy that looks at how thoughts, feelings and behaviour "
            "keep a problem going, and how to change them."
        ),
        "explainer": """\
## What it is

Cognitive Behavioural Therapy (CBT) looks at the links between what we think, how we feel and
what we do. Problems such as anxiety and depression are often kept going by unhelpful cycles:
avoiding what we fear, for example, which keeps the fear alive. CBT helps you notice those
cycles and try out different ways of responding.

## What sessions are like

CBT is structured and collaborative. You and your therapist agree goals, set an agenda for each
session and review how things went between sessions. There is usually something to practise in
between, such as keeping a record or gradually facing a situation you have avoided. A course is
often 6 to 20 weekly sessions.

## Who it suits

CBT is recommended by NICE for anxiety disorders, panic, OCD, depression and post-traumatic
stress. It suits people who would like a practical, goal-focused approach and are willing to
try things between sessions.
""",
    },
    {
        "slug": "mindfulness-based",
        "name": "Mindfulness-based therapy",
        "order": 40,
        "summary": (
            "Learning to notice thoughts and feelings with curiosity and without judgement, so "
            "they have less hold over you."
        ),
        "explainer": """\
## What it is

Mindfulness-based therapies, such as Mindfulness-Based Cognitive Therapy (MBCT), combine
mindfulness practice with ideas from CBT. Rather than arguing with difficult thoughts, you
learn to notice them as passing events in the mind, and to come back to the present moment.

## What sessions are like

Sessions mix short guided practices (attending to the breath, the body or sounds) with
conversation about what you noticed and how it relates to everyday life. You will usually be
asked to practise for a few minutes each day between sessions.

## Who it suits

MBCT is recommended by NICE to help people who have had several episodes of depression stay
well. Mindfulness-based approaches also help with stress, worry and long-term health
conditions. They suit people who are willing to build a regular practice.
""",
    },
    {
        "slug": "person-centred",
        "name": "Person-centred therapy",
        "order": 50,
        "summary": (
            "A warm, non-directive approach that trusts you as the expert on your own life, "
            "and gives you space to find your own way forward."
        ),
        "explainer": """\
## What it is

Person-centred therapy, developed by Carl Rogers, rests on the belief that people grow and heal
when they feel truly accepted and understood. The therapist offers empathy, honesty and
acceptance without judgement, rather than advice or techniques.

## What sessions are like

You decide what to talk about. The therapist listens carefully, reflects back what they hear
and helps you explore your feelings at your own pace. There is no homework and no agenda: the
relationship itself is the heart of the work.

## Who it suits

People going through a loss, a life change or a crisis of confidence, and anyone who wants the
space to be heard and to make sense of things for themselves. It is often the approach of
choice in bereavement and for people who have felt judged before.
""",
    },
]

CONCERNS = [
    ("anxiety", "Anxiety"),
    ("depression", "Depression and low mood"),
    ("trauma", "Trauma"),
    ("relationships", "Relationships"),
    ("grief", "Grief and loss"),
    ("stress", "Stress and burnout"),
    ("self-esteem", "Self-esteem"),
]

LANGUAGES = [
    ("english", "English"),
    ("polish", "Polish"),
    ("spanish", "Spanish"),
    ("welsh", "Welsh"),
    ("hindi", "Hindi"),
]

# Portrait colours: a soft background and a deeper shade for the initials.
PALETTE = [
    ("#dfe9e4", "#2f5d50"),
    ("#e8e1f0", "#4b3a6b"),
    ("#f3e3d3", "#7a4a22"),
    ("#dde7f2", "#2c4a6e"),
    ("#f2dede", "#7a3030"),
    ("#e6ecd8", "#4a5a23"),
    ("#f0e6d0", "#6b5520"),
    ("#d9ecec", "#245c5c"),
]

THERAPISTS = [
    {
        "slug": "amelia-hart",
        "name": "Amelia Hart",
        "pronouns": "she/her",
        "title": "Integrative Psychotherapist",
        "introduction": (
            "I offer a calm, unhurried space to make sense of what is troubling you, at your pace."
        ),
        "biography": """\
I have worked as a psychotherapist for twelve years, first in an NHS talking therapies service
and now in private practice. I work integratively, drawing on psychodynamic and person-centred
ideas and, when it helps, practical tools from CBT.

Many of the people I see come with anxiety, low mood or a sense of being stuck in the same
patterns in their relationships. Together we try to understand where those patterns come from
and what might help them change.

*Amelia is a fictional therapist created for this demonstration site.*
""",
        "qualifications": (
            "MA Integrative Psychotherapy\n"
            "Postgraduate Diploma in Counselling\n"
            "Certificate in Couples Work"
        ),
        "modalities": ["integrative", "person-centred"],
        "concerns": ["anxiety", "depression", "relationships", "self-esteem"],
        "languages": ["english"],
        "formats": ("in_person", "online"),
        "evenings": True,
        "groups": ("adults", "couples"),
        "fee": 75,
        "reduced_fee_places": True,
        "accepting_new_clients": True,
        "memberships": [("UKCP", "Registered Psychotherapist", "UKCP-0000-1001")],
    },
    {
        "slug": "daniel-okafor",
        "name": "Daniel Okafor",
        "pronouns": "he/him",
        "title": "Cognitive Behavioural Psychotherapist",
        "introduction": (
            "Practical, structured help with anxiety, panic and worry, so you can get back to "
            "the things that matter to you."
        ),
        "biography": """\
I trained in CBT after a first career in secondary teaching, and I still enjoy the part of the
work that is about learning: understanding what keeps a problem going and trying something
different.

I specialise in anxiety disorders, including panic, health anxiety and social anxiety, and in
work-related stress. Sessions are structured and collaborative, and I will always explain why
I am suggesting something.

*Daniel is a fictional therapist created for this demonstration site.*
""",
        "qualifications": (
            "Postgraduate Diploma in Cognitive Behavioural Therapy\nBSc (Hons) Psychology"
        ),
        "modalities": ["cbt"],
        "concerns": ["anxiety", "stress", "depression"],
        "languages": ["english"],
        "formats": ("online", "telephone"),
        "evenings": True,
        "groups": ("adults",),
        "fee": 70,
        "reduced_fee_places": False,
        "accepting_new_clients": True,
        "memberships": [("BABCP", "Accredited CBT Psychotherapist", "BABCP-000-2002")],
    },
    {
        "slug": "zofia-nowak",
        "name": "Zofia Nowak",
        "pronouns": "she/her",
        "title": "Psychodynamic Psychotherapist",
        "introduction": (
            "Longer-term therapy for people who want to understand themselves more deeply. "
            "Sessions in English or Polish."
        ),
        "biography": """\
I work psychodynamically with adults, in English and in Polish. I am interested in how our
early relationships shape the way we love, work and look after ourselves, and how that can
change.

I see people with depression, grief, relationship difficulties and the after-effects of
trauma, usually weekly and often over a year or more.

*Zofia is a fictional therapist created for this demonstration site.*
""",
        "qualifications": (
            "MSc Psychodynamic Psychotherapy\nPostgraduate Certificate in Trauma-Informed Practice"
        ),
        "modalities": ["psychodynamic"],
        "concerns": ["depression", "relationships", "grief", "trauma"],
        "languages": ["english", "polish"],
        "formats": ("in_person",),
        "groups": ("adults",),
        "fee": 80,
        "reduced_fee_places": False,
        "accepting_new_clients": True,
        "memberships": [("UKCP", "Registered Psychotherapist", "UKCP-0000-1003")],
    },
    {
        "slug": "rhys-morgan",
        "name": "Rhys Morgan",
        "pronouns": "he/him",
        "title": "Person-centred Counsellor",
        "introduction": (
            "A warm, steady space to be heard, especially after a loss. Sessions in English or "
            "Welsh."
        ),
        "biography": """\
Before training as a counsellor I volunteered for a bereavement charity, and grief remains at
the heart of my work. I also see young people aged 16 and over, and adults facing stress or a
loss of confidence.

I work in a person-centred way, sometimes with simple mindfulness practices, in English or
Welsh (*Cymraeg*), in person, online or by telephone.

*Rhys is a fictional therapist created for this demonstration site.*
""",
        "qualifications": (
            "Diploma in Person-Centred Counselling\nCertificate in Bereavement Counselling"
        ),
        "modalities": ["person-centred", "mindfulness-based"],
        "concerns": ["grief", "self-esteem", "stress"],
        "languages": ["english", "welsh"],
        "formats": ("in_person", "online", "telephone"),
        "groups": ("adults", "young_people"),
        "fee": 55,
        "reduced_fee_places": True,
        "accepting_new_clients": True,
        "memberships": [("BACP", "Registered Member MBACP (Accred)", "BACP-000004")],
    },
    {
        "slug": "lucia-fernandez",
        "name": "Lucía Fernández",
        "pronouns": "she/her",
        "title": "Integrative Counsellor",
        "introduction": (
            "Online counselling for individuals and couples, in English or Spanish, with a "
            "focus on trauma and relationships."
        ),
        "biography": """\
I work online with individuals and couples across the UK, in English and Spanish. Much of my
work is with people who have moved countries and with the strains that brings to
relationships and to a sense of belonging.

I work integratively and trauma-informed, with mindfulness woven in where it helps.

*Lucía is a fictional therapist created for this demonstration site.*
""",
        "qualifications": (
            "MSc Integrative Counselling\nCertificate in Online and Telephone Counselling"
        ),
        "modalities": ["integrative", "mindfulness-based"],
        "concerns": ["anxiety", "trauma", "relationships"],
        "languages": ["english", "spanish"],
        "formats": ("online",),
        "groups": ("adults", "couples"),
        "fee": 65,
        "reduced_fee_places": False,
        "accepting_new_clients": False,
        "memberships": [("BACP", "Registered Member MBACP", "BACP-000005")],
    },
    {
        "slug": "sam-whitfield",
        "name": "Sam Whitfield",
        "pronouns": "they/them",
        "title": "Mindfulness-based Cognitive Therapist",
        "introduction": (
            "MBCT and CBT for stress, worry and recurring low mood, one to one or in small groups."
        ),
        "biography": """\
I teach Mindfulness-Based Cognitive Therapy and practise CBT. I am especially interested in
helping people who have had more than one episode of depression to stay well, and people whose
stress shows up in their body.

I am an LGBTQ+ affirmative therapist.

*Sam is a fictional therapist created for this demonstration site.*
""",
        "qualifications": (
            "MSc Mindfulness-Based Cognitive Therapies and Approaches\nPostgraduate Diploma in CBT"
        ),
        "modalities": ["mindfulness-based", "cbt"],
        "concerns": ["stress", "depression", "anxiety"],
        "languages": ["english"],
        "formats": ("in_person", "online"),
        "groups": ("adults",),
        "fee": 70,
        "reduced_fee_places": False,
        "accepting_new_clients": True,
        "memberships": [
            ("BABCP", "Accredited CBT Psychotherapist", "BABCP-000-2006"),
            ("BACP", "Member MBACP", "BACP-000006"),
        ],
    },
    {
        "slug": "priya-raman",
        "name": "Priya Raman",
        "pronouns": "she/her",
        "title": "Psychodynamic Counsellor",
        "introduction": (
            "Thoughtful, curious counselling for adults and young people, with reduced-fee "
            "places for students."
        ),
        "biography": """\
I work psychodynamically and integratively with adults and with young people from 16. I see
people with relationship difficulties, low self-esteem and grief, and I have a particular
interest in family expectations and identity. I speak English and Hindi.

*Priya is a fictional therapist created for this demonstration site.*
""",
        "qualifications": (
            "Postgraduate Diploma in Psychodynamic Counselling\nBA (Hons) English Literature"
        ),
        "modalities": ["psychodynamic", "integrative"],
        "concerns": ["relationships", "self-esteem", "grief"],
        "languages": ["english", "hindi"],
        "formats": ("in_person", "online"),
        "groups": ("adults", "young_people"),
        "fee": 60,
        "reduced_fee_places": True,
        "accepting_new_clients": True,
        "memberships": [("BACP", "Registered Member MBACP", "BACP-000007")],
    },
    {
        "slug": "tom-ashworth",
        "name": "Tom Ashworth",
        "pronouns": "he/him",
        "title": "CBT Therapist",
        "introduction": (
            "Trauma-focused CBT for PTSD and anxiety, in person in London or by telephone."
        ),
        "biography": """\
I specialise in trauma-focused CBT for post-traumatic stress, following the NICE guidelines,
and in CBT for anxiety. I worked for ten years in NHS trauma services before joining the
practice.

*Tom is a fictional therapist created for this demonstration site.*
""",
        "qualifications": (
            "Postgraduate Diploma in CBT\nCertificate in Trauma-Focused CBT for PTSD"
        ),
        "modalities": ["cbt"],
        "concerns": ["trauma", "anxiety"],
        "languages": ["english"],
        "formats": ("in_person", "telephone"),
        "groups": ("adults",),
        "fee": 85,
        "reduced_fee_places": False,
        "accepting_new_clients": True,
        "memberships": [("BABCP", "Accredited CBT Psychotherapist", "BABCP-000-2008")],
    },
]


# The first step, session details and access for each demo therapist. Empty fields are simply
# not shown, so some therapists leave some out.
FIRST_STEPS = {
    "amelia-hart": {
        "first_step": "call",
        "first_step_minutes": 15,
        "session_minutes": 50,
        "session_frequency": "Weekly, at the same time each week",
        "access_step_free": True,
        "access_ground_floor": True,
    },
    "daniel-okafor": {
        "first_step": "session",
        "first_step_minutes": 60,
        "first_step_fee": 60,
        "session_minutes": 50,
        "session_frequency": "Weekly, usually 8 to 16 sessions",
    },
    "zofia-nowak": {
        "first_step": "call",
        "first_step_minutes": 20,
        "session_minutes": 50,
        "session_frequency": "Weekly or twice weekly",
        "access_hearing_loop": True,
    },
    "rhys-morgan": {
        "first_step": "call",
        "first_step_minutes": 15,
        "session_minutes": 50,
        "young_people_ages": "14 to 17",
        "access_step_free": True,
        "access_ground_floor": True,
        "access_hearing_loop": True,
    },
    "lucia-fernandez": {"first_step": "session", "first_step_minutes": 50, "session_minutes": 50},
    "sam-whitfield": {"first_step": "call", "first_step_minutes": 15, "session_minutes": 60},
    "priya-raman": {
        "first_step": "session",
        "first_step_minutes": 75,
        "first_step_fee": 80,
        "session_minutes": 50,
        "session_frequency": "Weekly",
        "young_people_ages": "16 and 17",
        "works_with_families": True,
        "access_ground_floor": True,
    },
    "tom-ashworth": {"first_step": "call", "first_step_minutes": 15},
}
# Days since each demo therapist's availability was confirmed: Tom's has run out, so the site
# says "Ask about availability" and the admin lists him under "Availability to confirm".
CONFIRMED_DAYS_AGO = {"daniel-okafor": 3, "rhys-morgan": 12, "tom-ashworth": 45}
# Days since each registration was checked on its register; one is overdue for re-checking
# (REGISTRATION_RECHECK_MONTHS, 12 by default), to show the admin's "Registrations to re-check".
CHECKED_DAYS_AGO = {"BACP-000006": 400}


def placeholder_portrait(initials, background, ink, size=(600, 750)):
    """A PNG portrait placeholder: the initials centred on a soft coloured background."""
    image = Image.new("RGB", size, background)
    draw = ImageDraw.Draw(image)
    draw.ellipse((90, 165, 510, 585), outline=ink, width=6)
    font = ImageFont.load_default(size=170)
    draw.text((size[0] / 2, size[1] / 2), initials, fill=ink, font=font, anchor="mm")
    buffer = BytesIO()
    image.save(buffer, "PNG")
    return ContentFile(buffer.getvalue())


def load():
    """Create whatever demo content is missing. What exists already is left as it is, edits
    included, so running it again changes nothing and duplicates nothing."""
    modalities = {}
    for data in MODALITIES:
        fields = dict(data)
        slug = fields.pop("slug")
        modalities[slug], _ = Modality.objects.get_or_create(slug=slug, defaults=fields)
    concerns = {
        slug: Concern.objects.get_or_create(slug=slug, defaults={"name": name})[0]
        for slug, name in CONCERNS
    }
    languages = {
        slug: Language.objects.get_or_create(slug=slug, defaults={"name": name})[0]
        for slug, name in LANGUAGES
    }
    existing = {therapist.slug: therapist for therapist in Therapist.objects.all()}
    for position, data in enumerate(THERAPISTS):
        therapist = existing.get(data["slug"])
        if therapist is None:
            therapist = _create_therapist(data, position, modalities, concerns, languages)
            _draw_portrait(therapist, position)
        elif therapist.photo and not therapist.photo.storage.exists(therapist.photo.name):
            # A fresh media folder beside an existing database: draw the lost portrait again.
            _draw_portrait(therapist, position)
        _add_trust_details(therapist, position)


def _add_trust_details(therapist, position):
    """The first step and checked registrations, for a demo therapist made before they existed
    (or just now). Only fields still empty are filled in: an edit is never undone."""
    details = {
        name: value
        for name, value in FIRST_STEPS.get(therapist.slug, {}).items()
        if not getattr(therapist, name)
    }
    if details and not therapist.first_step:
        for name, value in details.items():
            setattr(therapist, name, value)
        days = CONFIRMED_DAYS_AGO.get(therapist.slug, position)
        if therapist.accepting_new_clients:
            therapist.availability_confirmed_at = timezone.now() - timedelta(days=days)
        therapist.save(update_fields=[*details, "availability_confirmed_at", "updated_at"])
    for membership in therapist.memberships.filter(checked_on__isnull=True):
        days = CHECKED_DAYS_AGO.get(membership.registration_number, 20 + 9 * position)
        membership.checked_on = dates.today() - timedelta(days=days)
        membership.save(update_fields=["checked_on"])


def _create_therapist(data, position, modalities, concerns, languages):
    fields = {
        key: data[key]
        for key in (
            "name",
            "pronouns",
            "title",
            "introduction",
            "biography",
            "qualifications",
            "fee",
            "reduced_fee_places",
            "accepting_new_clients",
        )
    }
    for option in ("in_person", "online", "telephone"):
        fields[f"offers_{option}"] = option in data["formats"]
    fields["offers_evenings"] = data.get("evenings", False)
    for group in ("adults", "couples", "young_people"):
        fields[f"works_with_{group}"] = group in data["groups"]
    fields["display_order"] = (position + 1) * 10
    therapist = Therapist.objects.create(slug=data["slug"], **fields)
    therapist.modalities.set([modalities[slug] for slug in data["modalities"]])
    therapist.concerns.set([concerns[slug] for slug in data["concerns"]])
    therapist.languages.set([languages[slug] for slug in data["languages"]])
    for body, level, number in data["memberships"]:
        Membership.objects.create(
            therapist=therapist,
            body=body,
            level=level,
            registration_number=number,
            register_url=REGISTERS[body],
        )
    return therapist


def _draw_portrait(therapist, position):
    background, ink = PALETTE[position % len(PALETTE)]
    # No resized copies either (a lost media folder lost them too): save() makes new ones.
    therapist.photo = therapist.photo_small = therapist.photo_large = None
    therapist.photo.save(
        f"{therapist.slug}.png",
        placeholder_portrait(therapist.initials, background, ink),
        save=False,
    )
    therapist.photo_alt = f"Illustrated placeholder portrait with the initials {therapist.initials}"
    therapist.save()
