"""The public portal's own records: the agency's 政府信息公开指南, the search text of each public item, and the
version tokens that decide whether a cached public page is still true."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from gongkai.agencies.models import Agency
from gongkai.publishing.models import Item


class Guide(models.Model):
    """An agency's 政府信息公开指南 (第19条 and 第23条): how to find what it publishes and how to apply for the rest."""

    agency = models.OneToOneField(Agency, verbose_name="机关", on_delete=models.CASCADE, related_name="guide")
    body = models.TextField("指南正文", help_text="保存时自动清理不安全的 HTML。")
    updated_at = models.DateTimeField("更新时间", auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="更新人", null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = verbose_name_plural = "政府信息公开指南"

    def __str__(self) -> str:
        return f"{self.agency} 政府信息公开指南"


class SearchDocument(models.Model):
    """The plain text search runs over for one public item (title, 文号, body). Only public items have one.

    On SQLite an FTS5 table of the text's character pairs and characters mirrors this table through triggers
    (migration 0004); on PostgreSQL pg_trgm and bigram GIN indexes cover `text` (migrations 0002 and 0003)."""

    item = models.OneToOneField(Item, primary_key=True, on_delete=models.CASCADE, related_name="search_document")
    title = models.CharField(max_length=300)
    text = models.TextField()
    # Newest first as one integer (gongkai.portal.search.sort_key): on SQLite the rowid of the index, so that the
    # newest matches are read straight off the index. Always set by gongkai.portal.sync; nullable only so that
    # adding it did not rebuild the table (and drop the index's triggers) on SQLite.
    sort_key = models.BigIntegerField(null=True, unique=True)

    def __str__(self) -> str:
        return self.title


class PageVersion(models.Model):
    """A random token per scope ("site", "agency:3", "category:7", "catalog:5", "item:42") replaced whenever what
    the scope's pages show changes. Cached pages and ETags are keyed on the tokens, so a change is seen at once."""

    scope = models.CharField(max_length=40, primary_key=True)
    token = models.CharField(max_length=32)
    changed_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.scope}={self.token}"
