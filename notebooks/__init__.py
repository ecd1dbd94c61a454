"""The notebooks, installed with the package as ``sat.notebooks``.

Analysts open them here; ``sat report`` executes ``brief.ipynb`` and ``sat notebook NAME``
writes a copy of any of them, both found with ``importlib.resources`` so that an
installed ``sat`` works outside this checkout.
"""
