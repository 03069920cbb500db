from django.conf import settings


def site_url(request) -> dict:
    """The absolute origin for canonical and Open Graph links: GONGKAI_PUBLIC_URL, else this request's."""
    return {"site_url": settings.GONGKAI_PUBLIC_URL or f"{request.scheme}://{request.get_host()}"}
