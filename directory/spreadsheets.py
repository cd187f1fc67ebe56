from django.http import Http404


def catalog_download(request, catalog, file_format):
    raise Http404
