"""Choosing resources for a reader: plain functions over the database."""

from dataclasses import dataclass

from django.db.models import Q

from romahub.resources.models import Resource


@dataclass
class Filters:
    query: str = ""
    audience: str = ""
    kind: str = ""
    language: str = ""
    free_only: bool = False


def matching(filters: Filters, queryset=None):
    resources = Resource.objects.all() if queryset is None else queryset
    if filters.audience:
        resources = resources.filter(audiences__contains=f",{filters.audience},")
    if filters.kind:
        resources = resources.filter(kind=filters.kind)
    if filters.language:
        resources = resources.filter(languages__contains=f",{filters.language},")
    if filters.free_only:
        resources = resources.filter(cost="free")  # free with registration is not "free" here: it asks for details
    for word in filters.query.split()[:8]:
        resources = resources.filter(Q(title__icontains=word) | Q(summary__icontains=word) | Q(publisher__icontains=word))
    return resources.order_by("title")
