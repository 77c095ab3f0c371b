"""linkcheck: can two emissions trading systems link, what blocks them, and who must change what."""

__version__ = "0.1.0"
