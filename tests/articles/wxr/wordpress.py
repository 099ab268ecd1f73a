"""WordPress exports written for the tests, shaped like real ones: any WXR version (1.0, 1.1,
1.2) and namespace form (http or https), dated permalinks (/2013/01/11/slug/), guids of the
form ?p=123 and ?page_id=2, pages, drafts, attachments, untitled posts, categories and tags."""

from datetime import datetime, timedelta

SITE = "https://old-practice.example"
CATEGORIES = ["Anxiety", "Couples", "Grief", "Sleep", "Work & Stress"]
TAGS = [f"tag-{n}" for n in range(10)]


def wordpress_export(
    posts=3,
    pages=1,
    attachments=1,
    version="1.2",
    scheme="http",
    drafts=1,
    untitled=0,
    menu_items=0,
    site=SITE,
):
    wp = f"{scheme}://wordpress.org/export/{version}/"
    excerpt = f"{scheme}://wordpress.org/export/{version}/excerpt/"
    items = []
    start = datetime(2013, 1, 11, 9, 30)
    for n in range(1, posts + 1):
        moment = start + timedelta(days=17 * n)
        post_id = 100 + n
        draft = n > posts - drafts
        title = "" if n <= untitled else f"Post number {n}"
        category = CATEGORIES[n % len(CATEGORIES)]
        tags = [TAGS[n % 10], TAGS[(n + 3) % 10]]
        link = f"{site}/{moment:%Y/%m/%d}/post-{n}/" if not draft else f"{site}/?p={post_id}"
        items.append(
            _item(
                title=title,
                link=link,
                guid=f"{site}/?p={post_id}",
                post_id=post_id,
                post_name="" if draft else f"post-{n}",
                post_type="post",
                status="draft" if draft else "publish",
                moment=moment,
                content=f"<p>Words of post {n}, written on the old site.</p><p>More.</p>",
                categories=[("category", category)] + [("post_tag", tag) for tag in tags],
            )
        )
    for n in range(1, pages + 1):
        name = "about" if n == 1 else f"page-{n}"
        items.append(
            _item(
                title="About" if n == 1 else f"Page {n}",
                link=f"{site}/{name}/",
                guid=f"{site}/?page_id={n + 1}",
                post_id=n + 1,
                post_name=name,
                post_type="page",
                status="publish" if n == 1 or n % 3 else "draft",
                moment=start,
                content=f"<p>The page called {name}.</p>",
            )
        )
    for n in range(1, attachments + 1):
        items.append(
            _item(
                title=f"photo-{n}",
                link=f"{site}/?attachment_id={900 + n}",
                guid=f"{site}/wp-content/uploads/2013/01/photo-{n}.jpg",
                post_id=900 + n,
                post_name=f"photo-{n}",
                post_type="attachment",
                status="inherit",
                moment=start,
                content="",
                extra=f"<wp:attachment_url>{site}/wp-content/uploads/photo-{n}.jpg"
                "</wp:attachment_url>",
            )
        )
    for n in range(1, menu_items + 1):
        items.append(
            _item(
                title="",
                link=f"{site}/?p={800 + n}",
                guid=f"{site}/?p={800 + n}",
                post_id=800 + n,
                post_name=str(800 + n),
                post_type="nav_menu_item",
                status="publish",
                moment=start,
                content="",
            )
        )
    return f"""<?xml version="1.0" encoding="UTF-8" ?>
<!-- generator="WordPress/6.4" created="2024-01-01 10:00" -->
<rss version="2.0" xmlns:excerpt="{excerpt}" xmlns:content="http://purl.org/rss/1.0/modules/content/"
 xmlns:wfw="http://wellformedweb.org/CommentAPI/" xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:wp="{wp}">
<channel>
<title>Old Practice</title>
<link>{site}</link>
<generator>https://wordpress.org/?v=6.4</generator>
<wp:wxr_version>{version}</wp:wxr_version>
<wp:base_site_url>{site}</wp:base_site_url>
<wp:base_blog_url>{site}</wp:base_blog_url>
<wp:author><wp:author_login><![CDATA[sam]]></wp:author_login><wp:author_email><![CDATA[sam@old-practice.example]]></wp:author_email><wp:author_display_name><![CDATA[Sam Lee]]></wp:author_display_name></wp:author>
{"".join(items)}
</channel>
</rss>
"""


def _item(title, link, guid, post_id, post_name, post_type, status, moment, content, **more):
    categories = "".join(
        f'<category domain="{domain}" nicename="{_nice(name)}"><![CDATA[{name}]]></category>'
        for domain, name in more.get("categories", [])
    )
    local = f"{moment:%Y-%m-%d %H:%M:%S}" if status != "draft" else "0000-00-00 00:00:00"
    return f"""<item>
<title>{title}</title>
<link>{link}</link>
<pubDate>{moment:%a, %d %b %Y %H:%M:%S} +0000</pubDate>
<dc:creator><![CDATA[sam]]></dc:creator>
<guid isPermaLink="false">{guid}</guid>
<description></description>
<content:encoded><![CDATA[{content}]]></content:encoded>
<excerpt:encoded><![CDATA[]]></excerpt:encoded>
<wp:post_id>{post_id}</wp:post_id>
<wp:post_date><![CDATA[{local}]]></wp:post_date>
<wp:post_date_gmt><![CDATA[{local}]]></wp:post_date_gmt>
<wp:comment_status><![CDATA[open]]></wp:comment_status>
<wp:post_name><![CDATA[{post_name}]]></wp:post_name>
<wp:status><![CDATA[{status}]]></wp:status>
<wp:post_parent>0</wp:post_parent>
<wp:post_type><![CDATA[{post_type}]]></wp:post_type>
{more.get("extra", "")}{categories}
</item>
"""


def _nice(name):
    return name.lower().replace(" & ", "-").replace(" ", "-")
