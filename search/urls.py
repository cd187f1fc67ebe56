from django.urls import path

from . import feeds, views

urlpatterns = [
    path("search/", views.search_page, name="search"),
    path("search/feed/", feeds.search_feed, name="search_feed"),
    path("search/go/<int:page_id>/", views.follow_result, name="search_follow"),
    path("search/download.<str:file_format>", views.search_download, name="search_download"),
    path("api/search/", views.search_api, name="search_api"),
    path("api/search/suggest/", views.suggest_api, name="search_suggest"),
]
