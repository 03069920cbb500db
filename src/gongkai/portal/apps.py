from django.apps import AppConfig
from django.db.backends.signals import connection_created


def _register_sqlite_functions(sender, connection, **kwargs):
    """The search index's triggers call these on every write (gongkai.portal.search); migration 0003 still names
    gongkai_bigrams when a new database is migrated."""
    if connection.vendor == "sqlite":
        from gongkai.portal.search import bigrams, index_chars, index_pairs

        for name, function in (
            ("gongkai_bigrams", bigrams),
            ("gongkai_search_pairs", index_pairs),
            ("gongkai_search_chars", index_chars),
        ):
            connection.connection.create_function(name, 1, function, deterministic=True)


def _agency_changed(sender, *, agency_id: int, **kwargs) -> None:
    from gongkai.portal import sync

    sync.names_changed(agency_id=agency_id)


class PortalConfig(AppConfig):
    name = "gongkai.portal"
    verbose_name = "公开门户"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        connection_created.connect(_register_sqlite_functions, dispatch_uid="gongkai-portal-sqlite-functions")
        # The portal builds on publishing and agencies; they tell it what changed through these (never import it).
        from gongkai.agencies.signals import agency_changed
        from gongkai.portal import sync
        from gongkai.publishing import public_site

        agency_changed.connect(_agency_changed, dispatch_uid="gongkai-portal-agency-changed")
        public_site.connect(sync)
