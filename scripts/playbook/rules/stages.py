"""The codes that reading a file and checking its shape emit, documented like every rule."""

from __future__ import annotations

from playbook.findings import Severity
from playbook.rules.registry import describe

describe(
    "YAML001",
    "yaml-syntax",
    Severity.ERROR,
    """
    The file is not valid YAML, or not UTF-8 text.

    ## What it does
    Reports the mistake that stops the YAML parser at its own line and column, in plain
    words with what to type: full-width punctuation from a Chinese input method (`：` for
    `:`, the ideographic space for a space), a tab used for indentation, a value holding
    `: ` that needs quotes, a line indented to no key, a quote or a bracket never closed
    (where it opened), a key without its colon, or bytes that are not UTF-8. The parser's
    own words follow as a detail.

    ## Why is this bad?
    A file that does not parse says nothing at all: every account, team and rule that
    depends on it silently drops out of the coverage checks.

    ## Example
    ```yaml
    # data/teams/delivery.yaml
    # expect: @1:7
    name: {en: Delivery
    type: delivery
    ```

    ## Use instead
    ```yaml
    # data/teams/delivery.yaml
    id: delivery
    name: {en: Delivery}
    type: delivery
    lead: fay-fr
    members: [{id: fay-fr, name: {en: Fay Fu}, roles: [fr]}]
    charter: Delivers what is sold.
    ```
""",
)

describe(
    "YAML002",
    "duplicate-key",
    Severity.ERROR,
    """
    A mapping sets the same key twice.

    ## What it does
    Reports the second occurrence of a key and names the line of the first.

    ## Why is this bad?
    Most YAML readers keep the last value without a word, so a reviewer who reads the first
    one approves something else than what the tools see: two owners in one file, one of
    them invisible.

    ## Example
    ```yaml
    # data/teams/delivery.yaml
    # expect: @6:1
    id: delivery
    name: {en: Delivery}
    type: delivery
    lead: fay-fr
    members: [{id: fay-fr, name: {en: Fay Fu}, roles: [fr]}]
    lead: sam-sr
    charter: Delivers what is sold.
    ```

    ## Use instead
    ```yaml
    # data/teams/delivery.yaml
    id: delivery
    name: {en: Delivery}
    type: delivery
    lead: fay-fr
    members: [{id: fay-fr, name: {en: Fay Fu}, roles: [fr]}]
    charter: Delivers what is sold.
    ```
""",
)

describe(
    "YAML003",
    "yaml-tag",
    Severity.ERROR,
    """
    A value carries a tag: one that would build an object, or one its text does not fit.

    ## What it does
    Reports tags such as `!!python/object`, `!!binary`, `!!timestamp` or custom `!tags`, and
    values that do not fit the standard tag they are given (`!!int abc`).

    ## Why is this bad?
    Data files hold text, numbers, true/false, lists and mappings. A tag that builds an
    object is how unsafe YAML loading runs code; other tags make a value's type depend on
    the reader. The playbook reads every tag as an error, never as an instruction.

    ## Example
    ```yaml
    # data/teams/delivery.yaml
    # expect: @6:10
    id: delivery
    name: {en: Delivery}
    type: delivery
    lead: fay-fr
    members: [{id: fay-fr, name: {en: Fay Fu}, roles: [fr]}]
    charter: !!python/object/apply:os.system [echo]
    ```

    ## Use instead
    ```yaml
    # data/teams/delivery.yaml
    id: delivery
    name: {en: Delivery}
    type: delivery
    lead: fay-fr
    members: [{id: fay-fr, name: {en: Fay Fu}, roles: [fr]}]
    charter: Delivers what is sold.
    ```
""",
)

describe(
    "YAML004",
    "yaml-too-large",
    Severity.ERROR,
    """
    Aliases expand without bound, refer to themselves, or lists and mappings nest too deep.

    ## What it does
    Stops reading a file whose aliases (`*name`) would expand to more than 200,000 values,
    whose alias refers to the value that contains it, or whose nesting is deeper than 64
    levels.

    ## Why is this bad?
    A few lines of aliases can expand to billions of values (the "billion laughs"), and
    would stall the pre-commit hook and CI for everyone. Playbook data is never that large
    or that deep.

    ## Example
    ```yaml
    # data/teams/delivery.yaml
    # expect: @6:8
    a: &a [x, x, x, x, x, x, x, x, x, x]
    b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]
    c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]
    d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]
    e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]
    f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]
    ```

    ## Use instead
    ```yaml
    # data/teams/delivery.yaml
    id: delivery
    name: {en: Delivery}
    type: delivery
    lead: fay-fr
    members: [{id: fay-fr, name: {en: Fay Fu}, roles: [fr]}]
    charter: Delivers what is sold.
    ```
""",
)

