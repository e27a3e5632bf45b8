"""Exceptions and warnings raised by carbon_core.

Every error message names the problem and, where there is one, the fix, so that the
command line and the Excel add-in can show it to a user unchanged.
"""


class CarbonError(Exception):
    """Base class of every error carbon_core raises on purpose.

    Every error carries a short, stable ``code`` naming its class of problem (as frictionless's
    error types do), so that tests, scripts and worksheet users can key on the code rather than
    the wording: the command line and the cells show it in brackets after the message.
    """

    code = "carbon-error"

    def __init__(self, message: str = "", *, code: str | None = None):
        super().__init__(message)
        if code is not None:
            self.code = code


class InputError(CarbonError, ValueError):
    """Input data that cannot be used as given (shape, values, labels)."""

    code = "input-error"


class NotProductiveError(InputError):
    """The technical-coefficient matrix has no usable Leontief inverse."""

    code = "not-productive"


class DataPackageError(CarbonError):
    """A data package is missing, malformed or does not match its description."""

    code = "package-error"


#: The codes, one per class of problem (README, "What bad input gets").
CODES = {
    "input-error": "input that cannot be used as given",
    "not-productive": "a table without a usable Leontief inverse",
    "package-error": "a data package missing, malformed or not matching its description",
    "unknown-region": "a region name that matches no province",
    "unknown-aggregation": "an aggregation that is not shipped",
    "layout-choice": "a domestic adjustment the table's trade layout cannot support",
    "imports-inside": "accounts asked of a table with imports or inflows left inside Z",
    "year-mismatch": "a satellite of another year than the table",
    "categories": "SDA years whose final-demand categories or adjustments cannot be matched",
    "zero-total": "a decomposition of nothing (zero emissions or V in a year)",
    "no-output": "a sector that buys inputs but has no output",
    "not-a-year": "a value given as a year that is no year",
    "empty-cell": "an empty key, name or column in a worksheet range",
    "family": "a parameter outside the families a lookup may use",
    "energy-basis": "kWh and kgce compared without a named basis",
    "hand-edit": "package files edited by hand outside carbon revise",
    "shipped-copy": "a write aimed at the packages that came with the toolkit",
    "duplicate-source": "one package or record id loaded from two places",
    "missing-library": "a computation whose library this Python lacks (e.g. statsmodels under Pyodide)",
}


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
