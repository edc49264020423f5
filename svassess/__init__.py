"""svassess: how ready is a provider to evidence its social value? (Kept import-light.)"""

__version__ = "0.1.0"
