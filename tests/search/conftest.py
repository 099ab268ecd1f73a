import pytest
from django.db import connection

from tests.factories import make_article, make_concern, make_modality, make_therapist, make_topic

# A word that appears only in unpublished or unlisted content.
SECRET = "quokkazanzibar"


def on_postgresql():
    return connection.vendor == "postgresql"


@pytest.fixture
def site(db):
    """A small site: approaches, concerns, topics, therapists and articles, and things that
    must never be found (a draft, a scheduled article, an inactive therapist)."""
    cbt = make_modality("Cognitive Behavioural Therapy (CBT)", slug="cbt")
    mindfulness = make_modality(
        "Mindfulness-based therapy",
        slug="mindfulness",
        summary="Paying attention to the present moment, kindly.",
    )
    psychodynamic = make_modality("Psychodynamic therapy", slug="psychodynamic")
    anxiety = make_concern("Anxiety")
    grief = make_concern("Grief")
    make_concern("Hoarding")  # no listed therapist helps with it
    worry = make_topic("Worry and anxiety", slug="worry")
    starting = make_topic("Starting therapy", slug="starting")
    amelia = make_therapist(
        "Amelia Hart",
        modalities=[cbt, mindfulness],
        concerns=[anxiety],
        biography="I help people with panic and low mood, using CBT.",
    )
    make_therapist(
        "Daniel Okafor",
        modalities=[psychodynamic],
        concerns=[grief],
        biography="I have worked with bereavement for many years.",
        accepting_new_clients=False,
    )
    hidden = make_therapist(
        "Hidden Quokkazanzibar",
        modalities=[cbt],
        concerns=[anxiety, make_concern("Hoarding too")],
        biography=f"A {SECRET} biography.",
        is_active=False,
    )
    coping = make_article(
        "The Space Between Coping and Healing",
        summary="Coping keeps us going, but it is not the same as healing.",
        body="## Coping\n\nWhen we are coping we hold things together.",
        topics=[starting],
        days_ago=30,
    )
    body_only = make_article(
        "A Letter About Sleep",
        summary="Nights and rest.",
        body="Sometimes coping shows up in the small hours.",
        days_ago=2,
    )
    cbt_article = make_article(
        "How CBT Works",
        summary="Thoughts, feelings and behaviour.",
        body="Cognitive behavioural therapy looks at anxiety and how it keeps going.",
        modalities=[cbt],
        topics=[worry],
        days_ago=5,
    )
    draft = make_article(
        f"Draft {SECRET.title()} Notes",
        summary=f"About {SECRET}.",
        body=f"{SECRET} coping",
        topics=[make_topic(f"{SECRET} topic", slug="secret-topic")],
        published=False,
    )
    scheduled = make_article(
        f"Scheduled {SECRET}", body=f"{SECRET} later", days_ago=-3, slug="scheduled"
    )
    return {
        "cbt": cbt,
        "mindfulness": mindfulness,
        "anxiety": anxiety,
        "amelia": amelia,
        "hidden": hidden,
        "coping": coping,
        "body_only": body_only,
        "cbt_article": cbt_article,
        "draft": draft,
        "scheduled": scheduled,
        "worry": worry,
    }


def main_html(response):
    html = response.content.decode()
    return html[html.index('<main id="main"') : html.index("</main>")]
