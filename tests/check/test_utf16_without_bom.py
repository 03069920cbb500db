"""UTF-16 text saved without a byte-order mark (some Windows tools do) is read, not called binary."""

from __future__ import annotations

import os

import pytest

from gongkai.check.read import Status, read_bytes, sniff
from gongkai.report.parse.encoding import decode_text, utf16_without_bom


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_it_reads_a_cell_per_line_report_in_utf16_without_bom(seed_text, encoding):
    text = seed_text.read_text(encoding="utf-8")
    data = text.encode(encoding)
    assert not data.startswith((b"\xff\xfe", b"\xfe\xff"))
    outcome = read_bytes(data, "report.txt")
    assert outcome.status is Status.REPORT, outcome.reason
    assert outcome.kind == "text"
    assert outcome.report.agency == "淄博市张店区机关事务服务中心"
    assert outcome.report.table_b["new_received"]["total"] == 0


def test_it_reads_a_scraped_page_in_utf16le_without_bom(corpus):
    data = (corpus / "2021.page.txt").read_text(encoding="utf-8").encode("utf-16-le")
    outcome = read_bytes(data, "2021.txt")
    assert outcome.status is Status.REPORT, outcome.reason
    assert outcome.report.table_b["new_received"]["total"] == 70
    assert outcome.report.table_b["carried_forward"]["total"] == 1


def test_it_reads_a_word_html_page_in_utf16le_without_bom(corpus):
    html = (corpus / "2022.article.html").read_text(encoding="utf-8")
    data = html.encode("utf-16-le")
    assert sniff(data, "page.bin") == "html"
    outcome = read_bytes(data, "page.bin")
    assert outcome.status is Status.REPORT, outcome.reason
    assert outcome.report.table_b["new_received"]["total"] == 74


def test_decoding_chooses_the_byte_order():
    text = "一、总体情况\n2024年共收到政府信息公开申请12件。\n"
    assert utf16_without_bom(text.encode("utf-16-le")) == "utf-16-le"
    assert utf16_without_bom(text.encode("utf-16-be")) == "utf-16-be"
    assert decode_text(text.encode("utf-16-le")) == text
    assert decode_text(text.encode("utf-16-be")) == text


def test_binary_with_zero_bytes_is_still_refused():
    for _ in range(20):
        garbage = bytes(b if i % 2 else 0 for i, b in enumerate(os.urandom(4096)))  # zeros in every other byte
        assert utf16_without_bom(garbage) is None
        assert read_bytes(garbage, "garbage.txt").status is Status.UNSUPPORTED
    assert read_bytes(b"\x00" * 64 + os.urandom(4096), "x.bin").status is Status.UNSUPPORTED
