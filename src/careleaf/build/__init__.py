"""A build: what was asked, who renders it, and what is on disk afterwards.

``run`` (the build itself), ``options``, ``pool`` and ``lifeline`` (worker
processes that end with the build), ``report``, ``outputs`` (every output folder
and path, and which PDFs go), ``manifest``, ``keys`` (the input hash of each
output) and ``uptodate`` (the no-op proof, from the manifest alone).
"""