describe(
    "YAML005",
    "empty-file",
    Severity.ERROR,
    """
    The file holds no data (it is empty, or only comments).

    ## What it does
    Reports a data file with nothing in it.

    ## Why is this bad?
    An empty team or account file usually means a change went wrong: content deleted by a
    merge, or a file created and never filled in. It defines nothing, so references to it
    fail elsewhere with less helpful messages.

    ## Example
    ```yaml
    # data/teams/delivery.yaml
    # expect: @1:1
    ```

    ## Use instead
    ```yaml
    # data/teams/delivery.yaml
    id: delivery
    name: {en: Delivery}
    type: delivery
    lead: fay-fr
    members: [{id: fay-fr, name: {en: Fay Fu}, roles: [fr]}]
    charter: Delivers what is sold.
    ```
""",
)

describe(
    "YAML006",
    "complex-key",
    Severity.ERROR,
    """
    A key is a list or a mapping, or a merge key (`<<`).

    ## What it does
    Reports keys that are not plain text, and merge keys.

    ## Why is this bad?
    Keys in playbook files are names and ids. Merge keys copy values in from elsewhere,
    so what a file says can no longer be read from the file itself.

    ## Example
    ```yaml
    # data/teams/delivery.yaml
    # expect: @2:1
    id: delivery
    <<: {type: delivery}
    ```

    ## Use instead
    ```yaml
    # data/teams/delivery.yaml
    id: delivery
    name: {en: Delivery}
    type: delivery
    lead: fay-fr
    members: [{id: fay-fr, name: {en: Fay Fu}, roles: [fr]}]
    charter: Delivers what is sold.
    ```
""",
)

describe(
    "YAML007",
    "several-documents",
    Severity.ERROR,
    """
    A data file holds more than one YAML document.

    ## What it does
    Reports a second `---` document in a file.

    ## Why is this bad?
    Each file is one team, one account or one assessment; a second document would be
    ignored by some readers and merged by others.

    ## Example
    ```yaml
    # data/teams/delivery.yaml
    # expect: @7:1
    id: delivery
    name: {en: Delivery}
    type: delivery
    lead: fay-fr
    members: [{id: fay-fr, name: {en: Fay Fu}, roles: [fr]}]
    charter: Delivers what is sold.
    ---
    id: delivery-two
    ```

    ## Use instead
    ```yaml
    # data/teams/delivery.yaml
    id: delivery
    name: {en: Delivery}
    type: delivery
    lead: fay-fr
    members: [{id: fay-fr, name: {en: Fay Fu}, roles: [fr]}]
    charter: Delivers what is sold.
    ```
""",
)

describe(
    "SCH001",
    "wrong-value",
    Severity.ERROR,
    """
    A value has the wrong type or is out of range for its schema.

    ## What it does
    Checks each value against the file kind's JSON Schema: text where text belongs, whole
    numbers, dates written YYYY-MM-DD, ids in lowercase-with-hyphens, levels from -1 to 3,
    one of the allowed words. The message says what was expected and what was found.

    ## Why is this bad?
    A wrong value either stops the cross-file rules from seeing the file at all, or, worse,
    is read as something else: `NO` as false, `007` as 7.

    ## Example
    ```yaml
    # data/teams/delivery.yaml
    # expect: @3:7
    id: delivery
    name: {en: Delivery}
    type: delivry
    lead: fay-fr
    members: [{id: fay-fr, name: {en: Fay Fu}, roles: [fr]}]
    charter: Delivers what is sold.
    ```

    ## Use instead
    ```yaml
    # data/teams/delivery.yaml
    id: delivery
    name: {en: Delivery}
    type: delivery
    lead: fay-fr
    members: [{id: fay-fr, name: {en: Fay Fu}, roles: [fr]}]
    charter: Delivers what is sold.
    ```
""",
)

