"""Helpers shared by the apps (not an app: no models, no views of its own, imports no app).

- clients: who is asking (the client address behind trusted proxies)
- forms: showing a service's ValidationError on a form or as messages
- errors: the error pages and the 503 for a busy database or unwritable storage
- params: numbers and years read from query strings, refused rather than raised on
"""
