"""Production settings: the base settings plus HTTPS everywhere and a secret key that must come from the environment.

`DJANGO_SETTINGS_MODULE=gongkai.site.settings_production gongkai manage check --deploy` is clean.
"""

from gongkai.site.env import env_bool, env_int, env_str
from gongkai.site.settings import *  # noqa: F403

SECRET_KEY = env_str("GONGKAI_SECRET_KEY")  # no default: fail loudly
DEBUG = False
SECURE_SSL_REDIRECT = env_bool("GONGKAI_SSL_REDIRECT", True)
# The load balancer probes each node over plain HTTP on its private address (docs/deploy.md)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env_int("GONGKAI_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("GONGKAI_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("GONGKAI_HSTS_PRELOAD", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_REFERRER_POLICY = "same-origin"
