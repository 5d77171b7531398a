"""The published site: generated pages, the staging folder, and the one module that runs MkDocs.

``pages`` turns the typed playbook into Markdown strings (escaping every value from the data
with ``escape``); ``staging`` copies docs/ and those pages into a temporary folder with a
config that points at it; ``engine`` builds or serves that folder with MkDocs.
"""

from __future__ import annotations
