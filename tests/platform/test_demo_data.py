from django.db.models import Count

from gongkai.agencies.models import Agency, Membership
from gongkai.agencies.validators import credit_code_problem
from gongkai.publishing.models import CatalogEntry, DocumentType, Item, YearFigures
from gongkai.site.demo_data import AGENCY_NAME, demo_load

SECTION_ONE = {
    "政策文件": 2,
    "机构职能": 1,
    "领导信息": 1,
    "会议公开": 8,
    "行政权力": 1,
    "建议提案": 1,
    "财政信息": 6,
    "重点领域信息公开": 19,
    "政策解读": 5,
    "互动交流": 1,
    "人事信息": 3,
    "业务动态": 29,
    "政务公开保障机制": 6,
}


def test_it_reproduces_section_one_of_the_seed_report(db):
    demo_load()
    agency = Agency.objects.get(name=AGENCY_NAME)
    items = Item.objects.published_in(2022).filter(agency=agency)
    counts = dict(items.values_list("category__name").annotate(n=Count("id")).order_by())
    assert counts == SECTION_ONE and items.count() == 83
    assert not items.filter(document_type__in=[DocumentType.REGULATION, DocumentType.NORMATIVE]).exists()
    assert CatalogEntry.objects.filter(agency=agency, parent=None).count() == 10
    assert CatalogEntry.objects.filter(agency=agency).exclude(parent=None).count() == 11
    assert YearFigures.objects.get(agency=agency, year=2022).hotline_orders == 175
    assert (agency.address, agency.postcode, agency.phone, agency.email) == (
        "山东省淄博市张店区新村西路226号",
        "255020",
        "0533-2869928",
        "zdjgsw@163.com",
    )
    assert credit_code_problem(agency.credit_code) is None and agency.is_demo
    assert all(title.startswith("【演示】") for title in items.values_list("title", flat=True))
    assert not items.filter(is_late=True).exists()


def test_it_gives_every_role_one_user_and_prints_passwords_once(db):
    first = demo_load()
    assert all(password for _, _, password in first)
    assert Membership.objects.values("role").distinct().count() == 5
    second = demo_load()
    assert all(password is None for _, _, password in second)
    # The 2022 items are the seed agency's; the invented reporting-demo agency has none in 2022.
    assert Item.objects.filter(index_year=2022).count() == 83 and CatalogEntry.objects.count() == 21  # run twice


def test_it_shows_the_demo_on_the_public_page(client, db):
    demo_load()
    agency = Agency.objects.get(name=AGENCY_NAME)
    page = client.get(f"/gk/{agency.pk}/").text
    assert "演示数据" in page and "业务动态（29）" in page
