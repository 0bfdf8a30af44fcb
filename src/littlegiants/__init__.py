"""littlegiants: exact, typed tools for China's 专精特新 SME programme and its little giants."""

from littlegiants.errors import CurrencyMismatchError, LittleGiantsError
from littlegiants.money import Money

__all__ = ["CurrencyMismatchError", "LittleGiantsError", "Money"]
