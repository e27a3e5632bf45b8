"""Exceptions and warnings raised by carbon_core.

Every error message names the problem and, where there is one, the fix, so that the
command line and the Excel add-in can show it to a user unchanged.
"""


class CarbonError(Exception):
    """Base class of every error carbon_core raises on purpose."""


class InputError(CarbonError, ValueError):
    """Input data that cannot be used as given (shape, values, labels)."""


class NotProductiveError(InputError):
    """The technical-coefficient matrix has no usable Leontief inverse."""


class DataPackageError(CarbonError):
    """A data package is missing, malformed or does not match its description."""


class CarbonWarning(UserWarning):
    """Base class of the warnings carbon_core issues: a result is computed but needs a look.

    The command line prints them on stderr; worksheet functions add them below the result.
    """


class NegativeFinalDemandWarning(CarbonWarning):
    """Balancing final demand y = x - Z·1 is negative for some sectors.

    Real tables show this where inventories were drawn down or imports exceed domestic
    final use (competitive-import tables); results stay exact but are worth a look.
    """


class NegativeValueAddedWarning(CarbonWarning):
    """A sector's intermediate inputs exceed its output (negative value added).

    Economically impossible in a balanced table; usually x is not total output, a column is
    in another unit, or the table was cut from a larger one. The Leontief results are still
    computed when the system is productive, with this warning beside them.
    """


class ProductivityUnverifiedWarning(CarbonWarning):
    """The spectral-radius check of a table with negative entries did not finish in its budget."""
