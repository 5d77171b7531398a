"""The summary counts in words that agree with the number: one named account, two named accounts."""

from __future__ import annotations

from playbook.assign import writers
from playbook.assign.summary import Missing, Summary


def summary_missing(count: int) -> Summary:
    missing = [Missing(f"account-{index}", f"A-{index}", "finance-key-accounts") for index in range(count)]
    return Summary("crm.csv", customers=3, named=1, regional=2, missing=missing)


def test_one_named_account_missing_is_singular() -> None:
    assert "1 named account missing from the extract" in writers.text(summary_missing(1))
    assert "1 named account missing." in writers.markdown(summary_missing(1))


def test_other_counts_of_named_accounts_missing_are_plural() -> None:
    for count in (0, 2):
        assert f"{count} named accounts missing from the extract" in writers.text(summary_missing(count))
        assert f"{count} named accounts missing." in writers.markdown(summary_missing(count))
