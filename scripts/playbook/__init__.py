"""playbook: key-account coverage kept as code."""

__version__ = "0.1.0"
