"""The one label table: the Chinese a person reads for the machine words the records keep (workflow actions, audit
entries' actions and fields, people with their roles). Choices carry their own labels on the models, and the official
labels of the report live only in `gongkai.report.format`; this module adds what neither holds, and templates reach
it through the `gongkai_labels` filters (agencies/templatetags/gongkai_labels.py)."""

from __future__ import annotations

from functools import cache

# Steps of the publishing review chain (ItemEvent.action), of a report (ReportEvent.action) and the audit trail's
# machine-named actions (AuditEntry.action). Audit entries written in Chinese are shown as they are.
ACTIONS = {
    # publishing
    "create": "新建",
    "submit": "提交",
    "pass": "通过",
    "reject": "退回",
    "publish": "发布",
    "hold": "暂停（疑含个人信息）",
    "withdraw": "撤回",
    "validity": "变更有效性",
    "edit_release": "修改后复扫通过，重新提交",
    "confirm_lawful": "确认可以公开，重新提交",
    # annual report
    "start": "生成初稿",
    "append": "补充记录",
    "correct": "发布更正版本",
    "sign": "签发",
    "report_edit": "修改年度报告",
    "report_import": "导入年度报告",
    "report_publish": "发布年度报告",
    # applications
    "letter_update": "修改文书",
    "letter_send": "发出文书",
}
APPLICATION_ACTION_PREFIX = "application_"

# Keys of audit entries' before/after that are not a field of the audited model.
FIELDS = {
    "comment": "意见",
    "number": "版本号",
    "attachment": "附件",
    "kind": "类型",
    "size": "大小（字节）",
    "added": "新增条数",
    "updated": "更新条数",
    "preamble": "引言",
    "sections": "正文各部分",
    "body": "正文",
    "on": "日期",
    "status": "状态",
    "outcome": "办理结果",
    "due_date": "答复期限",
    "user": "用户",
    "role": "岗位",
    "days": "日期数",
}
EMPTY = "（空）"
LONG = 60


def action_label(action: str) -> str:
    """审核流程、年度报告和操作记录中的操作，用中文。"""
    if action in ACTIONS:
        return ACTIONS[action]
    if action.startswith(APPLICATION_ACTION_PREFIX):
        from gongkai.applications.models import EventKind

        kind = action.removeprefix(APPLICATION_ACTION_PREFIX)
        if kind in EventKind.values:
            return f"申请办理：{EventKind(kind).label}"
    return action


@cache
def _models_by_verbose_name() -> dict:
    from django.apps import apps

    found = {}
    for model in apps.get_models():
        if model.__module__.startswith("gongkai."):
            found.setdefault(str(model._meta.verbose_name), model)
    return found


def _field(object_type: str, key: str):
    model = _models_by_verbose_name().get(object_type)
    if model is None:
        return None
    try:
        return model._meta.get_field(key)
    except Exception:  # a key that is not a field: FIELDS names it
        return None


def field_label(object_type: str, key: str) -> str:
    if key in FIELDS:
        return FIELDS[key]
    field = _field(object_type, key)
    if field is not None and getattr(field, "verbose_name", None):
        return str(field.verbose_name)
    return key


def value_label(object_type: str, key: str, value) -> str:
    if value is None or value == "" or value == [] or value == {}:
        return EMPTY
    if isinstance(value, bool):
        return "是" if value else "否"
    field = _field(object_type, key)
    choices = dict(field.flatchoices) if field is not None and getattr(field, "choices", None) else {}
    if key in ("status", "role", "outcome") and not choices:
        choices = _status_choices()
    if isinstance(value, str) and value in choices:
        return str(choices[value])
    if isinstance(value, (list, dict)):
        return f"（{len(value)}项）"
    text = str(value)
    return text if len(text) <= LONG else text[:LONG] + "……"


@cache
def _status_choices() -> dict:
    from gongkai.agencies.models import Role
    from gongkai.applications.models import Status as ApplicationStatus
    from gongkai.applications.outcomes import Outcome
    from gongkai.publishing.models import Status as ItemStatus

    return {
        **dict(ItemStatus.choices),
        **dict(ApplicationStatus.choices),
        **dict(Outcome.choices),
        **dict(Role.choices),
    }


def audit_changes(entry) -> list[str]:
    """An audit entry's before and after as lines "字段：原值 → 新值" (only what changed; "字段：新值" when new)."""
    before, after = entry.before or {}, entry.after or {}
    if not isinstance(before, dict) or not isinstance(after, dict):
        return [f"{value_label('', '', before)} → {value_label('', '', after)}"]
    lines = []
    for key in [*before, *(key for key in after if key not in before)]:
        label = field_label(entry.object_type, key)
        if key in before and key in after:
            if before[key] == after[key]:
                continue
            old, new = value_label(entry.object_type, key, before[key]), value_label(entry.object_type, key, after[key])
            lines.append(f"{label}：{old} → {new}")
        elif key in after:
            lines.append(f"{label}：{value_label(entry.object_type, key, after[key])}")
        else:
            lines.append(f"{label}：{value_label(entry.object_type, key, before[key])} → {EMPTY}")
    return lines


def person_name(user) -> str:
    """A person's name as staff know it, never the login name."""
    if user is None:
        return "系统"
    name = (user.last_name + user.first_name).strip() if _looks_chinese(user.first_name) else user.get_full_name()
    return name or f"未登记姓名的用户（编号{user.pk}）"


def with_people(rows, field: str = "actor"):
    """`rows` (a queryset) with what `person_label` reads of each person fetched up front: one query per relation
    for the whole page instead of two per row."""
    return rows.select_related(field).prefetch_related(f"{field}__memberships", f"{field}__supervisions")


def person_label(user, agency=None) -> str:
    """姓名（岗位）: the person's roles at `agency`, or their standing (系统管理员, 监督人) otherwise."""
    if user is None:
        return "系统"
    name = person_name(user)
    roles = []
    if agency is not None:
        roles = [m.get_role_display() for m in user.memberships.all() if m.agency_id == agency.pk]
    if not roles and user.is_superuser:
        roles = ["系统管理员"]
    if not roles and user.supervisions.all():  # .all(): read from `with_people`'s prefetch, not a query a row
        roles = ["区域监督人"]
    return f"{name}（{'、'.join(roles)}）" if roles and "（" not in name else name


def _looks_chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def cell_label(name: str) -> str:
    """A report cell's or section's machine name (table_b.granted.total, sections.6) as its official labels, from the
    format description: the row's and the column's label paths, or the section heading."""
    from gongkai.report.format import FormatVersion, get_format

    parts = name.split(".")
    for version in (FormatVersion.V2021, FormatVersion.V2019):
        report_format = get_format(version)
        if len(parts) == 2 and parts[0] == "sections":
            try:
                return report_format.section(parts[1]).heading
            except KeyError:
                continue
        if len(parts) != 3:
            break
        try:
            table = report_format.table(parts[0])
        except KeyError:
            continue
        for block in table.blocks:
            rows = {row.key: row for row in block.rows}
            columns = {column.key: column for column in block.columns}
            if parts[1] in rows and parts[2] in columns:
                return " › ".join(dict.fromkeys([*rows[parts[1]].path, *columns[parts[2]].path]))
    return name
