from django.apps import AppConfig
from django.db.backends.signals import connection_created


def _register_sqlite_functions(sender, connection, **kwargs):
    """The bigram index's triggers call gongkai_bigrams (gongkai.portal.search.bigrams) on every SQLite connection."""
    if connection.vendor == "sqlite":
        from gongkai.portal.search import bigrams

        connection.connection.create_function("gongkai_bigrams", 1, bigrams, deterministic=True)


class PortalConfig(AppConfig):
    name = "gongkai.portal"
    verbose_name = "公开门户"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        connection_created.connect(_register_sqlite_functions, dispatch_uid="gongkai-portal-sqlite-functions")
