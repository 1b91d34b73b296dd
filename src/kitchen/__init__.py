"""Systems Kitchen: a co-op kitchen game for healthcare-leadership workshops."""

__version__ = "0.1.0"