describe(
    "SCH002",
    "unknown-key",
    Severity.ERROR,
    """
    A key that the file kind does not define, usually a typo.

    ## What it does
    Reports keys the schema does not know, and suggests the closest one it does.

    ## Why is this bad?
    A misspelled key is silently ignored by lenient readers: `backpu: li-na` looks like a
    backup in review and means no backup at all.

    ## Example
    ```yaml
    # data/teams/delivery.yaml
    # expect: @6:1
    id: delivery
    name: {en: Delivery}
    type: delivery
    lead: fay-fr
    members: [{id: fay-fr, name: {en: Fay Fu}, roles: [fr]}]
    charterr: Delivers what is sold.
    ```

    ## Use instead
    ```yaml
    # data/teams/delivery.yaml
    id: delivery
    name: {en: Delivery}
    type: delivery
    lead: fay-fr
    members: [{id: fay-fr, name: {en: Fay Fu}, roles: [fr]}]
    charter: Delivers what is sold.
    ```
""",
)

describe(
    "SCH003",
    "missing-key",
    Severity.ERROR,
    """
    A required key is missing.

    ## What it does
    Reports keys the schema requires that the file (or one of its entries) leaves out,
    pointing at the mapping that should hold them.

    ## Why is this bad?
    The required keys are the ones coverage depends on: a team without a lead, an account
    without an owner or a tier cannot be checked or shown.

    ## Example
    ```yaml
    # data/teams/delivery.yaml
    # expect: @1:1
    id: delivery
    name: {en: Delivery}
    type: delivery
    members: [{id: fay-fr, name: {en: Fay Fu}, roles: [fr]}]
    charter: Delivers what is sold.
    ```

    ## Use instead
    ```yaml
    # data/teams/delivery.yaml
    id: delivery
    name: {en: Delivery}
    type: delivery
    lead: fay-fr
    members: [{id: fay-fr, name: {en: Fay Fu}, roles: [fr]}]
    charter: Delivers what is sold.
    ```
""",
)

describe(
    "FILE001",
    "stray-file",
    Severity.WARNING,
    """
    A file under data/ that is not part of the layout, so it is not read.

    ## What it does
    Warns about files below `data/` that are not `taxonomy.yaml`, `tiers.yaml`,
    `teams/<id>.yaml`, `accounts/<id>/account.yaml` or
    `accounts/<id>/assessments/<date>.yaml`, such as a team saved as `.yml`.

    ## Why is this bad?
    The author believes the file counts; it does not. A team charter saved with the wrong
    ending leaves its accounts without an owner.

    ## Example
    ```yaml
    # data/teams/partners.yml
    # expect: @1:1
    id: partners
    ```

    ## Use instead
    ```yaml
    # data/teams/delivery.yaml
    id: delivery
    name: {en: Delivery}
    type: delivery
    lead: fay-fr
    members: [{id: fay-fr, name: {en: Fay Fu}, roles: [fr]}]
    charter: Delivers what is sold.
    ```
""",
)

describe(
    "FILE002",
    "missing-file",
    Severity.ERROR,
    """
    A file the playbook needs is missing.

    ## What it does
    Reports a missing `data/taxonomy.yaml` or `data/tiers.yaml`, and an account folder
    that has assessments but no `account.yaml`.

    ## Why is this bad?
    Without the taxonomy and tiers nothing can be checked; assessments without an account
    plan belong to nobody and are never shown.

    ## Example
    ```yaml
    # data/accounts/ghost/assessments/2026-09-30.yaml
    # expect: @1:1
    date: 2026-09-30
    assessor: amy-ar
    dimensions: {executive: 1}
    ```

    ## Use instead
    ```yaml
    # data/accounts/acme/assessments/2026-09-30.yaml
    date: 2026-09-30
    assessor: amy-ar
    dimensions: {executive: 1, key-person: 2}
    contacts: {zhao-lei: 1, qian-yu: 2}
    ```
""",
)

describe(
    "FILE003",
    "unreadable-file",
    Severity.ERROR,
    """
    A data file could not be read from disk.

    ## What it does
    Reports files the validator has no permission to read, or that are broken links.

    ## Why is this bad?
    What cannot be read cannot be checked; a broken link in the repository usually points
    at a file that was never committed.

    ## Example
    ```yaml
    # data/teams/partners.yaml
    # symlink: ../../elsewhere/partners.yaml
    # expect: @1:1
    ```

    ## Use instead
    ```yaml
    # data/teams/delivery.yaml
    id: delivery
    name: {en: Delivery}
    type: delivery
    lead: fay-fr
    members: [{id: fay-fr, name: {en: Fay Fu}, roles: [fr]}]
    charter: Delivers what is sold.
    ```
""",
)
