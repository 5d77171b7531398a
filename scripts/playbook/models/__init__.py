"""The data model: one pydantic model per file kind. The JSON Schemas are generated from it."""

from __future__ import annotations

from pydantic import BaseModel

from playbook.models.account import Account
from playbook.models.assessment import Assessment
from playbook.models.settings import Settings
from playbook.models.taxonomy import Taxonomy
from playbook.models.team import Team
from playbook.models.tiers import TiersFile

#: The file kinds, keyed by the name of their schema in schemas/<kind>.schema.json.
FILE_KINDS: dict[str, type[BaseModel]] = {
    "taxonomy": Taxonomy,
    "tiers": TiersFile,
    "team": Team,
    "account": Account,
    "assessment": Assessment,
    "settings": Settings,
}

__all__ = ["FILE_KINDS", "Account", "Assessment", "Settings", "Taxonomy", "Team", "TiersFile"]
