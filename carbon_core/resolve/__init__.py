"""From what a user names (a packaged table, an official file, ``ceads``, a region) to tables and satellites.

One layer above the IO maths (:mod:`carbon_core.io`) and the data packages (:mod:`carbon_core.data`).
"""
