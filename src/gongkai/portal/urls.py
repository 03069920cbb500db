from django.urls import path

from gongkai.portal import feeds, sitemaps, views, views_staff

urlpatterns = [
    path("", views.home, name="public-home"),
    path("search/", views.search_page, name="portal-search"),
    path("gk/<int:agency_id>/", views.agency_home, name="public-agency"),
    path("gk/<int:agency_id>/guide/", views.guide, name="portal-guide"),
    path("gk/<int:agency_id>/feed.atom", feeds.agency_feed, name="portal-agency-feed"),
    path("gk/<int:agency_id>/c/<int:category_id>/", views.category_items, name="portal-category"),
    path("gk/<int:agency_id>/c/<int:category_id>/feed.atom", feeds.category_feed, name="portal-category-feed"),
    path("gk/<int:agency_id>/m/<int:entry_id>/", views.catalog_items, name="portal-catalog"),
    path("gk/item/<int:pk>/", views.item, name="public-item"),
    path("gk/attachment/<int:pk>/", views.attachment, name="public-attachment"),
    path("sitemap.xml", sitemaps.sitemap_index, name="portal-sitemap"),
    path("sitemap-pages.xml", sitemaps.sitemap_pages, name="portal-sitemap-pages"),
    path("sitemap-items-<int:part>.xml", sitemaps.sitemap_items, name="portal-sitemap-items"),
    path("robots.txt", sitemaps.robots, name="portal-robots"),
    path("staff/<int:agency_id>/guide/", views_staff.guide_edit, name="portal-guide-edit"),
]
