"""xlwings Lite: the carbon worksheet functions in Excel on the Mac, in the browser and on Windows.

Paste this file into the xlwings Lite editor as main.py, and the lines of requirements.txt
(beside this file) into its requirements.txt tab; the README section "Excel on Mac and the
web (xlwings Lite)" has the steps. Every function is the one the Windows add-in registers
(addin/carbon_udfs.py), with the same arguments, help text and "Error: …" messages; empty
cells give the same results whether the host passes them as None, "" or 0.

Files dropped into xlwings Lite (Files > Import/Export) are under /data: give a function's
``package`` argument such a path, e.g. "/data/cn-grid-factors-2.0.0.zip".
"""

from addin.carbon_udfs import *  # noqa: F401,F403 - every worksheet function (see addin.carbon_udfs.__all__)
