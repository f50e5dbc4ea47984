"""What a handout is: the frozen, typed models and the rules of their text.

``model`` (content, governance, clinic, UI strings), ``validate`` (a loaded document
into a model, every problem with its location), ``fields`` (the field paths and
item ids of a document), ``i18n`` (language tags, scripts, directions, dates),
``phones`` and ``regions`` (numbers checked and formatted by libphonenumber), and
``logo`` (a clinic logo read and checked before it is embedded).
"""
