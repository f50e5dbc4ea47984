"""Files on disk, and nothing about what they mean.

- ``strict_yaml``: the strict, positional YAML loader (no tags, no aliases, a size
  cap; every value knows its line and column);
- ``yaml_edit``: round-trip edits that keep a person's comments and layout (sign-off,
  approval, confirmation, imports);
- ``write``: the one place that writes a file, atomically.
"""
