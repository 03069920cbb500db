"""Staff API tokens."""

from __future__ import annotations

import secrets

from django.db import transaction

from gongkai.applications.models import (
    ApiToken,
    hash_key,
)

# -- API tokens -------------------------------------------------------------------------------------------------------


@transaction.atomic
def api_token_create(*, user, name: str) -> tuple[ApiToken, str]:
    key = "gk_" + secrets.token_urlsafe(30)
    token = ApiToken(user=user, name=name, key_hash=hash_key(key), prefix=key[:8])
    token.full_clean()
    token.save()
    return token, key
