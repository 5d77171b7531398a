"""(rules of this family are registered here)"""

from __future__ import annotations
