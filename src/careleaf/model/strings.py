"""The interface strings of one language (headings, labels, alt texts), from ``i18n/``."""

from __future__ import annotations

from .types import Heading, Label, Model, Sentence


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
