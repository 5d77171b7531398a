"""The codes about files that cannot be read safely: aliases that name nothing, files too large."""

from __future__ import annotations

from playbook.findings import Severity
from playbook.rules.registry import describe

describe(
    "YAML008",
    "undefined-alias",
    Severity.ERROR,
    """
    An alias names an anchor that no value above it defines.

    ## What it does
    Reports an alias (`*name`) whose anchor (`&name`) is not defined earlier in the file,
    at the alias, whether it stands for a value, an item or a key.

    ## Why is this bad?
    An alias copies the value its anchor marks. One that names nothing stands for nothing:
    the file cannot be read, and the account or team in it drops out of every check.

    ## Example
    ```yaml
    # data/teams/delivery.yaml
    # expect: @2:7
    id: delivery
    name: *team-name
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
    "YAML009",
    "file-too-large",
    Severity.ERROR,
    """
    A data file is larger than a data file may be, and is not read.

    ## What it does
    Refuses, without parsing it, a data file larger than `max_file_mb` megabytes (5 unless
    playbook.yaml says otherwise). Only the bytes up to the limit are read to know it.

    ## Why is this bad?
    A real account plan or team charter is a few kilobytes. A file of megabytes is generated
    or foreign (an export pasted in, millions of keys), and reading it would hold up every
    run of the validator, in pre-commit and CI alike.

    ## Example
    ```yaml
    # playbook.yaml
    max_file_mb: 0.0001
    # data/teams/delivery.yaml
    # expect: @1:1
    id: delivery
    name: {en: Delivery}
    type: delivery
    lead: fay-fr
    members: [{id: fay-fr, name: {en: Fay Fu}, roles: [fr]}]
    charter: Delivers what is sold, and what this long sentence describes at some length.
    ```

    ## Use instead
    ```yaml
    # playbook.yaml
    max_file_mb: 5
    # data/teams/delivery.yaml
    id: delivery
    name: {en: Delivery}
    type: delivery
    lead: fay-fr
    members: [{id: fay-fr, name: {en: Fay Fu}, roles: [fr]}]
    charter: Delivers what is sold, and what this long sentence describes at some length.
    ```
""",
)
