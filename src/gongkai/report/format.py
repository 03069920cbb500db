"""The official format of the 政府信息公开工作年度报告, as data.

Two versions exist: the 2021 format (国办公开办函〔2021〕30号), used for reports of 2021 and later and the
only one gongkai writes, and the 2019 trial format (国办公开办函〔2019〕60号), used for the 2019 and 2020 reports,
which gongkai reads. Everything that renders, parses or checks a report takes its sections, tables, rows,
columns, official labels and machine names from here: no label is typed anywhere else.

A table is described by its rows and columns. A row or column carries its machine name and its label *path*:
the chain of header cells above or beside it in the official layout (for table B's row `withheld_state_secret`:
三、本年度办理结果 > （三）不予公开 > 1.属于国家秘密). Merged cells in every renderer come from shared prefixes
of these paths, so the layout is derived, never drawn by hand.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property


class FormatVersion(StrEnum):
    V2021 = "2021"
    V2019 = "2019"


class CellKind(StrEnum):
    COUNT = "count"  # a non-negative whole number
    SIGNED_COUNT = "signed_count"  # a whole number that may be negative (2019: 本年增/减)
    AMOUNT = "amount"  # a non-negative decimal amount


@dataclass(frozen=True)
class Column:
    key: str
    path: tuple[str, ...]
    kind: CellKind = CellKind.COUNT
    unit: str = ""

    @property
    def label(self) -> str:
        return self.path[-1]


@dataclass(frozen=True)
class Row:
    key: str
    path: tuple[str, ...]

    @property
    def label(self) -> str:
        return self.path[-1]


@dataclass(frozen=True)
class Block:
    """A row-group of a table whose rows share one set of columns.

    Table A is four (2019: five) blocks, each headed by its 第二十条 item; tables B and C are one block each.
    """

    key: str
    title: str  # "" for a block without a title row
    rows: tuple[Row, ...]
    columns: tuple[Column, ...]
    row_header: str = ""  # label above the row labels, e.g. 信息内容 in table A
    corner: str = ""  # the top-left cell over the row labels, e.g. table B's 勾稽 note


@dataclass(frozen=True)
class Table:
    key: str  # machine name: table_a, table_b, table_c
    section: str  # the section ("2", "3", "4") the table belongs to
    caption: str
    blocks: tuple[Block, ...]

    @cached_property
    def cells(self) -> tuple[CellRef, ...]:
        return tuple(
            CellRef(self.key, row.key, column.key, column.kind)
            for block in self.blocks
            for row in block.rows
            for column in block.columns
        )

    def block(self, key: str) -> Block:
        for block in self.blocks:
            if block.key == key:
                return block
        raise KeyError(key)

    def row_keys(self) -> tuple[str, ...]:
        return tuple(row.key for block in self.blocks for row in block.rows)

    def columns_of(self, row_key: str) -> tuple[Column, ...]:
        for block in self.blocks:
            if any(row.key == row_key for row in block.rows):
                return block.columns
        raise KeyError(row_key)


@dataclass(frozen=True)
class CellRef:
    table: str
    row: str
    column: str
    kind: CellKind

    @property
    def name(self) -> str:
        """The machine name of FORMAT.md, e.g. `table_b.granted.total`."""
        return f"{self.table}.{self.row}.{self.column}"


@dataclass(frozen=True)
class Section:
    key: str  # "1" .. "6"
    numeral: str  # 一 .. 六
    title: str
    placeholder: str = ""  # the template's hint for a narrative section

    @property
    def heading(self) -> str:
        return f"{self.numeral}、{self.title}"


@dataclass(frozen=True)
class ReportFormat:
    version: FormatVersion
    notice: str  # the notice that set the format
    sections: tuple[Section, ...]
    tables: tuple[Table, ...]

    @cached_property
    def cells(self) -> tuple[CellRef, ...]:
        return tuple(cell for table in self.tables for cell in table.cells)

    @cached_property
    def cells_by_name(self) -> dict[str, CellRef]:
        return {cell.name: cell for cell in self.cells}

    def table(self, key: str) -> Table:
        for table in self.tables:
            if table.key == key:
                return table
        raise KeyError(key)

    def section(self, key: str) -> Section:
        for section in self.sections:
            if section.key == key:
                return section
        raise KeyError(key)


# ---------------------------------------------------------------------------------------------------------------
# Sections (the same six in both versions)

SECTIONS = (
    Section("1", "一", "总体情况", "（文字描述）"),
    Section("2", "二", "主动公开政府信息情况"),
    Section("3", "三", "收到和处理政府信息公开申请情况"),
    Section("4", "四", "政府信息公开行政复议、行政诉讼情况"),
    Section("5", "五", "存在的主要问题及改进情况", "（文字描述）"),
    Section("6", "六", "其他需要报告的事项", "（文字描述，收取信息处理费情况在此处报告。）"),
)

REPORT_TITLE = "政府信息公开工作年度报告"
CHINESE_NUMERALS = tuple(section.numeral for section in SECTIONS)

# ---------------------------------------------------------------------------------------------------------------
# Table A (section 二): items of 第二十条

INFO_CONTENT = "信息内容"
ARTICLE_20_ITEM_1 = "第二十条第（一）项"
ARTICLE_20_ITEM_5 = "第二十条第（五）项"
ARTICLE_20_ITEM_6 = "第二十条第（六）项"
ARTICLE_20_ITEM_8 = "第二十条第（八）项"
ARTICLE_20_ITEM_9 = "第二十条第（九）项"

REGULATIONS = "规章"
LICENSING = "行政许可"
PUNISHMENT = "行政处罚"
ENFORCEMENT = "行政强制"
ADMIN_FEES = "行政事业性收费"

_DECISIONS_2021 = (Column("decisions", ("本年处理决定数量",)),)

TABLE_A_2021 = Table(
    key="table_a",
    section="2",
    caption="主动公开政府信息情况",
    blocks=(
        Block(
            key="item_1",
            title=ARTICLE_20_ITEM_1,
            row_header=INFO_CONTENT,
            rows=(Row("regulations", (REGULATIONS,)), Row("normative_documents", ("行政规范性文件",))),
            columns=(
                Column("issued", ("本年制发件数",)),
                Column("repealed", ("本年废止件数",)),
                Column("in_force", ("现行有效件数",)),
            ),
        ),
        Block(
            key="item_5",
            title=ARTICLE_20_ITEM_5,
            row_header=INFO_CONTENT,
            rows=(Row("licensing", (LICENSING,)),),
            columns=_DECISIONS_2021,
        ),
        Block(
            key="item_6",
            title=ARTICLE_20_ITEM_6,
            row_header=INFO_CONTENT,
            rows=(Row("punishment", (PUNISHMENT,)), Row("enforcement", (ENFORCEMENT,))),
            columns=_DECISIONS_2021,
        ),
        Block(
            key="item_8",
            title=ARTICLE_20_ITEM_8,
            row_header=INFO_CONTENT,
            rows=(Row("fees", (ADMIN_FEES,)),),
            columns=(Column("amount", ("本年收费金额（单位：万元）",), CellKind.AMOUNT, unit="万元"),),
        ),
    ),
)

_PREVIOUS_AND_CHANGE_2019 = (
    Column("previous_count", ("上一年项目数量",)),
    Column("change", ("本年增/减",), CellKind.SIGNED_COUNT),
)
_DECISIONS_2019 = (*_PREVIOUS_AND_CHANGE_2019, Column("decisions", ("处理决定数量",)))

TABLE_A_2019 = Table(
    key="table_a",
    section="2",
    caption="主动公开政府信息情况",
    blocks=(
        Block(
            key="item_1",
            title=ARTICLE_20_ITEM_1,
            row_header=INFO_CONTENT,
            rows=(Row("regulations", (REGULATIONS,)), Row("normative_documents", ("规范性文件",))),
            columns=(
                Column("made", ("本年新制作数量",)),
                Column("published", ("本年新公开数量",)),
                Column("public_total", ("对外公开总数量",)),
            ),
        ),
        Block(
            key="item_5",
            title=ARTICLE_20_ITEM_5,
            row_header=INFO_CONTENT,
            rows=(Row("licensing", (LICENSING,)), Row("other_services", ("其他对外管理服务事项",))),
            columns=_DECISIONS_2019,
        ),
        Block(
            key="item_6",
            title=ARTICLE_20_ITEM_6,
            row_header=INFO_CONTENT,
            rows=(Row("punishment", (PUNISHMENT,)), Row("enforcement", (ENFORCEMENT,))),
            columns=_DECISIONS_2019,
        ),
        Block(
            key="item_8",
            title=ARTICLE_20_ITEM_8,
            row_header=INFO_CONTENT,
            rows=(Row("fees", (ADMIN_FEES,)),),
            columns=_PREVIOUS_AND_CHANGE_2019,
        ),
        Block(
            key="item_9",
            title=ARTICLE_20_ITEM_9,
            row_header=INFO_CONTENT,
            rows=(Row("procurement", ("政府集中采购",)),),
            columns=(
                Column("projects", ("采购项目数量",)),
                Column("amount", ("采购总金额",), CellKind.AMOUNT, unit="元"),
            ),
        ),
    ),
)

# ---------------------------------------------------------------------------------------------------------------
# Table B (section 三): applications received and handled

APPLICANTS = "申请人情况"
ORGANISATIONS = "法人或其他组织"
TABLE_B_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"

TABLE_B_COLUMNS = (
    Column("natural_person", (APPLICANTS, "自然人")),
    Column("commercial_enterprise", (APPLICANTS, ORGANISATIONS, "商业企业")),
    Column("research_institution", (APPLICANTS, ORGANISATIONS, "科研机构")),
    Column("social_welfare_org", (APPLICANTS, ORGANISATIONS, "社会公益组织")),
    Column("legal_service_org", (APPLICANTS, ORGANISATIONS, "法律服务机构")),
    Column("other_org", (APPLICANTS, ORGANISATIONS, "其他")),
    Column("total", (APPLICANTS, "总计")),
)
APPLICANT_COLUMN_KEYS = tuple(column.key for column in TABLE_B_COLUMNS[:-1])

RESULTS = "三、本年度办理结果"
GRANTED = "（一）予以公开"
PARTIALLY_GRANTED = "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"
WITHHELD = "（三）不予公开"
UNAVAILABLE = "（四）无法提供"
NOT_PROCESSED = "（五）不予处理"
OTHER = "（六）其他处理"
TOTAL_PROCESSED = "（七）总计"

_ROWS_BEFORE_OTHER = (
    Row("new_received", ("一、本年新收政府信息公开申请数量",)),
    Row("carried_over", ("二、上年结转政府信息公开申请数量",)),
    Row("granted", (RESULTS, GRANTED)),
    Row("partially_granted", (RESULTS, PARTIALLY_GRANTED)),
    Row("withheld_state_secret", (RESULTS, WITHHELD, "1.属于国家秘密")),
    Row("withheld_prohibited_by_law", (RESULTS, WITHHELD, "2.其他法律行政法规禁止公开")),
    Row("withheld_three_safeties", (RESULTS, WITHHELD, "3.危及“三安全一稳定”")),
    Row("withheld_third_party", (RESULTS, WITHHELD, "4.保护第三方合法权益")),
    Row("withheld_internal_affairs", (RESULTS, WITHHELD, "5.属于三类内部事务信息")),
    Row("withheld_process_info", (RESULTS, WITHHELD, "6.属于四类过程性信息")),
    Row("withheld_enforcement_file", (RESULTS, WITHHELD, "7.属于行政执法案卷")),
    Row("withheld_admin_query", (RESULTS, WITHHELD, "8.属于行政查询事项")),
    Row("unavailable_not_held", (RESULTS, UNAVAILABLE, "1.本机关不掌握相关政府信息")),
    Row("unavailable_needs_creation", (RESULTS, UNAVAILABLE, "2.没有现成信息需要另行制作")),
    Row("unavailable_unclear", (RESULTS, UNAVAILABLE, "3.补正后申请内容仍不明确")),
    Row("not_processed_petition", (RESULTS, NOT_PROCESSED, "1.信访举报投诉类申请")),
    Row("not_processed_repeated", (RESULTS, NOT_PROCESSED, "2.重复申请")),
    Row("not_processed_publication", (RESULTS, NOT_PROCESSED, "3.要求提供公开出版物")),
    Row("not_processed_excessive", (RESULTS, NOT_PROCESSED, "4.无正当理由大量反复申请")),
    Row("not_processed_confirmation", (RESULTS, NOT_PROCESSED, "5.要求行政机关确认或重新出具已获取信息")),
)
_ROWS_AFTER_OTHER = (
    Row("total_processed", (RESULTS, TOTAL_PROCESSED)),
    Row("carried_forward", ("四、结转下年度继续办理",)),
)
_OTHER_ROWS_2021 = (
    Row(
        "other_no_correction",
        (RESULTS, OTHER, "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    ),
    Row(
        "other_unpaid_fee",
        (RESULTS, OTHER, "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
    ),
    Row("other_other", (RESULTS, OTHER, "3.其他")),
)
_OTHER_ROWS_2019 = (Row("other", (RESULTS, OTHER)),)


def _table_b(other_rows: tuple[Row, ...]) -> Table:
    return Table(
        key="table_b",
        section="3",
        caption="收到和处理政府信息公开申请情况",
        blocks=(
            Block(
                key="applications",
                title="",
                corner=TABLE_B_NOTE,
                rows=(*_ROWS_BEFORE_OTHER, *other_rows, *_ROWS_AFTER_OTHER),
                columns=TABLE_B_COLUMNS,
            ),
        ),
    )


TABLE_B_2021 = _table_b(_OTHER_ROWS_2021)
TABLE_B_2019 = _table_b(_OTHER_ROWS_2019)

# Rows of 三、本年度办理结果 that are summed into （七）总计 (rule B2).
RESULT_ROW_KEYS_2021 = tuple(row.key for row in TABLE_B_2021.blocks[0].rows if row.path[0] == RESULTS)[:-1]
RESULT_ROW_KEYS_2019 = tuple(row.key for row in TABLE_B_2019.blocks[0].rows if row.path[0] == RESULTS)[:-1]

# ---------------------------------------------------------------------------------------------------------------
# Table C (section 四): administrative reconsideration and litigation

RECONSIDERATION = "行政复议"
LITIGATION = "行政诉讼"
C_GROUPS = (
    ("reconsideration", (RECONSIDERATION,)),
    ("litigation_direct", (LITIGATION, "未经复议直接起诉")),
    ("litigation_after_reconsideration", (LITIGATION, "复议后起诉")),
)
C_RESULTS = (
    ("upheld", "结果维持"),
    ("corrected", "结果纠正"),
    ("other", "其他结果"),
    ("pending", "尚未审结"),
    ("total", "总计"),
)

# Table C is one line of 15 numbers under a three-level header. In the model its groups are the rows and its
# results the columns (`table_c.<group>.<result>`); the renderers lay the groups side by side as the template does.
TABLE_C = Table(
    key="table_c",
    section="4",
    caption="政府信息公开行政复议、行政诉讼情况",
    blocks=tuple(
        Block(
            key=group,
            title="",
            rows=(Row(group, group_path),),
            columns=tuple(Column(result, (*group_path, label)) for result, label in C_RESULTS),
        )
        for group, group_path in C_GROUPS
    ),
)

# ---------------------------------------------------------------------------------------------------------------

FORMAT_2021 = ReportFormat(
    version=FormatVersion.V2021,
    notice="国办公开办函〔2021〕30号",
    sections=SECTIONS,
    tables=(TABLE_A_2021, TABLE_B_2021, TABLE_C),
)
FORMAT_2019 = ReportFormat(
    version=FormatVersion.V2019,
    notice="国办公开办函〔2019〕60号",
    sections=SECTIONS,
    tables=(TABLE_A_2019, TABLE_B_2019, TABLE_C),
)
FORMATS = {FormatVersion.V2021: FORMAT_2021, FormatVersion.V2019: FORMAT_2019}

# The first report year that must use the 2021 format (rule V1).
FIRST_YEAR_OF_2021_FORMAT = 2021
TABLE_KEYS = ("table_a", "table_b", "table_c")


def get_format(version: str | FormatVersion) -> ReportFormat:
    try:
        return FORMATS[FormatVersion(str(version))]
    except ValueError:
        raise KeyError(f"unknown format version {version!r}") from None


def result_row_keys(version: str | FormatVersion) -> tuple[str, ...]:
    return RESULT_ROW_KEYS_2021 if FormatVersion(str(version)) is FormatVersion.V2021 else RESULT_ROW_KEYS_2019
