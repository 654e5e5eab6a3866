"""Services as Open Referral UK 3.0 (HSDS-UK) JSON, with stable ids. Imports nothing of Flask.

Field names are the standard's. Where Signpost keeps something the UK profile has no field for,
the HSDS 3.0 core field of that meaning is used (summary, eligibility_description,
application_process, wait_time, a language's name and code, a phone list on the service); the
profile's schemas allow extra properties, so a consumer that knows only the profile loses
nothing it expects.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import replace

from .content import NATIONAL, Content, Need, Service
from .service_languages import language_codes

VERSION = "3.0"
PROFILE = "https://github.com/openreferral/uk-profile"
SCHEMA_BASE = "https://raw.githubusercontent.com/openreferral/uk-profile/main/schema/"
# Never change: every id published is derived from it, and other systems keep those ids.
NAMESPACE = uuid.UUID("5b1f3c1e-6d0a-5f4e-9c61-2a7e8b4d9f10")

NEEDS_TAXONOMY = "signpost-needs"
DELIVERY_TAXONOMY = "signpost-delivery"
REFERRAL_TAXONOMY = "signpost-referral"
CHECKING_TAXONOMY = "signpost-checking"
UNCONFIRMED_TERM = "details-not-confirmed"
TEXT_ONLY = "Text message (SMS) only, not for calls."
NATIONAL_NAME = "United Kingdom (national service)"

DELIVERY_NAMES = {
    "in-person": ("In person", "Seen face to face at a place people go to."),
    "phone": ("By phone", "Help given over the phone."),
    "text": ("By text message", "Help given by text message."),
    "online": ("Online", "Help given through a website, app or online chat."),
    "video": ("By video call", "Help given over a video call."),
}
REFERRAL_NAMES = {
    "self-referral": ("Self-referral", "People can ask for help themselves."),
    "parent-or-carer": ("Parent or carer", "A parent or carer can ask on a young person's behalf."),
    "gp": ("GP referral", "A GP can refer."),
    "school": ("School referral", "A school or college can refer."),
    "professional": ("Professional referral", "Another professional can refer."),
}
TAXONOMIES = {
    NEEDS_TAXONOMY: ("Signpost needs",
                     "What people look for help with in Signpost, each a term of this taxonomy."),
    DELIVERY_TAXONOMY: ("Signpost ways of getting help",
                        "How a service is delivered: in person, by phone, by text, online, video."),
    REFERRAL_TAXONOMY: ("Signpost routes in", "Who can ask a service for help."),
    CHECKING_TAXONOMY: ("Signpost checking",
                        "Flags about how far a service's details have been confirmed."),
}
CHECKING_TERMS = {
    UNCONFIRMED_TERM: ("Details not yet confirmed",
                       "Some details of this service have not yet been confirmed with the "
                       "service; the attribute's value says what to check."),
}


def oruk_id(kind: str, *parts: str) -> str:
    """A stable UUID for a thing of a kind, from its slugs: the same every time it is built."""
    return str(uuid.uuid5(NAMESPACE, "/".join((kind, *parts))))


def _compact(record: dict) -> dict:
    """The record without empty optional values (None, "" or [])."""
    return {k: v for k, v in record.items() if v not in (None, "", [])}


# --------------------------------------------------------------------------- taxonomies

def taxonomies(content: Content) -> list[dict]:
    """Every taxonomy Signpost publishes."""
    return [taxonomy(slug) for slug in TAXONOMIES]


def taxonomy(slug: str) -> dict:
    """One published taxonomy."""
    name, description = TAXONOMIES[slug]
    return {"id": oruk_id("taxonomy", slug), "name": name, "description": description,
            "version": "1"}


def _term(taxonomy_slug: str, term_slug: str, name: str, description: str) -> dict:
    return {
        "id": oruk_id("taxonomy_term", taxonomy_slug, term_slug),
        "name": name,
        "description": description,
        "taxonomy": TAXONOMIES[taxonomy_slug][0],
        "taxonomy_id": oruk_id("taxonomy", taxonomy_slug),
        "term": term_slug,
    }


def need_term(need: Need) -> dict:
    """A need as a term of the Signpost needs taxonomy."""
    return _term(NEEDS_TAXONOMY, need.slug, need.name, need.description)


def taxonomy_terms(content: Content) -> list[dict]:
    """Every term of every published taxonomy, needs first."""
    terms = [need_term(n) for n in content.needs]
    terms += [_term(DELIVERY_TAXONOMY, k, *v) for k, v in DELIVERY_NAMES.items()]
    terms += [_term(REFERRAL_TAXONOMY, k, *v) for k, v in REFERRAL_NAMES.items()]
    terms += [_term(CHECKING_TAXONOMY, k, *v) for k, v in CHECKING_TERMS.items()]
    return terms


def service_terms(service: Service, content: Content) -> list[tuple[dict, str]]:
    """(term, value) for every term a service is linked to."""
    out = []
    for slug in service.needs:
        need = content.need(slug)
        if need is not None:
            out.append((need_term(need), ""))
    out += [(_term(DELIVERY_TAXONOMY, d, *DELIVERY_NAMES[d]), "") for d in service.delivery]
    out += [(_term(REFERRAL_TAXONOMY, r, *REFERRAL_NAMES[r]), "") for r in service.referral]
    if service.needs_checking:
        out.append((_term(CHECKING_TAXONOMY, UNCONFIRMED_TERM, *CHECKING_TERMS[UNCONFIRMED_TERM]),
                    service.check_note or "Details not yet confirmed with the service."))
    return out


def term_ids(service: Service, content: Content) -> set[str]:
    """The ids of every term a service is linked to."""
    return {term["id"] for term, _ in service_terms(service, content)}


# --------------------------------------------------------------------------- services

def organization(name: str, content: Content) -> dict:
    """An organisation, described by the services it runs in this directory."""
    runs = [s.name for s in content.services if s.organization == name]
    return {
        "id": oruk_id("organization", name.casefold()),
        "name": name,
        "description": "Runs: " + "; ".join(runs) if runs else name,
    }


def service_list_item(service: Service, content: Content) -> dict:
    """A service with its one-to-one fields and organisation, for paged lists."""
    org = organization(service.organization, content)
    confirmed = service.last_checked if not service.needs_checking else None
    return _compact({
        "id": oruk_id("service", service.slug),
        "organization_id": org["id"],
        "name": service.name,
        "summary": service.summary,
        "description": service.description,
        "url": service.url,
        "email": service.email,
        "status": "active",
        "fees": service.fees,
        "minimum_age": service.minimum_age,
        "maximum_age": service.maximum_age,
        "eligibility_description": service.eligibility_description,
        "application_process": "\n".join(service.how_to_get_help),
        "wait_time": service.waiting_time,
        # assured_date: when the details were confirmed; an unconfirmed entry has none.
        "assured_date": confirmed.isoformat() if confirmed else None,
        "organization": org,
    })


def _time(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}:00"


def full_service(service: Service, content: Content) -> dict:
    """A service fully nested: organisation, phones, schedules, areas, languages, locations."""
    sid = oruk_id("service", service.slug)
    record = service_list_item(service, content)
    schedules = [{
        "id": oruk_id("schedule", service.slug, str(i)),
        "service_id": sid,
        "freq": "WEEKLY",
        "interval": 1,
        "byday": ",".join(s.byday),
        "opens_at": _time(s.opens),
        "closes_at": _time(s.closes),
    } for i, s in enumerate(service.schedules)]
    if service.hours_note:
        schedules.append({"id": oruk_id("schedule", service.slug, "note"), "service_id": sid,
                          "description": service.hours_note})
    phones = [_compact({"id": oruk_id("phone", service.slug, str(i)), "number": p.number,
                        "description": p.description})
              for i, p in enumerate(service.phones)]
    phones += [_compact({
        "id": oruk_id("text", service.slug, str(i)), "number": t.number,
        "description": " ".join(x for x in (
            TEXT_ONLY, f"Send the word {t.message}." if t.message else "", t.description) if x),
    }) for i, t in enumerate(service.texts)]
    record.update({
        "schedules": schedules,
        "service_areas": [_service_area(service, slug, content) for slug in service.service_areas],
        "service_at_locations": [location_link(service)] if service.address else [],
        "languages": [_compact({"id": oruk_id("language", service.slug, name), "service_id": sid,
                                "name": name, "code": code})
                      for name, code in _languages(service)],
        "phones": phones,
        "contacts": [],
        "funding": [],
        "cost_options": [_compact({
            "id": oruk_id("cost_option", service.slug), "service_id": sid, "option": service.fees,
            "amount": 0 if service.fees.strip().lower() == "free" else None,
        })],
        "attributes": [{
            "id": oruk_id("attribute", service.slug, term["id"]),
            "link_id": sid,
            "link_type": "service",
            "taxonomy_term_id": term["id"],
            "taxonomy_term": term,
            **({"value": value} if value else {}),
        } for term, value in service_terms(service, content)],
    })
    return record


def _languages(service: Service) -> Iterable[tuple[str, str]]:
    for name in service.languages:
        codes = language_codes(replace(service, languages=(name,)))
        yield name, codes[0] if codes else ""


def _service_area(service: Service, slug: str, content: Content) -> dict:
    area = content.area(slug)
    name = NATIONAL_NAME if slug == NATIONAL else (area.name if area else slug)
    return _compact({
        "id": oruk_id("service_area", service.slug, slug),
        "service_id": oruk_id("service", service.slug),
        "name": name,
        "service_area": name,
        "extent": ",".join(area.postcode_districts) if area else "",
        "extent_type": "postcode districts" if area and area.postcode_districts else "",
    })


def location_link(service: Service) -> dict:
    """The service at its address, with the location nested."""
    address = service.address
    location_id = oruk_id("location", service.slug)
    return {
        "id": oruk_id("service_at_location", service.slug),
        "service_id": oruk_id("service", service.slug),
        "location_id": location_id,
        "location": {
            "id": location_id,
            "location_type": "physical",
            "name": service.name,
            "addresses": [{
                "id": oruk_id("address", service.slug),
                "location_id": location_id,
                "address_1": address.address_1,
                "city": address.city,
                # The UK has no states; the standard requires the field, so it is left empty
                # rather than guessed.
                "state_province": "",
                "postal_code": address.postal_code,
                "country": "GB",
                "address_type": "physical",
            }],
        },
    }


def service_at_location(service: Service, content: Content) -> dict:
    """A service at its location, with the service fully nested.

    The standard's openapi.json describes this response with the service schema while its
    compiled service_at_location schema describes a link; carrying the service's name and status
    as well lets the one response satisfy both.
    """
    link = location_link(service)
    link.update({"name": service.name, "status": "active",
                 "service": full_service(service, content)})
    return link


def located_services(content: Content) -> list[Service]:
    """Services with an address, in pack order."""
    return [s for s in content.services if s.address is not None]
