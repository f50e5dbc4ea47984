"""The interface strings of one language (headings, labels, alt texts), from ``i18n/``."""

from __future__ import annotations

from careleaf.content.model.types import Heading, Label, Model, OptionalLabel, Sentence

#: UI strings a language may leave out (or empty) without being unfinished; careleaf
#: prints them only where they are given.
OPTIONAL_STRINGS = frozenset({"not_for_patient_use"})


class Urgency(Model):
    label: Label
    action: Sentence


class UrgencyStrings(Model):
    emergency: Urgency
    urgent: Urgency
    soon: Urgency


class SectionStrings(Model):
    home_care: Heading
    warning_signs: Heading
    prevention: Heading


class UIStrings(Model):
    """Labels printed around the content (``handouts/_strings/<lang>.yaml``)."""

    language: str
    sections: SectionStrings
    urgency: UrgencyStrings
    review_line: Sentence
    not_reviewed: Sentence
    page_of: Label
    online_version: Sentence
    printed_on: Sentence
    when_closed: Sentence
    other_formats: Sentence
    # What a screen reader says for the clinic logo and the QR code.
    logo_alt: Sentence
    qr_code_alt: Sentence
    # The watermark of a print that is not for patients, in this language (optional:
    # careleaf always prints it in English; see careleaf.render.watermark).
    not_for_patient_use: OptionalLabel = None
