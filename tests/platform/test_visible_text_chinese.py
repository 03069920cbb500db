"""Every staff and public page, as each persona, reads in Chinese: the visible text (tags, scripts, styles and
attribute values stripped) holds no English word and no machine name (snake_case, dotted.path), apart from a short
allow-list of proper nouns. The URLs come from the URL patterns themselves, their ids from the demo database."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from django.contrib.auth.models import User
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from gongkai.agencies.models import Agency
from gongkai.site.demo_data import demo_load

# Proper nouns and format names a Chinese page may print as they are.
ALLOWED = {
    "DOCX", "PDF", "HTML", "XLSX", "JSON", "CSV", "API", "XML", "PNG", "JPEG", "JPG", "RSS", "Atom", "gongkai",
    "GB", "T", "ID", "Word", "Excel", "WPS", "OFD", "OCR", "CMS", "APP",
}  # fmt: skip
RULE_CODE = re.compile(r"[A-Z][0-9]{1,2}")  # the report rules' codes (B1, D1 …), as FORMAT.md names them
WORD = re.compile(r"(?<![A-Za-z0-9])[A-Za-z][A-Za-z0-9_]*(?:[._][A-Za-z0-9_]+)*(?![A-Za-z0-9])")
STRIP = re.compile(r"https?://\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|/[\w./-]+")  # URLs, e-mail addresses, paths
PERSONAS = ("anonymous", "drafter", "section_head", "leader", "secrecy", "agency_admin", "supervisor", "admin")
SKIPPED_NAMES = {"logout", "site-asset", "identity-document", "attachment-download", "public-attachment"}
FILE_ENDINGS = (".xml", ".txt", ".atom", ".json", ".xlsx", ".csv", ".docx", ".<ext>", "preview.<ext>")


class VisibleText(HTMLParser):
    """The text a reader sees: not inside script, style, template or an element marked `hidden`, nor the HTML
    source in a rich-text field's textarea (`data-rich-text`), which the editor replaces with the formatted text."""

    HIDDEN = frozenset({"script", "style", "template", "noscript"})
    VOID = frozenset(
        {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
    )

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden_tag: str | None = None
        self._depth = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            return
        rich = tag == "textarea" and "data-rich-text" in dict(attrs)
        if self._hidden_tag is None and (tag in self.HIDDEN or "hidden" in dict(attrs) or rich):
            self._hidden_tag, self._depth = tag, 1
        elif tag == self._hidden_tag:
            self._depth += 1

    def handle_endtag(self, tag):
        if tag == self._hidden_tag:
            self._depth -= 1
            if not self._depth:
                self._hidden_tag = None

    @property
    def _hidden(self) -> bool:
        return self._hidden_tag is not None

    def handle_data(self, data):
        if not self._hidden:
            self.parts.append(data)


def foreign_words(page: str) -> set[str]:
    parser = VisibleText()
    parser.feed(page)
    text = " ".join(parser.parts)
    dashes = {"---------"} if "---------" in text else set()  # Django's empty choice: a select must prompt in Chinese
    text = STRIP.sub(" ", text)
    return dashes | {word for word in WORD.findall(text) if word not in ALLOWED and not RULE_CODE.fullmatch(word)}


def _patterns(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if str(pattern.pattern).startswith("admin/"):
                continue  # Django's own admin: its translations are Django's
            yield from _patterns(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield prefix + str(pattern.pattern), pattern.name


def _ids(agency):
    from gongkai.applications.models import Appeal, Application, Letter
    from gongkai.publishing.models import Attachment, CatalogEntry, Category, Item, Status
    from gongkai.reporting.models import ReportVersion

    version = ReportVersion.objects.filter(agency=agency).order_by("pk").first()
    application = Application.objects.filter(agency=agency).order_by("pk").first()
    item = Item.objects.filter(agency=agency, status=Status.PUBLISHED).order_by("pk").first()
    return {
        "agency_id": agency.pk,
        "category_id": Category.objects.order_by("pk").values_list("pk", flat=True).first(),
        "entry_id": CatalogEntry.objects.order_by("pk").values_list("pk", flat=True).first(),
        "year": version.year if version else _busiest_year(agency),
        "number": version.number if version else 1,
        "part": 1,
        "cell": "table_b.new_received.natural_person",
        "pk": {
            "item": item and item.pk,
            "application": application and application.pk,
            "appeal": Appeal.objects.filter(application__agency=agency).values_list("pk", flat=True).first(),
            "letter": Letter.objects.filter(application__agency=agency).values_list("pk", flat=True).first(),
            "attachment": Attachment.objects.filter(item__agency=agency).values_list("pk", flat=True).first(),
        },
    }


def _busiest_year(agency) -> int:
    from gongkai.publishing.models import Item

    years = [item.published_at.year for item in Item.objects.filter(agency=agency).exclude(published_at=None)[:50]]
    return max(set(years), key=years.count) if years else 2022


def _pk_kind(name: str) -> str:
    for kind in ("application", "appeal", "letter", "attachment"):
        if name.startswith(kind):
            return kind
    return "item"


def page_urls() -> list[str]:
    """Every page of every demo agency (the seed agency's 2022, the invented agency's full year of applications)."""
    urls = []
    for agency in Agency.objects.order_by("pk"):
        urls += [url for url in _agency_urls(_ids(agency)) if url not in urls]
    return urls + _record_urls()


def _record_urls() -> list[str]:
    """One application in each status and with each kind of step, one letter of each kind: their pages show the
    events, methods, outcomes and people the crawl must see in Chinese."""
    from gongkai.applications.models import Application, ApplicationEvent, Letter

    picked = set()
    for field in ("status", "outcome", "delivered_by", "applicant_type"):
        for value in Application.objects.values_list(field, flat=True).distinct():
            picked.add(Application.objects.filter(**{field: value}).order_by("pk").values_list("pk", flat=True)[0])
    for kind in ApplicationEvent.objects.values_list("kind", flat=True).distinct():
        picked.add(
            ApplicationEvent.objects.filter(kind=kind).order_by("pk").values_list("application_id", flat=True)[0]
        )
    letters = {Letter.objects.filter(kind=kind).order_by("pk").values_list("pk", flat=True)[0] for kind in
               Letter.objects.values_list("kind", flat=True).distinct()}  # fmt: skip
    return [reverse("application-detail", kwargs={"pk": pk}) for pk in sorted(picked)] + [
        reverse("letter-edit", kwargs={"pk": pk}) for pk in sorted(letters)
    ]


def _agency_urls(ids) -> list[str]:
    urls = []
    for route, name in _patterns(get_resolver().url_patterns):
        if name in SKIPPED_NAMES or name.startswith("api-") or route.endswith(FILE_ENDINGS):
            continue
        kwargs = {}
        for key in re.findall(r"<(?:\w+:)?(\w+)>", route):
            kwargs[key] = ids["pk"][_pk_kind(name)] if key == "pk" else ids.get(key)
            if name.startswith("calendar") and key == "year":  # the calendar pages: this year and next only
                kwargs[key] = timezone.localdate().year + 1
        if None in kwargs.values():
            continue
        urls.append(reverse(name, kwargs=kwargs))
    return urls


@pytest.mark.django_db
def test_every_page_reads_in_chinese_for_every_persona(client, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    demo_load()
    urls = page_urls()
    assert len(urls) > 40, urls  # the crawl reaches the staff pages, not just the home page
    found: dict[str, set[str]] = {}
    checked = 0
    for persona in PERSONAS:
        client.logout()
        if persona != "anonymous":
            client.force_login(User.objects.get(username=persona))
        for url in urls:
            response = client.get(url)
            if not response.get("Content-Type", "").startswith("text/html") or response.status_code >= 500:
                assert response.status_code < 500, (persona, url)
                continue
            checked += 1
            words = foreign_words(response.content.decode())
            if words:
                found[f"{persona} {url}"] = words
    assert checked > 200
    assert not found, "\n".join(f"{page}: {' '.join(sorted(words))}" for page, words in sorted(found.items()))


def test_the_checker_sees_english_and_machine_names_but_not_markup():
    page = (
        '<html><head><title>年度报告</title><style>body{color:red}</style></head><body class="report_page">'
        '<a href="/staff/items/1/" title="table_b.x">查看</a><script>var not_text = 1;</script>'
        "<p>table_b.new_received.natural_person</p><p>Status: email</p><p>DOCX、PDF https://example.com/a_b</p>"
        '<select><option value="">---------</option></select>'
        '<div hidden><p>robots</p></div><p>规则 D1</p><img alt="x"><fieldset hidden><div>not_shown</div></fieldset>'
        '<textarea data-rich-text rows="8">&lt;p&gt;正文&lt;/p&gt;</textarea><textarea>typed_text</textarea>'
    )
    expected = {"table_b.new_received.natural_person", "Status", "email", "---------", "typed_text"}
    assert foreign_words(page) == expected
