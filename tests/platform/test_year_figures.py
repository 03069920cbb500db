import io
from decimal import Decimal

import openpyxl
import pytest
from django.core.exceptions import ValidationError

from gongkai.publishing.models import YearFigures
from gongkai.publishing.spreadsheets import figures_export, figures_import


def test_it_saves_figures_entered_on_the_page(client, agency, erin):
    client.force_login(erin)
    response = client.post(
        f"/staff/{agency.pk}/figures/2022/",
        {
            "licensing_decisions": 0,
            "penalty_decisions": 2,
            "coercion_decisions": 0,
            "fee_amount": "1.25",
            "hotline_orders": 175,
            "deputy_suggestions": 0,
            "cppcc_proposals": 1,
        },
    )
    assert response.status_code == 302
    figures = YearFigures.objects.get(agency=agency, year=2022)
    assert (figures.hotline_orders, figures.fee_amount, figures.penalty_decisions) == (175, Decimal("1.25"), 2)


def test_it_puts_a_bad_number_beside_its_field(client, agency, erin):
    client.force_login(erin)
    response = client.post(f"/staff/{agency.pk}/figures/2022/", {"hotline_orders": -3, "fee_amount": "x"})
    assert response.status_code == 200
    assert {"hotline_orders", "fee_amount"} <= set(response.context["form"].errors)
    assert not YearFigures.objects.exists()


def test_it_imports_what_it_exports(agency, erin):
    data = figures_export(figures=YearFigures(agency=agency, year=2022, hotline_orders=175, fee_amount=Decimal("0.5")))
    figures = figures_import(agency=agency, year=2022, actor=erin, data=data)
    assert (figures.hotline_orders, figures.fee_amount) == (175, Decimal("0.5"))


def test_it_refuses_a_sheet_for_another_year_and_writes_nothing(agency, erin):
    data = figures_export(figures=YearFigures(agency=agency, year=2021, hotline_orders=9))
    with pytest.raises(ValidationError, match="与所选年度2022不符"):
        figures_import(agency=agency, year=2022, actor=erin, data=data)
    assert not YearFigures.objects.exists()


def test_it_refuses_a_fraction_of_a_work_order(agency, erin):
    book = openpyxl.Workbook()
    book.active.append(["项目", "数值"])
    book.active.append(["答复12345热线等工单数", 1.5])
    out = io.BytesIO()
    book.save(out)
    with pytest.raises(ValidationError, match="非负整数"):
        figures_import(agency=agency, year=2022, actor=erin, data=out.getvalue())
