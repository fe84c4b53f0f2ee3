"""schema.org JSON-LD for a service page, so search engines and assistants read it right."""


def service_jsonld(service, request) -> dict:
    data = {
        "@context": "https://schema.org",
        "@type": "Service",
        "name": service.title,
        "description": service.summary,
        "url": request.build_absolute_uri(),
        "provider": {"@type": "Organization", "name": service.organization.name},
    }
    if service.organization.website:
        data["provider"]["url"] = service.organization.website
    phones = [phone.number for phone in service.phones.all()]
    if phones:
        data["provider"]["telephone"] = phones[0]
    areas = [str(area) for area in service.service_areas.all()]
    if areas:
        data["areaServed"] = areas
    if service.cost == "free":
        # isAccessibleForFree is a Place's (and an Event's) property, not a Service's: a free
        # service is an offer at no price.
        data["offers"] = {"@type": "Offer", "price": 0, "priceCurrency": "GBP"}
    channel = {"@type": "ServiceChannel"}
    languages = [lang.name for lang in service.languages.all()]
    if languages:
        # availableLanguage belongs to the channel through which the service is given.
        channel["availableLanguage"] = languages
    if phones:
        channel["servicePhone"] = {"@type": "ContactPoint", "telephone": phones[0]}
    locations = [sal.location for sal in service.service_at_locations.all()]
    if locations and locations[0].address_1:
        loc = locations[0]
        place = {
            "@type": "Place", "name": loc.name or service.organization.name,
            "address": {"@type": "PostalAddress", "streetAddress": loc.address_1, "addressLocality": loc.city,
                        "postalCode": loc.postal_code, "addressCountry": loc.country},
        }
        if service.cost == "free":
            place["isAccessibleForFree"] = True
        if loc.has_point:
            place["geo"] = {"@type": "GeoCoordinates", "latitude": loc.latitude, "longitude": loc.longitude}
        channel["serviceLocation"] = place
    if len(channel) > 1:
        data["availableChannel"] = channel
    return data
