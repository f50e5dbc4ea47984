"""From a leaflet to the bytes of a PDF, checked.

``html`` (the Jinja2 environment and the page's HTML), ``fonts`` (which
installed fonts draw a language), ``fit`` (the body size at which each section
fits its page), ``largeprint``, ``completeness`` (every letter laid out),
``watermark``, ``page_words`` and ``pdf_text`` (the words read back from the PDF
and compared with the governed texts), ``prints`` (one worker per process that
renders every kind of print) and ``pdf/`` (the only code that imports WeasyPrint).
"""
