"""The customer base: every row of a CRM extract gets its one owner, its tier and its flags.

The playbook's rules become small tables (``tables``), the extract is read as it comes
(``extract``) with its columns found by the settings' mapping (``mapping``), and the
assignment is joins and aggregates in DuckDB over the stream of rows (``assignment``). What it
found is a ``summary``; ``writers`` put the summary and the rows into files.
"""
