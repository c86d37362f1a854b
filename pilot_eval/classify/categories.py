"""The content categories of SPEC section 7: codes, order and French names."""

from __future__ import annotations

#: The nine category codes, in SPEC order (section 7).
CATEGORIES: tuple[str, ...] = (
    "prevention",
    "appeal_witness",
    "missing_person",
    "operations",
    "traffic",
    "recruitment",
    "institutional",
    "community",
    "other",
)

#: French names shown to directors in the report.
CATEGORY_LABELS_FR: dict[str, str] = {
    "prevention": "Prévention",
    "appeal_witness": "Appel à témoins",
    "missing_person": "Disparitions inquiétantes",
    "operations": "Résultats d'enquête / interpellations",
    "traffic": "Circulation",
    "recruitment": "Recrutement",
    "institutional": "Institutionnel",
    "community": "Vie du service / humour",
    "other": "Autre",
}

#: The fallback category when nothing points anywhere.
OTHER = "other"
